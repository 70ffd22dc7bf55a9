package dev.wasm2jar.tests.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the suite's results: target/spec-report.tsv (one row per .wast), target/spec-failures.txt (one
 * line per failed command, the input of update-known-failures.sh) and target/spec-debug.log (harness notes
 * that are not failures), and builds the closing {@code N passed, N failed, N skipped} line.
 */
final class SpecReport {
    /** Set for the forced-split run so its reports sit beside, not over, the normal run's. */
    private static final String SUFFIX = System.getProperty("spec.report.suffix", "");
    static final String REPORT = "spec-report" + SUFFIX + ".tsv";
    static final String FAILURES = "spec-failures" + SUFFIX + ".txt";
    static final String DEBUG_LOG = "spec-debug" + SUFFIX + ".log";

    /** Header of spec-failures.txt for a run of every file; update-known-failures.sh insists on it. */
    static final String COMPLETE_RUN = "# complete run";
    static final String PARTIAL_RUN = "# partial run";

    private final List<ScriptResult> results = new ArrayList<>();
    private final KnownFailures known;
    private final String filter;

    /** @param filter the -Dspec.files filter of a partial run, or null for all files */
    SpecReport(KnownFailures known, String filter) {
        this.known = known;
        this.filter = filter;
    }

    void add(ScriptResult r) {
        results.add(r);
    }

    int passed() { return results.stream().mapToInt(ScriptResult::passed).sum(); }
    int failed() { return results.stream().mapToInt(ScriptResult::failed).sum(); }
    int skipped() { return results.stream().mapToInt(ScriptResult::skipped).sum(); }
    int notApplicable() { return results.stream().mapToInt(ScriptResult::notApplicable).sum(); }
    int knownFailed() { return results.stream().mapToInt(known::listedFailures).sum(); }

    String closingLine() {
        return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped";
    }

    String detailLine() {
        return "[spec] " + results.size() + " files; of the " + failed() + " failed, " + knownFailed()
                + " are listed in known-failures.txt (" + known.size() + " entries); " + notApplicable()
                + " text-format assert_malformed not applicable to a binary compiler (not counted)";
    }

    void write(Path targetDir) throws IOException {
        Files.createDirectories(targetDir);
        List<String> tsv = new ArrayList<>();
        tsv.add("# wasm2jar spec-test report (WebAssembly 2.0 core suite, " + (filter == null ? "all files" : "files matching " + filter) + ")");
        tsv.add("# passed/failed/skipped count every command except register; simd_*.wast are skipped until SIMD is implemented.");
        tsv.add("# text_malformed_na: assert_malformed on text-format (.wat) modules, not applicable to a binary compiler;");
        tsv.add("#   excluded from the passed/failed/skipped totals.");
        tsv.add("# known_failures: of the failed, how many are listed in test-suite/src/test/resources/spec/known-failures.txt ("
                + known.size() + " entries).");
        tsv.add("# total: " + closingLine() + "; " + knownFailed() + " known failures; " + notApplicable() + " text_malformed_na");
        tsv.add("file\tpassed\tfailed\tskipped\tknown_failures\ttext_malformed_na");
        for (ScriptResult r : results) {
            tsv.add(r.file + "\t" + r.passed() + "\t" + r.failed() + "\t" + r.skipped() + "\t" + known.listedFailures(r) + "\t" + r.notApplicable());
        }
        Files.write(targetDir.resolve(REPORT), tsv, StandardCharsets.UTF_8);

        List<String> failures = new ArrayList<>();
        failures.add((filter == null ? COMPLETE_RUN : PARTIAL_RUN + " (-Dspec.files=" + filter + ")") + ": " + failed() + " failures, "
                + knownFailed() + " listed in known-failures.txt; format: file:line command: reason");
        List<String> debug = new ArrayList<>();
        for (ScriptResult r : results) {
            for (Failure f : r.failures()) {
                failures.add(f.toString());
            }
            debug.addAll(r.debugLines());
        }
        Files.write(targetDir.resolve(FAILURES), failures, StandardCharsets.UTF_8);
        Files.write(targetDir.resolve(DEBUG_LOG), debug, StandardCharsets.UTF_8);
    }
}
