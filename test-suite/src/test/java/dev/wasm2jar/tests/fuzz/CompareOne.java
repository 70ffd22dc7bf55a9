package dev.wasm2jar.tests.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one module on both engines and prints "same" or "different: ..." (exit code 0 either way): the
 * interestingness test for {@code wasm-reduce} when shrinking a mismatching module (see fuzz/reduce.sh).
 */
public final class CompareOne {
    private CompareOne() {}

    public static void main(String[] args) throws Exception {
        Path module = Path.of(args[0]);
        List<String> expected = new V8Runner().run(List.of(module)).get(module);
        List<String> actual = new Wasm2jarRunner(Duration.ofSeconds(30)).run(Files.readAllBytes(module));
        String diff = TranscriptDiff.firstDifference(expected, actual);
        System.out.println(diff == null ? "same" : "different");
        System.exit(0);
    }
}
