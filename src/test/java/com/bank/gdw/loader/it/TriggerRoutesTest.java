package com.bank.gdw.loader.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.feed.FeedGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The trigger routes with their file and Quartz consumers swapped for direct: endpoints. */
@CamelMainTest(
        properties = {"loader.data-dir=target/it/trigger-routes", "loader.files.settle-ms=0", "loader.trigger.quiet-period-ms=600",
                "loader.sweep.enabled=true", "camel.server.enabled=false"},
        replaceRouteFromWith = {"bcfinsg-file-drop=direct:file-drop", "bcfinsg-sweep=direct:sweep"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerRoutesTest {

    static {
        LoaderHarness.deleteTree(Path.of("target/it/trigger-routes").toAbsolutePath());
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    Loader loader;

    private void generate(String unit, LocalDate date, int rows) throws Exception {
        new FeedGenerator(loader.streams().get("bcfinsg")).generate(loader.landing(), unit, date, rows, 0);
    }

    private List<String> runs(LocalDate date) throws SQLException {
        try (Connection c = loader.dcfDatabase().connect();
             PreparedStatement ps = c.prepareStatement("SELECT STRM_STATUS, TRIGGER_TYPE, FILES_LOADED FROM DCF_T_STRM_INST WHERE BUS_DT = ? ORDER BY STRM_INST_ID")) {
            ps.setDate(1, java.sql.Date.valueOf(date));
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                }
                return out;
            }
        }
    }

    @Test
    void trigger_files_of_one_date_arriving_together_make_one_run() throws Exception {
        LocalDate date = LocalDate.of(2026, 9, 1);
        generate("BCFINSG_CA", date, 100);
        generate("BCFINSG_CB", date, 100);
        generate("BCFINSG_CC", date, 100);
        ProducerTemplate template = context.createProducerTemplate();

        for (String unit : new String[] {"BCFINSG_CA", "BCFINSG_CB", "BCFINSG_CC"}) {
            template.sendBodyAndHeader("direct:file-drop", "", Exchange.FILE_NAME, unit + "_20260901.DLY");
        }

        await().atMost(30, TimeUnit.SECONDS).until(() -> runs(date).stream().anyMatch(r -> !r.startsWith("RUNNING")));
        assertThat(runs(date)).containsExactly("COMPLETED FILE 3");
    }

    @Test
    void the_sweep_runs_every_date_with_ready_units_oldest_first() throws Exception {
        LocalDate newer = LocalDate.of(2026, 9, 12);
        LocalDate older = LocalDate.of(2026, 9, 11);
        generate("BCFINSG_CA", newer, 50);
        generate("BCFINSG_CA", older, 50);
        generate("BCFINSG_CB", older, 50);

        context.createProducerTemplate().sendBody("direct:sweep", "");

        await().atMost(30, TimeUnit.SECONDS).until(() -> runs(newer).stream().anyMatch(r -> !r.startsWith("RUNNING")));
        assertThat(runs(older)).containsExactly("COMPLETED SCHEDULE 2");
        assertThat(runs(newer)).containsExactly("COMPLETED SCHEDULE 1");
        try (Connection c = loader.dcfDatabase().connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT BUS_DT FROM DCF_T_STRM_INST WHERE TRIGGER_TYPE = 'SCHEDULE' ORDER BY STRM_INST_ID")) {
            List<LocalDate> order = new ArrayList<>();
            while (rs.next()) {
                order.add(rs.getDate(1).toLocalDate());
            }
            assertThat(order).containsExactly(older, newer);
        }
    }
}
