package dev.wasm2jar.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvokeValuesTest {

    @Test
    void integersTakeSignedAndUnsignedRanges() {
        assertEquals(-1, InvokeValues.parse('i', "4294967295"));
        assertEquals(Integer.MIN_VALUE, InvokeValues.parse('i', "-2147483648"));
        assertEquals(-1L, InvokeValues.parse('l', "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, InvokeValues.parse('l', "-9223372036854775808"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('i', "4294967296"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('i', "-2147483649"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('i', "0x10"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('l', "18446744073709551616"));
    }

    @Test
    void floatsTakeDecimalsNanAndInf() {
        assertEquals(0.1f, InvokeValues.parse('f', "0.1"));
        assertEquals(-2.5e-3, InvokeValues.parse('d', "-2.5e-3"));
        assertEquals(Float.NEGATIVE_INFINITY, InvokeValues.parse('f', "-inf"));
        assertEquals(Double.POSITIVE_INFINITY, InvokeValues.parse('d', "INF"));
        assertTrue(Double.isNaN((Double) InvokeValues.parse('d', "nan")));
        assertTrue(Float.isNaN((Float) InvokeValues.parse('f', "-nan")));
        assertEquals(.5, InvokeValues.parse('d', ".5"));
        // Java's parser would take these; a Wasm command line should not.
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('d', "1d"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('f', "0x1p3"));
        assertThrows(NumberFormatException.class, () -> InvokeValues.parse('d', "NaNx"));
    }

    @Test
    void f32IsRoundedOnceFromTheDecimal() {
        // 1.00000005960464477539062500001 is just above the midpoint between 1 and the next float;
        // rounding through double first would land on the midpoint and round to even (1.0f).
        assertEquals(Math.nextUp(1.0f), InvokeValues.parse('f', "1.00000005960464477539062500001"));
    }

    @Test
    void argumentsAreParsedByTheSignature() {
        assertArrayEquals(new Object[] {7, 2.5}, InvokeValues.parseArguments("swap", "id>di", List.of("7", "2.5")));
        UsageError count = assertThrows(UsageError.class, () -> InvokeValues.parseArguments("add", "ii>i", List.of("1")));
        assertEquals("--invoke add: expects 2 arguments (func (param i32 i32) (result i32)), got 1", count.getMessage());
        UsageError bad = assertThrows(UsageError.class, () -> InvokeValues.parseArguments("add", "ii>i", List.of("1", "x")));
        assertEquals("--invoke add: argument 2 'x' is not a valid i32", bad.getMessage());
        assertThrows(UsageError.class, () -> InvokeValues.parseArguments("f", "E>", List.of("1")));
    }

    @Test
    void resultsPrintAsSignedDecimalsAndJavaFloats() {
        assertEquals("-1", InvokeValues.format(-1));
        assertEquals("-9223372036854775808", InvokeValues.format(Long.MIN_VALUE));
        assertEquals("1.4142135", InvokeValues.format((float) Math.sqrt(2)));
        assertEquals("-0.0", InvokeValues.format(-0.0));
        assertEquals("NaN", InvokeValues.format(Double.NaN));
        assertEquals("null", InvokeValues.format(null));
    }
}
