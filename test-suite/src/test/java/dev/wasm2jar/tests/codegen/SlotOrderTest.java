package dev.wasm2jar.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Wasm locals and the memory array get JVM slots by how often the method uses them, so the busiest load
 * and store in one byte (slots 0-3). src/test/resources/codegen/slot-order.wat declares six locals and uses
 * the last one 31 times, memory 20 times and the others twice each: after the parameter (slot 0) and the
 * instance (slot 1), local 6 must sit in slot 2 and the memory array in slot 3.
 */
class SlotOrderTest {
    private static final Path WASM = Path.of("src", "test", "resources", "codegen", "slot-order.wasm");

    @Test
    void busiestLocalsGetTheOneByteSlots() throws Exception {
        CompiledModule compiled = WasmCompiler.compile(Files.readAllBytes(WASM), new CompilerOptions().className("Slots"));
        // V8's result on a fresh instance
        assertEquals(517, new ModuleLoader(compiled).instantiate(new Imports.Builder()).exportedFunction("f").call(5)[0]);
        Map<String, Integer> accesses = new HashMap<>();
        for (byte[] cls : compiled.classes().values()) {
            new ClassReader(cls).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    if (!name.equals("f0")) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitVarInsn(int opcode, int var) {
                            accesses.merge((opcode == Opcodes.ALOAD || opcode == Opcodes.ASTORE ? "a" : "i") + var, 1, Integer::sum);
                        }
                    };
                }
            }, 0);
        }
        assertTrue(accesses.getOrDefault("i2", 0) >= 31, "local 6 in slot 2: " + accesses);
        assertTrue(accesses.getOrDefault("a3", 0) >= 20, "memory array in slot 3: " + accesses);
        for (int slot = 4; slot <= 8; slot++) {
            assertTrue(accesses.getOrDefault("i" + slot, 0) <= 3, "rarely used locals above slot 3: " + accesses);
        }
    }
}
