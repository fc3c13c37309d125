package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.bank.gdw.loader.camel.ArchiveReplay;
import com.bank.gdw.loader.stream.FileNaming;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * Loads business dates again from the archive: for each date of the range, oldest first, the latest COMPLETED load of
 * each unit is found through the DCF tables, its archived files are checked against the recorded SHA-256 and copied
 * (never moved) into landing, and the date runs with trigger REPLAY: the resend rules replace the unit's rows, the
 * same-content skip does not apply. The run archives the copies beside the originals.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Load business dates again from the archived files (trigger REPLAY).%n"
                + "Exit codes: 0 every replayed unit completed, 1 some did not, 2 bad arguments or configuration, "
                + "3 nothing archived to replay, 4 another run holds the stream (or a running serve holds the embedded database file).")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "YYYYMMDD", description = "First business date.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYYMMDD", description = "Last business date.")
    String to;

    @Option(names = "--unit", split = ",", paramLabel = "UNIT", description = "Only these units (default: every unit).")
    Set<String> units;

    @Option(names = "--stream", paramLabel = "CODE", description = "Stream code (default: the only configured stream).")
    String stream;

    @Override
    public Integer call() throws IOException {
        LocalDate first = FileNaming.parseDate(from);
        LocalDate last = FileNaming.parseDate(to);
        if (first == null || last == null || last.isBefore(first)) {
            throw new IllegalArgumentException("--from " + from + " --to " + to + " is not a range of dates YYYYMMDD");
        }
        PrintWriter out = spec.commandLine().getOut();
        // an unknown --stream is refused before the loader starts (it would make the data directory and migrate first)
        LoaderProperties.load().streams().only(stream);
        try (CamelSession session = CamelSession.start()) {
            StreamDefinition s = session.loader().streams().only(stream);
            ArchiveReplay.Result r = session.loader().archiveReplay().replay(session.context().createProducerTemplate(), s, first, last,
                    units);
            r.lines().forEach(out::println);
            out.flush();
            return r.exitCode();
        }
    }
}
