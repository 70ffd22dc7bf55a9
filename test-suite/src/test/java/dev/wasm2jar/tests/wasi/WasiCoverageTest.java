package dev.wasm2jar.tests.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.wasm2jar.rt.wasi.WasiPreview1;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue #3, "every WASI function has at least one test": one row per {@code wasi_snapshot_preview1}
 * function, passing when at least one program of {@code test-suite/wasi/tests.txt} (run by
 * {@link WasiProgramsTest}) imports it. A program imports only what its code calls (wasi-libc's imports
 * are pulled in by use), and each program checks the results of the calls it makes.
 *
 * <p>A function no program can exercise goes into {@link #NOT_COVERED} with the reason and where it is
 * tested instead; the list is printed, and an entry fails once a program does cover it.
 */
class WasiCoverageTest {
    /** All 46 functions of wasi_snapshot_preview1 (WASI's witx/wasi_snapshot_preview1.witx), in its order. */
    static final List<String> PREVIEW1_FUNCTIONS = List.of(
            "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
            "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
            "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
            "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
            "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
            "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
            "sock_recv", "sock_send", "sock_shutdown");

    /**
     * Functions no test program covers, with the reason. Empty: {@code misc} even reaches the sock_*
     * functions (on an fd that is not a socket, expecting EBADF; real sockets need a host socket, which
     * WasiContext cannot preopen, and are covered by runtime-support's unit tests).
     */
    static final Map<String, String> NOT_COVERED = Map.of();

    @TestFactory
    Stream<DynamicTest> everyFunctionIsImportedByAProgram() throws IOException {
        assertEquals(46, new LinkedHashSet<>(PREVIEW1_FUNCTIONS).size());
        Map<String, Set<String>> importers = importers();

        Set<String> unknown = new TreeSet<>(importers.keySet());
        PREVIEW1_FUNCTIONS.forEach(unknown::remove);
        assertTrue(unknown.isEmpty(), "programs import functions that are not in wasi_snapshot_preview1: " + unknown);
        assertTrue(PREVIEW1_FUNCTIONS.containsAll(NOT_COVERED.keySet()), "NOT_COVERED names unknown functions: " + NOT_COVERED.keySet());

        printTable(importers);
        List<DynamicTest> rows = new ArrayList<>();
        for (String function : PREVIEW1_FUNCTIONS) {
            Set<String> programs = importers.getOrDefault(function, Set.of());
            // The source URI (a program covering the function, else the manifest) makes reports show the name.
            URI source = (programs.isEmpty() ? WasiProgram.DIR.resolve("tests.txt")
                    : WasiProgram.DIR.resolve("wasm").resolve(programs.iterator().next() + ".wasm")).toUri();
            rows.add(DynamicTest.dynamicTest(function, source, () -> {
                assertTrue(hasImplementation(function), "WasiPreview1 has no method " + function);
                String reason = NOT_COVERED.get(function);
                if (reason != null) {
                    assertTrue(programs.isEmpty(), function + " is in NOT_COVERED but " + programs + " now cover it; remove the entry");
                    Assumptions.abort("not covered by a program: " + reason);
                }
                assertFalse(programs.isEmpty(), "no program in test-suite/wasi imports " + function);
            }));
        }
        return rows.stream();
    }

    /** Function name to the programs that import it from wasi_snapshot_preview1. */
    static Map<String, Set<String>> importers() throws IOException {
        Map<String, Set<String>> importers = new TreeMap<>();
        for (WasiProgram p : WasiProgram.readManifest()) {
            WasmModule module = Parser.parse(Files.readAllBytes(p.wasm()));
            module.importSection().stream()
                    .filter(i -> i.importType() == ExternalType.FUNCTION && i.module().equals(WasiPreview1.MODULE))
                    .forEach(i -> importers.computeIfAbsent(i.name(), k -> new TreeSet<>()).add(p.name()));
        }
        return importers;
    }

    private static boolean hasImplementation(String function) {
        return Stream.of(WasiPreview1.class.getMethods()).anyMatch(m -> m.getName().equals(function));
    }

    private static void printTable(Map<String, Set<String>> importers) {
        StringBuilder sb = new StringBuilder("WASI coverage by test-suite/wasi programs (function: programs importing it)\n");
        for (String function : PREVIEW1_FUNCTIONS) {
            Set<String> programs = importers.getOrDefault(function, Set.of());
            sb.append(String.format("  %-24s %s%n", function, programs.isEmpty() ? "-" : String.join(", ", programs)));
        }
        sb.append("Allow-list (functions not covered by a program):").append(NOT_COVERED.isEmpty() ? " none\n" : "\n");
        new TreeMap<>(NOT_COVERED).forEach((f, reason) -> sb.append("  ").append(f).append(": ").append(reason).append('\n'));
        System.out.print(sb);
    }
}
