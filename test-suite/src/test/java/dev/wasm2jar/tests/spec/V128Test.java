package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class V128Test {
    private static SpecValue v(String laneType, String... lanes) {
        return new SpecValue("v128", null, laneType, List.of(lanes));
    }

    @Test
    void lanesAreLittleEndianLaneZeroFirst() {
        byte[] b = V128.bytes(v("i16", "1", "65535", "0", "0", "0", "0", "0", "258"));
        assertArrayEquals(new byte[] {1, 0, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1}, b);
        byte[] l = V128.bytes(v("i64", "18446744073709551615", "1"));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, 1, 0, 0, 0, 0, 0, 0, 0}, l);
    }

    @Test
    void theSameBitsMatchUnderAnyLaneType() {
        byte[] b = V128.bytes(v("i32", "1", "0", "0", "4294967295"));
        assertNull(V128.mismatch(v("i32", "1", "0", "0", "4294967295"), b));
        assertNull(V128.mismatch(v("i8", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "255", "255", "255", "255"), b));
        assertNull(V128.mismatch(v("i64", "1", "18446744069414584320"), b));
        String why = V128.mismatch(v("i32", "1", "0", "0", "4294967294"), b);
        assertNotNull(why);
        assertTrue(why.startsWith("v128 i32 lane 3: expected 4294967294, got 4294967295"), why);
    }

    @Test
    void floatLanesTakeNanPatternsPerLane() {
        byte[] b = V128.bytes(v("f32", "2143289344", "4290772992", "2143289345", "1065353216")); // 7fc00000 ffc00000 7fc00001 1.0
        assertNull(V128.mismatch(v("f32", "nan:canonical", "nan:canonical", "nan:arithmetic", "1065353216"), b));
        assertNotNull(V128.mismatch(v("f32", "nan:canonical", "nan:canonical", "nan:canonical", "1065353216"), b));
        assertNotNull(V128.mismatch(v("f32", "nan:canonical", "nan:canonical", "nan:arithmetic", "nan:arithmetic"), b));
        byte[] d = V128.bytes(v("f64", "9221120237041090560", "9223372036854775808")); // canonical NaN, -0.0
        assertNull(V128.mismatch(v("f64", "nan:canonical", "9223372036854775808"), d));
        assertNotNull(V128.mismatch(v("f64", "nan:canonical", "0"), d));
    }

    @Test
    void wrongLaneCountsAndSizesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> V128.bytes(v("i32", "1", "2")));
        assertThrows(IllegalArgumentException.class, () -> V128.bytes(v("i128", "1")));
        assertNotNull(V128.mismatch(v("i64", "0", "0"), new byte[8]));
        assertNotNull(V128.mismatch(v("i64", "0", "0"), null));
    }
}
