package dev.wasm2jar.tests.spec;

import static dev.wasm2jar.tests.spec.FakeModules.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunnerTest {
    private static final String HANG = """
            {"source_filename": "hang.wast", "commands": [
             {"type": "module", "line": 1, "filename": "hang.0.wasm"},
             {"type": "module", "line": 2, "filename": "hang.1.wasm"},
             {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f", "args": []}, "expected": []},
             {"type": "register", "line": 4, "as": "x"},
             {"type": "assert_malformed", "line": 5, "filename": "hang.2.wat", "text": "x", "module_type": "text"}
            ]}
            """;

    private static final String DEEP = """
            {"source_filename": "deep.wast", "commands": [
             {"type": "module", "line": 1, "filename": "deep.0.wasm"},
             {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "depth", "args": [{"type": "i32", "value": "200000"}]}, "expected": [{"type": "i32", "value": "200000"}]}
            ]}
            """;

    static volatile long spin;

    static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    private final FakeModules modules = new FakeModules()
            .define("ok", imports -> new FakeModules.Instance())
            .define("hang", imports -> {
                while (true) {
                    spin++;
                }
            })
            .define("deep", imports -> new FakeModules.Instance().put("depth", fn(SuiteRunnerTest.class, "i>i", "depth")));

    @Test
    void aHangingScriptFailsFromWhereItHungAndFreesItsSlot(@TempDir Path dir) throws Exception {
        Path hang = FakeModules.writeScript(dir, "hang", HANG, Map.of("hang.0.wasm", "ok", "hang.1.wasm", "hang"));
        Path deep = FakeModules.writeScript(dir, "deep", DEEP, Map.of("deep.0.wasm", "deep"));
        try (SuiteRunner runner = new SuiteRunner(modules, 1, Duration.ofSeconds(1), 64L << 20)) {
            CompletableFuture<ScriptResult> hung = runner.submit(hang, "hang.wast", false);
            CompletableFuture<ScriptResult> after = runner.submit(deep, "deep.wast", false);
            ScriptResult h = hung.get(30, TimeUnit.SECONDS);
            assertEquals(1, h.passed());
            assertEquals(2, h.failed());
            assertEquals(1, h.notApplicable());
            assertEquals(5, h.recorded());
            List<Failure> f = h.failures();
            assertEquals("hang.wast:2 module: timed out after 1 s (hang or far too slow)", f.get(0).toString());
            assertEquals("hang.wast:3 assert_return: not run: the script timed out at line 2", f.get(1).toString());
            // with one slot, the next script only runs once the hung one gave its slot back
            ScriptResult d = after.get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), d.failures());
            assertEquals(2, d.passed());
        }
    }

    @Test
    void scriptsRunOnThreadsWithTheRequestedStack(@TempDir Path dir) throws Exception {
        Path deep = FakeModules.writeScript(dir, "deep", DEEP, Map.of("deep.0.wasm", "deep"));
        try (SuiteRunner big = new SuiteRunner(modules, 2, Duration.ofSeconds(60), 64L << 20);
             SuiteRunner small = new SuiteRunner(modules, 2, Duration.ofSeconds(60), 256L << 10)) {
            ScriptResult ok = big.submit(deep, "deep.wast", false).get(60, TimeUnit.SECONDS);
            assertEquals(2, ok.passed(), () -> ok.failures().toString());
            ScriptResult overflow = small.submit(deep, "deep.wast", false).get(60, TimeUnit.SECONDS);
            assertEquals(1, overflow.failed());
            assertTrue(overflow.failures().get(0).reason().startsWith("trapped \"call stack exhausted\""), overflow.failures().toString());
        }
    }

    @Test
    void skippedScriptsCountEveryTestButRunNothing(@TempDir Path dir) throws Exception {
        Path hang = FakeModules.writeScript(dir, "hang", HANG, Map.of("hang.0.wasm", "ok", "hang.1.wasm", "hang"));
        try (SuiteRunner runner = new SuiteRunner(modules, 1, Duration.ofSeconds(60), 1L << 20)) {
            ScriptResult r = runner.submit(hang, "simd_x.wast", true).get(30, TimeUnit.SECONDS);
            assertEquals(3, r.skipped());
            assertEquals(1, r.notApplicable());
            assertEquals(0, r.passed() + r.failed());
        }
    }

    @Test
    void anUnreadableScriptIsOneFailure(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"commands\": [{\"type\": ");
        try (SuiteRunner runner = new SuiteRunner(modules, 1, Duration.ofSeconds(60), 1L << 20)) {
            ScriptResult r = runner.submit(bad, "bad.wast", false).get(30, TimeUnit.SECONDS);
            assertEquals(1, r.failed());
            assertEquals("bad.wast:0", r.failures().get(0).key());
            assertTrue(r.failures().get(0).reason().startsWith("cannot run "), r.failures().get(0).reason());
        }
    }
}
