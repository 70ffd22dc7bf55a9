package dev.wasm2jar.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Loads and stores called by generated code. Each is a tiny static method that HotSpot inlines.
 *
 * <p>Argument order matches the Wasm operand stack: address (and value) first, then the memory array and
 * the static offset, which generated code pushes last. Offsets here are below 2^31; larger static offsets
 * can never be in bounds and are compiled to an unconditional trap.
 *
 * <p>Why {@code sun.misc.Unsafe}: a {@code VarHandle} access inlines about 150 bytes of bytecode, and in
 * the large methods compiled Wasm produces, C2 runs out of inlining budget ({@code DesiredMethodLimit})
 * after a few hundred accesses and leaves the rest as calls. An explicit bounds check plus one intrinsic
 * {@code Unsafe} access inlines in about 30 bytes. Where Unsafe is missing or the platform is big-endian,
 * the same methods fall back to little-endian VarHandles ({@link #FAST} is constant-folded by the JIT).
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    /** Little-endian VarHandle accesses for platforms without a usable Unsafe. */
    private static final class Fallback {
        private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        static int i32(int addr, byte[] m, int off) { return (int) I32.get(m, ea(addr, off)); }
        static long i64(int addr, byte[] m, int off) { return (long) I64.get(m, ea(addr, off)); }
        static short i16(int addr, byte[] m, int off) { return (short) I16.get(m, ea(addr, off)); }
        static void i32(int addr, int v, byte[] m, int off) { I32.set(m, ea(addr, off), v); }
        static void i64(int addr, long v, byte[] m, int off) { I64.set(m, ea(addr, off), v); }
        static void i16(int addr, short v, byte[] m, int off) { I16.set(m, ea(addr, off), v); }
    }

    /** First Java release whose {@code sun.misc.Unsafe} memory access prints a warning (JEP 498). */
    static final int FIRST_RELEASE_WARNING_ON_UNSAFE = 24;

    /** Set by the JVM option {@code --sun-misc-unsafe-memory-access=allow|warn|debug|deny} (Java 23+). */
    static final String UNSAFE_MEMORY_ACCESS_PROPERTY = "sun.misc.unsafe.memory.access";

    private static final sun.misc.Unsafe U = unsafe(Runtime.version().feature(),
            System.getProperty(UNSAFE_MEMORY_ACCESS_PROPERTY));
    private static final boolean FAST = U != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long BASE = FAST ? U.arrayBaseOffset(byte[].class) : 0;

    /**
     * {@code sun.misc.Unsafe}, or null where it is missing or where using it would print "WARNING: A
     * terminally deprecated method in sun.misc.Unsafe has been called" to the guest's stderr (Java 24 and
     * later, unless the JVM runs with {@code --sun-misc-unsafe-memory-access=allow}; later releases throw
     * instead). There the VarHandle fallback runs.
     */
    static sun.misc.Unsafe unsafe(int javaRelease, String memoryAccessOption) {
        if (javaRelease >= FIRST_RELEASE_WARNING_ON_UNSAFE && !"allow".equals(memoryAccessOption)) {
            return null;
        }
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether accesses go through Unsafe (true) or VarHandles (false) on this JVM. */
    static boolean usesUnsafe() {
        return FAST;
    }

    /**
     * Effective address as a non-negative int, or a negative one (which every access below rejects as out of
     * bounds) when the unsigned sum {@code addr + offset} is 2^31 or more. {@code offset} is in [0, 2^31).
     */
    public static int ea(int addr, int offset) {
        return (addr + offset) | (addr >> 31);
    }

    /*
     * Each 2-, 4- and 8-byte accessor checks bounds itself, with no helper call: every byte C2 inlines counts
     * against its per-compilation budget (DesiredMethodLimit, 8,000 bytes including the root method), and
     * compiled Wasm has hundreds of accesses per method. Measured on pystone and the C kernels, this beat both
     * a shared 35-byte check helper (which even call sites C2 deems cold would inline) and the same check in
     * 32-bit arithmetic ({@code (addr | ea) < 0 || ea > length - size}). In 64 bits nothing wraps: the
     * effective address is at most 2^32 + 2^31, and {@code length - size} is negative for an array shorter
     * than {@code size}, so every access to an empty memory traps.
     */

    public static int i32Load(int addr, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 4) {
            throw Trap.memoryOutOfBounds();
        }
        return FAST ? U.getInt(m, BASE + ea) : Fallback.i32(addr, m, off);
    }

    public static long i64Load(int addr, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 8) {
            throw Trap.memoryOutOfBounds();
        }
        return FAST ? U.getLong(m, BASE + ea) : Fallback.i64(addr, m, off);
    }

    public static float f32Load(int addr, byte[] m, int off) { return Float.intBitsToFloat(i32Load(addr, m, off)); }
    public static double f64Load(int addr, byte[] m, int off) { return Double.longBitsToDouble(i64Load(addr, m, off)); }
    public static int i32Load8S(int addr, byte[] m, int off) { return m[ea(addr, off)]; }
    public static int i32Load8U(int addr, byte[] m, int off) { return m[ea(addr, off)] & 0xFF; }

    private static short load16(int addr, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 2) {
            throw Trap.memoryOutOfBounds();
        }
        return FAST ? U.getShort(m, BASE + ea) : Fallback.i16(addr, m, off);
    }

    public static int i32Load16S(int addr, byte[] m, int off) { return load16(addr, m, off); }
    public static int i32Load16U(int addr, byte[] m, int off) { return load16(addr, m, off) & 0xFFFF; }
    public static long i64Load8S(int addr, byte[] m, int off) { return m[ea(addr, off)]; }
    public static long i64Load8U(int addr, byte[] m, int off) { return m[ea(addr, off)] & 0xFFL; }
    public static long i64Load16S(int addr, byte[] m, int off) { return load16(addr, m, off); }
    public static long i64Load16U(int addr, byte[] m, int off) { return load16(addr, m, off) & 0xFFFFL; }
    public static long i64Load32S(int addr, byte[] m, int off) { return i32Load(addr, m, off); }
    public static long i64Load32U(int addr, byte[] m, int off) { return i32Load(addr, m, off) & 0xFFFFFFFFL; }

    public static void i32Store(int addr, int v, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 4) {
            throw Trap.memoryOutOfBounds();
        }
        if (FAST) {
            U.putInt(m, BASE + ea, v);
        } else {
            Fallback.i32(addr, v, m, off);
        }
    }

    public static void i64Store(int addr, long v, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 8) {
            throw Trap.memoryOutOfBounds();
        }
        if (FAST) {
            U.putLong(m, BASE + ea, v);
        } else {
            Fallback.i64(addr, v, m, off);
        }
    }

    public static void f32Store(int addr, float v, byte[] m, int off) { i32Store(addr, Float.floatToRawIntBits(v), m, off); }
    public static void f64Store(int addr, double v, byte[] m, int off) { i64Store(addr, Double.doubleToRawLongBits(v), m, off); }
    public static void i32Store8(int addr, int v, byte[] m, int off) { m[ea(addr, off)] = (byte) v; }

    public static void i32Store16(int addr, int v, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 2) {
            throw Trap.memoryOutOfBounds();
        }
        if (FAST) {
            U.putShort(m, BASE + ea, (short) v);
        } else {
            Fallback.i16(addr, (short) v, m, off);
        }
    }

    public static void i64Store8(int addr, long v, byte[] m, int off) { m[ea(addr, off)] = (byte) v; }
    public static void i64Store16(int addr, long v, byte[] m, int off) { i32Store16(addr, (int) v, m, off); }
    public static void i64Store32(int addr, long v, byte[] m, int off) { i32Store(addr, (int) v, m, off); }
}
