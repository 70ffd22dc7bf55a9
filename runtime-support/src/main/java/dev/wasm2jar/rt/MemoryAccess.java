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
 * {@code Unsafe} access inlines in about 30 bytes. Three paths, picked once ({@link #FAST} and
 * {@code Fallback.INTERNAL} are constant-folded by the JIT): {@code sun.misc.Unsafe} on Java 17-23 (and on
 * 24+ run with {@code --sun-misc-unsafe-memory-access=allow}); else the JDK's internal Unsafe when
 * {@code jdk.internal.misc} is exported to us (a runnable jar's manifest does that); else little-endian
 * VarHandles (measured on pystone, Temurin 25: ~105k pystones/s against 141k-144k on either Unsafe).
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    /**
     * Accesses where {@code sun.misc.Unsafe} is not used: the JDK's internal Unsafe where this code may use
     * it (an executable jar's manifest exports it to us, see JarPackager; it prints no warning on any
     * release), else little-endian VarHandles, which inline into far more bytecode. Callers have checked
     * bounds, so the effective address is a valid array index here.
     */
    private static final class Fallback {
        private static final jdk.internal.misc.Unsafe IU = internalUnsafe();
        private static final boolean INTERNAL = IU != null;
        private static final long IBASE = INTERNAL ? byteArrayBase(IU) : 0;
        private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        /**
         * The internal Unsafe if it is exported to us, the platform is little-endian and every method used
         * below links and works: it is not a supported API, so a release that changes it falls back to
         * VarHandles instead of failing (a method's constant-pool entry resolves once for this class, so the
         * probe covers the accessors' call sites too).
         */
        private static jdk.internal.misc.Unsafe internalUnsafe() {
            if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN
                    || !Object.class.getModule().isExported("jdk.internal.misc", Fallback.class.getModule())) {
                return null;
            }
            try {
                jdk.internal.misc.Unsafe u = jdk.internal.misc.Unsafe.getUnsafe();
                long base = byteArrayBase(u);
                byte[] probe = new byte[16];
                u.putShort(probe, base + 1, (short) 0x0102);
                u.putInt(probe, base + 3, 0x03040506);
                u.putLong(probe, base + 7, 0x0708090A0B0C0D0EL);
                boolean works = u.getShort(probe, base + 1) == 0x0102 && u.getInt(probe, base + 3) == 0x03040506
                        && u.getLong(probe, base + 7) == 0x0708090A0B0C0D0EL && probe[1] == 2 && probe[14] == 7;
                return works ? u : null;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        /** arrayBaseOffset returns int up to Java 22 and long after, hence reflection. */
        private static long byteArrayBase(jdk.internal.misc.Unsafe u) {
            try {
                return ((Number) u.getClass().getMethod("arrayBaseOffset", Class.class).invoke(u, byte[].class)).longValue();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static int i32(byte[] m, long ea) {
            return INTERNAL ? IU.getInt(m, IBASE + ea) : (int) I32.get(m, (int) ea);
        }

        static long i64(byte[] m, long ea) {
            return INTERNAL ? IU.getLong(m, IBASE + ea) : (long) I64.get(m, (int) ea);
        }

        static short i16(byte[] m, long ea) {
            return INTERNAL ? IU.getShort(m, IBASE + ea) : (short) I16.get(m, (int) ea);
        }

        static void i32(byte[] m, long ea, int v) {
            if (INTERNAL) {
                IU.putInt(m, IBASE + ea, v);
            } else {
                I32.set(m, (int) ea, v);
            }
        }

        static void i64(byte[] m, long ea, long v) {
            if (INTERNAL) {
                IU.putLong(m, IBASE + ea, v);
            } else {
                I64.set(m, (int) ea, v);
            }
        }

        static void i16(byte[] m, long ea, short v) {
            if (INTERNAL) {
                IU.putShort(m, IBASE + ea, v);
            } else {
                I16.set(m, (int) ea, v);
            }
        }
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
     * instead). There {@link Fallback} runs.
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

    /** What 2-, 4- and 8-byte accesses run on in this JVM (for tests and diagnostics). */
    static String accessPath() {
        return FAST ? "sun.misc.Unsafe" : Fallback.INTERNAL ? "jdk.internal.misc.Unsafe" : "VarHandle";
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
        return FAST ? U.getInt(m, BASE + ea) : Fallback.i32(m, ea);
    }

    public static long i64Load(int addr, byte[] m, int off) {
        long ea = (addr & 0xFFFFFFFFL) + off;
        if (ea > m.length - 8) {
            throw Trap.memoryOutOfBounds();
        }
        return FAST ? U.getLong(m, BASE + ea) : Fallback.i64(m, ea);
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
        return FAST ? U.getShort(m, BASE + ea) : Fallback.i16(m, ea);
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
            Fallback.i32(m, ea, v);
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
            Fallback.i64(m, ea, v);
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
            Fallback.i16(m, ea, (short) v);
        }
    }

    public static void i64Store8(int addr, long v, byte[] m, int off) { m[ea(addr, off)] = (byte) v; }
    public static void i64Store16(int addr, long v, byte[] m, int off) { i32Store16(addr, (int) v, m, off); }
    public static void i64Store32(int addr, long v, byte[] m, int off) { i32Store(addr, (int) v, m, off); }
}
