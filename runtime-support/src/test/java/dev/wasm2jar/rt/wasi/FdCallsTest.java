package dev.wasm2jar.rt.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_CREAT;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_DIRECTORY;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_TRUNC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fd_* functions on stdio, files and directories. */
class FdCallsTest {
    private static final long RW = Rights.REGULAR_FILE_BASE;
    private static final long RO = Rights.REGULAR_FILE_BASE & ~Rights.FD_WRITE;

    @TempDir
    Path root;

    private Guest guest() {
        return Guest.withPreopen(root);
    }

    private int newFile(Guest g, String name, String content) {
        int fd = g.open(3, name, OFLAGS_CREAT | OFLAGS_TRUNC, RW, 0);
        if (!content.isEmpty()) {
            g.write(fd, content);
        }
        assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, 0, Abi.WHENCE_SET, g.out, g.ctx));
        return fd;
    }

    @Test
    void fd_write_gathers_iovecs_into_a_file() throws Exception {
        try (Guest g = guest()) {
            int fd = g.open(3, "f.txt", OFLAGS_CREAT, RW, 0);
            int a = g.str("hello ");
            int b = g.str("world");
            int iov = g.iovecs(a, 6, 0, 0, b, 5);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_write(fd, iov, 3, g.out, g.ctx));
            assertEquals(11, g.i32(g.out));
            assertEquals("hello world", Files.readString(root.resolve("f.txt")));
        }
    }

    @Test
    void fd_read_scatters_and_returns_zero_at_end_of_file() throws Exception {
        Files.writeString(root.resolve("in.txt"), "abcdefgh");
        try (Guest g = guest()) {
            int fd = g.open(3, "in.txt", 0, RO, 0);
            int b1 = g.alloc(3);
            int b2 = g.alloc(10);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_read(fd, g.iovecs(b1, 3, b2, 10), 2, g.out, g.ctx));
            assertEquals(8, g.i32(g.out));
            assertEquals("abc", g.string(b1, 3));
            assertEquals("defgh", g.string(b2, 5));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_read(fd, g.iovecs(b1, 3), 1, g.out, g.ctx));
            assertEquals(0, g.i32(g.out));
        }
    }

    @Test
    void fd_read_without_read_right_is_enotcapable_and_bad_fd_is_ebadf() throws Exception {
        try (Guest g = guest()) {
            int fd = g.open(3, "w.txt", OFLAGS_CREAT, Rights.FD_WRITE, 0);
            int b = g.alloc(4);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_read(fd, g.iovecs(b, 4), 1, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_read(77, g.iovecs(b, 4), 1, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_write(-1, g.iovecs(b, 4), 1, g.out, g.ctx));
            // a directory holds no fd_read right
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_read(3, g.iovecs(b, 4), 1, g.out, g.ctx));
        }
    }

    @Test
    void fd_write_with_iovec_outside_memory_is_efault_and_writes_nothing() throws Exception {
        try (Guest g = guest()) {
            int fd = g.open(3, "f.txt", OFLAGS_CREAT, RW, 0);
            int ok = g.str("data");
            int iov = g.iovecs(ok, 4, 65530, 100);
            assertEquals(Errno.EFAULT, WasiPreview1.fd_write(fd, iov, 2, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_write(fd, 65532, 1, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_write(fd, g.iovecs(ok, 4), 1, -4, g.ctx));
            assertEquals(0, Files.size(root.resolve("f.txt")));
        }
    }

    @Test
    void stdout_is_buffered_until_flush_and_stderr_is_immediate() {
        try (Guest g = new Guest(b -> {})) {
            g.write(1, "out1 ");
            assertEquals("", g.stdout.toString());
            g.write(2, "err");
            // an stderr write flushes stdout first so the streams interleave in program order
            assertEquals("out1 ", g.stdout.toString());
            assertEquals("err", g.stderr.toString());
            g.write(1, "out2");
            g.ctx.close();
            assertEquals("out1 out2", g.stdout.toString());
        }
    }

    @Test
    void stdin_reads_from_the_configured_stream() {
        byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        try (Guest g = new Guest(new ByteArrayInputStream(input), b -> {})) {
            assertEquals("line one\nl", g.read(0, 10));
            assertEquals("ine two\n", g.read(0, 100));
            assertEquals("", g.read(0, 100));
        }
    }

    @Test
    void fd_pread_and_fd_pwrite_leave_the_offset_alone() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "p.bin", "0123456789");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, 2, Abi.WHENCE_SET, g.out, g.ctx));
            int buf = g.alloc(4);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_pread(fd, g.iovecs(buf, 4), 1, 5, g.out, g.ctx));
            assertEquals(4, g.i32(g.out));
            assertEquals("5678", g.string(buf, 4));
            int data = g.str("XY");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_pwrite(fd, g.iovecs(data, 2), 1, 12, g.out, g.ctx));
            assertEquals(2, g.i32(g.out));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_tell(fd, g.out, g.ctx));
            assertEquals(2, g.i64(g.out));
            assertEquals("0123456789\0\0XY", Files.readString(root.resolve("p.bin")));
            // past the end: 0 bytes
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_pread(fd, g.iovecs(buf, 4), 1, 100, g.out, g.ctx));
            assertEquals(0, g.i32(g.out));
            assertEquals(Errno.ESPIPE, WasiPreview1.fd_pread(0, g.iovecs(buf, 4), 1, 0, g.out, g.ctx));
            assertEquals(Errno.ESPIPE, WasiPreview1.fd_pwrite(1, g.iovecs(buf, 4), 1, 0, g.out, g.ctx));
        }
    }

    @Test
    void fd_seek_whence_set_cur_end_and_errors() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "s.txt", "abcdef");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, 4, Abi.WHENCE_SET, g.out, g.ctx));
            assertEquals(4, g.i64(g.out));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, -1, Abi.WHENCE_CUR, g.out, g.ctx));
            assertEquals(3, g.i64(g.out));
            assertEquals("def", g.read(fd, 10));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, -2, Abi.WHENCE_END, g.out, g.ctx));
            assertEquals(4, g.i64(g.out));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, 10, Abi.WHENCE_END, g.out, g.ctx));
            assertEquals(16, g.i64(g.out)); // beyond the end is allowed
            assertEquals(Errno.EINVAL, WasiPreview1.fd_seek(fd, -100, Abi.WHENCE_CUR, g.out, g.ctx));
            assertEquals(Errno.EINVAL, WasiPreview1.fd_seek(fd, 0, 3, g.out, g.ctx));
            assertEquals(Errno.ESPIPE, WasiPreview1.fd_seek(1, 0, Abi.WHENCE_CUR, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_seek(40, 0, Abi.WHENCE_CUR, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_seek(fd, 0, Abi.WHENCE_CUR, 65530, g.ctx));
        }
    }

    @Test
    void fd_tell_reports_offset_and_needs_a_seekable_fd() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "t.txt", "xyz");
            g.read(fd, 2);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_tell(fd, g.out, g.ctx));
            assertEquals(2, g.i64(g.out));
            assertEquals(Errno.ESPIPE, WasiPreview1.fd_tell(0, g.out, g.ctx));
            int noTell = g.open(3, "t.txt", 0, Rights.FD_READ, 0);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_tell(noTell, g.out, g.ctx));
        }
    }

    @Test
    void fd_close_frees_the_number_for_the_lowest_free_reuse() throws Exception {
        try (Guest g = guest()) {
            int a = newFile(g, "a", "");
            int b = newFile(g, "b", "");
            assertEquals(4, a);
            assertEquals(5, b);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_close(a, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_close(a, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_fdstat_get(a, g.out, g.ctx));
            assertEquals(4, newFile(g, "c", ""));
            assertEquals(6, newFile(g, "d", ""));
        }
    }

    @Test
    void fd_close_of_stdout_flushes_it() {
        try (Guest g = new Guest(b -> {})) {
            g.write(1, "pending");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_close(1, g.ctx));
            assertEquals("pending", g.stdout.toString());
            int p = g.str("x");
            assertEquals(Errno.EBADF, WasiPreview1.fd_write(1, g.iovecs(p, 1), 1, g.out, g.ctx));
        }
    }

    @Test
    void fd_renumber_moves_a_descriptor_over_an_open_one() throws Exception {
        try (Guest g = guest()) {
            int a = newFile(g, "a", "AAA");
            int b = newFile(g, "b", "BBB");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_renumber(a, b, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_fdstat_get(a, g.out, g.ctx));
            assertEquals("AAA", g.read(b, 10));
            assertEquals(Errno.EBADF, WasiPreview1.fd_renumber(b, 30, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_renumber(30, b, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_renumber(b, b, g.ctx));
            assertEquals(a, newFile(g, "c", ""));
        }
    }

    @Test
    void fd_renumber_carries_the_preopen_with_it() {
        try (Guest g = guest()) {
            int file = g.open(3, "x", OFLAGS_CREAT, RW, 0);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_renumber(3, file, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_prestat_get(file, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_prestat_get(3, g.out, g.ctx));
        }
    }

    @Test
    void fd_fdstat_get_reports_type_flags_and_rights() {
        try (Guest g = guest()) {
            int st = g.alloc(24);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_get(3, st, g.ctx));
            assertEquals(Abi.FILETYPE_DIRECTORY, g.u8(st));
            assertEquals(Rights.DIRECTORY_BASE, g.i64(st + 8));
            assertEquals(Rights.ALL, g.i64(st + 16));

            int fd = g.open(3, "f", OFLAGS_CREAT, Rights.FD_READ | Rights.FD_WRITE | Rights.PATH_OPEN, Abi.FDFLAGS_APPEND);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_get(fd, st, g.ctx));
            assertEquals(Abi.FILETYPE_REGULAR_FILE, g.u8(st));
            assertEquals(Abi.FDFLAGS_APPEND, g.u16(st + 2));
            // path rights do not apply to a file and are dropped
            assertEquals(Rights.FD_READ | Rights.FD_WRITE, g.i64(st + 8));

            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_get(1, st, g.ctx));
            assertEquals(Abi.FILETYPE_UNKNOWN, g.u8(st)); // not a terminal
            assertEquals(0, g.i64(st + 8) & (Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_READ));
            assertTrue((g.i64(st + 8) & Rights.FD_WRITE) != 0);
            assertEquals(Errno.EFAULT, WasiPreview1.fd_fdstat_get(1, 65530, g.ctx));
        }
    }

    @Test
    void fd_fdstat_set_flags_toggles_append() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "log", "12345");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_set_flags(fd, Abi.FDFLAGS_APPEND, g.ctx));
            g.write(fd, "A");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_set_flags(fd, 0, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_seek(fd, 0, Abi.WHENCE_SET, g.out, g.ctx));
            g.write(fd, "B");
            assertEquals("B2345A", Files.readString(root.resolve("log")));
            assertEquals(Errno.ENOTSUP, WasiPreview1.fd_fdstat_set_flags(fd, Abi.FDFLAGS_SYNC, g.ctx));
            assertEquals(Errno.EINVAL, WasiPreview1.fd_fdstat_set_flags(fd, 64, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_set_flags(1, Abi.FDFLAGS_NONBLOCK, g.ctx));
            int noFlags = g.open(3, "log", 0, Rights.FD_READ, 0);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_fdstat_set_flags(noFlags, Abi.FDFLAGS_APPEND, g.ctx));
        }
    }

    @Test
    void stdin_nonblock_without_input_is_eagain() throws Exception {
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(feed);
        try (Guest g = new Guest(in, b -> {})) {
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_set_flags(0, Abi.FDFLAGS_NONBLOCK, g.ctx));
            int b = g.alloc(8);
            assertEquals(Errno.EAGAIN, WasiPreview1.fd_read(0, g.iovecs(b, 8), 1, g.out, g.ctx));
            feed.write("hi".getBytes(StandardCharsets.UTF_8));
            assertEquals("hi", g.read(0, 8));
        }
    }

    @Test
    void fd_fdstat_set_rights_only_drops_rights() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "r", "");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_set_rights(fd, Rights.FD_READ | Rights.FD_SEEK, 0, g.ctx));
            int p = g.str("x");
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_write(fd, g.iovecs(p, 1), 1, g.out, g.ctx));
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_fdstat_set_rights(fd, Rights.FD_READ | Rights.FD_WRITE, 0, g.ctx));
            int st = g.alloc(24);
            WasiPreview1.fd_fdstat_get(fd, st, g.ctx);
            assertEquals(Rights.FD_READ | Rights.FD_SEEK, g.i64(st + 8));
            // a directory without path_open can no longer open anything
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_set_rights(3, Rights.DIRECTORY_BASE & ~Rights.PATH_OPEN, Rights.ALL, g.ctx));
            assertEquals(Errno.ENOTCAPABLE, g.openErrno(3, "r", 0, 0, RO, 0));
        }
    }

    @Test
    void fd_filestat_get_for_file_directory_and_stdio() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "st", "twelve bytes");
            int buf = g.alloc(64);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_get(fd, buf, g.ctx));
            assertEquals(Files.getAttribute(root.resolve("st"), "unix:ino"), g.i64(buf + 8));
            assertEquals(Abi.FILETYPE_REGULAR_FILE, g.u8(buf + 16));
            assertEquals(1, g.i64(buf + 24));
            assertEquals(12, g.i64(buf + 32));
            long mtime = Files.getLastModifiedTime(root.resolve("st")).to(TimeUnit.NANOSECONDS);
            assertEquals(mtime, g.i64(buf + 48));

            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_get(3, buf, g.ctx));
            assertEquals(Abi.FILETYPE_DIRECTORY, g.u8(buf + 16));

            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_get(1, buf, g.ctx));
            assertEquals(Abi.FILETYPE_UNKNOWN, g.u8(buf + 16));
            assertEquals(0, g.i64(buf + 32));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_filestat_get(fd, 65500, g.ctx));
        }
    }

    @Test
    void fd_filestat_get_after_unlink_still_reports_size() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "gone", "abc");
            Files.delete(root.resolve("gone"));
            int buf = g.alloc(64);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_get(fd, buf, g.ctx));
            assertEquals(Abi.FILETYPE_REGULAR_FILE, g.u8(buf + 16));
            assertEquals(3, g.i64(buf + 32));
        }
    }

    @Test
    void fd_filestat_set_size_truncates_and_extends_without_moving_the_offset() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "sz", "abcdefgh");
            g.read(fd, 6);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_set_size(fd, 3, g.ctx));
            assertEquals("abc", Files.readString(root.resolve("sz")));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_tell(fd, g.out, g.ctx));
            assertEquals(6, g.i64(g.out));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_set_size(fd, 5, g.ctx));
            assertEquals("abc\0\0", Files.readString(root.resolve("sz")));
            assertEquals(Errno.EINVAL, WasiPreview1.fd_filestat_set_size(fd, -1, g.ctx));
            int ro = g.open(3, "sz", 0, RO & ~Rights.FD_FILESTAT_SET_SIZE, 0);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_filestat_set_size(ro, 0, g.ctx));
        }
    }

    @Test
    void fd_filestat_set_times_sets_given_and_current_times() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "tm", "x");
            long atime = 1_000_000_000_000_000_000L;
            long mtime = 1_100_000_000_000_000_000L;
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_set_times(fd, atime, mtime,
                    Abi.FSTFLAGS_ATIM | Abi.FSTFLAGS_MTIM, g.ctx));
            Path p = root.resolve("tm");
            assertEquals(mtime, Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS));
            assertEquals(atime, ((FileTime) Files.getAttribute(p, "lastAccessTime")).to(TimeUnit.NANOSECONDS));

            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_set_times(fd, 0, 0, Abi.FSTFLAGS_MTIM_NOW, g.ctx));
            long now = System.currentTimeMillis();
            assertTrue(Math.abs(Files.getLastModifiedTime(p).toMillis() - now) < 10_000);
            assertEquals(atime, ((FileTime) Files.getAttribute(p, "lastAccessTime")).to(TimeUnit.NANOSECONDS), "atime unchanged");

            assertEquals(Errno.EINVAL, WasiPreview1.fd_filestat_set_times(fd, 0, 0, Abi.FSTFLAGS_ATIM | Abi.FSTFLAGS_ATIM_NOW, g.ctx));
            assertEquals(Errno.EINVAL, WasiPreview1.fd_filestat_set_times(fd, 0, 0, 16, g.ctx));
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_filestat_set_times(1, 0, 0, Abi.FSTFLAGS_MTIM_NOW, g.ctx));
        }
    }

    @Test
    void fd_advise_validates_advice() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "adv", "x");
            for (int advice = 0; advice <= 5; advice++) {
                assertEquals(Errno.SUCCESS, WasiPreview1.fd_advise(fd, 0, 100, advice, g.ctx));
            }
            assertEquals(Errno.EINVAL, WasiPreview1.fd_advise(fd, 0, 100, 6, g.ctx));
            assertEquals(Errno.ESPIPE, WasiPreview1.fd_advise(1, 0, 0, 0, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_advise(99, 0, 0, 0, g.ctx));
        }
    }

    @Test
    void fd_allocate_extends_but_never_shrinks() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "alloc", "abcdef");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_allocate(fd, 0, 3, g.ctx));
            assertEquals(6, Files.size(root.resolve("alloc")));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_allocate(fd, 4, 6, g.ctx));
            assertEquals("abcdef\0\0\0\0", Files.readString(root.resolve("alloc")));
            assertEquals(Errno.EINVAL, WasiPreview1.fd_allocate(fd, 0, 0, g.ctx));
            assertEquals(Errno.ESPIPE, WasiPreview1.fd_allocate(1, 0, 1, g.ctx));
        }
    }

    @Test
    void fd_sync_and_fd_datasync_on_file_stream_and_without_rights() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "sync", "data");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_sync(fd, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_datasync(fd, g.ctx));
            g.write(1, "flushed by sync");
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_sync(1, g.ctx));
            assertEquals("flushed by sync", g.stdout.toString());
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_sync(3, g.ctx));
            int ro = g.open(3, "sync", 0, Rights.FD_READ, 0);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_sync(ro, g.ctx));
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_datasync(ro, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_sync(50, g.ctx));
        }
    }

    @Test
    void fd_prestat_get_and_dir_name_describe_preopens_in_order() {
        Path second = root.resolve("second");
        second.toFile().mkdir();
        try (Guest g = new Guest(b -> b.preopen(root, "/").preopen(second, "/data/déjà"))) {
            int pre = g.alloc(8);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_prestat_get(3, pre, g.ctx));
            assertEquals(0, g.u8(pre));
            assertEquals(1, g.i32(pre + 4));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_prestat_get(4, pre, g.ctx));
            int len = g.i32(pre + 4);
            assertEquals(Guest.len("/data/déjà"), len);
            int name = g.alloc(len);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_prestat_dir_name(4, name, len, g.ctx));
            assertEquals("/data/déjà", g.string(name, len));
            assertEquals(Errno.ENAMETOOLONG, WasiPreview1.fd_prestat_dir_name(4, name, len - 1, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_prestat_get(5, pre, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_prestat_get(1, pre, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_prestat_dir_name(0, name, len, g.ctx));
            int sub = g.open(3, "second", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
            assertEquals(Errno.EBADF, WasiPreview1.fd_prestat_get(sub, pre, g.ctx), "only preopens have a prestat");
        }
    }

    /** Parses dirents; returns "name:type:next" strings and checks d_namlen. */
    private static List<String> dirents(Guest g, int buf, int used) {
        List<String> out = new ArrayList<>();
        int p = buf;
        while (p + 24 <= buf + used) {
            int namlen = g.i32(p + 16);
            if (p + 24 + namlen > buf + used) {
                break; // cut short: the caller must read again
            }
            out.add(g.string(p + 24, namlen) + ":" + g.u8(p + 20) + ":" + g.i64(p));
            p += 24 + namlen;
        }
        return out;
    }

    @Test
    void fd_readdir_lists_dot_entries_then_sorted_names_with_types() throws Exception {
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("b.txt"), "x");
        Files.writeString(root.resolve("a.txt"), "x");
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.txt"));
        try (Guest g = guest()) {
            int buf = g.alloc(1024);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_readdir(3, buf, 1024, 0, g.out, g.ctx));
            int used = g.i32(g.out);
            assertTrue(used < 1024);
            assertEquals(List.of(".:3:1", "..:3:2", "a.txt:4:3", "b.txt:4:4", "link:7:5", "sub:3:6"), dirents(g, buf, used));
            assertEquals(Files.getAttribute(root.resolve("a.txt"), "unix:ino"), g.i64(buf + 24 + 1 + 24 + 2 + 8));
        }
    }

    @Test
    void fd_readdir_resumes_from_a_cookie_and_fills_small_buffers_completely() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("file" + i), "");
        }
        try (Guest g = guest()) {
            int buf = g.alloc(64);
            // 64 bytes: "." (25) + ".." (26) + 13 bytes of the "file0" entry
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_readdir(3, buf, 64, 0, g.out, g.ctx));
            assertEquals(64, g.i32(g.out), "a full buffer tells the caller there is more");
            assertEquals(List.of(".:3:1", "..:3:2"), dirents(g, buf, 64));
            List<String> rest = new ArrayList<>();
            long cookie = 2;
            while (true) {
                assertEquals(Errno.SUCCESS, WasiPreview1.fd_readdir(3, buf, 64, cookie, g.out, g.ctx));
                List<String> got = dirents(g, buf, g.i32(g.out));
                if (got.isEmpty()) {
                    break;
                }
                rest.addAll(got);
                String last = got.get(got.size() - 1);
                cookie = Long.parseLong(last.substring(last.lastIndexOf(':') + 1));
            }
            assertEquals(List.of("file0:4:3", "file1:4:4", "file2:4:5", "file3:4:6", "file4:4:7"), rest);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_readdir(3, buf, 64, 1000, g.out, g.ctx));
            assertEquals(0, g.i32(g.out));
        }
    }

    @Test
    void fd_readdir_needs_a_directory_with_the_readdir_right() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "plain", "");
            int buf = g.alloc(64);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_readdir(fd, buf, 64, 0, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.fd_readdir(33, buf, 64, 0, g.out, g.ctx));
            int noList = g.open(3, ".", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE & ~Rights.FD_READDIR, 0);
            assertEquals(Errno.ENOTCAPABLE, WasiPreview1.fd_readdir(noList, buf, 64, 0, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_readdir(3, 65530, 64, 0, g.out, g.ctx));
            assertFalse(Files.exists(root.resolve("noList")));
        }
    }

    @Test
    void memory_growth_is_seen_by_later_calls() throws Exception {
        try (Guest g = guest()) {
            int fd = newFile(g, "grow", "");
            assertEquals(1, g.memory.grow(1));
            int big = 65536 + 100;
            byte[] data = "after grow".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(data, 0, g.mem(), big, data.length);
            int iov = g.iovecs(big, data.length);
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_write(fd, iov, 1, g.out, g.ctx));
            assertEquals("after grow", Files.readString(root.resolve("grow")));
        }
    }

    @Test
    void context_close_closes_open_files() throws Exception {
        Guest g = guest();
        int fd = newFile(g, "open", "");
        RegularFileDescriptor d = (RegularFileDescriptor) g.ctx.fds.get(fd);
        g.ctx.close();
        assertFalse(d.channel.isOpen());
        assertEquals(Errno.EBADF, WasiPreview1.fd_close(fd, g.ctx));
        g.ctx.close(); // idempotent
    }
}
