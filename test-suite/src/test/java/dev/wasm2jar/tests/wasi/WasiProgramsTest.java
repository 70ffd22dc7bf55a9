package dev.wasm2jar.tests.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.compiler.jar.JarPackager;
import dev.wasm2jar.rt.LaunchConfig;
import dev.wasm2jar.rt.Launcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every WASI test program of {@code test-suite/wasi/tests.txt} compiled by wasm2jar, the way
 * {@code run-node.sh} runs it under the reference runtime: argv[0] = {@code <name>.wasm} plus the manifest's
 * arguments, the environment exactly {@code WASI_TEST=yes}, {@code EMPTY=}, stdin from the manifest's file,
 * a fresh {@link WasiScratch} with its {@code sandbox} preopened as {@code /sandbox}. Each program must exit
 * with the manifest's code, print exactly {@code expected/<name>.out} (byte for byte; stderr is not
 * compared) and leave everything outside the sandbox as it was.
 *
 * <p>Every program runs in-process through {@link Launcher#run} with captured streams. {@link #PACKAGED}
 * programs also run as a runnable jar ({@link JarPackager}, settings baked in) with {@code java -jar}, to
 * cover the packaged path: the jar's own runtime copy, launch.properties, and stdout flushed before
 * {@code System.exit}.
 *
 * <p>{@code -Dwasi.methodLimit=N} compiles with that method-size limit, e.g. 30 to split every function
 * (all programs pass so, but it takes ~20 s instead of ~1 s, so the default build does not do it).
 *
 * <p>The expected output of a program whose manifest reference is {@code spec} ({@code sandbox_links}) was
 * not produced by Node: Node's uvwasi follows symlinks in middle path components out of the sandbox, so its
 * output there is wrong, and the file holds what the WASI sandbox requires (see test-suite/wasi/README.md).
 */
class WasiProgramsTest {
    /**
     * Also run as {@code java -jar}: {@code stdio} (stdin piped into the process, stdout and stderr
     * interleaving) and {@code exit} (proc_exit with buffered output, exit code 7 through System.exit).
     * Not args_env: its non-ASCII argument would depend on the child JVM's locale (sun.jnu.encoding).
     */
    static final Set<String> PACKAGED = Set.of("stdio", "exit");

    /** A hang (for example a poll that never returns) must fail the test, not the build. */
    static final long TIMEOUT_MILLIS = 60_000;

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        List<WasiProgram> programs = WasiProgram.readManifest();
        assertFalse(programs.isEmpty(), "no program in " + WasiProgram.DIR.resolve("tests.txt"));
        List<DynamicTest> tests = new ArrayList<>();
        for (WasiProgram p : programs) {
            String suffix = p.reference().equals(WasiProgram.REFERENCE_SPEC) ? " (expected output: spec, not Node)" : "";
            tests.add(DynamicTest.dynamicTest(p.name() + suffix, p.wasm().toUri(), () -> check(p, runInProcess(p))));
            if (PACKAGED.contains(p.name())) {
                tests.add(DynamicTest.dynamicTest(p.name() + " (java -jar)" + suffix, p.wasm().toUri(), () -> check(p, runAsJar(p))));
            }
        }
        return tests.stream();
    }

    /** How a run ended. */
    record Outcome(int exitCode, byte[] stdout, byte[] stderr, String outsideBefore, String outsideAfter) {}

    private static void check(WasiProgram p, Outcome o) throws IOException {
        String stderr = new String(o.stderr(), StandardCharsets.UTF_8);
        assertEquals(p.exitCode(), o.exitCode(), () -> p.name() + ": exit code; stderr:\n" + stderr);
        // ISO-8859-1 maps each byte to one char, so string equality is byte equality with a readable diff.
        assertEquals(new String(Files.readAllBytes(p.expectedStdout()), StandardCharsets.ISO_8859_1),
                new String(o.stdout(), StandardCharsets.ISO_8859_1),
                () -> p.name() + ": stdout differs from " + p.expectedStdout() + "; stderr:\n" + stderr);
        assertEquals(o.outsideBefore(), o.outsideAfter(), p.name() + ": something outside the sandbox changed");
    }

    /** The settings every program runs with (README.md): one preopen, exactly two variables, argv[0]. */
    private static LaunchConfig launchConfig(WasiProgram p, WasiScratch scratch) {
        return new LaunchConfig()
                .addDir(new LaunchConfig.Dir(scratch.sandbox.toString(), WasiScratch.GUEST_SANDBOX))
                .putEnv("WASI_TEST", "yes")
                .putEnv("EMPTY", "")
                .inheritEnv(false)
                .programName(p.programName());
    }

    private static CompiledModule compile(WasiProgram p) throws Exception {
        CompilerOptions options = new CompilerOptions().className(p.className());
        Integer methodLimit = Integer.getInteger("wasi.methodLimit");
        if (methodLimit != null) {
            options.methodLimit(methodLimit);
        }
        return WasmCompiler.compile(Files.readAllBytes(p.wasm()), options);
    }

    private Outcome runInProcess(WasiProgram p) throws Exception {
        CompiledModule compiled = compile(p);
        WasiScratch scratch = WasiScratch.create(temp, p.name());
        LaunchConfig cfg = launchConfig(p, scratch).timeoutMillis(TIMEOUT_MILLIS);
        String before = scratch.outsideState();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            code = Launcher.run(new ModuleLoader(compiled).mainClass(), cfg, p.args().toArray(String[]::new),
                    new ByteArrayInputStream(p.stdin()), out, err);
        }
        return new Outcome(code, stdout.toByteArray(), stderr.toByteArray(), before, scratch.outsideState());
    }

    private Outcome runAsJar(WasiProgram p) throws Exception {
        WasiScratch scratch = WasiScratch.create(temp, p.name() + "-jar");
        Path jar = temp.resolve(p.name() + ".jar");
        JarPackager.runnable(compile(p), launchConfig(p, scratch)).writeTo(jar);
        String before = scratch.outsideState();

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(p.args());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.root.toFile());
        pb.environment().remove(LaunchConfig.OPTS_VARIABLE); // only the baked settings
        if (p.stdinFile() != null) {
            pb.redirectInput(WasiProgram.DIR.resolve(p.stdinFile()).toFile());
        }
        Process proc = pb.start();
        if (p.stdinFile() == null) {
            proc.getOutputStream().close();
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(proc.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(proc.getErrorStream()));
        if (!proc.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("java -jar " + jar + " did not finish in " + TIMEOUT_MILLIS + " ms");
        }
        return new Outcome(proc.exitValue(), out.get(), err.get(), before, scratch.outsideState());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
