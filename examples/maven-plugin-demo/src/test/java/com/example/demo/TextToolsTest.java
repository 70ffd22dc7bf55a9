package com.example.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.rt.Trap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are what Node gives for the same textlib.wasm (reference.mjs next to the pom). */
class TextToolsTest {
    private final TextTools tools = new TextTools();

    @Test
    void typedExportsReturnJavaValues() {
        assertEquals(5, tools.add(2, 3));
        assertEquals(Integer.MIN_VALUE, tools.add(Integer.MAX_VALUE, 1), "i32 wraps around");
        assertEquals(55L, tools.fibonacci(10));
        assertEquals(2880067194370816120L, tools.fibonacci(90), "i64 result");
        assertEquals(3, tools.divide(7, 2));
        assertEquals(-3, tools.divide(-7, 2));
    }

    @Test
    void stringsTravelThroughLinearMemory() {
        assertEquals(7, tools.countVowels("Hello World, from WebAssembly"));
        assertEquals("HELLO WORLD, FROM WEBASSEMBLY", tools.toUpperCase("Hello World, from WebAssembly"));
    }

    @Test
    void theHostImportIsCalled() {
        assertEquals("Hello, Duke!", tools.greet("Duke"));
        assertEquals(List.of("Hello, Duke!"), tools.log());
        tools.greet("wasm");
        assertEquals(List.of("Hello, Duke!", "Hello, wasm!"), tools.log());
    }

    @Test
    void trapsAreJavaExceptions() {
        Trap trap = assertThrows(Trap.class, () -> tools.divide(1, 0));
        assertEquals("integer divide by zero", trap.getMessage());
        assertEquals(5, tools.add(2, 3), "the instance works after a trap");
    }

    @Test
    void instancesAreIndependent() {
        TextTools other = new TextTools();
        tools.greet("one");
        assertEquals(List.of(), other.log());
    }
}
