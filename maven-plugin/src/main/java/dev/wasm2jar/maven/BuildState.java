package dev.wasm2jar.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What the previous run of one execution did: a fingerprint of its inputs and configuration, and the
 * files it wrote (relative to the output directory). Kept in a small properties file under
 * {@code target/}, so {@code mvn clean} forgets it together with the outputs.
 */
final class BuildState {
    private static final String FINGERPRINT = "fingerprint";
    private static final String OUTPUT_PREFIX = "output.";

    final String fingerprint;
    final List<String> outputs;

    BuildState(String fingerprint, List<String> outputs) {
        this.fingerprint = fingerprint;
        this.outputs = List.copyOf(outputs);
    }

    /** The saved state, or null when there is none or it cannot be read (which just means: rebuild). */
    static BuildState load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String fingerprint = p.getProperty(FINGERPRINT);
        if (fingerprint == null) {
            return null;
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; p.getProperty(OUTPUT_PREFIX + i) != null; i++) {
            outputs.add(p.getProperty(OUTPUT_PREFIX + i));
        }
        return new BuildState(fingerprint, outputs);
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty(FINGERPRINT, fingerprint);
        for (int i = 0; i < outputs.size(); i++) {
            p.setProperty(OUTPUT_PREFIX + i, outputs.get(i));
        }
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "wasm2jar-maven-plugin incremental build state; delete to force a rebuild");
        }
    }

    /** Whether every output recorded here still exists under {@code outputDirectory}. */
    boolean outputsExist(Path outputDirectory) {
        for (String o : outputs) {
            if (!Files.isRegularFile(outputDirectory.resolve(o))) {
                return false;
            }
        }
        return true;
    }

    /** Accumulates a SHA-256 over configuration strings and file contents. */
    static final class Fingerprint {
        private final MessageDigest digest;

        Fingerprint() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Fingerprint add(String key, String value) {
            // Length-prefixed, so ("ab","c") and ("a","bc") differ.
            for (String s : new String[] {key, value == null ? "\u0000null" : value}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(b);
            }
            return this;
        }

        Fingerprint addFile(String key, Path file) throws IOException {
            MessageDigest content;
            try {
                content = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            content.update(Files.readAllBytes(file));
            return add(key, HexFormat.of().formatHex(content.digest()));
        }

        String value() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
