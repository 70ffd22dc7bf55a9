package dev.wasm2jar.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling, help and error reporting of the command line; none of it needs a working compiler. */
class CliTest {
    @TempDir
    Path tmp;

    private static void assertOneErrorLine(CliRun run, int exitCode, String expectedLine) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(expectedLine + "\n", run.stderr(), run::toString);
        assertEquals("", run.stdout(), run::toString);
    }

    private static void assertUsageError(CliRun run, String messagePart) {
        assertEquals(Main.EXIT_USAGE, run.exitCode(), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(run.stderr().startsWith("wasm2jar: error: "), run::toString);
        assertTrue(run.stderr().contains(messagePart), run::toString);
    }

    @Test
    void helpListsUsageOptionsAndCommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().startsWith("Usage: wasm2jar [compile] [OPTIONS] FILE.wasm"), run::toString);
        for (String expected : new String[] {"--output", "--class-name", "--package", "--dir", "--env", "--inherit-env",
                "--library", "--verbose", "--version", "run ", "compile ", "WASM2JAR_OPTS"}) {
            assertTrue(run.stdout().contains(expected), () -> "no " + expected + " in\n" + run);
        }
        assertEquals("", run.stderr());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"compile", "run"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.stdout().startsWith("Usage: wasm2jar " + command), run::toString);
        }
        CliRun run = CliRun.of("run", "--help");
        assertTrue(run.stdout().contains("--invoke"), run::toString);
        CliRun viaHelp = CliRun.of("help", "run");
        assertEquals(0, viaHelp.exitCode());
        assertEquals(run.stdout(), viaHelp.stdout());
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().matches("wasm2jar \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run::toString);
        assertEquals(run.stdout(), CliRun.of("run", "--version").stdout());
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertOneErrorLine(CliRun.of(), 2, "wasm2jar: error: missing FILE.wasm (see 'wasm2jar --help')");
    }

    @Test
    void missingFileIsOneErrorLineWithExitCode1() {
        Path missing = tmp.resolve("nope.wasm");
        assertOneErrorLine(CliRun.of(missing.toString(), "-o", tmp.resolve("x.jar").toString()), 1,
                "wasm2jar: error: " + missing + ": no such file");
        assertOneErrorLine(CliRun.of("compile", missing.toString()), 1, "wasm2jar: error: " + missing + ": no such file");
        assertOneErrorLine(CliRun.of("run", missing.toString()), 1, "wasm2jar: error: " + missing + ": no such file");
        assertFalse(Files.exists(tmp.resolve("x.jar")));
    }

    @Test
    void directoryInsteadOfFileIsOneErrorLine() {
        assertOneErrorLine(CliRun.of(tmp.toString()), 1, "wasm2jar: error: " + tmp + ": is a directory, not a .wasm file");
    }

    @Test
    void moduleTheCompilerRejectsIsOneErrorLineNamingTheFile() throws IOException {
        Path bad = Files.write(tmp.resolve("bad.wasm"), new byte[] {'n', 'o', 't', ' ', 'w', 'a', 's', 'm'});
        CliRun run = CliRun.of(bad.toString(), "-o", tmp.resolve("bad.jar").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(run.stderr().startsWith("wasm2jar: error: " + bad + ": "), run::toString);
        assertFalse(Files.exists(tmp.resolve("bad.jar")));
    }

    @Test
    void verboseAddsTheStackTraceToErrors() throws IOException {
        Path bad = Files.write(tmp.resolve("bad.wasm"), new byte[] {1, 2, 3});
        CliRun run = CliRun.of("--verbose", bad.toString(), "-o", tmp.resolve("bad.jar").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("wasm2jar: error: " + bad + ": "), run::toString);
        assertTrue(run.stderr().contains("\tat dev.wasm2jar."), run::toString);
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertUsageError(CliRun.of("--frobnicate", "x.wasm"), "Unknown option: '--frobnicate'");
        assertUsageError(CliRun.of("run", "--frobnicate", "x.wasm"), "see 'wasm2jar run --help'");
    }

    @Test
    void malformedWasiFlagsAreUsageErrors() {
        assertUsageError(CliRun.of("x.wasm", "--dir", "::/guest"), "--dir expects HOST::GUEST or DIR");
        assertUsageError(CliRun.of("x.wasm", "--env", "NOVALUE"), "--env expects NAME=VALUE");
        assertUsageError(CliRun.of("run", "--env", "=1", "x.wasm"), "--env expects NAME=VALUE");
        assertUsageError(CliRun.of("x.wasm", "--dir"), "--dir");
    }

    @Test
    void badJavaNamesAreUsageErrors() {
        assertUsageError(CliRun.of("x.wasm", "--class-name", "1st"), "--class-name: '1st' is not a Java identifier");
        assertUsageError(CliRun.of("x.wasm", "--class-name", "class"), "is not a Java identifier");
        assertUsageError(CliRun.of("x.wasm", "--package", "a..b"), "--package: 'a..b' is not a Java package name");
        assertUsageError(CliRun.of("x.wasm", "--package", "dev.wasm2jar.rt"), "reserved");
    }

    @Test
    void wasiSettingsWithLibraryAreAUsageError() {
        assertUsageError(CliRun.of("x.wasm", "--library", "--env", "A=1"), "no effect with --library");
    }

    @Test
    void runWithoutFileIsAUsageError() {
        assertUsageError(CliRun.of("run"), "FILE.wasm");
    }

    @Test
    void tooManyCompileArgumentsIsAUsageError() {
        assertUsageError(CliRun.of("a.wasm", "b.wasm"), "b.wasm");
    }

    @Test
    void defaultClassNameIsACapitalisedIdentifierFromTheFileName() {
        assertEquals("Hello", ClassNames.fromFile(Path.of("dir/hello.wasm")));
        assertEquals("HelloWorld", ClassNames.fromFile(Path.of("hello-world.wasm")));
        assertEquals("My_modV2", ClassNames.fromFile(Path.of("my_mod.v2.wasm")));
        assertEquals("Wasm2048", ClassNames.fromFile(Path.of("2048.WASM")));
        assertEquals("Python", ClassNames.fromFile(Path.of("python")));
        assertEquals("WasmModule", ClassNames.fromFile(Path.of(".wasm")));
        assertEquals("WasmModule", ClassNames.fromFile(Path.of("$$$.wasm")));
    }

    @Test
    void defaultJarIsTheInputNameWithJarInTheWorkingDirectory() {
        assertEquals(Path.of("hello.jar"), ModuleFiles.defaultJar(Path.of("examples/hello/hello.wasm")));
        assertEquals(Path.of("prog.jar"), ModuleFiles.defaultJar(Path.of("prog")));
    }
}
