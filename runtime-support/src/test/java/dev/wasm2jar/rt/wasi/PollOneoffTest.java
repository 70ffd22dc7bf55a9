package dev.wasm2jar.rt.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** poll_oneoff with clock subscriptions and fd readiness for files, stdout and stdin. */
@Timeout(20)
class PollOneoffTest {
    @TempDir
    Path root;

    /** Writes subscription {@code i} of an array at {@code base}. */
    private static void clockSub(Guest g, int base, int i, long userdata, int clockId, long timeout, int flags) {
        int s = base + i * 48;
        g.putI64(s, userdata);
        g.mem()[s + 8] = (byte) Abi.EVENTTYPE_CLOCK;
        g.putI32(s + 16, clockId);
        g.putI64(s + 24, timeout);
        g.putI64(s + 32, 0);
        g.putU16(s + 40, flags);
    }

    private static void fdSub(Guest g, int base, int i, long userdata, int type, int fd) {
        int s = base + i * 48;
        g.putI64(s, userdata);
        g.mem()[s + 8] = (byte) type;
        g.putI32(s + 16, fd);
    }

    /** Event {@code i} as "userdata/error/type/nbytes/flags". */
    private static String event(Guest g, int out, int i) {
        int e = out + i * 32;
        return g.i64(e) + "/" + g.u16(e + 8) + "/" + g.u8(e + 10) + "/" + g.i64(e + 16) + "/" + g.u16(e + 24);
    }

    @Test
    void relative_clock_sleeps_at_least_the_timeout() {
        try (Guest g = new Guest(b -> {})) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            clockSub(g, in, 0, 77, Abi.CLOCK_MONOTONIC, 50_000_000L, 0);
            long t0 = System.nanoTime();
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 1, g.out, g.ctx));
            assertTrue(System.nanoTime() - t0 >= 50_000_000L);
            assertEquals(1, g.i32(g.out));
            assertEquals("77/0/0/0/0", event(g, out, 0));
        }
    }

    @Test
    void absolute_clocks_in_the_past_fire_at_once_and_the_earliest_deadline_wins() {
        try (Guest g = new Guest(b -> {})) {
            int in = g.alloc(3 * 48);
            int out = g.alloc(3 * 32);
            assertEquals(Errno.SUCCESS, WasiPreview1.clock_time_get(Abi.CLOCK_REALTIME, 0, g.out, g.ctx));
            long realNow = g.i64(g.out);
            clockSub(g, in, 0, 1, Abi.CLOCK_MONOTONIC, 1, Abi.SUBCLOCKFLAGS_ABSTIME);          // long past
            clockSub(g, in, 1, 2, Abi.CLOCK_REALTIME, realNow - 1_000_000, Abi.SUBCLOCKFLAGS_ABSTIME);
            clockSub(g, in, 2, 3, Abi.CLOCK_MONOTONIC, 3_600_000_000_000L, 0);                // an hour
            long t0 = System.nanoTime();
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 3, g.out, g.ctx));
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
            assertEquals(2, g.i32(g.out));
            assertEquals("1/0/0/0/0", event(g, out, 0));
            assertEquals("2/0/0/0/0", event(g, out, 1));
        }
    }

    @Test
    void absolute_realtime_deadline_in_the_near_future_is_waited_for() {
        try (Guest g = new Guest(b -> {})) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            WasiPreview1.clock_time_get(Abi.CLOCK_REALTIME, 0, g.out, g.ctx);
            clockSub(g, in, 0, 5, Abi.CLOCK_REALTIME, g.i64(g.out) + 30_000_000L, Abi.SUBCLOCKFLAGS_ABSTIME);
            long t0 = System.nanoTime();
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 1, g.out, g.ctx));
            assertTrue(System.nanoTime() - t0 >= 20_000_000L);
            assertEquals("5/0/0/0/0", event(g, out, 0));
        }
    }

    @Test
    void files_and_stdout_are_ready_immediately() throws Exception {
        Files.writeString(root.resolve("f"), "0123456789");
        try (Guest g = Guest.withPreopen(root)) {
            int fd = g.open(3, "f", 0, Rights.REGULAR_FILE_BASE, 0);
            g.read(fd, 4);
            int in = g.alloc(3 * 48);
            int out = g.alloc(3 * 32);
            fdSub(g, in, 0, 10, Abi.EVENTTYPE_FD_READ, fd);
            fdSub(g, in, 1, 11, Abi.EVENTTYPE_FD_WRITE, 1);
            clockSub(g, in, 2, 12, Abi.CLOCK_MONOTONIC, 3_600_000_000_000L, 0);
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 3, g.out, g.ctx));
            assertEquals(2, g.i32(g.out));
            assertEquals("10/0/1/6/0", event(g, out, 0), "six bytes left to read");
            assertEquals("11/0/2/0/0", event(g, out, 1));
        }
    }

    @Test
    void stdin_with_buffered_input_is_ready() {
        try (Guest g = new Guest(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), b -> {})) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            fdSub(g, in, 0, 20, Abi.EVENTTYPE_FD_READ, 0);
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 1, g.out, g.ctx));
            assertEquals("20/0/1/3/0", event(g, out, 0));
            assertEquals("abc", g.read(0, 10));
        }
    }

    @Test
    void stdin_without_a_timeout_blocks_until_input_arrives_and_keeps_it() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(feed);
        try (Guest g = new Guest(pipe, b -> {})) {
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    feed.write("late".getBytes(StandardCharsets.UTF_8));
                    feed.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            int in = g.alloc(48);
            int out = g.alloc(32);
            fdSub(g, in, 0, 30, Abi.EVENTTYPE_FD_READ, 0);
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 1, g.out, g.ctx));
            assertEquals(1, g.i32(g.out));
            assertEquals("30/0/1/4/0", event(g, out, 0));
            assertEquals("late", g.read(0, 10), "the bytes poll read ahead are not lost");
            writer.join();
        }
    }

    @Test
    void stdin_at_end_of_input_reports_hangup() {
        try (Guest g = new Guest(new ByteArrayInputStream(new byte[0]), b -> {})) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            fdSub(g, in, 0, 40, Abi.EVENTTYPE_FD_READ, 0);
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 1, g.out, g.ctx));
            assertEquals("40/0/1/0/" + Abi.EVENTRWFLAGS_FD_READWRITE_HANGUP, event(g, out, 0));
            assertEquals("", g.read(0, 10));
        }
    }

    @Test
    void stdin_without_input_lets_the_clock_fire() throws Exception {
        PipedInputStream pipe = new PipedInputStream(new PipedOutputStream());
        try (Guest g = new Guest(pipe, b -> {})) {
            int in = g.alloc(2 * 48);
            int out = g.alloc(2 * 32);
            fdSub(g, in, 0, 50, Abi.EVENTTYPE_FD_READ, 0);
            clockSub(g, in, 1, 51, Abi.CLOCK_MONOTONIC, 40_000_000L, 0);
            long t0 = System.nanoTime();
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 2, g.out, g.ctx));
            assertTrue(System.nanoTime() - t0 >= 40_000_000L);
            assertEquals(1, g.i32(g.out));
            assertEquals("51/0/0/0/0", event(g, out, 0));
        }
    }

    @Test
    void subscription_errors_are_reported_as_events() {
        try (Guest g = new Guest(b -> {})) {
            int in = g.alloc(5 * 48);
            int out = g.alloc(5 * 32);
            fdSub(g, in, 0, 60, Abi.EVENTTYPE_FD_READ, 42);
            clockSub(g, in, 1, 61, Abi.CLOCK_PROCESS_CPUTIME_ID, 1, 0);
            clockSub(g, in, 2, 62, 9, 1, 0);
            fdSub(g, in, 3, 63, Abi.EVENTTYPE_FD_READ, 1);  // reading stdout could never become ready
            fdSub(g, in, 4, 64, Abi.EVENTTYPE_FD_WRITE, 0); // nor writing stdin
            assertEquals(Errno.SUCCESS, WasiPreview1.poll_oneoff(in, out, 5, g.out, g.ctx));
            assertEquals(5, g.i32(g.out));
            assertEquals("60/" + Errno.EBADF + "/1/0/0", event(g, out, 0));
            assertEquals("61/" + Errno.ENOTSUP + "/0/0/0", event(g, out, 1));
            assertEquals("62/" + Errno.EINVAL + "/0/0/0", event(g, out, 2));
            assertEquals("63/" + Errno.EBADF + "/1/0/0", event(g, out, 3));
            assertEquals("64/" + Errno.EBADF + "/2/0/0", event(g, out, 4));
        }
    }

    @Test
    void invalid_requests_fail_as_a_whole() {
        try (Guest g = new Guest(b -> {})) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            assertEquals(Errno.EINVAL, WasiPreview1.poll_oneoff(in, out, 0, g.out, g.ctx));
            g.mem()[in + 8] = 3; // no such event type
            assertEquals(Errno.EINVAL, WasiPreview1.poll_oneoff(in, out, 1, g.out, g.ctx));
            clockSub(g, in, 0, 1, Abi.CLOCK_MONOTONIC, 0, 0);
            assertEquals(Errno.EFAULT, WasiPreview1.poll_oneoff(65536 - 40, out, 1, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.poll_oneoff(in, 65536 - 16, 1, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.poll_oneoff(in, out, 1, 65534, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.poll_oneoff(in, out, 0x10000000, g.out, g.ctx));
        }
    }
}
