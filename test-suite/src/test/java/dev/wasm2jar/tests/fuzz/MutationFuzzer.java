package dev.wasm2jar.tests.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Hostile-binary fuzzing: COUNT mutations of the corpus modules (seeded), each checked by
 * {@link HostileInputRunner}. Prints one {@code FINDING} line per crash, hang or unverifiable class (the
 * input is saved to the findings folder), a line of outcome counts, and closes with
 * {@code N passed, N failed}.
 *
 * <p>Usage: {@code MutationFuzzer COUNT SEED [CORPUS_DIR [FINDINGS_DIR]]} (see test-suite/fuzz/mutate.sh).
 */
public final class MutationFuzzer {
    static final Path CORPUS = Path.of("src/test/resources/fuzz-corpus");
    static final Duration COMPILE_LIMIT = Duration.ofSeconds(30);
    static final Duration RUN_LIMIT = Duration.ofSeconds(2);

    record Summary(int passed, int failed, Map<HostileInputRunner.Outcome, Integer> outcomes, List<String> findings) {
        String closingLine() {
            return passed + " passed, " + failed + " failed";
        }
    }

    private final List<Path> corpusFiles;
    private final List<byte[]> corpus;
    private final Path findingsDir;
    private final PrintStream out;

    MutationFuzzer(Path corpusDir, Path findingsDir, PrintStream out) throws IOException {
        try (Stream<Path> s = Files.list(corpusDir)) {
            this.corpusFiles = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        if (corpusFiles.isEmpty()) {
            throw new IllegalStateException("no .wasm files in " + corpusDir.toAbsolutePath());
        }
        this.corpus = new ArrayList<>();
        for (Path p : corpusFiles) {
            corpus.add(Files.readAllBytes(p));
        }
        this.findingsDir = findingsDir;
        this.out = out;
    }

    Summary run(int count, long seed) throws IOException {
        Mutator mutator = new Mutator(corpus);
        HostileInputRunner runner = new HostileInputRunner(COMPILE_LIMIT, RUN_LIMIT);
        Map<HostileInputRunner.Outcome, Integer> outcomes = new EnumMap<>(HostileInputRunner.Outcome.class);
        List<String> findings = new ArrayList<>();
        int passed = 0;
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            int source = r.nextInt(corpus.size());
            Mutator.Mutation m = mutator.mutate(corpus.get(source), r);
            HostileInputRunner.Result result = runner.check(m.bytes());
            outcomes.merge(result.outcome(), 1, Integer::sum);
            if (result.outcome().isFinding()) {
                String name = "mutant-" + seed + "-" + i + ".wasm";
                String line = "FINDING " + result.outcome() + " " + name + " (" + corpusFiles.get(source).getFileName()
                        + ", " + m.description() + "): " + result.detail();
                findings.add(line);
                out.println(line);
                Files.createDirectories(findingsDir);
                Files.write(findingsDir.resolve(name), m.bytes());
            } else {
                passed++;
            }
        }
        return new Summary(passed, findings.size(), outcomes, findings);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MutationFuzzer COUNT SEED [CORPUS_DIR [FINDINGS_DIR]]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path corpus = args.length > 2 ? Path.of(args[2]) : CORPUS;
        Path findings = Path.of(args.length > 3 ? args[3] : "target/mutation-findings");
        long start = System.nanoTime();
        Summary s = new MutationFuzzer(corpus, findings, System.out).run(count, seed);
        System.out.println("outcomes: " + s.outcomes() + " in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        if (s.failed() > 0) {
            System.out.println("inputs that caused findings: " + findings.toAbsolutePath());
        }
        System.out.println(s.closingLine());
        System.exit(s.failed() == 0 ? 0 : 1);
    }
}
