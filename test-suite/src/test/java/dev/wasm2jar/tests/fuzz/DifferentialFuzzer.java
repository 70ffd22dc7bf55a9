package dev.wasm2jar.tests.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Differential fuzzing of wasm2jar against V8: COUNT modules from binaryen's translate-to-fuzz mode
 * (seeded, so a run is reproducible), each run on both engines and the transcripts compared line by line.
 * Prints one line per mismatch and closes with {@code N passed, N failed[, N skipped]} (skipped: inputs on
 * which wasm-opt itself failed, and modules V8 rejects, which are not Wasm 2.0). Every mismatching module is kept in the failures folder with V8's
 * transcript ({@code .expected}) and ours ({@code .actual}), ready to become a regression fixture.
 *
 * <p>Generation and the V8 runs of the next batch overlap with the wasm2jar runs of the current one.
 *
 * <p>Usage: {@code DifferentialFuzzer COUNT SEED [FAILURES_DIR]} (see test-suite/fuzz/differential.sh).
 */
public final class DifferentialFuzzer {
    static final int BATCH = 25;
    static final Duration MODULE_TIMEOUT = Duration.ofSeconds(30);

    /** The totals of a run and one line per mismatch. */
    record Summary(int passed, int failed, int skipped, int nanOnly, List<String> mismatches) {
        /** The file names of the mismatching modules ({@code fuzz-SEED-INDEX.wasm}). */
        List<String> failedModules() {
            return mismatches.stream().map(l -> l.substring("MISMATCH ".length(), l.indexOf(' ', "MISMATCH ".length()))).toList();
        }

        String closingLine() {
            return passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    private record Batch(List<Path> modules, Map<Path, List<String>> v8, int skipped) {}

    private final Path work;
    private final Path failures;
    private final PrintStream out;

    DifferentialFuzzer(Path work, Path failures, PrintStream out) {
        this.work = work;
        this.failures = failures;
        this.out = out;
    }

    Summary run(int count, long seed) throws Exception {
        ModuleGenerator generator = new ModuleGenerator(work);
        V8Runner v8 = new V8Runner();
        Wasm2jarRunner jvm = new Wasm2jarRunner(MODULE_TIMEOUT);
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-generator");
            t.setDaemon(true);
            return t;
        });
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int nanOnly = 0;
        List<String> mismatches = new ArrayList<>();
        try {
            Future<Batch> next = background.submit(() -> prepare(generator, v8, seed, 0, Math.min(BATCH, count)));
            for (int start = 0; start < count; start += BATCH) {
                Batch batch = next.get();
                int nextStart = start + BATCH;
                if (nextStart < count) {
                    int end = Math.min(nextStart + BATCH, count);
                    next = background.submit(() -> prepare(generator, v8, seed, nextStart, end));
                }
                skipped += batch.skipped;
                for (Path module : batch.modules) {
                    List<String> expected = batch.v8.get(module);
                    if (!expected.isEmpty() && expected.get(0).equals("compile error")) {
                        // V8 rejects it: not a Wasm 2.0 module (newer binaryen's typed function references)
                        skipped++;
                        Files.deleteIfExists(module);
                        continue;
                    }
                    List<String> actual = jvm.run(Files.readAllBytes(module));
                    String diff = TranscriptDiff.firstDifference(expected, actual);
                    if (diff == null) {
                        passed++;
                        Files.deleteIfExists(module);
                    } else if (agreesWithoutNaNs(generator, v8, jvm, module)) {
                        passed++;
                        nanOnly++;
                        Files.deleteIfExists(module);
                    } else {
                        failed++;
                        String line = "MISMATCH " + module.getFileName() + " (passes " + passesOf(seed, module) + "): " + diff;
                        mismatches.add(line);
                        out.println(line);
                        keep(module, expected, actual);
                    }
                }
            }
        } finally {
            background.shutdownNow();
        }
        return new Summary(passed, failed, skipped, nanOnly, mismatches);
    }

    /**
     * Whether a mismatch is only a NaN bit pattern: the spec lets an operation on NaN return any
     * canonical or arithmetic NaN, V8 canonicalises where wasm2jar keeps the payload, and the bits become
     * visible through stores and reinterpretations. The module counts as agreeing when its
     * {@code --denan} instrumented twin (no NaN ever reaches memory or an integer) agrees exactly.
     */
    private static boolean agreesWithoutNaNs(ModuleGenerator generator, V8Runner v8, Wasm2jarRunner jvm, Path module) throws Exception {
        Path denan = generator.denan(module);
        if (denan == null) {
            return false;
        }
        try {
            List<String> expected = v8.run(List.of(denan)).get(denan);
            List<String> actual = jvm.run(Files.readAllBytes(denan));
            return TranscriptDiff.firstDifference(expected, actual) == null;
        } finally {
            Files.deleteIfExists(denan);
        }
    }

    /** The wasm-opt passes that made {@code fuzz-SEED-INDEX.wasm}, for reproducing it. */
    private static String passesOf(long seed, Path module) {
        String name = module.getFileName().toString();
        int index = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1, name.indexOf('.')));
        List<String> p = ModuleGenerator.pipeline(seed, index);
        return p.isEmpty() ? "none" : String.join(" ", p);
    }

    private static Batch prepare(ModuleGenerator generator, V8Runner v8, long seed, int from, int to) throws Exception {
        List<Path> modules = new ArrayList<>();
        int skipped = 0;
        for (int i = from; i < to; i++) {
            Path m = generator.generate(seed, i);
            if (m == null) {
                skipped++;
            } else {
                modules.add(m);
            }
        }
        return new Batch(modules, v8.run(modules), skipped);
    }

    private void keep(Path module, List<String> expected, List<String> actual) throws IOException {
        Files.createDirectories(failures);
        String base = module.getFileName().toString().replaceFirst("\\.wasm$", "");
        Files.copy(module, failures.resolve(base + ".wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(failures.resolve(base + ".expected"), Transcript.utf8(expected));
        Files.write(failures.resolve(base + ".actual"), Transcript.utf8(actual));
        Files.deleteIfExists(module);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DifferentialFuzzer COUNT SEED [FAILURES_DIR]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path failures = Path.of(args.length > 2 ? args[2] : "target/fuzz-failures");
        Path work = Files.createTempDirectory("wasm2jar-fuzz");
        Summary s = new DifferentialFuzzer(work, failures, System.out).run(count, seed);
        if (s.nanOnly() > 0) {
            System.out.println(s.nanOnly() + " module(s) differed only in NaN bit patterns (identical with --denan), counted as passed");
        }
        if (s.failed() > 0) {
            System.out.println("mismatching modules with V8's and wasm2jar's transcripts: " + failures.toAbsolutePath());
        }
        System.out.println(s.closingLine());
        System.exit(s.failed() == 0 ? 0 : 1);
    }
}
