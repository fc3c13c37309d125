package com.bank.gdw.loader.feed;

/** Reason codes written to the reject table (UTIL_TRSF_EROR_RQM3.CONV_MAP_RULE_M). */
public enum RejectReason {
    FIELD_COUNT, KEY_MISSING, INVALID_VALUE, DUPLICATE_KEY
}
