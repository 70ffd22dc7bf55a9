package dev.wasm2jar.compiler.cli;

/** Commands that take {@code --verbose}: the error handler prints stack traces for them. */
interface Verbosity {
    boolean verbose();
}
