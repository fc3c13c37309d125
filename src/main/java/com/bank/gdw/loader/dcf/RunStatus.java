package com.bank.gdw.loader.dcf;

/** DCF_T_STRM_INST.STRM_STATUS. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED, NO_DATA_AVAILABLE, ABANDONED
}
