package dev.wasm2jar.compiler.cli;

/** A problem with how the command was invoked (exit code 2), found after picocli's own parsing. */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message, null, false, false);
    }
}
