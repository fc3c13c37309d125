package com.bank.gdw.loader.run;

import com.bank.gdw.loader.dcf.RunStatus;

/** How a run ends: its final status and, unless it completed, why. */
public record RunVerdict(RunStatus status, String message) { }
