package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted edge-case modules of {@link HostileModules}: each must compile and run, or be rejected with
 * a CompileException, within 60 s of compile time (generous, as machines are shared: the slowest module
 * takes about 8 s on a loaded 2-core machine, and the hangs this catches ran for minutes).
 * {@link #KNOWN_FAILING} are findings reported in test-suite/fuzz/FINDINGS.md and not fixed yet (compiler code generation): they must still fail the
 * same way, so a fix shows up here as a test to update.
 */
class HostileModulesTest {
    /** Module name to the finding it still produces (see FINDINGS.md). */
    static final Map<String, HostileInputRunner.Outcome> KNOWN_FAILING = Map.of();

    @TestFactory
    Stream<DynamicTest> crafted_modules_compile_or_are_rejected() {
        HostileInputRunner runner = new HostileInputRunner(Duration.ofSeconds(60), Duration.ofSeconds(5));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : HostileModules.all().entrySet()) {
            String name = e.getKey();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                HostileInputRunner.Result r = runner.check(e.getValue());
                HostileInputRunner.Outcome known = KNOWN_FAILING.get(name);
                if (known != null) {
                    assertTrue(r.outcome() == known, name + " no longer fails as reported (" + r
                            + "): take it off KNOWN_FAILING and FINDINGS.md");
                } else {
                    assertFalse(r.outcome().isFinding(), name + ": " + r);
                }
            }));
        }
        return tests.stream();
    }

    /**
     * A 160 KB module must not need gigabytes of heap to compile (or to be rejected): each of these is
     * checked in a child JVM limited to 512 MiB, where an OutOfMemoryError is a COMPILE_CRASH.
     */
    @TestFactory
    Stream<DynamicTest> memory_hungry_modules_compile_in_a_512m_heap(@TempDir Path tmp) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : HostileModules.memoryHungry().entrySet()) {
            String name = e.getKey();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path file = tmp.resolve(name + ".wasm");
                Files.write(file, e.getValue());
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                        "-cp", System.getProperty("java.class.path"), HostileInputRunner.class.getName(), file.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " child JVM did not end");
                String line = out.lines().filter(l -> l.startsWith(file.toString() + ": ")).findFirst()
                        .orElseThrow(() -> new AssertionError("no outcome from the child JVM: " + out));
                HostileInputRunner.Outcome outcome = HostileInputRunner.Outcome.valueOf(line.substring(file.toString().length() + 2).split(" ")[0]);
                HostileInputRunner.Outcome known = KNOWN_FAILING.get(name);
                if (known != null) {
                    assertTrue(outcome == known, name + " no longer fails as reported (" + line + "): take it off KNOWN_FAILING and FINDINGS.md");
                } else {
                    assertFalse(outcome.isFinding(), line);
                }
            }));
        }
        return tests.stream();
    }
}
