package dev.wasm2jar.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.compiler.emit.MethodSizes;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code call_indirect} over a table of 1,000 functions of one type (src/test/resources/dispatch/
 * call-indirect-chunks.wat, built with wat2wasm): the direct-call dispatch is split into chunks of at most
 * 150 cases and the entry picks the chunk by a tree of compares. Every table slot must reach its own
 * function, whichever chunk holds it, and a slot of another type must still trap.
 */
class CallIndirectChunksTest {
    private static final Path WASM = Path.of("src", "test", "resources", "dispatch", "call-indirect-chunks.wasm");

    @Test
    void everySlotCallsItsOwnFunction() throws Exception {
        CompiledModule compiled = WasmCompiler.compile(Files.readAllBytes(WASM), new CompilerOptions().className("Chunks"));
        Set<String> methods = new HashSet<>();
        MethodSizes.forEach(compiled.classes().get("Chunks"), (name, size) -> methods.add(name.substring(0, name.indexOf('('))));
        for (int chunk = 0; chunk < 7; chunk++) {
            assertTrue(methods.contains("callDirect_i_i$" + chunk), "dispatch chunk " + chunk + " in " + methods);
        }
        WasmModuleInstance m = new ModuleLoader(compiled).instantiate(new Imports.Builder());
        Set<Integer> seen = new HashSet<>();
        for (int slot = 0; slot < 1000; slot++) {
            int k = (int) m.exportedFunction("order").call(slot)[0];
            seen.add(k);
            for (int x : new int[] {0, 7, -1}) {
                assertEquals(x * (k + 3) + k, m.exportedFunction("call").call(slot, x)[0], "slot " + slot + " (function " + k + "), x=" + x);
            }
        }
        assertEquals(1000, seen.size(), "the table holds every function once");
        Trap mismatch = assertThrows(Trap.class, () -> m.exportedFunction("call").call(1000, 1));
        assertTrue(mismatch.getMessage().contains("indirect call type mismatch"), mismatch.getMessage());
        Trap outside = assertThrows(Trap.class, () -> m.exportedFunction("call").call(1001, 1));
        assertTrue(outside.getMessage().contains("undefined element"), outside.getMessage());
    }
}
