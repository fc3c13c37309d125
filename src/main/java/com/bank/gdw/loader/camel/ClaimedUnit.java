package com.bank.gdw.loader.camel;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.bank.gdw.loader.db.DatabaseKind;
import com.bank.gdw.loader.dcf.FileMoves;
import com.bank.gdw.loader.dcf.UnitLedger;
import com.bank.gdw.loader.feed.FileDigest;
import com.bank.gdw.loader.feed.Reject;
import com.bank.gdw.loader.feed.Spool;
import com.bank.gdw.loader.stream.LoadUnit;
import com.bank.gdw.loader.unit.UnitOutcome;
import com.bank.gdw.loader.unit.UnitResult;
import com.bank.gdw.loader.unit.UnitStatistics;

/**
 * A unit whose files are claimed: from here on it reads and moves them where the claims put them.
 *
 * @param unit   the unit with its files in inprocess (where claimed)
 * @param claims the claims of its files by role (LOAD, TRIGGER): where each file now is, and its bytes
 */
public record ClaimedUnit(StartedUnit started, LoadUnit unit, Map<String, FileMoves.Move> claims) {

    /** The role of a unit's second load file (DCF_T_FILE_MOVE.FILE_ROLE). */
    static final String OTHER_LOAD = "OTHER_LOAD";

    public ClaimedUnit {
        claims = Map.copyOf(claims);
    }

    /** A unit that claimed nothing (its claim broke off). */
    static ClaimedUnit unclaimed(StartedUnit started) {
        return new ClaimedUnit(started, started.landed(), Map.of());
    }

    /** The unit with the files its claims took. */
    static ClaimedUnit of(StartedUnit started, Map<String, FileMoves.Move> claims) {
        LoadUnit u = started.landed();
        FileMoves.Move load = claims.get("LOAD");
        FileMoves.Move trigger = claims.get("TRIGGER");
        FileMoves.Move other = claims.get(OTHER_LOAD);
        return new ClaimedUnit(started, new LoadUnit(u.unit(), u.businessDate(), trigger != null ? trigger.target() : u.triggerFile(),
                load != null ? load.target() : null, other != null ? other.target() : u.otherLoadFile(), u.notRegularLoadFile()), claims);
    }

    /** The SHA-256 of the load file as the claim took and recorded it (nobody else writes in inprocess), or null. */
    String claimedSha256() {
        FileMoves.Move load = claims.get("LOAD");
        return load != null ? load.sha256() : null;
    }

    /** The recorded end of the unit, its files moved on with it when {@code moveFiles}. */
    UnitLedger.Ending ending(UnitOutcome o, Instant from, String statistics, String logText, Spool<Reject> rejects, boolean moveFiles) {
        return new UnitLedger.Ending(run().stream(), run().id(), processId(), unit, LocalDateTime.ofInstant(from, ZoneOffset.UTC),
                o.status(), o.figures(), o.sha256(), o.message(), statistics, logText, rejects, moveFiles ? claims.values() : List.of());
    }

    /** The unit's execution log statistics, as written to a target of this kind. */
    UnitStatistics statistics(DatabaseKind target) {
        return new UnitStatistics(target.name().toLowerCase(Locale.ROOT) + ":" + run().stream().targetTable(), unit.businessDate(),
                run().batchId());
    }

    /** How the unit ended, named by its files in landing. */
    UnitResult result(UnitOutcome o) {
        return new UnitResult(started.landed(), processId(), o.status(), o.figures(), o.message(), o.sha256());
    }

    /** The load file's SHA-256 as claimed, else as it reads now; null when it cannot be read (attempts are then not counted). */
    String loadSha256OrNull() {
        if (claimedSha256() != null || !unit.hasLoadFile()) {
            return claimedSha256();
        }
        try {
            return FileDigest.sha256(unit.loadFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    StreamRun run() {
        return started.run();
    }

    long processId() {
        return started.processId();
    }
}
