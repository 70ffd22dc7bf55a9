package dev.wasm2jar.tests.spec;

import static dev.wasm2jar.tests.spec.FakeModules.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Linking;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.Trap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command semantics of {@link ScriptRunner}, against modules written in Java ({@link FakeModules}).
 * The line number of each command in the script says what it checks: lines ending in 1 must pass,
 * 2 must fail, 3 is not applicable.
 */
class ScriptRunnerTest {
    private static final String JSON = """
            {"source_filename": "demo.wast", "commands": [
             {"type": "module", "line": 11, "name": "$A", "filename": "demo.0.wasm"},
             {"type": "register", "line": 15, "name": "$A", "as": "A"},
             {"type": "assert_return", "line": 21, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "4294967295"}]}, "expected": [{"type": "i32", "value": "0"}]},
             {"type": "assert_return", "line": 22, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "4"}]},
             {"type": "assert_trap", "line": 31, "action": {"type": "invoke", "field": "div", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "0"}]}, "text": "integer divide by zero", "expected": [{"type": "i32"}]},
             {"type": "assert_trap", "line": 32, "action": {"type": "invoke", "field": "div", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "0"}]}, "text": "integer overflow", "expected": [{"type": "i32"}]},
             {"type": "assert_trap", "line": 42, "action": {"type": "invoke", "field": "div", "args": [{"type": "i32", "value": "4"}, {"type": "i32", "value": "2"}]}, "text": "integer divide by zero", "expected": [{"type": "i32"}]},
             {"type": "assert_exhaustion", "line": 51, "action": {"type": "invoke", "field": "runaway", "args": []}, "text": "call stack exhausted"},
             {"type": "assert_return", "line": 61, "action": {"type": "invoke", "field": "nan", "args": []}, "expected": [{"type": "f32", "value": "nan:canonical"}]},
             {"type": "assert_return", "line": 71, "action": {"type": "invoke", "field": "id", "args": [{"type": "externref", "value": "1"}]}, "expected": [{"type": "externref", "value": "1"}]},
             {"type": "assert_return", "line": 72, "action": {"type": "invoke", "field": "id", "args": [{"type": "externref", "value": "1"}]}, "expected": [{"type": "externref", "value": "2"}]},
             {"type": "action", "line": 82, "action": {"type": "invoke", "field": "npe", "args": []}, "expected": []},
             {"type": "action", "line": 92, "action": {"type": "invoke", "field": "div", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "0"}]}, "expected": [{"type": "i32"}]},
             {"type": "action", "line": 91, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32"}]},
             {"type": "assert_return", "line": 101, "action": {"type": "invoke", "field": "pair", "args": []}, "expected": [{"type": "i32", "value": "1"}, {"type": "i64", "value": "2"}]},
             {"type": "assert_return", "line": 111, "action": {"type": "get", "field": "g"}, "expected": [{"type": "i64", "value": "42"}]},
             {"type": "assert_trap", "line": 121, "action": {"type": "invoke", "field": "uninit", "args": []}, "text": "uninitialized element 2", "expected": []},
             {"type": "assert_invalid", "line": 131, "filename": "demo.1.wasm", "text": "type mismatch", "module_type": "binary"},
             {"type": "assert_malformed", "line": 141, "filename": "demo.1.wasm", "text": "unexpected end", "module_type": "binary"},
             {"type": "assert_invalid", "line": 152, "filename": "demo.2.wasm", "text": "type mismatch", "module_type": "binary"},
             {"type": "assert_invalid", "line": 162, "filename": "demo.0.wasm", "text": "type mismatch", "module_type": "binary"},
             {"type": "assert_malformed", "line": 173, "filename": "demo.3.wat", "text": "unknown operator", "module_type": "text"},
             {"type": "assert_malformed", "line": 182, "filename": "demo.4.wasm", "text": "unexpected end", "module_type": "binary"},
             {"type": "module", "line": 191, "name": "$U", "filename": "demo.5.wasm"},
             {"type": "assert_return", "line": 201, "action": {"type": "invoke", "field": "sameMemory", "args": []}, "expected": [{"type": "i32", "value": "1"}]},
             {"type": "assert_unlinkable", "line": 211, "filename": "demo.6.wasm", "text": "unknown import", "module_type": "binary"},
             {"type": "assert_unlinkable", "line": 222, "filename": "demo.0.wasm", "text": "unknown import", "module_type": "binary"},
             {"type": "assert_uninstantiable", "line": 231, "filename": "demo.7.wasm", "text": "out of bounds memory access", "module_type": "binary"},
             {"type": "module", "line": 242, "filename": "demo.2.wasm"},
             {"type": "assert_return", "line": 252, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]},
             {"type": "assert_return", "line": 261, "action": {"type": "invoke", "module": "$A", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]},
             {"type": "assert_exception", "line": 272, "action": {"type": "invoke", "module": "$A", "field": "add", "args": []}, "expected": []},
             {"type": "assert_return", "line": 282, "action": {"type": "invoke", "module": "$A", "field": "missing", "args": []}, "expected": []},
             {"type": "assert_return", "line": 292, "action": {"type": "invoke", "module": "$Nope", "field": "add", "args": []}, "expected": []},
             {"type": "register", "line": 295, "as": "B"},
             {"type": "module", "line": 302, "filename": "demo.8.wasm"}
            ]}
            """;

    private static final Map<String, String> FILES = new LinkedHashMap<>();
    private static Memory aMemory;

    static {
        FILES.put("demo.0.wasm", "math");
        FILES.put("demo.1.wasm", "reject:INVALID:type mismatch");
        FILES.put("demo.2.wasm", "reject:UNSUPPORTED:not implemented yet");
        FILES.put("demo.4.wasm", "crash");
        FILES.put("demo.5.wasm", "user");
        FILES.put("demo.6.wasm", "needs-unknown");
        FILES.put("demo.7.wasm", "trapping-start");
        FILES.put("demo.8.wasm", "needs-B");
    }

    private static ScriptResult result;

    @BeforeAll
    static void run(@TempDir Path dir) throws Exception {
        FakeModules modules = new FakeModules()
                .define("math", imports -> {
                    aMemory = new Memory(1, -1);
                    return new FakeModules.Instance()
                            .put("add", fn(ScriptRunnerTest.class, "ii>i", "add"))
                            .put("div", fn(ScriptRunnerTest.class, "ii>i", "div"))
                            .put("runaway", fn(ScriptRunnerTest.class, ">", "runaway"))
                            .put("nan", fn(ScriptRunnerTest.class, ">f", "nan"))
                            .put("id", fn(ScriptRunnerTest.class, "E>E", "id"))
                            .put("npe", fn(ScriptRunnerTest.class, ">", "npe"))
                            .put("pair", fn(ScriptRunnerTest.class, ">il", "pair"))
                            .put("uninit", fn(ScriptRunnerTest.class, ">", "uninit"))
                            .put("g", Global.of('l', true, 42L))
                            .put("mem", aMemory);
                })
                .define("user", imports -> {
                    Memory m = Linking.memory(imports, "A", "mem", 1, -1);
                    return new FakeModules.Instance().put("sameMemory", fn(ScriptRunnerTest.class, ">i", "same", m));
                })
                .define("needs-unknown", imports -> {
                    Linking.function(imports, "nowhere", "f", ">");
                    return new FakeModules.Instance();
                })
                .define("needs-B", imports -> {
                    Linking.function(imports, "B", "f", ">");
                    return new FakeModules.Instance();
                })
                .define("trapping-start", imports -> {
                    throw Trap.memoryOutOfBounds();
                });
        Path json = FakeModules.writeScript(dir, "demo", JSON, FILES);
        result = new ScriptResult("demo.wast");
        new ScriptRunner(SpecScript.read(json), modules, result, false).run();
    }

    static int add(int a, int b) { return a + b; }
    static int div(int a, int b) { if (b == 0) throw Trap.divideByZero(); return a / b; }
    static void runaway() { runaway(); }
    static float nan() { return Float.intBitsToFloat(0x7fc00000); }
    static Object id(Object o) { return o; }
    static void npe() { throw new NullPointerException("boom"); }
    static Object[] pair() { return new Object[] {1, 2L}; }
    static void uninit() { throw Trap.uninitializedElement(); }
    static int same(Memory imported) { return imported == aMemory ? 1 : 0; }

    private static Map<Integer, String> failuresByLine() {
        return result.failures().stream().collect(Collectors.toMap(Failure::line, Failure::reason));
    }

    @Test
    void everyCommandIsRecordedOnce() {
        assertEquals(36, result.recorded());
        assertEquals(1, result.notApplicable());
        assertEquals(0, result.skipped());
        assertEquals(33, result.passed() + result.failed()); // 36 minus the two registers and the text module
    }

    @Test
    void linesEndingInOnePassAndInTwoFail() {
        Map<Integer, String> failed = failuresByLine();
        List<Integer> wronglyFailed = failed.keySet().stream().filter(l -> l % 10 != 2).toList();
        assertEquals(List.of(), wronglyFailed, () -> "should pass: " + failed);
        assertEquals(16, failed.size(), () -> "failures: " + failed);
        assertEquals(16, result.failed());
        assertEquals(17, result.passed());
    }

    @Test
    void failureReasonsSayWhatWentWrong() {
        Map<Integer, String> f = failuresByLine();
        assertTrue(f.get(22).startsWith("expected i32:4"), f.get(22));
        assertEquals("expected trap \"integer overflow\", got trap \"integer divide by zero\"", f.get(32));
        assertTrue(f.get(42).startsWith("expected trap \"integer divide by zero\", got result [i32:2"), f.get(42));
        assertTrue(f.get(72).startsWith("expected ref.extern 2, got HostRef:ref.extern 1"), f.get(72));
        assertTrue(f.get(82).startsWith("unexpected java.lang.NullPointerException: boom"), f.get(82));
        assertEquals("trapped \"integer divide by zero\"", f.get(92));
        assertTrue(f.get(152).startsWith("compile failed (UNSUPPORTED): not implemented yet"), f.get(152));
        assertEquals("compiled, expected INVALID: \"type mismatch\"", f.get(162));
        assertTrue(f.get(182).startsWith("compiler crashed: java.lang.IllegalStateException: compiler bug"), f.get(182));
        assertEquals("instantiated, expected link error \"unknown import\"", f.get(222));
        assertEquals("compile failed (UNSUPPORTED): not implemented yet", f.get(242));
        assertEquals("module of line 242 unavailable: compile failed (UNSUPPORTED): not implemented yet", f.get(252));
        assertEquals("command type not supported by the harness: assert_exception", f.get(272));
        assertTrue(f.get(282).startsWith("no exported function \"missing\""), f.get(282));
        assertEquals("no module named $Nope", f.get(292));
        assertTrue(f.get(302).startsWith("link failed: unknown import \"B\" \"f\" (registration of \"B\" was not done: its module (line 242) failed"), f.get(302));
    }

    @Test
    void toleratedDifferencesGoToTheDebugLog() {
        List<String> debug = result.debugLines();
        assertTrue(debug.stream().anyMatch(l -> l.startsWith("demo.wast:121 assert_trap: accepted trap \"uninitialized element\"")), debug::toString);
        assertTrue(debug.stream().anyMatch(l -> l.startsWith("demo.wast:141 assert_malformed \"unexpected end\" rejected as INVALID")), debug::toString);
        assertTrue(debug.stream().anyMatch(l -> l.startsWith("demo.wast:295 register \"B\" not done")), debug::toString);
        assertEquals(3, debug.size(), debug::toString);
    }
}
