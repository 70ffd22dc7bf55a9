package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownFailuresTest {
    private static SpecCommand cmd(int line) {
        return new SpecCommand("assert_return", line, null, null, null, null, null, null, List.of());
    }

    @Test
    void parsesEntriesAndIgnoresComments() {
        KnownFailures k = KnownFailures.parse(List.of(
                "# header", "", "i32.wast:12  # assert_return: expected 1", "  f32.wast:007", "i32.wast:40 #"));
        assertEquals(3, k.size());
        assertTrue(k.contains("i32.wast:12"));
        assertTrue(k.contains("f32.wast:7"));
        assertTrue(k.contains("i32.wast:40"));
        assertFalse(k.contains("i32.wast:13"));
        assertEquals(Set.of("i32.wast", "f32.wast"), k.files());
    }

    @Test
    void rejectsMalformedEntries() {
        assertThrows(IllegalArgumentException.class, () -> KnownFailures.parse(List.of("i32.wast  # no line")));
        assertThrows(IllegalArgumentException.class, () -> KnownFailures.parse(List.of("i32.wast:12 extra")));
        assertThrows(IllegalArgumentException.class, () -> KnownFailures.parse(List.of("i32:12")));
    }

    @Test
    void unlistedFailuresAndListedPassesBothFailTheGate() {
        KnownFailures k = KnownFailures.parse(List.of("i32.wast:10", "i32.wast:20", "f32.wast:5"));
        ScriptResult r = new ScriptResult("i32.wast");
        r.fail(cmd(10), "still broken");
        r.fail(cmd(30), "new failure");
        r.pass();
        KnownFailures.Verdict v = k.judge(r);
        assertFalse(v.ok());
        assertEquals(1, v.unexpected().size());
        assertEquals("i32.wast:30", v.unexpected().get(0).key());
        assertEquals(List.of("i32.wast:20"), v.nowPassing());
        assertEquals(1, k.listedFailures(r));
        assertTrue(v.message("i32.wast").contains("remove them from known-failures.txt: i32.wast:20"));
    }

    @Test
    void aLineWithTwoCommandsIsListedOncePerFailingCommand() {
        KnownFailures once = KnownFailures.parse(List.of("l.wast:7  # first", "l.wast:9", "l.wast:9"));
        assertEquals(3, once.size());
        ScriptResult r = new ScriptResult("l.wast");
        r.fail(cmd(7), "a");
        r.fail(cmd(7), "b");
        r.fail(cmd(9), "c");
        KnownFailures.Verdict v = once.judge(r);
        assertEquals(1, v.unexpected().size());
        assertEquals("b", v.unexpected().get(0).reason());
        assertEquals(List.of("l.wast:9"), v.nowPassing());
        assertEquals(2, once.listedFailures(r));
    }

    @Test
    void exactlyTheListedFailuresPass() {
        KnownFailures k = KnownFailures.parse(List.of("i32.wast:10", "f32.wast:5"));
        ScriptResult r = new ScriptResult("i32.wast");
        r.fail(cmd(10), "known");
        assertTrue(k.judge(r).ok());
        ScriptResult clean = new ScriptResult("i64.wast");
        clean.pass();
        assertTrue(k.judge(clean).ok());
        assertTrue(KnownFailures.none().judge(clean).ok());
        assertFalse(KnownFailures.none().judge(r).ok());
    }
}
