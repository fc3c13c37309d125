package com.bank.gdw.loader.camel;

import java.time.LocalDate;

import com.bank.gdw.loader.dcf.TriggerType;

/** A request to run a stream for a business date, from a trigger, the command line or JMX. */
public record RunRequest(LocalDate businessDate, TriggerType trigger, String batchId) {

    /** What DCF_T_STRM_INST.BATCH_ID holds. */
    public static final int MAX_BATCH_ID = 64;

    public static RunRequest of(LocalDate date, TriggerType trigger) {
        return new RunRequest(date, trigger, null);
    }
}
