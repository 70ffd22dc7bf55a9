package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * An open file (anything that is not a directory) backed by a {@link FileChannel}. The channel keeps the
 * file offset. {@code APPEND} is applied here per write rather than by the channel, so
 * {@code fd_fdstat_set_flags} can switch it on and off as POSIX {@code fcntl} can.
 */
final class RegularFileDescriptor extends Descriptor {
    final FileChannel channel;
    /** The host path the file was opened at; used for metadata, which FileChannel cannot give. */
    final Path path;
    private final byte filetype;

    RegularFileDescriptor(FileChannel channel, Path path, byte filetype, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.path = path;
        this.filetype = filetype;
    }

    @Override
    byte filetype() {
        return filetype;
    }

    @Override
    long read(WasiContext ctx, byte[] m, int iovs, int iovsLen) throws IOException {
        return readAt(ctx, m, iovs, iovsLen, -1);
    }

    @Override
    long write(WasiContext ctx, byte[] m, int iovs, int iovsLen) throws IOException {
        if ((fdflags & Abi.FDFLAGS_APPEND) != 0) {
            channel.position(channel.size());
        }
        return writeAt(ctx, m, iovs, iovsLen, -1);
    }

    @Override
    long pread(WasiContext ctx, byte[] m, int iovs, int iovsLen, long offset) throws IOException {
        return readAt(ctx, m, iovs, iovsLen, offset);
    }

    @Override
    long pwrite(WasiContext ctx, byte[] m, int iovs, int iovsLen, long offset) throws IOException {
        return writeAt(ctx, m, iovs, iovsLen, offset);
    }

    /** Reads into the iovecs at {@code offset}, or at (and advancing) the file offset when it is -1. */
    private long readAt(WasiContext ctx, byte[] m, int iovs, int iovsLen, long offset) throws IOException {
        long total = 0;
        for (int i = 0; i < iovsLen; i++) {
            int len = GuestMemory.iovLen(m, iovs, i);
            if (len == 0) {
                continue;
            }
            ByteBuffer b = ctx.region(m, GuestMemory.iovBuf(m, iovs, i), len);
            int n = offset < 0 ? channel.read(b) : channel.read(b, offset + total);
            if (n <= 0) {
                break;
            }
            total += n;
            if (n < len) {
                break;
            }
        }
        return total;
    }

    /** Writes the iovecs at {@code offset}, or at (and advancing) the file offset when it is -1. */
    private long writeAt(WasiContext ctx, byte[] m, int iovs, int iovsLen, long offset) throws IOException {
        long total = 0;
        for (int i = 0; i < iovsLen; i++) {
            int len = GuestMemory.iovLen(m, iovs, i);
            if (len == 0) {
                continue;
            }
            ByteBuffer b = ctx.region(m, GuestMemory.iovBuf(m, iovs, i), len);
            while (b.hasRemaining()) {
                total += offset < 0 ? channel.write(b) : channel.write(b, offset + total);
            }
        }
        return total;
    }

    @Override
    long seek(long offset, int whence) throws IOException {
        long base;
        switch (whence) {
            case Abi.WHENCE_SET: base = 0; break;
            case Abi.WHENCE_CUR: base = channel.position(); break;
            case Abi.WHENCE_END: base = channel.size(); break;
            default: throw WasiException.INVAL;
        }
        long target = base + offset;
        if (((base ^ target) & (offset ^ target)) < 0 || target < 0) {
            throw WasiException.INVAL; // overflow or before the start of the file
        }
        channel.position(target);
        return target;
    }

    @Override
    long tell() throws IOException {
        return channel.position();
    }

    @Override
    void sync(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    /** POSIX ftruncate: shrinks or zero-extends, and unlike FileChannel.truncate keeps the offset. */
    @Override
    void setSize(long size) throws IOException {
        if (size < 0) {
            throw WasiException.INVAL;
        }
        long current = channel.size();
        if (size < current) {
            long pos = channel.position();
            channel.truncate(size);
            channel.position(pos);
        } else if (size > current) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    /** posix_fallocate: makes sure the file is at least {@code offset + len} bytes long. */
    @Override
    void allocate(long offset, long len) throws IOException {
        if (offset < 0 || len <= 0) {
            throw WasiException.INVAL;
        }
        long end = offset + len;
        if (end < 0) {
            throw WasiException.of(Errno.EFBIG);
        }
        if (end > channel.size()) {
            channel.write(ByteBuffer.wrap(new byte[1]), end - 1);
        }
    }

    /**
     * Metadata comes from the path (FileChannel has no fstat); the size always from the channel. If the
     * file was unlinked since it was opened, only the type and size are known.
     */
    @Override
    void writeFilestat(byte[] m, int ptr) throws IOException {
        HostStat.Stat s;
        try {
            s = HostStat.lstat(path);
        } catch (NoSuchFileException e) {
            s = new HostStat.Stat();
            s.filetype = filetype;
        }
        s.size = channel.size();
        s.write(m, ptr);
    }

    @Override
    void setTimes(FileTime atime, FileTime mtime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, atime, null);
    }

    @Override
    void setFdflags(int flags) {
        setFdflagsKeepingSync(flags);
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}
