package dev.wasm2jar.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Loads and stores called by generated code. Each is a tiny static method that HotSpot inlines; the
 * bound check is the JVM's own array check, made unsigned-safe by {@link #ea(int, int)}.
 *
 * <p>Argument order matches the Wasm operand stack: address (and value) first, then the memory array and
 * the static offset, which generated code pushes last. Offsets here are below 2^31; larger static offsets
 * can never be in bounds and are compiled to an unconditional trap.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Effective address as a non-negative int, or a negative one (which the JVM rejects as out of bounds)
     * when the unsigned sum {@code addr + offset} is 2^31 or more. {@code offset} is in [0, 2^31).
     */
    public static int ea(int addr, int offset) {
        return (addr + offset) | (addr >> 31);
    }

    public static int i32Load(int addr, byte[] m, int off) { return (int) I32.get(m, ea(addr, off)); }
    public static long i64Load(int addr, byte[] m, int off) { return (long) I64.get(m, ea(addr, off)); }
    public static float f32Load(int addr, byte[] m, int off) { return Float.intBitsToFloat((int) I32.get(m, ea(addr, off))); }
    public static double f64Load(int addr, byte[] m, int off) { return Double.longBitsToDouble((long) I64.get(m, ea(addr, off))); }
    public static int i32Load8S(int addr, byte[] m, int off) { return m[ea(addr, off)]; }
    public static int i32Load8U(int addr, byte[] m, int off) { return m[ea(addr, off)] & 0xFF; }
    public static int i32Load16S(int addr, byte[] m, int off) { return (short) I16.get(m, ea(addr, off)); }
    public static int i32Load16U(int addr, byte[] m, int off) { return (short) I16.get(m, ea(addr, off)) & 0xFFFF; }
    public static long i64Load8S(int addr, byte[] m, int off) { return m[ea(addr, off)]; }
    public static long i64Load8U(int addr, byte[] m, int off) { return m[ea(addr, off)] & 0xFFL; }
    public static long i64Load16S(int addr, byte[] m, int off) { return (short) I16.get(m, ea(addr, off)); }
    public static long i64Load16U(int addr, byte[] m, int off) { return (short) I16.get(m, ea(addr, off)) & 0xFFFFL; }
    public static long i64Load32S(int addr, byte[] m, int off) { return (int) I32.get(m, ea(addr, off)); }
    public static long i64Load32U(int addr, byte[] m, int off) { return (int) I32.get(m, ea(addr, off)) & 0xFFFFFFFFL; }

    public static void i32Store(int addr, int v, byte[] m, int off) { I32.set(m, ea(addr, off), v); }
    public static void i64Store(int addr, long v, byte[] m, int off) { I64.set(m, ea(addr, off), v); }
    public static void f32Store(int addr, float v, byte[] m, int off) { I32.set(m, ea(addr, off), Float.floatToRawIntBits(v)); }
    public static void f64Store(int addr, double v, byte[] m, int off) { I64.set(m, ea(addr, off), Double.doubleToRawLongBits(v)); }
    public static void i32Store8(int addr, int v, byte[] m, int off) { m[ea(addr, off)] = (byte) v; }
    public static void i32Store16(int addr, int v, byte[] m, int off) { I16.set(m, ea(addr, off), (short) v); }
    public static void i64Store8(int addr, long v, byte[] m, int off) { m[ea(addr, off)] = (byte) v; }
    public static void i64Store16(int addr, long v, byte[] m, int off) { I16.set(m, ea(addr, off), (short) v); }
    public static void i64Store32(int addr, long v, byte[] m, int off) { I32.set(m, ea(addr, off), (int) v); }
}
