package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.ProcExit;

/** Arguments, environment, clocks, randomness, process control and the socket stubs. */
final class ProcessCalls {
    private ProcessCalls() {}

    /** Writes {@code count} and the total size of the NUL-terminated strings. */
    static int sizesGet(WasiContext ctx, byte[][] strings, int countPtr, int bufSizePtr) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, countPtr, 4);
        GuestMemory.check(m, bufSizePtr, 4);
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        GuestMemory.putI32(m, countPtr, strings.length);
        GuestMemory.putI32(m, bufSizePtr, (int) size);
        return Errno.SUCCESS;
    }

    /** Writes the pointer array at {@code ptrs} and the NUL-terminated strings from {@code buf}. */
    static int stringsGet(WasiContext ctx, byte[][] strings, int ptrs, int buf) {
        byte[] m = ctx.bytes();
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        GuestMemory.check(m, ptrs, 4L * strings.length);
        GuestMemory.check(m, buf, size);
        int at = buf;
        for (int i = 0; i < strings.length; i++) {
            GuestMemory.putI32(m, ptrs + 4 * i, at);
            System.arraycopy(strings[i], 0, m, at, strings[i].length);
            at += strings[i].length;
            m[at++] = 0;
        }
        return Errno.SUCCESS;
    }

    static int clockResGet(WasiContext ctx, int id, int resultPtr) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, resultPtr, 8);
        long res;
        switch (id) {
            case Abi.CLOCK_REALTIME: res = ctx.clock.realtimeResolutionNanos(); break;
            case Abi.CLOCK_MONOTONIC:
            case Abi.CLOCK_PROCESS_CPUTIME_ID:
            case Abi.CLOCK_THREAD_CPUTIME_ID: res = ctx.clock.monotonicResolutionNanos(); break;
            default: return Errno.EINVAL;
        }
        GuestMemory.putI64(m, resultPtr, res);
        return Errno.SUCCESS;
    }

    static int clockTimeGet(WasiContext ctx, int id, long precision, int resultPtr) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, resultPtr, 8);
        long t;
        switch (id) {
            case Abi.CLOCK_REALTIME: t = ctx.clock.realtimeNanos(); break;
            case Abi.CLOCK_MONOTONIC: t = ctx.clock.monotonicNanos(); break;
            case Abi.CLOCK_PROCESS_CPUTIME_ID: t = ctx.clock.processCpuNanos(); break;
            case Abi.CLOCK_THREAD_CPUTIME_ID: t = ctx.clock.threadCpuNanos(); break;
            default: return Errno.EINVAL;
        }
        GuestMemory.putI64(m, resultPtr, t);
        return Errno.SUCCESS;
    }

    static int randomGet(WasiContext ctx, int buf, int len) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, buf, len);
        byte[] chunk = new byte[Math.min(len, 4096)];
        for (int done = 0; done < len; ) {
            int n = Math.min(chunk.length, len - done);
            ctx.random.nextBytes(chunk);
            System.arraycopy(chunk, 0, m, buf + done, n);
            done += n;
        }
        return Errno.SUCCESS;
    }

    static void procExit(WasiContext ctx, int code) {
        ctx.flush();
        throw new ProcExit(code);
    }

    /** Signals cannot be delivered to a JVM-hosted guest: always ENOSYS, as Node's uvwasi answers too. */
    static int procRaise(int sig) {
        return Errno.ENOSYS;
    }

    /** No socket descriptors exist here: EBADF for an unused number, ENOTSUP for any other descriptor. */
    static int socket(WasiContext ctx, int fd) {
        ctx.fds.get(fd);
        return Errno.ENOTSUP;
    }
}
