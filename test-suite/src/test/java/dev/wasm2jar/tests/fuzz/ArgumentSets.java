package dev.wasm2jar.tests.fuzz;

import java.util.List;

/**
 * The argument sets every export is called with: "zero" (all parameters zero or null) and "mixed" (edge
 * values by parameter position). The same tables are in {@code run-v8.mjs}; values are exact in f32 where
 * used for f32 and never NaN, so both engines receive identical bits.
 */
final class ArgumentSets {
    private ArgumentSets() {}

    static final List<String> NAMES = List.of("zero", "mixed");

    private static final int[] I32 = {1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 65535, 37, 0};
    private static final long[] I64 = {1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 4294967296L, 37L, 0L};
    private static final float[] F32 = {1.5f, -0.0f, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, Float.MIN_VALUE, -2.5f, 0f};
    private static final double[] F64 = {1.5, -0.0, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, -2.5, 0};

    /** Boxed arguments for parameters {@code params} (one-letter types) in set {@code set}. */
    static Object[] arguments(String params, String set) {
        boolean zero = set.equals("zero");
        Object[] args = new Object[params.length()];
        for (int k = 0; k < args.length; k++) {
            int i = (k + 1) % I32.length;
            switch (params.charAt(k)) {
                case 'i': args[k] = zero ? 0 : I32[i]; break;
                case 'l': args[k] = zero ? 0L : I64[i]; break;
                case 'f': args[k] = zero ? 0f : F32[i]; break;
                case 'd': args[k] = zero ? 0d : F64[i]; break;
                default: args[k] = null; break;
            }
        }
        return args;
    }
}
