package dev.wasm2jar.tests.fuzz;

import java.util.ArrayList;
import java.util.List;

/** Compares a wasm2jar transcript with V8's; {@code #} lines are comments (e.g. a compile error's reason). */
final class TranscriptDiff {
    private TranscriptDiff() {}

    static List<String> significant(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    /** Null when equal, else where they part: the line number, the call being made and both lines. */
    static String firstDifference(List<String> expected, List<String> actual) {
        List<String> e = significant(expected);
        List<String> a = significant(actual);
        String call = "";
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                String why = "";
                for (String l : actual) {
                    if (l.startsWith("# ")) {
                        why = " (" + l.substring(2) + ")";
                    }
                }
                return "line " + (i + 1) + (call.isEmpty() ? "" : " in " + call) + ": v8 \"" + el + "\" vs wasm2jar \"" + al + "\"" + why;
            }
            if (el.startsWith("call ")) {
                call = el.substring(5);
            }
        }
        return null;
    }
}
