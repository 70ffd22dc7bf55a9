package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.Memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A guest as the tests see it: one page of linear memory bound to a {@link WasiContext}, a bump
 * allocator for placing strings and structs in it, and little-endian accessors for reading results.
 */
final class Guest implements AutoCloseable {
    final Memory memory = new Memory(1, -1);
    final WasiContext ctx;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private int heap = 256;

    /** Result slot that tests pass as an out-pointer. */
    final int out = 16;

    Guest(Consumer<WasiContext.Builder> config) {
        this(new ByteArrayInputStream(new byte[0]), config);
    }

    Guest(InputStream stdin, Consumer<WasiContext.Builder> config) {
        WasiContext.Builder b = WasiContext.builder().stdin(stdin).stdout(stdout).stderr(stderr);
        config.accept(b);
        ctx = b.build();
        ctx.bindMemory(memory);
    }

    /** A guest with {@code root} preopened as "/sandbox" (fd 3). */
    static Guest withPreopen(Path root) {
        return new Guest(b -> b.preopen(root, "/sandbox"));
    }

    byte[] mem() {
        return memory.bytes;
    }

    /** Reserves {@code size} bytes, 8-aligned and zeroed. */
    int alloc(int size) {
        int p = (heap + 7) & ~7;
        heap = p + size;
        if (heap > mem().length) {
            throw new IllegalStateException("test guest out of memory");
        }
        java.util.Arrays.fill(mem(), p, heap, (byte) 0);
        return p;
    }

    /** Places UTF-8 bytes (no terminator); {@link #len} of the same string is its length. */
    int str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    int bytes(byte[] b) {
        int p = alloc(b.length);
        System.arraycopy(b, 0, mem(), p, b.length);
        return p;
    }

    /** An iovec array naming the given (ptr, len) pairs. */
    int iovecs(int... ptrLenPairs) {
        int p = alloc(ptrLenPairs.length * 4);
        for (int i = 0; i < ptrLenPairs.length; i++) {
            putI32(p + 4 * i, ptrLenPairs[i]);
        }
        return p;
    }

    int i32(int ptr) {
        return ByteBuffer.wrap(mem()).order(ByteOrder.LITTLE_ENDIAN).getInt(ptr);
    }

    long i64(int ptr) {
        return ByteBuffer.wrap(mem()).order(ByteOrder.LITTLE_ENDIAN).getLong(ptr);
    }

    int u8(int ptr) {
        return mem()[ptr] & 0xFF;
    }

    int u16(int ptr) {
        return ByteBuffer.wrap(mem()).order(ByteOrder.LITTLE_ENDIAN).getShort(ptr) & 0xFFFF;
    }

    void putI32(int ptr, int v) {
        ByteBuffer.wrap(mem()).order(ByteOrder.LITTLE_ENDIAN).putInt(ptr, v);
    }

    void putI64(int ptr, long v) {
        ByteBuffer.wrap(mem()).order(ByteOrder.LITTLE_ENDIAN).putLong(ptr, v);
    }

    void putU16(int ptr, int v) {
        ByteBuffer.wrap(mem()).order(ByteOrder.LITTLE_ENDIAN).putShort(ptr, (short) v);
    }

    String string(int ptr, int len) {
        return new String(mem(), ptr, len, StandardCharsets.UTF_8);
    }

    // ---- convenience wrappers over WasiPreview1, asserting success where a test only sets things up ----

    /** path_open, asserting success; returns the new fd. */
    int open(int dirFd, String path, int oflags, long rights, int fdflags) {
        int errno = openErrno(dirFd, path, Abi.LOOKUPFLAGS_SYMLINK_FOLLOW, oflags, rights, fdflags);
        assertEquals(Errno.SUCCESS, errno, "path_open " + path);
        return i32(out);
    }

    int openErrno(int dirFd, String path, int lookupflags, int oflags, long rights, int fdflags) {
        return WasiPreview1.path_open(dirFd, lookupflags, str(path), len(path), oflags, rights, Rights.ALL, fdflags, out, ctx);
    }

    int write(int fd, String data) {
        int p = str(data);
        int errno = WasiPreview1.fd_write(fd, iovecs(p, len(data)), 1, out, ctx);
        assertEquals(Errno.SUCCESS, errno, "fd_write");
        return i32(out);
    }

    String read(int fd, int max) {
        int p = alloc(max);
        int errno = WasiPreview1.fd_read(fd, iovecs(p, max), 1, out, ctx);
        assertEquals(Errno.SUCCESS, errno, "fd_read");
        return string(p, i32(out));
    }

    @Override
    public void close() {
        ctx.close();
    }
}
