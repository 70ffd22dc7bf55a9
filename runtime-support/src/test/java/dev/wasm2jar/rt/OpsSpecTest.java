package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasm2jar.rt.specops.NumericOps;
import dev.wasm2jar.rt.specops.NumericOps.NumericOp;
import dev.wasm2jar.rt.specops.WastScriptRunner;
import dev.wasm2jar.rt.specops.WastScriptRunner.Assertion;
import dev.wasm2jar.rt.specops.WastScriptRunner.Result;
import dev.wasm2jar.rt.specops.WastScriptRunner.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the official spec assertions for scalar numeric instructions (copied to src/test/resources/spec-ops)
 * against {@link Ops} and against the plain JVM instructions generated code uses for everything else.
 */
class OpsSpecTest {
    /**
     * Script -> number of assertions the runner must evaluate, pinned so that a parser regression cannot
     * silently turn assertions into skips. That is every assert_return/assert_trap of the scripts up to
     * float_misc; float_exprs skips 168 of 794 (functions with locals, control flow, memory),
     * float_literals 1 of 83 (a binary module).
     */
    private static final Map<String, Integer> SCRIPTS = new LinkedHashMap<>();
    static {
        SCRIPTS.put("i32.wast", 374);
        SCRIPTS.put("i64.wast", 384);
        SCRIPTS.put("f32.wast", 2500);
        SCRIPTS.put("f64.wast", 2500);
        SCRIPTS.put("f32_bitwise.wast", 360);
        SCRIPTS.put("f64_bitwise.wast", 360);
        SCRIPTS.put("f32_cmp.wast", 2400);
        SCRIPTS.put("f64_cmp.wast", 2400);
        SCRIPTS.put("conversions.wast", 593);
        SCRIPTS.put("float_misc.wast", 440);
        SCRIPTS.put("float_exprs.wast", 626);
        SCRIPTS.put("float_literals.wast", 82);
        SCRIPTS.put("int_exprs.wast", 89);
    }

    /**
     * Calls per instruction in {@link #resultsAreStableOnceCompiled}: enough for HotSpot to JIT-compile
     * Ops and the instruction lambdas (C1 always; C2 as far as its compile queue gets), whose intrinsics
     * and NaN handling can differ from the interpreter's. For full coverage of one mode, run this class
     * with -DargLine="-Xint" or -DargLine="-Xcomp -XX:-TieredCompilation" (both pass).
     */
    private static final int JIT_CALLS_PER_INSTRUCTION = 20_000;

    private static final Map<String, List<Assertion>> ASSERTIONS = new LinkedHashMap<>();
    /** First-round (mostly interpreted) results. */
    private static final Map<String, List<Result>> RESULTS = new LinkedHashMap<>();

    @BeforeAll
    static void runScripts() {
        WastScriptRunner runner = new WastScriptRunner(NumericOps.standard());
        for (String script : SCRIPTS.keySet()) {
            List<Assertion> assertions = runner.prepare(script, read(script));
            ASSERTIONS.put(script, assertions);
            RESULTS.put(script, assertions.stream().map(Assertion::run).toList());
        }
    }

    private static String read(String script) {
        try (InputStream in = OpsSpecTest.class.getResourceAsStream("/spec-ops/" + script)) {
            if (in == null) throw new IllegalStateException("missing test resource spec-ops/" + script);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One test per exported spec function, failing with every assertion on it that does not hold. */
    @TestFactory
    Stream<DynamicContainer> specAssertions() {
        return RESULTS.entrySet().stream().map(script -> {
            Map<String, List<Result>> byExport = script.getValue().stream()
                    .filter(r -> r.status() != Status.SKIPPED)
                    .collect(Collectors.groupingBy(Result::export, LinkedHashMap::new, Collectors.toList()));
            return DynamicContainer.dynamicContainer(script.getKey(), byExport.entrySet().stream()
                    .map(export -> DynamicTest.dynamicTest(export.getKey(), () -> assertAllPassed(export.getValue()))));
        });
    }

    private static void assertAllPassed(List<Result> results) {
        List<Result> failed = results.stream().filter(r -> r.status() == Status.FAILED).toList();
        if (!failed.isEmpty()) {
            fail(failed.size() + " of " + results.size() + " assertions failed:\n"
                    + failed.stream().map(Result::toString).collect(Collectors.joining("\n")));
        }
    }

    /**
     * Re-runs every assertion until each instruction has been called {@link #JIT_CALLS_PER_INSTRUCTION}
     * times (assertions on rarely tested instructions are repeated more), twice over so the second pass
     * runs compiled code whose profile has seen every input, NaN paths included. Every outcome must equal
     * the first, interpreted one.
     */
    @Test
    void resultsAreStableOnceCompiled() {
        Map<String, Integer> uses = new TreeMap<>();
        RESULTS.values().stream().flatMap(List::stream)
                .forEach(r -> r.instructions().forEach(op -> uses.merge(op, 1, Integer::sum)));
        List<String> changed = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (String script : SCRIPTS.keySet()) {
                List<Assertion> assertions = ASSERTIONS.get(script);
                List<Result> first = RESULTS.get(script);
                for (int i = 0; i < assertions.size(); i++) {
                    Result expected = first.get(i);
                    int rarest = expected.instructions().stream().mapToInt(uses::get).min().orElse(JIT_CALLS_PER_INSTRUCTION);
                    int repeats = (JIT_CALLS_PER_INSTRUCTION + rarest - 1) / rarest / 2;
                    for (int k = 0; k < repeats; k++) {
                        Result result = assertions.get(i).run();
                        if (!result.equals(expected) && changed.size() < 20) changed.add("pass " + pass + ": " + result);
                    }
                }
            }
        }
        assertTrue(changed.isEmpty(), "results changed after JIT compilation:\n" + String.join("\n", changed));
    }

    @Test
    void everyScriptEvaluatesItsPinnedNumberOfAssertions() {
        Map<String, Integer> evaluated = new LinkedHashMap<>();
        RESULTS.forEach((script, results) ->
                evaluated.put(script, (int) results.stream().filter(r -> r.status() != Status.SKIPPED).count()));
        Map<String, Long> skippedByReason = RESULTS.values().stream().flatMap(List::stream)
                .filter(r -> r.status() == Status.SKIPPED)
                .collect(Collectors.groupingBy(r -> r.file() + ": " + r.detail(), TreeMap::new, Collectors.counting()));
        System.out.println("evaluated: " + evaluated + "\nskipped (script: reason = assertions): " + skippedByReason);
        assertEquals(SCRIPTS, evaluated);
    }

    /** Each instruction of the table, Ops helper or plain JVM, is checked by at least one passing assertion. */
    @Test
    void everyInstructionIsCovered() {
        Map<String, Integer> passedUses = new TreeMap<>();
        RESULTS.values().stream().flatMap(List::stream).filter(r -> r.status() == Status.PASSED)
                .forEach(r -> r.instructions().forEach(op -> passedUses.merge(op, 1, Integer::sum)));
        Set<String> uncovered = new TreeSet<>(NumericOps.standard().keySet());
        uncovered.removeAll(passedUses.keySet());
        System.out.println(report(passedUses));
        assertTrue(uncovered.isEmpty(), "instructions no passing spec assertion exercises: " + uncovered);
    }

    private static String report(Map<String, Integer> passedUses) {
        List<String> lines = new ArrayList<>();
        for (NumericOp op : NumericOps.standard().values()) {
            lines.add(String.format("%-22s %-4s %-32s %5d", op.name(), op.source(), op.jvmForm(),
                    passedUses.getOrDefault(op.name(), 0)));
        }
        return String.join("\n", lines);
    }
}
