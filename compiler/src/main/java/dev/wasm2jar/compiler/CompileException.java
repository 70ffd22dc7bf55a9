package dev.wasm2jar.compiler;

/**
 * A module we refuse to compile. The message is one line: the cause and where (function index and name,
 * byte offset) when known; it is what the CLI prints.
 */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The bytes are not a well-formed Wasm binary (spec: assert_malformed). */
        MALFORMED,
        /** Well-formed but fails validation (spec: assert_invalid). */
        INVALID,
        /** Valid Wasm that uses a feature wasm2jar does not compile yet, or exceeds a JVM limit. */
        UNSUPPORTED,
        /** Reading or writing files failed. */
        IO
    }

    private final Kind kind;

    public CompileException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CompileException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
