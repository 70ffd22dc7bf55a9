package dev.wasm2jar.compiler.cli;

import dev.wasm2jar.rt.ValueTypes;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Command-line values for {@code run --invoke}: parsing arguments by the export's parameter types and
 * printing results the way wasmtime does (integers as signed decimals), with floats in Java's
 * {@code toString} form.
 */
final class InvokeValues {
    private InvokeValues() {}

    /** Plain decimal only: Java's own parsers also take hex floats and "1f"/"1d" suffixes, which we do not want. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Boxes {@code texts} for a function of {@code signature}; a {@link UsageError} says what is wrong. */
    static Object[] parseArguments(String function, String signature, List<String> texts) {
        String params = ValueTypes.params(signature);
        if (params.length() != texts.size()) {
            throw new UsageError("--invoke " + function + ": expects " + params.length() + " argument"
                    + (params.length() == 1 ? "" : "s") + " " + ValueTypes.describe(signature) + ", got " + texts.size());
        }
        Object[] values = new Object[texts.size()];
        for (int i = 0; i < values.length; i++) {
            char type = params.charAt(i);
            try {
                values[i] = parse(type, texts.get(i));
            } catch (NumberFormatException e) {
                throw new UsageError("--invoke " + function + ": argument " + (i + 1) + " '" + texts.get(i)
                        + "' is not a valid " + ValueTypes.name(type));
            }
        }
        return values;
    }

    /** One value; i32/i64 accept the signed and the unsigned range, floats take decimals, nan and inf. */
    static Object parse(char type, String text) {
        switch (type) {
            case 'i': {
                long v = parseInteger(text, 32);
                return (int) v;
            }
            case 'l':
                return parseI64(text);
            case 'f':
                return (float) parseFloat(text, true);
            case 'd':
                return parseFloat(text, false);
            default:
                throw new UsageError("cannot pass a " + ValueTypes.name(type) + " value on the command line");
        }
    }

    private static long parseInteger(String text, int bits) {
        long v = Long.parseLong(text);
        if (v < -(1L << (bits - 1)) || v >= (1L << bits)) {
            throw new NumberFormatException(text);
        }
        return v;
    }

    private static long parseI64(String text) {
        if (text.startsWith("-")) {
            return Long.parseLong(text);
        }
        return Long.parseUnsignedLong(text.startsWith("+") ? text.substring(1) : text);
    }

    private static double parseFloat(String text, boolean single) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        String magnitude = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (magnitude.equals("nan")) {
            return negative ? -Double.NaN : Double.NaN;
        }
        if (magnitude.equals("inf") || magnitude.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException(text);
        }
        // Parse f32 directly: rounding via double first could round twice.
        return single ? Float.parseFloat(text) : Double.parseDouble(text);
    }

    /** One result per line: i32/i64 signed decimal, f32/f64 as Java prints them, references by kind. */
    static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Float || value instanceof Double) {
            return value.toString();
        }
        if (value instanceof dev.wasm2jar.rt.WasmFunction) {
            return "<funcref>";
        }
        return "<externref>";
    }
}
