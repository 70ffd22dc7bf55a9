package dev.wasm2jar.tests.fuzz;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LinkException;
import dev.wasm2jar.rt.ProcExit;
import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.ValueTypes;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.time.Duration;
import java.util.Map;

/**
 * Feeds one untrusted file through wasm2jar the way an embedder would and judges what happened. Allowed:
 * a {@link CompileException} with a one-line message; or a compiled module whose every generated class
 * loads and verifies, which then links or fails with a {@link LinkException} or {@link Trap}, and whose
 * exports, called with zero arguments, return, trap, exit, or run out of their time budget (an endless
 * loop is legal Wasm; the thread is stopped). Anything else is a finding: another exception or error
 * escaping compile, a compile that hangs, a class the JVM rejects, or a non-trap exception from a call.
 */
final class HostileInputRunner {
    enum Outcome {
        REJECTED, LINK_ERROR, START_TRAP, RAN, RUN_TIMEOUT,
        // findings
        COMPILE_CRASH, COMPILE_HANG, MULTILINE_ERROR, BAD_CLASS, INSTANTIATE_CRASH, RUN_CRASH;

        boolean isFinding() {
            return ordinal() >= COMPILE_CRASH.ordinal();
        }
    }

    record Result(Outcome outcome, String detail) {}

    private final Duration compileLimit;
    private final Duration runLimit;

    HostileInputRunner(Duration compileLimit, Duration runLimit) {
        this.compileLimit = compileLimit;
        this.runLimit = runLimit;
    }

    Result check(byte[] wasm) {
        // Compile on a thread with the JVM's default stack, as an embedder's worker thread would have.
        Bounded.Outcome<CompiledModule> c = Bounded.run("hostile-compile", 0, compileLimit,
                () -> WasmCompiler.compile(wasm, new CompilerOptions().className("Hostile")));
        if (c.timedOut()) {
            return new Result(Outcome.COMPILE_HANG, "compile ran longer than " + compileLimit.toSeconds() + " s");
        }
        if (c.failure() instanceof CompileException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("\n") || m.isBlank()
                    ? new Result(Outcome.MULTILINE_ERROR, m)
                    : new Result(Outcome.REJECTED, e.kind() + ": " + m);
        }
        if (c.failure() != null) {
            return new Result(Outcome.COMPILE_CRASH, describe(c.failure()));
        }
        CompiledModule compiled = c.value();
        Bounded.Outcome<Result> r = Bounded.run("hostile-run", Wasm2jarRunner.STACK_BYTES, runLimit, () -> instantiateAndRun(wasm, compiled));
        if (r.timedOut()) {
            return new Result(Outcome.RUN_TIMEOUT, "stopped after " + runLimit.toMillis() + " ms");
        }
        if (r.failure() != null) {
            return new Result(Outcome.INSTANTIATE_CRASH, describe(r.failure()));
        }
        return r.value();
    }

    private static Result instantiateAndRun(byte[] wasm, CompiledModule compiled) {
        ModuleLoader loader = new ModuleLoader(compiled);
        // Load and verify every class now: function classes otherwise load lazily on first call.
        for (String name : compiled.classes().keySet()) {
            try {
                Class.forName(name.replace('/', '.'), false, loader).getDeclaredMethods();
            } catch (Throwable t) {
                return new Result(Outcome.BAD_CLASS, describe(t));
            }
        }
        Imports imports = StubImports.forModule(wasm);
        WasmModuleInstance instance;
        try {
            instance = loader.instantiate(imports);
        } catch (LinkException e) {
            return new Result(Outcome.LINK_ERROR, e.getMessage());
        } catch (Trap e) {
            return new Result(Outcome.START_TRAP, e.getMessage());
        } catch (ProcExit e) {
            return new Result(Outcome.RAN, "start function exited " + e.getMessage());
        } catch (ThreadDeath stopped) {
            throw stopped;
        } catch (Throwable t) {
            return new Result(Outcome.INSTANTIATE_CRASH, describe(t));
        }
        int calls = 0;
        int traps = 0;
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            if (!(e.getValue() instanceof WasmFunction f)) {
                continue;
            }
            calls++;
            try {
                f.call(ArgumentSets.arguments(ValueTypes.params(f.type), "zero"));
            } catch (Trap | ProcExit expected) {
                traps++;
            } catch (ThreadDeath stopped) {
                throw stopped;
            } catch (Throwable t) {
                return new Result(Outcome.RUN_CRASH, "export \"" + e.getKey() + "\": " + describe(t));
            }
        }
        return new Result(Outcome.RAN, calls + " calls, " + traps + " trapped or exited");
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getName()).append(": ").append(Transcript.firstLine(t.getMessage()));
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(4, st.length); i++) {
            sb.append(i == 0 ? " at " : " < ").append(st[i]);
        }
        return sb.toString();
    }

    /** Checks the files given and prints each outcome: for looking at one finding. */
    public static void main(String[] args) throws Exception {
        HostileInputRunner runner = new HostileInputRunner(MutationFuzzer.COMPILE_LIMIT, MutationFuzzer.RUN_LIMIT);
        for (String file : args) {
            Result r = runner.check(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file)));
            System.out.println(file + ": " + r.outcome() + " " + r.detail());
        }
        System.exit(0);
    }
}
