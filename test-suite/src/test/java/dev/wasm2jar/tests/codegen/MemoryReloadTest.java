package dev.wasm2jar.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Generated code reloads the memory array after a call only where it next touches memory, or where its
 * straight-line code ends (src/test/resources/codegen/grow-after-call.wat, built with wat2wasm). A callee
 * grows memory and the caller then reads the new page straight after the call, across a br_if, at a loop
 * head and in both arms of an if; a caller holding the old array would trap. Expected values are V8's
 * (node 20) for the same module, each function on a fresh instance, compiled whole and force-split.
 */
class MemoryReloadTest {
    private static final Path WASM = Path.of("src", "test", "resources", "codegen", "grow-after-call.wasm");

    @Test
    void accessesAfterACallThatGrewMemorySeeTheNewPages() throws Exception {
        byte[] wasm = Files.readAllBytes(WASM);
        for (int limit : new int[] {6500, 30}) {
            CompiledModule compiled = WasmCompiler.compile(wasm, new CompilerOptions().className("Grow" + limit).methodLimit(limit));
            String how = limit == 30 ? "split" : "whole";
            assertEquals(11, fresh(compiled).exportedFunction("straight").call()[0], how);
            assertEquals(22, fresh(compiled).exportedFunction("across_br_if").call(0)[0], how);
            assertEquals(-1, fresh(compiled).exportedFunction("across_br_if").call(1)[0], how);
            assertEquals(6, fresh(compiled).exportedFunction("loop_head").call(3)[0], how);
            assertEquals(133, fresh(compiled).exportedFunction("if_arms").call(1)[0], how);
            assertEquals(33, fresh(compiled).exportedFunction("if_arms").call(0)[0], how);
            WasmModuleInstance all = fresh(compiled);
            for (String f : new String[] {"straight", "if_arms"}) {
                all.exportedFunction(f).call(f.equals("if_arms") ? new Object[] {1} : new Object[0]);
            }
            assertEquals(3, all.exportedFunction("size").call()[0], how + ": two grows on one instance");
        }
    }

    private static WasmModuleInstance fresh(CompiledModule m) {
        return new ModuleLoader(m).instantiate(new Imports.Builder());
    }
}
