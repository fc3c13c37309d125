package com.bank.gdw.loader.dcf;

/** DCF_T_STRM_INST.TRIGGER_TYPE: what started a run. */
public enum TriggerType {
    FILE, SCHEDULE, MANUAL, JMX,
    /** replay of archived files: the same-content skip does not apply */
    REPLAY
}
