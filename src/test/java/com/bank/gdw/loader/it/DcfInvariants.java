package com.bank.gdw.loader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants 3 to 6 of dcf-control-tables.md, checked by queries after a scenario; 6 extended to inprocess: every file
 * is in landing, inprocess, an archive or error, and a claimed file in one of them only.
 */
public final class DcfInvariants {

    private DcfInvariants() {
    }

    /** Regular files anywhere under a directory. */
    static List<Path> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertHold(LoaderHarness h) {
        assertHold(h, h.stream());
    }

    public static void assertHold(LoaderHarness h, com.bank.gdw.loader.stream.StreamDefinition stream) {
        String targetTable = stream.targetTable();
        String processColumn = stream.loaderColumns().processInstance();
        // 3. every unit and every run has one final status
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_STATUS = 'RUNNING'"))
                .as("units left RUNNING").isZero();
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE STRM_STATUS = 'RUNNING'"))
                .as("runs left RUNNING").isZero();
        // 4. counts add up for COMPLETED units and the reject table holds their rejects and duplicates
        List<Map<String, Object>> bad = h.rows("SELECT p.PRCS_INST_ID, p.INPUT_ROWS, p.ROWS_WRITTEN, p.REJECTED_ROWS, p.DUPLICATE_ROWS, "
                + "(SELECT COUNT(*) FROM UTIL_TRSF_EROR_RQM3 e WHERE e.PRCS_INST_ID = p.PRCS_INST_ID) AS REJECT_ROWS "
                + "FROM DCF_T_PRCS_INST p WHERE p.PRCS_STATUS = 'COMPLETED' AND (p.INPUT_ROWS <> p.ROWS_WRITTEN + p.REJECTED_ROWS + p.DUPLICATE_ROWS "
                + "OR (SELECT COUNT(*) FROM UTIL_TRSF_EROR_RQM3 e WHERE e.PRCS_INST_ID = p.PRCS_INST_ID) <> p.REJECTED_ROWS + p.DUPLICATE_ROWS)");
        assertThat(bad).as("COMPLETED units whose counts do not add up").isEmpty();
        // 5. every target row names a COMPLETED process instance
        assertThat(h.number("SELECT COUNT(*) FROM " + targetTable + " t WHERE NOT EXISTS (SELECT 1 FROM DCF_T_PRCS_INST p "
                + "WHERE p.PRCS_INST_ID = t." + processColumn + " AND p.PRCS_STATUS = 'COMPLETED')"))
                .as("target rows of a process instance that is not COMPLETED").isZero();
        // 6. every dropped file is in landing, inprocess, an archive or error, and an archived or error file has its row
        Path inprocess = h.loader().settings().directories().inprocess();
        List<Path> held = filesUnder(inprocess);
        List<Map<String, Object>> errorMoves = h.rows("SELECT SOURCE_PATH, TARGET_PATH FROM DCF_T_FILE_MOVE WHERE DESTINATION = 'ERROR' "
                + "AND MOVE_STATUS = 'DONE'");
        for (String name : h.droppedFiles()) {
            Path landing = h.landing().resolve(name);
            List<String> archived = h.rows("SELECT ARCHIVE_PATH FROM DCF_T_DATA_LINEAGE WHERE SOURCE_FILE = ? AND LIFECYCLE_STAGE = 'ARCHIVED'", name)
                    .stream().map(r -> (String) r.get("ARCHIVE_PATH")).toList();
            // an archived file housekeeping deleted after its retention is accounted for by its PURGED lineage row
            long purged = h.number("SELECT COUNT(*) FROM DCF_T_DATA_LINEAGE WHERE SOURCE_FILE = ? AND LIFECYCLE_STAGE = 'PURGED'", name);
            List<String> errored = errorMoves.stream().filter(r -> Path.of((String) r.get("SOURCE_PATH")).getFileName().toString().equals(name))
                    .map(r -> (String) r.get("TARGET_PATH")).toList();
            long present = (Files.exists(landing) ? 1 : 0) + purged
                    + held.stream().filter(p -> p.getFileName().toString().equals(name)).count()
                    + archived.stream().filter(p -> Files.exists(Path.of(p))).count()
                    + errored.stream().filter(p -> Files.exists(Path.of(p))).count();
            assertThat(present).as("%s is in landing, inprocess, archived (with lineage) or in error (with its move)", name)
                    .isGreaterThanOrEqualTo(1);
        }
        // a claimed file is in exactly one place: a move on from inprocess left nothing behind there
        for (Map<String, Object> r : h.rows("SELECT SOURCE_PATH, DESTINATION FROM DCF_T_FILE_MOVE WHERE MOVE_STATUS = 'DONE' "
                + "AND DESTINATION <> 'INPROCESS' AND FILE_SIZE IS NOT NULL")) {
            assertThat(Path.of((String) r.get("SOURCE_PATH"))).as("moved on to %s", r.get("DESTINATION")).doesNotExist();
        }
        // and a file stays in inprocess only while its unit runs, or after a refused move (left for an operator)
        for (Path p : held) {
            assertThat(h.number("SELECT COUNT(*) FROM DCF_T_FILE_MOVE c WHERE c.TARGET_PATH = ? AND c.DESTINATION = 'INPROCESS' "
                    + "AND (EXISTS (SELECT 1 FROM DCF_T_PRCS_INST u WHERE u.PRCS_INST_ID = c.PRCS_INST_ID AND u.PRCS_STATUS = 'RUNNING') "
                    + "OR EXISTS (SELECT 1 FROM DCF_T_FILE_MOVE r WHERE r.SOURCE_PATH = c.TARGET_PATH AND r.MOVE_STATUS = 'REFUSED'))",
                    p.toString())).as("%s left in inprocess", p).isPositive();
        }
        // lineage of every archived file keeps it for the configured retention (seven years unless configured)
        int retention = h.loader().settings().retentionDays();
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_DATA_LINEAGE WHERE LIFECYCLE_STAGE = 'ARCHIVED' "
                + "AND RETENTION_EXPIRY_DATE <> CAST(ARCHIVE_TS AS DATE) + " + retention))
                .as("lineage rows whose expiry is not archive date + %d days", retention).isZero();
    }
}
