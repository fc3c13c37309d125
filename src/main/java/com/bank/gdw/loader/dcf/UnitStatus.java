package com.bank.gdw.loader.dcf;

/** DCF_T_PRCS_INST.PRCS_STATUS. */
public enum UnitStatus {
    RUNNING, COMPLETED, FAILED, QUALITY_ISSUES, CONTROL_MISMATCH, SKIPPED_DUPLICATE, ABANDONED;

    /** A unit that lets its run complete. */
    public boolean isSuccess() {
        return this == COMPLETED || this == SKIPPED_DUPLICATE;
    }
}
