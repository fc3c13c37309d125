package com.bank.gdw.loader.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.dcf.StaleLeaseRelease;
import com.bank.gdw.loader.stream.StreamDefinition;

/** The operator's "release a stale lock" from the command line, as releaseStaleLock does over JMX. */
@Command(name = "release-lock", mixinStandardHelpOptions = true,
        description = "Release the stream's lease once it has expired; with --force also a live one (its holder is known to be dead).%n"
                + "Exit codes: 0 released or already free, 2 bad arguments or configuration, 4 refused because the lease is live "
                + "(or a running serve holds the embedded database file).")
public final class ReleaseLockCommand implements Callable<Integer> {

    /** Exit code of a refusal: the lease is live. */
    static final int REFUSED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--stream", required = true, paramLabel = "CODE", description = "Stream code.")
    String stream;

    @Option(names = "--force", description = "Release a live lease too.")
    boolean force;

    @Override
    public Integer call() {
        // an unknown --stream is refused before the loader starts (it would make the data directory and migrate first)
        LoaderProperties.load().streams().get(stream);
        try (CamelSession session = CamelSession.start()) {
            Loader loader = session.loader();
            StreamDefinition s = loader.streams().get(stream);
            loader.initialize();
            String caller = "command line, OS user " + System.getProperty("user.name", "?");
            StaleLeaseRelease.Result r = new StaleLeaseRelease(loader.dcf()).release(s.id(), s.name(), force, caller, null);
            spec.commandLine().getOut().println(s.name() + ": " + r.text());
            return switch (r.outcome()) {
                case RELEASED, FREE -> 0;
                case REFUSED_LIVE, REFUSED_OWN_RUN -> REFUSED;
            };
        }
    }
}
