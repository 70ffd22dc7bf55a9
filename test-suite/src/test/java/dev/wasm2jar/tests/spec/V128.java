package dev.wasm2jar.tests.spec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * wast2json's v128 values as their 16 little-endian bytes (lane 0 = lowest addresses), and lane-wise
 * comparison of a result with an expected value, which may hold {@code nan:canonical} /
 * {@code nan:arithmetic} per f32/f64 lane. Ready for the SIMD scripts; {@link SpecValues} hands v128
 * values to generated code once the compiler has a JVM representation for them (until then the
 * simd_*.wast scripts are skipped).
 */
final class V128 {
    private V128() {}

    static int laneBytes(String laneType) {
        switch (laneType) {
            case "i8": return 1;
            case "i16": return 2;
            case "i32": case "f32": return 4;
            case "i64": case "f64": return 8;
            default: throw new IllegalArgumentException("v128 lane type " + laneType);
        }
    }

    /** The 16 bytes of a v128 argument or expected value without NaN patterns. */
    static byte[] bytes(SpecValue v) {
        int width = laneBytes(v.laneType());
        if (v.lanes().size() * width != 16) {
            throw new IllegalArgumentException("v128 " + v.laneType() + " needs " + (16 / width) + " lanes, got " + v.lanes().size());
        }
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (String lane : v.lanes()) {
            long bits = SpecValue.bits64(lane);
            switch (width) {
                case 1: b.put((byte) bits); break;
                case 2: b.putShort((short) bits); break;
                case 4: b.putInt((int) bits); break;
                default: b.putLong(bits);
            }
        }
        return b.array();
    }

    /** Null when the 16 {@code actual} bytes match {@code expected} lane by lane, otherwise why not. */
    static String mismatch(SpecValue expected, byte[] actual) {
        if (actual == null || actual.length != 16) {
            return "expected a v128 (16 bytes), got " + (actual == null ? "null" : actual.length + " bytes");
        }
        String laneType = expected.laneType();
        int width = laneBytes(laneType);
        ByteBuffer b = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < expected.lanes().size(); i++) {
            String want = expected.lanes().get(i);
            int at = i * width;
            boolean ok;
            long got;
            switch (width) {
                case 1: got = b.get(at) & 0xFFL; ok = got == (SpecValue.bits64(want) & 0xFF); break;
                case 2: got = b.getShort(at) & 0xFFFFL; ok = got == (SpecValue.bits64(want) & 0xFFFF); break;
                case 4:
                    got = b.getInt(at) & 0xFFFF_FFFFL;
                    ok = laneType.equals("f32") ? SpecValues.f32Matches(want, (int) got) : got == SpecValue.bits64(want);
                    break;
                default:
                    got = b.getLong(at);
                    ok = laneType.equals("f64") ? SpecValues.f64Matches(want, got) : got == SpecValue.bits64(want);
            }
            if (!ok) {
                return "v128 " + laneType + " lane " + i + ": expected " + want + ", got " + Long.toUnsignedString(got)
                        + " (0x" + Long.toHexString(got) + "); expected " + expected.lanes() + ", got bytes " + hex(actual);
            }
        }
        return null;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
