package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast (Unsafe) accessors agree with the VarHandle fallback, and both reject every out-of-bounds access. */
class MemoryAccessTest {
    private static final Class<?> FALLBACK = fallbackClass();

    private static Class<?> fallbackClass() {
        for (Class<?> c : MemoryAccess.class.getDeclaredClasses()) {
            if (c.getSimpleName().equals("Fallback")) {
                return c;
            }
        }
        throw new IllegalStateException("no Fallback class");
    }

    private static Object fallback(String name, Class<?>[] types, Object... args) throws Exception {
        Method m = FALLBACK.getDeclaredMethod(name, types);
        m.setAccessible(true);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void fastAndFallbackAgreeOnLittleEndianValues() throws Exception {
        Random random = new Random(42);
        byte[] m = new byte[4096];
        random.nextBytes(m);
        for (int n = 0; n < 2000; n++) {
            int addr = random.nextInt(4000);
            int off = random.nextInt(64);
            assertEquals(fallback("i32", new Class<?>[] {byte[].class, long.class}, m, (long) addr + off), MemoryAccess.i32Load(addr, m, off));
            assertEquals(fallback("i64", new Class<?>[] {byte[].class, long.class}, m, (long) addr + off), MemoryAccess.i64Load(addr, m, off));
            assertEquals(((Short) fallback("i16", new Class<?>[] {byte[].class, long.class}, m, (long) addr + off)) & 0xFFFF,
                    MemoryAccess.i32Load16U(addr, m, off));
        }
        MemoryAccess.i32Store(8, 0x11223344, m, 0);
        assertEquals(0x44, m[8] & 0xFF);
        assertEquals(0x11, m[11] & 0xFF);
        MemoryAccess.i64Store(16, 0x0102030405060708L, m, 4);
        assertEquals(0x08, m[20]);
        assertEquals(0x01, m[27]);
    }

    @Test
    void everyOutOfBoundsAccessTraps() {
        byte[] m = new byte[65536];
        // last valid addresses
        MemoryAccess.i32Load(65532, m, 0);
        MemoryAccess.i64Load(65528, m, 0);
        MemoryAccess.i32Load16U(65534, m, 0);
        // one past, unsigned wrap-around, huge offset
        assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load(65533, m, 0));
        assertThrows(RuntimeException.class, () -> MemoryAccess.i64Load(65529, m, 0));
        assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load(-1, m, 0));
        assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load(-4, m, 8));
        assertThrows(RuntimeException.class, () -> MemoryAccess.i32Store(0, 1, m, Integer.MAX_VALUE));
        assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load8U(65536, m, 0));
        assertThrows(RuntimeException.class, () -> MemoryAccess.i64Store16(Integer.MIN_VALUE, 1, m, 0));
        // an empty memory (0 pages) rejects everything, even addresses near 2^31 where length - size - i overflows
        byte[] empty = new byte[0];
        for (int addr : new int[] {0, 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 3, Integer.MAX_VALUE - 7, -1}) {
            assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load(addr, empty, 0));
            assertThrows(RuntimeException.class, () -> MemoryAccess.i64Load(addr, empty, 0));
            assertThrows(RuntimeException.class, () -> MemoryAccess.i64Store(addr, 1L, empty, 0));
            assertThrows(RuntimeException.class, () -> MemoryAccess.i32Store16(addr, 1, empty, 0));
        }
        assertThrows(RuntimeException.class, () -> MemoryAccess.i64Load(Integer.MAX_VALUE - 7, m, 0));
        // each failure is (or translates to) the spec's trap
        RuntimeException e = assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load(65533, m, 0));
        assertEquals(Trap.OUT_OF_BOUNDS_MEMORY, Trap.translate(e).getMessage());
        RuntimeException b = assertThrows(RuntimeException.class, () -> MemoryAccess.i32Load8S(70000, m, 0));
        assertEquals(Trap.OUT_OF_BOUNDS_MEMORY, Trap.translate(b).getMessage());
    }

    @Test
    void unsafeIsNotTouchedWhereItWouldPrintAWarning() {
        assertEquals(null, MemoryAccess.unsafe(MemoryAccess.FIRST_RELEASE_WARNING_ON_UNSAFE, null));
        assertEquals(null, MemoryAccess.unsafe(25, null));
        assertEquals(null, MemoryAccess.unsafe(25, "warn"));
        assertNotNull(MemoryAccess.unsafe(25, "allow"), "--sun-misc-unsafe-memory-access=allow silences the warning");
        assertNotNull(MemoryAccess.unsafe(17, null), "HotSpot 17 has sun.misc.Unsafe");
    }

    /**
     * An executable jar's manifest exports jdk.internal.misc (JarPackager), so that on Java 24+, where
     * sun.misc.Unsafe is not used, accesses still avoid VarHandles. Surefire runs this class a second time
     * with that export (see pom.xml), where the fallback must pick it up.
     */
    @Test
    void accessPathFollowsTheReleaseTheOptionAndTheExport() {
        boolean exported = Object.class.getModule().isExported("jdk.internal.misc", MemoryAccess.class.getModule());
        assertEquals(Boolean.getBoolean("wasm2jar.test.internalUnsafeExported"), exported, "surefire set-up");
        boolean sunMisc = Runtime.version().feature() < MemoryAccess.FIRST_RELEASE_WARNING_ON_UNSAFE
                || "allow".equals(System.getProperty(MemoryAccess.UNSAFE_MEMORY_ACCESS_PROPERTY));
        String expected = sunMisc ? "sun.misc.Unsafe" : exported ? "jdk.internal.misc.Unsafe" : "VarHandle";
        assertEquals(expected, MemoryAccess.accessPath());
    }
}
