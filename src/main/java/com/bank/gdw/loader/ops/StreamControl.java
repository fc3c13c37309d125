package com.bank.gdw.loader.ops;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.AccessController;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.camel.RunRequest;
import com.bank.gdw.loader.camel.StreamRoutes;
import com.bank.gdw.loader.dcf.ControlTables;
import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.StaleLeaseRelease;
import com.bank.gdw.loader.dcf.StreamLease;
import com.bank.gdw.loader.dcf.StreamRegistry;
import com.bank.gdw.loader.dcf.TriggerType;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.run.StreamActivity;
import com.bank.gdw.loader.stream.StreamDefinition;

/** One stream as an MBean: live figures from this instance, state from the DCF tables, operator actions. */
public final class StreamControl implements StreamControlMBean {

    private static final Logger LOG = LoggerFactory.getLogger(StreamControl.class);
    static final String UNKNOWN = "UNKNOWN";

    private final StreamDefinition stream;
    private final Loader loader;
    private final ProducerTemplate producer;

    public StreamControl(StreamDefinition stream, Loader loader, ProducerTemplate producer) {
        this.stream = stream;
        this.loader = loader;
        this.producer = producer;
    }

    @Override
    public String getName() {
        return stream.name();
    }

    @Override
    public String getStatus() {
        return read(h -> dcf().streams().status(h, stream.id()).orElse(StreamRegistry.INACTIVE), UNKNOWN);
    }

    @Override
    public String getCurrentUnit() {
        return activity().currentUnit();
    }

    @Override
    public long getRowsDone() {
        return activity().rowsDone();
    }

    @Override
    public double getRowsPerSecond() {
        return Math.round(activity().rowsPerSecond() * 10) / 10.0;
    }

    @Override
    public long getDatabaseWaitSeconds() {
        return activity().databaseWaitSeconds();
    }

    @Override
    public Long getRunningRunId() {
        return activity().runId();
    }

    @Override
    public Long getLastRunId() {
        return lastRun().map(RunRecord::id).orElse(activity().lastRunId());
    }

    @Override
    public String getLastRunStatus() {
        return lastRun().map(r -> r.status().name()).orElse(activity().lastRunStatus());
    }

    @Override
    public String getLastRunBusinessDate() {
        return lastRun().map(r -> r.businessDate().toString()).orElse(null);
    }

    @Override
    public String getLeaseHolder() {
        return read(h -> dcf().lease().holder(h, stream.id()).map(StreamControl::describe).orElse("free"), UNKNOWN);
    }

    @Override
    public String runNow(String businessDate) {
        LocalDate date = FileNaming.parseDate(businessDate == null ? "" : businessDate.trim());
        if (date == null) {
            throw new IllegalArgumentException("not a business date YYYYMMDD: " + businessDate);
        }
        // refused here, in words the operator sees, what would otherwise be refused later with only a log line
        if (producer.getCamelContext().isStopping()) {
            throw new IllegalStateException("the loader is shutting down; ask again once it runs");
        }
        if (StreamRegistry.INACTIVE.equals(getStatus())) {
            throw new IllegalStateException(stream.code() + " is INACTIVE: a run would be refused; activate() it first");
        }
        // where the stream's run requests wait their turn: the endpoint its run-queue route consumes
        SedaEndpoint queue = (SedaEndpoint) producer.getCamelContext().getRoute(StreamRoutes.runQueue(stream.code())).getEndpoint();
        if (queue.getQueue().stream().anyMatch(e -> e.getIn().getBody() instanceof RunRequest r && r.businessDate().equals(date))) {
            return "run of " + stream.code() + " for " + date + " is already queued; its outcome will be in DCF_T_STRM_INST";
        }
        try {
            producer.sendBody(queue, RunRequest.of(date, TriggerType.JMX));
        } catch (CamelExecutionException e) {
            // a full queue; the JDK's own exception, since a JMX client has no Camel classes to read Camel's
            throw new IllegalStateException("the run queue of " + stream.code() + " is full (" + queue.getQueue().size()
                    + " requests waiting); ask again once it has room");
        }
        LOG.info("{}: run for {} queued by {}", stream.name(), date, caller());
        return "run of " + stream.code() + " for " + date + " queued (trigger JMX); its outcome is in DCF_T_STRM_INST";
    }

    @Override
    public String validate(String businessDate) {
        LocalDate date = date(businessDate);
        loader.initialize();
        var settings = loader.settings();
        java.nio.file.Path scratch = null;
        try {
            scratch = java.nio.file.Files.createTempDirectory("gdw-validate-");
            var check = new com.bank.gdw.loader.unit.UnitCheck(stream, scratch, new com.bank.gdw.loader.feed.FeedReader.Limits(
                    settings.maxLineBytes(), settings.unitMaxRejects(), settings.unitMaxBytes()));
            StringBuilder sb = new StringBuilder();
            var units = new com.bank.gdw.loader.stream.UnitDiscovery(stream, settings.directories().landing()).list().unitsOf(date);
            if (units.isEmpty()) {
                return stream.code() + " " + date + ": no unit in landing (a run would end NO_DATA_AVAILABLE)";
            }
            for (var u : units) {
                var earlier = read(h -> new com.bank.gdw.loader.unit.EarlierLoads(dcf().processes().earlierLoads(h, stream.id(),
                        u.unit(), date, -1), settings.separateTarget()), com.bank.gdw.loader.unit.EarlierLoads.NONE);
                var v = check.check(u, earlier);
                sb.append(v.unit()).append(" would end ").append(v.status()).append(": ").append(v.rowsRead()).append(" read, ")
                        .append(v.rowsToWrite()).append(" would be written, rejects ").append(v.rejectsByReason().isEmpty() ? "none"
                                : v.rejectsByReason()).append(", quality ").append(v.averageScore()).append(" (high ").append(v.high())
                        .append(", medium ").append(v.medium()).append(", low ").append(v.low()).append(')')
                        .append(v.message() != null ? " - " + v.message() : "").append('\n');
            }
            return sb.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (scratch != null) {
                try (var files = java.nio.file.Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.IOException e) {
                    LOG.warn("cannot delete {}: {}", scratch, e.getMessage());
                }
            }
        }
    }

    @Override
    public String replay(String from, String to) {
        LocalDate first = date(from);
        LocalDate last = date(to);
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("not a range of dates: " + from + " .. " + to);
        }
        LOG.info("{}: replay of {} .. {} asked by {}", stream.name(), first, last, caller());
        try {
            var r = loader.archiveReplay().replay(producer, stream, first, last, null);
            return String.join("\n", r.lines()) + "\nexit " + r.exitCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LocalDate date(String businessDate) {
        LocalDate date = FileNaming.parseDate(businessDate == null ? "" : businessDate.trim());
        if (date == null) {
            throw new IllegalArgumentException("not a business date YYYYMMDD: " + businessDate);
        }
        return date;
    }

    @Override
    public String activate() {
        return setStatus(StreamRegistry.ACTIVE);
    }

    @Override
    public String deactivate() {
        return setStatus(StreamRegistry.INACTIVE);
    }

    private String setStatus(String status) {
        loader.initialize();
        dcf().jdbi().useTransaction(h -> dcf().streams().setStatus(h, stream.id(), status));
        LOG.warn("{} set {} by {}", stream.name(), status, caller());
        return stream.name() + " is " + status;
    }

    @Override
    public String releaseStaleLock() {
        return releaseStaleLock(false);
    }

    @Override
    public String releaseStaleLock(boolean force) {
        loader.initialize();
        return new StaleLeaseRelease(dcf()).release(stream.id(), stream.name(), force, caller(), activity().runId()).text();
    }

    /** The JMX user calling (remote JMX with a login), else "local JMX". */
    private static String caller() {
        Subject subject = currentSubject();
        String users = subject == null ? "" : subject.getPrincipals().stream().map(Principal::getName).distinct()
                .collect(Collectors.joining(","));
        return users.isEmpty() ? "local JMX" : "JMX user " + users;
    }

    /**
     * The subject of the JMX call: {@code Subject.current()} from Java 18 on, where Java 24 and later (the image's
     * Java 25) no longer support {@code Subject.getSubject} and throw; the code is built for Java 17, which has only
     * the latter.
     */
    @SuppressWarnings("removal")
    private static Subject currentSubject() {
        if (SUBJECT_CURRENT != null) {
            try {
                return (Subject) SUBJECT_CURRENT.invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        return Subject.getSubject(AccessController.getContext());
    }

    private static final MethodHandle SUBJECT_CURRENT = subjectCurrent();

    private static MethodHandle subjectCurrent() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private Optional<RunRecord> lastRun() {
        return read(h -> dcf().runs().recent(h, stream.id(), 1).stream().findFirst(), Optional.empty());
    }

    /**
     * Attributes must answer even while the database is down: they say UNKNOWN instead of failing the JMX console, and
     * at once while the databases are not made ready yet (that is tried in the background since the start), rather
     * than after a connection timeout per attribute.
     */
    private <T> T read(HandleCallback<T, RuntimeException> query, T otherwise) {
        if (!loader.isInitialized()) {
            return otherwise;
        }
        try {
            return dcf().jdbi().withHandle(query);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private static String describe(StreamLease.Holder h) {
        return "held by " + h.ownerId() + (h.runId() != null ? " for run " + h.runId() : "") + " until " + h.expires() + " UTC";
    }

    private ControlTables dcf() {
        return loader.dcf();
    }

    private StreamActivity activity() {
        return loader.activity().of(stream);
    }
}
