package dev.wasm2jar.tests.fuzz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external programs the differential fuzzer needs: binaryen's {@code wasm-opt} (Debian package
 * {@code binaryen}, version 108) and {@code node} (V8). Missing tools fail loudly with the install hint;
 * the fuzz tests never skip.
 */
final class Tools {
    private Tools() {}

    static final String INSTALL_HINT = "run test-suite/fuzz/install-tools.sh (apt-get install binaryen nodejs)";

    /** The fuzz scripts' folder (run-v8.mjs); relative to the test-suite module, where Maven runs tests. */
    static Path fuzzDir() {
        return Path.of(System.getProperty("wasm2jar.fuzzDir", "fuzz")).toAbsolutePath();
    }

    static String require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(program + " not found on PATH: " + INSTALL_HINT);
    }

    /** Runs a command to completion; its stdout, or an exception with its stderr when it fails. */
    static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("wasm2jar-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out;
            try (var in = p.getInputStream()) {
                // node's output for a batch is small (a few hundred KiB), read it all
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
