package dev.wasm2jar.compiler.cli;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LaunchConfig;
import dev.wasm2jar.rt.Launcher;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wasm2jar run}: compiles in memory and runs the module as a WASI command, or with {@code --invoke}
 * calls one export and prints its results. Everything after FILE.wasm goes to the guest.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Compile a module in memory and run it.",
                "Runs it as a WASI command (its _start) or, with --invoke, calls one exported function with the "
                + "given numbers and prints its results one per line. The exit code is the guest's (proc_exit), "
                + "134 after a trap, 1 when the module cannot be compiled or linked."},
        footer = {"", "Options go before FILE.wasm; everything after it is passed to the guest."})
final class RunCommand implements Callable<Integer>, Verbosity {
    /** Called before {@code --invoke} when a module exports it (WASI reactors initialise there). */
    static final String INITIALIZE_EXPORT = "_initialize";

    private final Io io;

    @Mixin
    WasiOptions wasi = new WasiOptions();

    @Option(names = "--invoke", paramLabel = "NAME",
            description = "Call export NAME with ARGS (i32/i64: decimal; f32/f64: decimal, nan, inf) instead of _start.")
    String invoke;

    @Option(names = {"-v", "--verbose"}, description = "Print compilation statistics to stderr, and stack traces with errors.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE.wasm", description = "The WebAssembly module to run.")
    Path input;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the guest (or for the invoked function).")
    List<String> args = new ArrayList<>();

    RunCommand(Io io) {
        this.io = io;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        CompiledModule module = ModuleFiles.compile(input, new CompilerOptions().className(ClassNames.fromFile(input)).verbose(verbose));
        if (verbose) {
            CompiledModule.Stats s = module.stats();
            if (s != null) {
                io.err().println("compiled " + input + ": " + s.functions() + " functions, " + s.splitFunctions()
                        + " split, largest method " + s.largestMethodBytes() + " bytes"
                        + (s.largestMethodName() != null ? " (" + s.largestMethodName() + ")" : ""));
            }
        }
        Class<? extends WasmModuleInstance> moduleClass = new ModuleLoader(module).mainClass();
        // argv[0] is the module path as given, as wasmtime and Node's WASI do.
        LaunchConfig cfg = wasi.toLaunchConfig().programName(input.toString());
        if (invoke == null) {
            return Launcher.run(moduleClass, cfg, args.toArray(new String[0]), io.in(), io.out(), io.err());
        }
        return invoke(moduleClass, cfg);
    }

    private int invoke(Class<? extends WasmModuleInstance> moduleClass, LaunchConfig cfg) {
        WasiContext ctx;
        try {
            ctx = Launcher.wasiContext(cfg, moduleClass.getSimpleName(), new String[0], io.in(), io.out(), io.err());
        } catch (Launcher.LaunchError e) {
            throw new CliError(e.getMessage());
        }
        Object[][] results = new Object[1][];
        Throwable failure;
        try {
            failure = Launcher.runOnGuestThread(() -> {
                WasmModuleInstance instance = Launcher.instantiate(moduleClass, new Imports.Builder().wasi(ctx));
                if (instance.export(INITIALIZE_EXPORT) instanceof WasmFunction init && init.type.equals(">")) {
                    init.handle.invoke();
                }
                if (!(instance.export(invoke) instanceof WasmFunction function)) {
                    throw new Launcher.LaunchError("the module does not export a function \"" + invoke + "\"");
                }
                Object[] values = InvokeValues.parseArguments(invoke, function.type, args);
                results[0] = function.call(values);
            });
        } finally {
            ctx.close();
            io.out().flush();
            io.err().flush();
        }
        if (failure instanceof UsageError usage) {
            throw usage;
        }
        if (failure != null) {
            return Launcher.exitCode(failure, io.err());
        }
        for (Object result : results[0]) {
            io.out().println(InvokeValues.format(result));
        }
        io.out().flush();
        return 0;
    }
}
