package com.bank.gdw.loader.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** A second stream added by configuration only (a YAML file and a layout) loads beside BCFINSG, with its own rules. */
class SecondStreamTest {

    private static final Path STREAMS = Path.of("target", "it", "second-stream-config").toAbsolutePath();
    private static LoaderHarness h;

    @BeforeAll
    static void start() throws IOException {
        LoaderHarness.deleteTree(STREAMS);
        Files.createDirectories(STREAMS.resolve("streams"));
        Files.createDirectories(STREAMS.resolve("layouts"));
        Files.copy(Path.of("config/streams/bcfinsg.yaml"), STREAMS.resolve("streams/bcfinsg.yaml"));
        Files.copy(Path.of("config/layouts/plan_baln_segm_mstr.columns.csv"), STREAMS.resolve("layouts/plan_baln_segm_mstr.columns.csv"));
        for (String f : new String[] {"minifeed.yaml", "mini.columns.csv"}) {
            Files.copy(Path.of("src/test/resources/streams-two", f), STREAMS.resolve("streams").resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        h = LoaderHarness.start("second-stream", LoaderHarness.options().property("loader.streams-dir", STREAMS.resolve("streams").toString()));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void the_second_stream_loads_its_own_files_into_its_own_table_and_goes_on_after_a_failed_unit() throws IOException {
        LocalDate date = LocalDate.of(2026, 11, 3);
        h.drop("MINI_A_BAL_20261103.dat", "A1, 10.50 ,2020-01-01,first\nA2,-3.00,,second\nA3,1.00,0001-01-01,\nA1,9.99,2020-01-01,dup\n");
        h.drop("MINI_A_20261103.TRG", "CTL,20261103,4\n");
        h.drop("MINI_B_20261103.TRG", "");                                          // no load file: fails, the run goes on
        h.drop("MINI_C_BAL_20261103.dat", "C1,5.00,2021-05-05,x\n");
        h.drop("MINI_C_20261103.TRG", "");
        h.drop("BCFINSG_CA_20261103.DLY", "");                                       // the other stream's file is not touched

        RunOutcome outcome = h.run("minifeed", date);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.units()).extracting(u -> u.unit().unit() + " " + u.status())
                .containsExactly("MINI_A COMPLETED", "MINI_B FAILED", "MINI_C COMPLETED");
        assertThat(h.rows("SELECT ACCOUNT_ID, BALANCE, NOTE, SEC_CODE, LINE_NO FROM MINI_ACCOUNT_BALANCE ORDER BY ACCOUNT_ID"))
                .extracting(r -> r.get("ACCOUNT_ID") + "/" + r.get("BALANCE") + "/" + r.get("NOTE") + "/" + r.get("SEC_CODE") + "/" + r.get("LINE_NO"))
                .containsExactly("A1/10.50/first/7/1", "A2/-3.00/second/7/2", "A3/1.00/null/7/3", "C1/5.00/x/7/1");
        Map<String, Object> a = h.rows("SELECT * FROM DCF_T_PRCS_INST WHERE PRCS_NAME = 'MINI_A'").get(0);
        assertThat(((Number) a.get("STRM_ID")).intValue()).isEqualTo(2001);
        assertThat(((Number) a.get("DUPLICATE_ROWS")).intValue()).isEqualTo(1);
        // scores: 100, 60 (negative balance), 95 (date marker), 0 (duplicate)
        assertThat(((Number) a.get("AVG_DQ_SCORE")).doubleValue()).isEqualTo(63.75);
        assertThat(Files.readString(h.reports().resolve("MINI_BALANCE_20261103_RPT.csv"))).isEqualTo(
                "FileName,InputRows,InputRowsRejected,DuplicateRows,RowsWritten,TotalRowsRejected\n"
                        + "MINI_A_BAL_20261103.dat,4,0,1,3,1\n"
                        + "MINI_B_20261103.TRG,0,0,0,0,0\n"
                        + "MINI_C_BAL_20261103.dat,1,0,0,1,0\n");
        assertThat(LoaderHarness.files(h.landing())).contains("BCFINSG_CA_20261103.DLY");
        assertThat(h.number("SELECT COUNT(*) FROM DCF_T_STRM WHERE STRM_ID = 2001 AND TARGET_TABLE = 'MINI_ACCOUNT_BALANCE'")).isEqualTo(1);
        DcfInvariants.assertHold(h, h.loader().streams().get("minifeed"));
    }
}
