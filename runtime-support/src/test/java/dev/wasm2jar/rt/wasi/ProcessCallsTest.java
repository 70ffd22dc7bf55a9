package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.ProcExit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** args, environ, clocks, random, proc_*, sched_yield and the socket stubs. */
class ProcessCallsTest {

    @Test
    void args_sizes_get_counts_argv0_and_utf8_bytes_with_terminators() {
        try (Guest g = new Guest(b -> b.args(List.of("prog", "a b", "é")))) {
            int argc = g.alloc(4);
            int size = g.alloc(4);
            assertEquals(Errno.SUCCESS, WasiPreview1.args_sizes_get(argc, size, g.ctx));
            assertEquals(3, g.i32(argc));
            assertEquals(5 + 4 + 3, g.i32(size)); // "prog\0" "a b\0" "é\0" (é is 2 bytes)
        }
    }

    @Test
    void args_get_writes_pointers_and_nul_terminated_strings() {
        try (Guest g = new Guest(b -> b.args(List.of("prog", "x", "")))) {
            int argv = g.alloc(12);
            int buf = g.alloc(16);
            assertEquals(Errno.SUCCESS, WasiPreview1.args_get(argv, buf, g.ctx));
            assertEquals(buf, g.i32(argv));
            assertEquals(buf + 5, g.i32(argv + 4));
            assertEquals(buf + 7, g.i32(argv + 8));
            assertEquals("prog\0x\0\0", g.string(buf, 8));
        }
    }

    @Test
    void environ_sizes_get_and_environ_get_keep_insertion_order() {
        try (Guest g = new Guest(b -> b.env("B", "2").env("A", "1=one").env("B", "3"))) {
            int count = g.alloc(4);
            int size = g.alloc(4);
            assertEquals(Errno.SUCCESS, WasiPreview1.environ_sizes_get(count, size, g.ctx));
            assertEquals(2, g.i32(count));
            assertEquals(4 + 8, g.i32(size));
            int ptrs = g.alloc(8);
            int buf = g.alloc(g.i32(size));
            assertEquals(Errno.SUCCESS, WasiPreview1.environ_get(ptrs, buf, g.ctx));
            assertEquals("B=3", g.string(g.i32(ptrs), 3));
            assertEquals("A=1=one", g.string(g.i32(ptrs + 4), 7));
        }
    }

    @Test
    void inherit_env_passes_host_variables() {
        String someName = System.getenv().keySet().iterator().next();
        try (Guest g = new Guest(b -> b.inheritEnv().env("WASM2JAR_TEST", "yes"))) {
            int count = g.alloc(4);
            int size = g.alloc(4);
            assertEquals(Errno.SUCCESS, WasiPreview1.environ_sizes_get(count, size, g.ctx));
            assertEquals(System.getenv().size() + (System.getenv().containsKey("WASM2JAR_TEST") ? 0 : 1), g.i32(count));
            int ptrs = g.alloc(4 * g.i32(count));
            int buf = g.bytes(new byte[g.i32(size)]);
            assertEquals(Errno.SUCCESS, WasiPreview1.environ_get(ptrs, buf, g.ctx));
            String all = g.string(buf, g.i32(size));
            assertTrue(all.contains(someName + "="));
            assertTrue(all.contains("WASM2JAR_TEST=yes\0"));
        }
    }

    @Test
    void args_get_with_buffer_past_memory_end_is_efault_and_writes_nothing() {
        try (Guest g = new Guest(b -> b.args(List.of("program-name")))) {
            int argv = g.alloc(4);
            assertEquals(Errno.EFAULT, WasiPreview1.args_get(argv, 65536 - 4, g.ctx));
            assertEquals(0, g.i32(argv));
            assertEquals(Errno.EFAULT, WasiPreview1.args_sizes_get(-1, argv, g.ctx));
        }
    }

    @Test
    void clock_res_get_for_all_clocks_and_einval_for_unknown() {
        try (Guest g = new Guest(b -> {})) {
            for (int id = 0; id <= 3; id++) {
                assertEquals(Errno.SUCCESS, WasiPreview1.clock_res_get(id, g.out, g.ctx));
                assertTrue(g.i64(g.out) > 0, "resolution of clock " + id);
            }
            assertEquals(Errno.EINVAL, WasiPreview1.clock_res_get(4, g.out, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.clock_res_get(0, 65535, g.ctx));
        }
    }

    @Test
    void clock_time_get_realtime_is_epoch_nanos_and_monotonic_does_not_go_back() {
        try (Guest g = new Guest(b -> {})) {
            long before = System.currentTimeMillis();
            assertEquals(Errno.SUCCESS, WasiPreview1.clock_time_get(0, 1, g.out, g.ctx));
            long realtimeMillis = g.i64(g.out) / 1_000_000;
            assertTrue(Math.abs(realtimeMillis - before) < 5_000, "realtime " + realtimeMillis + " vs " + before);

            assertEquals(Errno.SUCCESS, WasiPreview1.clock_time_get(1, 1, g.out, g.ctx));
            long m1 = g.i64(g.out);
            assertEquals(Errno.SUCCESS, WasiPreview1.clock_time_get(1, 1, g.out, g.ctx));
            long m2 = g.i64(g.out);
            assertTrue(m1 > 0 && m2 >= m1);
        }
    }

    @Test
    void clock_time_get_cpu_clocks_advance_with_work() {
        try (Guest g = new Guest(b -> {})) {
            for (int id : new int[] {2, 3}) {
                assertEquals(Errno.SUCCESS, WasiPreview1.clock_time_get(id, 0, g.out, g.ctx));
                long t1 = g.i64(g.out);
                long spin = 0;
                for (int i = 0; i < 20_000_000; i++) {
                    spin += i ^ (spin >>> 3);
                }
                assertTrue(spin != 42);
                assertEquals(Errno.SUCCESS, WasiPreview1.clock_time_get(id, 0, g.out, g.ctx));
                assertTrue(g.i64(g.out) > t1, "cpu clock " + id + " advanced");
            }
            assertEquals(Errno.EINVAL, WasiPreview1.clock_time_get(7, 0, g.out, g.ctx));
        }
    }

    @Test
    void clock_override_is_used() {
        WasiClock fixed = new WasiClock() {
            public long realtimeNanos() { return 1_700_000_000_000_000_000L; }
            public long monotonicNanos() { return 42; }
            public long processCpuNanos() { return 7; }
            public long threadCpuNanos() { return 8; }
        };
        try (Guest g = new Guest(b -> b.clock(fixed))) {
            WasiPreview1.clock_time_get(0, 0, g.out, g.ctx);
            assertEquals(1_700_000_000_000_000_000L, g.i64(g.out));
            WasiPreview1.clock_time_get(1, 0, g.out, g.ctx);
            assertEquals(42, g.i64(g.out));
            WasiPreview1.clock_time_get(3, 0, g.out, g.ctx);
            assertEquals(8, g.i64(g.out));
        }
    }

    @Test
    void random_get_fills_exactly_the_buffer_from_the_configured_source() {
        try (Guest g = new Guest(b -> b.random(new Random(1234)))) {
            int buf = g.alloc(10_000);
            g.mem()[buf + 10_000] = 0x5A; // the byte just after must stay
            assertEquals(Errno.SUCCESS, WasiPreview1.random_get(buf, 9_999, g.ctx));
            // Same seed, same 4096-byte chunking: the bytes are reproducible.
            Random r = new Random(1234);
            byte[] expected = new byte[9_999];
            byte[] chunk = new byte[4096];
            for (int done = 0; done < expected.length; done += 4096) {
                r.nextBytes(chunk);
                System.arraycopy(chunk, 0, expected, done, Math.min(4096, expected.length - done));
            }
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(g.mem(), buf, buf + 9_999));
            assertEquals(0, g.mem()[buf + 9_999]);
            assertEquals(0x5A, g.mem()[buf + 10_000]);
            assertEquals(Errno.EFAULT, WasiPreview1.random_get(65530, 10, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.random_get(buf, 0, g.ctx));
        }
    }

    @Test
    void random_get_default_source_is_not_constant() {
        try (Guest g = new Guest(b -> {})) {
            int buf = g.alloc(64);
            assertEquals(Errno.SUCCESS, WasiPreview1.random_get(buf, 64, g.ctx));
            byte[] first = java.util.Arrays.copyOfRange(g.mem(), buf, buf + 64);
            assertEquals(Errno.SUCCESS, WasiPreview1.random_get(buf, 64, g.ctx));
            assertFalse(java.util.Arrays.equals(first, java.util.Arrays.copyOfRange(g.mem(), buf, buf + 64)));
        }
    }

    @Test
    void proc_exit_throws_proc_exit_with_code_and_flushes_stdout() {
        try (Guest g = new Guest(b -> {})) {
            g.write(1, "bye");
            assertEquals(0, g.stdout.size(), "stdout is buffered");
            ProcExit e = assertThrows(ProcExit.class, () -> WasiPreview1.proc_exit(3, g.ctx));
            assertEquals(3, e.code());
            assertEquals("bye", g.stdout.toString());
        }
    }

    @Test
    void proc_raise_is_not_supported() {
        try (Guest g = new Guest(b -> {})) {
            assertEquals(Errno.ENOSYS, WasiPreview1.proc_raise(6, g.ctx)); // SIGABRT
            assertEquals(Errno.ENOSYS, WasiPreview1.proc_raise(99, g.ctx));
        }
    }

    @Test
    void sched_yield_succeeds() {
        try (Guest g = new Guest(b -> {})) {
            assertEquals(Errno.SUCCESS, WasiPreview1.sched_yield(g.ctx));
        }
    }

    @Test
    void sockets_are_ebadf_for_unused_fds_and_enotsup_otherwise() {
        try (Guest g = new Guest(b -> {})) {
            assertEquals(Errno.EBADF, WasiPreview1.sock_accept(9, 0, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.sock_recv(9, 0, 0, 0, g.out, g.out + 4, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.sock_send(9, 0, 0, 0, g.out, g.ctx));
            assertEquals(Errno.EBADF, WasiPreview1.sock_shutdown(9, Abi.SDFLAGS_RD, g.ctx));
            assertEquals(Errno.ENOTSUP, WasiPreview1.sock_accept(0, 0, g.out, g.ctx));
            assertEquals(Errno.ENOTSUP, WasiPreview1.sock_recv(0, 0, 0, 0, g.out, g.out + 4, g.ctx));
            assertEquals(Errno.ENOTSUP, WasiPreview1.sock_send(1, 0, 0, 0, g.out, g.ctx));
            assertEquals(Errno.ENOTSUP, WasiPreview1.sock_shutdown(1, Abi.SDFLAGS_WR, g.ctx));
        }
    }
}
