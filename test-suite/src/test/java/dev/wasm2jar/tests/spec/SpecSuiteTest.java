package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official WebAssembly 2.0 core spec tests (test-suite/src/test/resources/spec/wasm-2.0), run against
 * wasm2jar: one dynamic test per .wast, then a summary that writes target/spec-report.tsv,
 * target/spec-failures.txt and prints {@code N passed, N failed, N skipped}.
 *
 * <p>A file's test fails when one of its commands fails and is not listed in known-failures.txt, or when
 * a listed command passes. SIMD scripts are skipped until the compiler supports v128.
 *
 * <p>System properties: {@code spec.files} (comma-separated globs such as {@code i32.wast,f*}; the gate
 * then covers only those files), {@code spec.threads} (default: number of CPUs), {@code spec.timeout}
 * (seconds per file, default 120), {@code spec.stackMb} (per-file thread stack, default 8),
 * {@code spec.print=true} (let spectest's print* functions write to stdout).
 */
class SpecSuiteTest {
    static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path WAST_DIR = BASEDIR.resolve("src/test/resources/spec/wasm-2.0");
    static final Path KNOWN_FAILURES = BASEDIR.resolve("src/test/resources/spec/known-failures.txt");
    static final Path CONVERT_SCRIPT = BASEDIR.resolve("spec/convert.sh");
    static final Path TARGET = BASEDIR.resolve("target");
    static final Path JSON_DIR = TARGET.resolve("spec-json/wasm-2.0");

    static boolean isSimd(String wastName) {
        return wastName.startsWith("simd_");
    }

    @TestFactory
    Stream<DynamicTest> wasm20() throws Exception {
        WastConverter.ensureConverted(WAST_DIR, JSON_DIR, CONVERT_SCRIPT);
        KnownFailures known = KnownFailures.read(KNOWN_FAILURES);
        String filter = System.getProperty("spec.files");
        List<Path> files = selected(WastConverter.wastFiles(WAST_DIR), filter);
        assertTrue(!files.isEmpty(), "no .wast file in " + WAST_DIR + (filter == null ? "" : " matches spec.files=" + filter));

        // 8 MB stacks: 8x the JVM's default thread stack, although every script passes with 1 MB. Much more
        // makes assert_exhaustion slow: skip-stack-guard-page.wast recurses through a split function that
        // keeps a heap frame object (its ~1000 locals) per call, and with 64 MB stacks the descent took
        // over 120 s and ~6 GB of heap, nearly all garbage-collector time scanning the deep stack.
        SuiteRunner runner = new SuiteRunner(ModuleFactory.COMPILER,
                Integer.getInteger("spec.threads", Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(Integer.getInteger("spec.timeout", 120)),
                Integer.getInteger("spec.stackMb", 8) * 1024L * 1024L);
        Map<String, CompletableFuture<ScriptResult>> pending = new LinkedHashMap<>();
        for (Path wast : files) {
            String name = wast.getFileName().toString();
            pending.put(name, runner.submit(WastConverter.jsonFor(wast, JSON_DIR), name, isSimd(name)));
        }

        SpecReport report = new SpecReport(known, filter);
        List<DynamicTest> tests = new ArrayList<>();
        pending.forEach((name, future) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            ScriptResult r = future.get(2, TimeUnit.HOURS); // the runner's own per-file timeout ends it long before
            report.add(r);
            if (isSimd(name)) {
                Assumptions.abort(r.skipped() + " commands skipped: SIMD (v128) is not implemented yet");
            }
            KnownFailures.Verdict verdict = known.judge(r);
            if (!verdict.ok()) {
                fail(verdict.message(name));
            }
        })));
        tests.add(DynamicTest.dynamicTest("summary (target/spec-report.tsv)", () -> {
            runner.close();
            report.write(TARGET);
            System.out.println(report.detailLine());
            System.out.println(report.closingLine());
            List<String> unknownFiles = new ArrayList<>();
            for (String file : known.files()) {
                if (!WAST_DIR.resolve(file).toFile().isFile()) {
                    unknownFiles.add(file);
                }
            }
            if (!unknownFiles.isEmpty()) {
                fail("known-failures.txt lists files that do not exist, remove them: " + unknownFiles);
            }
        }));
        return tests.stream();
    }

    /** All files, or those whose name matches one of the comma-separated globs. */
    static List<Path> selected(List<Path> files, String filter) {
        if (filter == null || filter.isBlank()) {
            return files;
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : filter.split(",")) {
            String g = glob.trim();
            if (!g.isEmpty()) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + (g.endsWith(".wast") || g.endsWith("*") ? g : g + ".wast")));
            }
        }
        return files.stream().filter(f -> matchers.stream().anyMatch(m -> m.matches(f.getFileName()))).toList();
    }
}
