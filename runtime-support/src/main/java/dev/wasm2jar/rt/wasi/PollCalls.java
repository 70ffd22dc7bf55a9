package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@code poll_oneoff}. Clock subscriptions become deadlines on the monotonic clock. Files and output
 * streams are always ready, as POSIX poll reports regular files; stdin is ready when bytes are buffered
 * or available, or once end of input is seen. Without a deadline the wait for stdin is a blocking read
 * into stdin's look-ahead buffer; with one it polls {@code available()} in short sleeps.
 */
final class PollCalls {
    private PollCalls() {}

    /** Longest single sleep while waiting for stdin with a deadline. */
    private static final long STDIN_POLL_NANOS = 10_000_000L;

    static int pollOneoff(WasiContext ctx, int in, int out, int nsubscriptions, int neventsPtr) throws IOException {
        byte[] m = ctx.bytes();
        if (nsubscriptions == 0) {
            return Errno.EINVAL;
        }
        long n = Integer.toUnsignedLong(nsubscriptions);
        GuestMemory.check(m, in, n * Abi.SUBSCRIPTION_SIZE);
        GuestMemory.check(m, out, n * Abi.EVENT_SIZE);
        GuestMemory.check(m, neventsPtr, 4);
        int count = nsubscriptions;

        long[] userdata = new long[count];
        int[] type = new int[count];
        int[] fd = new int[count];
        long[] deadline = new long[count];   // monotonic nanos, for clock subscriptions
        int[] error = new int[count];        // an errno that makes the subscription fire at once
        boolean waitsOnStdin = false;
        long now = ctx.clock.monotonicNanos();
        for (int i = 0; i < count; i++) {
            int s = in + i * Abi.SUBSCRIPTION_SIZE;
            userdata[i] = GuestMemory.i64(m, s);
            type[i] = GuestMemory.u8(m, s + 8);
            switch (type[i]) {
                case Abi.EVENTTYPE_CLOCK: {
                    int clockId = GuestMemory.i32(m, s + 16);
                    long timeout = GuestMemory.i64(m, s + 24);
                    boolean abs = (GuestMemory.u16(m, s + 40) & Abi.SUBCLOCKFLAGS_ABSTIME) != 0;
                    if (clockId == Abi.CLOCK_REALTIME) {
                        deadline[i] = abs ? fromRealtime(now, timeout, ctx.clock.realtimeNanos()) : after(now, timeout);
                    } else if (clockId == Abi.CLOCK_MONOTONIC) {
                        deadline[i] = abs ? fromMonotonic(timeout) : after(now, timeout);
                    } else if (clockId == Abi.CLOCK_PROCESS_CPUTIME_ID || clockId == Abi.CLOCK_THREAD_CPUTIME_ID) {
                        error[i] = Errno.ENOTSUP; // no way to wake up at a CPU-time instant
                    } else {
                        error[i] = Errno.EINVAL;
                    }
                    break;
                }
                case Abi.EVENTTYPE_FD_READ:
                case Abi.EVENTTYPE_FD_WRITE: {
                    fd[i] = GuestMemory.i32(m, s + 16);
                    Descriptor d = ctx.fds.find(fd[i]);
                    if (d == null) {
                        error[i] = Errno.EBADF;
                    } else if ((d.rightsBase & Rights.POLL_FD_READWRITE) == 0) {
                        error[i] = Errno.ENOTCAPABLE;
                    } else if (type[i] == Abi.EVENTTYPE_FD_READ && d instanceof OutputStreamDescriptor
                            || type[i] == Abi.EVENTTYPE_FD_WRITE && d instanceof InputStreamDescriptor) {
                        error[i] = Errno.EBADF; // would never become ready
                    } else if (type[i] == Abi.EVENTTYPE_FD_READ && d instanceof InputStreamDescriptor) {
                        waitsOnStdin = true;
                    }
                    break;
                }
                default:
                    return Errno.EINVAL;
            }
        }

        long earliest = Long.MAX_VALUE;
        boolean hasClock = false;
        for (int i = 0; i < count; i++) {
            if (type[i] == Abi.EVENTTYPE_CLOCK && error[i] == 0) {
                earliest = Math.min(earliest, deadline[i]);
                hasClock = true;
            }
        }

        long[] nbytes = new long[count];
        int[] rwflags = new int[count];
        boolean[] fired = new boolean[count];
        while (true) {
            now = ctx.clock.monotonicNanos();
            int fires = 0;
            for (int i = 0; i < count; i++) {
                fired[i] = ready(ctx, i, type, fd, deadline, error, nbytes, rwflags, now);
                if (fired[i]) {
                    fires++;
                }
            }
            if (fires > 0) {
                writeEvents(m, out, neventsPtr, count, userdata, type, error, nbytes, rwflags, fired);
                return Errno.SUCCESS;
            }
            if (waitsOnStdin && !hasClock) {
                stdinOf(ctx, type, fd).awaitInput();
                continue;
            }
            long wait = earliest - now;
            if (waitsOnStdin) {
                wait = Math.min(wait, STDIN_POLL_NANOS);
            }
            if (!hasClock && !waitsOnStdin) {
                // Nothing can become ready (cannot happen with the descriptor kinds above).
                GuestMemory.putI32(m, neventsPtr, 0);
                return Errno.SUCCESS;
            }
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Errno.EINTR;
            }
        }
    }

    private static boolean ready(WasiContext ctx, int i, int[] type, int[] fd, long[] deadline, int[] error,
                                 long[] nbytes, int[] rwflags, long now) throws IOException {
        if (error[i] != 0) {
            return true;
        }
        if (type[i] == Abi.EVENTTYPE_CLOCK) {
            return now >= deadline[i];
        }
        Descriptor d = ctx.fds.find(fd[i]);
        if (d instanceof InputStreamDescriptor stdin) {
            long avail = stdin.readyBytes();
            if (avail < 0) {
                nbytes[i] = 0;
                rwflags[i] = Abi.EVENTRWFLAGS_FD_READWRITE_HANGUP;
                return true;
            }
            nbytes[i] = avail;
            return avail > 0;
        }
        if (d instanceof RegularFileDescriptor f && type[i] == Abi.EVENTTYPE_FD_READ) {
            nbytes[i] = Math.max(0, f.channel.size() - f.channel.position());
        }
        return true;
    }

    private static InputStreamDescriptor stdinOf(WasiContext ctx, int[] type, int[] fd) {
        for (int i = 0; i < type.length; i++) {
            if (type[i] == Abi.EVENTTYPE_FD_READ && ctx.fds.find(fd[i]) instanceof InputStreamDescriptor s) {
                return s;
            }
        }
        throw new IllegalStateException("no stdin subscription");
    }

    private static void writeEvents(byte[] m, int out, int neventsPtr, int count, long[] userdata, int[] type,
                                    int[] error, long[] nbytes, int[] rwflags, boolean[] fired) {
        int e = 0;
        for (int i = 0; i < count; i++) {
            if (!fired[i]) {
                continue;
            }
            int p = out + e * Abi.EVENT_SIZE;
            Arrays.fill(m, p, p + Abi.EVENT_SIZE, (byte) 0);
            GuestMemory.putI64(m, p, userdata[i]);
            GuestMemory.putU16(m, p + 8, error[i]);
            GuestMemory.putU8(m, p + 10, type[i]);
            if (type[i] != Abi.EVENTTYPE_CLOCK && error[i] == 0) {
                GuestMemory.putI64(m, p + 16, nbytes[i]);
                GuestMemory.putU16(m, p + 24, rwflags[i]);
            }
            e++;
        }
        GuestMemory.putI32(m, neventsPtr, e);
    }

    /** The monotonic deadline {@code timeout} (unsigned) nanoseconds after {@code now}; clamps at "never". */
    private static long after(long now, long timeout) {
        if (timeout < 0) {
            return Long.MAX_VALUE; // 2^63 ns or more: centuries
        }
        long r = now + timeout;
        return r < now ? Long.MAX_VALUE : r;
    }

    /** An absolute realtime instant (unsigned nanoseconds) as a monotonic deadline. */
    private static long fromRealtime(long now, long timeout, long realtimeNow) {
        if (timeout < 0) {
            return Long.MAX_VALUE;
        }
        long diff = timeout - realtimeNow; // both non-negative: cannot overflow
        return diff <= 0 ? now + diff : after(now, diff);
    }

    /** An absolute monotonic instant (unsigned nanoseconds). */
    private static long fromMonotonic(long timeout) {
        return timeout < 0 ? Long.MAX_VALUE : timeout;
    }
}
