package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecScriptTest {
    /** Lines in the shape wast2json 1.0.32 writes them (from linking.json, f32.json, simd_const.json, ...). */
    private static final String SCRIPT = """
            {"source_filename": "demo.wast",
             "commands": [
              {"type": "module", "line": 3, "name": "$Mf", "filename": "demo.0.wasm"},
              {"type": "register", "line": 7, "name": "$Mf", "as": "Mf"},
              {"type": "assert_return", "line": 17, "action": {"type": "invoke", "module": "$Mf", "field": "call\\u0000x", "args": [{"type": "f32", "value": "2143289344"}]}, "expected": [{"type": "f32", "value": "nan:canonical"}]},
              {"type": "assert_trap", "line": 20, "action": {"type": "invoke", "field": "div", "args": []}, "text": "integer divide by zero", "expected": [{"type": "i32"}]},
              {"type": "action", "line": 21, "action": {"type": "get", "field": "g"}, "expected": [{"type": "i64"}]},
              {"type": "assert_malformed", "line": 30, "filename": "demo.1.wat", "text": "unknown operator", "module_type": "text"},
              {"type": "assert_invalid", "line": 31, "filename": "demo.2.wasm", "text": "type mismatch", "module_type": "binary"},
              {"type": "assert_return", "line": 40, "action": {"type": "invoke", "field": "v", "args": []}, "expected": [{"type": "v128", "lane_type": "i16", "value": ["1", "65535", "0", "0", "0", "0", "0", "0"]}]}
             ]}
            """;

    @Test
    void readsEveryFieldOfTheCommands(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("demo.json");
        Files.writeString(json, SCRIPT, StandardCharsets.UTF_8);
        SpecScript s = SpecScript.read(json);
        assertEquals("demo.wast", s.wastName());
        assertEquals(dir.toAbsolutePath(), s.directory());
        List<SpecCommand> c = s.commands();
        assertEquals(8, c.size());

        assertEquals("module", c.get(0).type());
        assertEquals(3, c.get(0).line());
        assertEquals("$Mf", c.get(0).name());
        assertEquals("demo.0.wasm", c.get(0).filename());

        assertEquals("Mf", c.get(1).as());
        assertEquals("$Mf", c.get(1).name());

        SpecCommand.Action call = c.get(2).action();
        assertEquals("invoke", call.type());
        assertEquals("$Mf", call.module());
        assertEquals("call\u0000x", call.field());
        assertEquals(List.of(SpecValue.scalar("f32", "2143289344")), call.args());
        assertEquals(List.of(SpecValue.scalar("f32", "nan:canonical")), c.get(2).expected());

        assertEquals("integer divide by zero", c.get(3).text());
        assertNull(c.get(3).action().module());
        assertNull(c.get(3).expected().get(0).value());

        assertEquals("get", c.get(4).action().type());
        assertTrue(c.get(4).action().args().isEmpty());

        assertTrue(c.get(5).isTextModule());
        assertFalse(c.get(6).isTextModule());

        SpecValue v128 = c.get(7).expected().get(0);
        assertEquals("i16", v128.laneType());
        assertEquals(List.of("1", "65535", "0", "0", "0", "0", "0", "0"), v128.lanes());
    }

    @Test
    void rejectsCommandsWithoutTypeOrLine() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertThrows(IllegalArgumentException.class, () -> SpecScript.parseCommand(m.readTree("{\"line\": 3}")));
        assertThrows(IllegalArgumentException.class, () -> SpecScript.parseCommand(m.readTree("{\"type\": \"module\"}")));
        assertThrows(IllegalArgumentException.class, () -> SpecScript.parseCommands(m.readTree("{}").get("commands")));
    }
}
