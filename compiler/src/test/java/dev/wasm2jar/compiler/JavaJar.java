package dev.wasm2jar.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A finished {@code java -jar} child process, for testing jars the way users run them. */
public record JavaJar(int exitCode, String stdout, String stderr) {
    /**
     * Runs {@code java -jar jar args...} in {@code workDir} with the test JVM's environment minus
     * {@code WASM2JAR_OPTS}, plus {@code env}; stdin is empty.
     */
    public static JavaJar run(Path jar, Path workDir, Map<String, String> env, String... args) throws Exception {
        return run(Path.of(System.getProperty("java.home"), "bin", "java"), jar, workDir, env, args);
    }

    /** As {@link #run(Path, Path, Map, String...)}, with the {@code java} executable of another JDK. */
    public static JavaJar run(Path java, Path jar, Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("WASM2JAR_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar " + jar + " did not finish in 120 s");
        }
        return new JavaJar(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
