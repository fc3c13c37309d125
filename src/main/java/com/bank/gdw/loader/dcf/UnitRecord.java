package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** One row of DCF_T_PRCS_INST. */
public record UnitRecord(long id, long runId, String unit, LocalDate businessDate, String fileName, String sha256,
                         LocalDateTime start, LocalDateTime end, UnitStatus status, UnitFigures figures, String error) {
}
