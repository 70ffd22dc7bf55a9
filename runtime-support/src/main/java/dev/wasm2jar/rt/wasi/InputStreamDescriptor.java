package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.io.InputStream;

/**
 * stdin: reads from the embedder's {@link InputStream}. A small look-ahead buffer lets
 * {@code poll_oneoff} wait for input (or end of input) without losing the bytes it had to read to
 * find out.
 */
final class InputStreamDescriptor extends StreamDescriptor {
    private final InputStream in;
    /** Flushed before every read, so prompts written to stdout appear before the guest blocks on input. */
    private final OutputStreamDescriptor flushBeforeRead;

    private final byte[] lookahead = new byte[8192];
    private int lookaheadPos;
    private int lookaheadLen;
    /** Set when a poll saw end of input; the next read reports it (0 bytes) and clears it. */
    private boolean eofSeen;

    InputStreamDescriptor(InputStream in, byte filetype, OutputStreamDescriptor flushBeforeRead) {
        super(Rights.STDIN, filetype);
        this.in = in;
        this.flushBeforeRead = flushBeforeRead;
    }

    @Override
    long read(WasiContext ctx, byte[] m, int iovs, int iovsLen) throws IOException {
        if (flushBeforeRead != null) {
            flushBeforeRead.flush();
        }
        long total = 0;
        for (int i = 0; i < iovsLen; i++) {
            int buf = GuestMemory.iovBuf(m, iovs, i);
            int len = GuestMemory.iovLen(m, iovs, i);
            if (len == 0) {
                continue;
            }
            int n;
            if (lookaheadPos < lookaheadLen) {
                n = Math.min(len, lookaheadLen - lookaheadPos);
                System.arraycopy(lookahead, lookaheadPos, m, buf, n);
                lookaheadPos += n;
            } else if (eofSeen) {
                eofSeen = total > 0; // keep reporting it to the next read if this one returns data
                break;
            } else {
                // Only block for the first bytes; later iovecs take what is already there.
                if (total > 0 && in.available() <= 0) {
                    break;
                }
                if (total == 0 && (fdflags & Abi.FDFLAGS_NONBLOCK) != 0 && in.available() <= 0) {
                    throw WasiException.of(Errno.EAGAIN);
                }
                n = in.read(m, buf, len);
                if (n <= 0) {
                    break;
                }
            }
            total += n;
            if (n < len) {
                break;
            }
        }
        return total;
    }

    /** Bytes readable without blocking, or -1 when end of input was seen; 0 means "not ready". */
    long readyBytes() throws IOException {
        if (lookaheadPos < lookaheadLen) {
            return lookaheadLen - lookaheadPos;
        }
        if (eofSeen) {
            return -1;
        }
        return Math.max(0, in.available());
    }

    /** Blocks until input or end of input arrives (used by poll_oneoff with no timeout). */
    void awaitInput() throws IOException {
        if (lookaheadPos < lookaheadLen || eofSeen) {
            return;
        }
        if (flushBeforeRead != null) {
            flushBeforeRead.flush();
        }
        int n = in.read(lookahead, 0, lookahead.length);
        if (n < 0) {
            eofSeen = true;
        } else {
            lookaheadPos = 0;
            lookaheadLen = n;
        }
    }
}
