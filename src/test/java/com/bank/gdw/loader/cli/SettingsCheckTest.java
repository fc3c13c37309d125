package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The values of the settings are checked before a command uses them: a bad one is named as the user set it (the
 * LOADER_* variable or the loader.* key), with its value, escaped and cut, and what is allowed.
 */
class SettingsCheckTest {

    private static final Properties PACKAGED = packaged();

    private static Properties packaged() {
        Properties p = new Properties();
        try (InputStream in = SettingsCheckTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static LoaderProperties environment(Map<String, String> env) {
        return new LoaderProperties(PACKAGED, env, new Properties());
    }

    private static LoaderProperties systemProperties(Map<String, String> keys) {
        Properties system = new Properties();
        system.putAll(keys);
        return new LoaderProperties(PACKAGED, Map.of(), system);
    }

    @Test
    void the_packaged_defaults_are_accepted() {
        assertThat(SettingsCheck.problems(environment(Map.of()))).isEmpty();
    }

    @Test
    void a_number_that_is_none_is_named_by_its_variable_with_the_numbers_allowed() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_UNIT_MAX_ATTEMPTS", "abc"))))
                .containsExactly("LOADER_UNIT_MAX_ATTEMPTS \"abc\" must be a whole number from 1 to 2147483647");
    }

    @Test
    void a_number_too_large_for_its_key_is_refused() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_UNIT_MAX_BYTES", "9223372036854775808", "LOADER_DB_POOL_SIZE", "3000000000"))))
                .containsExactly("LOADER_DB_POOL_SIZE \"3000000000\" must be a whole number from 1 to 2147483647",
                        "LOADER_UNIT_MAX_BYTES \"9223372036854775808\" must be a whole number from 1 to 9223372036854775807");
    }

    @Test
    void a_key_set_as_a_system_property_is_named_by_the_key() {
        assertThat(SettingsCheck.problems(systemProperties(Map.of("loader.lease.heartbeat-seconds", "0"))))
                .containsExactly("loader.lease.heartbeat-seconds \"0\" must be a whole number from 1 to 2147483647");
    }

    @Test
    void a_heartbeat_not_shorter_than_the_lease_is_refused() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LEASE_HEARTBEAT_SECONDS", "120"))))
                .containsExactly("LOADER_LEASE_HEARTBEAT_SECONDS \"120\" must be less than loader.lease.seconds (120): the lease is "
                        + "renewed once a heartbeat and would expire between two");
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LEASE_SECONDS", "5", "LOADER_LEASE_HEARTBEAT_SECONDS", "1")))).isEmpty();
    }

    @Test
    void a_key_whose_default_is_another_keys_value_is_named_once_by_the_variable_set() {
        // loader.openlineage.poll-ms = {{loader.outbox.poll-ms}}
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_OUTBOX_POLL_MS", "soon"))))
                .containsExactly("LOADER_OUTBOX_POLL_MS \"soon\" must be a whole number from 1 to 2147483647");
    }

    @Test
    void the_http_port_out_of_range_is_named_once_by_the_variable_set_or_as_camels_key_when_that_is_set_itself() {
        // camel.server.port = {{loader.http.port}}
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_HTTP_PORT", "99999"))))
                .containsExactly("LOADER_HTTP_PORT \"99999\" must be a whole number from 0 to 65535");
        assertThat(SettingsCheck.problems(systemProperties(Map.of("camel.server.port", "http"))))
                .containsExactly("camel.server.port \"http\" must be a whole number from 0 to 65535");
    }

    @Test
    void a_log_format_other_than_text_or_json_is_refused_even_in_upper_case() {
        for (String format : new String[] {"JSON", "xml", ""}) {
            assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LOG_FORMAT", format))))
                    .containsExactly("LOADER_LOG_FORMAT \"" + format + "\" must be text or json (lower case)");
        }
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LOG_FORMAT", "json")))).isEmpty();
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LOG_FORMAT", "text")))).isEmpty();
    }

    @Test
    void a_log_level_log4j_does_not_know_is_refused_and_one_it_knows_in_any_case_accepted() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LOG_LEVEL", "LOUD"))))
                .containsExactly("LOADER_LOG_LEVEL \"LOUD\" must be one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL");
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_LOG_LEVEL", "debug")))).isEmpty();
    }

    @Test
    void a_cron_quartz_cannot_read_is_refused() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_SWEEP_CRON", "not a cron", "LOADER_HOUSEKEEPING_CRON", "0 0 2 * *"))))
                .containsExactly("LOADER_SWEEP_CRON \"not a cron\" must be a Quartz cron expression: seconds minutes hours day-of-month "
                                + "month day-of-week [year], e.g. 0 0/15 * * * ?",
                        "LOADER_HOUSEKEEPING_CRON \"0 0 2 * *\" must be a Quartz cron expression: seconds minutes hours day-of-month "
                                + "month day-of-week [year], e.g. 0 0/15 * * * ?");
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_SWEEP_CRON", "0 0/5 6-20 ? * MON-FRI")))).isEmpty();
    }

    @Test
    void a_switch_is_true_or_false() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_SWEEP_ENABLED", "yes"))))
                .containsExactly("LOADER_SWEEP_ENABLED \"yes\" must be true or false");
    }

    @Test
    void an_archive_or_error_directory_that_is_landing_is_refused() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_DATA_DIR", "/d", "LOADER_DIR_ARCHIVE_LOAD", "/d/landing",
                "LOADER_DIR_ARCHIVE_TRIGGER", "/d/landing/", "LOADER_DIR_ERROR", "/d/x/../landing"))))
                .containsExactly(
                        "LOADER_DIR_ARCHIVE_LOAD \"/d/landing\" must not be the landing directory (loader.dir.landing): files moved there "
                                + "would stay in landing and be loaded again by every run",
                        "LOADER_DIR_ARCHIVE_TRIGGER \"/d/landing/\" must not be the landing directory (loader.dir.landing): files moved "
                                + "there would stay in landing and be loaded again by every run",
                        "LOADER_DIR_ERROR \"/d/x/../landing\" must not be the landing directory (loader.dir.landing): files moved there "
                                + "would stay in landing and be loaded again by every run");
    }

    @Test
    void an_inprocess_directory_inside_landing_is_accepted_landing_itself_is_not() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_DIR_LANDING", "/data/landing",
                "LOADER_DIR_INPROCESS", "/data/landing/.inprocess")))).isEmpty();
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_DIR_LANDING", "/data/landing", "LOADER_DIR_INPROCESS", "/data/landing"))))
                .containsExactly("LOADER_DIR_INPROCESS \"/data/landing\" must not be the landing directory (LOADER_DIR_LANDING): files "
                        + "moved there would stay in landing and be loaded again by every run");
    }

    @Test
    void an_instance_name_too_long_for_the_owner_column_is_refused() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_INSTANCE_NAME", "n".repeat(100))))).isEmpty();
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_INSTANCE_NAME", "x".repeat(300)))))
                .containsExactly("LOADER_INSTANCE_NAME \"" + "x".repeat(57) + "...\" must be at most 100 characters (it goes into OWNER_ID "
                        + "with pid and boot id), not 300");
    }

    @Test
    void an_instance_name_with_a_line_break_is_refused_and_shown_escaped() {
        assertThat(SettingsCheck.problems(environment(Map.of("LOADER_INSTANCE_NAME", "node1\n2026-12-02 INFO forged"))))
                .containsExactly("LOADER_INSTANCE_NAME \"node1\\x0a2026-12-02 INFO forged\" must not hold control characters "
                        + "(it is printed by status and logged)");
    }

    @Test
    void a_start_is_refused_with_every_bad_value_in_one_line() {
        LoaderProperties props = environment(Map.of("LOADER_UNIT_MAX_ATTEMPTS", "abc", "LOADER_LOG_FORMAT", "JSON"));

        assertThatThrownBy(() -> SettingsCheck.require(props, key -> true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("LOADER_LOG_FORMAT \"JSON\" must be text or json (lower case); "
                        + "LOADER_UNIT_MAX_ATTEMPTS \"abc\" must be a whole number from 1 to 2147483647");
    }

    @Test
    void status_is_refused_only_for_what_status_uses() {
        LoaderProperties props = environment(Map.of("LOADER_SWEEP_CRON", "never", "LOADER_INSTANCE_NAME", "a\rb"));

        assertThat(SettingsCheck.problems(props, SettingsCheck.STATUS))
                .containsExactly("LOADER_INSTANCE_NAME \"a\\x0db\" must not hold control characters (it is printed by status and logged)");
    }
}
