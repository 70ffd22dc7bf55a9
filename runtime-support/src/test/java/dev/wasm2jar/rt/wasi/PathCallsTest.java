package dev.wasm2jar.rt.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import static dev.wasm2jar.rt.wasi.Abi.LOOKUPFLAGS_SYMLINK_FOLLOW;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_CREAT;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_DIRECTORY;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_EXCL;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_TRUNC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The path_* functions inside one sandbox (escapes are in {@link SandboxEscapeTest}). */
class PathCallsTest {
    private static final long RW = Rights.REGULAR_FILE_BASE;
    private static final long RO = Rights.REGULAR_FILE_BASE & ~Rights.FD_WRITE;
    private static final int FOLLOW = LOOKUPFLAGS_SYMLINK_FOLLOW;

    @TempDir
    Path root;

    private Guest guest() {
        return Guest.withPreopen(root);
    }

    private static int call(Guest g, String path, PathOp op) {
        return op.apply(g.str(path), Guest.len(path));
    }

    interface PathOp {
        int apply(int ptr, int len);
    }

    // ---------------------------------------------------------------- path_open

    @Test
    void path_open_creates_truncates_and_reopens_files() throws Exception {
        try (Guest g = guest()) {
            int fd = g.open(3, "new.txt", OFLAGS_CREAT, RW, 0);
            g.write(fd, "content");
            assertEquals("content", Files.readString(root.resolve("new.txt")));
            int again = g.open(3, "new.txt", 0, RO, 0);
            assertEquals("content", g.read(again, 100));
            g.open(3, "new.txt", OFLAGS_TRUNC, RW, 0);
            assertEquals(0, Files.size(root.resolve("new.txt")));
        }
    }

    @Test
    void path_open_excl_on_existing_file_is_eexist() throws Exception {
        Files.writeString(root.resolve("e"), "keep");
        try (Guest g = guest()) {
            assertEquals(Errno.EEXIST, g.openErrno(3, "e", FOLLOW, OFLAGS_CREAT | OFLAGS_EXCL, RW, 0));
            assertEquals("keep", Files.readString(root.resolve("e")));
            g.open(3, "fresh", OFLAGS_CREAT | OFLAGS_EXCL, RW, 0);
            assertTrue(Files.exists(root.resolve("fresh")));
        }
    }

    @Test
    void path_open_missing_file_without_creat_is_enoent() {
        try (Guest g = guest()) {
            assertEquals(Errno.ENOENT, g.openErrno(3, "nope", FOLLOW, 0, RO, 0));
            assertEquals(Errno.ENOENT, g.openErrno(3, "nodir/file", FOLLOW, OFLAGS_CREAT, RW, 0));
            assertEquals(Errno.ENOENT, g.openErrno(3, "", FOLLOW, 0, RO, 0));
        }
    }

    @Test
    void path_open_directory_flag_and_directory_targets() throws Exception {
        Files.createDirectory(root.resolve("d"));
        Files.writeString(root.resolve("f"), "");
        try (Guest g = guest()) {
            int d = g.open(3, "d", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
            int st = g.alloc(24);
            WasiPreview1.fd_fdstat_get(d, st, g.ctx);
            assertEquals(Abi.FILETYPE_DIRECTORY, g.u8(st));
            assertEquals(Errno.ENOTDIR, g.openErrno(3, "f", FOLLOW, OFLAGS_DIRECTORY, RO, 0));
            assertEquals(Errno.ENOTDIR, g.openErrno(3, "f/", FOLLOW, 0, RO, 0));
            // a directory opens without O_DIRECTORY when nothing asks to write it
            int plain = g.open(3, "d", 0, RO | Rights.DIRECTORY_BASE & ~Rights.FD_WRITE, 0);
            WasiPreview1.fd_fdstat_get(plain, st, g.ctx);
            assertEquals(Abi.FILETYPE_DIRECTORY, g.u8(st));
            assertEquals(Errno.EISDIR, g.openErrno(3, "d", FOLLOW, 0, RW, 0));
            assertEquals(Errno.EISDIR, g.openErrno(3, "d", FOLLOW, OFLAGS_TRUNC, RO, 0));
            assertEquals(Errno.EISDIR, g.openErrno(3, "d", FOLLOW, OFLAGS_CREAT, RO, 0));
            assertEquals(Errno.EEXIST, g.openErrno(3, "d", FOLLOW, OFLAGS_CREAT | OFLAGS_EXCL, RO, 0));
            assertEquals(Errno.EINVAL, g.openErrno(3, "newdir", FOLLOW, OFLAGS_CREAT | OFLAGS_DIRECTORY, RO, 0));
            assertFalse(Files.exists(root.resolve("newdir")));
            // "." is the directory itself
            int self = g.open(3, ".", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_readdir(self, g.alloc(256), 256, 0, g.out, g.ctx));
        }
    }

    @Test
    void path_open_relative_to_an_opened_subdirectory() throws Exception {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file"), "deep");
        try (Guest g = guest()) {
            int a = g.open(3, "a", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
            int f = g.open(a, "b/file", 0, RO, 0);
            assertEquals("deep", g.read(f, 10));
            int f2 = g.open(a, "b/../b/./file", 0, RO, 0);
            assertEquals("deep", g.read(f2, 10));
        }
    }

    @Test
    void path_open_symlinks_follow_or_eloop() throws Exception {
        Files.writeString(root.resolve("target"), "via link");
        Files.createSymbolicLink(root.resolve("link"), Path.of("target"));
        try (Guest g = guest()) {
            int fd = g.open(3, "link", 0, RO, 0);
            assertEquals("via link", g.read(fd, 100));
            assertEquals(Errno.ELOOP, g.openErrno(3, "link", 0, 0, RO, 0));
            assertEquals(Errno.EEXIST, g.openErrno(3, "link", FOLLOW, OFLAGS_CREAT | OFLAGS_EXCL, RW, 0));
        }
    }

    @Test
    void path_open_creat_through_dangling_symlink_creates_its_target() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("made-by-link"));
        try (Guest g = guest()) {
            int fd = g.open(3, "dangling", OFLAGS_CREAT, RW, 0);
            g.write(fd, "x");
            assertEquals("x", Files.readString(root.resolve("made-by-link")));
            assertTrue(Files.isSymbolicLink(root.resolve("dangling")));
        }
    }

    @Test
    void path_open_symlink_loop_is_eloop() throws Exception {
        Files.createSymbolicLink(root.resolve("l1"), Path.of("l2"));
        Files.createSymbolicLink(root.resolve("l2"), Path.of("l1"));
        try (Guest g = guest()) {
            assertEquals(Errno.ELOOP, g.openErrno(3, "l1", FOLLOW, 0, RO, 0));
            assertEquals(Errno.ELOOP, g.openErrno(3, "l1/x", 0, 0, RO, 0));
        }
    }

    @Test
    void path_open_checks_rights_and_descriptor_kind() throws Exception {
        Files.writeString(root.resolve("f"), "");
        try (Guest g = guest()) {
            int file = g.open(3, "f", 0, RO, 0);
            assertEquals(Errno.ENOTDIR, g.openErrno(file, "x", FOLLOW, 0, RO, 0));
            assertEquals(Errno.EBADF, g.openErrno(99, "x", FOLLOW, 0, RO, 0));
            int limited = g.open(3, ".", OFLAGS_DIRECTORY, Rights.PATH_OPEN, 0);
            assertEquals(Errno.ENOTCAPABLE, g.openErrno(limited, "g", FOLLOW, OFLAGS_CREAT, RW, 0));
            assertFalse(Files.exists(root.resolve("g")));
            assertEquals(Errno.ENOTCAPABLE, g.openErrno(limited, "f", FOLLOW, OFLAGS_TRUNC, RW, 0));
            // inheriting rights of a subdirectory bound what can be opened below it
            int p = g.str("sub");
            int sub = WasiPreview1.path_open(3, FOLLOW, g.str("."), 1, OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, Rights.FD_READ, 0, g.out, g.ctx);
            assertEquals(Errno.SUCCESS, sub);
            int subFd = g.i32(g.out);
            assertEquals(Errno.ENOTCAPABLE, g.openErrno(subFd, "f", FOLLOW, 0, Rights.FD_WRITE, 0));
            assertEquals(Errno.EINVAL, g.openErrno(3, "f", FOLLOW, 16, RO, 0));
            assertEquals(Errno.EINVAL, g.openErrno(3, "f", FOLLOW, 0, RO, 32));
            assertTrue(p > 0);
        }
    }

    @Test
    void path_open_rejects_invalid_utf8_and_bad_pointers() {
        try (Guest g = guest()) {
            int bad = g.bytes(new byte[] {'a', (byte) 0xC3, 'b'});
            assertEquals(Errno.EILSEQ, WasiPreview1.path_open(3, 0, bad, 3, OFLAGS_CREAT, RW, 0, 0, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.path_open(3, 0, 65530, 10, OFLAGS_CREAT, RW, 0, 0, g.out, g.ctx));
            int p = g.str("x");
            assertEquals(Errno.EFAULT, WasiPreview1.path_open(3, 0, p, 1, OFLAGS_CREAT, RW, 0, 0, 65534, g.ctx));
            assertFalse(Files.exists(root.resolve("x")), "nothing is created when the result cannot be stored");
            assertEquals(Errno.EINVAL, g.openErrno(3, "nul\0byte", FOLLOW, OFLAGS_CREAT, RW, 0));
        }
    }

    @Test
    void path_open_append_and_sync_flags() throws Exception {
        Files.writeString(root.resolve("log"), "start;");
        try (Guest g = guest()) {
            int fd = g.open(3, "log", 0, RW, Abi.FDFLAGS_APPEND | Abi.FDFLAGS_DSYNC | Abi.FDFLAGS_SYNC);
            g.write(fd, "more;");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, 0, Abi.WHENCE_SET, g.out, g.ctx));
            g.write(fd, "end");
            assertEquals("start;more;end", Files.readString(root.resolve("log")));
        }
    }

    // ---------------------------------------------------------------- path_create_directory

    @Test
    void path_create_directory_creates_and_reports_conflicts() throws Exception {
        try (Guest g = guest()) {
            assertEquals(Errno.SUCCESS, call(g, "made", (p, l) -> WasiPreview1.path_create_directory(3, p, l, g.ctx)));
            assertTrue(Files.isDirectory(root.resolve("made")));
            assertEquals(Errno.SUCCESS, call(g, "made/inner/", (p, l) -> WasiPreview1.path_create_directory(3, p, l, g.ctx)));
            assertTrue(Files.isDirectory(root.resolve("made/inner")));
            assertEquals(Errno.EEXIST, call(g, "made", (p, l) -> WasiPreview1.path_create_directory(3, p, l, g.ctx)));
            assertEquals(Errno.EEXIST, call(g, ".", (p, l) -> WasiPreview1.path_create_directory(3, p, l, g.ctx)));
            assertEquals(Errno.ENOENT, call(g, "a/b", (p, l) -> WasiPreview1.path_create_directory(3, p, l, g.ctx)));
            int file = g.open(3, "f", OFLAGS_CREAT, RW, 0);
            assertEquals(Errno.ENOTDIR, call(g, "x", (p, l) -> WasiPreview1.path_create_directory(file, p, l, g.ctx)));
            assertEquals(Errno.ENOTDIR, call(g, "f/x", (p, l) -> WasiPreview1.path_create_directory(3, p, l, g.ctx)));
        }
    }

    // ---------------------------------------------------------------- path_filestat_get

    @Test
    void path_filestat_get_follows_symlinks_only_when_asked() throws Exception {
        Files.writeString(root.resolve("file"), "12345");
        Files.createSymbolicLink(root.resolve("link"), Path.of("file"));
        try (Guest g = guest()) {
            int buf = g.alloc(64);
            assertEquals(Errno.SUCCESS, call(g, "link", (p, l) -> WasiPreview1.path_filestat_get(3, FOLLOW, p, l, buf, g.ctx)));
            assertEquals(Abi.FILETYPE_REGULAR_FILE, g.u8(buf + 16));
            assertEquals(5, g.i64(buf + 32));
            assertEquals(Files.getAttribute(root.resolve("file"), "unix:ino"), g.i64(buf + 8));
            assertEquals(Errno.SUCCESS, call(g, "link", (p, l) -> WasiPreview1.path_filestat_get(3, 0, p, l, buf, g.ctx)));
            assertEquals(Abi.FILETYPE_SYMBOLIC_LINK, g.u8(buf + 16));
            assertEquals(4, g.i64(buf + 32), "a symlink's size is its target's length");
            assertEquals(Errno.SUCCESS, call(g, ".", (p, l) -> WasiPreview1.path_filestat_get(3, 0, p, l, buf, g.ctx)));
            assertEquals(Abi.FILETYPE_DIRECTORY, g.u8(buf + 16));
            assertEquals(Errno.ENOENT, call(g, "missing", (p, l) -> WasiPreview1.path_filestat_get(3, 0, p, l, buf, g.ctx)));
            assertEquals(Errno.ENOTDIR, call(g, "file/", (p, l) -> WasiPreview1.path_filestat_get(3, 0, p, l, buf, g.ctx)));
            assertEquals(Errno.EFAULT, call(g, "file", (p, l) -> WasiPreview1.path_filestat_get(3, 0, p, l, 65535, g.ctx)));
        }
    }

    // ---------------------------------------------------------------- path_filestat_set_times

    @Test
    void path_filestat_set_times_on_target_or_on_the_link_itself() throws Exception {
        Path file = root.resolve("file");
        Files.writeString(file, "x");
        Path link = root.resolve("link");
        Files.createSymbolicLink(link, Path.of("file"));
        long t1 = 1_200_000_000_000_000_000L;
        long t2 = 1_300_000_000_000_000_000L;
        try (Guest g = guest()) {
            assertEquals(Errno.SUCCESS, call(g, "link", (p, l) -> WasiPreview1.path_filestat_set_times(3, FOLLOW, p, l, 0, t1, Abi.FSTFLAGS_MTIM, g.ctx)));
            assertEquals(t1, Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS));
            assertEquals(Errno.SUCCESS, call(g, "link", (p, l) -> WasiPreview1.path_filestat_set_times(3, 0, p, l, t2, t2, Abi.FSTFLAGS_MTIM | Abi.FSTFLAGS_ATIM, g.ctx)));
            assertEquals(t2, Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS));
            assertEquals(t1, Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS), "target untouched");
            assertEquals(Errno.SUCCESS, call(g, "file", (p, l) -> WasiPreview1.path_filestat_set_times(3, 0, p, l, 0, 0, Abi.FSTFLAGS_ATIM_NOW, g.ctx)));
            long atime = ((FileTime) Files.getAttribute(file, "lastAccessTime")).toMillis();
            assertTrue(Math.abs(atime - System.currentTimeMillis()) < 10_000);
            assertEquals(Errno.EINVAL, call(g, "file", (p, l) -> WasiPreview1.path_filestat_set_times(3, 0, p, l, 0, 0, Abi.FSTFLAGS_MTIM | Abi.FSTFLAGS_MTIM_NOW, g.ctx)));
            assertEquals(Errno.ENOENT, call(g, "none", (p, l) -> WasiPreview1.path_filestat_set_times(3, 0, p, l, 0, 0, Abi.FSTFLAGS_MTIM_NOW, g.ctx)));
        }
    }

    // ---------------------------------------------------------------- path_link

    @Test
    void path_link_creates_a_hard_link() throws Exception {
        Files.writeString(root.resolve("orig"), "shared");
        Files.createDirectory(root.resolve("dir"));
        try (Guest g = guest()) {
            int old = g.str("orig");
            int neu = g.str("dir/copy");
            assertEquals(Errno.SUCCESS, WasiPreview1.path_link(3, 0, old, 4, 3, neu, 8, g.ctx));
            assertEquals(2, Files.getAttribute(root.resolve("orig"), "unix:nlink"));
            assertEquals("shared", Files.readString(root.resolve("dir/copy")));
            assertEquals(Errno.EEXIST, WasiPreview1.path_link(3, 0, old, 4, 3, neu, 8, g.ctx));
            int dir = g.str("dir");
            int dirLink = g.str("dirlink");
            assertEquals(Errno.EPERM, WasiPreview1.path_link(3, 0, dir, 3, 3, dirLink, 7, g.ctx));
            int missing = g.str("missing");
            assertEquals(Errno.ENOENT, WasiPreview1.path_link(3, 0, missing, 7, 3, dirLink, 7, g.ctx));
            assertFalse(Files.exists(root.resolve("dirlink"), LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void path_link_of_a_symlink_links_the_link_or_its_target() throws Exception {
        Files.writeString(root.resolve("target"), "t");
        Files.createSymbolicLink(root.resolve("sym"), Path.of("target"));
        try (Guest g = guest()) {
            assertEquals(Errno.SUCCESS, WasiPreview1.path_link(3, 0, g.str("sym"), 3, 3, g.str("hard-sym"), 8, g.ctx));
            assertTrue(Files.isSymbolicLink(root.resolve("hard-sym")));
            assertEquals(Errno.SUCCESS, WasiPreview1.path_link(3, FOLLOW, g.str("sym"), 3, 3, g.str("hard-target"), 11, g.ctx));
            assertFalse(Files.isSymbolicLink(root.resolve("hard-target")));
            assertEquals(2, Files.getAttribute(root.resolve("target"), "unix:nlink"));
        }
    }

    // ---------------------------------------------------------------- path_readlink

    @Test
    void path_readlink_returns_contents_truncated_to_the_buffer() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), Path.of("some/where/else"));
        Files.writeString(root.resolve("file"), "");
        try (Guest g = guest()) {
            int buf = g.alloc(64);
            assertEquals(Errno.SUCCESS, call(g, "link", (p, l) -> WasiPreview1.path_readlink(3, p, l, buf, 64, g.out, g.ctx)));
            assertEquals(15, g.i32(g.out));
            assertEquals("some/where/else", g.string(buf, 15));
            assertEquals(Errno.SUCCESS, call(g, "link", (p, l) -> WasiPreview1.path_readlink(3, p, l, buf, 4, g.out, g.ctx)));
            assertEquals(4, g.i32(g.out));
            assertEquals(Errno.EINVAL, call(g, "file", (p, l) -> WasiPreview1.path_readlink(3, p, l, buf, 64, g.out, g.ctx)));
            assertEquals(Errno.ENOENT, call(g, "none", (p, l) -> WasiPreview1.path_readlink(3, p, l, buf, 64, g.out, g.ctx)));
        }
    }

    // ---------------------------------------------------------------- path_remove_directory

    @Test
    void path_remove_directory_only_removes_empty_real_directories() throws Exception {
        Files.createDirectories(root.resolve("full/child"));
        Files.createDirectory(root.resolve("empty"));
        Files.writeString(root.resolve("file"), "");
        Files.createSymbolicLink(root.resolve("dirlink"), Path.of("empty"));
        try (Guest g = guest()) {
            assertEquals(Errno.ENOTEMPTY, call(g, "full", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.ENOTDIR, call(g, "file", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.ENOTDIR, call(g, "dirlink", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.ENOENT, call(g, "none", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.EINVAL, call(g, ".", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.ENOTEMPTY, call(g, "full/..", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.SUCCESS, call(g, "full/child", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertEquals(Errno.SUCCESS, call(g, "empty/", (p, l) -> WasiPreview1.path_remove_directory(3, p, l, g.ctx)));
            assertFalse(Files.exists(root.resolve("empty")));
            assertFalse(Files.exists(root.resolve("full/child")));
            assertTrue(Files.isSymbolicLink(root.resolve("dirlink")));
        }
    }

    // ---------------------------------------------------------------- path_rename

    @Test
    void path_rename_moves_and_replaces_files() throws Exception {
        Files.writeString(root.resolve("a"), "A");
        Files.writeString(root.resolve("b"), "B");
        Files.createDirectory(root.resolve("d"));
        try (Guest g = guest()) {
            assertEquals(Errno.SUCCESS, WasiPreview1.path_rename(3, g.str("a"), 1, 3, g.str("d/a2"), 4, g.ctx));
            assertEquals("A", Files.readString(root.resolve("d/a2")));
            assertFalse(Files.exists(root.resolve("a")));
            assertEquals(Errno.SUCCESS, WasiPreview1.path_rename(3, g.str("d/a2"), 4, 3, g.str("b"), 1, g.ctx));
            assertEquals("A", Files.readString(root.resolve("b")), "rename replaces an existing file");
            assertEquals(Errno.ENOENT, WasiPreview1.path_rename(3, g.str("gone"), 4, 3, g.str("x"), 1, g.ctx));
        }
    }

    @Test
    void path_rename_follows_posix_rules_for_directories() throws Exception {
        Files.createDirectories(root.resolve("dir/sub"));
        Files.createDirectory(root.resolve("emptydir"));
        Files.createDirectories(root.resolve("fulldir/x"));
        Files.writeString(root.resolve("file"), "");
        try (Guest g = guest()) {
            assertEquals(Errno.ENOTDIR, WasiPreview1.path_rename(3, g.str("dir"), 3, 3, g.str("file"), 4, g.ctx));
            assertEquals(Errno.EISDIR, WasiPreview1.path_rename(3, g.str("file"), 4, 3, g.str("dir"), 3, g.ctx));
            assertEquals(Errno.EINVAL, WasiPreview1.path_rename(3, g.str("dir"), 3, 3, g.str("dir/sub/in"), 10, g.ctx));
            assertEquals(Errno.ENOTEMPTY, WasiPreview1.path_rename(3, g.str("dir"), 3, 3, g.str("fulldir"), 7, g.ctx));
            assertEquals(Errno.ENOTDIR, WasiPreview1.path_rename(3, g.str("file/"), 5, 3, g.str("f2"), 2, g.ctx));
            assertEquals(Errno.EBUSY, WasiPreview1.path_rename(3, g.str("."), 1, 3, g.str("f2"), 2, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.path_rename(3, g.str("dir"), 3, 3, g.str("emptydir"), 8, g.ctx));
            assertTrue(Files.isDirectory(root.resolve("emptydir/sub")));
            assertFalse(Files.exists(root.resolve("dir")));
        }
    }

    @Test
    void path_rename_between_two_preopens() throws Exception {
        Path one = Files.createDirectory(root.resolve("one"));
        Path two = Files.createDirectory(root.resolve("two"));
        Files.writeString(one.resolve("f"), "moving");
        try (Guest g = new Guest(b -> b.preopen(one, "/one").preopen(two, "/two"))) {
            assertEquals(Errno.SUCCESS, WasiPreview1.path_rename(3, g.str("f"), 1, 4, g.str("g"), 1, g.ctx));
            assertEquals("moving", Files.readString(two.resolve("g")));
            assertFalse(Files.exists(one.resolve("f")));
        }
    }

    @Test
    void path_rename_needs_rights_on_both_sides() throws Exception {
        Files.writeString(root.resolve("f"), "");
        try (Guest g = guest()) {
            WasiPreview1.fd_fdstat_set_rights(3, Rights.DIRECTORY_BASE & ~Rights.PATH_RENAME_TARGET, Rights.ALL, g.ctx);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("f"), 1, 3, g.str("g"), 1, g.ctx));
            assertTrue(Files.exists(root.resolve("f")));
        }
    }

    // ---------------------------------------------------------------- path_symlink

    @Test
    void path_symlink_creates_links_inside_the_sandbox() throws Exception {
        Files.createDirectory(root.resolve("d"));
        try (Guest g = guest()) {
            assertEquals(Errno.SUCCESS, WasiPreview1.path_symlink(g.str("../target"), 9, 3, g.str("d/link"), 6, g.ctx));
            assertEquals(Path.of("../target"), Files.readSymbolicLink(root.resolve("d/link")));
            assertEquals(Errno.EEXIST, WasiPreview1.path_symlink(g.str("x"), 1, 3, g.str("d/link"), 6, g.ctx));
            assertEquals(Errno.EEXIST, WasiPreview1.path_symlink(g.str("x"), 1, 3, g.str("d"), 1, g.ctx));
            assertEquals(Errno.ENOENT, WasiPreview1.path_symlink(g.str(""), 0, 3, g.str("empty"), 5, g.ctx));
            assertEquals(Errno.ENOENT, WasiPreview1.path_symlink(g.str("x"), 1, 3, g.str("no/link"), 7, g.ctx));
            // a dangling link to a sibling is fine, and following it after creating the target works
            assertEquals(Errno.SUCCESS, WasiPreview1.path_symlink(g.str("later"), 5, 3, g.str("l2"), 2, g.ctx));
            Files.writeString(root.resolve("later"), "now here");
            assertEquals("now here", g.read(g.open(3, "l2", 0, RO, 0), 20));
        }
    }

    // ---------------------------------------------------------------- path_unlink_file

    @Test
    void path_unlink_file_removes_files_and_links_but_not_directories() throws Exception {
        Files.writeString(root.resolve("file"), "");
        Files.createDirectory(root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("dirlink"), Path.of("dir"));
        try (Guest g = guest()) {
            assertEquals(Errno.EISDIR, call(g, "dir", (p, l) -> WasiPreview1.path_unlink_file(3, p, l, g.ctx)));
            assertEquals(Errno.ENOTDIR, call(g, "file/", (p, l) -> WasiPreview1.path_unlink_file(3, p, l, g.ctx)));
            assertEquals(Errno.SUCCESS, call(g, "dirlink", (p, l) -> WasiPreview1.path_unlink_file(3, p, l, g.ctx)));
            assertTrue(Files.isDirectory(root.resolve("dir")), "the link's target stays");
            assertEquals(Errno.SUCCESS, call(g, "file", (p, l) -> WasiPreview1.path_unlink_file(3, p, l, g.ctx)));
            assertFalse(Files.exists(root.resolve("file")));
            assertEquals(Errno.ENOENT, call(g, "file", (p, l) -> WasiPreview1.path_unlink_file(3, p, l, g.ctx)));
            assertEquals(Errno.EISDIR, call(g, ".", (p, l) -> WasiPreview1.path_unlink_file(3, p, l, g.ctx)));
        }
    }
}
