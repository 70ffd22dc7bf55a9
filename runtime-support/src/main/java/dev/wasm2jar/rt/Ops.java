package dev.wasm2jar.rt;

/**
 * Wasm numeric instructions whose exact semantics no single JVM instruction provides. Generated code
 * calls these with {@code invokestatic}; each is a small branch-light static method that HotSpot inlines,
 * and none allocates except to throw a {@link Trap}.
 *
 * <p>Everything not here (integer add/sub/mul/bitwise/shifts, float add/sub/mul/div, comparisons,
 * signed int-to-float conversions, wrap/extend, reinterpretations) maps to plain JVM instructions, whose
 * semantics already match Wasm bit for bit; the spec-test harness in this module's tests checks that.
 *
 * <p>NaN rules (Wasm 2.0, 4.3.3): abs/neg/copysign are pure sign-bit operations that keep the payload.
 * Every other operation with a NaN operand returns a quiet ("arithmetic") NaN, and a canonical NaN when
 * all NaN operands are canonical; we return the first NaN operand with its quiet bit set, which satisfies
 * both. The JVM does not specify NaN bit patterns, so NaN results are built explicitly from bits rather
 * than left to whatever the hardware or a JDK intrinsic produces.
 */
public final class Ops {
    private Ops() {}

    private static final long U32_MASK = 0xFFFF_FFFFL;
    private static final int F32_SIGN = 0x8000_0000;
    private static final int F32_QUIET = 0x0040_0000;
    private static final int F32_CANONICAL_NAN = 0x7FC0_0000;
    private static final int F32_PAYLOAD = 0x007F_FFFF;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;
    private static final long F64_CANONICAL_NAN = 0x7FF8_0000_0000_0000L;
    private static final long F64_PAYLOAD = 0x000F_FFFF_FFFF_FFFFL;
    /** f32 mantissa bits sit 29 bits lower than f64 mantissa bits (52 - 23). */
    private static final int MANTISSA_SHIFT = 29;

    // ---------------------------------------------------------------- integer division

    public static int i32DivS(int a, int b) {
        if (b == 0) throw Trap.divideByZero();
        if (a == Integer.MIN_VALUE && b == -1) throw Trap.intOverflow();
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) throw Trap.divideByZero();
        return (int) ((a & U32_MASK) / (b & U32_MASK));
    }

    /** The JVM's irem already gives MIN_VALUE % -1 == 0, as Wasm requires. */
    public static int i32RemS(int a, int b) {
        if (b == 0) throw Trap.divideByZero();
        return a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) throw Trap.divideByZero();
        return (int) ((a & U32_MASK) % (b & U32_MASK));
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) throw Trap.divideByZero();
        if (a == Long.MIN_VALUE && b == -1) throw Trap.intOverflow();
        return a / b;
    }

    /**
     * Not Long.divideUnsigned: before JDK 19 (and in early JDK 17 updates) it goes through BigInteger,
     * allocating, for dividends of 2^63 and above. Hacker's Delight 9-3 instead: halve the dividend,
     * divide signed, then correct the quotient by at most one.
     */
    public static long i64DivU(long a, long b) {
        if (b == 0) throw Trap.divideByZero();
        if (b > 0) {
            if (a >= 0) return a / b;
            long q = ((a >>> 1) / b) << 1;
            long r = a - q * b;
            return Long.compareUnsigned(r, b) >= 0 ? q + 1 : q;
        }
        // Divisor is 2^63 or more, so the quotient is 0 or 1.
        return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
    }

    /** The JVM's lrem already gives MIN_VALUE % -1 == 0, as Wasm requires. */
    public static long i64RemS(long a, long b) {
        if (b == 0) throw Trap.divideByZero();
        return a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) throw Trap.divideByZero();
        if (b > 0) {
            if (a >= 0) return a % b;
            long q = ((a >>> 1) / b) << 1;
            long r = a - q * b;
            return Long.compareUnsigned(r, b) >= 0 ? r - b : r;
        }
        return Long.compareUnsigned(a, b) >= 0 ? a - b : a;
    }

    // ---------------------------------------------------------------- f32

    /** Not Math.abs: JDK 17's version computes 0 - a for negatives and leaves -NaN negative. */
    public static float f32Abs(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & ~F32_SIGN);
    }

    public static float f32Neg(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ F32_SIGN);
    }

    public static float f32Copysign(float magnitude, float sign) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(magnitude) & ~F32_SIGN)
                | (Float.floatToRawIntBits(sign) & F32_SIGN));
    }

    /** Math.min orders -0.0 below +0.0 like Wasm, but returns a NaN operand unquieted. */
    public static float f32Min(float a, float b) {
        float r = Math.min(a, b);
        return r == r ? r : f32NaN(a, b);
    }

    public static float f32Max(float a, float b) {
        float r = Math.max(a, b);
        return r == r ? r : f32NaN(a, b);
    }

    // Rounding in double is exact for every float (the integral result is itself a float), and
    // Math.ceil/floor/rint keep the sign of zero results (ceil(-0.5) == -0.0, rint is half-to-even).

    public static float f32Ceil(float a) {
        float r = (float) Math.ceil(a);
        return r == r ? r : f32Quiet(a);
    }

    public static float f32Floor(float a) {
        float r = (float) Math.floor(a);
        return r == r ? r : f32Quiet(a);
    }

    public static float f32Trunc(float a) {
        float r = (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
        return r == r ? r : f32Quiet(a);
    }

    public static float f32Nearest(float a) {
        float r = (float) Math.rint(a);
        return r == r ? r : f32Quiet(a);
    }

    /**
     * Square root in double then rounding to float is correctly rounded: 53 >= 2 * 24 + 2 bits, so the
     * double rounding cannot change the result (Figueroa, "When is double rounding innocuous?").
     */
    public static float f32Sqrt(float a) {
        float r = (float) Math.sqrt(a);
        return r == r ? r : (a != a ? f32Quiet(a) : Float.intBitsToFloat(F32_CANONICAL_NAN));
    }

    // ---------------------------------------------------------------- f64

    public static double f64Abs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & ~F64_SIGN);
    }

    public static double f64Neg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ F64_SIGN);
    }

    public static double f64Copysign(double magnitude, double sign) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(magnitude) & ~F64_SIGN)
                | (Double.doubleToRawLongBits(sign) & F64_SIGN));
    }

    public static double f64Min(double a, double b) {
        double r = Math.min(a, b);
        return r == r ? r : f64NaN(a, b);
    }

    public static double f64Max(double a, double b) {
        double r = Math.max(a, b);
        return r == r ? r : f64NaN(a, b);
    }

    public static double f64Ceil(double a) {
        double r = Math.ceil(a);
        return r == r ? r : f64Quiet(a);
    }

    public static double f64Floor(double a) {
        double r = Math.floor(a);
        return r == r ? r : f64Quiet(a);
    }

    public static double f64Trunc(double a) {
        double r = a < 0 ? Math.ceil(a) : Math.floor(a);
        return r == r ? r : f64Quiet(a);
    }

    public static double f64Nearest(double a) {
        double r = Math.rint(a);
        return r == r ? r : f64Quiet(a);
    }

    public static double f64Sqrt(double a) {
        double r = Math.sqrt(a);
        return r == r ? r : (a != a ? f64Quiet(a) : Double.longBitsToDouble(F64_CANONICAL_NAN));
    }

    // ---------------------------------------------------------------- trapping float -> int
    // Each accepts exactly the inputs whose truncation fits the target: the bounds are the first
    // representable values outside the range (for f32 sources -2^31 - 1 rounds to -2^31, so the signed
    // lower bound is inclusive at -2^31 there). NaN fails every comparison and lands on the trap path.

    public static int i32TruncF32S(float a) {
        if (a >= -0x1p31f && a < 0x1p31f) return (int) a;
        throw truncationTrap(a != a);
    }

    public static int i32TruncF32U(float a) {
        if (a > -1.0f && a < 0x1p32f) return (int) (long) a;
        throw truncationTrap(a != a);
    }

    public static int i32TruncF64S(double a) {
        if (a > -0x1p31 - 1.0 && a < 0x1p31) return (int) a;
        throw truncationTrap(a != a);
    }

    public static int i32TruncF64U(double a) {
        if (a > -1.0 && a < 0x1p32) return (int) (long) a;
        throw truncationTrap(a != a);
    }

    public static long i64TruncF32S(float a) {
        if (a >= -0x1p63f && a < 0x1p63f) return (long) a;
        throw truncationTrap(a != a);
    }

    public static long i64TruncF32U(float a) {
        if (a > -1.0f && a < 0x1p64f) return f32ToU64(a);
        throw truncationTrap(a != a);
    }

    public static long i64TruncF64S(double a) {
        if (a >= -0x1p63 && a < 0x1p63) return (long) a;
        throw truncationTrap(a != a);
    }

    public static long i64TruncF64U(double a) {
        if (a > -1.0 && a < 0x1p64) return f64ToU64(a);
        throw truncationTrap(a != a);
    }

    // ---------------------------------------------------------------- saturating float -> int
    // The JVM's f2i/f2l/d2i/d2l already saturate and map NaN to 0, exactly like the signed
    // trunc_sat instructions; the unsigned ones clamp a wider signed conversion.

    public static int i32TruncSatF32S(float a) {
        return (int) a;
    }

    public static int i32TruncSatF32U(float a) {
        return (int) Math.min(Math.max((long) a, 0L), U32_MASK);
    }

    public static int i32TruncSatF64S(double a) {
        return (int) a;
    }

    public static int i32TruncSatF64U(double a) {
        return (int) Math.min(Math.max((long) a, 0L), U32_MASK);
    }

    public static long i64TruncSatF32S(float a) {
        return (long) a;
    }

    public static long i64TruncSatF32U(float a) {
        if (a >= 0x1p63f) return a >= 0x1p64f ? -1L : f32ToU64(a);
        return Math.max((long) a, 0L);
    }

    public static long i64TruncSatF64S(double a) {
        return (long) a;
    }

    public static long i64TruncSatF64U(double a) {
        if (a >= 0x1p63) return a >= 0x1p64 ? -1L : f64ToU64(a);
        return Math.max((long) a, 0L);
    }

    // ---------------------------------------------------------------- unsigned int -> float

    /** Every u32 fits a long, and l2f rounds once. */
    public static float f32ConvertI32U(int a) {
        return (float) (a & U32_MASK);
    }

    /**
     * Values of 2^63 and above are halved before the signed conversion, with the dropped low bit OR-ed
     * back in as a sticky bit so the single rounding still sees whether the value was above a tie; the
     * doubling afterwards is exact. (Going through double would round twice.)
     */
    public static float f32ConvertI64U(long a) {
        if (a >= 0) return (float) a;
        return (float) ((a >>> 1) | (a & 1)) * 2.0f;
    }

    public static double f64ConvertI32U(int a) {
        return (double) (a & U32_MASK);
    }

    public static double f64ConvertI64U(long a) {
        if (a >= 0) return (double) a;
        return (double) ((a >>> 1) | (a & 1)) * 2.0;
    }

    // ---------------------------------------------------------------- f32 <-> f64

    /** Non-NaN values narrow with d2f (round to nearest even); NaNs keep sign and top payload bits. */
    public static float f32DemoteF64(double a) {
        if (a == a) return (float) a;
        long bits = Double.doubleToRawLongBits(a);
        int sign = (int) (bits >>> 32) & F32_SIGN;
        int payload = (int) (bits >>> MANTISSA_SHIFT) & F32_PAYLOAD;
        return Float.intBitsToFloat(sign | F32_CANONICAL_NAN | payload);
    }

    /** Non-NaN values widen exactly with f2d; NaNs keep sign and payload and get the quiet bit. */
    public static double f64PromoteF32(float a) {
        if (a == a) return a;
        int bits = Float.floatToRawIntBits(a);
        long sign = ((long) bits & 0x8000_0000L) << 32;
        long payload = (long) (bits & F32_PAYLOAD) << MANTISSA_SHIFT;
        return Double.longBitsToDouble(sign | F64_CANONICAL_NAN | payload);
    }

    // ---------------------------------------------------------------- private helpers

    private static float f32Quiet(float nan) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(nan) | F32_QUIET);
    }

    private static double f64Quiet(double nan) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(nan) | F64_QUIET);
    }

    /** Result of a binary op with at least one NaN operand: the first NaN operand, quieted. */
    private static float f32NaN(float a, float b) {
        return f32Quiet(a != a ? a : b);
    }

    private static double f64NaN(double a, double b) {
        return f64Quiet(a != a ? a : b);
    }

    /** For a in (-1, 2^64), not NaN: the truncation as an unsigned 64-bit value. */
    private static long f32ToU64(float a) {
        // Above 2^63 the float is a multiple of 2^40, so subtracting 2^63 is exact.
        return a < 0x1p63f ? (long) a : (long) (a - 0x1p63f) ^ Long.MIN_VALUE;
    }

    private static long f64ToU64(double a) {
        return a < 0x1p63 ? (long) a : (long) (a - 0x1p63) ^ Long.MIN_VALUE;
    }

    private static Trap truncationTrap(boolean isNaN) {
        return isNaN ? Trap.invalidConversion() : Trap.intOverflow();
    }
}
