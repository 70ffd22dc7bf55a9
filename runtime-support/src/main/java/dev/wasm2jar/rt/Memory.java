package dev.wasm2jar.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A linear memory: one flat {@code byte[]}. Generated code keeps {@link #bytes} in a JVM local and re-reads
 * it after calls and {@code memory.grow}, because growing replaces the array.
 *
 * <p>A JVM array holds at most 2^31-1 bytes, so a memory can grow to {@link #MAX_PAGES} pages (2 GiB minus
 * one page); {@code memory.grow} beyond that fails with -1, which the spec allows.
 *
 * <p>Embedders read and write guest memory with the checked helpers ({@link #readBytes},
 * {@link #writeUtf8}, {@link #readInt}, ...): addresses are Wasm {@code i32} values taken as unsigned, and an
 * access outside the current memory throws a {@link Trap} ("out of bounds memory access") before anything is
 * read or written. Like the rest of an instance, a memory is not thread-safe.
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The largest page count a {@code byte[]} can hold. */
    public static final int MAX_PAGES = 32767;

    /** The memory's bytes; replaced (never resized in place) by {@link #grow(int)}. */
    public byte[] bytes;
    private final long declaredMax;
    private int limitPages;

    /**
     * @param initialPages initial size in pages
     * @param declaredMaxPages the module's declared maximum, or -1 when it has none
     */
    public Memory(int initialPages, long declaredMaxPages) {
        if (initialPages < 0 || initialPages > MAX_PAGES) {
            throw new Trap("memory of " + Integer.toUnsignedString(initialPages) + " pages exceeds the JVM limit of " + MAX_PAGES + " pages");
        }
        this.declaredMax = declaredMaxPages;
        this.limitPages = declaredMaxPages < 0 ? MAX_PAGES : (int) Math.min(declaredMaxPages, MAX_PAGES);
        this.bytes = allocate(initialPages);
    }

    /**
     * The initial array. A module may ask for up to 2 GiB up front; when the heap cannot hold that,
     * instantiation fails with a trap instead of an OutOfMemoryError escaping into the embedder (found by
     * the hostile-module tests). The failed allocation itself reserved nothing, so the JVM is unharmed.
     */
    private static byte[] allocate(int pages) {
        try {
            return new byte[pages * PAGE_SIZE];
        } catch (OutOfMemoryError e) {
            throw new Trap("cannot allocate a memory of " + pages + " pages: not enough Java heap");
        }
    }

    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    /** The declared maximum in pages, or -1 when the module declared none. */
    public long declaredMaxPages() {
        return declaredMax;
    }

    /** Lowers the growth limit (the embedder's {@code --max-memory}); never raises it above the declared max. */
    public void limitPages(int pages) {
        this.limitPages = Math.min(this.limitPages, Math.max(pages, pages()));
    }

    /** {@code memory.grow}: returns the old size in pages, or -1 when the memory cannot grow that far. */
    public int grow(int deltaPages) {
        int old = pages();
        if (deltaPages == 0) {
            return old;
        }
        long wanted = (long) old + Integer.toUnsignedLong(deltaPages);
        if (wanted > limitPages) {
            return -1;
        }
        try {
            bytes = Arrays.copyOf(bytes, (int) wanted * PAGE_SIZE);
        } catch (OutOfMemoryError e) {
            return -1;
        }
        return old;
    }

    /** {@code memory.fill}: bounds are checked before any byte is written. */
    public void fill(int dest, int value, int count) {
        long end = Integer.toUnsignedLong(dest) + Integer.toUnsignedLong(count);
        if (end > bytes.length) {
            throw Trap.memoryOutOfBounds();
        }
        Arrays.fill(bytes, dest, (int) end, (byte) value);
    }

    /** {@code memory.copy} within this memory (overlap-safe). */
    public void copy(int dest, int src, int count) {
        copy(this, dest, src, count);
    }

    /** {@code memory.copy} from another memory into this one (multi-memory style; overlap-safe). */
    public void copy(Memory from, int dest, int src, int count) {
        long n = Integer.toUnsignedLong(count);
        if (Integer.toUnsignedLong(dest) + n > bytes.length || Integer.toUnsignedLong(src) + n > from.bytes.length) {
            throw Trap.memoryOutOfBounds();
        }
        System.arraycopy(from.bytes, src, bytes, dest, count);
    }

    /** {@code memory.init} from a data segment ({@code null} once dropped, which reads as empty). */
    public void init(byte[] segment, int dest, int src, int count) {
        long n = Integer.toUnsignedLong(count);
        int segLen = segment == null ? 0 : segment.length;
        if (Integer.toUnsignedLong(dest) + n > bytes.length || Integer.toUnsignedLong(src) + n > segLen) {
            throw Trap.memoryOutOfBounds();
        }
        if (count != 0) {
            System.arraycopy(segment, src, bytes, dest, count);
        }
    }

    /** Copies an active data segment at instantiation. */
    public void write(int offset, byte[] data, int dataOffset, int length) {
        if (Integer.toUnsignedLong(offset) + length > bytes.length) {
            throw Trap.memoryOutOfBounds();
        }
        System.arraycopy(data, dataOffset, bytes, offset, length);
    }

    // ---------------------------------------------------------------- checked access for embedders

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The start of {@code [address, address + length)} as an index into {@link #bytes}, or a trap. */
    private int checkRange(int address, long length) {
        if (length < 0 || Integer.toUnsignedLong(address) + length > bytes.length) {
            throw Trap.memoryOutOfBounds();
        }
        return address;
    }

    /** A copy of {@code length} bytes at {@code address}. */
    public byte[] readBytes(int address, int length) {
        int from = checkRange(address, length);
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    /** Copies {@code data} to {@code address}. */
    public void writeBytes(int address, byte[] data) {
        System.arraycopy(data, 0, bytes, checkRange(address, data.length), data.length);
    }

    /** Decodes {@code length} bytes at {@code address} as UTF-8 (malformed input becomes U+FFFD). */
    public String readUtf8(int address, int length) {
        return new String(bytes, checkRange(address, length), length, StandardCharsets.UTF_8);
    }

    /** Decodes the NUL-terminated UTF-8 string at {@code address}; traps when no NUL follows within memory. */
    public String readCString(int address) {
        byte[] m = bytes;
        int start = checkRange(address, 0);
        for (int end = start; end < m.length; end++) {
            if (m[end] == 0) {
                return new String(m, start, end - start, StandardCharsets.UTF_8);
            }
        }
        throw Trap.memoryOutOfBounds();
    }

    /**
     * Encodes {@code s} as UTF-8 at {@code address}, without a terminator; returns the number of bytes
     * written ({@link #utf8Length}). Nothing is written when it does not fit.
     */
    public int writeUtf8(int address, String s) {
        byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
        writeBytes(address, encoded);
        return encoded.length;
    }

    /** Like {@link #writeUtf8} followed by a NUL byte; returns the bytes written including the NUL. */
    public int writeCString(int address, String s) {
        byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
        int at = checkRange(address, encoded.length + 1L);
        System.arraycopy(encoded, 0, bytes, at, encoded.length);
        bytes[at + encoded.length] = 0;
        return encoded.length + 1;
    }

    /** The number of bytes {@link #writeUtf8} writes for {@code s}, to size a guest allocation. */
    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The little-endian {@code i32} at {@code address}. */
    public int readInt(int address) {
        return (int) I32.get(bytes, checkRange(address, 4));
    }

    public void writeInt(int address, int value) {
        I32.set(bytes, checkRange(address, 4), value);
    }

    /** The little-endian {@code i64} at {@code address}. */
    public long readLong(int address) {
        return (long) I64.get(bytes, checkRange(address, 8));
    }

    public void writeLong(int address, long value) {
        I64.set(bytes, checkRange(address, 8), value);
    }
}
