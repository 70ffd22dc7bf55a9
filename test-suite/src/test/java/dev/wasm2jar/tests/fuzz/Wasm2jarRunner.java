package dev.wasm2jar.tests.fuzz;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.LinkException;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.ValueTypes;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The wasm2jar side of the differential fuzzer: compiles a module, instantiates it with the
 * {@code fuzzing-support} imports and writes the same transcript run-v8.mjs writes for V8.
 */
final class Wasm2jarRunner {
    /** Deep enough for any recursion binaryen's hang limit allows. */
    static final long STACK_BYTES = 16L << 20;
    private final Duration timeout;

    Wasm2jarRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** The transcript; a module that outlives the timeout ends with a {@code timeout} line. */
    List<String> run(byte[] wasm) {
        Transcript transcript = new Transcript();
        Bounded.Outcome<Void> o = Bounded.run("fuzz-module", STACK_BYTES, timeout, () -> {
            runModule(wasm, transcript);
            return null;
        });
        if (o.timedOut()) {
            transcript.add("timeout");
        } else if (o.failure() != null) {
            transcript.add("harness-error " + Transcript.failureLine(o.failure()));
        }
        return transcript.lines();
    }

    /** Compile, instantiate and call. */
    static void runModule(byte[] wasm, Transcript transcript) {
        CompiledModule compiled;
        try {
            compiled = WasmCompiler.compile(wasm, new CompilerOptions().className("FuzzModule"));
        } catch (CompileException e) {
            transcript.add("compile error");
            transcript.add("# " + e.kind() + ": " + Transcript.firstLine(e.getMessage()));
            return;
        }
        transcript.add("compile ok");
        runInstance(new ModuleLoader(compiled), wasm, transcript);
    }

    /**
     * Instantiates the loaded module and calls its exports. The concurrency test runs this on many
     * threads with one loader: one set of generated classes, many instances, as an embedder has them.
     */
    static void runInstance(ModuleLoader loader, byte[] wasm, Transcript transcript) {
        WasmModuleInstance instance;
        FuzzingSupport support = new FuzzingSupport(transcript);
        try {
            instance = loader.instantiate(support.imports(wasm));
        } catch (LinkException e) {
            transcript.add("instantiate error");
            return;
        } catch (ThreadDeath stopped) {
            throw stopped;
        } catch (Throwable t) {
            transcript.add("instantiate " + Transcript.failureLine(t));
            return;
        }
        transcript.add("instantiate ok");
        support.attach(instance);
        Map<String, Object> exports = instance.exports();
        WasmFunction hang = exports.get("hangLimitInitializer") instanceof WasmFunction f ? f : null;
        for (String set : ArgumentSets.NAMES) {
            for (Map.Entry<String, Object> e : exports.entrySet()) {
                if (!(e.getValue() instanceof WasmFunction f)) {
                    continue;
                }
                transcript.add(Transcript.callLine(e.getKey(), set));
                try {
                    if (hang != null) {
                        hang.call();
                    }
                    Object[] results = f.call(ArgumentSets.arguments(ValueTypes.params(f.type), set));
                    transcript.add(Transcript.resultLine(ValueTypes.results(f.type), results));
                } catch (ThreadDeath stopped) {
                    throw stopped;
                } catch (Throwable t) {
                    transcript.add(Transcript.failureLine(t));
                }
            }
        }
        if (exports.get("memory") instanceof Memory m) {
            transcript.add(Transcript.memoryLine(m));
        }
        for (Map.Entry<String, Object> e : exports.entrySet()) {
            if (e.getValue() instanceof Global g) {
                transcript.add(Transcript.globalLine(e.getKey(), g));
            }
        }
    }
}
