package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Instances share no state: for each fuzz module (binaryen translate-to-fuzz modules of the corpus and the
 * format self-check, which write memory, globals and tables and call host imports), one compilation and
 * one set of loaded classes serve {@value #THREADS} threads that each instantiate and run the module
 * {@value #ROUNDS} times at once; every transcript must equal the single-threaded one.
 */
class ConcurrentInstancesTest {
    static final int THREADS = 8;
    static final int ROUNDS = 5;

    @TestFactory
    Stream<DynamicTest> parallel_instances_match_the_single_threaded_run() throws Exception {
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> s = Files.list(MutationFuzzer.CORPUS)) {
            s.filter(p -> p.getFileName().toString().startsWith("binaryen-ttf-")).sorted().forEach(modules::add);
        }
        modules.add(FuzzRegressionsTest.DIR.resolve("format-edge-values.wasm"));
        assertTrue(modules.size() > 5, "corpus modules missing");
        return modules.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> check(m)));
    }

    private static void check(Path module) throws Exception {
        byte[] wasm = Files.readAllBytes(module);
        ModuleLoader loader = new ModuleLoader(WasmCompiler.compile(wasm, new CompilerOptions().className("Shared")));
        List<String> reference = runOnThread(loader, wasm);
        assertFalse(reference.isEmpty());
        assertTrue(reference.stream().noneMatch(l -> l.startsWith("error") || l.startsWith("harness-error")), () -> "single run failed: " + reference);

        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<List<List<String>>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<List<String>> mine = new ArrayList<>();
            results.add(mine);
            Thread th = new Thread(null, () -> {
                try {
                    start.await();
                    for (int r = 0; r < ROUNDS; r++) {
                        Transcript transcript = new Transcript();
                        Wasm2jarRunner.runInstance(loader, wasm, transcript);
                        mine.add(transcript.lines());
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "instance-" + t, Wasm2jarRunner.STACK_BYTES);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(120_000);
            assertFalse(th.isAlive(), th.getName() + " did not finish");
        }
        assertTrue(failures.isEmpty(), () -> "threads failed: " + failures);
        for (int t = 0; t < THREADS; t++) {
            assertEquals(ROUNDS, results.get(t).size());
            for (List<String> transcript : results.get(t)) {
                assertEquals(reference, transcript, "thread " + t + " of " + module.getFileName());
            }
        }
    }

    private static List<String> runOnThread(ModuleLoader loader, byte[] wasm) throws InterruptedException {
        Transcript transcript = new Transcript();
        Thread th = new Thread(null, () -> Wasm2jarRunner.runInstance(loader, wasm, transcript), "single", Wasm2jarRunner.STACK_BYTES);
        th.start();
        th.join(120_000);
        return transcript.lines();
    }
}
