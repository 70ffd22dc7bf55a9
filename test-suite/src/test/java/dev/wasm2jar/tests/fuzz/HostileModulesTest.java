package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The crafted edge-case modules of {@link HostileModules}: each must compile and run, or be rejected with
 * a CompileException, within 10 s of compile time. {@link #KNOWN_FAILING} are findings reported in
 * test-suite/fuzz/FINDINGS.md and not fixed yet (compiler code generation): they must still fail the
 * same way, so a fix shows up here as a test to update.
 */
class HostileModulesTest {
    /** Module name to the finding it still produces (see FINDINGS.md). */
    static final Map<String, HostileInputRunner.Outcome> KNOWN_FAILING = Map.of(
            "nested-ifs-20000", HostileInputRunner.Outcome.COMPILE_CRASH,
            "br_table-1000000-targets", HostileInputRunner.Outcome.COMPILE_HANG,
            "params-1000", HostileInputRunner.Outcome.BAD_CLASS);

    @TestFactory
    Stream<DynamicTest> crafted_modules_compile_or_are_rejected() {
        HostileInputRunner runner = new HostileInputRunner(Duration.ofSeconds(10), Duration.ofSeconds(5));
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
}
