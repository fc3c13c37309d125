package com.bank.gdw.loader.ops;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.db.Database;

/**
 * Readiness: DOWN while the DCF database or the target database does not answer, or while the databases are being
 * made ready for runs (migrations, streams, target tables, recovery; DatabaseSetup). Not a liveness check: a database
 * outage is waited out (runs are refused and retried), restarting the loader would not help.
 */
public final class DatabaseReadinessCheck extends AbstractHealthCheck {

    private final Supplier<Loader> loader;

    public DatabaseReadinessCheck(Supplier<Loader> loader) {
        super("loader", "databases");
        this.loader = loader;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Loader l = loader.get();
        Database dcf = l.dcfDatabase();
        Database target = l.targetDatabase();
        boolean dcfUp = dcf.isReachable();
        boolean targetUp = target == dcf ? dcfUp : target.isReachable();
        builder.detail("dcf.database", dcf.describe()).detail("dcf.reachable", dcfUp);
        builder.detail("target.database", target.describe()).detail("target.reachable", targetUp);
        boolean setUp = l.isInitialized();
        builder.detail("databases.ready", setUp);
        if (dcfUp && targetUp && setUp) {
            builder.up();
        } else if (dcfUp && targetUp) {
            builder.message("databases being made ready (migrations, streams, target tables, recovery)").down();
        } else {
            // the URLs are in the details: Camel's health JSON escapes their slashes, which reads badly in a message
            builder.message((dcfUp ? "" : "DCF database (" + dcf.kind() + ") unreachable")
                    + (!dcfUp && !targetUp && target != dcf ? "; " : "")
                    + (targetUp || target == dcf ? "" : "target database (" + target.kind() + ") unreachable")).down();
        }
    }
}
