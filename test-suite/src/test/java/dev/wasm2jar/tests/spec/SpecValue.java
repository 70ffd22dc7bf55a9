package dev.wasm2jar.tests.spec;

import java.util.List;

/**
 * One value of a wast2json command: an argument, or an expected result (which may also be a NaN pattern
 * or, for {@code funcref}, "any non-null reference"). Scalars keep wast2json's unsigned decimal bit-pattern
 * string; {@code v128} keeps its lane type and lanes.
 *
 * @param type     {@code i32}, {@code i64}, {@code f32}, {@code f64}, {@code v128}, {@code funcref}, {@code externref}
 * @param value    the decimal bit pattern, {@code "null"}, {@code "nan:canonical"}, {@code "nan:arithmetic"},
 *                 or null when the command gives only the type (assert_trap, {@code (ref.func)})
 * @param laneType v128 only: i8, i16, i32, i64, f32 or f64
 * @param lanes    v128 only: the lanes, lane 0 first
 */
public record SpecValue(String type, String value, String laneType, List<String> lanes) {

    public static final String NAN_CANONICAL = "nan:canonical";
    public static final String NAN_ARITHMETIC = "nan:arithmetic";

    public static SpecValue scalar(String type, String value) {
        return new SpecValue(type, value, null, null);
    }

    public boolean isNull() {
        return "null".equals(value);
    }

    /** The 32-bit pattern of an i32/f32 value; wast2json writes it unsigned. */
    static int bits32(String decimal) {
        long v = Long.parseLong(decimal);
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
            throw new NumberFormatException("not a 32-bit pattern: " + decimal);
        }
        return (int) v;
    }

    /** The 64-bit pattern of an i64/f64 value; wast2json writes it unsigned. */
    static long bits64(String decimal) {
        return decimal.startsWith("-") ? Long.parseLong(decimal) : Long.parseUnsignedLong(decimal);
    }

    @Override
    public String toString() {
        if (lanes != null) {
            return type + ":" + laneType + lanes;
        }
        return value == null ? type : type + ":" + value;
    }
}
