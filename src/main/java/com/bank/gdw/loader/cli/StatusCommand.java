package com.bank.gdw.loader.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import com.bank.gdw.loader.camel.Loader;
import com.bank.gdw.loader.dcf.RunRecord;
import com.bank.gdw.loader.dcf.UnitRecord;
import com.bank.gdw.loader.stream.StreamDefinition;

/** The stream's state and recent runs, from the DCF tables. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the stream's status, lease and recent runs.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: every configured stream).")
    String stream;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "How many recent runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        try (CamelSession session = CamelSession.start()) {
            Loader loader = session.loader();
            loader.initialize();
            var dcf = loader.dcf();
            for (StreamDefinition s : stream == null ? List.copyOf(loader.streams().all()) : List.of(loader.streams().get(stream))) {
                dcf.jdbi().useHandle(h -> {
                    String status = dcf.streams().status(h, s.id()).orElse("(not registered)");
                    String lease = dcf.lease().holder(h, s.id()).map(x -> "held by " + x.ownerId() + " until " + x.expires() + " UTC")
                            .orElse("free");
                    out().printf("%s (id %d, %s): %s, lease %s%n", s.name(), s.id(), s.targetTable(), status, lease);
                    for (RunRecord r : dcf.runs().recent(h, s.id(), runs)) {
                        out().printf("  run %-6d %s %-17s %-8s %s -> %s files %s/%s%s%n", r.id(), r.businessDate(), r.status(),
                                r.trigger(), r.start(), r.end() == null ? "" : r.end(), r.filesLoaded(), r.filesFound(),
                                r.error() == null ? "" : "  " + r.error());
                        for (UnitRecord u : dcf.processes().ofRun(h, r.id())) {
                            out().printf("      process %-6d %-45s %-17s input %d written %d rejected %d duplicates %d%n", u.id(),
                                    u.fileName(), u.status(), u.figures().inputRows(), u.figures().rowsWritten(),
                                    u.figures().rejectedRows(), u.figures().duplicateRows());
                        }
                    }
                });
            }
            return 0;
        }
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
