package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.rt.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValuesTest {
    private final HostRefs refs = new HostRefs();

    private static SpecValue v(String type, String value) {
        return SpecValue.scalar(type, value);
    }

    @Test
    void integersAreUnsignedBitPatterns() {
        assertEquals(-1, SpecValues.toArgument(v("i32", "4294967295"), refs));
        assertEquals(Integer.MIN_VALUE, SpecValues.toArgument(v("i32", "2147483648"), refs));
        assertEquals(-1L, SpecValues.toArgument(v("i64", "18446744073709551615"), refs));
        assertEquals(Long.MIN_VALUE, SpecValues.toArgument(v("i64", "9223372036854775808"), refs));
        assertThrows(NumberFormatException.class, () -> SpecValues.toArgument(v("i32", "4294967296"), refs));
    }

    @Test
    void floatArgumentsKeepTheirBitsIncludingNanPayloads() {
        Object one = SpecValues.toArgument(v("f32", "1065353216"), refs);
        assertEquals(1.0f, one);
        Object signalling = SpecValues.toArgument(v("f32", "2139095041"), refs); // 0x7f800001
        assertEquals(0x7f800001, Float.floatToRawIntBits((Float) signalling));
        Object negZero = SpecValues.toArgument(v("f64", "9223372036854775808"), refs);
        assertEquals(0x8000000000000000L, Double.doubleToRawLongBits((Double) negZero));
        Object nanPayload = SpecValues.toArgument(v("f64", "9221120237041090561"), refs); // 0x7ff8000000000001
        assertEquals(0x7ff8000000000001L, Double.doubleToRawLongBits((Double) nanPayload));
    }

    @Test
    void canonicalNanMatchesOnlyTheCanonicalPayloadWithEitherSign() {
        assertTrue(SpecValues.f32Matches("nan:canonical", 0x7fc00000));
        assertTrue(SpecValues.f32Matches("nan:canonical", 0xffc00000));
        assertFalse(SpecValues.f32Matches("nan:canonical", 0x7fc00001));
        assertFalse(SpecValues.f32Matches("nan:canonical", 0x7fa00000));
        assertFalse(SpecValues.f32Matches("nan:canonical", 0x7f800000)); // infinity
        assertTrue(SpecValues.f64Matches("nan:canonical", 0x7ff8000000000000L));
        assertTrue(SpecValues.f64Matches("nan:canonical", 0xfff8000000000000L));
        assertFalse(SpecValues.f64Matches("nan:canonical", 0x7ff8000000000001L));
        assertFalse(SpecValues.f64Matches("nan:canonical", 0x7ff0000000000000L));
    }

    @Test
    void arithmeticNanNeedsTheQuietBitOnly() {
        assertTrue(SpecValues.f32Matches("nan:arithmetic", 0x7fc00000));
        assertTrue(SpecValues.f32Matches("nan:arithmetic", 0xffc12345));
        assertFalse(SpecValues.f32Matches("nan:arithmetic", 0x7f800001)); // signalling
        assertFalse(SpecValues.f32Matches("nan:arithmetic", 0x7f800000));
        assertFalse(SpecValues.f32Matches("nan:arithmetic", 0x3fc00000)); // a number with that mantissa
        assertTrue(SpecValues.f64Matches("nan:arithmetic", 0xfff8000000000123L));
        assertFalse(SpecValues.f64Matches("nan:arithmetic", 0x7ff0000000000001L));
        assertFalse(SpecValues.f64Matches("nan:arithmetic", 0x3ff8000000000000L));
    }

    @Test
    void exactFloatsCompareBitForBit() {
        assertNull(SpecValues.mismatch(v("f32", "2143289344"), Float.intBitsToFloat(0x7fc00000), refs));
        assertNotNull(SpecValues.mismatch(v("f32", "2143289344"), Float.intBitsToFloat(0x7fc00001), refs));
        assertNotNull(SpecValues.mismatch(v("f32", "0"), -0.0f, refs));
        assertNotNull(SpecValues.mismatch(v("f64", "0"), -0.0d, refs));
        assertNull(SpecValues.mismatch(v("f64", "9223372036854775808"), -0.0d, refs));
    }

    @Test
    void resultsMustHaveTheExpectedJavaType() {
        assertNull(SpecValues.mismatch(v("i32", "7"), 7, refs));
        assertNotNull(SpecValues.mismatch(v("i32", "7"), 7L, refs));
        assertNotNull(SpecValues.mismatch(v("i64", "7"), 7, refs));
        assertNotNull(SpecValues.mismatch(v("f32", "0"), 0.0d, refs));
        assertNotNull(SpecValues.mismatch(v("f64", "0"), null, refs));
    }

    @Test
    void resultListsCompareCountAndEachValue() {
        List<SpecValue> two = List.of(v("i32", "1"), v("i64", "2"));
        assertNull(SpecValues.mismatch(two, new Object[] {1, 2L}, refs));
        assertTrue(SpecValues.mismatch(two, new Object[] {1}, refs).contains("expected 2 result(s)"));
        assertTrue(SpecValues.mismatch(two, new Object[] {1, 3L}, refs).startsWith("result 1:"));
        assertNull(SpecValues.mismatch(List.of(), new Object[0], refs));
    }

    @Test
    void externrefsAreOneHostObjectPerNumber() {
        Object a = SpecValues.toArgument(v("externref", "1"), refs);
        assertSame(a, SpecValues.toArgument(v("externref", "1"), refs));
        assertNotSame(a, SpecValues.toArgument(v("externref", "2"), refs));
        assertNull(SpecValues.toArgument(v("externref", "null"), refs));
        assertNull(SpecValues.mismatch(v("externref", "1"), a, refs));
        assertNotNull(SpecValues.mismatch(v("externref", "2"), a, refs));
        assertNotNull(SpecValues.mismatch(v("externref", "null"), a, refs));
        assertNull(SpecValues.mismatch(v("externref", "null"), null, refs));
        // another script's ref.extern 1 is another object
        assertNotNull(SpecValues.mismatch(v("externref", "1"), new HostRefs().get(1), refs));
    }

    @Test
    void funcrefNullAndAnyNonNull() throws Exception {
        WasmFunction f = WasmFunction.host(">", MethodHandles.lookup().findStatic(SpecValuesTest.class, "nothing",
                java.lang.invoke.MethodType.methodType(void.class)));
        assertNull(SpecValues.toArgument(v("funcref", "null"), refs));
        assertNull(SpecValues.mismatch(v("funcref", "null"), null, refs));
        assertNotNull(SpecValues.mismatch(v("funcref", "null"), f, refs));
        assertNull(SpecValues.mismatch(v("funcref", null), f, refs));
        assertNotNull(SpecValues.mismatch(v("funcref", null), null, refs));
    }

    @Test
    void v128IsReportedAsUnsupported() {
        SpecValue lanes = new SpecValue("v128", null, "i32", List.of("0", "0", "0", "0"));
        assertThrows(SpecValues.UnsupportedValueException.class, () -> SpecValues.toArgument(lanes, refs));
        assertThrows(SpecValues.UnsupportedValueException.class, () -> SpecValues.mismatch(lanes, null, refs));
    }

    static void nothing() {}
}
