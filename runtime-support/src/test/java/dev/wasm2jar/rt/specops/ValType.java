package dev.wasm2jar.rt.specops;

/** The four Wasm number types. */
public enum ValType {
    I32, I64, F32, F64;

    public static ValType parse(String text) {
        return switch (text) {
            case "i32" -> I32;
            case "i64" -> I64;
            case "f32" -> F32;
            case "f64" -> F64;
            default -> throw new IllegalArgumentException("not a number type: " + text);
        };
    }

    /** Bit patterns of 32-bit types are kept zero-extended in a long. */
    public long normalize(long bits) {
        return this == I32 || this == F32 ? bits & 0xFFFF_FFFFL : bits;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
