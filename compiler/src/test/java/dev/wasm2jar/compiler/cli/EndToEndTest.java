package dev.wasm2jar.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.JavaJar;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LaunchConfig;
import dev.wasm2jar.rt.Launcher;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path: .wasm fixture -> compiler -> runnable jar or in-memory run, compared with what Node's WASI
 * produced for the same module and command line (src/test/resources/wasm/expected, made by build.sh).
 * Needs the real compiler and the real WASI implementation.
 */
class EndToEndTest {
    static final Path FIXTURES = fixtures();

    @TempDir
    Path tmp;

    private static Path fixtures() {
        try {
            URL hello = EndToEndTest.class.getResource("/wasm/hello.wasm");
            return Path.of(hello.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One reference run recorded by build.sh: the command line and what Node printed and returned. */
    record Case(String module, String argv0, List<String> dirs, List<String> env, List<String> args, String stdout, String exit) {
        static Case load(String name) throws IOException {
            Path expected = FIXTURES.resolve("expected");
            String module = null;
            String argv0 = null;
            List<String> dirs = new ArrayList<>();
            List<String> env = new ArrayList<>();
            List<String> args = new ArrayList<>();
            for (String line : Files.readAllLines(expected.resolve(name + ".cmd"))) {
                int space = line.indexOf(' ');
                String value = line.substring(space + 1);
                switch (line.substring(0, space)) {
                    case "module" -> module = value;
                    case "argv0" -> argv0 = value;
                    case "dir" -> dirs.add(value);
                    case "env" -> env.add(value);
                    case "arg" -> args.add(value);
                    default -> throw new IllegalStateException(line);
                }
            }
            return new Case(module, argv0, dirs, env, args, Files.readString(expected.resolve(name + ".stdout")),
                    Files.readString(expected.resolve(name + ".exit")).strip());
        }

        Path modulePath() {
            return FIXTURES.resolve(module);
        }

        List<String> wasiFlags(boolean absoluteDirs) {
            List<String> flags = new ArrayList<>();
            for (String d : dirs) {
                LaunchConfig.Dir dir = LaunchConfig.Dir.parse(d);
                flags.add("--dir");
                flags.add(absoluteDirs ? FIXTURES.resolve(dir.host()) + "::" + dir.guest() : d);
            }
            for (String e : env) {
                flags.add("--env");
                flags.add(e);
            }
            return flags;
        }

        void assertOutcome(int exitCode, String stderr) {
            if (exit.equals("trap")) {
                assertEquals(Launcher.EXIT_TRAP, exitCode, stderr);
                assertTrue(stderr.matches("wasm trap: [^\n]+\n"), stderr);
            } else {
                assertEquals(Integer.parseInt(exit), exitCode, stderr);
                assertEquals("", stderr);
            }
        }
    }

    private static String[] array(List<String> list) {
        return list.toArray(new String[0]);
    }

    private Path compile(Path module, String... flags) {
        Path jar = tmp.resolve(module.getFileName().toString().replace(".wasm", ".jar"));
        List<String> args = new ArrayList<>(List.of(module.toString(), "-o", jar.toString()));
        args.addAll(Arrays.asList(flags));
        CliRun run = CliRun.of(array(args));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr(), run::toString);
        return jar;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "trap", "echo", "echo-noargs", "cat"})
    void runnableJarBehavesLikeNode(String name) throws Exception {
        Case c = Case.load(name);
        Path jar = compile(c.modulePath(), array(c.wasiFlags(false)));
        // Run where the fixtures are, so relative --dir hosts resolve as they did for Node.
        JavaJar r = JavaJar.run(jar, FIXTURES, Map.of(), array(c.args()));
        assertEquals(c.stdout(), r.stdout(), r::toString);
        c.assertOutcome(r.exitCode(), r.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "trap", "echo", "echo-noargs", "cat"})
    void runCommandBehavesLikeNode(String name) throws IOException {
        Case c = Case.load(name);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(c.wasiFlags(true));
        args.add(c.modulePath().toString());
        args.addAll(c.args());
        CliRun run = CliRun.of(array(args));
        // `run` passes the module path as given as argv[0]; Node was given the bare file name.
        String expected = c.stdout().startsWith(c.argv0() + "\n")
                ? c.modulePath() + c.stdout().substring(c.argv0().length()) : c.stdout();
        assertEquals(expected, run.stdout(), run::toString);
        c.assertOutcome(run.exitCode(), run.stderr());
    }

    @Test
    void readmeExampleRuns() throws Exception {
        // Surefire runs in the module directory; the example sits at the repository root.
        Path example = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("examples").resolve("hello");
        Path jar = compile(example.resolve("hello.wasm"));
        JavaJar plain = JavaJar.run(jar, tmp, Map.of());
        assertEquals(Files.readString(example.resolve("expected.txt")), plain.stdout(), plain::toString);
        assertEquals(0, plain.exitCode());
        JavaJar duke = JavaJar.run(jar, tmp, Map.of(), "Duke");
        assertEquals(Files.readString(example.resolve("expected-duke.txt")), duke.stdout(), duke::toString);
        assertEquals(0, duke.exitCode());
    }

    /**
     * Generated code runs quietly on every JDK on the machine, not only the one running the tests: on Java 24
     * and later, touching sun.misc.Unsafe's memory accessors prints a deprecation warning to stderr, which
     * would land in the guest program's stderr.
     */
    @Test
    void runsQuietlyOnEveryInstalledJdk() throws Exception {
        Path example = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("examples").resolve("hello");
        Path jar = compile(example.resolve("hello.wasm"));
        List<Path> javas = installedJavas();
        for (Path java : javas) {
            JavaJar r = JavaJar.run(java, jar, tmp, Map.of(), "Duke");
            assertEquals(Files.readString(example.resolve("expected-duke.txt")), r.stdout(), () -> java + ": " + r);
            assertEquals("", r.stderr(), () -> java + ": " + r);
            assertEquals(0, r.exitCode(), () -> java + ": " + r);
        }
    }

    /** The test JVM's java, then those of /usr/lib/jvm's other JDKs (Java 17 or later). */
    private static List<Path> installedJavas() throws IOException {
        List<Path> javas = new ArrayList<>();
        Path own = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        javas.add(own);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var dirs = Files.list(jvms)) {
                for (Path dir : dirs.sorted().toList()) {
                    Path java = dir.resolve("bin").resolve("java");
                    if (Files.isExecutable(java) && !javas.contains(java.toRealPath()) && releaseOf(dir) >= 17) {
                        javas.add(java.toRealPath());
                    }
                }
            }
        }
        return javas;
    }

    /** The JAVA_VERSION feature number from a JDK's release file, or 0. */
    private static int releaseOf(Path jdk) throws IOException {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                String feature = v.split("[.+-]")[0];
                return feature.matches("\\d+") ? Integer.parseInt(feature) : 0;
            }
        }
        return 0;
    }

    @Test
    void trapNamesTheFunctionFromTheNameSection() throws Exception {
        Path jar = compile(FIXTURES.resolve("trap.wasm"));
        JavaJar r = JavaJar.run(jar, tmp, Map.of());
        assertEquals("wasm trap: unreachable in boom\n", r.stderr(), r::toString);
        assertEquals(134, r.exitCode());
    }

    @Test
    void runTimeOptionsAddToAndOverrideBakedOnes() throws Exception {
        Case echo = Case.load("echo");
        Path jar = compile(echo.modulePath(), "--env", "GREETING=baked");
        JavaJar r = JavaJar.run(jar, tmp, Map.of(LaunchConfig.OPTS_VARIABLE, "--env GREETING=hi --env 'EQ=a=b c'"), array(echo.args()));
        assertEquals(echo.stdout(), r.stdout(), r::toString);
        assertEquals(0, r.exitCode());
    }

    @Test
    void runTimeDirReplacesBakedDirWithTheSameGuestPath() throws Exception {
        Case cat = Case.load("cat");
        Path jar = compile(cat.modulePath(), "--dir", "nowhere::/data");
        JavaJar missing = JavaJar.run(jar, FIXTURES, Map.of());
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("wasm2jar: error: --dir nowhere::/data: no such directory: " + FIXTURES.resolve("nowhere") + "\n", missing.stderr());
        assertEquals("", missing.stdout());

        JavaJar replaced = JavaJar.run(jar, FIXTURES, Map.of(LaunchConfig.OPTS_VARIABLE, "--dir data::/data"));
        assertEquals(cat.stdout(), replaced.stdout(), replaced::toString);
        assertEquals(0, replaced.exitCode());
    }

    @Test
    void inheritEnvPassesTheHostEnvironmentWithExplicitVariablesOnTop() {
        String path = System.getenv("PATH");
        CliRun run = CliRun.of("run", "--inherit-env", "--env", "PATH=/overridden", "--env", "GREETING=hi",
                FIXTURES.resolve("echo.wasm").toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> env = run.stdout().lines().dropWhile(l -> !l.equals("--")).skip(1).toList();
        assertTrue(env.contains("PATH=/overridden"), run::toString);
        assertTrue(env.contains("GREETING=hi"), run::toString);
        assertTrue(path == null || !env.contains("PATH=" + path), run::toString);
        String home = System.getenv("HOME");
        assertTrue(home == null || env.contains("HOME=" + home), run::toString);
    }

    @Test
    void invokePrintsWhatNodeComputed() throws IOException {
        List<String> lines = Files.readAllLines(FIXTURES.resolve("expected/numbers.txt"));
        assertTrue(lines.size() > 10);
        for (String line : lines) {
            String[] sides = line.split(" =>", 2);
            List<String> call = List.of(sides[0].split(" "));
            List<String> results = sides[1].isBlank() ? List.of() : List.of(sides[1].strip().split(" "));
            List<String> args = new ArrayList<>(List.of("run", "--invoke", call.get(0), FIXTURES.resolve("numbers.wasm").toString()));
            args.addAll(call.subList(1, call.size()));
            CliRun run = CliRun.of(array(args));
            if (results.equals(List.of("trap"))) {
                assertEquals(134, run.exitCode(), () -> line + "\n" + run);
                assertTrue(run.stderr().matches("wasm trap: [^\n]+ in " + call.get(0) + "\n"), () -> line + "\n" + run);
                continue;
            }
            assertEquals(0, run.exitCode(), () -> line + "\n" + run);
            List<String> printed = run.stdout().lines().toList();
            assertEquals(results.size(), printed.size(), () -> line + "\n" + run);
            for (int i = 0; i < results.size(); i++) {
                String[] typed = results.get(i).split(":", 2);
                String ours = printed.get(i);
                switch (typed[0]) {
                    case "i32", "i64" -> assertEquals(typed[1], ours, line);
                    // Node prints JS numbers ("1.5", "5e+307", "-0"); compare the values, bit for bit.
                    case "f64" -> assertEquals(Double.doubleToLongBits(Double.parseDouble(typed[1])),
                            Double.doubleToLongBits(Double.parseDouble(ours)), line + " printed " + ours);
                    case "f32" -> assertEquals(Double.doubleToLongBits(Double.parseDouble(typed[1])),
                            Double.doubleToLongBits(Float.parseFloat(ours)), line + " printed " + ours);
                    default -> throw new IllegalStateException(line);
                }
            }
        }
    }

    @Test
    void libraryJarLoadsWithRuntimeSupportOnTheClassPath() throws Exception {
        Path jar = compile(FIXTURES.resolve("numbers.wasm"), "--library", "--package", "com.example.wasm", "--class-name", "Numbers");
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertTrue(jf.getEntry("com/example/wasm/Numbers.class") != null);
            assertTrue(jf.stream().noneMatch(e -> e.getName().startsWith("dev/wasm2jar/rt/")));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, WasmModuleInstance.class.getClassLoader())) {
            Class<? extends WasmModuleInstance> cls = loader.loadClass("com.example.wasm.Numbers").asSubclass(WasmModuleInstance.class);
            WasmModuleInstance instance = Launcher.instantiate(cls, Imports.NONE);
            // numbers.txt: "add 2147483647 1 => i32:-2147483648"
            assertEquals(List.of(Integer.MIN_VALUE), List.of(instance.exportedFunction("add").call(Integer.MAX_VALUE, 1)));
        }
    }

    @Test
    void defaultClassNameComesFromTheFileName() throws IOException {
        Path jar = compile(FIXTURES.resolve("numbers.wasm"), "--library");
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertTrue(jf.getEntry("Numbers.class") != null, () -> jf.stream().map(e -> e.getName()).toList().toString());
        }
    }

    @Test
    void verbosePrintsCompilationStatistics() {
        Path jar = tmp.resolve("numbers.jar");
        CliRun run = CliRun.of("--verbose", FIXTURES.resolve("numbers.wasm").toString(), "-o", jar.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().startsWith("wrote " + jar + " ("), run::toString);
        // numbers.wat defines 7 functions
        assertTrue(run.stdout().matches("(?s).*\nfunctions: +7\n.*"), run::toString);
        assertTrue(run.stdout().contains("split functions:"), run::toString);
        assertTrue(run.stdout().contains("largest method:"), run::toString);
    }
}
