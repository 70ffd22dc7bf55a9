package dev.wasm2jar.rt.specops;

/** A Wasm number as its raw bit pattern, so NaN payloads and signed zeros compare exactly. */
public record Value(ValType type, long bits) {
    public Value {
        bits = type.normalize(bits);
    }

    public static Value i32(int v) { return new Value(ValType.I32, v); }
    public static Value i64(long v) { return new Value(ValType.I64, v); }
    public static Value f32(float v) { return new Value(ValType.F32, Float.floatToRawIntBits(v)); }
    public static Value f64(double v) { return new Value(ValType.F64, Double.doubleToRawLongBits(v)); }

    public int asI32() { return (int) bits; }
    public long asI64() { return bits; }
    public float asF32() { return Float.intBitsToFloat((int) bits); }
    public double asF64() { return Double.longBitsToDouble(bits); }

    @Override
    public String toString() {
        return switch (type) {
            case I32 -> "i32:" + (int) bits;
            case I64 -> "i64:" + bits;
            case F32 -> String.format("f32:%s(0x%08x)", Float.toHexString(asF32()), bits);
            case F64 -> String.format("f64:%s(0x%016x)", Double.toHexString(asF64()), bits);
        };
    }
}
