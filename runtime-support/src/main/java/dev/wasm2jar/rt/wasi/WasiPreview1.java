package dev.wasm2jar.rt.wasi;

/**
 * The {@code wasi_snapshot_preview1} functions, one {@code public static} method per import, named exactly
 * like the import. Parameters are the Wasm parameters in order (i32 as {@code int}, i64 as {@code long})
 * followed by the {@link WasiContext}; each returns an {@link Errno} value, except {@code proc_exit}, which
 * throws {@link dev.wasm2jar.rt.ProcExit}. Compiled modules call these directly.
 *
 * <p>No Java exception escapes to the guest: a bad guest pointer is EFAULT, host I/O failures become the
 * matching errno (EIO when nothing matches). Only {@link Error}s such as stack overflow propagate, so they
 * can still become traps.
 */
public final class WasiPreview1 {
    private WasiPreview1() {}

    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    /** Writes argv pointers to {@code argv} and the NUL-terminated strings to {@code argvBuf}. */
    public static int args_get(int argv, int argvBuf, WasiContext ctx) {
        try {
            return ProcessCalls.stringsGet(ctx, ctx.args, argv, argvBuf);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes argc and the size of the argument string data. */
    public static int args_sizes_get(int argcPtr, int argvBufSizePtr, WasiContext ctx) {
        try {
            return ProcessCalls.sizesGet(ctx, ctx.args, argcPtr, argvBufSizePtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes the {@code NAME=value} pointers and strings. */
    public static int environ_get(int environ, int environBuf, WasiContext ctx) {
        try {
            return ProcessCalls.stringsGet(ctx, ctx.env, environ, environBuf);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes the variable count and the size of the environment string data. */
    public static int environ_sizes_get(int countPtr, int bufSizePtr, WasiContext ctx) {
        try {
            return ProcessCalls.sizesGet(ctx, ctx.env, countPtr, bufSizePtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Clock resolution in nanoseconds; EINVAL for an unknown clock. */
    public static int clock_res_get(int id, int resolutionPtr, WasiContext ctx) {
        try {
            return ProcessCalls.clockResGet(ctx, id, resolutionPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Realtime, monotonic, process and thread CPU time in nanoseconds. */
    public static int clock_time_get(int id, long precision, int timePtr, WasiContext ctx) {
        try {
            return ProcessCalls.clockTimeGet(ctx, id, precision, timePtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Validated and otherwise ignored (the JVM has no posix_fadvise). */
    public static int fd_advise(int fd, long offset, long len, int advice, WasiContext ctx) {
        try {
            return FdCalls.advise(ctx, fd, offset, len, advice);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Extends the file to at least {@code offset + len} bytes. */
    public static int fd_allocate(int fd, long offset, long len, WasiContext ctx) {
        try {
            return FdCalls.allocate(ctx, fd, offset, len);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Closes the descriptor; its number becomes free for reuse. */
    public static int fd_close(int fd, WasiContext ctx) {
        try {
            return FdCalls.close(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** {@code FileChannel.force(false)}; flushes a stream. */
    public static int fd_datasync(int fd, WasiContext ctx) {
        try {
            return FdCalls.datasync(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes the 24-byte {@code fdstat}. */
    public static int fd_fdstat_get(int fd, int bufPtr, WasiContext ctx) {
        try {
            return FdCalls.fdstatGet(ctx, fd, bufPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** APPEND and NONBLOCK can change; changing DSYNC/RSYNC/SYNC after open is ENOTSUP. */
    public static int fd_fdstat_set_flags(int fd, int flags, WasiContext ctx) {
        try {
            return FdCalls.fdstatSetFlags(ctx, fd, flags);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Drops rights; asking for rights not held is ENOTCAPABLE. */
    public static int fd_fdstat_set_rights(int fd, long fsRightsBase, long fsRightsInheriting, WasiContext ctx) {
        try {
            return FdCalls.fdstatSetRights(ctx, fd, fsRightsBase, fsRightsInheriting);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes the 64-byte {@code filestat}. */
    public static int fd_filestat_get(int fd, int bufPtr, WasiContext ctx) {
        try {
            return FdCalls.filestatGet(ctx, fd, bufPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Truncates or zero-extends (ftruncate). */
    public static int fd_filestat_set_size(int fd, long size, WasiContext ctx) {
        try {
            return FdCalls.filestatSetSize(ctx, fd, size);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Sets access and/or modification time. */
    public static int fd_filestat_set_times(int fd, long atim, long mtim, int fstFlags, WasiContext ctx) {
        try {
            return FdCalls.filestatSetTimes(ctx, fd, atim, mtim, fstFlags);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Reads at an offset without moving the file offset. */
    public static int fd_pread(int fd, int iovs, int iovsLen, long offset, int nreadPtr, WasiContext ctx) {
        try {
            return FdCalls.pread(ctx, fd, iovs, iovsLen, offset, nreadPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Describes a preopened directory; EBADF for any other descriptor. */
    public static int fd_prestat_get(int fd, int bufPtr, WasiContext ctx) {
        try {
            return FdCalls.prestatGet(ctx, fd, bufPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes a preopen's guest path (no NUL); ENAMETOOLONG if the buffer is too small. */
    public static int fd_prestat_dir_name(int fd, int path, int pathLen, WasiContext ctx) {
        try {
            return FdCalls.prestatDirName(ctx, fd, path, pathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Writes at an offset without moving the file offset. */
    public static int fd_pwrite(int fd, int iovs, int iovsLen, long offset, int nwrittenPtr, WasiContext ctx) {
        try {
            return FdCalls.pwrite(ctx, fd, iovs, iovsLen, offset, nwrittenPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Scatter read into the iovecs. */
    public static int fd_read(int fd, int iovs, int iovsLen, int nreadPtr, WasiContext ctx) {
        try {
            return FdCalls.read(ctx, fd, iovs, iovsLen, nreadPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Directory entries from {@code cookie} on: ".", "..", then names sorted. */
    public static int fd_readdir(int fd, int buf, int bufLen, long cookie, int bufusedPtr, WasiContext ctx) {
        try {
            return FdCalls.readdir(ctx, fd, buf, bufLen, cookie, bufusedPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Moves {@code fd} to {@code to}, closing what {@code to} held; both must be open. */
    public static int fd_renumber(int fd, int to, WasiContext ctx) {
        try {
            return FdCalls.renumber(ctx, fd, to);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Moves the file offset; ESPIPE on streams. */
    public static int fd_seek(int fd, long offset, int whence, int newOffsetPtr, WasiContext ctx) {
        try {
            return FdCalls.seek(ctx, fd, offset, whence, newOffsetPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** {@code FileChannel.force(true)}; flushes a stream. */
    public static int fd_sync(int fd, WasiContext ctx) {
        try {
            return FdCalls.sync(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** The current file offset; ESPIPE on streams. */
    public static int fd_tell(int fd, int offsetPtr, WasiContext ctx) {
        try {
            return FdCalls.tell(ctx, fd, offsetPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Gather write from the ciovecs. */
    public static int fd_write(int fd, int iovs, int iovsLen, int nwrittenPtr, WasiContext ctx) {
        try {
            return FdCalls.write(ctx, fd, iovs, iovsLen, nwrittenPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** mkdir. */
    public static int path_create_directory(int fd, int path, int pathLen, WasiContext ctx) {
        try {
            return PathCalls.createDirectory(ctx, fd, path, pathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** stat / lstat (by {@code LOOKUPFLAGS_SYMLINK_FOLLOW}). */
    public static int path_filestat_get(int fd, int flags, int path, int pathLen, int bufPtr, WasiContext ctx) {
        try {
            return PathCalls.filestatGet(ctx, fd, flags, path, pathLen, bufPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** utimensat. */
    public static int path_filestat_set_times(int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags, WasiContext ctx) {
        try {
            return PathCalls.filestatSetTimes(ctx, fd, flags, path, pathLen, atim, mtim, fstFlags);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Hard link; both paths stay inside their own descriptors' sandboxes. */
    public static int path_link(int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen, WasiContext ctx) {
        try {
            return PathCalls.link(ctx, oldFd, oldFlags, oldPath, oldPathLen, newFd, newPath, newPathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Opens (and with CREAT creates) a file or directory; the new descriptor takes the lowest free number. */
    public static int path_open(int fd, int dirflags, int path, int pathLen, int oflags, long fsRightsBase, long fsRightsInheriting, int fdflags, int openedFdPtr, WasiContext ctx) {
        try {
            return PathCalls.open(ctx, fd, dirflags, path, pathLen, oflags, fsRightsBase, fsRightsInheriting, fdflags, openedFdPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Symlink contents, truncated to the buffer; EINVAL if not a symlink. */
    public static int path_readlink(int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr, WasiContext ctx) {
        try {
            return PathCalls.readlink(ctx, fd, path, pathLen, buf, bufLen, bufusedPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** rmdir. */
    public static int path_remove_directory(int fd, int path, int pathLen, WasiContext ctx) {
        try {
            return PathCalls.removeDirectory(ctx, fd, path, pathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** rename(2) semantics, both ends inside their own sandboxes. */
    public static int path_rename(int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen, WasiContext ctx) {
        try {
            return PathCalls.rename(ctx, fd, oldPath, oldPathLen, newFd, newPath, newPathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Creates a symlink; targets leaving the sandbox are ENOTCAPABLE. */
    public static int path_symlink(int oldPath, int oldPathLen, int fd, int newPath, int newPathLen, WasiContext ctx) {
        try {
            return PathCalls.symlink(ctx, oldPath, oldPathLen, fd, newPath, newPathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** unlink; EISDIR for a directory. */
    public static int path_unlink_file(int fd, int path, int pathLen, WasiContext ctx) {
        try {
            return PathCalls.unlinkFile(ctx, fd, path, pathLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Waits for clock deadlines and fd readiness. */
    public static int poll_oneoff(int in, int out, int nsubscriptions, int neventsPtr, WasiContext ctx) {
        try {
            return PollCalls.pollOneoff(ctx, in, out, nsubscriptions, neventsPtr);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** Flushes stdout/stderr and ends the guest with exit code {@code rval}. */
    public static void proc_exit(int rval, WasiContext ctx) {
        ProcessCalls.procExit(ctx, rval);
    }

    /** Not supported (ENOSYS). */
    public static int proc_raise(int sig, WasiContext ctx) {
        try {
            return ProcessCalls.procRaise(sig);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** {@link Thread#yield()}. */
    public static int sched_yield(WasiContext ctx) {
        Thread.yield();
        return Errno.SUCCESS;
    }

    /** Fills the buffer from the context's random source (SecureRandom by default). */
    public static int random_get(int buf, int bufLen, WasiContext ctx) {
        try {
            return ProcessCalls.randomGet(ctx, buf, bufLen);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** No sockets: EBADF or ENOTSUP. */
    public static int sock_accept(int fd, int flags, int resultFdPtr, WasiContext ctx) {
        try {
            return ProcessCalls.socket(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** No sockets: EBADF or ENOTSUP. */
    public static int sock_recv(int fd, int riData, int riDataLen, int riFlags, int roDatalenPtr, int roFlagsPtr, WasiContext ctx) {
        try {
            return ProcessCalls.socket(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** No sockets: EBADF or ENOTSUP. */
    public static int sock_send(int fd, int siData, int siDataLen, int siFlags, int soDatalenPtr, WasiContext ctx) {
        try {
            return ProcessCalls.socket(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

    /** No sockets: EBADF or ENOTSUP. */
    public static int sock_shutdown(int fd, int how, WasiContext ctx) {
        try {
            return ProcessCalls.socket(ctx, fd);
        } catch (Exception e) {
            return Errno.of(e);
        }
    }

}
