package dev.wasm2jar.rt.wasi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian access to guest memory for WASI calls. Every access checks its whole range against the
 * array first (pointers are unsigned 32-bit), and a bad pointer raises {@link WasiException#FAULT}, which
 * the entry point returns as EFAULT; nothing is written when the check fails.
 */
final class GuestMemory {
    private GuestMemory() {}

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Checks that {@code [ptr, ptr + len)} (both unsigned 32-bit) lies inside the memory. */
    static void check(byte[] m, int ptr, int len) {
        if (Integer.toUnsignedLong(ptr) + Integer.toUnsignedLong(len) > m.length) {
            throw WasiException.FAULT;
        }
    }

    /** Like {@link #check} for a 64-bit byte count (e.g. {@code count * struct size}). */
    static void check(byte[] m, int ptr, long len) {
        if (len < 0 || Integer.toUnsignedLong(ptr) + len > m.length) {
            throw WasiException.FAULT;
        }
    }

    static int u8(byte[] m, int ptr) {
        check(m, ptr, 1);
        return m[ptr] & 0xFF;
    }

    static int u16(byte[] m, int ptr) {
        check(m, ptr, 2);
        return (short) I16.get(m, ptr) & 0xFFFF;
    }

    static int i32(byte[] m, int ptr) {
        check(m, ptr, 4);
        return (int) I32.get(m, ptr);
    }

    static long i64(byte[] m, int ptr) {
        check(m, ptr, 8);
        return (long) I64.get(m, ptr);
    }

    static void putU8(byte[] m, int ptr, int v) {
        check(m, ptr, 1);
        m[ptr] = (byte) v;
    }

    static void putU16(byte[] m, int ptr, int v) {
        check(m, ptr, 2);
        I16.set(m, ptr, (short) v);
    }

    static void putI32(byte[] m, int ptr, int v) {
        check(m, ptr, 4);
        I32.set(m, ptr, v);
    }

    static void putI64(byte[] m, int ptr, long v) {
        check(m, ptr, 8);
        I64.set(m, ptr, v);
    }

    /** Copies host bytes into guest memory. */
    static void write(byte[] m, int ptr, byte[] src, int srcOff, int len) {
        check(m, ptr, len);
        System.arraycopy(src, srcOff, m, ptr, len);
    }

    /**
     * Validates an iovec array and every buffer it names, so I/O never starts on a request that would
     * fault half-way through.
     */
    static void checkIovecs(byte[] m, int iovs, int count) {
        check(m, iovs, Integer.toUnsignedLong(count) * Abi.IOVEC_SIZE);
        for (int i = 0; i < count; i++) {
            int p = iovs + i * Abi.IOVEC_SIZE;
            check(m, (int) I32.get(m, p), (int) I32.get(m, p + 4));
        }
    }

    /** Buffer pointer of iovec {@code i}; the array must have passed {@link #checkIovecs}. */
    static int iovBuf(byte[] m, int iovs, int i) {
        return (int) I32.get(m, iovs + i * Abi.IOVEC_SIZE);
    }

    /** Buffer length of iovec {@code i}; the array must have passed {@link #checkIovecs}. */
    static int iovLen(byte[] m, int iovs, int i) {
        return (int) I32.get(m, iovs + i * Abi.IOVEC_SIZE + 4);
    }
}
