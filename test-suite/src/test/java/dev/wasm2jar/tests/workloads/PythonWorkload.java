package dev.wasm2jar.tests.workloads;

import dev.wasm2jar.compiler.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPython 3.11 WASI workload (test-suite/workloads/python, copied from ../shared/workloads/python):
 * compiles {@code python.wasm} once per JVM, with the documented command line, to
 * {@code target/python-workload/python.jar}, and runs that jar as a separate {@code java -jar} process, the way
 * a user does. Every run gets a fresh copy of the workload folder as its working directory, which the jar
 * preopens as the guest's {@code /}, so nothing is written into the source tree.
 */
final class PythonWorkload {
    private static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path SOURCE_DIR = BASEDIR.resolve("workloads/python");
    static final Path JAR = BASEDIR.resolve("target/python-workload/python.jar");

    /** The compile command from the workload's instructions (README, issue 3). */
    private static final List<String> COMPILE_ARGS = List.of(
            "--dir", ".::/", "--env", "PYTHONHOME=/", "--env", "PYTHONDONTWRITEBYTECODE=1", "--verbose");

    /** What a run of the compiled jar produced. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdoutText() + "\n--- stderr ---\n" + stderr;
        }
    }

    private static Path compiledJar;

    private PythonWorkload() {}

    /** The runnable python.jar, compiled on first use (about 10 s), then reused by every test in this JVM. */
    static synchronized Path jar() {
        if (compiledJar == null) {
            compiledJar = compile();
        }
        return compiledJar;
    }

    private static Path compile() {
        List<String> args = new ArrayList<>();
        args.add(SOURCE_DIR.resolve("python.wasm").toString());
        args.add("-o");
        args.add(JAR.toString());
        args.addAll(COMPILE_ARGS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Main.execute(args.toArray(String[]::new), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (code != 0) {
            throw new AssertionError("wasm2jar " + String.join(" ", args) + " exited with " + code + ":\n"
                    + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        }
        System.out.print("[python workload] compiled in " + millis + " ms: " + out.toString(StandardCharsets.UTF_8));
        return JAR;
    }

    /** Copies the workload folder (python.wasm, lib/, scripts) into {@code dir}, which must be empty. */
    static void copyWorkloadTo(Path dir) {
        try (Stream<Path> files = Files.walk(SOURCE_DIR)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(SOURCE_DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code java -jar python.jar ARGS...} in {@code workDir} (a copy of the workload, the guest's
     * {@code /}); stdout and stderr go to files in {@code outputDir}, outside the guest's view.
     */
    static Result run(Path workDir, Path outputDir, Duration timeout, String... guestArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(guestArgs));
        Path stdout = Files.createTempFile(outputDir, "stdout", ".bin");
        Path stderr = Files.createTempFile(outputDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // Run-time options would change the baked settings under test.
        pb.environment().remove("WASM2JAR_OPTS");
        Process process = pb.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("java -jar python.jar " + String.join(" ", guestArgs) + " did not finish within "
                    + timeout.toSeconds() + " s; stderr:\n" + Files.readString(stderr));
        }
        return new Result(process.exitValue(), Files.readAllBytes(stdout), Files.readString(stderr));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
