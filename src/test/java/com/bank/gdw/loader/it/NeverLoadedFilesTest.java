package com.bank.gdw.loader.it;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.camel.RunOutcome;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.stream.FileName;
import com.bank.gdw.loader.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files of the stream's family that are never loaded (adversarial defect D3): each is reported once, and a run pays a
 * constant number of DCF statements to know which were reported before, however many there are.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.testkit.TestDatabase#enabled")
class NeverLoadedFilesTest extends ScenarioTest {

    NeverLoadedFilesTest(TestDatabase database) {
        // the database is chosen per class invocation, below
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        h = LoaderHarness.start("never-loaded-" + database, LoaderHarness.options().database(database, "never_loaded"));
    }

    @Test
    void two_hundred_misnamed_files_reported_before_cost_a_run_no_more_dcf_statements_than_ten() {
        // given 10 misnamed files of the stream's family in landing, reported by a first run
        LocalDate date = LocalDate.of(2026, 11, 3);
        List<String> misnamed = misnamed(0, 10);
        RunOutcome first = h.run(date);
        // when the next run finds them again
        List<String> withTen = counted(() -> h.run(date));
        // and after 190 more were reported, a run finds all 200
        misnamed.addAll(misnamed(10, 200));
        RunOutcome second = h.run(date);
        List<String> withTwoHundred = counted(() -> h.run(date));

        // then both runs issue the same DCF statements, however many files were reported before
        assertThat(withTwoHundred.size()).as("DCF statements of a run with 200 misnamed files reported before: %s; with 10: %s",
                summary(withTwoHundred), summary(withTen)).isEqualTo(withTen.size());
        // and each file was reported once, by the run that found it first, and left in landing
        assertThat(first.status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);
        assertThat(LoaderHarness.files(h.landing())).containsAll(misnamed);
        for (int i = 0; i < misnamed.size(); i++) {
            String name = misnamed.get(i);
            String reason = ((FileName.Bad) h.stream().files().classify(name)).reason();
            assertThat(h.rows("SELECT STRM_INST_ID, MESSAGE_TEXT FROM DCF_T_PRCS_EXEC_LOG WHERE FILE_NAME = ? AND MESSAGE_TYPE = 'WARN'",
                    name)).as(name).singleElement().satisfies(r -> assertThat(r.get("MESSAGE_TEXT"))
                            .isEqualTo(name + ": never loaded: " + reason + "; left in " + h.landing()))
                    .extracting(r -> ((Number) r.get("STRM_INST_ID")).longValue())
                    .isEqualTo(i < 10 ? first.runId() : second.runId());
        }
    }

    /** Files {@code from} to {@code to} (exclusive) of a family's name that matches neither pattern, dropped into landing. */
    private static List<String> misnamed(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String name = String.format("BCFINSG_XX_junk_%06d.txt", i);
            h.drop(name, "x");
            names.add(name);
        }
        return names;
    }

    /** The SQL of every DCF statement executed while {@code run} runs. */
    private static List<String> counted(Supplier<RunOutcome> run) {
        Jdbi jdbi = h.loader().dcf().jdbi();
        List<String> executed = Collections.synchronizedList(new ArrayList<>());
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                executed.add(context.getRenderedSql());
            }
        });
        try {
            assertThat(run.get().status()).isEqualTo(RunStatus.NO_DATA_AVAILABLE);
        } finally {
            jdbi.getConfig(SqlStatements.class).setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
        return List.copyOf(executed);
    }

    /** How many times each statement ran, by its first 60 characters. */
    private static Map<String, Long> summary(List<String> statements) {
        Map<String, Long> counts = new TreeMap<>();
        statements.forEach(sql -> counts.merge(sql.substring(0, Math.min(60, sql.length())), 1L, Long::sum));
        return counts;
    }
}
