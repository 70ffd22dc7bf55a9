package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * The {@code errno} values of wasi_snapshot_preview1 ({@code typenames.witx}, enum {@code errno}, u16), and
 * the translation of what java.nio throws into them.
 */
public final class Errno {
    private Errno() {}

    public static final int SUCCESS = 0;
    public static final int E2BIG = 1;
    public static final int EACCES = 2;
    public static final int EADDRINUSE = 3;
    public static final int EADDRNOTAVAIL = 4;
    public static final int EAFNOSUPPORT = 5;
    public static final int EAGAIN = 6;
    public static final int EALREADY = 7;
    public static final int EBADF = 8;
    public static final int EBADMSG = 9;
    public static final int EBUSY = 10;
    public static final int ECANCELED = 11;
    public static final int ECHILD = 12;
    public static final int ECONNABORTED = 13;
    public static final int ECONNREFUSED = 14;
    public static final int ECONNRESET = 15;
    public static final int EDEADLK = 16;
    public static final int EDESTADDRREQ = 17;
    public static final int EDOM = 18;
    public static final int EDQUOT = 19;
    public static final int EEXIST = 20;
    public static final int EFAULT = 21;
    public static final int EFBIG = 22;
    public static final int EHOSTUNREACH = 23;
    public static final int EIDRM = 24;
    public static final int EILSEQ = 25;
    public static final int EINPROGRESS = 26;
    public static final int EINTR = 27;
    public static final int EINVAL = 28;
    public static final int EIO = 29;
    public static final int EISCONN = 30;
    public static final int EISDIR = 31;
    public static final int ELOOP = 32;
    public static final int EMFILE = 33;
    public static final int EMLINK = 34;
    public static final int EMSGSIZE = 35;
    public static final int EMULTIHOP = 36;
    public static final int ENAMETOOLONG = 37;
    public static final int ENETDOWN = 38;
    public static final int ENETRESET = 39;
    public static final int ENETUNREACH = 40;
    public static final int ENFILE = 41;
    public static final int ENOBUFS = 42;
    public static final int ENODEV = 43;
    public static final int ENOENT = 44;
    public static final int ENOEXEC = 45;
    public static final int ENOLCK = 46;
    public static final int ENOLINK = 47;
    public static final int ENOMEM = 48;
    public static final int ENOMSG = 49;
    public static final int ENOPROTOOPT = 50;
    public static final int ENOSPC = 51;
    public static final int ENOSYS = 52;
    public static final int ENOTCONN = 53;
    public static final int ENOTDIR = 54;
    public static final int ENOTEMPTY = 55;
    public static final int ENOTRECOVERABLE = 56;
    public static final int ENOTSOCK = 57;
    public static final int ENOTSUP = 58;
    public static final int ENOTTY = 59;
    public static final int ENXIO = 60;
    public static final int EOVERFLOW = 61;
    public static final int EOWNERDEAD = 62;
    public static final int EPERM = 63;
    public static final int EPIPE = 64;
    public static final int EPROTO = 65;
    public static final int EPROTONOSUPPORT = 66;
    public static final int EPROTOTYPE = 67;
    public static final int ERANGE = 68;
    public static final int EROFS = 69;
    public static final int ESPIPE = 70;
    public static final int ESRCH = 71;
    public static final int ESTALE = 72;
    public static final int ETIMEDOUT = 73;
    public static final int ETXTBSY = 74;
    public static final int EXDEV = 75;
    public static final int ENOTCAPABLE = 76;

    /**
     * The errno for an exception thrown while serving a WASI call. A bad guest pointer is EFAULT; nio's
     * typed exceptions map directly; a plain {@link FileSystemException} carries only the host's
     * strerror text as its reason, which is matched as a last resort before falling back to EIO.
     */
    static int of(Exception e) {
        if (e instanceof WasiException w) {
            return w.errno;
        }
        if (e instanceof NoSuchFileException) return ENOENT;
        if (e instanceof FileAlreadyExistsException) return EEXIST;
        if (e instanceof DirectoryNotEmptyException) return ENOTEMPTY;
        if (e instanceof NotDirectoryException) return ENOTDIR;
        if (e instanceof AccessDeniedException) return EACCES;
        if (e instanceof NotLinkException) return EINVAL;
        if (e instanceof AtomicMoveNotSupportedException) return EXDEV;
        if (e instanceof FileSystemLoopException) return ELOOP;
        if (e instanceof FileSystemException fse) {
            int byReason = fromReason(fse.getReason());
            return byReason != 0 ? byReason : EIO;
        }
        if (e instanceof ClosedChannelException) return EBADF;
        if (e instanceof IOException) {
            int byReason = fromReason(e.getMessage());
            return byReason != 0 ? byReason : EIO;
        }
        if (e instanceof NonReadableChannelException || e instanceof NonWritableChannelException) return EBADF;
        if (e instanceof InvalidPathException) return EINVAL;
        if (e instanceof UnsupportedOperationException) return ENOTSUP;
        if (e instanceof SecurityException) return EACCES;
        if (e instanceof IllegalArgumentException) return EINVAL;
        if (e instanceof IndexOutOfBoundsException) return EFAULT;
        return EIO;
    }

    /** glibc's strerror texts, which is all nio keeps of errno values it has no exception type for. */
    private static int fromReason(String reason) {
        if (reason == null) {
            return 0;
        }
        if (reason.contains("Is a directory")) return EISDIR;
        if (reason.contains("Not a directory")) return ENOTDIR;
        if (reason.contains("Directory not empty")) return ENOTEMPTY;
        if (reason.contains("Operation not permitted")) return EPERM;
        if (reason.contains("Too many levels of symbolic links")) return ELOOP;
        if (reason.contains("Invalid argument")) return EINVAL;
        if (reason.contains("No space left on device")) return ENOSPC;
        if (reason.contains("File too large")) return EFBIG;
        if (reason.contains("Read-only file system")) return EROFS;
        if (reason.contains("Invalid cross-device link")) return EXDEV;
        if (reason.contains("File name too long")) return ENAMETOOLONG;
        if (reason.contains("Too many links")) return EMLINK;
        if (reason.contains("Device or resource busy")) return EBUSY;
        if (reason.contains("Permission denied")) return EACCES;
        if (reason.contains("No such file or directory")) return ENOENT;
        if (reason.contains("File exists")) return EEXIST;
        if (reason.contains("Bad file descriptor")) return EBADF;
        if (reason.contains("Disk quota exceeded")) return EDQUOT;
        if (reason.contains("Broken pipe")) return EPIPE;
        if (reason.contains("Text file busy")) return ETXTBSY;
        if (reason.contains("Too many open files")) return EMFILE;
        return 0;
    }
}
