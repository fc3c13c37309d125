package com.bank.gdw.loader.mail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMTP login comes from the environment or a secrets file, and its password never shows in text. */
class SmtpCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void no_user_in_the_environment_means_no_login() {
        assertThat(SmtpCredentials.fromEnvironment(Map.of()).present()).isFalse();
        assertThat(SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", " ")).present()).isFalse();
    }

    @Test
    void user_and_password_come_from_the_environment() {
        SmtpCredentials c = SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", "loader", "LOADER_SMTP_PASSWORD", "s3cret"));

        assertThat(c.present()).isTrue();
        assertThat(c.user()).isEqualTo("loader");
        assertThat(c.password()).isEqualTo("s3cret");
        assertThat(c.toString()).contains("loader").doesNotContain("s3cret");
    }

    @Test
    void the_password_may_come_from_a_secrets_file_without_its_line_break() throws Exception {
        Path secret = Files.writeString(dir.resolve("smtp_password"), "s3cret from file\n");

        SmtpCredentials c = SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", "loader",
                "LOADER_SMTP_PASSWORD_FILE", secret.toString()));

        assertThat(c.password()).isEqualTo("s3cret from file");
    }

    @Test
    void an_incomplete_or_ambiguous_login_is_a_configuration_error_that_does_not_show_the_password() {
        assertThatThrownBy(() -> SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", "loader")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOADER_SMTP_PASSWORD");
        assertThatThrownBy(() -> SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_PASSWORD", "s3cret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOADER_SMTP_USER").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", "loader", "LOADER_SMTP_PASSWORD", "s3cret",
                "LOADER_SMTP_PASSWORD_FILE", dir.resolve("x").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> SmtpCredentials.fromEnvironment(Map.of("LOADER_SMTP_USER", "loader",
                "LOADER_SMTP_PASSWORD_FILE", dir.resolve("missing").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read the SMTP password file");
    }
}
