package dev.wasm2jar.tests.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.WasmModuleInstance;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandbox escape attempts made by compiled guest code: {@code wasi-shim.wasm} (see its .wat) is compiled
 * by wasm2jar and its exports call the WASI imports with pointers into its own memory, as libc does. The
 * runtime's unit tests (runtime-support, rt.wasi) check the resolver directly; these check the whole path
 * from generated code through the statically linked WASI calls, with real directories:
 *
 * <pre>
 *   outside/   secret.txt, victim.txt, dir/          (never preopened)
 *   sandbox/   inside.txt, sub/, link-abs -> outside/secret.txt (absolute), link-rel -> ../outside/secret.txt,
 *              chain1 -> chain2 -> ../outside (directories), sub/up -> ..  (stays inside)   preopened "/sandbox" = fd 3
 *   other/     other.txt                                                                   preopened "/other"   = fd 4
 * </pre>
 *
 * Every escape must fail with a nonzero errno, and after each test the outside tree (names, sizes,
 * contents, modification times) must be exactly as before. Legitimate operations are checked too, so a
 * sandbox that refuses everything does not pass.
 */
class WasiEscapeTest {
    static final Path SHIM = Path.of("src/test/resources/wasi-escape/wasi-shim.wasm");
    static final int SANDBOX = 3;
    static final int OTHER = 4;
    static final int SYMLINK_FOLLOW = 1;
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_TRUNC = 8;
    static final long ALL_RIGHTS = 0x1FFFFFFFL;
    static final int EBADF = 8;
    /** Where the test puts its arguments in guest memory. */
    static final int OUT = 16;
    static final int IOV = 32;
    static final int BUF = 256;
    static final int PATH_A = 1024;
    static final int PATH_B = 2048;

    @TempDir
    Path root;
    Path outside;
    Path sandbox;
    Path other;
    Map<String, String> outsideBefore;
    WasiContext ctx;
    WasmModuleInstance guest;
    Memory memory;

    @BeforeEach
    void setUp() throws Exception {
        outside = Files.createDirectories(root.resolve("outside"));
        sandbox = Files.createDirectories(root.resolve("sandbox"));
        other = Files.createDirectories(root.resolve("other"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.writeString(outside.resolve("victim.txt"), "do not touch");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(sandbox.resolve("inside.txt"), "inside");
        Files.createDirectories(sandbox.resolve("sub"));
        Files.createSymbolicLink(sandbox.resolve("link-abs"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(sandbox.resolve("link-rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(sandbox.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(sandbox.resolve("chain2"), Path.of("../outside"));
        Files.createSymbolicLink(sandbox.resolve("sub/up"), Path.of(".."));
        Files.writeString(other.resolve("other.txt"), "other");
        outsideBefore = snapshot(outside);

        ctx = WasiContext.builder().args(List.of("shim"))
                .preopen(sandbox, "/sandbox").preopen(other, "/other")
                .stdin(new ByteArrayInputStream(new byte[0]))
                .stdout(new ByteArrayOutputStream()).stderr(new ByteArrayOutputStream()).build();
        ModuleLoader loader = new ModuleLoader(WasmCompiler.compile(Files.readAllBytes(SHIM), new CompilerOptions().className("WasiShim")));
        guest = loader.instantiate(new Imports.Builder().wasi(ctx));
        memory = guest.exportedMemory("memory");
    }

    @AfterEach
    void nothingOutsideChanged() throws Exception {
        ctx.close();
        assertEquals(outsideBefore, snapshot(outside), "the directory outside the sandbox changed");
    }

    // ------------------------------------------------------------------ escapes

    @Test
    void dotdot_out_of_the_preopen_is_refused() {
        assertRefused(open(SANDBOX, "../outside/secret.txt", 0, 0));
        assertRefused(open(SANDBOX, "sub/../../outside/secret.txt", 0, 0));
        assertRefused(open(SANDBOX, "..", 0, O_DIRECTORY));
        assertRefused(open(OTHER, "../sandbox/inside.txt", 0, 0));
    }

    @Test
    void absolute_paths_are_refused() {
        assertRefused(open(SANDBOX, outside.resolve("secret.txt").toString(), 0, 0));
        assertRefused(open(SANDBOX, "/etc/passwd", 0, 0));
        assertRefused(open(SANDBOX, "/sandbox/inside.txt", 0, 0));
    }

    @Test
    void symlinks_out_of_the_preopen_are_not_followed() {
        assertRefused(open(SANDBOX, "link-abs", SYMLINK_FOLLOW, 0));
        assertRefused(open(SANDBOX, "link-rel", SYMLINK_FOLLOW, 0));
        assertRefused(open(SANDBOX, "chain1/secret.txt", SYMLINK_FOLLOW, 0));
        assertRefused(open(SANDBOX, "chain1", SYMLINK_FOLLOW, O_DIRECTORY));
        assertRefused(open(SANDBOX, "sub/up/link-rel", SYMLINK_FOLLOW, 0));
        assertRefused(filestat(SANDBOX, "link-abs", SYMLINK_FOLLOW));
        assertRefused(filestat(SANDBOX, "chain1/secret.txt", SYMLINK_FOLLOW));
    }

    @Test
    void writes_through_symlinks_or_dotdot_change_nothing_outside() {
        assertRefused(openForWrite(SANDBOX, "link-abs", SYMLINK_FOLLOW, O_TRUNC));
        assertRefused(openForWrite(SANDBOX, "link-rel", SYMLINK_FOLLOW, O_CREAT | O_TRUNC));
        assertRefused(openForWrite(SANDBOX, "../outside/new.txt", 0, O_CREAT));
        assertRefused(openForWrite(SANDBOX, "chain1/created.txt", SYMLINK_FOLLOW, O_CREAT));
        assertRefused(call("path_create_directory", SANDBOX, PATH_A, put(PATH_A, "../outside/newdir")));
        assertRefused(call("path_create_directory", SANDBOX, PATH_A, put(PATH_A, "chain1/newdir")));
        assertRefused(call("path_unlink_file", SANDBOX, PATH_A, put(PATH_A, "../outside/victim.txt")));
        assertRefused(call("path_unlink_file", SANDBOX, PATH_A, put(PATH_A, "chain1/victim.txt")));
        assertRefused(call("path_remove_directory", SANDBOX, PATH_A, put(PATH_A, "../outside/dir")));
        assertRefused(call("path_filestat_set_times", SANDBOX, SYMLINK_FOLLOW, PATH_A, put(PATH_A, "link-abs"), 0L, 0L, 0b1010));
        assertFalse(Files.exists(outside.resolve("new.txt")));
    }

    @Test
    void renames_and_links_cannot_move_files_out_or_in() {
        assertRefused(rename(SANDBOX, "inside.txt", SANDBOX, "../outside/moved.txt"));
        assertRefused(rename(SANDBOX, "../outside/victim.txt", SANDBOX, "stolen.txt"));
        assertRefused(rename(SANDBOX, "chain1/victim.txt", SANDBOX, "stolen.txt"));
        assertRefused(rename(SANDBOX, "inside.txt", OTHER, "../outside/moved.txt"));
        assertRefused(rename(OTHER, "other.txt", SANDBOX, "chain1/moved.txt"));
        assertRefused(call("path_link", SANDBOX, 0, PATH_A, put(PATH_A, "inside.txt"), SANDBOX, PATH_B, put(PATH_B, "../outside/hard")));
        assertRefused(call("path_link", SANDBOX, SYMLINK_FOLLOW, PATH_A, put(PATH_A, "link-abs"), SANDBOX, PATH_B, put(PATH_B, "hard-secret")));
        assertRefused(call("path_symlink", PATH_A, put(PATH_A, "../outside/secret.txt"), SANDBOX, PATH_B, put(PATH_B, "new-link")));
        assertRefused(call("path_symlink", PATH_A, put(PATH_A, outside.resolve("secret.txt").toString()), SANDBOX, PATH_B, put(PATH_B, "new-link")));
        assertTrue(Files.exists(sandbox.resolve("inside.txt")));
        assertFalse(Files.exists(sandbox.resolve("stolen.txt")));
        assertFalse(Files.exists(sandbox.resolve("hard-secret")));
    }

    @Test
    void a_closed_descriptor_grants_nothing_even_when_its_number_is_reused() {
        int fd = opened(open(SANDBOX, "inside.txt", 0, 0));
        assertEquals(0, call("fd_close", fd));
        assertEquals(EBADF, read(fd));
        assertEquals(EBADF, call("fd_close", fd));
        // the number is handed out again, now for another file: the old handle is really gone
        int again = opened(open(OTHER, "other.txt", 0, 0));
        assertEquals("other", readAll(again));
        // a closed preopen cannot be used for lookups, and its number reused for a file is no directory
        assertEquals(0, call("fd_close", OTHER));
        assertEquals(EBADF, open(OTHER, "other.txt", 0, 0));
        int file = opened(open(SANDBOX, "inside.txt", 0, 0));
        assertRefused(open(file, "../outside/secret.txt", 0, 0));
        assertRefused(open(file, ".", 0, O_DIRECTORY));
        // renumbering a file over the sandbox preopen does not make the file a directory capability
        assertEquals(0, call("fd_renumber", file, SANDBOX));
        assertRefused(open(SANDBOX, "inside.txt", 0, 0));
        assertRefused(open(SANDBOX, "../outside/secret.txt", 0, 0));
    }

    // ------------------------------------------------------------------ what is allowed still works

    @Test
    void legitimate_operations_inside_the_sandbox_work() throws IOException {
        assertEquals("inside", readAll(opened(open(SANDBOX, "inside.txt", 0, 0))));
        assertEquals("inside", readAll(opened(open(SANDBOX, "sub/../inside.txt", 0, 0))));
        assertEquals("inside", readAll(opened(open(SANDBOX, "sub/up/inside.txt", SYMLINK_FOLLOW, 0))));
        assertEquals(0, call("path_create_directory", SANDBOX, PATH_A, put(PATH_A, "made")));
        assertTrue(Files.isDirectory(sandbox.resolve("made")));
        int w = opened(openForWrite(SANDBOX, "made/new.txt", 0, O_CREAT));
        assertEquals(0, write(w, "written"));
        assertEquals(0, call("fd_close", w));
        assertEquals("written", Files.readString(sandbox.resolve("made/new.txt")));
        // a symlink may point anywhere inside; reading a link's text is no escape
        assertEquals(0, call("path_symlink", PATH_A, put(PATH_A, "inside.txt"), SANDBOX, PATH_B, put(PATH_B, "ok-link")));
        assertEquals("inside", readAll(opened(open(SANDBOX, "ok-link", SYMLINK_FOLLOW, 0))));
        // moving between two preopens resolves each side in its own sandbox
        assertEquals(0, rename(SANDBOX, "made/new.txt", OTHER, "moved.txt"));
        assertEquals("written", Files.readString(other.resolve("moved.txt")));
    }

    // ------------------------------------------------------------------ guest calls

    private int open(int dirFd, String path, int lookupFlags, int oflags) {
        return call("path_open", dirFd, lookupFlags, PATH_A, put(PATH_A, path), oflags, 0x2L | 0x4000L | 0x2000L, ALL_RIGHTS, 0, OUT);
    }

    private int openForWrite(int dirFd, String path, int lookupFlags, int oflags) {
        return call("path_open", dirFd, lookupFlags, PATH_A, put(PATH_A, path), oflags, ALL_RIGHTS, ALL_RIGHTS, 0, OUT);
    }

    private int filestat(int dirFd, String path, int lookupFlags) {
        return call("path_filestat_get", dirFd, lookupFlags, PATH_A, put(PATH_A, path), BUF);
    }

    private int rename(int fromFd, String from, int toFd, String to) {
        return call("path_rename", fromFd, PATH_A, put(PATH_A, from), toFd, PATH_B, put(PATH_B, to));
    }

    /** The descriptor a successful path_open wrote to OUT. */
    private int opened(int errno) {
        assertEquals(0, errno, "path_open failed");
        return i32(OUT);
    }

    private int read(int fd) {
        setIov(BUF, 128);
        return call("fd_read", fd, IOV, 1, OUT);
    }

    private String readAll(int fd) {
        assertEquals(0, read(fd));
        return new String(memory.bytes, BUF, i32(OUT), StandardCharsets.UTF_8);
    }

    private int write(int fd, String text) {
        int n = put(BUF, text);
        setIov(BUF, n);
        return call("fd_write", fd, IOV, 1, OUT);
    }

    private int call(String export, Object... args) {
        Object[] r = guest.exportedFunction(export).call(args);
        return (Integer) r[0];
    }

    /** Writes UTF-8 into guest memory; returns its length. */
    private int put(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, memory.bytes, at, b.length);
        return b.length;
    }

    private void setIov(int buf, int len) {
        ByteBuffer bb = ByteBuffer.wrap(memory.bytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(IOV, buf).putInt(IOV + 4, len);
    }

    private int i32(int at) {
        return ByteBuffer.wrap(memory.bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static void assertRefused(int errno) {
        assertNotEquals(0, errno, "an escape attempt succeeded");
    }

    /** Relative path to type, size, content hash and mtime of everything under {@code dir}, links not followed. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String what = a.isDirectory() ? "dir" : a.isSymbolicLink() ? "link " + Files.readSymbolicLink(p)
                        : "file " + a.size() + " " + java.util.Arrays.hashCode(Files.readAllBytes(p));
                out.put(dir.relativize(p).toString(), what + " " + a.lastModifiedTime().toMillis());
            }
        }
        return out;
    }
}
