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
 */
final class KnownFailures {
    private static final Pattern ENTRY = Pattern.compile("([^\\s:#]+\\.wast):(\\d+)");

    /** key ({@code file.wast:LINE}) to the reason written after {@code #} (may be empty). */
    private final Map<String, String> entries;

    private KnownFailures(Map<String, String> entries) {
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
        Map<String, String> entries = new LinkedHashMap<>();
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
            entries.put(key, hash >= 0 ? line.substring(hash + 1).trim() : "");
        }
        return new KnownFailures(entries);
    }

    int size() {
        return entries.size();
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
                sb.append(' ').append(unexpected.size()).append(" failure(s) not in known-failures.txt, first: ").append(unexpected.get(0)).append(';');
            }
            if (!nowPassing.isEmpty()) {
                sb.append(' ').append(nowPassing.size()).append(" entr(y/ies) of known-failures.txt now pass, remove them from known-failures.txt: ")
                        .append(String.join(", ", nowPassing.subList(0, Math.min(10, nowPassing.size()))))
                        .append(nowPassing.size() > 10 ? ", ..." : "").append(';');
            }
            return sb.append(" see target/spec-failures.txt; test-suite/spec/update-known-failures.sh rewrites the list").toString();
        }
    }

    /** Failures of {@code result} not listed here, and entries for its file that did not fail. */
    Verdict judge(ScriptResult result) {
        List<Failure> unexpected = new ArrayList<>();
        Set<String> failedKeys = new LinkedHashSet<>();
        for (Failure f : result.failures()) {
            failedKeys.add(f.key());
            if (!entries.containsKey(f.key())) {
                unexpected.add(f);
            }
        }
        List<String> nowPassing = new ArrayList<>();
        String prefix = result.file + ":";
        for (String key : entries.keySet()) {
            if (key.startsWith(prefix) && !failedKeys.contains(key)) {
                nowPassing.add(key);
            }
        }
        return new Verdict(unexpected, nowPassing);
    }

    /** How many of the result's failures are listed. */
    int listedFailures(ScriptResult result) {
        int n = 0;
        for (Failure f : result.failures()) {
            if (entries.containsKey(f.key())) {
                n++;
            }
        }
        return n;
    }
}
