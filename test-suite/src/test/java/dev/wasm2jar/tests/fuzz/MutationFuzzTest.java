package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile binaries in {@code mvn verify}: a fixed-seed mutation run over the corpus (a few seconds), and
 * the inputs earlier runs caught ({@code src/test/resources/hostile-regressions/}; a name ending in
 * {@code .malformed.wasm} or {@code .invalid.wasm} must be rejected as malformed or invalid).
 */
class MutationFuzzTest {
    static final Path REGRESSIONS = Path.of("src/test/resources/hostile-regressions");

    @Test
    void mutated_modules_are_compiled_or_rejected_never_crash_or_hang() throws Exception {
        int count = Integer.getInteger("mutate.count", 500);
        long seed = Long.getLong("mutate.seed", 20261125L);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MutationFuzzer.Summary s = new MutationFuzzer(MutationFuzzer.CORPUS, Path.of("target/mutation-findings"),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(count, seed);
        System.out.println("mutation fuzzing, seed " + seed + ": " + s.outcomes() + ", findings: " + s.failed());
        assertEquals(0, s.failed(), () -> s.closingLine() + "\n" + String.join("\n", s.findings()));
        // the run must reach compiled code, not only the decoder's error paths
        assertTrue(s.outcomes().getOrDefault(HostileInputRunner.Outcome.RAN, 0) > count / 50, () -> "too few mutants ran: " + s.outcomes());
    }

    @TestFactory
    Stream<DynamicTest> earlier_findings_stay_fixed() throws Exception {
        HostileInputRunner runner = new HostileInputRunner(MutationFuzzer.COMPILE_LIMIT, MutationFuzzer.RUN_LIMIT);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(REGRESSIONS)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
                String name = p.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    HostileInputRunner.Result r = runner.check(Files.readAllBytes(p));
                    assertFalse(r.outcome().isFinding(), name + ": " + r);
                    if (name.endsWith(".malformed.wasm") || name.endsWith(".invalid.wasm")) {
                        assertEquals(HostileInputRunner.Outcome.REJECTED, r.outcome(), name + ": " + r);
                        String kind = name.endsWith(".malformed.wasm") ? "MALFORMED" : "INVALID";
                        assertTrue(r.detail().startsWith(kind), name + ": " + r);
                    }
                }));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }
}
