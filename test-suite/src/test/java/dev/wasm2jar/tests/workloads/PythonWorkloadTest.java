package dev.wasm2jar.tests.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython 3.11 compiled by wasm2jar runs like it does under V8: {@code check.py}'s output is byte-identical
 * to {@code check.expected} (recorded under Node), exit codes pass through, and pystone runs.
 */
class PythonWorkloadTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** pystone's two result lines; the numbers depend on the machine. */
    private static final Pattern PYSTONE_OUTPUT = Pattern.compile(
            "Pystone\\(1\\.1\\) time for 500 passes = \\d+(\\.\\d+)?(e-?\\d+)?\n"
                    + "This machine benchmarks at \\d+(\\.\\d+)?(e\\+?\\d+)? pystones/second\n");

    @TempDir
    Path workDir;
    @TempDir
    Path outputDir;

    @Test
    void checkScriptOutputIsIdenticalToNode() throws Exception {
        PythonWorkload.copyWorkloadTo(workDir);
        byte[] expected = Files.readAllBytes(PythonWorkload.SOURCE_DIR.resolve("check.expected"));

        PythonWorkload.Result r = PythonWorkload.run(workDir, outputDir, TIMEOUT, "check.py", "alpha", "beta");

        assertEquals(0, r.exitCode(), r::describe);
        if (!java.util.Arrays.equals(expected, r.stdout())) {
            // Equal as text but not as bytes would still fail below; assertEquals on text gives a readable diff.
            assertEquals(new String(expected, StandardCharsets.UTF_8), r.stdoutText(), "check.py stdout; stderr:\n" + r.stderr());
        }
        assertTrue(java.util.Arrays.equals(expected, r.stdout()), "check.py stdout differs from check.expected byte for byte");
    }

    @Test
    void exitStatusOfSysExitIsTheProcessExitCode() throws Exception {
        PythonWorkload.copyWorkloadTo(workDir);

        PythonWorkload.Result r = PythonWorkload.run(workDir, outputDir, TIMEOUT, "-c", "import sys; sys.exit(3)");

        assertEquals(3, r.exitCode(), r::describe);
        assertEquals("", r.stdoutText(), r::describe);
    }

    @Test
    void pystoneRuns() throws Exception {
        PythonWorkload.copyWorkloadTo(workDir);

        PythonWorkload.Result r = PythonWorkload.run(workDir, outputDir, TIMEOUT, "pystone.py", "500");

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(PYSTONE_OUTPUT.matcher(r.stdoutText()).matches(), r::describe);
        System.out.print("[python workload] " + r.stdoutText());
    }
}
