package dev.wasm2jar.rt.wasi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.wasm2jar.rt.wasi.Abi.LOOKUPFLAGS_SYMLINK_FOLLOW;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_CREAT;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_DIRECTORY;
import static dev.wasm2jar.rt.wasi.Abi.OFLAGS_TRUNC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way out of a preopened directory must fail with ENOTCAPABLE (76) and leave the host outside the
 * sandbox exactly as it was. Layout: {@code tmp/sandbox} is preopened as fd 3; {@code tmp/outside} holds a
 * file and a directory the guest must never reach. After each test the whole of {@code tmp} apart from the
 * sandbox is compared with a snapshot taken before.
 */
class SandboxEscapeTest {
    private static final long RW = Rights.REGULAR_FILE_BASE;
    private static final int FOLLOW = LOOKUPFLAGS_SYMLINK_FOLLOW;

    @TempDir
    Path tmp;
    Path sandbox;
    Path outside;
    Guest g;
    private Map<String, String> outsideBefore;
    private Map<String, String> tmpTopBefore;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = Files.createDirectory(tmp.resolve("sandbox"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "top secret");
        Files.createDirectory(outside.resolve("dir"));
        Files.writeString(sandbox.resolve("inside"), "in");
        Files.createDirectory(sandbox.resolve("sub"));
        g = Guest.withPreopen(sandbox);
        outsideBefore = HostTree.snapshot(outside);
        tmpTopBefore = topLevel();
    }

    private Map<String, String> topLevel() throws Exception {
        Map<String, String> names = new java.util.TreeMap<>();
        try (var s = Files.list(tmp)) {
            s.forEach(p -> names.put(p.getFileName().toString(), ""));
        }
        return names;
    }

    @AfterEach
    void nothingOutsideChanged() throws Exception {
        g.close();
        assertEquals(outsideBefore, HostTree.snapshot(outside), "the outside directory changed");
        assertEquals(tmpTopBefore, topLevel(), "something appeared next to the sandbox");
    }

    private int open(int fd, String path, int lookup, int oflags) {
        return g.openErrno(fd, path, lookup, oflags, RW, 0);
    }

    private int mkdir(int fd, String path) {
        return WasiPreview1.path_create_directory(fd, g.str(path), Guest.len(path), g.ctx);
    }

    // ---------------------------------------------------------------- ".." climbing

    @Test
    void dotdot_above_the_preopen_is_refused() {
        assertEquals(Errno.ENOTCAPABLE, open(3, "../outside/secret", FOLLOW, 0));
        assertEquals(Errno.ENOTCAPABLE, open(3, "..", FOLLOW, OFLAGS_DIRECTORY));
        assertEquals(Errno.ENOTCAPABLE, open(3, "sub/../../outside/secret", FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, open(3, "sub/../../escaped", FOLLOW, OFLAGS_CREAT));
        assertEquals(Errno.ENOTCAPABLE, open(3, "./sub/./../../sandbox/inside", FOLLOW, 0),
                "climbing out and back in still leaves the sandbox on the way");
        assertEquals(Errno.ENOTCAPABLE, mkdir(3, "../newdir"));
        int buf = g.alloc(64);
        String p = "../outside/secret";
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_filestat_get(3, FOLLOW, g.str(p), Guest.len(p), buf, g.ctx));
        assertEquals(0, g.i64(buf + 32), "no metadata leaked");
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_unlink_file(3, g.str(p), Guest.len(p), g.ctx));
        String d = "../outside/dir";
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_remove_directory(3, g.str(d), Guest.len(d), g.ctx));
    }

    @Test
    void dotdot_above_an_opened_subdirectory_is_refused_even_inside_the_preopen() {
        int sub = g.open(3, "sub", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
        assertEquals(Errno.ENOTCAPABLE, g.openErrno(sub, "../inside", FOLLOW, 0, Rights.FD_READ, 0));
        assertEquals(Errno.ENOTCAPABLE, mkdir(sub, "../made-from-sub"));
        assertTrue(Files.notExists(sandbox.resolve("made-from-sub")));
    }

    @Test
    void dotdot_cannot_reach_a_sibling_preopen() throws Exception {
        g.close();
        g = new Guest(b -> b.preopen(sandbox, "/a").preopen(outside, "/b"));
        outsideBefore = HostTree.snapshot(outside);
        assertEquals(Errno.ENOTCAPABLE, open(3, "../outside/secret", FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, mkdir(3, "../outside/planted"));
    }

    // ---------------------------------------------------------------- absolute paths

    @Test
    void absolute_paths_are_refused() {
        String abs = outside.resolve("secret").toString();
        assertEquals(Errno.ENOTCAPABLE, open(3, abs, FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, open(3, "/sandbox/inside", FOLLOW, 0), "the guest path of the preopen is not a prefix here");
        assertEquals(Errno.ENOTCAPABLE, open(3, "/", FOLLOW, OFLAGS_DIRECTORY));
        assertEquals(Errno.ENOTCAPABLE, mkdir(3, outside.resolve("abs-dir").toString()));
        String absFile = outside.resolve("secret").toString();
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_unlink_file(3, g.str(absFile), Guest.len(absFile), g.ctx));
    }

    // ---------------------------------------------------------------- symlinks pointing outside

    @Test
    void symlink_with_absolute_target_outside_is_not_followed() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("abs-link"), outside.resolve("secret"));
        assertEquals(Errno.ENOTCAPABLE, open(3, "abs-link", FOLLOW, 0));
        assertEquals(Errno.ENOTCAPABLE, open(3, "abs-link", FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, open(3, "abs-link", FOLLOW, OFLAGS_CREAT));
        int buf = g.alloc(64);
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_filestat_get(3, FOLLOW, g.str("abs-link"), 8, buf, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_filestat_set_times(3, FOLLOW, g.str("abs-link"), 8,
                0, 0, Abi.FSTFLAGS_MTIM_NOW | Abi.FSTFLAGS_ATIM_NOW, g.ctx));
        // without following, the link itself is an ordinary entry of the sandbox
        assertEquals(Errno.SUCCESS, WasiPreview1.path_filestat_get(3, 0, g.str("abs-link"), 8, buf, g.ctx));
        assertEquals(Abi.FILETYPE_SYMBOLIC_LINK, g.u8(buf + 16));
    }

    @Test
    void symlink_with_relative_target_outside_is_not_followed() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("rel-link"), Path.of("../outside/secret"));
        Files.createSymbolicLink(sandbox.resolve("sub/deep-link"), Path.of("../../outside/secret"));
        assertEquals(Errno.ENOTCAPABLE, open(3, "rel-link", FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, open(3, "sub/deep-link", FOLLOW, OFLAGS_TRUNC));
        int sub = g.open(3, "sub", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
        assertEquals(Errno.ENOTCAPABLE, g.openErrno(sub, "deep-link", FOLLOW, OFLAGS_TRUNC, RW, 0));
    }

    @Test
    void dangling_symlink_to_outside_does_not_create_its_target() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("plant"), Path.of("../outside/planted"));
        Files.createSymbolicLink(sandbox.resolve("plant-abs"), outside.resolve("planted-abs"));
        assertEquals(Errno.ENOTCAPABLE, open(3, "plant", FOLLOW, OFLAGS_CREAT));
        assertEquals(Errno.ENOTCAPABLE, open(3, "plant-abs", FOLLOW, OFLAGS_CREAT));
    }

    @Test
    void symlink_chain_leaving_at_the_last_hop_is_refused() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("hop1"), Path.of("sub/hop2"));
        Files.createSymbolicLink(sandbox.resolve("sub/hop2"), Path.of("hop3"));
        Files.createSymbolicLink(sandbox.resolve("sub/hop3"), Path.of("../../outside/secret"));
        assertEquals(Errno.ENOTCAPABLE, open(3, "hop1", FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, open(3, "hop1", FOLLOW, OFLAGS_CREAT));
        // each hop inside is fine on its own
        assertEquals(Errno.SUCCESS, WasiPreview1.path_filestat_get(3, 0, g.str("sub/hop2"), 8, g.alloc(64), g.ctx));
    }

    @Test
    void symlink_chain_through_directories_is_refused() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("up"), Path.of("sub/.."));
        Files.createSymbolicLink(sandbox.resolve("sub/upup"), Path.of("../up/.."));
        assertEquals(Errno.ENOTCAPABLE, open(3, "sub/upup/outside/secret", FOLLOW, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, mkdir(3, "sub/upup/outside/made"));
        // "up" alone stays inside: it names the sandbox root
        assertEquals(Errno.SUCCESS, g.openErrno(3, "up/inside", FOLLOW, 0, Rights.FD_READ, 0));
    }

    @Test
    void symlink_in_a_middle_component_is_refused() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("outdir"), outside);
        Files.createSymbolicLink(sandbox.resolve("sub/outdir-rel"), Path.of("../../outside"));
        assertEquals(Errno.ENOTCAPABLE, open(3, "outdir/secret", 0, OFLAGS_TRUNC), "middle links are followed (and checked) even without FOLLOW");
        assertEquals(Errno.ENOTCAPABLE, open(3, "sub/outdir-rel/secret", 0, OFLAGS_TRUNC));
        assertEquals(Errno.ENOTCAPABLE, open(3, "outdir/new-file", 0, OFLAGS_CREAT));
        assertEquals(Errno.ENOTCAPABLE, mkdir(3, "outdir/newdir"));
        assertEquals(Errno.ENOTCAPABLE, mkdir(3, "sub/outdir-rel/dir/nested"));
        String victim = "outdir/secret";
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_unlink_file(3, g.str(victim), Guest.len(victim), g.ctx));
        String victimDir = "outdir/dir";
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_remove_directory(3, g.str(victimDir), Guest.len(victimDir), g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_symlink(g.str("x"), 1, 3, g.str("outdir/l"), 8, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, open(3, "outdir/", FOLLOW, OFLAGS_DIRECTORY), "a trailing slash follows the link");
        int buf = g.alloc(64);
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_readlink(3, g.str("outdir/x"), 8, buf, 64, g.out, g.ctx));
    }

    // ---------------------------------------------------------------- rename / link / symlink out

    @Test
    void rename_out_of_or_into_the_sandbox_is_refused() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("outdir"), outside);
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("inside"), 6, 3, g.str("../stolen"), 9, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("inside"), 6, 3, g.str("outdir/secret"), 13, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("outdir/secret"), 13, 3, g.str("got"), 3, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("../outside/secret"), 17, 3, g.str("got"), 3, g.ctx));
        String abs = outside.resolve("moved").toString();
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("inside"), 6, 3, g.str(abs), Guest.len(abs), g.ctx));
        assertTrue(Files.exists(sandbox.resolve("inside")));
        assertTrue(Files.notExists(sandbox.resolve("got")));
    }

    @Test
    void rename_between_preopens_stays_inside_each() throws Exception {
        Path other = Files.createDirectory(tmp.resolve("other"));
        g.close();
        g = new Guest(b -> b.preopen(sandbox, "/a").preopen(other, "/b"));
        tmpTopBefore = topLevel();
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(3, g.str("inside"), 6, 4, g.str("../outside/x"), 12, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_rename(4, g.str("../outside/secret"), 17, 3, g.str("x"), 1, g.ctx));
        assertEquals(Errno.SUCCESS, WasiPreview1.path_rename(3, g.str("inside"), 6, 4, g.str("moved"), 5, g.ctx));
        assertTrue(Files.exists(other.resolve("moved")));
    }

    @Test
    void hard_links_out_of_or_into_the_sandbox_are_refused() throws Exception {
        Files.createSymbolicLink(sandbox.resolve("outdir"), outside);
        Files.createSymbolicLink(sandbox.resolve("secret-link"), outside.resolve("secret"));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_link(3, 0, g.str("inside"), 6, 3, g.str("../outside/l"), 12, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_link(3, 0, g.str("inside"), 6, 3, g.str("outdir/l"), 8, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_link(3, 0, g.str("outdir/secret"), 13, 3, g.str("grab"), 4, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_link(3, FOLLOW, g.str("secret-link"), 11, 3, g.str("grab"), 4, g.ctx),
                "linking the target of an escaping symlink");
        assertTrue(Files.notExists(sandbox.resolve("grab")));
    }

    @Test
    void creating_symlinks_that_point_outside_is_refused() throws Exception {
        String abs = outside.resolve("secret").toString();
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_symlink(g.str(abs), Guest.len(abs), 3, g.str("l1"), 2, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_symlink(g.str("../outside/secret"), 17, 3, g.str("l2"), 2, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_symlink(g.str("../../x"), 7, 3, g.str("sub/l3"), 6, g.ctx));
        assertEquals(Errno.ENOTCAPABLE, WasiPreview1.path_symlink(g.str("x"), 1, 3, g.str("../l4"), 5, g.ctx));
        try (var s = Files.list(sandbox)) {
            assertTrue(s.noneMatch(Files::isSymbolicLink));
        }
        assertEquals(Errno.SUCCESS, WasiPreview1.path_symlink(g.str("../inside"), 9, 3, g.str("sub/ok"), 6, g.ctx));
    }

    // ---------------------------------------------------------------- descriptor reuse

    @Test
    void a_closed_directory_number_reused_by_a_file_grants_nothing() throws Exception {
        int sub = g.open(3, "sub", OFLAGS_DIRECTORY, Rights.DIRECTORY_BASE, 0);
        assertEquals(Errno.SUCCESS, WasiPreview1.fd_close(sub, g.ctx));
        assertEquals(Errno.EBADF, mkdir(sub, "after-close"));
        int file = g.open(3, "inside", 0, RW, 0);
        assertEquals(sub, file, "the lowest free number is reused");
        assertEquals(Errno.ENOTDIR, mkdir(file, "via-reused-number"));
        assertEquals(Errno.ENOTDIR, g.openErrno(file, "../outside/secret", FOLLOW, OFLAGS_TRUNC, RW, 0));
        assertTrue(Files.notExists(sandbox.resolve("sub/after-close")));
        assertTrue(Files.notExists(sandbox.resolve("sub/via-reused-number")));
    }

    @Test
    void a_closed_preopen_is_gone_for_good() throws Exception {
        assertEquals(Errno.SUCCESS, WasiPreview1.fd_close(3, g.ctx));
        assertEquals(Errno.EBADF, open(3, "inside", FOLLOW, 0));
        assertEquals(Errno.EBADF, WasiPreview1.fd_prestat_get(3, g.out, g.ctx));
        assertEquals(Errno.EBADF, mkdir(3, "x"));
        try (var s = Files.list(sandbox)) {
            assertEquals(2, s.count());
        }
    }
}
