package dev.wasm2jar.tests.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one script, filled in command by command. Every command is recorded exactly once, in
 * order ({@link #next} is the index of the next one), so when the script times out the remaining commands
 * can be recorded as failed; after that ({@link #frozen}) late records from the stopped thread are ignored.
 *
 * <p>Counted commands: everything except {@code register} (like spectest-interp). Text-format
 * assert_malformed commands are counted separately as not applicable.
 */
final class ScriptResult {
    final String file;
    private int passed;
    private int failed;
    private int skipped;
    private int notApplicable;
    private int next;
    private boolean frozen;
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> debug = new ArrayList<>();

    ScriptResult(String file) {
        this.file = file;
    }

    synchronized void pass() {
        if (advance()) {
            passed++;
        }
    }

    /** Records the command as passed when {@code failureReason} is null, else as failed. */
    synchronized void record(SpecCommand c, String failureReason) {
        if (failureReason == null) {
            pass();
        } else {
            fail(c, failureReason);
        }
    }

    synchronized void fail(SpecCommand c, String reason) {
        if (advance()) {
            failed++;
            failures.add(new Failure(file, c.line(), c.type(), reason));
        }
    }

    synchronized void skip() {
        if (advance()) {
            skipped++;
        }
    }

    synchronized void markNotApplicable() {
        if (advance()) {
            notApplicable++;
        }
    }

    /** A command that is not a test of its own (register). */
    synchronized void noTest() {
        advance();
    }

    /** A problem of the whole script that belongs to no command (unreadable JSON). */
    synchronized void failScript(String reason) {
        if (!frozen) {
            failed++;
            failures.add(new Failure(file, 0, "script", reason));
        }
    }

    synchronized void debug(int line, String message) {
        if (!frozen) {
            debug.add(file + ":" + line + " " + Failure.oneLine(message));
        }
    }

    /**
     * The script ran out of time while on command {@link #next}: that one fails with {@code reason}, the
     * rest as not run; then the result is frozen.
     */
    synchronized void timeOut(List<SpecCommand> commands, String reason) {
        if (frozen) {
            return;
        }
        int hung = next;
        for (int i = hung; i < commands.size(); i++) {
            SpecCommand c = commands.get(i);
            if (c.type().equals("register")) {
                noTest();
            } else if (c.type().equals("assert_malformed") && c.isTextModule()) {
                markNotApplicable();
            } else {
                fail(c, i == hung ? reason : "not run: the script timed out at line " + commands.get(hung).line());
            }
        }
        frozen = true;
    }

    synchronized void freeze() {
        frozen = true;
    }

    private boolean advance() {
        if (frozen) {
            return false;
        }
        next++;
        return true;
    }

    synchronized int passed() { return passed; }
    synchronized int failed() { return failed; }
    synchronized int skipped() { return skipped; }
    synchronized int notApplicable() { return notApplicable; }
    synchronized int recorded() { return next; }
    synchronized List<Failure> failures() { return List.copyOf(failures); }
    synchronized List<String> debugLines() { return List.copyOf(debug); }
}
