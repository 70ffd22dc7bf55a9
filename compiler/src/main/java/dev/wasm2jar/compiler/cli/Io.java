package dev.wasm2jar.compiler.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams commands use; tests pass their own. */
record Io(InputStream in, PrintStream out, PrintStream err) {
    static Io system() {
        return new Io(System.in, System.out, System.err);
    }
}
