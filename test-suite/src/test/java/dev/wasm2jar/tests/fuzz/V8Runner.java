package dev.wasm2jar.tests.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference side: runs {@code run-v8.mjs} on node for a batch of modules in one process. */
final class V8Runner {
    private final String node;
    private final Path script;

    V8Runner() {
        this.node = Tools.require("node");
        this.script = Tools.fuzzDir().resolve("run-v8.mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("missing " + script + " (set -Dwasm2jar.fuzzDir to test-suite/fuzz)");
        }
    }

    /** Transcripts by module path, in the order given. */
    Map<Path, List<String>> run(List<Path> modules) throws IOException, InterruptedException {
        Map<Path, List<String>> result = new LinkedHashMap<>();
        if (modules.isEmpty()) {
            return result;
        }
        Path list = Files.createTempFile("wasm2jar-v8", ".list");
        try {
            List<String> names = new ArrayList<>();
            for (Path m : modules) {
                names.add(m.toAbsolutePath().toString());
            }
            Files.write(list, names);
            String out = Tools.run(List.of(node, script.toString(), "--list", list.toString()), 600);
            Map<String, List<String>> byName = parse(out);
            for (Path m : modules) {
                List<String> t = byName.get(m.toAbsolutePath().toString());
                result.put(m, t != null ? t : List.of("harness-error node printed nothing for this module"));
            }
            return result;
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /** Splits node's output ("module PATH", lines, "end") into transcripts. */
    static Map<String, List<String>> parse(String out) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("module ")) {
                current = new ArrayList<>();
                byName.put(line.substring("module ".length()), current);
            } else if (line.equals("end")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return byName;
    }
}
