package dev.wasm2jar.tests.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.compiler.emit.MethodSizes;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * An interpreter-style loop around a 20-way switch (src/test/resources/dispatch/dispatch-loop.wat, built with
 * wat2wasm): split, its arms run the loop's continuation themselves and return the next table index. Its
 * arms continue in every way the splitter handles (straight to the loop, through a block's tail, by
 * br_if, by falling into the next arm) or leave the loop; the split and unsplit compilations must agree.
 */
class DispatchLoopTest {
    private static final Path WASM = Path.of("src", "test", "resources", "dispatch", "dispatch-loop.wasm");
    /** FunctionEmitter.CONTINUE_BASE: the exit codes of arms that ran the continuation. */
    private static final int CONTINUE_BASE = 0x4000_0000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a lost update can loop forever; the guest polls the interrupt JUnit sends
    void splitArmsRunTheLoopOnAndComputeTheSame() throws Exception {
        byte[] wasm = Files.readAllBytes(WASM);
        CompiledModule whole = WasmCompiler.compile(wasm, new CompilerOptions().className("Whole").methodLimit(6500));
        CompiledModule split = WasmCompiler.compile(wasm, new CompilerOptions().className("Split").methodLimit(40));
        assertEquals(0, whole.stats().splitFunctions());
        assertTrue(split.stats().splitFunctions() > 0);
        assertFalse(usesContinuations(whole));
        assertTrue(usesContinuations(split), "the split arms should return continuation codes");
        // the same values as V8 (node) computed for this module, each on a fresh instance (run uses memory)
        int[][] expected = {{0, 12376}, {1, 12408}, {2, 1222349}, {5, 1296494}, {1000, 867739269}, {100_000, 1248432194}};
        for (int[] e : expected) {
            assertEquals(e[1], run(whole, e[0]), "unsplit run(" + e[0] + ")");
            assertEquals(e[1], run(split, e[0]), "split run(" + e[0] + ")");
        }
    }

    /**
     * Split, an interpreter loop's back-edges run inside its arms (each arm runs the loop's continuation and
     * returns a code to the dispatcher), so the arms must poll for Thread.interrupt: endless-loop.wat's arms
     * all continue, so nothing else polls there.
     */
    @Test
    void anEndlessSplitInterpreterLoopStopsWhenInterrupted() throws Exception {
        byte[] wasm = Files.readAllBytes(WASM.resolveSibling("endless-loop.wasm"));
        // at 200 bytes the nest is split into arms around one dispatcher; at 6,500 nothing is split
        for (int limit : new int[] {200, 6500}) {
            CompiledModule m = WasmCompiler.compile(wasm, new CompilerOptions().className("Endless" + limit).methodLimit(limit));
            assertEquals(limit == 200, usesContinuations(m), "method limit " + limit);
            WasmModuleInstance instance = new ModuleLoader(m).instantiate(new Imports.Builder());
            java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
            Thread guest = new Thread(() -> {
                try {
                    instance.exportedFunction("spin").call();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            guest.setDaemon(true); // should the test fail, a spinning guest must not keep the JVM alive
            guest.start();
            Thread.sleep(300);
            assertTrue(guest.isAlive(), "spin returned");
            guest.interrupt();
            guest.join(30_000);
            assertFalse(guest.isAlive(), "guest still running 30 s after the interrupt (method limit " + limit + ")");
            assertTrue(thrown.get() instanceof dev.wasm2jar.rt.Trap t && t.getMessage().equals("interrupted"),
                    "method limit " + limit + ": " + thrown.get());
        }
    }

    /**
     * C2 would inline arms of up to 325 bytes (FreqInlineSize) into the dispatcher whenever it meets them,
     * spending the dispatcher's budget on whichever opcodes come first; the emitter pads them past that.
     */
    @Test
    void continuingArmsAreTooBigForC2ToInlineIntoTheDispatcher() throws Exception {
        CompiledModule split = WasmCompiler.compile(Files.readAllBytes(WASM), new CompilerOptions().className("Split").methodLimit(40));
        Set<String> arms = new HashSet<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (byte[] cls : split.classes().values()) {
            arms.addAll(continuingArms(cls));
            MethodSizes.forEach(cls, sizes::put);
        }
        assertTrue(arms.size() >= 5, "arms that return computed continuation codes: " + arms);
        int smallest = Integer.MAX_VALUE;
        for (String arm : arms) {
            int size = sizes.entrySet().stream().filter(e -> e.getKey().startsWith(arm + "(")).findFirst().orElseThrow().getValue();
            assertTrue(size > 325, arm + " is " + size + " bytes");
            smallest = Math.min(smallest, size);
        }
        assertEquals(326, smallest, "the small arms are padded to exactly 326 bytes");
    }

    /** Methods that return CONTINUE_BASE + a computed index (an ldc of CONTINUE_BASE followed by iadd). */
    private static Set<String> continuingArms(byte[] cls) {
        Set<String> found = new HashSet<>();
        new ClassReader(cls).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    boolean lastWasBase;

                    @Override
                    public void visitLdcInsn(Object value) {
                        lastWasBase = Integer.valueOf(CONTINUE_BASE).equals(value);
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (lastWasBase && opcode == Opcodes.IADD) {
                            found.add(name);
                        }
                        lastWasBase = false;
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        lastWasBase = false;
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        lastWasBase = false;
                    }
                };
            }
        }, 0);
        return found;
    }

    private static Object run(CompiledModule m, int n) {
        WasmModuleInstance instance = new ModuleLoader(m).instantiate(new Imports.Builder());
        return instance.exportedFunction("run").call(n)[0];
    }

    /** Whether some generated class has CONTINUE_BASE in its constant pool (an int constant, tag 3). */
    private static boolean usesContinuations(CompiledModule m) {
        byte[] needle = {3, 0x40, 0, 0, 0};
        for (byte[] cls : m.classes().values()) {
            outer:
            for (int i = 0; i + needle.length <= cls.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (cls[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
