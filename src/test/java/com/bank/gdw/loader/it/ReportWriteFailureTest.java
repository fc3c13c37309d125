package com.bank.gdw.loader.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.feed.FeedGenerator;
import com.bank.gdw.loader.report.RejectExtract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report file that cannot be written (a full disk, a path taken by something else): the loaded data stands, so the
 * run keeps its outcome, but the failure is in the DCF execution log, not only in the process log, and no half-written
 * temporary file is left in the reports directory.
 */
class ReportWriteFailureTest {

    private static final LocalDate DATE = LocalDate.of(2026, 7, 3);

    @Test
    void a_reject_file_that_cannot_be_written_is_an_error_in_the_execution_log_and_leaves_no_temporary_file() throws Exception {
        try (LoaderHarness h = LoaderHarness.start("report-write-failure", LoaderHarness.options())) {
            FeedGenerator.Generated g = h.generate("BCFINSG_CA", DATE, 300, 0.02);
            String rejects = RejectExtract.fileName(h.stream().targetTable(), DATE, "BCFINSG_CA");
            // a non-empty directory where the reject file goes: the file cannot replace it
            Files.createDirectories(h.reports().resolve(rejects).resolve("taken"));

            RunOutcome o = h.run(DATE);

            assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(h.number("SELECT COUNT(*) FROM PLAN_BALN_SEGM_MSTR WHERE EFFT_D = ?", DATE)).isEqualTo(g.expectedWritten());
            assertThat(LoaderHarness.files(h.reports())).noneMatch(f -> f.endsWith(".tmp"))
                    .contains("PLAN_BALN_SEGM_MSTR_20260703_LOAD_RPT.csv");
            assertThat(h.rows("SELECT MESSAGE_TEXT FROM DCF_T_PRCS_EXEC_LOG WHERE STRM_INST_ID = ? AND MESSAGE_TYPE = 'ERROR'", o.runId()))
                    .extracting(r -> (String) r.get("MESSAGE_TEXT"))
                    .singleElement().asString().startsWith("the load report is incomplete: cannot write the reject file ")
                    .contains(rejects);
        }
    }

    /**
     * Report files are read by others (a transfer agent picks them up, a support engineer opens them): they are made
     * as any file the loader's user makes, with its umask, not readable by their owner only as temporary files are.
     */
    @Test
    void report_files_get_the_permissions_of_any_new_file_of_the_loader_s_user() throws Exception {
        try (LoaderHarness h = LoaderHarness.start("report-permissions", LoaderHarness.options())) {
            h.generate("BCFINSG_CA", DATE, 300, 0.02);

            RunOutcome o = h.run(DATE);

            assertThat(o.status()).isEqualTo(RunStatus.COMPLETED);
            Path plain = Files.createFile(h.dataDir().resolve("any-new-file"));
            var expected = Files.getPosixFilePermissions(plain);
            for (String report : LoaderHarness.files(h.reports())) {
                assertThat(Files.getPosixFilePermissions(h.reports().resolve(report))).as(report).isEqualTo(expected);
            }
            assertThat(LoaderHarness.files(h.reports())).hasSize(3);
        }
    }
}
