package com.bank.gdw.loader.load;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * One unit's write into the target: its process instance, business date and load time, the process instances whose
 * rows it replaces (earlier loads of the same unit and date), and whether it must go through a staging table.
 */
public record TargetLoad(StreamDefinition stream, long processId, LocalDate businessDate, LocalDateTime loadTimestamp,
                         List<Long> replacedProcessIds, boolean staging) {

    public TargetLoad {
        replacedProcessIds = List.copyOf(replacedProcessIds);
    }

    public TargetLoad withStaging() {
        return new TargetLoad(stream, processId, businessDate, loadTimestamp, replacedProcessIds, true);
    }
}
