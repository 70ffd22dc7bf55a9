package com.example.demo;

import com.example.demo.wasm.Textlib;
import com.example.demo.wasm.TextlibImports;
import dev.wasm2jar.rt.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java face for the C library in src/main/c/textlib.c. The plugin compiled its .wasm into
 * {@link Textlib} (typed methods per export) and {@link TextlibImports} (the import the host implements),
 * which this class implements by collecting the library's log messages.
 *
 * <p>Like the module instance it wraps, a TextTools is for one thread at a time.
 */
public final class TextTools implements TextlibImports {
    private final Textlib lib;
    private final List<String> log = new ArrayList<>();

    public TextTools() {
        lib = Textlib.create(this);
    }

    /** The import {@code env.host_log}: called by the library with a UTF-8 message in its memory. */
    @Override
    public void host_log(int message, int length) {
        log.add(lib.memory().readUtf8(message, length));
    }

    /** Messages the library sent through host_log, oldest first. */
    public List<String> log() {
        return List.copyOf(log);
    }

    public int add(int a, int b) {
        return lib.add(a, b);
    }

    /** Traps ({@link dev.wasm2jar.rt.Trap}, "integer divide by zero") when {@code b} is 0. */
    public int divide(int a, int b) {
        return lib.divide(a, b);
    }

    public long fibonacci(int n) {
        return lib.fib(n);
    }

    public int countVowels(String text) {
        lib.reset();
        int ptr = copyIn(text);
        return lib.count_vowels(ptr, Memory.utf8Length(text));
    }

    public String toUpperCase(String text) {
        lib.reset();
        int ptr = copyIn(text);
        int length = Memory.utf8Length(text);
        lib.to_upper(ptr, length);
        return lib.memory().readUtf8(ptr, length);
    }

    public String greet(String name) {
        lib.reset();
        int greeting = lib.greet(copyIn(name), Memory.utf8Length(name));
        return lib.memory().readCString(greeting);
    }

    /** Copies a string into the library's memory (an allocation from its arena) and returns its address. */
    private int copyIn(String text) {
        int ptr = lib.alloc(Memory.utf8Length(text));
        if (ptr == 0) {
            throw new IllegalArgumentException("text too large for the library's arena");
        }
        lib.memory().writeUtf8(ptr, text);
        return ptr;
    }

    public static void main(String[] args) {
        TextTools tools = new TextTools();
        System.out.println("add(2, 3) = " + tools.add(2, 3));
        System.out.println("fibonacci(90) = " + tools.fibonacci(90));
        System.out.println(tools.greet(args.length > 0 ? args[0] : "Duke"));
        System.out.println("log: " + tools.log());
    }
}
