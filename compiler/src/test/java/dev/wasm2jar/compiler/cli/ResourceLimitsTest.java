package dev.wasm2jar.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.WasmModuleInstance;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** --timeout / Thread.interrupt, --max-memory and --stack-size, through the CLI and the API. */
class ResourceLimitsTest {
    private static String fixture(String name) {
        return EndToEndTest.FIXTURES.resolve("limits").resolve(name).toString();
    }

    @Test
    void timeoutInterruptsARunawayLoop() {
        long t0 = System.nanoTime();
        CliRun run = CliRun.of("run", "--timeout", "0.5", fixture("spin.wasm"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(134, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("wasm trap: interrupted"), run.toString());
        assertTrue(ms < 30_000, "took " + ms + " ms");
    }

    @Test
    void threadInterruptStopsAGuestFromJava() throws Exception {
        CompiledModule m = WasmCompiler.compile(Files.readAllBytes(Path.of(fixture("spin.wasm"))), new CompilerOptions().className("Spin"));
        WasmModuleInstance instance = new ModuleLoader(m).instantiate(new Imports.Builder().wasi(WasiContext.builder().build()));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread guest = new Thread(() -> {
            try {
                instance.exportedFunction("_start").call();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        guest.start();
        Thread.sleep(200);
        guest.interrupt();
        guest.join(30_000);
        assertTrue(!guest.isAlive(), "guest still running");
        assertTrue(thrown.get() instanceof Trap t && t.getMessage().equals("interrupted"), String.valueOf(thrown.get()));
    }

    @Test
    void maxMemoryCapsMemoryGrow() {
        // 1 MiB = 16 pages: memory.grow fails there, so the program exits with the page count
        assertEquals(16, CliRun.of("run", "--max-memory", "1m", fixture("grow.wasm")).exitCode());
        assertEquals(32, CliRun.of("run", "--max-memory", "2m", fixture("grow.wasm")).exitCode());
    }

    @Test
    void maxMemoryRefusesAnInitialMemoryAboveTheLimit() {
        CliRun run = CliRun.of("run", "--max-memory", "1m", fixture("big-memory.wasm"));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("above the limit of 16 pages"), run.toString());
        assertEquals(0, CliRun.of("run", "--max-memory", "8m", fixture("big-memory.wasm")).exitCode());
    }

    @Test
    void stackSizeDecidesHowDeepAGuestMayRecurse() {
        // depth 100,000 per argument: two arguments need more than a small stack
        CliRun small = CliRun.of("run", "--stack-size", "1m", fixture("recurse.wasm"), "a", "b");
        assertEquals(134, small.exitCode(), small.toString());
        assertTrue(small.stderr().startsWith("wasm trap: call stack exhausted"), small.toString());
        CliRun big = CliRun.of("run", "--stack-size", "512m", fixture("recurse.wasm"), "a", "b");
        assertEquals(7, big.exitCode(), big.toString());
    }

    @Test
    void badLimitValuesAreUsageErrors() {
        for (List<String> args : List.of(List.of("--max-memory", "lots"), List.of("--stack-size", "-1"), List.of("--timeout", "soon"))) {
            CliRun run = CliRun.of("run", args.get(0), args.get(1), fixture("spin.wasm"));
            assertEquals(2, run.exitCode(), run.toString());
        }
    }
}
