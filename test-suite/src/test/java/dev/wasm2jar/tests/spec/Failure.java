package dev.wasm2jar.tests.spec;

/**
 * One failed command: where it is in the .wast, what kind of command, and why it failed (one line).
 * {@link #key()} ({@code file.wast:LINE}) is what known-failures.txt lists.
 */
public record Failure(String file, int line, String command, String reason) {

    public Failure {
        reason = oneLine(reason);
    }

    public String key() {
        return file + ":" + line;
    }

    /** The spec-failures.txt line: {@code file:line command: reason}. */
    @Override
    public String toString() {
        return key() + " " + command + ": " + reason;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String flat = s.replace("\r", "").replace('\n', ' ').replace('\t', ' ');
        return flat.length() > 400 ? flat.substring(0, 397) + "..." : flat;
    }
}
