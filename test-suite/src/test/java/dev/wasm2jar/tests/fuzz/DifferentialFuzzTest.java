package dev.wasm2jar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fixed-seed differential run of {@code mvn verify}: 200 binaryen translate-to-fuzz modules on
 * wasm2jar and on V8 (about a minute). Needs {@code wasm-opt} (binaryen 108) and {@code node} on PATH;
 * {@code -Dfuzz.count} and {@code -Dfuzz.seed} change the run. Mismatching modules are written to
 * {@code target/fuzz-failures/} with both transcripts.
 */
class DifferentialFuzzTest {
    static final long SEED = 20261125L;

    @Test
    void wasm2jar_agrees_with_v8_on_fixed_seed_modules() throws Exception {
        int count = Integer.getInteger("fuzz.count", 200);
        long seed = Long.getLong("fuzz.seed", SEED);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DifferentialFuzzer.Summary s = new DifferentialFuzzer(Path.of("target/fuzz-work"), Path.of("target/fuzz-failures"),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(count, seed);
        System.out.println("differential fuzzing, seed " + seed + ": " + s.closingLine());
        assertEquals(0, s.failed(), () -> s.closingLine() + "\n" + String.join("\n", s.mismatches()));
        // wasm-opt rarely fails on an input; many skips would mean the generator is broken
        assertTrue(s.skipped() <= count / 20, () -> "too many inputs skipped: " + s.closingLine());
    }
}
