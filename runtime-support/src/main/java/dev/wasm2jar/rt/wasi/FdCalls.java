package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code fd_*} functions. Each returns an errno or throws what {@link Errno#of} translates. */
final class FdCalls {
    private FdCalls() {}

    static int read(WasiContext ctx, int fd, int iovs, int iovsLen, int nreadPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, nreadPtr, 4);
        GuestMemory.checkIovecs(m, iovs, iovsLen);
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_READ);
        long n = d.read(ctx, m, iovs, iovsLen);
        GuestMemory.putI32(m, nreadPtr, (int) n);
        return Errno.SUCCESS;
    }

    static int write(WasiContext ctx, int fd, int iovs, int iovsLen, int nwrittenPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, nwrittenPtr, 4);
        GuestMemory.checkIovecs(m, iovs, iovsLen);
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_WRITE);
        long n = d.write(ctx, m, iovs, iovsLen);
        GuestMemory.putI32(m, nwrittenPtr, (int) n);
        return Errno.SUCCESS;
    }

    static int pread(WasiContext ctx, int fd, int iovs, int iovsLen, long offset, int nreadPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, nreadPtr, 4);
        GuestMemory.checkIovecs(m, iovs, iovsLen);
        Descriptor d = ctx.fds.get(fd);
        if (d.isStream()) {
            return Errno.ESPIPE;
        }
        d.require(Rights.FD_READ | Rights.FD_SEEK);
        if (offset < 0) {
            return Errno.EINVAL;
        }
        long n = d.pread(ctx, m, iovs, iovsLen, offset);
        GuestMemory.putI32(m, nreadPtr, (int) n);
        return Errno.SUCCESS;
    }

    static int pwrite(WasiContext ctx, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, nwrittenPtr, 4);
        GuestMemory.checkIovecs(m, iovs, iovsLen);
        Descriptor d = ctx.fds.get(fd);
        if (d.isStream()) {
            return Errno.ESPIPE;
        }
        d.require(Rights.FD_WRITE | Rights.FD_SEEK);
        if (offset < 0) {
            return Errno.EINVAL;
        }
        long n = d.pwrite(ctx, m, iovs, iovsLen, offset);
        GuestMemory.putI32(m, nwrittenPtr, (int) n);
        return Errno.SUCCESS;
    }

    static int seek(WasiContext ctx, int fd, long offset, int whence, int newOffsetPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, newOffsetPtr, 8);
        Descriptor d = ctx.fds.get(fd);
        if (d.isStream()) {
            return Errno.ESPIPE;
        }
        // rights::fd_seek implies fd_tell; fd_tell alone allows asking for the current offset.
        if (!(offset == 0 && whence == Abi.WHENCE_CUR && (d.rightsBase & Rights.FD_TELL) != 0)) {
            d.require(Rights.FD_SEEK);
        }
        if (whence < Abi.WHENCE_SET || whence > Abi.WHENCE_END) {
            return Errno.EINVAL;
        }
        long pos = d.seek(offset, whence);
        GuestMemory.putI64(m, newOffsetPtr, pos);
        return Errno.SUCCESS;
    }

    static int tell(WasiContext ctx, int fd, int offsetPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, offsetPtr, 8);
        Descriptor d = ctx.fds.get(fd);
        if (d.isStream()) {
            return Errno.ESPIPE;
        }
        if ((d.rightsBase & (Rights.FD_TELL | Rights.FD_SEEK)) == 0) {
            return Errno.ENOTCAPABLE;
        }
        GuestMemory.putI64(m, offsetPtr, d.tell());
        return Errno.SUCCESS;
    }

    static int close(WasiContext ctx, int fd) throws IOException {
        Descriptor d = ctx.fds.remove(fd);
        d.close();
        return Errno.SUCCESS;
    }

    static int renumber(WasiContext ctx, int from, int to) throws IOException {
        Descriptor d = ctx.fds.get(from);
        Descriptor old = ctx.fds.get(to);
        if (from == to) {
            return Errno.SUCCESS;
        }
        ctx.fds.remove(from);
        ctx.fds.put(to, d);
        old.close();
        return Errno.SUCCESS;
    }

    static int datasync(WasiContext ctx, int fd) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_DATASYNC);
        d.sync(false);
        return Errno.SUCCESS;
    }

    static int sync(WasiContext ctx, int fd) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_SYNC);
        d.sync(true);
        return Errno.SUCCESS;
    }

    static int advise(WasiContext ctx, int fd, long offset, long len, int advice) {
        Descriptor d = ctx.fds.get(fd);
        if (d.isStream()) {
            return Errno.ESPIPE;
        }
        d.require(Rights.FD_ADVISE);
        if (advice < 0 || advice > Abi.ADVICE_MAX || offset < 0 || len < 0) {
            return Errno.EINVAL;
        }
        return Errno.SUCCESS; // advisory only; the JVM offers no posix_fadvise
    }

    static int allocate(WasiContext ctx, int fd, long offset, long len) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        if (d.isStream()) {
            return Errno.ESPIPE;
        }
        d.require(Rights.FD_ALLOCATE);
        d.allocate(offset, len);
        return Errno.SUCCESS;
    }

    static int fdstatGet(WasiContext ctx, int fd, int bufPtr) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, bufPtr, Abi.FDSTAT_SIZE);
        Descriptor d = ctx.fds.get(fd);
        java.util.Arrays.fill(m, bufPtr, bufPtr + Abi.FDSTAT_SIZE, (byte) 0);
        GuestMemory.putU8(m, bufPtr, d.filetype());
        GuestMemory.putU16(m, bufPtr + 2, d.fdflags);
        GuestMemory.putI64(m, bufPtr + 8, d.rightsBase);
        GuestMemory.putI64(m, bufPtr + 16, d.rightsInheriting);
        return Errno.SUCCESS;
    }

    static int fdstatSetFlags(WasiContext ctx, int fd, int flags) {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FDSTAT_SET_FLAGS);
        if ((flags & ~Abi.FDFLAGS_ALL) != 0) {
            return Errno.EINVAL;
        }
        d.setFdflags(flags);
        return Errno.SUCCESS;
    }

    /** Rights can only be dropped, never gained. */
    static int fdstatSetRights(WasiContext ctx, int fd, long base, long inheriting) {
        Descriptor d = ctx.fds.get(fd);
        if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
            return Errno.ENOTCAPABLE;
        }
        d.rightsBase = base;
        d.rightsInheriting = inheriting;
        return Errno.SUCCESS;
    }

    static int filestatGet(WasiContext ctx, int fd, int bufPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, bufPtr, Abi.FILESTAT_SIZE);
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FILESTAT_GET);
        d.writeFilestat(m, bufPtr);
        return Errno.SUCCESS;
    }

    static int filestatSetSize(WasiContext ctx, int fd, long size) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_SIZE);
        d.setSize(size);
        return Errno.SUCCESS;
    }

    static int filestatSetTimes(WasiContext ctx, int fd, long atim, long mtim, int fstFlags) throws IOException {
        Descriptor d = ctx.fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        FileTime[] times = times(atim, mtim, fstFlags);
        d.setTimes(times[0], times[1]);
        return Errno.SUCCESS;
    }

    /**
     * Decodes {@code fstflags} into (atime, mtime), null meaning "leave unchanged". Asking for both a
     * given time and "now" for the same field is EINVAL, as is any unknown flag.
     */
    static FileTime[] times(long atim, long mtim, int fstFlags) {
        if ((fstFlags & ~15) != 0
                || (fstFlags & (Abi.FSTFLAGS_ATIM | Abi.FSTFLAGS_ATIM_NOW)) == (Abi.FSTFLAGS_ATIM | Abi.FSTFLAGS_ATIM_NOW)
                || (fstFlags & (Abi.FSTFLAGS_MTIM | Abi.FSTFLAGS_MTIM_NOW)) == (Abi.FSTFLAGS_MTIM | Abi.FSTFLAGS_MTIM_NOW)) {
            throw WasiException.INVAL;
        }
        FileTime now = (fstFlags & (Abi.FSTFLAGS_ATIM_NOW | Abi.FSTFLAGS_MTIM_NOW)) != 0 ? FileTime.from(Instant.now()) : null;
        FileTime a = null;
        FileTime mt = null;
        if ((fstFlags & Abi.FSTFLAGS_ATIM) != 0) a = FileTime.from(atim, TimeUnit.NANOSECONDS);
        if ((fstFlags & Abi.FSTFLAGS_ATIM_NOW) != 0) a = now;
        if ((fstFlags & Abi.FSTFLAGS_MTIM) != 0) mt = FileTime.from(mtim, TimeUnit.NANOSECONDS);
        if ((fstFlags & Abi.FSTFLAGS_MTIM_NOW) != 0) mt = now;
        return new FileTime[] {a, mt};
    }

    static int prestatGet(WasiContext ctx, int fd, int bufPtr) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, bufPtr, Abi.PRESTAT_SIZE);
        if (!(ctx.fds.get(fd) instanceof DirectoryDescriptor dir) || dir.preopenName == null) {
            return Errno.EBADF;
        }
        GuestMemory.putI32(m, bufPtr, Abi.PREOPENTYPE_DIR);
        GuestMemory.putI32(m, bufPtr + 4, dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
        return Errno.SUCCESS;
    }

    static int prestatDirName(WasiContext ctx, int fd, int pathPtr, int pathLen) {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, pathPtr, pathLen);
        if (!(ctx.fds.get(fd) instanceof DirectoryDescriptor dir) || dir.preopenName == null) {
            return Errno.EBADF;
        }
        byte[] name = dir.preopenName.getBytes(StandardCharsets.UTF_8);
        if (Integer.toUnsignedLong(pathLen) < name.length) {
            return Errno.ENAMETOOLONG;
        }
        GuestMemory.write(m, pathPtr, name, 0, name.length);
        return Errno.SUCCESS;
    }

    /**
     * Fills the buffer with dirents from {@code cookie} on; the last one may be cut short, and a
     * completely filled buffer tells the guest to call again (that is how wasi-libc reads directories).
     */
    static int readdir(WasiContext ctx, int fd, int buf, int bufLen, long cookie, int bufusedPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, buf, bufLen);
        GuestMemory.check(m, bufusedPtr, 4);
        Descriptor d = ctx.fds.get(fd);
        if (!(d instanceof DirectoryDescriptor dir)) {
            d.require(Rights.FD_READDIR);
            return Errno.ENOTDIR;
        }
        dir.require(Rights.FD_READDIR);
        List<DirectoryDescriptor.Entry> entries = dir.listing(cookie);
        int used = 0;
        byte[] header = new byte[Abi.DIRENT_SIZE];
        for (long i = cookie; i >= 0 && i < entries.size() && used < bufLen; i++) {
            DirectoryDescriptor.Entry e = entries.get((int) i);
            java.util.Arrays.fill(header, (byte) 0);
            GuestMemory.putI64(header, 0, i + 1);
            GuestMemory.putI64(header, 8, e.ino);
            GuestMemory.putI32(header, 16, e.name.length);
            GuestMemory.putU8(header, 20, e.type);
            int n = Math.min(Abi.DIRENT_SIZE, bufLen - used);
            System.arraycopy(header, 0, m, buf + used, n);
            used += n;
            n = Math.min(e.name.length, bufLen - used);
            System.arraycopy(e.name, 0, m, buf + used, n);
            used += n;
        }
        GuestMemory.putI32(m, bufusedPtr, used);
        return Errno.SUCCESS;
    }
}
