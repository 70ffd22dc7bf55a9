package dev.wasm2jar.tests.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fresh scratch directory every WASI test program runs in, laid out exactly as
 * {@code test-suite/wasi/run-node.sh} (make_scratch) and README.md describe:
 *
 * <pre>
 * root/sandbox/            preopened as /sandbox
 * root/sandbox/inner/file  "inside\n"
 * root/sandbox/link-out -> ../outside/secret
 * root/sandbox/abs-out  -> root/outside/secret   (absolute)
 * root/sandbox/dir-out  -> ../outside
 * root/outside/secret      "secret\n"
 * </pre>
 *
 * The programs try to escape the sandbox through these links, {@code ..} and absolute paths;
 * {@link #outsideState()} captures everything outside the sandbox so a test can prove nothing there changed.
 */
final class WasiScratch {
    static final String GUEST_SANDBOX = "/sandbox";

    final Path root;
    final Path sandbox;

    private WasiScratch(Path root) {
        this.root = root;
        this.sandbox = root.resolve("sandbox");
    }

    /** Creates the layout in a new directory under {@code parent}. */
    static WasiScratch create(Path parent, String prefix) throws IOException {
        WasiScratch s = new WasiScratch(Files.createTempDirectory(parent, prefix + "-").toAbsolutePath());
        Path outside = s.root.resolve("outside");
        Files.createDirectories(s.sandbox.resolve("inner"));
        Files.createDirectories(outside);
        Files.writeString(s.sandbox.resolve("inner/file"), "inside\n");
        Files.writeString(outside.resolve("secret"), "secret\n");
        Files.createSymbolicLink(s.sandbox.resolve("link-out"), Path.of("../outside/secret"));
        Files.createSymbolicLink(s.sandbox.resolve("abs-out"), outside.resolve("secret"));
        Files.createSymbolicLink(s.sandbox.resolve("dir-out"), Path.of("../outside"));
        return s;
    }

    /**
     * One line per entry of {@code root} outside the sandbox (symlinks not followed): path, type, and for
     * files size, modification time and SHA-256 of the content, for links the target. Stricter than
     * run-node.sh's listing (which has no times), so a {@code path_filestat_set_times} escape shows too.
     */
    String outsideState() throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            List<Path> outside = entries.filter(p -> !p.startsWith(sandbox)).sorted().toList();
            return outside.stream().map(this::describe).collect(Collectors.joining("\n"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private String describe(Path p) {
        try {
            String rel = p.equals(root) ? "." : root.relativize(p).toString();
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return rel + " link -> " + Files.readSymbolicLink(p);
            }
            if (a.isDirectory()) {
                return rel + " dir";
            }
            if (a.isRegularFile()) {
                return rel + " file " + a.size() + " bytes, mtime " + a.lastModifiedTime() + ", sha256 " + sha256(p);
            }
            return rel + " other";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
