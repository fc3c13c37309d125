package com.bank.gdw.loader.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bank.gdw.loader.testkit.StreamFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream's due: block as written in its YAML, with a holiday list beside it; absent, no stream is checked. */
class FeedDueReaderTest {

    @TempDir
    Path dir;

    private Path streamWith(String due) throws Exception {
        return StreamFolder.packagedStreamWithDue(dir, due);
    }

    @Test
    void the_due_block_reads_units_time_zone_offset_business_days_and_the_holiday_file() throws Exception {
        Files.writeString(dir.resolve("holidays.txt"), "# bank holidays\n2026-12-25\n\n2026-12-28  # moved\n");
        Path yaml = streamWith("""
                due:
                  units: [BCFINSG_CA, BCFINSG_CB]
                  by: "06:30"
                  zone: Europe/Zurich
                  dayOffset: 1
                  businessDays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY]
                  holidays: ../holidays.txt
                """);

        FeedDue due = new StreamDefinitionReader(v -> v).read(yaml).due();

        assertThat(due.units()).containsExactly("BCFINSG_CA", "BCFINSG_CB");
        assertThat(due.by()).isEqualTo(LocalTime.of(6, 30));
        assertThat(due.zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
        assertThat(due.dayOffset()).isEqualTo(1);
        assertThat(due.businessDays()).contains(DayOfWeek.SATURDAY).doesNotContain(DayOfWeek.SUNDAY);
        assertThat(due.holidays()).containsExactlyInAnyOrder(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28));
        // Thursday 24 December is due by Friday 06:30 in Zurich (05:30 UTC)
        assertThat(due.latestDue(Instant.parse("2026-12-25T05:30:00Z"))).contains(LocalDate.of(2026, 12, 24));
        assertThat(due.latestDue(Instant.parse("2026-12-25T05:29:59Z"))).contains(LocalDate.of(2026, 12, 23));
    }

    @Test
    void without_business_days_the_weekdays_are_and_without_due_nothing_is_checked() throws Exception {
        Path yaml = streamWith("""
                due:
                  units: [BCFINSG_CA]
                  by: "06:00"
                """);

        FeedDue due = new StreamDefinitionReader(v -> v).read(yaml).due();

        assertThat(due.businessDays()).isEqualTo(FeedDue.WEEKDAYS);
        assertThat(due.zone().getId()).isEqualTo("Z");
        assertThat(due.holidays()).isEqualTo(Set.of());
        assertThat(new StreamDefinitionReader(v -> v).read(Path.of("config/streams/bcfinsg.yaml")).due()).isNull();
    }

    @Test
    void a_unit_the_stream_does_not_have_is_refused() throws Exception {
        Path yaml = streamWith("""
                due:
                  units: [OTHER_CA]
                  by: "06:00"
                """);

        assertThatThrownBy(() -> new StreamDefinitionReader(v -> v).read(yaml))
                .hasMessageContaining("due.units: OTHER_CA is not a unit of this stream");
    }
}
