package dev.wasm2jar.rt.wasi;

import java.io.IOException;

/**
 * One entry of the guest's file descriptor table: what it refers to, the rights it carries and its
 * {@code fdflags}. The I/O methods default to the errno POSIX gives for a descriptor of the wrong kind;
 * subclasses override what they support.
 */
abstract class Descriptor {
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    /** Fails with ENOTCAPABLE unless every right in {@code rights} is held. */
    final void require(long rights) {
        if ((rightsBase & rights) != rights) {
            throw WasiException.NOTCAPABLE;
        }
    }

    abstract byte filetype();

    /** Streams (stdin/stdout/stderr) cannot seek: seek, tell, pread, pwrite, advise, allocate give ESPIPE. */
    boolean isStream() {
        return false;
    }

    /** Reads into the (already validated) iovecs; returns the byte count, 0 at end of file. */
    long read(WasiContext ctx, byte[] m, int iovs, int iovsLen) throws IOException {
        throw WasiException.BADF;
    }

    long write(WasiContext ctx, byte[] m, int iovs, int iovsLen) throws IOException {
        throw WasiException.BADF;
    }

    long pread(WasiContext ctx, byte[] m, int iovs, int iovsLen, long offset) throws IOException {
        throw WasiException.of(isStream() ? Errno.ESPIPE : Errno.EBADF);
    }

    long pwrite(WasiContext ctx, byte[] m, int iovs, int iovsLen, long offset) throws IOException {
        throw WasiException.of(isStream() ? Errno.ESPIPE : Errno.EBADF);
    }

    /** Moves the file offset; returns the new offset. */
    long seek(long offset, int whence) throws IOException {
        throw WasiException.of(isStream() ? Errno.ESPIPE : Errno.EBADF);
    }

    long tell() throws IOException {
        throw WasiException.of(isStream() ? Errno.ESPIPE : Errno.EBADF);
    }

    void sync(boolean metadata) throws IOException {
    }

    void setSize(long size) throws IOException {
        throw WasiException.of(Errno.EINVAL);
    }

    void allocate(long offset, long len) throws IOException {
        throw WasiException.of(isStream() ? Errno.ESPIPE : Errno.EBADF);
    }

    /** Writes a 64-byte {@code filestat} at {@code ptr} (already validated). */
    abstract void writeFilestat(byte[] m, int ptr) throws IOException;

    /** Sets access/modification times; {@code null} leaves a time unchanged. */
    void setTimes(java.nio.file.attribute.FileTime atime, java.nio.file.attribute.FileTime mtime) throws IOException {
        throw WasiException.of(Errno.ENOTSUP);
    }

    /** Changes {@code fdflags}; each kind decides which flags can change after open. */
    void setFdflags(int flags) {
        this.fdflags = flags;
    }

    /**
     * For files and streams: Java fixes DSYNC/RSYNC/SYNC when a channel is opened (and streams have none),
     * so only APPEND and NONBLOCK can change later.
     */
    final void setFdflagsKeepingSync(int flags) {
        if (((flags ^ fdflags) & (Abi.FDFLAGS_DSYNC | Abi.FDFLAGS_RSYNC | Abi.FDFLAGS_SYNC)) != 0) {
            throw WasiException.of(Errno.ENOTSUP);
        }
        fdflags = flags;
    }

    /** Releases host resources. Streams are only flushed: the embedder owns them. */
    void close() throws IOException {
    }
}
