package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * stdout or stderr: writes go straight from guest memory to the embedder's {@link OutputStream}. stdout
 * is buffered for speed (flushed on proc_exit, fd_close, stdin reads, stderr writes and context close);
 * stderr flushes after every write.
 */
final class OutputStreamDescriptor extends StreamDescriptor {
    private final OutputStream out;
    private final boolean flushEveryWrite;
    /** stdout, when this is stderr: flushed first so the two streams interleave in program order. */
    private final OutputStreamDescriptor flushFirst;

    OutputStreamDescriptor(OutputStream out, boolean flushEveryWrite, byte filetype, OutputStreamDescriptor flushFirst) {
        super(Rights.STDOUT, filetype);
        this.out = out;
        this.flushEveryWrite = flushEveryWrite;
        this.flushFirst = flushFirst;
    }

    @Override
    long write(WasiContext ctx, byte[] m, int iovs, int iovsLen) throws IOException {
        if (flushFirst != null) {
            flushFirst.flush();
        }
        long total = 0;
        for (int i = 0; i < iovsLen; i++) {
            int len = GuestMemory.iovLen(m, iovs, i);
            if (len != 0) {
                out.write(m, GuestMemory.iovBuf(m, iovs, i), len);
                total += len;
            }
        }
        if (flushEveryWrite) {
            out.flush();
        }
        return total;
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    void sync(boolean metadata) throws IOException {
        out.flush();
    }

    @Override
    void close() throws IOException {
        out.flush();
    }
}
