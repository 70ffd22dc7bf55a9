package dev.wasm2jar.compiler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wasm2jar compile FILE.wasm ...}: the explicit form of the default command. */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Compile a WebAssembly module to a jar (runnable with java -jar unless --library).",
        sortOptions = false,
        footer = {"", "A runnable jar's WASI settings can be extended at run time with the WASM2JAR_OPTS environment "
                + "variable, e.g.:", "  WASM2JAR_OPTS='--dir data::/data --env DEBUG=1' java -jar out.jar"})
final class CompileCommand implements Callable<Integer>, Verbosity {
    private final Io io;

    @Mixin
    CompileOptions options = new CompileOptions();

    CompileCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return options.compile(io);
    }

    @Override
    public boolean verbose() {
        return options.verbose;
    }
}
