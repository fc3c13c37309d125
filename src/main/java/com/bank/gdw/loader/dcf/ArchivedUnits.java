package com.bank.gdw.loader.dcf;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;

/**
 * The archived files of the latest successful (COMPLETED) load of each unit of a business date, found through
 * DCF_T_PRCS_INST and the DONE archive moves of DCF_T_FILE_MOVE, with the SHA-256 the move recorded.
 */
public final class ArchivedUnits {

    /** One archived file: its role (LOAD, TRIGGER), its name when it arrived, where it lies and its recorded bytes. */
    public record File(String role, String originalName, Path archived, String sha256) { }

    /** The latest COMPLETED load of a unit and its archived files. */
    public record Unit(String unit, long processId, List<File> files) { }

    private ArchivedUnits() {
    }

    /** In unit order; a unit without a COMPLETED load of the date is not listed. */
    public static List<Unit> latest(Handle h, int streamId, LocalDate date) {
        Map<String, Long> latest = new LinkedHashMap<>();
        h.createQuery("SELECT PRCS_NAME, PRCS_INST_ID FROM DCF_T_PRCS_INST WHERE STRM_ID = :stream AND PRCS_BUS_DT = :date "
                        + "AND PRCS_STATUS = 'COMPLETED' ORDER BY PRCS_NAME, PRCS_INST_ID")
                .bind("stream", streamId).bind("date", date)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> latest.put(e.getKey(), e.getValue()));
        List<Unit> units = new ArrayList<>();
        latest.forEach((unit, pid) -> units.add(new Unit(unit, pid, h.createQuery(
                        "SELECT FILE_ROLE, SOURCE_PATH, TARGET_PATH, FILE_SHA256 FROM DCF_T_FILE_MOVE WHERE PRCS_INST_ID = :p "
                                + "AND DESTINATION = 'ARCHIVE' AND MOVE_STATUS = 'DONE' ORDER BY MOVE_ID")
                .bind("p", pid)
                .map((rs, ctx) -> new File(rs.getString(1), Path.of(rs.getString(2)).getFileName().toString(),
                        Path.of(rs.getString(3)), rs.getString(4)))
                .list())));
        return units;
    }
}
