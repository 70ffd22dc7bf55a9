package dev.wasm2jar.bench;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a WASI command module on Chicory 1.7.5, for comparison in test-suite/bench/pystone.sh:
 *
 * <pre>java -jar chicory-bench.jar --engine compiler|interpreter [--dir HOST::GUEST]... [--env NAME=VALUE]... [--timing] MODULE.wasm [ARGS...]</pre>
 *
 * argv is {@code MODULE.wasm ARGS...} as given; the environment holds only the --env values; stdio is the
 * process's own; the exit code is the guest's. {@code compiler} is Chicory's runtime bytecode compiler with
 * its default behaviour for functions it cannot compile (they run in its interpreter, silently);
 * {@code interpreter} is Chicory's interpreter for everything. {@code --timing} prints, on stderr, how long
 * parsing plus instantiation (which includes Chicory's compilation) and the run took.
 */
public final class ChicoryRun {
    private ChicoryRun() {}

    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String engine = null;
        boolean timing = false;
        WasiOptions.Builder wasi = WasiOptions.builder().inheritSystem();
        while (!args.isEmpty() && args.get(0).startsWith("--")) {
            String option = args.remove(0);
            switch (option) {
                case "--engine" -> engine = take(args, option);
                case "--timing" -> timing = true;
                case "--env" -> {
                    String value = take(args, option);
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        usage("--env expects NAME=VALUE, got '" + value + "'");
                    }
                    wasi.withEnvironment(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--dir" -> {
                    String value = take(args, option);
                    int sep = value.indexOf("::");
                    String host = sep < 0 ? value : value.substring(0, sep);
                    String guest = sep < 0 ? value : value.substring(sep + 2);
                    wasi.withDirectory(guest, Path.of(host).toAbsolutePath());
                }
                default -> usage("unknown option " + option);
            }
        }
        if (engine == null || !(engine.equals("compiler") || engine.equals("interpreter"))) {
            usage("--engine compiler|interpreter is required");
        }
        if (args.isEmpty()) {
            usage("no module given");
        }
        wasi.withArguments(args);

        long start = System.nanoTime();
        WasmModule module = Parser.parse(Path.of(args.get(0)));
        int exitCode;
        try (WasiPreview1 wasiFunctions = WasiPreview1.builder().withOptions(wasi.build()).build()) {
            Instance.Builder builder = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasiFunctions.toHostFunctions()).build())
                    // _start is called below, so its exit can be caught and timed separately.
                    .withStart(false);
            if (engine.equals("compiler")) {
                builder.withMachineFactory(MachineFactoryCompiler.builder(module)
                        .withInterpreterFallback(InterpreterFallback.SILENT).compile());
            } else {
                builder.withMachineFactory(InterpreterMachine::new);
            }
            Instance instance = builder.build();
            long instantiated = System.nanoTime();
            try {
                instance.export("_start").apply();
                exitCode = 0;
            } catch (WasiExitException e) {
                exitCode = e.exitCode();
            }
            System.out.flush();
            if (timing) {
                long end = System.nanoTime();
                System.err.printf("chicory %s: parse+instantiate %d ms, run %d ms%n", engine,
                        (instantiated - start) / 1_000_000, (end - instantiated) / 1_000_000);
            }
        }
        System.exit(exitCode);
    }

    private static String take(List<String> args, String option) {
        if (args.isEmpty()) {
            usage(option + " needs a value");
        }
        return args.remove(0);
    }

    private static void usage(String message) {
        System.err.println("chicory-bench: " + message);
        System.err.println("usage: java -jar chicory-bench.jar --engine compiler|interpreter [--dir HOST::GUEST]... "
                + "[--env NAME=VALUE]... [--timing] MODULE.wasm [ARGS...]");
        System.exit(2);
    }
}
