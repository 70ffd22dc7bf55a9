package dev.wasm2jar.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LinkException;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.Table;
import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed API of generated module classes, exercised through reflection the way javac-compiled embedder
 * code would call it. Fixtures: src/test/resources/typed/*.wat (built by build.sh there).
 */
class TypedApiEmitterTest {

    /** A compiled fixture loaded into its own class loader. */
    private static final class Fixture {
        final ModuleLoader loader;
        final Class<? extends WasmModuleInstance> moduleClass;
        final CompiledModule compiled;

        Fixture(String name, String className) throws IOException, CompileException {
            byte[] wasm;
            try (InputStream in = TypedApiEmitterTest.class.getResourceAsStream("/typed/" + name + ".wasm")) {
                wasm = in.readAllBytes();
            }
            compiled = WasmCompiler.compile(wasm, new CompilerOptions().packageName("typed.test").className(className));
            loader = new ModuleLoader(compiled);
            moduleClass = loader.mainClass();
        }

        Class<?> importsInterface() throws ClassNotFoundException {
            return loader.loadClass(moduleClass.getName() + "Imports");
        }

        /** A host implementing the imports interface: calls go to {@code handler(methodName, args)}. */
        Object host(BiFunction<String, Object[], Object> handler) throws ClassNotFoundException {
            Class<?> iface = importsInterface();
            return Proxy.newProxyInstance(loader, new Class<?>[] {iface}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("toString") ? "host" : method.invoke(this, args);
                }
                return handler.apply(method.getName(), args == null ? new Object[0] : args);
            });
        }
    }

    /** Calls a public method, unwrapping what it threw. */
    private static Object call(Object target, String name, Object... args) throws Throwable {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        Method m = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(name) && candidate.getParameterCount() == args.length) {
                assertTrue(m == null, "ambiguous " + name);
                m = candidate;
            }
        }
        assertNotNull(m, "no public method " + name + " with " + args.length + " parameters");
        try {
            return m.invoke(target instanceof Class<?> ? null : target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... params) throws NoSuchMethodException {
        return type.getMethod(name, params);
    }

    /** Host for library.wat: logs calls, log() reads the string from the instance's exported memory. */
    private static final class LibraryHost {
        final List<String> calls = new ArrayList<>();
        final AtomicReference<Object> instance = new AtomicReference<>();

        Object handle(String method, Object[] args) {
            calls.add(method + Arrays.toString(args));
            try {
                switch (method) {
                    case "log": {
                        Memory memory = (Memory) call(instance.get(), "memory");
                        calls.add("text " + memory.readUtf8((Integer) args[0], (Integer) args[1]));
                        return null;
                    }
                    case "twice": return (Long) args[0] * 2;
                    case "math_scale": return (Double) args[0] * 10;
                    case "other_scale": return (Float) args[0] * 100;
                    default: throw new AssertionError(method);
                }
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
    }

    private static Object newLibrary(Fixture f, LibraryHost host) throws Throwable {
        Object instance = call(f.moduleClass, "create", f.host(host::handle));
        host.instance.set(instance);
        return instance;
    }

    @Test
    void typedExportsHaveJavaSignaturesAndCallTheFunctions() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Object lib = newLibrary(f, new LibraryHost());
        Class<?> c = f.moduleClass;

        assertEquals(int.class, method(c, "add", int.class, int.class).getReturnType());
        assertEquals(5, call(lib, "add", 2, 3));
        assertEquals(Integer.MIN_VALUE, call(lib, "add", Integer.MAX_VALUE, 1));
        assertEquals(42, call(lib, "plus", 40, 2), "a second export of the same function gets its own method");

        Method swap = method(c, "swap", int.class, long.class);
        assertEquals(Object[].class, swap.getReturnType(), "several results come back as Object[]");
        assertArrayEquals(new Object[] {9L, 4}, (Object[]) swap.invoke(lib, 4, 9L));
        assertEquals(int.class, method(c, "strlen", int.class).getReturnType());
        assertTrue(Modifier.isPublic(method(c, "add", int.class, int.class).getModifiers()));
        assertFalse(Modifier.isStatic(method(c, "add", int.class, int.class).getModifiers()));
    }

    @Test
    void exportNamesBecomeJavaIdentifiersDeterministically() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Object lib = newLibrary(f, new LibraryHost());
        assertEquals(1, call(lib, "class_"), "keyword gets _ appended");
        assertEquals(2, call(lib, "create_"), "the factory's name is taken");
        assertEquals(3, call(lib, "two_words"));
        assertEquals(9, call(lib, "_9lives"));
        assertEquals(4, call(lib, "hashCode_"), "Object's methods are taken");
        assertEquals(5, call(lib, "twice"), "export names do not clash with import names");

        assertEquals("class_", TypedApiEmitter.javaName("class"));
        assertEquals("a_b_c", TypedApiEmitter.javaName("a.b-c"));
        assertEquals("__", TypedApiEmitter.javaName(""), "empty, then a keyword");
        assertEquals("__", TypedApiEmitter.javaName("_"));
        assertEquals("_1", TypedApiEmitter.javaName("1"));
        assertEquals("caf\u00e9", TypedApiEmitter.javaName("caf\u00e9"));
    }

    @Test
    void trapsComeOutAsTrapsWithTheSpecMessage() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Object lib = newLibrary(f, new LibraryHost());
        Trap divide = assertThrows(Trap.class, () -> call(lib, "div", 1, 0));
        assertEquals(Trap.INT_DIVIDE_BY_ZERO, divide.getMessage());
        Trap overflow = assertThrows(Trap.class, () -> call(lib, "div", Integer.MIN_VALUE, -1));
        assertEquals(Trap.INT_OVERFLOW, overflow.getMessage());
        Trap stack = assertThrows(Trap.class, () -> call(lib, "recurse", 0));
        assertEquals(Trap.CALL_STACK_EXHAUSTED, stack.getMessage());
        Trap oob = assertThrows(Trap.class, () -> call(lib, "strlen", 65536));
        assertEquals(Trap.OUT_OF_BOUNDS_MEMORY, oob.getMessage());
        assertEquals(7, call(lib, "div", 14, 2), "the instance is still usable after a trap");
    }

    @Test
    void importsAreCalledThroughTheGeneratedInterface() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Class<?> iface = f.importsInterface();
        assertTrue(iface.isInterface() && Modifier.isPublic(iface.getModifiers()));
        assertEquals("typed.test.LibraryImports", iface.getName());
        Map<String, String> methods = new TreeMap<>();
        for (Method m : iface.getDeclaredMethods()) {
            methods.put(m.getName(), Arrays.toString(m.getParameterTypes()) + m.getReturnType());
        }
        assertEquals(Map.of(
                "log", "[int, int]void",
                "twice", "[long]long",
                "math_scale", "[double]double",
                "other_scale", "[float]float"), methods, "shared field names are qualified by module");

        LibraryHost host = new LibraryHost();
        Object lib = newLibrary(f, host);
        call(lib, "greet");
        assertEquals(List.of("log[16, 15]", "text hello from wasm"), host.calls);
        host.calls.clear();
        assertEquals(42L, call(lib, "callTwice", 21L));
        assertArrayEquals(new Object[] {15.0, 50.0f}, (Object[]) call(lib, "scaleBoth", 1.5, 0.5f));
        assertEquals(List.of("twice[21]", "math_scale[1.5]", "other_scale[0.5]"), host.calls);
        host.calls.clear();
        call(lib, "log", 16, 5);
        assertEquals(List.of("log[16, 5]", "text hello"), host.calls, "a re-exported import calls the host");
    }

    @Test
    void hostExceptionsPassThroughUnchanged() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        IllegalStateException boom = new IllegalStateException("host failed");
        Object lib = call(f.moduleClass, "create", f.host((m, a) -> {
            throw boom;
        }));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> call(lib, "callTwice", 1L)));
    }

    @Test
    void memoryGlobalsAndTablesHaveTypedAccessors() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Object lib = newLibrary(f, new LibraryHost());
        Class<?> c = f.moduleClass;

        Memory memory = (Memory) call(lib, "memory");
        assertSame(((WasmModuleInstance) lib).exportedMemory("memory"), memory);
        assertEquals("hello from wasm", memory.readUtf8(16, 15));
        int written = memory.writeCString(1000, "h\u00e9llo");
        assertEquals(7, written);
        assertEquals(6, call(lib, "strlen", 1000), "the guest sees what the host wrote");

        assertEquals(int.class, method(c, "counter").getReturnType());
        assertEquals(7, call(lib, "counter"));
        assertEquals(8, call(lib, "bump"));
        assertEquals(8, call(lib, "counter"));
        call(lib, "counter", 100);
        assertEquals(101, call(lib, "bump"), "the setter changes the value the guest reads");

        assertEquals(double.class, method(c, "pi").getReturnType());
        assertEquals(3.25, call(lib, "pi"));
        assertThrows(NoSuchMethodException.class, () -> c.getMethod("pi", double.class), "immutable: no setter");

        Table table = (Table) call(lib, "table");
        assertEquals(2, table.size());
        WasmFunction add = (WasmFunction) table.get(0);
        assertArrayEquals(new Object[] {7}, add.call(3, 4));
    }

    @Test
    void theImportsConstructorStillWorks() throws Throwable {
        Fixture f = new Fixture("plain", "Plain");
        WasmModuleInstance viaImports = f.loader.instantiate(Imports.NONE);
        assertEquals(-1.5f, call(viaImports, "negate", 1.5f));
        Object viaFactory = call(f.moduleClass, "create");
        assertEquals(42L, call(viaFactory, "answer"));
        assertThrows(ClassNotFoundException.class, f::importsInterface, "no imports, no interface");
    }

    @Test
    void instancesShareNothing() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Object a = newLibrary(f, new LibraryHost());
        Object b = newLibrary(f, new LibraryHost());
        call(a, "counter", 50);
        assertEquals(7, call(b, "counter"));
        ((Memory) call(a, "memory")).writeInt(0, 1234);
        assertEquals(0, ((Memory) call(b, "memory")).readInt(0));
    }

    @Test
    void memoriesTablesAndGlobalsCanBeImportedThroughTheInterface() throws Throwable {
        Fixture f = new Fixture("imported", "Imported");
        Memory memory = new Memory(1, -1);
        memory.writeInt(108, 0x12345678);
        Table table = new Table(true, 3, -1);
        Global base = Global.of('i', false, 100);
        Object host = f.host((m, a) -> switch (m) {
            case "memory" -> memory;
            case "table" -> table;
            case "base" -> base;
            default -> throw new AssertionError(m);
        });
        Object instance = call(f.moduleClass, "create", host);
        assertEquals(0x12345678, call(instance, "load", 8));
        assertEquals(3, call(instance, "tableSize"));

        Object missing = f.host((m, a) -> m.equals("memory") ? null : m.equals("table") ? table : base);
        LinkException e = assertThrows(LinkException.class, () -> call(f.moduleClass, "create", missing));
        assertEquals("unknown import \"env\" \"memory\"", e.getMessage());
        assertThrows(NullPointerException.class, () -> call(f.moduleClass, "create", (Object) null));
    }

    @Test
    void wasiModulesTakeAContextOrUseADefaultOne() throws Throwable {
        Fixture f = new Fixture("wasi", "WasiLib");
        Class<?> iface = f.importsInterface();
        assertEquals(1, iface.getDeclaredMethods().length, "WASI imports are not in the interface");
        method(f.moduleClass, "create", iface, WasiContext.class);
        method(f.moduleClass, "create", iface);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiContext ctx = WasiContext.builder().stdout(out).build();
        int[] ticks = {0};
        Object instance = call(f.moduleClass, "create", f.host((m, a) -> {
            ticks[0]++;
            return null;
        }), ctx);
        assertEquals(0, call(instance, "hello"));
        ctx.flush();
        assertEquals("hi from wasi\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, ticks[0]);

        Fixture only = new Fixture("wasi-only", "WasiOnly");
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        WasiContext ctx2 = WasiContext.builder().stdout(out2).build();
        Object withContext = call(only.moduleClass, "create", ctx2);
        assertSame(ctx2, call(withContext, "wasiContext"));
        assertEquals(0, call(withContext, "hello"));
        ctx2.flush();
        assertEquals("only wasi\n", out2.toString(StandardCharsets.UTF_8));

        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Object withDefault = call(only.moduleClass, "create");
            assertEquals(0, call(withDefault, "hello"));
            ((WasiContext) call(withDefault, "wasiContext")).close();
        } finally {
            System.setOut(saved);
        }
        assertEquals("only wasi\n", captured.toString(StandardCharsets.UTF_8), "the default context writes to System.out");
    }

    /**
     * What an embedder does: javac compiles Java source against the generated class files (implementing the
     * imports interface, calling typed methods) and the result runs.
     */
    @Test
    void javaSourceCompilesAgainstTheGeneratedClasses(@TempDir Path tmp) throws Throwable {
        Fixture f = new Fixture("library", "Library");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        for (Map.Entry<String, byte[]> e : f.compiled.classes().entrySet()) {
            Path file = classes.resolve(e.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        for (Map.Entry<String, byte[]> e : f.compiled.resources().entrySet()) {
            Files.write(classes.resolve(e.getKey()), e.getValue());
        }
        Path source = tmp.resolve("src/typed/test/Client.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, String.join("\n",
                "package typed.test;",
                "import java.util.*;",
                "public class Client implements LibraryImports {",
                "    final List<String> calls = new ArrayList<>();",
                "    Library lib;",
                "    @Override public void log(int ptr, int len) { calls.add(lib.memory().readUtf8(ptr, len)); }",
                "    @Override public long twice(long x) { return 2 * x; }",
                "    @Override public double math_scale(double x) { return x * 10; }",
                "    @Override public float other_scale(float x) { return x * 100; }",
                "    public static String run() {",
                "        Client c = new Client();",
                "        c.lib = Library.create(c);",
                "        c.lib.greet();",
                "        int sum = c.lib.add(2, 3);",
                "        Object[] swapped = c.lib.swap(1, 2L);",
                "        c.lib.counter(41);",
                "        return sum + \" \" + c.lib.callTwice(21) + \" \" + Arrays.toString(swapped) + \" \" + c.lib.bump()",
                "                + \" \" + c.lib.pi() + \" \" + c.lib.class_() + \" \" + c.calls;",
                "    }",
                "}"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        Path out = Files.createDirectories(tmp.resolve("out"));
        int rc = javac.run(null, diagnostics, diagnostics, "-d", out.toString(),
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), source.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), out.toUri().toURL()},
                Memory.class.getClassLoader())) {
            Object result = loader.loadClass("typed.test.Client").getMethod("run").invoke(null);
            assertEquals("5 42 [2, 1] 42 3.25 1 [hello from wasm]", result);
        }
    }

    @Test
    void generatedMethodsStaySmall() throws Throwable {
        Fixture f = new Fixture("library", "Library");
        int[] largest = {0};
        for (byte[] bytes : f.compiled.classes().values()) {
            MethodSizes.forEach(bytes, (name, size) -> largest[0] = Math.max(largest[0], size));
        }
        assertTrue(largest[0] < 8000, "largest method " + largest[0]);
    }
}
