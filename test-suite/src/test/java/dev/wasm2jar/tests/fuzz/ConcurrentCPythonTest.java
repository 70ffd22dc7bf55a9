package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.ProcExit;
import dev.wasm2jar.rt.WasmModuleInstance;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@value #INSTANCES} CPython interpreters (the project's copy of the workload's python.wasm, compiled and loaded once)
 * run check.py at the same time on separate threads, each with its own preopened copy of the workload
 * folder; every one must print exactly check.expected (Node's output) and exit 0. check.py exercises
 * memory growth, files, hashing, bignums and exceptions, so any state shared between instances through
 * the generated classes or the runtime would show up as a wrong line. About 30 s.
 */
class ConcurrentCPythonTest {
    static final int INSTANCES = 4;

    /** The project's copy of the CPython workload (test-suite/workloads/python), so a fresh clone runs this. */
    static Path workload() {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path python = basedir.resolve("workloads/python").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(python.resolve("python.wasm")), "CPython workload not found at " + python);
        return python;
    }

    @Test
    void parallel_cpython_instances_each_print_the_reference_output(@TempDir Path tmp) throws Exception {
        Path python = workload();
        String expected = Files.readString(python.resolve("check.expected"), StandardCharsets.UTF_8);
        ModuleLoader loader = new ModuleLoader(WasmCompiler.compile(Files.readAllBytes(python.resolve("python.wasm")),
                new CompilerOptions().className("Python")));
        loader.mainClass(); // load once, before the threads race for it

        CyclicBarrier start = new CyclicBarrier(INSTANCES);
        String[] outputs = new String[INSTANCES];
        int[] exits = new int[INSTANCES];
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            int n = i;
            Path root = tmp.resolve("root" + i);
            copyTree(python.resolve("lib"), root.resolve("lib"));
            Files.copy(python.resolve("check.py"), root.resolve("check.py"));
            Thread t = new Thread(null, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (WasiContext ctx = WasiContext.builder()
                        .args(List.of("python.wasm", "check.py", "alpha", "beta"))
                        .env("PYTHONHOME", "/").env("PYTHONDONTWRITEBYTECODE", "1")
                        .preopen(root, "/")
                        .stdin(new ByteArrayInputStream(new byte[0])).stdout(out).stderr(err).build()) {
                    start.await();
                    int code = 0;
                    try {
                        WasmModuleInstance instance = loader.instantiate(new Imports.Builder().wasi(ctx));
                        instance.exportedFunction("_start").call();
                    } catch (ProcExit exit) {
                        code = exit.code();
                    }
                    ctx.flush();
                    exits[n] = code;
                    outputs[n] = out.toString(StandardCharsets.UTF_8);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(new AssertionError("instance " + n + ": " + e + "; stderr: " + err.toString(StandardCharsets.UTF_8), e));
                    }
                }
            }, "cpython-" + i, 64L << 20);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(600_000);
            assertFalse(t.isAlive(), t.getName() + " still running after 10 minutes");
        }
        assertTrue(failures.isEmpty(), () -> failures.toString());
        for (int i = 0; i < INSTANCES; i++) {
            assertEquals(0, exits[i], "exit code of instance " + i);
            assertEquals(expected, outputs[i], "output of instance " + i);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
