package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.wasi.SandboxResolver.Final;
import dev.wasm2jar.rt.wasi.SandboxResolver.LastKind;
import dev.wasm2jar.rt.wasi.SandboxResolver.Resolved;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code path_*} functions. Every guest path goes through {@link SandboxResolver} relative to its
 * directory descriptor; operations on a directory entry itself (unlink, rmdir, rename, link, symlink,
 * readlink, no-follow stat) never follow a final symlink.
 */
final class PathCalls {
    private PathCalls() {}

    /** The directory descriptor {@code fd} holding {@code right}: EBADF if unused, ENOTDIR if not a directory. */
    static DirectoryDescriptor directory(WasiContext ctx, int fd, long right) {
        Descriptor d = ctx.fds.get(fd);
        if (!(d instanceof DirectoryDescriptor dir)) {
            throw WasiException.of(Errno.ENOTDIR);
        }
        dir.require(right);
        return dir;
    }

    /** Reads a guest path; it must be valid UTF-8 (EILSEQ otherwise). */
    static String guestString(byte[] m, int ptr, int len) {
        GuestMemory.check(m, ptr, len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(m, ptr, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WasiException.of(Errno.EILSEQ);
        }
    }

    private static Final lookup(int lookupflags) {
        return (lookupflags & Abi.LOOKUPFLAGS_SYMLINK_FOLLOW) != 0 ? Final.FOLLOW : Final.NOFOLLOW;
    }

    static int open(WasiContext ctx, int fd, int dirflags, int pathPtr, int pathLen, int oflags,
                    long rightsBase, long rightsInheriting, int fdflags, int openedFdPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, openedFdPtr, 4);
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_OPEN);
        if ((oflags & ~Abi.OFLAGS_ALL) != 0 || (fdflags & ~Abi.FDFLAGS_ALL) != 0) {
            return Errno.EINVAL;
        }
        boolean creat = (oflags & Abi.OFLAGS_CREAT) != 0;
        boolean excl = creat && (oflags & Abi.OFLAGS_EXCL) != 0;
        boolean trunc = (oflags & Abi.OFLAGS_TRUNC) != 0;
        boolean directory = (oflags & Abi.OFLAGS_DIRECTORY) != 0;
        if (creat) {
            dir.require(Rights.PATH_CREATE_FILE);
        }
        if (trunc) {
            dir.require(Rights.PATH_FILESTAT_SET_SIZE);
        }
        if ((rightsBase & ~dir.rightsInheriting) != 0 || (rightsInheriting & ~dir.rightsInheriting) != 0) {
            return Errno.ENOTCAPABLE;
        }

        // O_CREAT|O_EXCL never follows a final symlink (it must fail with EEXIST instead).
        Resolved r = SandboxResolver.resolve(dir, guestPath, excl ? Final.NOFOLLOW : lookup(dirflags));
        BasicFileAttributes attrs = HostStat.lstatOrNull(r.host);
        if (attrs != null && attrs.isSymbolicLink()) {
            // Only reachable without symlink following: POSIX O_NOFOLLOW gives ELOOP.
            return excl ? Errno.EEXIST : Errno.ELOOP;
        }
        if (attrs == null) {
            if (!creat) {
                return Errno.ENOENT;
            }
            if (directory) {
                return Errno.EINVAL;
            }
            if (r.trailingSlash) {
                return Errno.EISDIR;
            }
        } else if (attrs.isDirectory()) {
            if (excl) {
                return Errno.EEXIST;
            }
            if (creat || trunc || (rightsBase & Rights.FD_WRITE) != 0 || (fdflags & Abi.FDFLAGS_APPEND) != 0) {
                return Errno.EISDIR;
            }
            DirectoryDescriptor opened = new DirectoryDescriptor(r.host, null,
                    rightsBase & Rights.DIRECTORY_BASE, rightsInheriting);
            opened.fdflags = fdflags;
            GuestMemory.putI32(m, openedFdPtr, ctx.fds.insert(opened));
            return Errno.SUCCESS;
        } else {
            if (directory || r.trailingSlash) {
                return Errno.ENOTDIR;
            }
            if (excl) {
                return Errno.EEXIST;
            }
        }

        boolean read = (rightsBase & Rights.FD_READ) != 0;
        // Java creates and truncates only through a writable channel; the fd's rights still decide what
        // the guest may do with it.
        boolean write = (rightsBase & Rights.FD_WRITE) != 0 || trunc || attrs == null;
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (read || !write) options.add(StandardOpenOption.READ);
        if (write) options.add(StandardOpenOption.WRITE);
        if (creat) options.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if (trunc) options.add(StandardOpenOption.TRUNCATE_EXISTING);
        if ((fdflags & Abi.FDFLAGS_DSYNC) != 0) options.add(StandardOpenOption.DSYNC);
        if ((fdflags & (Abi.FDFLAGS_SYNC | Abi.FDFLAGS_RSYNC)) != 0) options.add(StandardOpenOption.SYNC);
        FileChannel ch = FileChannel.open(r.host, options);
        byte type = attrs == null ? Abi.FILETYPE_REGULAR_FILE : HostStat.filetypeOf(r.host);
        RegularFileDescriptor opened = new RegularFileDescriptor(ch, r.host, type,
                rightsBase & Rights.REGULAR_FILE_BASE, rightsInheriting & Rights.REGULAR_FILE_BASE, fdflags);
        int newFd;
        try {
            newFd = ctx.fds.insert(opened);
        } catch (WasiException e) {
            ch.close();
            throw e;
        }
        GuestMemory.putI32(m, openedFdPtr, newFd);
        return Errno.SUCCESS;
    }

    static int createDirectory(WasiContext ctx, int fd, int pathPtr, int pathLen) throws IOException {
        byte[] m = ctx.bytes();
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_CREATE_DIRECTORY);
        Resolved r = SandboxResolver.resolve(dir, guestPath, Final.ENTRY);
        if (r.lastKind != LastKind.NAME) {
            return Errno.EEXIST;
        }
        Files.createDirectory(r.host);
        return Errno.SUCCESS;
    }

    static int filestatGet(WasiContext ctx, int fd, int flags, int pathPtr, int pathLen, int bufPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, bufPtr, Abi.FILESTAT_SIZE);
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_FILESTAT_GET);
        Resolved r = SandboxResolver.resolve(dir, guestPath, lookup(flags));
        HostStat.Stat s = HostStat.lstat(r.host);
        if (r.trailingSlash && s.filetype != Abi.FILETYPE_DIRECTORY) {
            return Errno.ENOTDIR;
        }
        s.write(m, bufPtr);
        return Errno.SUCCESS;
    }

    static int filestatSetTimes(WasiContext ctx, int fd, int flags, int pathPtr, int pathLen,
                                long atim, long mtim, int fstFlags) throws IOException {
        byte[] m = ctx.bytes();
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_FILESTAT_SET_TIMES);
        FileTime[] times = FdCalls.times(atim, mtim, fstFlags);
        Resolved r = SandboxResolver.resolve(dir, guestPath, lookup(flags));
        if (HostStat.lstatOrNull(r.host) == null) {
            return Errno.ENOENT;
        }
        Files.getFileAttributeView(r.host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(times[1], times[0], null);
        return Errno.SUCCESS;
    }

    static int link(WasiContext ctx, int oldFd, int oldFlags, int oldPathPtr, int oldPathLen,
                    int newFd, int newPathPtr, int newPathLen) throws IOException {
        byte[] m = ctx.bytes();
        String oldPath = guestString(m, oldPathPtr, oldPathLen);
        String newPath = guestString(m, newPathPtr, newPathLen);
        DirectoryDescriptor oldDir = directory(ctx, oldFd, Rights.PATH_LINK_SOURCE);
        DirectoryDescriptor newDir = directory(ctx, newFd, Rights.PATH_LINK_TARGET);
        Resolved src = SandboxResolver.resolve(oldDir, oldPath, lookup(oldFlags));
        Resolved dst = SandboxResolver.resolve(newDir, newPath, Final.ENTRY);
        BasicFileAttributes srcAttrs = HostStat.lstatOrNull(src.host);
        if (srcAttrs == null) {
            return Errno.ENOENT;
        }
        if (srcAttrs.isDirectory()) {
            return Errno.EPERM; // link(2) on a directory
        }
        if (src.trailingSlash) {
            return Errno.ENOTDIR;
        }
        if (dst.lastKind != LastKind.NAME || HostStat.lstatOrNull(dst.host) != null) {
            return Errno.EEXIST;
        }
        if (dst.trailingSlash) {
            return Errno.ENOENT;
        }
        Files.createLink(dst.host, src.host);
        return Errno.SUCCESS;
    }

    static int readlink(WasiContext ctx, int fd, int pathPtr, int pathLen, int buf, int bufLen, int bufusedPtr) throws IOException {
        byte[] m = ctx.bytes();
        GuestMemory.check(m, buf, bufLen);
        GuestMemory.check(m, bufusedPtr, 4);
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_READLINK);
        Resolved r = SandboxResolver.resolve(dir, guestPath, Final.ENTRY);
        BasicFileAttributes attrs = HostStat.lstatOrNull(r.host);
        if (attrs == null) {
            return Errno.ENOENT;
        }
        if (!attrs.isSymbolicLink()) {
            return Errno.EINVAL;
        }
        byte[] target = Files.readSymbolicLink(r.host).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
        GuestMemory.write(m, buf, target, 0, n);
        GuestMemory.putI32(m, bufusedPtr, n);
        return Errno.SUCCESS;
    }

    static int removeDirectory(WasiContext ctx, int fd, int pathPtr, int pathLen) throws IOException {
        byte[] m = ctx.bytes();
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_REMOVE_DIRECTORY);
        Resolved r = SandboxResolver.resolve(dir, guestPath, Final.ENTRY);
        if (r.lastKind == LastKind.DOT) {
            return Errno.EINVAL; // rmdir(".")
        }
        if (r.lastKind == LastKind.DOTDOT || r.isRoot()) {
            return Errno.ENOTEMPTY; // rmdir(".."), as Linux answers
        }
        BasicFileAttributes attrs = HostStat.lstatOrNull(r.host);
        if (attrs == null) {
            return Errno.ENOENT;
        }
        if (!attrs.isDirectory()) {
            return Errno.ENOTDIR;
        }
        if (isNonEmptyDirectory(r.host)) {
            return Errno.ENOTEMPTY;
        }
        Files.delete(r.host);
        return Errno.SUCCESS;
    }

    static int unlinkFile(WasiContext ctx, int fd, int pathPtr, int pathLen) throws IOException {
        byte[] m = ctx.bytes();
        String guestPath = guestString(m, pathPtr, pathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_UNLINK_FILE);
        Resolved r = SandboxResolver.resolve(dir, guestPath, Final.ENTRY);
        if (r.lastKind != LastKind.NAME) {
            return Errno.EISDIR;
        }
        BasicFileAttributes attrs = HostStat.lstatOrNull(r.host);
        if (attrs == null) {
            return Errno.ENOENT;
        }
        if (attrs.isDirectory()) {
            return Errno.EISDIR;
        }
        if (r.trailingSlash) {
            return Errno.ENOTDIR;
        }
        // Files.delete would remove an empty directory too; the checks above rule that out.
        Files.delete(r.host);
        return Errno.SUCCESS;
    }

    static int rename(WasiContext ctx, int fd, int oldPathPtr, int oldPathLen, int newFd, int newPathPtr, int newPathLen) throws IOException {
        byte[] m = ctx.bytes();
        String oldPath = guestString(m, oldPathPtr, oldPathLen);
        String newPath = guestString(m, newPathPtr, newPathLen);
        DirectoryDescriptor oldDir = directory(ctx, fd, Rights.PATH_RENAME_SOURCE);
        DirectoryDescriptor newDir = directory(ctx, newFd, Rights.PATH_RENAME_TARGET);
        Resolved src = SandboxResolver.resolve(oldDir, oldPath, Final.ENTRY);
        Resolved dst = SandboxResolver.resolve(newDir, newPath, Final.ENTRY);
        if (src.lastKind != LastKind.NAME || dst.lastKind != LastKind.NAME) {
            return Errno.EBUSY; // renaming ".", ".." or a descriptor's own directory
        }
        BasicFileAttributes srcAttrs = HostStat.lstatOrNull(src.host);
        if (srcAttrs == null) {
            return Errno.ENOENT;
        }
        boolean srcIsDir = srcAttrs.isDirectory();
        if ((src.trailingSlash || dst.trailingSlash) && !srcIsDir) {
            return Errno.ENOTDIR;
        }
        BasicFileAttributes dstAttrs = HostStat.lstatOrNull(dst.host);
        if (dstAttrs != null) {
            if (srcIsDir && !dstAttrs.isDirectory()) {
                return Errno.ENOTDIR;
            }
            if (!srcIsDir && dstAttrs.isDirectory()) {
                return Errno.EISDIR;
            }
        }
        // ATOMIC_MOVE maps to rename(2) itself: atomic replacement, EXDEV instead of a copy, EINVAL for a
        // directory moved into itself, ENOTEMPTY for a non-empty target directory.
        Files.move(src.host, dst.host, StandardCopyOption.ATOMIC_MOVE);
        return Errno.SUCCESS;
    }

    /**
     * Creates a symlink holding {@code oldPath}. Targets that are absolute or whose {@code ..}s climb
     * above the directory descriptor are refused with ENOTCAPABLE: the guest could never follow them, and
     * refusing keeps the sandbox from holding links into the host.
     */
    static int symlink(WasiContext ctx, int oldPathPtr, int oldPathLen, int fd, int newPathPtr, int newPathLen) throws IOException {
        byte[] m = ctx.bytes();
        String target = guestString(m, oldPathPtr, oldPathLen);
        String newPath = guestString(m, newPathPtr, newPathLen);
        DirectoryDescriptor dir = directory(ctx, fd, Rights.PATH_SYMLINK);
        if (target.isEmpty()) {
            return Errno.ENOENT;
        }
        if (target.indexOf('\0') >= 0) {
            return Errno.EINVAL;
        }
        Resolved dst = SandboxResolver.resolve(dir, newPath, Final.ENTRY);
        if (dst.lastKind != LastKind.NAME || HostStat.lstatOrNull(dst.host) != null) {
            return Errno.EEXIST;
        }
        if (dst.trailingSlash) {
            return Errno.ENOENT;
        }
        if (!SandboxResolver.targetStaysInside(target, dst.depth - 1)) {
            return Errno.ENOTCAPABLE;
        }
        Files.createSymbolicLink(dst.host, dst.host.getFileSystem().getPath(target));
        return Errno.SUCCESS;
    }

    private static boolean isNonEmptyDirectory(Path p) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            return ds.iterator().hasNext();
        }
    }
}
