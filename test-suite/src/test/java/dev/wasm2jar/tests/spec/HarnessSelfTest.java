package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness against the real compiler on scripts written for it (src/test/resources/spec/harness-selftest):
 * with the official suite all green, this is what shows the harness still notices wrong results, wrong
 * traps, wrong link errors and hangs. Commands whose line ends in {@code ;; FAIL} are deliberately wrong.
 */
class HarnessSelfTest {
    private static final Path WAST_DIR = SpecSuiteTest.BASEDIR.resolve("src/test/resources/spec/harness-selftest");
    private static final Path JSON_DIR = SpecSuiteTest.TARGET.resolve("spec-json/harness-selftest");

    @BeforeAll
    static void convert() throws Exception {
        WastConverter.ensureConverted(WAST_DIR, JSON_DIR, SpecSuiteTest.CONVERT_SCRIPT);
    }

    private static ScriptResult run(String name, Duration timeout) throws Exception {
        Path json = WastConverter.jsonFor(WAST_DIR.resolve(name), JSON_DIR);
        try (SuiteRunner runner = new SuiteRunner(ModuleFactory.COMPILER, 1, timeout, 64L << 20)) {
            return runner.submit(json, name, false).get(5, TimeUnit.MINUTES);
        }
    }

    @Test
    void exactlyTheDeliberatelyWrongCommandsFail() throws Exception {
        List<String> lines = Files.readAllLines(WAST_DIR.resolve("selftest.wast"));
        TreeSet<Integer> marked = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).stripTrailing().endsWith(";; FAIL")) {
                marked.add(i + 1);
            }
        }
        ScriptResult r = run("selftest.wast", Duration.ofSeconds(120));
        TreeSet<Integer> failed = new TreeSet<>();
        List<String> why = new ArrayList<>();
        for (Failure f : r.failures()) {
            failed.add(f.line());
            why.add(f.toString());
        }
        assertEquals(marked, failed, () -> String.join("\n", why));
        assertEquals(marked.size(), r.failed());
        assertEquals(1, r.notApplicable());
        assertEquals(0, r.skipped());
        int commands = SpecScript.read(WastConverter.jsonFor(WAST_DIR.resolve("selftest.wast"), JSON_DIR)).commands().size();
        assertEquals(commands, r.recorded());
        assertEquals(commands - 2, r.passed() + r.failed(), "commands counted (all but one register and one text module)");
    }

    @Test
    void aModuleThatNeverFinishesInstantiatingTimesOut() throws Exception {
        ScriptResult r = run("hang.wast", Duration.ofSeconds(3));
        assertEquals(List.of(
                "hang.wast:3 module: timed out after 3 s (hang or far too slow)",
                "hang.wast:4 assert_return: not run: the script timed out at line 3"),
                r.failures().stream().map(Failure::toString).toList());
    }
}
