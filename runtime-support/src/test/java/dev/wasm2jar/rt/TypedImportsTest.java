package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adapting a host object to Imports from the description generated factories pass. */
class TypedImportsTest {
    public interface Host {
        int add(int a, int b);

        Memory mem();

        Object[] pair(long x);
    }

    private static final Memory MEMORY = new Memory(1, -1);

    private static final Host HOST = new Host() {
        @Override public int add(int a, int b) { return a + b; }
        @Override public Memory mem() { return MEMORY; }
        @Override public Object[] pair(long x) { return new Object[] {x, (int) x}; }
    };

    @Test
    void functionsAreBoundToTheHostAndOthersAreProvided() throws Throwable {
        String[] table = {"F\tenv\tadd\tadd\tii>i\nM\tenv\tmem", "ory\tmem\t\nF\tweird\\tmod\tp\\\\a\\nir\tpair\tl>li\n"};
        Object ctx = new Object();
        Imports imports = TypedImports.adapt(Host.class, HOST, table, ctx);
        WasmFunction add = (WasmFunction) imports.resolve("env", "add");
        assertEquals("ii>i", add.type);
        assertEquals(5, (int) add.handle.invokeExact(2, 3));
        assertSame(MEMORY, imports.resolve("env", "memory"));
        WasmFunction pair = (WasmFunction) imports.resolve("weird\tmod", "p\\a\nir");
        assertArrayEquals(new Object[] {7L, 7}, pair.call(7L));
        assertNull(imports.resolve("env", "missing"));
        assertSame(ctx, imports.wasi());
    }

    @Test
    void aModuleWithoutHostImportsNeedsNoHost() {
        Imports imports = TypedImports.adapt(null, null, null, "wasi");
        assertEquals("wasi", imports.wasi());
        assertNull(imports.resolve("env", "x"));
    }

    @Test
    void mismatchesAreReported() {
        assertThrows(NullPointerException.class, () -> TypedImports.adapt(Host.class, null, new String[] {""}, null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TypedImports.adapt(Host.class, HOST, new String[] {"F\tenv\tadd\tadd\tll>l\n"}, null));
        assertEquals(true, e.getMessage().startsWith(Host.class.getName() + " does not match its module"), e.getMessage());
    }
}
