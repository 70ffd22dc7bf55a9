package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Host file metadata in WASI terms. On POSIX hosts the "unix" attribute view gives device, inode, link
 * count, mode and ctime; elsewhere the basic view fills what it can and leaves the rest zero.
 */
final class HostStat {
    private HostStat() {}

    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String UNIX_ATTRS = "unix:mode,ino,dev,nlink,size,lastAccessTime,lastModifiedTime,ctime";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** The fields of a {@code filestat}. */
    static final class Stat {
        long dev;
        long ino;
        byte filetype;
        long nlink;
        long size;
        long atim;
        long mtim;
        long ctim;

        void write(byte[] m, int ptr) {
            GuestMemory.check(m, ptr, Abi.FILESTAT_SIZE);
            java.util.Arrays.fill(m, ptr, ptr + Abi.FILESTAT_SIZE, (byte) 0);
            GuestMemory.putI64(m, ptr, dev);
            GuestMemory.putI64(m, ptr + 8, ino);
            GuestMemory.putU8(m, ptr + 16, filetype);
            GuestMemory.putI64(m, ptr + 24, nlink);
            GuestMemory.putI64(m, ptr + 32, size);
            GuestMemory.putI64(m, ptr + 40, atim);
            GuestMemory.putI64(m, ptr + 48, mtim);
            GuestMemory.putI64(m, ptr + 56, ctim);
        }
    }

    /** Metadata of {@code p} itself (a symlink is not followed). */
    static Stat lstat(Path p) throws IOException {
        Stat s = new Stat();
        if (UNIX) {
            Map<String, Object> a = Files.readAttributes(p, UNIX_ATTRS, NOFOLLOW);
            s.dev = (Long) a.get("dev");
            s.ino = (Long) a.get("ino");
            s.filetype = filetypeOfMode((Integer) a.get("mode"));
            s.nlink = ((Integer) a.get("nlink")).longValue();
            s.size = (Long) a.get("size");
            s.atim = nanos((FileTime) a.get("lastAccessTime"));
            s.mtim = nanos((FileTime) a.get("lastModifiedTime"));
            s.ctim = nanos((FileTime) a.get("ctime"));
        } else {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            s.filetype = filetypeOf(a);
            s.nlink = 1;
            s.size = a.size();
            s.atim = nanos(a.lastAccessTime());
            s.mtim = nanos(a.lastModifiedTime());
            s.ctim = nanos(a.creationTime());
        }
        return s;
    }

    /** lstat attributes, or null when nothing exists at {@code p}. */
    static BasicFileAttributes lstatOrNull(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The WASI file type of a directory entry, without following symlinks; UNKNOWN if it vanished. */
    static byte filetypeOf(Path p) {
        try {
            if (UNIX) {
                return filetypeOfMode((Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW));
            }
            return filetypeOf(Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW));
        } catch (IOException | RuntimeException e) {
            return Abi.FILETYPE_UNKNOWN;
        }
    }

    /** The inode number of {@code p} (not following symlinks), or 0 when unknown. */
    static long inode(Path p) {
        if (!UNIX || p == null) {
            return 0;
        }
        try {
            return (Long) Files.getAttribute(p, "unix:ino", NOFOLLOW);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static byte filetypeOf(BasicFileAttributes a) {
        if (a.isSymbolicLink()) return Abi.FILETYPE_SYMBOLIC_LINK;
        if (a.isDirectory()) return Abi.FILETYPE_DIRECTORY;
        if (a.isRegularFile()) return Abi.FILETYPE_REGULAR_FILE;
        return Abi.FILETYPE_UNKNOWN;
    }

    /** Maps the {@code S_IFMT} bits of a POSIX mode. FIFOs have no WASI type and read as UNKNOWN. */
    static byte filetypeOfMode(int mode) {
        switch (mode & 0170000) {
            case 0140000: return Abi.FILETYPE_SOCKET_STREAM;
            case 0120000: return Abi.FILETYPE_SYMBOLIC_LINK;
            case 0100000: return Abi.FILETYPE_REGULAR_FILE;
            case 0060000: return Abi.FILETYPE_BLOCK_DEVICE;
            case 0040000: return Abi.FILETYPE_DIRECTORY;
            case 0020000: return Abi.FILETYPE_CHARACTER_DEVICE;
            default: return Abi.FILETYPE_UNKNOWN;
        }
    }

    static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }
}
