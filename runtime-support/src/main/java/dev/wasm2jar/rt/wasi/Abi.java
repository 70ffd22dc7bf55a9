package dev.wasm2jar.rt.wasi;

/**
 * Enum and flag values and struct layouts of wasi_snapshot_preview1 ({@code typenames.witx}). All structs
 * are little-endian with natural alignment.
 */
final class Abi {
    private Abi() {}

    // filetype (u8)
    static final byte FILETYPE_UNKNOWN = 0;
    static final byte FILETYPE_BLOCK_DEVICE = 1;
    static final byte FILETYPE_CHARACTER_DEVICE = 2;
    static final byte FILETYPE_DIRECTORY = 3;
    static final byte FILETYPE_REGULAR_FILE = 4;
    static final byte FILETYPE_SOCKET_DGRAM = 5;
    static final byte FILETYPE_SOCKET_STREAM = 6;
    static final byte FILETYPE_SYMBOLIC_LINK = 7;

    // fdflags (u16)
    static final int FDFLAGS_APPEND = 1;
    static final int FDFLAGS_DSYNC = 2;
    static final int FDFLAGS_NONBLOCK = 4;
    static final int FDFLAGS_RSYNC = 8;
    static final int FDFLAGS_SYNC = 16;
    static final int FDFLAGS_ALL = 31;

    // oflags (u16)
    static final int OFLAGS_CREAT = 1;
    static final int OFLAGS_DIRECTORY = 2;
    static final int OFLAGS_EXCL = 4;
    static final int OFLAGS_TRUNC = 8;
    static final int OFLAGS_ALL = 15;

    // lookupflags (u32)
    static final int LOOKUPFLAGS_SYMLINK_FOLLOW = 1;

    // fstflags (u16)
    static final int FSTFLAGS_ATIM = 1;
    static final int FSTFLAGS_ATIM_NOW = 2;
    static final int FSTFLAGS_MTIM = 4;
    static final int FSTFLAGS_MTIM_NOW = 8;

    // whence (u8)
    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    // advice (u8): normal, sequential, random, willneed, dontneed, noreuse
    static final int ADVICE_MAX = 5;

    // clockid (u32)
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    static final int CLOCK_THREAD_CPUTIME_ID = 3;

    // eventtype (u8)
    static final int EVENTTYPE_CLOCK = 0;
    static final int EVENTTYPE_FD_READ = 1;
    static final int EVENTTYPE_FD_WRITE = 2;

    // eventrwflags (u16)
    static final int EVENTRWFLAGS_FD_READWRITE_HANGUP = 1;

    // subclockflags (u16)
    static final int SUBCLOCKFLAGS_ABSTIME = 1;

    // preopentype (u8)
    static final int PREOPENTYPE_DIR = 0;

    // sdflags (u8)
    static final int SDFLAGS_RD = 1;
    static final int SDFLAGS_WR = 2;

    // iovec / ciovec: buf u32 @0, buf_len u32 @4
    static final int IOVEC_SIZE = 8;

    // fdstat: fs_filetype u8 @0, fs_flags u16 @2, fs_rights_base u64 @8, fs_rights_inheriting u64 @16
    static final int FDSTAT_SIZE = 24;

    // filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56
    static final int FILESTAT_SIZE = 64;

    // prestat: tag u8 @0, u.dir.pr_name_len u32 @4
    static final int PRESTAT_SIZE = 8;

    // dirent: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; the name follows the header
    static final int DIRENT_SIZE = 24;

    // subscription: userdata u64 @0, tag u8 @8, union @16:
    //   clock: id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40
    //   fd_read / fd_write: file_descriptor u32 @16
    static final int SUBSCRIPTION_SIZE = 48;

    // event: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite: nbytes u64 @16, flags u16 @24
    static final int EVENT_SIZE = 32;
}
