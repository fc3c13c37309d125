package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** One row of DCF_T_STRM_INST. */
public record RunRecord(long id, int streamId, String streamName, LocalDate businessDate, String batchId,
                        TriggerType trigger, LocalDateTime start, LocalDateTime end, RunStatus status,
                        Integer filesFound, Integer filesLoaded, String error, String host) {
}
