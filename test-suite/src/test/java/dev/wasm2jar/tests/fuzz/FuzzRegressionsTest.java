package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every module the differential fuzzer ever caught disagreeing with V8, kept with V8's transcript
 * ({@code NAME.wasm} + {@code NAME.expected} in {@code src/test/resources/fuzz-regressions/}): wasm2jar must
 * now produce exactly that transcript. No node or binaryen needed. Names listed in
 * {@code KNOWN-FAILING.txt} are bugs reported but not fixed yet (see {@code test-suite/fuzz/FINDINGS.md}):
 * they must still differ, so a fix that makes one pass fails here until it is taken off the list.
 */
class FuzzRegressionsTest {
    static final Path DIR = Path.of("src/test/resources/fuzz-regressions");

    @TestFactory
    Stream<DynamicTest> regressions() throws IOException {
        Set<String> knownFailing = knownFailing();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path wasm : files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                String name = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(wasm, name, knownFailing.contains(name))));
            }
        }
        assertFalse(tests.isEmpty(), "no fixtures in " + DIR.toAbsolutePath());
        return tests.stream();
    }

    private static void check(Path wasm, String name, boolean knownFailing) throws IOException {
        Path expectedFile = wasm.resolveSibling(name + ".expected");
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
        List<String> actual = new Wasm2jarRunner(Duration.ofSeconds(60)).run(Files.readAllBytes(wasm));
        String diff = TranscriptDiff.firstDifference(expected, actual);
        if (knownFailing) {
            assertNotNull(diff, name + " now matches V8: take it off KNOWN-FAILING.txt");
        } else {
            assertNull(diff, name + ": " + diff);
        }
    }

    static Set<String> knownFailing() throws IOException {
        Set<String> names = new HashSet<>();
        Path list = DIR.resolve("KNOWN-FAILING.txt");
        if (Files.exists(list)) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    names.add(l.split("\\s+")[0]);
                }
            }
        }
        return names;
    }
}
