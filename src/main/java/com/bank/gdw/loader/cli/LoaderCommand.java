package com.bank.gdw.loader.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The executable jar: serve (the default), run, generate, status, validate, replay, release-lock (the benchmark is apart: bench). */
@Command(name = "gdw-loader", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Loads feed files into the warehouse under DCF control (replaces DataStage SQ60BCFINSGLdPlnBalSegMstr).",
        footer = "%nThe benchmark is not in this jar: ./bench in the repository, with target/gdw-loader-bench.jar (docs/benchmark.md).",
        subcommands = {ServeCommand.class, RunCommand.class, GenerateCommand.class, StatusCommand.class, ValidateCommand.class, ReplayCommand.class, ReleaseLockCommand.class})
public final class LoaderCommand implements Runnable {

    /** Exit code of a bad argument or configuration. */
    public static final int USAGE = 2;

    @Override
    public void run() {
        new ServeCommand().call();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, never a stack trace for a usage error. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LoaderCommand()).setOut(out).setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("gdw-loader: " + ex.getMessage() + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof ConfigurationException) {
                commandLine.getErr().println("gdw-loader: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof DatabaseFileHeldException) {
                commandLine.getErr().println("gdw-loader: " + ex.getMessage());
                return DatabaseFileHeldException.EXIT_CODE;
            }
            commandLine.getErr().println("gdw-loader: " + ex);
            return 1;
        });
        return cli.execute(args);
    }
}
