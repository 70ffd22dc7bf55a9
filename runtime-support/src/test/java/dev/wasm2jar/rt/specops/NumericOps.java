package dev.wasm2jar.rt.specops;

import static dev.wasm2jar.rt.specops.ValType.F32;
import static dev.wasm2jar.rt.specops.ValType.F64;
import static dev.wasm2jar.rt.specops.ValType.I32;
import static dev.wasm2jar.rt.specops.ValType.I64;

import dev.wasm2jar.rt.Ops;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Wasm 2.0 scalar numeric instruction, each implemented the way generated code executes it:
 * either a call to {@link Ops} ({@link Source#OPS}) or a Java expression that javac compiles to the JVM
 * instruction(s) (or JDK intrinsic) the compiler emits inline ({@link Source#JVM}; {@link NumericOp#jvmForm}
 * names them). Running the spec scripts against this table checks both kinds.
 */
public final class NumericOps {
    private NumericOps() {}

    public enum Source { OPS, JVM }

    /** Applies the instruction to operand bit patterns (see {@link Value}) and returns the result's bits. */
    @FunctionalInterface
    public interface Impl {
        long apply(long[] operands);
    }

    public record NumericOp(String name, Source source, String jvmForm, List<ValType> params, ValType result, Impl impl) {
        public Value apply(List<Value> operands) {
            long[] bits = new long[operands.size()];
            for (int i = 0; i < bits.length; i++) bits[i] = operands.get(i).bits();
            return new Value(result, impl.apply(bits));
        }
    }

    private static final Map<String, NumericOp> STANDARD = Collections.unmodifiableMap(build());

    /** Instruction name ("f32.min") to its implementation. */
    public static Map<String, NumericOp> standard() {
        return STANDARD;
    }

    // Operand decoding and result encoding; 32-bit patterns travel zero-extended in a long.
    static int i(long bits) { return (int) bits; }
    static float f(long bits) { return Float.intBitsToFloat((int) bits); }
    static double d(long bits) { return Double.longBitsToDouble(bits); }
    static long bits(int v) { return v; }
    static long bits(boolean v) { return v ? 1 : 0; }
    static long bits(float v) { return Float.floatToRawIntBits(v); }
    static long bits(double v) { return Double.doubleToRawLongBits(v); }

    private static final class Builder {
        final Map<String, NumericOp> ops = new LinkedHashMap<>();

        void ops(String name, String method, ValType result, List<ValType> params, Impl impl) {
            add(new NumericOp(name, Source.OPS, "Ops." + method, params, result, impl));
        }

        void jvm(String name, String jvmForm, ValType result, List<ValType> params, Impl impl) {
            add(new NumericOp(name, Source.JVM, jvmForm, params, result, impl));
        }

        private void add(NumericOp op) {
            if (ops.put(op.name(), op) != null) throw new IllegalStateException("duplicate " + op.name());
        }
    }

    private static Map<String, NumericOp> build() {
        Builder b = new Builder();
        List<ValType> ii = List.of(I32, I32), i = List.of(I32), ll = List.of(I64, I64), l = List.of(I64);
        List<ValType> ff = List.of(F32, F32), f = List.of(F32), dd = List.of(F64, F64), d = List.of(F64);

        // ---- i32
        b.jvm("i32.eqz", "ifeq", I32, i, a -> bits(i(a[0]) == 0));
        b.jvm("i32.eq", "if_icmpeq", I32, ii, a -> bits(i(a[0]) == i(a[1])));
        b.jvm("i32.ne", "if_icmpne", I32, ii, a -> bits(i(a[0]) != i(a[1])));
        b.jvm("i32.lt_s", "if_icmplt", I32, ii, a -> bits(i(a[0]) < i(a[1])));
        b.jvm("i32.gt_s", "if_icmpgt", I32, ii, a -> bits(i(a[0]) > i(a[1])));
        b.jvm("i32.le_s", "if_icmple", I32, ii, a -> bits(i(a[0]) <= i(a[1])));
        b.jvm("i32.ge_s", "if_icmpge", I32, ii, a -> bits(i(a[0]) >= i(a[1])));
        b.jvm("i32.lt_u", "Integer.compareUnsigned", I32, ii, a -> bits(Integer.compareUnsigned(i(a[0]), i(a[1])) < 0));
        b.jvm("i32.gt_u", "Integer.compareUnsigned", I32, ii, a -> bits(Integer.compareUnsigned(i(a[0]), i(a[1])) > 0));
        b.jvm("i32.le_u", "Integer.compareUnsigned", I32, ii, a -> bits(Integer.compareUnsigned(i(a[0]), i(a[1])) <= 0));
        b.jvm("i32.ge_u", "Integer.compareUnsigned", I32, ii, a -> bits(Integer.compareUnsigned(i(a[0]), i(a[1])) >= 0));
        b.jvm("i32.clz", "Integer.numberOfLeadingZeros", I32, i, a -> bits(Integer.numberOfLeadingZeros(i(a[0]))));
        b.jvm("i32.ctz", "Integer.numberOfTrailingZeros", I32, i, a -> bits(Integer.numberOfTrailingZeros(i(a[0]))));
        b.jvm("i32.popcnt", "Integer.bitCount", I32, i, a -> bits(Integer.bitCount(i(a[0]))));
        b.jvm("i32.add", "iadd", I32, ii, a -> bits(i(a[0]) + i(a[1])));
        b.jvm("i32.sub", "isub", I32, ii, a -> bits(i(a[0]) - i(a[1])));
        b.jvm("i32.mul", "imul", I32, ii, a -> bits(i(a[0]) * i(a[1])));
        b.ops("i32.div_s", "i32DivS", I32, ii, a -> bits(Ops.i32DivS(i(a[0]), i(a[1]))));
        b.ops("i32.div_u", "i32DivU", I32, ii, a -> bits(Ops.i32DivU(i(a[0]), i(a[1]))));
        b.ops("i32.rem_s", "i32RemS", I32, ii, a -> bits(Ops.i32RemS(i(a[0]), i(a[1]))));
        b.ops("i32.rem_u", "i32RemU", I32, ii, a -> bits(Ops.i32RemU(i(a[0]), i(a[1]))));
        b.jvm("i32.and", "iand", I32, ii, a -> bits(i(a[0]) & i(a[1])));
        b.jvm("i32.or", "ior", I32, ii, a -> bits(i(a[0]) | i(a[1])));
        b.jvm("i32.xor", "ixor", I32, ii, a -> bits(i(a[0]) ^ i(a[1])));
        b.jvm("i32.shl", "ishl", I32, ii, a -> bits(i(a[0]) << i(a[1])));
        b.jvm("i32.shr_s", "ishr", I32, ii, a -> bits(i(a[0]) >> i(a[1])));
        b.jvm("i32.shr_u", "iushr", I32, ii, a -> bits(i(a[0]) >>> i(a[1])));
        b.jvm("i32.rotl", "Integer.rotateLeft", I32, ii, a -> bits(Integer.rotateLeft(i(a[0]), i(a[1]))));
        b.jvm("i32.rotr", "Integer.rotateRight", I32, ii, a -> bits(Integer.rotateRight(i(a[0]), i(a[1]))));
        b.jvm("i32.extend8_s", "i2b", I32, i, a -> bits((int) (byte) i(a[0])));
        b.jvm("i32.extend16_s", "i2s", I32, i, a -> bits((int) (short) i(a[0])));
        b.jvm("i32.wrap_i64", "l2i", I32, l, a -> bits((int) a[0]));
        b.ops("i32.trunc_f32_s", "i32TruncF32S", I32, f, a -> bits(Ops.i32TruncF32S(f(a[0]))));
        b.ops("i32.trunc_f32_u", "i32TruncF32U", I32, f, a -> bits(Ops.i32TruncF32U(f(a[0]))));
        b.ops("i32.trunc_f64_s", "i32TruncF64S", I32, d, a -> bits(Ops.i32TruncF64S(d(a[0]))));
        b.ops("i32.trunc_f64_u", "i32TruncF64U", I32, d, a -> bits(Ops.i32TruncF64U(d(a[0]))));
        b.ops("i32.trunc_sat_f32_s", "i32TruncSatF32S", I32, f, a -> bits(Ops.i32TruncSatF32S(f(a[0]))));
        b.ops("i32.trunc_sat_f32_u", "i32TruncSatF32U", I32, f, a -> bits(Ops.i32TruncSatF32U(f(a[0]))));
        b.ops("i32.trunc_sat_f64_s", "i32TruncSatF64S", I32, d, a -> bits(Ops.i32TruncSatF64S(d(a[0]))));
        b.ops("i32.trunc_sat_f64_u", "i32TruncSatF64U", I32, d, a -> bits(Ops.i32TruncSatF64U(d(a[0]))));
        b.jvm("i32.reinterpret_f32", "Float.floatToRawIntBits", I32, f, a -> bits(Float.floatToRawIntBits(f(a[0]))));

        // ---- i64
        b.jvm("i64.eqz", "lcmp+ifeq", I32, l, a -> bits(a[0] == 0));
        b.jvm("i64.eq", "lcmp+ifeq", I32, ll, a -> bits(a[0] == a[1]));
        b.jvm("i64.ne", "lcmp+ifne", I32, ll, a -> bits(a[0] != a[1]));
        b.jvm("i64.lt_s", "lcmp+iflt", I32, ll, a -> bits(a[0] < a[1]));
        b.jvm("i64.gt_s", "lcmp+ifgt", I32, ll, a -> bits(a[0] > a[1]));
        b.jvm("i64.le_s", "lcmp+ifle", I32, ll, a -> bits(a[0] <= a[1]));
        b.jvm("i64.ge_s", "lcmp+ifge", I32, ll, a -> bits(a[0] >= a[1]));
        b.jvm("i64.lt_u", "Long.compareUnsigned", I32, ll, a -> bits(Long.compareUnsigned(a[0], a[1]) < 0));
        b.jvm("i64.gt_u", "Long.compareUnsigned", I32, ll, a -> bits(Long.compareUnsigned(a[0], a[1]) > 0));
        b.jvm("i64.le_u", "Long.compareUnsigned", I32, ll, a -> bits(Long.compareUnsigned(a[0], a[1]) <= 0));
        b.jvm("i64.ge_u", "Long.compareUnsigned", I32, ll, a -> bits(Long.compareUnsigned(a[0], a[1]) >= 0));
        b.jvm("i64.clz", "Long.numberOfLeadingZeros+i2l", I64, l, a -> (long) Long.numberOfLeadingZeros(a[0]));
        b.jvm("i64.ctz", "Long.numberOfTrailingZeros+i2l", I64, l, a -> (long) Long.numberOfTrailingZeros(a[0]));
        b.jvm("i64.popcnt", "Long.bitCount+i2l", I64, l, a -> (long) Long.bitCount(a[0]));
        b.jvm("i64.add", "ladd", I64, ll, a -> a[0] + a[1]);
        b.jvm("i64.sub", "lsub", I64, ll, a -> a[0] - a[1]);
        b.jvm("i64.mul", "lmul", I64, ll, a -> a[0] * a[1]);
        b.ops("i64.div_s", "i64DivS", I64, ll, a -> Ops.i64DivS(a[0], a[1]));
        b.ops("i64.div_u", "i64DivU", I64, ll, a -> Ops.i64DivU(a[0], a[1]));
        b.ops("i64.rem_s", "i64RemS", I64, ll, a -> Ops.i64RemS(a[0], a[1]));
        b.ops("i64.rem_u", "i64RemU", I64, ll, a -> Ops.i64RemU(a[0], a[1]));
        b.jvm("i64.and", "land", I64, ll, a -> a[0] & a[1]);
        b.jvm("i64.or", "lor", I64, ll, a -> a[0] | a[1]);
        b.jvm("i64.xor", "lxor", I64, ll, a -> a[0] ^ a[1]);
        b.jvm("i64.shl", "l2i+lshl", I64, ll, a -> a[0] << (int) a[1]);
        b.jvm("i64.shr_s", "l2i+lshr", I64, ll, a -> a[0] >> (int) a[1]);
        b.jvm("i64.shr_u", "l2i+lushr", I64, ll, a -> a[0] >>> (int) a[1]);
        b.jvm("i64.rotl", "l2i+Long.rotateLeft", I64, ll, a -> Long.rotateLeft(a[0], (int) a[1]));
        b.jvm("i64.rotr", "l2i+Long.rotateRight", I64, ll, a -> Long.rotateRight(a[0], (int) a[1]));
        b.jvm("i64.extend8_s", "l2i+i2b+i2l", I64, l, a -> (long) (byte) a[0]);
        b.jvm("i64.extend16_s", "l2i+i2s+i2l", I64, l, a -> (long) (short) a[0]);
        b.jvm("i64.extend32_s", "l2i+i2l", I64, l, a -> (long) (int) a[0]);
        b.jvm("i64.extend_i32_s", "i2l", I64, i, a -> (long) i(a[0]));
        b.jvm("i64.extend_i32_u", "i2l+land 0xFFFFFFFF", I64, i, a -> i(a[0]) & 0xFFFF_FFFFL);
        b.ops("i64.trunc_f32_s", "i64TruncF32S", I64, f, a -> Ops.i64TruncF32S(f(a[0])));
        b.ops("i64.trunc_f32_u", "i64TruncF32U", I64, f, a -> Ops.i64TruncF32U(f(a[0])));
        b.ops("i64.trunc_f64_s", "i64TruncF64S", I64, d, a -> Ops.i64TruncF64S(d(a[0])));
        b.ops("i64.trunc_f64_u", "i64TruncF64U", I64, d, a -> Ops.i64TruncF64U(d(a[0])));
        b.ops("i64.trunc_sat_f32_s", "i64TruncSatF32S", I64, f, a -> Ops.i64TruncSatF32S(f(a[0])));
        b.ops("i64.trunc_sat_f32_u", "i64TruncSatF32U", I64, f, a -> Ops.i64TruncSatF32U(f(a[0])));
        b.ops("i64.trunc_sat_f64_s", "i64TruncSatF64S", I64, d, a -> Ops.i64TruncSatF64S(d(a[0])));
        b.ops("i64.trunc_sat_f64_u", "i64TruncSatF64U", I64, d, a -> Ops.i64TruncSatF64U(d(a[0])));
        b.jvm("i64.reinterpret_f64", "Double.doubleToRawLongBits", I64, d, a -> Double.doubleToRawLongBits(d(a[0])));

        // ---- f32
        b.jvm("f32.eq", "fcmpl+ifne", I32, ff, a -> bits(f(a[0]) == f(a[1])));
        b.jvm("f32.ne", "fcmpl+ifeq", I32, ff, a -> bits(f(a[0]) != f(a[1])));
        b.jvm("f32.lt", "fcmpg+ifge", I32, ff, a -> bits(f(a[0]) < f(a[1])));
        b.jvm("f32.gt", "fcmpl+ifle", I32, ff, a -> bits(f(a[0]) > f(a[1])));
        b.jvm("f32.le", "fcmpg+ifgt", I32, ff, a -> bits(f(a[0]) <= f(a[1])));
        b.jvm("f32.ge", "fcmpl+iflt", I32, ff, a -> bits(f(a[0]) >= f(a[1])));
        b.ops("f32.abs", "f32Abs", F32, f, a -> bits(Ops.f32Abs(f(a[0]))));
        b.ops("f32.neg", "f32Neg", F32, f, a -> bits(Ops.f32Neg(f(a[0]))));
        b.ops("f32.ceil", "f32Ceil", F32, f, a -> bits(Ops.f32Ceil(f(a[0]))));
        b.ops("f32.floor", "f32Floor", F32, f, a -> bits(Ops.f32Floor(f(a[0]))));
        b.ops("f32.trunc", "f32Trunc", F32, f, a -> bits(Ops.f32Trunc(f(a[0]))));
        b.ops("f32.nearest", "f32Nearest", F32, f, a -> bits(Ops.f32Nearest(f(a[0]))));
        b.ops("f32.sqrt", "f32Sqrt", F32, f, a -> bits(Ops.f32Sqrt(f(a[0]))));
        b.jvm("f32.add", "fadd", F32, ff, a -> bits(f(a[0]) + f(a[1])));
        b.jvm("f32.sub", "fsub", F32, ff, a -> bits(f(a[0]) - f(a[1])));
        b.jvm("f32.mul", "fmul", F32, ff, a -> bits(f(a[0]) * f(a[1])));
        b.jvm("f32.div", "fdiv", F32, ff, a -> bits(f(a[0]) / f(a[1])));
        b.ops("f32.min", "f32Min", F32, ff, a -> bits(Ops.f32Min(f(a[0]), f(a[1]))));
        b.ops("f32.max", "f32Max", F32, ff, a -> bits(Ops.f32Max(f(a[0]), f(a[1]))));
        b.ops("f32.copysign", "f32Copysign", F32, ff, a -> bits(Ops.f32Copysign(f(a[0]), f(a[1]))));
        b.jvm("f32.convert_i32_s", "i2f", F32, i, a -> bits((float) i(a[0])));
        b.ops("f32.convert_i32_u", "f32ConvertI32U", F32, i, a -> bits(Ops.f32ConvertI32U(i(a[0]))));
        b.jvm("f32.convert_i64_s", "l2f", F32, l, a -> bits((float) a[0]));
        b.ops("f32.convert_i64_u", "f32ConvertI64U", F32, l, a -> bits(Ops.f32ConvertI64U(a[0])));
        b.ops("f32.demote_f64", "f32DemoteF64", F32, d, a -> bits(Ops.f32DemoteF64(d(a[0]))));
        b.jvm("f32.reinterpret_i32", "Float.intBitsToFloat", F32, i, a -> bits(Float.intBitsToFloat(i(a[0]))));

        // ---- f64
        b.jvm("f64.eq", "dcmpl+ifne", I32, dd, a -> bits(d(a[0]) == d(a[1])));
        b.jvm("f64.ne", "dcmpl+ifeq", I32, dd, a -> bits(d(a[0]) != d(a[1])));
        b.jvm("f64.lt", "dcmpg+ifge", I32, dd, a -> bits(d(a[0]) < d(a[1])));
        b.jvm("f64.gt", "dcmpl+ifle", I32, dd, a -> bits(d(a[0]) > d(a[1])));
        b.jvm("f64.le", "dcmpg+ifgt", I32, dd, a -> bits(d(a[0]) <= d(a[1])));
        b.jvm("f64.ge", "dcmpl+iflt", I32, dd, a -> bits(d(a[0]) >= d(a[1])));
        b.ops("f64.abs", "f64Abs", F64, d, a -> bits(Ops.f64Abs(d(a[0]))));
        b.ops("f64.neg", "f64Neg", F64, d, a -> bits(Ops.f64Neg(d(a[0]))));
        b.ops("f64.ceil", "f64Ceil", F64, d, a -> bits(Ops.f64Ceil(d(a[0]))));
        b.ops("f64.floor", "f64Floor", F64, d, a -> bits(Ops.f64Floor(d(a[0]))));
        b.ops("f64.trunc", "f64Trunc", F64, d, a -> bits(Ops.f64Trunc(d(a[0]))));
        b.ops("f64.nearest", "f64Nearest", F64, d, a -> bits(Ops.f64Nearest(d(a[0]))));
        b.ops("f64.sqrt", "f64Sqrt", F64, d, a -> bits(Ops.f64Sqrt(d(a[0]))));
        b.jvm("f64.add", "dadd", F64, dd, a -> bits(d(a[0]) + d(a[1])));
        b.jvm("f64.sub", "dsub", F64, dd, a -> bits(d(a[0]) - d(a[1])));
        b.jvm("f64.mul", "dmul", F64, dd, a -> bits(d(a[0]) * d(a[1])));
        b.jvm("f64.div", "ddiv", F64, dd, a -> bits(d(a[0]) / d(a[1])));
        b.ops("f64.min", "f64Min", F64, dd, a -> bits(Ops.f64Min(d(a[0]), d(a[1]))));
        b.ops("f64.max", "f64Max", F64, dd, a -> bits(Ops.f64Max(d(a[0]), d(a[1]))));
        b.ops("f64.copysign", "f64Copysign", F64, dd, a -> bits(Ops.f64Copysign(d(a[0]), d(a[1]))));
        b.jvm("f64.convert_i32_s", "i2d", F64, i, a -> bits((double) i(a[0])));
        b.ops("f64.convert_i32_u", "f64ConvertI32U", F64, i, a -> bits(Ops.f64ConvertI32U(i(a[0]))));
        b.jvm("f64.convert_i64_s", "l2d", F64, l, a -> bits((double) a[0]));
        b.ops("f64.convert_i64_u", "f64ConvertI64U", F64, l, a -> bits(Ops.f64ConvertI64U(a[0])));
        b.ops("f64.promote_f32", "f64PromoteF32", F64, f, a -> bits(Ops.f64PromoteF32(f(a[0]))));
        b.jvm("f64.reinterpret_i64", "Double.longBitsToDouble", F64, l, a -> bits(Double.longBitsToDouble(a[0])));

        return b.ops;
    }
}
