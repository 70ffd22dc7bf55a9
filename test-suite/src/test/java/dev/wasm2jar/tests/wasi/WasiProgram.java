package dev.wasm2jar.tests.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code test-suite/wasi/tests.txt}: {@code name|exit code|stdin file (- for none)|reference|argv[1]|...}.
 * The format and the way each program must be run are described in {@code test-suite/wasi/README.md}.
 *
 * @param name      program name: {@code wasm/<name>.wasm}, {@code expected/<name>.out}
 * @param exitCode  the exit code the program must end with
 * @param stdinFile file (relative to the wasi directory) fed to stdin, or null for an empty stdin
 * @param reference where {@code expected/<name>.out} comes from: {@code node} (Node's node:wasi) or
 *                  {@code spec} (hand-written from the WASI spec because Node does not conform)
 * @param args      argv[1..]; argv[0] is always {@code <name>.wasm}
 */
record WasiProgram(String name, int exitCode, String stdinFile, String reference, List<String> args) {
    /** Directory of the WASI test programs, relative to the test-suite module. */
    static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("wasi");

    static final String REFERENCE_NODE = "node";
    static final String REFERENCE_SPEC = "spec";

    /** Reads every program of the manifest, in file order. */
    static List<WasiProgram> readManifest() throws IOException {
        List<WasiProgram> programs = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("tests.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            programs.add(parse(line));
        }
        return programs;
    }

    static WasiProgram parse(String line) {
        String[] fields = line.split("\\|", -1);
        if (fields.length < 4) {
            throw new IllegalArgumentException("tests.txt: expected name|exit|stdin|reference|args..., got: " + line);
        }
        String reference = fields[3];
        if (!reference.equals(REFERENCE_NODE) && !reference.equals(REFERENCE_SPEC)) {
            throw new IllegalArgumentException("tests.txt: unknown reference '" + reference + "' in: " + line);
        }
        return new WasiProgram(fields[0], Integer.parseInt(fields[1]), fields[2].equals("-") ? null : fields[2],
                reference, List.copyOf(Arrays.asList(fields).subList(4, fields.length)));
    }

    Path wasm() {
        return DIR.resolve("wasm").resolve(name + ".wasm");
    }

    Path expectedStdout() {
        return DIR.resolve("expected").resolve(name + ".out");
    }

    /** The bytes fed to stdin. */
    byte[] stdin() throws IOException {
        return stdinFile == null ? new byte[0] : Files.readAllBytes(DIR.resolve(stdinFile));
    }

    /** argv[0], as every reference runner passes it. */
    String programName() {
        return name + ".wasm";
    }

    /** A Java class name for the compiled module: {@code sandbox_links} becomes {@code SandboxLinks}. */
    String className() {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
