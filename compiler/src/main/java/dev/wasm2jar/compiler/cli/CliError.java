package dev.wasm2jar.compiler.cli;

/** A failure to report as one {@code wasm2jar: error:} line with exit code 1 (missing file, compile error...). */
final class CliError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliError(String message) {
        super(message);
    }

    CliError(String message, Throwable cause) {
        super(message, cause);
    }
}
