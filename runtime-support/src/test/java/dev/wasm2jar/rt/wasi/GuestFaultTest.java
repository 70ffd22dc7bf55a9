package dev.wasm2jar.rt.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The API surface as a whole: exactly the 46 preview1 functions with the witx signatures, and no Java
 * exception escaping any of them whatever the arguments.
 */
class GuestFaultTest {
    @TempDir
    Path root;

    /** witx core signatures: i = i32, l = i64; every function returns an i32 errno except proc_exit. */
    private static final String[] SIGNATURES = {
        "args_get ii", "args_sizes_get ii", "environ_get ii", "environ_sizes_get ii",
        "clock_res_get ii", "clock_time_get ili",
        "fd_advise illi", "fd_allocate ill", "fd_close i", "fd_datasync i", "fd_fdstat_get ii",
        "fd_fdstat_set_flags ii", "fd_fdstat_set_rights ill", "fd_filestat_get ii", "fd_filestat_set_size il",
        "fd_filestat_set_times illi", "fd_pread iiili", "fd_prestat_get ii", "fd_prestat_dir_name iii",
        "fd_pwrite iiili", "fd_read iiii", "fd_readdir iiili", "fd_renumber ii", "fd_seek ilii", "fd_sync i",
        "fd_tell ii", "fd_write iiii",
        "path_create_directory iii", "path_filestat_get iiiii", "path_filestat_set_times iiiilli",
        "path_link iiiiiii", "path_open iiiiillii", "path_readlink iiiiii", "path_remove_directory iii",
        "path_rename iiiiii", "path_symlink iiiii", "path_unlink_file iii",
        "poll_oneoff iiii", "proc_exit i", "proc_raise i", "sched_yield ", "random_get ii",
        "sock_accept iii", "sock_recv iiiiii", "sock_send iiiii", "sock_shutdown ii",
    };

    private static Method method(String name) {
        return Arrays.stream(WasiPreview1.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("missing " + name));
    }

    @Test
    void exactly_the_46_functions_with_witx_signatures() {
        assertEquals(46, SIGNATURES.length);
        Set<String> expected = new TreeSet<>();
        for (String sig : SIGNATURES) {
            String[] parts = sig.split(" ", -1);
            expected.add(parts[0]);
            Method m = method(parts[0]);
            assertTrue(Modifier.isStatic(m.getModifiers()), parts[0]);
            Class<?>[] params = m.getParameterTypes();
            assertEquals(parts[1].length() + 1, params.length, parts[0]);
            for (int i = 0; i < parts[1].length(); i++) {
                assertEquals(parts[1].charAt(i) == 'i' ? int.class : long.class, params[i], parts[0] + " param " + i);
            }
            assertEquals(WasiContext.class, params[params.length - 1]);
            assertEquals(parts[0].equals("proc_exit") ? void.class : int.class, m.getReturnType(), parts[0]);
        }
        Set<String> actual = new TreeSet<>();
        for (Method m : WasiPreview1.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                actual.add(m.getName());
            }
        }
        assertEquals(expected, actual);
    }

    /**
     * Calls every function (but proc_exit) with every combination of hostile values in each pointer-ish
     * slot: pointers past the end, at 2^31, at 2^32-1; huge lengths; negative fds. Each call must return
     * an errno in the spec's range, never throw.
     */
    @Test
    void hostile_arguments_never_throw() throws Exception {
        Path box = Files.createDirectory(root.resolve("box"));
        Files.writeString(box.resolve("f"), "data");
        Files.writeString(root.resolve("outside"), "untouched");
        java.util.Map<String, String> before = HostTree.snapshot(root);
        before.keySet().removeIf(k -> k.startsWith("box"));
        int[] ints = {0, 3, 4, 65535, 65536, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, -8};
        long[] longs = {0, -1, Long.MIN_VALUE, 5};
        List<String> failures = new ArrayList<>();
        try (Guest g = Guest.withPreopen(box)) {
            g.open(3, "f", 0, Rights.REGULAR_FILE_BASE, 0); // fd 4
            for (String sig : SIGNATURES) {
                String name = sig.substring(0, sig.indexOf(' '));
                if (name.equals("proc_exit") || name.equals("fd_close") || name.equals("fd_renumber")
                        || name.equals("poll_oneoff")) {
                    continue; // these either end the guest, destroy the fds, or may sleep; covered elsewhere
                }
                String types = sig.substring(sig.indexOf(' ') + 1);
                Method m = method(name);
                for (int round = 0; round < 40; round++) {
                    Object[] args = new Object[types.length() + 1];
                    for (int i = 0; i < types.length(); i++) {
                        int pick = (round * 7 + i * 13 + round / 3) % 9;
                        args[i] = types.charAt(i) == 'i' ? (Object) ints[pick] : (Object) longs[pick % longs.length];
                    }
                    args[types.length()] = g.ctx;
                    try {
                        int errno = (Integer) m.invoke(null, args);
                        if (errno < 0 || errno > Errno.ENOTCAPABLE) {
                            failures.add(name + Arrays.toString(args) + " -> " + errno);
                        }
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        failures.add(name + " threw " + e.getCause());
                    }
                }
            }
            if (!failures.isEmpty()) {
                fail(String.join("\n", failures));
            }
        }
        java.util.Map<String, String> after = HostTree.snapshot(root);
        after.keySet().removeIf(k -> k.startsWith("box"));
        assertEquals(before, after, "nothing outside the sandbox changed");
    }

    @Test
    void pointers_at_the_very_end_of_memory_are_efault() {
        try (Guest g = Guest.withPreopen(root)) {
            int end = 65536;
            assertEquals(Errno.EFAULT, WasiPreview1.fd_fdstat_get(1, end - 23, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_fdstat_get(1, end - 24, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_filestat_get(3, end - 63, g.ctx));
            assertEquals(Errno.SUCCESS, WasiPreview1.fd_filestat_get(3, end - 64, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.fd_prestat_get(3, end - 7, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.clock_time_get(0, 0, 0x80000000, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.random_get(0xFFFFFFFF, 2, g.ctx));
            assertEquals(Errno.EFAULT, WasiPreview1.path_create_directory(3, end - 2, 3, g.ctx));
        }
    }

    @Test
    void no_memory_bound_means_every_pointer_faults() {
        WasiContext ctx = WasiContext.builder().build();
        assertEquals(Errno.EFAULT, WasiPreview1.args_sizes_get(0, 4, ctx));
        assertEquals(Errno.EFAULT, WasiPreview1.clock_time_get(0, 0, 0, ctx));
        assertEquals(Errno.SUCCESS, WasiPreview1.sched_yield(ctx));
        ctx.close();
    }
}
