package dev.wasm2jar.tests.fuzz;

import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.Trap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What one module did, as comparable text lines: the format {@code test-suite/fuzz/run-v8.mjs} prints for
 * V8 (see its header). Values are typed and bit-exact ({@code i32:-5}, {@code f32:0x3fc00000}); every NaN
 * prints as {@code nan} because a NaN crossing the JS boundary loses its payload, and the spec leaves most
 * NaN payloads nondeterministic anyway. Traps print as categories that both engines' messages map onto.
 */
final class Transcript {
    private final List<String> lines = new ArrayList<>();

    synchronized void add(String line) {
        lines.add(line);
    }

    synchronized int size() {
        return lines.size();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    static String value(char type, Object v) {
        switch (type) {
            case 'i': return "i32:" + (int) (Integer) v;
            case 'l': return "i64:" + (long) (Long) v;
            case 'f': {
                float f = (Float) v;
                return Float.isNaN(f) ? "f32:nan" : String.format("f32:0x%08x", Float.floatToRawIntBits(f));
            }
            case 'd': {
                double d = (Double) v;
                return Double.isNaN(d) ? "f64:nan" : String.format("f64:0x%016x", Double.doubleToRawLongBits(d));
            }
            case 'F': return v == null ? "funcref:null" : "funcref:func";
            case 'E': return v == null ? "externref:null" : "externref:host";
            default: return type + ":?";
        }
    }

    /** The result line of a call that returned {@code results} for a function of signature {@code type}. */
    static String resultLine(String resultTypes, Object[] results) {
        StringBuilder sb = new StringBuilder("result");
        for (int k = 0; k < resultTypes.length(); k++) {
            sb.append(' ').append(value(resultTypes.charAt(k), results[k]));
        }
        return sb.toString();
    }

    /**
     * The category of a trap message (the spec's wording, which wasm2jar uses). "undefined element" is a
     * table index error and "uninitialized element" an indirect-call failure, as V8 reports them. V8 says
     * "float unrepresentable in integer range" for every failing float-to-int truncation (the spec: "integer
     * overflow" when out of range, "invalid conversion to integer" for NaN) and "divide result
     * unrepresentable" for division overflow, so all three are one category, "overflow".
     */
    static String trapCategory(String message) {
        String m = String.valueOf(message);
        if (m.startsWith(Trap.UNREACHABLE)) return "unreachable";
        if (m.startsWith(Trap.OUT_OF_BOUNDS_MEMORY)) return "memory";
        if (m.startsWith(Trap.OUT_OF_BOUNDS_TABLE) || m.startsWith(Trap.UNDEFINED_ELEMENT)) return "table";
        if (m.startsWith(Trap.UNINITIALIZED_ELEMENT) || m.startsWith(Trap.INDIRECT_CALL_TYPE_MISMATCH)) return "indirect";
        if (m.startsWith(Trap.INT_DIVIDE_BY_ZERO)) return "div0";
        if (m.startsWith(Trap.INT_OVERFLOW) || m.startsWith(Trap.INVALID_CONVERSION)) return "overflow";
        if (m.startsWith(Trap.CALL_STACK_EXHAUSTED)) return "stack";
        if (m.startsWith(Trap.NULL_REFERENCE)) return "null";
        return "other " + m;
    }

    /** A throwable escaping a call: a trap category, or an "error" line naming what should never escape. */
    static String failureLine(Throwable t) {
        if (t instanceof Trap trap) {
            return "trap " + trapCategory(trap.getMessage());
        }
        if (t instanceof FuzzingSupport.LimitError) {
            return "trap limit";
        }
        if (t instanceof FuzzingSupport.HostError) {
            return "trap host";
        }
        return "error " + t.getClass().getName() + ": " + firstLine(t.getMessage());
    }

    static String memoryLine(Memory memory) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(memory.bytes);
            return "memory " + memory.pages() + " " + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String globalLine(String name, Global g) {
        return "global " + name + " " + value(g.type, g.get());
    }

    static String callLine(String export, String argumentSet) {
        return "call " + export + " " + argumentSet;
    }

    static String firstLine(String s) {
        String m = String.valueOf(s);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static byte[] utf8(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
