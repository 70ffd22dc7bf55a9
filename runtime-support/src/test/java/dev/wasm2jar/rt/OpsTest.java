package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.rt.specops.WastLiterals;
import dev.wasm2jar.rt.specops.WastLiterals.FloatFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Ops} on many generated inputs against references computed exactly with BigInteger /
 * BigDecimal (and the exact float rounding of {@link WastLiterals}), complementing the spec assertions
 * of {@link OpsSpecTest} with inputs near every boundary.
 */
class OpsTest {
    private static final int SAMPLES = 50_000;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    // ---------------------------------------------------------------- integer division

    @Test
    void unsignedDivisionMatchesBigInteger() {
        Random random = new Random(1);
        List<Long> specials = List.of(0L, 1L, 2L, 3L, -1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
                0xFFFF_FFFFL, 0x1_0000_0000L, Integer.MIN_VALUE & 0xFFFF_FFFFL, 0x8000_0000_0000_0001L, 0xC000_0000_0000_0000L);
        List<long[]> pairs = new ArrayList<>();
        for (long a : specials) for (long b : specials) pairs.add(new long[] {a, b});
        for (int i = 0; i < SAMPLES; i++) {
            pairs.add(new long[] {random.nextLong(), random.nextLong() >>> random.nextInt(64)});
            pairs.add(new long[] {random.nextLong() | Long.MIN_VALUE, random.nextLong() >>> random.nextInt(64)});
        }
        for (long[] p : pairs) {
            long a = p[0], b = p[1];
            if (b == 0) {
                assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i64DivU(a, 0));
                assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i64RemU(a, 0));
                continue;
            }
            BigInteger[] qr = unsigned(a).divideAndRemainder(unsigned(b));
            assertEquals(qr[0].longValue(), Ops.i64DivU(a, b), () -> "i64.div_u " + Long.toUnsignedString(a) + " " + Long.toUnsignedString(b));
            assertEquals(qr[1].longValue(), Ops.i64RemU(a, b), () -> "i64.rem_u " + Long.toUnsignedString(a) + " " + Long.toUnsignedString(b));
            int a32 = (int) a, b32 = (int) b;
            if (b32 != 0) {
                long ua = a32 & 0xFFFF_FFFFL, ub = b32 & 0xFFFF_FFFFL;
                assertEquals((int) (ua / ub), Ops.i32DivU(a32, b32));
                assertEquals((int) (ua % ub), Ops.i32RemU(a32, b32));
            }
        }
    }

    @Test
    void signedDivisionMatchesBigIntegerAndTraps() {
        Random random = new Random(2);
        for (int i = 0; i < SAMPLES; i++) {
            long a = random.nextLong() >> random.nextInt(64), b = random.nextLong() >> random.nextInt(64);
            checkSignedDivision(a, b);
            checkSignedDivision(a, -1);
            checkSignedDivision(Long.MIN_VALUE, b);
        }
        assertTrap(Trap.INT_OVERFLOW, () -> Ops.i64DivS(Long.MIN_VALUE, -1));
        assertTrap(Trap.INT_OVERFLOW, () -> Ops.i32DivS(Integer.MIN_VALUE, -1));
        assertEquals(0L, Ops.i64RemS(Long.MIN_VALUE, -1));
        assertEquals(0, Ops.i32RemS(Integer.MIN_VALUE, -1));
        assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i32DivS(1, 0));
        assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i32RemS(Integer.MIN_VALUE, 0));
        assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i32DivU(1, 0));
        assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i32RemU(1, 0));
        assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i64DivS(1, 0));
        assertTrap(Trap.INT_DIVIDE_BY_ZERO, () -> Ops.i64RemS(1, 0));
    }

    private static void checkSignedDivision(long a, long b) {
        if (b == 0) return;
        // BigInteger divide truncates toward zero and the remainder takes the dividend's sign, as in Wasm.
        BigInteger[] qr = BigInteger.valueOf(a).divideAndRemainder(BigInteger.valueOf(b));
        if (qr[0].bitLength() < 64) assertEquals(qr[0].longValue(), Ops.i64DivS(a, b));
        assertEquals(qr[1].longValue(), Ops.i64RemS(a, b));
        int a32 = (int) a, b32 = (int) b;
        if (b32 == 0) return;
        BigInteger[] qr32 = BigInteger.valueOf(a32).divideAndRemainder(BigInteger.valueOf(b32));
        if (qr32[0].bitLength() < 32) assertEquals(qr32[0].intValue(), Ops.i32DivS(a32, b32));
        assertEquals(qr32[1].intValue(), Ops.i32RemS(a32, b32));
    }

    // ---------------------------------------------------------------- int -> float conversions

    /** Integers just around the rounding midpoints of both formats, plus random ones of every magnitude. */
    private static List<Long> conversionInputs(Random random) {
        List<Long> inputs = new ArrayList<>();
        for (int shift = 0; shift < 64; shift++) {
            for (int i = 0; i < 200; i++) {
                long top = random.nextLong() >>> shift;
                int dropped = Math.max(0, 64 - shift - 24);
                long midpointish = top & (-1L << dropped) | (dropped > 0 ? 1L << (dropped - 1) : 0);
                for (long delta = -2; delta <= 2; delta++) inputs.add(midpointish + delta);
                inputs.add(top);
                inputs.add(top | Long.MIN_VALUE);
            }
        }
        return inputs;
    }

    @Test
    void integerToFloatConversionsRoundOnceToNearestEven() {
        for (long v : conversionInputs(new Random(3))) {
            BigInteger unsigned = unsigned(v), signed = BigInteger.valueOf(v);
            assertEquals(roundToBits(unsigned, FloatFormat.BINARY32), bits(Ops.f32ConvertI64U(v)), () -> "f32.convert_i64_u " + Long.toUnsignedString(v));
            assertEquals(roundToBits(unsigned, FloatFormat.BINARY64), bits(Ops.f64ConvertI64U(v)), () -> "f64.convert_i64_u " + Long.toUnsignedString(v));
            // The signed conversions are plain l2f / l2d in generated code; check that they round once too.
            assertEquals(roundToBits(signed, FloatFormat.BINARY32), bits((float) v), () -> "l2f " + v);
            assertEquals(roundToBits(signed, FloatFormat.BINARY64), bits((double) v), () -> "l2d " + v);
            int v32 = (int) v;
            BigInteger unsigned32 = BigInteger.valueOf(v32 & 0xFFFF_FFFFL);
            assertEquals(roundToBits(unsigned32, FloatFormat.BINARY32), bits(Ops.f32ConvertI32U(v32)), () -> "f32.convert_i32_u " + v32);
            assertEquals(roundToBits(unsigned32, FloatFormat.BINARY64), bits(Ops.f64ConvertI32U(v32)));
            assertEquals(roundToBits(BigInteger.valueOf(v32), FloatFormat.BINARY32), bits((float) v32), () -> "i2f " + v32);
        }
    }

    // ---------------------------------------------------------------- float -> int conversions

    /** Doubles at and next to every conversion boundary, and random bit patterns (NaNs, infinities included). */
    private static List<Double> truncationInputs(Random random) {
        List<Double> inputs = new ArrayList<>();
        double[] boundaries = {0, 1, 0x1p31, 0x1p32, 0x1p63, 0x1p64, 0x1p31 + 1, 0x1p32 - 1, 0.5, 1e300};
        for (double boundary : boundaries) {
            for (double b : new double[] {boundary, -boundary}) {
                double below = b, above = b;
                for (int i = 0; i < 4; i++) {
                    inputs.add(below);
                    inputs.add(above);
                    inputs.add((double) (float) below);
                    inputs.add((double) Math.nextDown((float) below));
                    inputs.add((double) Math.nextUp((float) above));
                    below = Math.nextDown(below);
                    above = Math.nextUp(above);
                }
            }
        }
        inputs.add(Double.NaN);
        inputs.add(Double.POSITIVE_INFINITY);
        inputs.add(Double.NEGATIVE_INFINITY);
        for (int i = 0; i < SAMPLES; i++) {
            inputs.add(Double.longBitsToDouble(random.nextLong()));
            inputs.add(Math.scalb(random.nextDouble() - 0.5, random.nextInt(70)));
        }
        return inputs;
    }

    @Test
    void truncationsMatchExactTruncationAndRange() {
        for (double d : truncationInputs(new Random(4))) {
            float f = (float) d;
            checkTruncation(d, 32, true, Ops::i32TruncF64S, Ops::i32TruncSatF64S);
            checkTruncation(d, 32, false, Ops::i32TruncF64U, Ops::i32TruncSatF64U);
            checkTruncation(d, 64, true, Ops::i64TruncF64S, Ops::i64TruncSatF64S);
            checkTruncation(d, 64, false, Ops::i64TruncF64U, Ops::i64TruncSatF64U);
            checkTruncation(f, 32, true, x -> Ops.i32TruncF32S((float) x), x -> Ops.i32TruncSatF32S((float) x));
            checkTruncation(f, 32, false, x -> Ops.i32TruncF32U((float) x), x -> Ops.i32TruncSatF32U((float) x));
            checkTruncation(f, 64, true, x -> Ops.i64TruncF32S((float) x), x -> Ops.i64TruncSatF32S((float) x));
            checkTruncation(f, 64, false, x -> Ops.i64TruncF32U((float) x), x -> Ops.i64TruncSatF32U((float) x));
        }
    }

    /** {@code trapping}/{@code saturating} return the result as a number (int results widened unchanged). */
    private static void checkTruncation(double input, int width, boolean signed,
            DoubleFunction<Number> trapping, DoubleFunction<Number> saturating) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
        BigInteger max = (signed ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ONE.shiftLeft(width)).subtract(BigInteger.ONE);
        String what = (signed ? "s" : "u") + width + " of " + input;
        if (Double.isNaN(input)) {
            assertTrap(Trap.INVALID_CONVERSION, () -> trapping.apply(input));
            assertEquals(0L, saturating.apply(input).longValue(), what);
            return;
        }
        // Beyond 2^70 only the sign matters (and BigDecimal would expand up to 309 digits).
        BigInteger exact = Math.abs(input) >= 0x1p70
                ? BigInteger.ONE.shiftLeft(70).multiply(BigInteger.valueOf((long) Math.signum(input)))
                : new BigDecimal(input).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        boolean inRange = exact.compareTo(min) >= 0 && exact.compareTo(max) <= 0;
        BigInteger clamped = exact.max(min).min(max);
        if (inRange) {
            assertEquals(exact.longValue() & mask(width), trapping.apply(input).longValue() & mask(width), what);
        } else {
            assertTrap(Trap.INT_OVERFLOW, () -> trapping.apply(input));
        }
        assertEquals(clamped.longValue() & mask(width), saturating.apply(input).longValue() & mask(width), "sat " + what);
    }

    // ---------------------------------------------------------------- float rounding and sqrt

    private static List<Double> floatInputs(Random random) {
        List<Double> inputs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            inputs.add(Double.longBitsToDouble(random.nextLong()));
            double halfish = Math.scalb((double) random.nextInt(1 << 20), -random.nextInt(4)) + (random.nextBoolean() ? 0.5 : 0);
            inputs.add(random.nextBoolean() ? halfish : -halfish);
            inputs.add(Math.scalb(random.nextGaussian(), random.nextInt(60) - 10));
        }
        for (double special : new double[] {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0x1p52, 0x1p52 + 0.5, 0x1p23 - 0.5,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            inputs.add(special);
        }
        return inputs;
    }

    @Test
    void roundingToIntegralMatchesBigDecimal() {
        for (double d : floatInputs(new Random(5))) {
            float f = (float) d;
            if (Double.isNaN(d)) continue; // NaN results are covered by nanResultsAreQuietAndKeepCanonicalness
            assertEquals(rounded(d, RoundingMode.CEILING), Ops.f64Ceil(d), () -> "ceil " + d);
            assertEquals(rounded(d, RoundingMode.FLOOR), Ops.f64Floor(d), () -> "floor " + d);
            assertEquals(rounded(d, RoundingMode.DOWN), Ops.f64Trunc(d), () -> "trunc " + d);
            assertEquals(rounded(d, RoundingMode.HALF_EVEN), Ops.f64Nearest(d), () -> "nearest " + d);
            assertEquals((float) rounded(f, RoundingMode.CEILING), Ops.f32Ceil(f), () -> "ceil " + f);
            assertEquals((float) rounded(f, RoundingMode.FLOOR), Ops.f32Floor(f), () -> "floor " + f);
            assertEquals((float) rounded(f, RoundingMode.DOWN), Ops.f32Trunc(f), () -> "trunc " + f);
            assertEquals((float) rounded(f, RoundingMode.HALF_EVEN), Ops.f32Nearest(f), () -> "nearest " + f);
        }
    }

    /**
     * Exact integral rounding; a zero result takes the input's sign (IEEE 754 roundToIntegral), which the
     * boxed assertEquals distinguishes (Double.equals compares bits).
     */
    private static double rounded(double v, RoundingMode mode) {
        if (Double.isInfinite(v)) return v;
        double r = new BigDecimal(v).setScale(0, mode).doubleValue();
        return r == 0 ? Math.copySign(0.0, v) : r;
    }

    @Test
    void sqrtIsCorrectlyRounded() {
        for (double d : floatInputs(new Random(6))) {
            double a = Math.abs(d);
            if (Double.isNaN(a) || Double.isInfinite(a) || a == 0) continue;
            assertCorrectlyRoundedSqrt(a, Ops.f64Sqrt(a), Math.ulp(Ops.f64Sqrt(a)));
            float f = (float) a;
            if (f == 0 || Float.isInfinite(f)) continue;
            float root = Ops.f32Sqrt(f);
            assertCorrectlyRoundedSqrt(f, root, Math.ulp(root));
        }
        assertEquals(-0.0, Ops.f64Sqrt(-0.0));
        assertEquals(-0.0f, Ops.f32Sqrt(-0.0f));
    }

    /** root is the rounded sqrt of a iff a lies strictly between the squares of root's rounding interval ends. */
    private static void assertCorrectlyRoundedSqrt(double a, double root, double ulp) {
        BigDecimal exact = new BigDecimal(a);
        BigDecimal half = new BigDecimal(ulp).divide(BigDecimal.valueOf(2));
        BigDecimal low = new BigDecimal(root).subtract(half), high = new BigDecimal(root).add(half);
        assertTrue(low.multiply(low).compareTo(exact) < 0 && high.multiply(high).compareTo(exact) > 0, () -> "sqrt " + a + " = " + root);
    }

    // ---------------------------------------------------------------- min/max, demote/promote, NaNs

    @Test
    void minMaxOrderSignedZerosAndQuietNaNs() {
        Random random = new Random(7);
        for (int i = 0; i < SAMPLES; i++) {
            double a = randomInterestingDouble(random), b = randomInterestingDouble(random);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                assertArithmeticNaN(bits(Ops.f64Min(a, b)), FloatFormat.BINARY64, a, b);
                assertArithmeticNaN(bits(Ops.f64Max(a, b)), FloatFormat.BINARY64, a, b);
            } else {
                // Double.compare orders -0.0 below +0.0, as Wasm min/max do.
                assertEquals(Double.compare(a, b) <= 0 ? a : b, Ops.f64Min(a, b));
                assertEquals(Double.compare(a, b) >= 0 ? a : b, Ops.f64Max(a, b));
            }
            float fa = (float) a, fb = (float) b;
            if (Float.isNaN(fa) || Float.isNaN(fb)) continue;
            assertEquals(Float.compare(fa, fb) <= 0 ? fa : fb, Ops.f32Min(fa, fb));
            assertEquals(Float.compare(fa, fb) >= 0 ? fa : fb, Ops.f32Max(fa, fb));
        }
    }

    @Test
    void demoteRoundsToNearestEvenAndPromoteIsExact() {
        Random random = new Random(8);
        for (int i = 0; i < SAMPLES * 2; i++) {
            double d = randomInterestingDouble(random);
            if (Double.isNaN(d)) {
                long result = bits(Ops.f32DemoteF64(d)) & 0xFFFF_FFFFL;
                assertArithmeticNaN(result, FloatFormat.BINARY32, d);
                assertEquals(Double.doubleToRawLongBits(d) < 0, (result & 0x8000_0000L) != 0, "sign of NaN kept");
                continue;
            }
            long expected = Double.isInfinite(d) ? bits((float) d)
                    : roundToBits(new BigDecimal(Math.abs(d)), FloatFormat.BINARY32) | (d < 0 || bits(d) < 0 ? 0x8000_0000L : 0);
            long actual = bits(Ops.f32DemoteF64(d)) & 0xFFFF_FFFFL;
            assertEquals(expected, actual, () -> "demote " + d);
            float f = Ops.f32DemoteF64(d);
            assertEquals(bits((double) f), bits(Ops.f64PromoteF32(f)), "promote of non-NaN is f2d");
            if (!Float.isInfinite(f)) assertEquals(0, new BigDecimal(f).compareTo(new BigDecimal(Ops.f64PromoteF32(f))), "promote exact");
        }
        for (int i = 0; i < SAMPLES; i++) {
            float nan = Float.intBitsToFloat(0x7F80_0000 | random.nextInt(0x80_0000) | 1 | (random.nextBoolean() ? 0x8000_0000 : 0));
            long result = bits(Ops.f64PromoteF32(nan));
            assertArithmeticNaN(result, FloatFormat.BINARY64, nan);
            assertEquals(Float.floatToRawIntBits(nan) < 0, result < 0, "sign of NaN kept");
        }
    }

    @Test
    void nanResultsAreQuietAndKeepCanonicalness() {
        Random random = new Random(9);
        for (int i = 0; i < SAMPLES; i++) {
            double d = Double.longBitsToDouble(0x7FF0_0000_0000_0000L | (random.nextLong() >>> 12) | 1 | (random.nextBoolean() ? Long.MIN_VALUE : 0));
            double canonical = random.nextBoolean() ? Double.NaN : -Double.NaN;
            for (double x : new double[] {d, canonical}) {
                for (double r : new double[] {Ops.f64Ceil(x), Ops.f64Floor(x), Ops.f64Trunc(x), Ops.f64Nearest(x), Ops.f64Sqrt(x)}) {
                    assertArithmeticNaN(bits(r), FloatFormat.BINARY64, x);
                }
                float f = Ops.f32DemoteF64(x);
                for (float r : new float[] {Ops.f32Ceil(f), Ops.f32Floor(f), Ops.f32Trunc(f), Ops.f32Nearest(f), Ops.f32Sqrt(f)}) {
                    assertArithmeticNaN(bits(r) & 0xFFFF_FFFFL, FloatFormat.BINARY32, f);
                }
            }
        }
        assertArithmeticNaN(bits(Ops.f64Sqrt(-1.0)), FloatFormat.BINARY64, 0.0); // a canonical NaN
        assertArithmeticNaN(bits(Ops.f32Sqrt(-Float.MIN_VALUE)) & 0xFFFF_FFFFL, FloatFormat.BINARY32, 0.0f);
    }

    /**
     * The Wasm NaN rule: the result is a NaN with the quiet bit set, and canonical (payload exactly the
     * quiet bit) when every NaN operand was canonical.
     */
    private static void assertArithmeticNaN(long resultBits, FloatFormat format, double... operands) {
        boolean allCanonical = true;
        for (double operand : operands) {
            if (Double.isNaN(operand)) allCanonical &= isCanonical(operand, format);
        }
        long exponentAndQuiet = format == FloatFormat.BINARY32 ? 0x7FC0_0000L : 0x7FF8_0000_0000_0000L;
        long magnitude = resultBits & (format == FloatFormat.BINARY32 ? 0x7FFF_FFFFL : Long.MAX_VALUE);
        String what = Long.toHexString(resultBits);
        assertEquals(exponentAndQuiet, magnitude & exponentAndQuiet, () -> "not an arithmetic NaN: " + what);
        if (allCanonical) assertEquals(exponentAndQuiet, magnitude, () -> "not a canonical NaN: " + what);
    }

    private static boolean isCanonical(double operand, FloatFormat format) {
        // Operands are passed widened; a float NaN's payload sits in the top mantissa bits of its f2d widening,
        // except that f2d may set the quiet bit, so check a float's canonicalness on its raw float bits instead.
        return format == FloatFormat.BINARY32
                ? (Float.floatToRawIntBits((float) operand) & 0x7FFF_FFFF) == 0x7FC0_0000
                : (Double.doubleToRawLongBits(operand) & Long.MAX_VALUE) == 0x7FF8_0000_0000_0000L;
    }

    // ---------------------------------------------------------------- helpers

    private static double randomInterestingDouble(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> random.nextBoolean() ? 0.0 : -0.0;
            case 2 -> Double.longBitsToDouble(0x7FF0_0000_0000_0000L | (random.nextLong() >>> 12) | 1 | (random.nextBoolean() ? Long.MIN_VALUE : 0));
            case 3 -> Math.scalb(random.nextDouble() - 0.5, random.nextInt(300) - 150);
            case 4 -> Math.scalb(random.nextDouble(), -1020 - random.nextInt(40)); // f64 near f32 subnormal/zero range too
            default -> Math.scalb((double) random.nextInt(100), random.nextInt(10));
        };
    }

    private static long mask(int width) {
        return width == 64 ? -1L : 0xFFFF_FFFFL;
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v);
        return v < 0 ? b.add(TWO_64) : b;
    }

    private static long roundToBits(BigInteger v, FloatFormat format) {
        long sign = v.signum() < 0 ? (format == FloatFormat.BINARY32 ? 0x8000_0000L : Long.MIN_VALUE) : 0;
        return sign | WastLiterals.roundRational(v.abs(), BigInteger.ONE, format);
    }

    private static long roundToBits(BigDecimal positive, FloatFormat format) {
        BigInteger unscaled = positive.unscaledValue();
        int scale = positive.scale();
        return scale <= 0
                ? WastLiterals.roundRational(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE, format)
                : WastLiterals.roundRational(unscaled, BigInteger.TEN.pow(scale), format);
    }

    private static long bits(float v) {
        return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static void assertTrap(String message, Runnable action) {
        Trap trap = assertThrows(Trap.class, action::run);
        assertEquals(message, trap.getMessage());
    }

}
