package dev.wasm2jar.tests.spec;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Converts the .wast scripts to wast2json output (build output under target/) with test-suite/spec/convert.sh,
 * but only when some output is missing or older than its .wast or than convert.sh.
 */
final class WastConverter {
    /** convert.sh honours $WAST2JSON too. */
    static final String TOOL = System.getenv().getOrDefault("WAST2JSON", "wast2json");
    static final String MISSING_TOOL =
            "wast2json not found on PATH: apt-get install wabt (or run test-suite/spec/install-tools.sh)";

    private WastConverter() {}

    /** Converts when stale; throws {@link AssertionError} (a test failure) when that is impossible. */
    static void ensureConverted(Path wastDir, Path jsonDir, Path convertScript) throws IOException, InterruptedException {
        if (!isStale(wastDir, jsonDir, convertScript)) {
            return;
        }
        if (!onPath(TOOL)) {
            throw new AssertionError(MISSING_TOOL);
        }
        Files.createDirectories(jsonDir);
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", convertScript.toString(), "--quiet", wastDir.toString(), jsonDir.toString())
                .redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("convert.sh did not finish within 10 minutes");
        }
        String out = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("convert.sh failed (exit " + p.exitValue() + "):\n" + out);
        }
        if (isStale(wastDir, jsonDir, convertScript)) {
            throw new AssertionError("convert.sh succeeded but left outputs missing or stale:\n" + out);
        }
        System.out.printf("[spec] converted %s with wast2json in %.1f s%n", wastDir.getFileName(), (System.nanoTime() - start) / 1e9);
    }

    static boolean isStale(Path wastDir, Path jsonDir, Path convertScript) throws IOException {
        FileTime script = Files.getLastModifiedTime(convertScript);
        for (Path wast : wastFiles(wastDir)) {
            Path json = jsonFor(wast, jsonDir);
            if (!Files.exists(json)) {
                return true;
            }
            FileTime converted = Files.getLastModifiedTime(json);
            if (converted.compareTo(Files.getLastModifiedTime(wast)) < 0 || converted.compareTo(script) < 0) {
                return true;
            }
        }
        return false;
    }

    static Path jsonFor(Path wast, Path jsonDir) {
        String name = wast.getFileName().toString();
        return jsonDir.resolve(name.substring(0, name.length() - ".wast".length()) + ".json");
    }

    /** The .wast files of a folder (not recursive: wasm-2.0 is flat), sorted by name. */
    static List<Path> wastFiles(Path wastDir) throws IOException {
        try (Stream<Path> s = Files.list(wastDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wast")).sorted().toList();
        }
    }

    static boolean onPath(String tool) {
        if (tool.contains(File.separator)) {
            return Files.isExecutable(Path.of(tool));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
