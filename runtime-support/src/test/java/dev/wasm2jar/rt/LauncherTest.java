package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launcher outcomes against hand-written module classes shaped like generated ones (static {@code f<N>_<name>}
 * methods, exports registered in the constructor), so exit codes and messages are checked without the compiler.
 */
class LauncherTest {

    /** Base for the fake modules: exports {@code _start} bound to the static method {@code startMethod}. */
    abstract static class FakeModule extends WasmModuleInstance {
        FakeModule(String startMethod) {
            try {
                export(Launcher.START_EXPORT, WasmFunction.host(">",
                        MethodHandles.lookup().findStatic(getClass(), startMethod, MethodType.methodType(void.class))));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected WasmFunction createFunction(int index) {
            throw new UnsupportedOperationException("fake module has no function table");
        }
    }

    public static final class Returns extends FakeModule {
        static Object seenWasi;
        public Returns(Imports imports) {
            super("f0__start");
            seenWasi = imports.wasi();
        }
        static void f0__start() {}
    }

    public static final class Exits3 extends FakeModule {
        public Exits3(Imports imports) { super("f0__start"); }
        static void f0__start() { throw new ProcExit(3); }
    }

    public static final class ExitsInStartFunction extends FakeModule {
        public ExitsInStartFunction(Imports imports) {
            super("f0__start");
            throw new ProcExit(7);
        }
        static void f0__start() {}
    }

    public static final class Unreachable extends FakeModule {
        public Unreachable(Imports imports) { super("f0__start"); }
        static void f0__start() { f1_boom(); }
        static void f1_boom() { throw Trap.unreachable(); }
    }

    public static final class DividesByZero extends FakeModule {
        static int zero = 0;
        public DividesByZero(Imports imports) { super("f0__start"); }
        static void f0__start() { zero = f3(1, zero); }
        static int f3(int a, int b) { return a / b; }
    }

    public static final class RecursesForever extends FakeModule {
        public RecursesForever(Imports imports) { super("f0__start"); }
        static void f0__start() { f1_recurse(0); }
        static int f1_recurse(int depth) { return f1_recurse(depth + 1) + 1; }
    }

    public static final class RunsOutOfHeap extends FakeModule {
        public RunsOutOfHeap(Imports imports) { super("f0__start"); }
        static void f0__start() { throw new OutOfMemoryError("Java heap space"); }
    }

    public static final class NeedsImport extends FakeModule {
        public NeedsImport(Imports imports) {
            super("f0__start");
            Linking.function(imports, "env", "missing", ">");
        }
        static void f0__start() {}
    }

    public static final class NoStart extends WasmModuleInstance {
        public NoStart(Imports imports) {}

        @Override
        protected WasmFunction createFunction(int index) {
            throw new UnsupportedOperationException();
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(Class<? extends WasmModuleInstance> module, LaunchConfig cfg) {
        return Launcher.run(module, cfg, new String[0], new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void normalReturnFromStartExitsZeroAndPassesTheWasiContext() {
        assertEquals(0, launch(Returns.class, new LaunchConfig()));
        assertTrue(Returns.seenWasi instanceof WasiContext);
        assertEquals("", stderr());
    }

    @Test
    void procExitCodeBecomesTheExitCode() {
        assertEquals(3, launch(Exits3.class, new LaunchConfig()));
        assertEquals("", stderr());
    }

    @Test
    void procExitDuringInstantiationBecomesTheExitCode() {
        assertEquals(7, launch(ExitsInStartFunction.class, new LaunchConfig()));
    }

    @Test
    void trapIsReportedWithFunctionNameAndExit134() {
        assertEquals(134, launch(Unreachable.class, new LaunchConfig()));
        assertEquals("wasm trap: unreachable in boom\n", stderr());
    }

    @Test
    void implicitJvmExceptionIsTranslatedToTheWasmTrap() {
        assertEquals(134, launch(DividesByZero.class, new LaunchConfig()));
        assertEquals("wasm trap: integer divide by zero in func[3]\n", stderr());
    }

    @Test
    void stackOverflowIsACallStackExhaustedTrap() {
        assertEquals(134, launch(RecursesForever.class, new LaunchConfig()));
        assertEquals("wasm trap: call stack exhausted in recurse\n", stderr());
    }

    @Test
    void outOfMemoryIsOneErrorLine() {
        assertEquals(1, launch(RunsOutOfHeap.class, new LaunchConfig()));
        assertTrue(stderr().startsWith("wasm2jar: error: out of memory: Java heap space"), stderr());
        assertEquals(1, stderr().lines().count());
    }

    @Test
    void linkErrorIsOneErrorLine() {
        assertEquals(1, launch(NeedsImport.class, new LaunchConfig()));
        assertEquals("wasm2jar: error: unknown import \"env\" \"missing\"\n", stderr());
    }

    @Test
    void moduleWithoutStartIsAnError() {
        assertEquals(1, launch(NoStart.class, new LaunchConfig()));
        assertTrue(stderr().startsWith("wasm2jar: error: the module does not export a function \"_start\""), stderr());
    }

    @Test
    void missingPreopenDirectoryIsOneErrorLine(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope");
        assertEquals(1, launch(Returns.class, new LaunchConfig().addDir(missing + "::/data")));
        assertEquals("wasm2jar: error: --dir " + missing + "::/data: no such directory: " + missing + "\n", stderr());
    }

    @Test
    void existingPreopenDirectoryIsAccepted(@TempDir Path tmp) {
        assertEquals(0, launch(Returns.class, new LaunchConfig().addDir(tmp + "::/data").addDir(tmp.toString())));
        assertEquals("", stderr());
    }
}
