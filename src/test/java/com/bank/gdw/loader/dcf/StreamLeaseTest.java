package com.bank.gdw.loader.dcf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.MethodSource;

import com.bank.gdw.loader.db.Database;
import com.bank.gdw.loader.it.TestDatabase;
import com.bank.gdw.loader.stream.StreamCatalog;
import com.bank.gdw.loader.stream.StreamDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream lease at a unit's commit: still ours after the heartbeat renewed it during a long load, not once taken. */
@ParameterizedClass(name = "{0}")
@MethodSource("com.bank.gdw.loader.it.TestDatabase#enabled")
class StreamLeaseTest {

    private static final String NAME = "stream_lease";

    @Parameter
    TestDatabase database;

    private Database db;
    private ControlTables dcf;
    private StreamDefinition stream;

    @BeforeEach
    void freshDatabase() throws Exception {
        String url = database.freshUrl(NAME);
        if (url == null) {
            Path dir = Files.createDirectories(Path.of("target", "stream-lease").toAbsolutePath());
            Files.deleteIfExists(dir.resolve("dcf.duckdb"));
            Files.deleteIfExists(dir.resolve("dcf.duckdb.wal"));
            url = "jdbc:duckdb:" + dir.resolve("dcf.duckdb");
        }
        db = new Database("dcf", url, database == TestDatabase.POSTGRESQL ? TestDatabase.PG_USER : null, null, 4, null);
        db.migrate();
        dcf = ControlTables.on(db, DcfClock.utc(), Owner.current(), Duration.ofMinutes(2));
        stream = StreamCatalog.load(Path.of("config/streams"), UnaryOperator.identity()).get("bcfinsg");
        dcf.jdbi().useTransaction(h -> dcf.streams().register(h, stream));
        boolean acquired = dcf.jdbi().inTransaction(h -> dcf.lease().tryAcquire(h, stream.id()));
        assertThat(acquired).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
        database.drop(NAME);
    }

    @Test
    void a_unit_confirms_the_lease_the_heartbeat_renewed_while_it_loaded() {
        try (Handle unit = dcf.jdbi().open()) {
            unit.begin();
            dcf.lease().holder(unit, stream.id());

            boolean renewed = dcf.jdbi().inTransaction(h -> dcf.lease().renew(h, stream.id()));
            assertThat(renewed).as("heartbeat").isTrue();

            assertThat(dcf.lease().confirm(unit, stream.id())).isTrue();
            unit.commit();
        }
    }

    @Test
    void a_unit_does_not_confirm_a_lease_another_instance_took() {
        StreamLease other = new StreamLease(DcfClock.utc(), new Owner("elsewhere:1:x", "elsewhere", 1), Duration.ofMinutes(2),
                db.kind());
        dcf.jdbi().useTransaction(h -> dcf.lease().forceRelease(h, stream.id()));
        boolean taken = dcf.jdbi().inTransaction(h -> other.tryAcquire(h, stream.id()));
        assertThat(taken).isTrue();

        try (Handle unit = dcf.jdbi().open()) {
            unit.begin();
            assertThat(dcf.lease().confirm(unit, stream.id())).isFalse();
            unit.rollback();
        }
    }
}
