package com.bank.gdw.loader.dcf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of the archive (seed manage_data_lifecycle): an archived file whose RETENTION_EXPIRY_DATE has passed
 * is deleted and its DCF_T_DATA_LINEAGE row becomes PURGED. Only files a lineage row names are ever deleted.
 */
public final class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    /** ARCHIVE_STATUS of a purged row: the purge deleted the file, or found it already gone. */
    static final String DELETED = "DELETED";
    static final String MISSING = "MISSING";

    /** What one purge did. */
    public record Result(int deleted, int alreadyGone, int failed) { }

    private record Expired(long lineageId, Path archivePath) { }

    private final Jdbi jdbi;
    private final DcfClock clock;

    public RetentionPurge(Jdbi jdbi, DcfClock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public static RetentionPurge of(ControlTables dcf) {
        return new RetentionPurge(dcf.jdbi(), dcf.clock());
    }

    /** Purges every archived file whose expiry date lies before today (UTC). */
    public Result purgeExpired() {
        LocalDate today = clock.today();
        List<Expired> expired = jdbi.withHandle(h -> h.createQuery("SELECT LINEAGE_ID, ARCHIVE_PATH FROM DCF_T_DATA_LINEAGE "
                        + "WHERE LIFECYCLE_STAGE = 'ARCHIVED' AND RETENTION_EXPIRY_DATE < :today ORDER BY LINEAGE_ID")
                .bind("today", today)
                .map((rs, ctx) -> new Expired(rs.getLong(1), Path.of(rs.getString(2))))
                .list());
        int deleted = 0;
        int gone = 0;
        int failed = 0;
        for (Expired e : expired) {
            String status;
            try {
                status = delete(e.archivePath());
            } catch (IOException | IllegalStateException ex) {
                // left ARCHIVED: the next purge tries again, and the operator sees why in the log
                LOG.warn("retention: cannot delete {} (lineage {}): {}", e.archivePath(), e.lineageId(), ex.getMessage());
                failed++;
                continue;
            }
            // deleted first, marked after: a crash in between leaves a row the next purge marks MISSING, never a file
            // nobody will delete
            if (markPurged(e.lineageId(), status)) {
                if (DELETED.equals(status)) {
                    deleted++;
                } else {
                    gone++;
                }
            }
        }
        if (!expired.isEmpty()) {
            LOG.info("retention: {} archived file(s) past retention deleted, {} already gone, {} failed", deleted, gone, failed);
        }
        return new Result(deleted, gone, failed);
    }

    private static String delete(Path file) throws IOException {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("is a directory, not an archived file");
        }
        return Files.deleteIfExists(file) ? DELETED : MISSING;
    }

    /** Marks the row, unless another instance purged it meanwhile. */
    private boolean markPurged(long lineageId, String archiveStatus) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE DCF_T_DATA_LINEAGE SET LIFECYCLE_STAGE = 'PURGED', ARCHIVE_STATUS = :status, "
                        + "PURGED_TS = :ts WHERE LINEAGE_ID = :id AND LIFECYCLE_STAGE = 'ARCHIVED'")
                .bind("status", archiveStatus).bind("ts", clock.now()).bind("id", lineageId)
                .execute()) == 1;
    }
}
