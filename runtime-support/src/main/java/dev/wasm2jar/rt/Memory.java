package dev.wasm2jar.rt;

import java.util.Arrays;

/**
 * A linear memory: one flat {@code byte[]}. Generated code keeps {@link #bytes} in a JVM local and re-reads
 * it after calls and {@code memory.grow}, because growing replaces the array.
 *
 * <p>A JVM array holds at most 2^31-1 bytes, so a memory can grow to {@link #MAX_PAGES} pages (2 GiB minus
 * one page); {@code memory.grow} beyond that fails with -1, which the spec allows.
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
}
