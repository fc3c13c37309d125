package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay} loads dates again from the archive: after the target was emptied by hand, replaying the range puts
 * back exactly the rows the original runs loaded, and the archive keeps every file.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayCommandTest extends CommandLineScenario {

    ReplayCommandTest(TestDatabase database) {
        // chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void dataDirectory(TestDatabase db) {
        open(db, "replay", "replay");
    }

    @AfterParameterizedClassInvocation
    static void reset() {
        close();
    }

    /** The target's rows without the columns a load stamps (load timestamp, load time, process instance). */
    private static List<String> targetRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM PLAN_BALN_SEGM_MSTR")) {
            var md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnName(i).toUpperCase(java.util.Locale.ROOT);
                    if (!List.of("EFFT_S", "EFFT_T", "PROS_KEY_EFFT_I").contains(name)) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
                rows.add(sb.toString());
            }
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @Test
    @Order(1)
    void replaying_a_range_after_the_target_was_emptied_restores_exactly_the_loaded_rows() throws Exception {
        // given: two loaded dates, then the target emptied by hand
        for (String date : List.of("20261120", "20261121")) {
            assertThat(cli("generate", "--rows", "300", "--date", date, "--bad-ratio", "0.02").exitCode()).isZero();
            assertThat(cli("run", "--date", date).exitCode()).isZero();
        }
        List<String> loaded = targetRows();
        List<String> archivedBefore = LoaderHarness.files(data.resolve("archive/outbound"));
        sql("DELETE FROM PLAN_BALN_SEGM_MSTR");
        assertThat(count("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR")).isZero();

        // when
        Result replay = cli("replay", "--from", "20261120", "--to", "20261121");

        // then
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(targetRows()).hasSize(loaded.size()).isEqualTo(loaded);
        assertThat(count("SELECT COUNT(*) FROM DCF_T_STRM_INST WHERE TRIGGER_TYPE = 'REPLAY' AND STRM_STATUS = 'COMPLETED'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM DCF_T_PRCS_INST WHERE PRCS_STATUS = 'SKIPPED_DUPLICATE'")).isZero();
        assertThat(LoaderHarness.files(data.resolve("archive/outbound"))).containsAll(archivedBefore).hasSize(2 * archivedBefore.size());
        assertThat(LoaderHarness.files(data.resolve("landing"))).isEmpty();
    }

    @Test
    @Order(2)
    void a_missing_archived_file_is_reported_and_its_unit_skipped() throws Exception {
        String cbReplayed = data.resolve("archive/outbound").toString();
        Path cb;
        try (Stream<Path> files = Files.list(Path.of(cbReplayed))) {
            // the latest completed load of CB for 20261121 is the replay's, archived under a suffixed name
            long pid = count("SELECT MAX(PRCS_INST_ID) FROM DCF_T_PRCS_INST WHERE PRCS_NAME = 'BCFINSG_CB' "
                    + "AND PRCS_BUS_DT = DATE '2026-11-21' AND PRCS_STATUS = 'COMPLETED'");
            cb = files.filter(p -> p.getFileName().toString().startsWith("BCFINSG_CB_PLAN_BALN_SEGM_MSTR_20261121")
                    && p.getFileName().toString().endsWith("." + pid)).findFirst().orElseThrow();
        }
        Files.delete(cb);

        Result replay = cli("replay", "--from", "20261121", "--to", "20261121");

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("2026-11-21 BCFINSG_CB: skipped: archived file " + cb + " is missing",
                "2026-11-21 BCFINSG_CA: replaying");
    }

    @Test
    @Order(3)
    void a_stream_held_by_another_run_is_refused_with_exit_4_and_nothing_copied() throws Exception {
        sql("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = 'other-host:4711:abcdef12', HOST_NAME = 'other-host', "
                + "LEASE_EXPIRES_TS = TIMESTAMP '2099-01-01 00:00:00' WHERE STRM_ID = 1490");
        try {
            Result replay = cli("replay", "--from", "20261120", "--to", "20261120");

            assertThat(replay.exitCode()).isEqualTo(4);
            assertThat(replay.out()).contains("other-host:4711:abcdef12");
            assertThat(LoaderHarness.files(data.resolve("landing"))).isEmpty();
        } finally {
            sql("UPDATE DCF_T_STRM_LOCK SET OWNER_ID = NULL, HOST_NAME = NULL, LEASE_EXPIRES_TS = NULL WHERE STRM_ID = 1490");
        }
    }
}
