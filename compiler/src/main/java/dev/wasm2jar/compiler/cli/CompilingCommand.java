package dev.wasm2jar.compiler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What the default command ({@link Main}) and its explicit form ({@link CompileCommand}) share: compiling. */
abstract class CompilingCommand implements Callable<Integer>, Verbosity {
    static final String OPTS_NOTE = "A runnable jar's WASI settings can be extended at run time with the WASM2JAR_OPTS "
            + "environment variable, e.g.:";
    static final String OPTS_EXAMPLE = "  WASM2JAR_OPTS='--dir data::/data --env DEBUG=1' java -jar out.jar";

    private final Io io;

    @Mixin
    CompileOptions options = new CompileOptions();

    CompilingCommand(Io io) {
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
