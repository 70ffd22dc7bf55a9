package dev.wasm2jar.rt.specops;

import java.math.BigInteger;

/**
 * Numeric literals of the Wasm text format: integers (decimal or hex, signed or unsigned range, with
 * {@code _} separators) and floats (decimal, hex {@code 0x1.fffffep+127}, {@code inf}, {@code nan},
 * {@code nan:0x200000}). Floats are rounded here from the exact rational value (round to nearest, ties
 * to even), independently of the JDK's own parsers, so the reference values do not share code with
 * what is being tested.
 */
public final class WastLiterals {
    private WastLiterals() {}

    /** An IEEE 754 binary format. */
    public enum FloatFormat {
        BINARY32(24, 8), BINARY64(53, 11);

        final int precision;     // significand bits including the implicit one
        final int exponentBits;
        final int bias;
        final int minExponent;   // exponent of the smallest normal number
        final int maxExponent;

        FloatFormat(int precision, int exponentBits) {
            this.precision = precision;
            this.exponentBits = exponentBits;
            this.bias = (1 << (exponentBits - 1)) - 1;
            this.minExponent = 1 - bias;
            this.maxExponent = bias;
        }

        long signBit() { return 1L << (precision - 1 + exponentBits); }
        long infinityBits() { return ((1L << exponentBits) - 1) << (precision - 1); }
        long quietBit() { return 1L << (precision - 2); }
        long payloadMask() { return (1L << (precision - 1)) - 1; }

        public static FloatFormat of(ValType type) {
            return switch (type) {
                case F32 -> BINARY32;
                case F64 -> BINARY64;
                default -> throw new IllegalArgumentException("not a float type: " + type);
            };
        }
    }

    /** Parses the literal of a {@code T.const}; NaN patterns are not values and are rejected here. */
    public static Value parse(ValType type, String literal) {
        return switch (type) {
            case I32, I64 -> new Value(type, parseInteger(literal, type == ValType.I32 ? 32 : 64));
            case F32, F64 -> new Value(type, parseFloatBits(literal, FloatFormat.of(type)));
        };
    }

    /** Integer literal to its two's-complement bits; accepts the signed and the unsigned range. */
    public static long parseInteger(String literal, int width) {
        String s = literal.replace("_", "");
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) s = s.substring(1);
        BigInteger magnitude = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        BigInteger value = negative ? magnitude.negate() : magnitude;
        BigInteger min = BigInteger.ONE.shiftLeft(width - 1).negate();
        BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(maxUnsigned) > 0) {
            throw new IllegalArgumentException("i" + width + " literal out of range: " + literal);
        }
        return value.longValue();
    }

    public static long parseFloatBits(String literal, FloatFormat format) {
        String s = literal.replace("_", "");
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) s = s.substring(1);
        long sign = negative ? format.signBit() : 0;
        if (s.equals("inf")) return sign | format.infinityBits();
        if (s.equals("nan")) return sign | format.infinityBits() | format.quietBit();
        if (s.startsWith("nan:0x")) {
            long payload = Long.parseUnsignedLong(s.substring(6), 16);
            if (payload == 0 || (payload & ~format.payloadMask()) != 0) {
                throw new IllegalArgumentException("bad NaN payload: " + literal);
            }
            return sign | format.infinityBits() | payload;
        }
        return s.startsWith("0x") ? parseHexFloat(sign, s.substring(2), format) : parseDecimalFloat(sign, s, format);
    }

    private static long parseHexFloat(long sign, String s, FloatFormat format) {
        int p = s.indexOf('p') >= 0 ? s.indexOf('p') : s.indexOf('P');
        String mantissa = p >= 0 ? s.substring(0, p) : s;
        long binaryExponent = p >= 0 ? Long.parseLong(stripPlus(s.substring(p + 1))) : 0;
        int dot = mantissa.indexOf('.');
        String digits = dot >= 0 ? mantissa.substring(0, dot) + mantissa.substring(dot + 1) : mantissa;
        if (dot >= 0) binaryExponent -= 4L * (mantissa.length() - dot - 1);
        BigInteger significand = new BigInteger(digits.isEmpty() ? "0" : digits, 16);
        return sign | roundScaled(significand, binaryExponent, 2, format);
    }

    private static long parseDecimalFloat(long sign, String s, FloatFormat format) {
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        String mantissa = e >= 0 ? s.substring(0, e) : s;
        long decimalExponent = e >= 0 ? Long.parseLong(stripPlus(s.substring(e + 1))) : 0;
        int dot = mantissa.indexOf('.');
        String digits = dot >= 0 ? mantissa.substring(0, dot) + mantissa.substring(dot + 1) : mantissa;
        if (dot >= 0) decimalExponent -= mantissa.length() - dot - 1;
        BigInteger significand = new BigInteger(digits.isEmpty() ? "0" : digits);
        return sign | roundScaled(significand, decimalExponent, 10, format);
    }

    private static String stripPlus(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }

    /** Bits (without sign) of significand * radix^exponent rounded to the format. */
    private static long roundScaled(BigInteger significand, long exponent, int radix, FloatFormat format) {
        if (significand.signum() == 0) return 0;
        // Magnitudes far outside every format would make huge BigIntegers; their result is known.
        double log2Radix = radix == 2 ? 1 : Math.log(radix) / Math.log(2);
        double log2 = significand.bitLength() + exponent * log2Radix;
        if (log2 > 2000) return format.infinityBits();
        if (log2 < -2000) return 0;
        BigInteger scale = BigInteger.valueOf(radix).pow((int) Math.abs(exponent));
        return exponent >= 0
                ? roundRational(significand.multiply(scale), BigInteger.ONE, format)
                : roundRational(significand, scale, format);
    }

    /**
     * Bits (without sign) of the positive rational num/den rounded to nearest, ties to even, including
     * gradual underflow to subnormals and overflow to infinity.
     */
    public static long roundRational(BigInteger num, BigInteger den, FloatFormat format) {
        if (num.signum() == 0) return 0;
        // e = floor(log2(num/den)), so 2^e <= num/den < 2^(e+1).
        int e = num.bitLength() - den.bitLength();
        if (compareScaled(num, den, e) < 0) e--;
        // Weight of the significand's last bit; subnormals share the smallest normal exponent's weight.
        int q = Math.max(e, format.minExponent) - (format.precision - 1);
        BigInteger n = q >= 0 ? num : num.shiftLeft(-q);
        BigInteger d = q >= 0 ? den.shiftLeft(q) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        long m = qr[0].longValueExact();
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && (m & 1) == 1)) m++;
        if (m == 1L << format.precision) { // rounding carried into a new binade
            m >>= 1;
            q++;
        }
        long fractionMask = format.payloadMask();
        if (m <= fractionMask) return m; // subnormal (or zero after rounding): biased exponent 0
        long biasedExponent = (long) q + format.precision - 1 + format.bias;
        if (biasedExponent >= (1L << format.exponentBits) - 1) return format.infinityBits();
        return (biasedExponent << (format.precision - 1)) | (m & fractionMask);
    }

    /** Sign of num/den - 2^e. */
    private static int compareScaled(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
    }
}
