package dev.wasm2jar.tests.spec;

import dev.wasm2jar.rt.WasmFunction;
import java.util.List;

/**
 * Converts wast2json values to the boxed Java values {@link WasmFunction#call} takes and returns (Integer,
 * Long, Float, Double, references), and checks results against expected values bit for bit.
 */
final class SpecValues {
    private SpecValues() {}

    private static final int F32_EXP_MASK = 0x7f80_0000;
    private static final int F32_QUIET_BIT = 0x0040_0000;
    private static final long F64_EXP_MASK = 0x7ff0_0000_0000_0000L;
    private static final long F64_QUIET_BIT = 0x0008_0000_0000_0000L;

    /**
     * Thrown for values the harness cannot pass or check yet: v128, until the compiler has a JVM
     * representation for it (then convert with {@link V128#bytes} / check with {@link V128#mismatch}).
     */
    static final class UnsupportedValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedValueException(String message) {
            super(message);
        }
    }

    /** The boxed argument for a call. */
    static Object toArgument(SpecValue v, HostRefs refs) {
        switch (v.type()) {
            case "i32": return SpecValue.bits32(v.value());
            case "i64": return SpecValue.bits64(v.value());
            case "f32": return Float.intBitsToFloat(SpecValue.bits32(v.value()));
            case "f64": return Double.longBitsToDouble(SpecValue.bits64(v.value()));
            case "funcref":
                if (v.isNull()) {
                    return null;
                }
                throw new UnsupportedValueException("funcref argument other than null: " + v);
            case "externref":
                return v.isNull() ? null : refs.get(Long.parseLong(v.value()));
            default:
                throw new UnsupportedValueException("argument of type " + v.type());
        }
    }

    static Object[] toArguments(List<SpecValue> args, HostRefs refs) {
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toArgument(args.get(i), refs);
        }
        return out;
    }

    /** Null when {@code actual} matches {@code expected}, otherwise why not. */
    static String mismatch(SpecValue expected, Object actual, HostRefs refs) {
        String v = expected.value();
        switch (expected.type()) {
            case "i32":
                if (!(actual instanceof Integer i)) {
                    return "expected i32 " + describe(expected) + ", got " + describe(actual);
                }
                return i == SpecValue.bits32(v) ? null : "expected " + describe(expected) + ", got " + describe(actual);
            case "i64":
                if (!(actual instanceof Long l)) {
                    return "expected i64 " + describe(expected) + ", got " + describe(actual);
                }
                return l == SpecValue.bits64(v) ? null : "expected " + describe(expected) + ", got " + describe(actual);
            case "f32": {
                if (!(actual instanceof Float f)) {
                    return "expected f32 " + describe(expected) + ", got " + describe(actual);
                }
                return f32Matches(v, Float.floatToRawIntBits(f)) ? null : "expected " + describe(expected) + ", got " + describe(actual);
            }
            case "f64": {
                if (!(actual instanceof Double d)) {
                    return "expected f64 " + describe(expected) + ", got " + describe(actual);
                }
                return f64Matches(v, Double.doubleToRawLongBits(d)) ? null : "expected " + describe(expected) + ", got " + describe(actual);
            }
            case "funcref":
                if (v == null) {
                    return actual instanceof WasmFunction ? null : "expected a non-null funcref, got " + describe(actual);
                }
                if (expected.isNull()) {
                    return actual == null ? null : "expected null funcref, got " + describe(actual);
                }
                throw new UnsupportedValueException("expected funcref " + v);
            case "externref":
                if (expected.isNull()) {
                    return actual == null ? null : "expected null externref, got " + describe(actual);
                }
                Object want = refs.get(Long.parseLong(v));
                return actual == want ? null : "expected " + want + ", got " + describe(actual);
            default:
                throw new UnsupportedValueException("result of type " + expected.type());
        }
    }

    static boolean f32Matches(String expected, int bits) {
        if (SpecValue.NAN_CANONICAL.equals(expected)) {
            return (bits & 0x7fff_ffff) == (F32_EXP_MASK | F32_QUIET_BIT);
        }
        if (SpecValue.NAN_ARITHMETIC.equals(expected)) {
            return (bits & (F32_EXP_MASK | F32_QUIET_BIT)) == (F32_EXP_MASK | F32_QUIET_BIT);
        }
        return bits == SpecValue.bits32(expected);
    }

    static boolean f64Matches(String expected, long bits) {
        if (SpecValue.NAN_CANONICAL.equals(expected)) {
            return (bits & 0x7fff_ffff_ffff_ffffL) == (F64_EXP_MASK | F64_QUIET_BIT);
        }
        if (SpecValue.NAN_ARITHMETIC.equals(expected)) {
            return (bits & (F64_EXP_MASK | F64_QUIET_BIT)) == (F64_EXP_MASK | F64_QUIET_BIT);
        }
        return bits == SpecValue.bits64(expected);
    }

    /** Null when all results match, otherwise why not (result index included). */
    static String mismatch(List<SpecValue> expected, Object[] actual, HostRefs refs) {
        if (actual == null) {
            return "got no result array";
        }
        if (actual.length != expected.size()) {
            return "expected " + expected.size() + " result(s) " + expected + ", got " + actual.length + ": " + describeAll(actual);
        }
        for (int i = 0; i < actual.length; i++) {
            String why = mismatch(expected.get(i), actual[i], refs);
            if (why != null) {
                return expected.size() == 1 ? why : "result " + i + ": " + why;
            }
        }
        return null;
    }

    static String describe(SpecValue v) {
        String s = v.value();
        if (s == null || s.startsWith("nan:") || s.equals("null")) {
            return v.toString();
        }
        switch (v.type()) {
            case "i32": return describe((Object) SpecValue.bits32(s));
            case "i64": return describe((Object) SpecValue.bits64(s));
            case "f32": return describe((Object) Float.intBitsToFloat(SpecValue.bits32(s)));
            case "f64": return describe((Object) Double.longBitsToDouble(SpecValue.bits64(s)));
            default: return v.toString();
        }
    }

    /** A value with its type and, for numbers, its bit pattern, so NaN payloads and -0 are visible. */
    static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Integer i) {
            return "i32:" + i + " (0x" + Integer.toHexString(i) + ")";
        }
        if (o instanceof Long l) {
            return "i64:" + l + " (0x" + Long.toHexString(l) + ")";
        }
        if (o instanceof Float f) {
            return "f32:" + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        }
        if (o instanceof Double d) {
            return "f64:" + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        }
        return o.getClass().getSimpleName() + ":" + o;
    }

    static String describeAll(Object[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(describe(values[i]));
        }
        return sb.append(']').toString();
    }
}
