package com.bank.gdw.loader.dcf;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * DCF_T_FEED_LATE: the business dates of a stream that were late. A date is alerted once across instances: the row
 * is inserted by whoever sees it missing first (the primary key refuses a second row on PostgreSQL and DuckDB), and
 * ALERT_TS is set by a conditional UPDATE that only one instance wins (which also holds on Snowflake, whose keys are
 * not enforced).
 */
public final class LateFeedTable {

    /** A late date: alerted and not yet resolved when {@code resolved} is null. */
    public record Late(int streamId, LocalDate businessDate, LocalDateTime due, String missingUnits, LocalDateTime alerted,
                       LocalDateTime resolved, Long delaySeconds) { }

    private static final String COLUMNS = "STRM_ID, BUS_DT, DUE_TS, MISSING_UNITS, ALERT_TS, RESOLVED_TS, DELAY_SECONDS";

    private LateFeedTable() {
    }

    /** Inserts the date's row unless there is one; a lost race with another instance is not an error. */
    public static void insertIfAbsent(Jdbi jdbi, int streamId, LocalDate date, LocalDateTime dueUtc, String missing) {
        try {
            jdbi.useTransaction(h -> {
                if (find(h, streamId, date).isEmpty()) {
                    h.createUpdate("INSERT INTO DCF_T_FEED_LATE (STRM_ID, BUS_DT, DUE_TS, MISSING_UNITS) VALUES (:s, :d, :due, :missing)")
                            .bind("s", streamId).bind("d", date).bind("due", dueUtc).bind("missing", Texts.cut(missing, 1000))
                            .execute();
                }
            });
        } catch (RuntimeException e) {
            if (jdbi.withHandle(h -> find(h, streamId, date)).isEmpty()) {
                throw e;
            }
            // another instance inserted it first: the claim below decides who alerts
        }
    }

    /** Claims the alert of the date: true for exactly one caller. */
    public static boolean claimAlert(Handle h, int streamId, LocalDate date, String missing, LocalDateTime now, String owner) {
        return h.createUpdate("UPDATE DCF_T_FEED_LATE SET ALERT_TS = :now, ALERT_OWNER = :owner, MISSING_UNITS = :missing "
                        + "WHERE STRM_ID = :s AND BUS_DT = :d AND ALERT_TS IS NULL")
                .bind("now", now).bind("owner", Texts.cut(owner, 200)).bind("missing", Texts.cut(missing, 1000))
                .bind("s", streamId).bind("d", date)
                .execute() > 0;
    }

    /** Marks an alerted date resolved: true for exactly one caller. */
    public static boolean resolve(Handle h, int streamId, LocalDate date, LocalDateTime now, long delaySeconds) {
        return h.createUpdate("UPDATE DCF_T_FEED_LATE SET RESOLVED_TS = :now, DELAY_SECONDS = :delay "
                        + "WHERE STRM_ID = :s AND BUS_DT = :d AND ALERT_TS IS NOT NULL AND RESOLVED_TS IS NULL")
                .bind("now", now).bind("delay", delaySeconds).bind("s", streamId).bind("d", date)
                .execute() > 0;
    }

    public static Optional<Late> find(Handle h, int streamId, LocalDate date) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_FEED_LATE WHERE STRM_ID = :s AND BUS_DT = :d")
                .bind("s", streamId).bind("d", date).map((rs, ctx) -> late(rs)).findFirst();
    }

    /** The alerted dates of the stream not yet resolved, oldest first. */
    public static List<Late> open(Handle h, int streamId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM DCF_T_FEED_LATE WHERE STRM_ID = :s AND ALERT_TS IS NOT NULL "
                        + "AND RESOLVED_TS IS NULL ORDER BY BUS_DT")
                .bind("s", streamId).map((rs, ctx) -> late(rs)).list();
    }

    private static Late late(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp alerted = rs.getTimestamp(5);
        java.sql.Timestamp resolved = rs.getTimestamp(6);
        long delay = rs.getLong(7);
        return new Late(rs.getInt(1), rs.getDate(2).toLocalDate(), rs.getTimestamp(3).toLocalDateTime(), rs.getString(4),
                alerted == null ? null : alerted.toLocalDateTime(), resolved == null ? null : resolved.toLocalDateTime(),
                rs.wasNull() ? null : delay);
    }
}
