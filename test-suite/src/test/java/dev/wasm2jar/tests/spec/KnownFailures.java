package dev.wasm2jar.tests.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * test-suite/src/test/resources/spec/known-failures.txt: spec commands ({@code file.wast:LINE  # reason})
 * allowed to fail while the compiler is incomplete. The list can only shrink: a listed command that
 * passes fails the gate too, so it must be removed.
 *
 * <p>A few scripts (left-to-right.wast) put two commands on one line; such a line is listed once per
 * failing command, and the gate compares the number of failures per line with the number of entries.
 */
final class KnownFailures {
    private static final Pattern ENTRY = Pattern.compile("([^\\s:#]+\\.wast):(\\d+)");

    /** key ({@code file.wast:LINE}) to how many commands of that line may fail. */
    private final Map<String, Integer> entries;

    private KnownFailures(Map<String, Integer> entries) {
        this.entries = entries;
    }

    static KnownFailures none() {
        return new KnownFailures(new LinkedHashMap<>());
    }

    /** Reads the list; a missing file is an empty list. */
    static KnownFailures read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readAllLines(file)) : none();
    }

    static KnownFailures parse(List<String> lines) {
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("known-failures.txt line " + (i + 1) + ": expected 'file.wast:LINE  # reason', got: " + line);
            }
            String key = m.group(1) + ":" + Integer.parseInt(m.group(2));
            entries.merge(key, 1, Integer::sum);
        }
        return new KnownFailures(entries);
    }

    /** The number of entries (lines of the file that list a command). */
    int size() {
        return entries.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    Set<String> files() {
        Set<String> files = new LinkedHashSet<>();
        for (String key : entries.keySet()) {
            files.add(key.substring(0, key.lastIndexOf(':')));
        }
        return files;
    }

    /** What the gate says about one script's result. */
    record Verdict(List<Failure> unexpected, List<String> nowPassing) {
        boolean ok() {
            return unexpected.isEmpty() && nowPassing.isEmpty();
        }

        String message(String file) {
            StringBuilder sb = new StringBuilder(file).append(':');
            if (!unexpected.isEmpty()) {
                sb.append(' ').append(unexpected.size()).append(" failure(s) not in known-failures.txt:");
                for (Failure f : unexpected.subList(0, Math.min(5, unexpected.size()))) {
                    sb.append("\n  ").append(f);
                }
                sb.append(unexpected.size() > 5 ? "\n  ...\n" : "\n");
            }
            if (!nowPassing.isEmpty()) {
                sb.append(' ').append(nowPassing.size()).append(" entr(y/ies) of known-failures.txt now pass, remove them from known-failures.txt: ")
                        .append(String.join(", ", nowPassing.subList(0, Math.min(10, nowPassing.size()))))
                        .append(nowPassing.size() > 10 ? ", ..." : "").append('\n');
            }
            return sb.append(" (all failures: test-suite/target/spec-failures.txt; test-suite/spec/update-known-failures.sh rewrites the list)").toString();
        }
    }

    /**
     * Failures of {@code result} not listed here (beyond the listed count of their line), and entries for
     * its file that did not fail (once per surplus entry).
     */
    Verdict judge(ScriptResult result) {
        List<Failure> unexpected = new ArrayList<>();
        Map<String, Integer> failedPerKey = new LinkedHashMap<>();
        for (Failure f : result.failures()) {
            int n = failedPerKey.merge(f.key(), 1, Integer::sum);
            if (n > entries.getOrDefault(f.key(), 0)) {
                unexpected.add(f);
            }
        }
        List<String> nowPassing = new ArrayList<>();
        String prefix = result.file + ":";
        for (Map.Entry<String, Integer> e : entries.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                for (int i = failedPerKey.getOrDefault(e.getKey(), 0); i < e.getValue(); i++) {
                    nowPassing.add(e.getKey());
                }
            }
        }
        return new Verdict(unexpected, nowPassing);
    }

    /** How many of the result's failures are listed. */
    int listedFailures(ScriptResult result) {
        Map<String, Integer> failedPerKey = new LinkedHashMap<>();
        int n = 0;
        for (Failure f : result.failures()) {
            if (failedPerKey.merge(f.key(), 1, Integer::sum) <= entries.getOrDefault(f.key(), 0)) {
                n++;
            }
        }
        return n;
    }
}
