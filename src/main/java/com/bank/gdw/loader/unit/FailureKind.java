package com.bank.gdw.loader.unit;

/** Whose problem a failed unit is: its files' (they go to error/) or the infrastructure's (they stay for the next run). */
public enum FailureKind {
    FILE, INFRASTRUCTURE
}
