package dev.wasm2jar.compiler.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code wasm2jar} command line. Without a subcommand it compiles ({@code wasm2jar FILE.wasm -o OUT.jar});
 * {@code run} compiles in memory and runs. Errors are one {@code wasm2jar: error:} line on stderr: exit code 2
 * for usage errors, 1 for everything else (missing file, invalid module, write failure); {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "wasm2jar", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = {
            "wasm2jar [compile] [OPTIONS] FILE.wasm [-o OUT.jar]",
            "       wasm2jar run [OPTIONS] FILE.wasm [ARGS...]",
            "       wasm2jar run --invoke NAME [OPTIONS] FILE.wasm [VALUES...]",
        },
        description = {"", "Compiles WebAssembly modules ahead of time to JVM bytecode. Without a command, compiles "
                + "FILE.wasm to a jar that runs with java -jar (a WASI command) or, with --library, to a plain library jar.", ""},
        sortOptions = false,
        subcommands = {CompileCommand.class, RunCommand.class, HelpCommand.class},
        footer = {"", CompilingCommand.OPTS_NOTE, CompilingCommand.OPTS_EXAMPLE})
public final class Main extends CompilingCommand {
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_USAGE = 2;

    Main(Io io) {
        super(io);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.in, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code (never calls System.exit). */
    public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Io io = new Io(in, out, err);
        CommandLine cl = new CommandLine(new Main(io), new Factory(io));
        // Guest arguments may look like options (python.wasm -c ...): stop parsing at FILE.wasm.
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((e, a) -> usageError(err, e.getCommandLine(), e.getMessage()));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageError) {
                return usageError(err, commandLine, e.getMessage());
            }
            boolean verbose = commandLine.getCommand() instanceof Verbosity v && v.verbose();
            String message = e instanceof CliError ? e.getMessage()
                    : "internal error: " + e + (verbose ? "" : " (--verbose shows the stack trace)");
            err.println("wasm2jar: error: " + message);
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int usageError(PrintStream err, CommandLine where, String message) {
        err.println("wasm2jar: error: " + message + " (see '" + where.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    /** Gives commands the streams to use. */
    private static final class Factory implements CommandLine.IFactory {
        private final Io io;

        Factory(Io io) {
            this.io = io;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == CompileCommand.class) {
                return cls.cast(new CompileCommand(io));
            }
            if (cls == RunCommand.class) {
                return cls.cast(new RunCommand(io));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
