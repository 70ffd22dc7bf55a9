package dev.wasm2jar.tests.fuzz;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs untrusted work (compiling or running a fuzzed module) on a fresh daemon thread with its own stack
 * and a time limit. A thread that outlives its limit is stopped: generated code polls safepoints in loops,
 * so {@link Thread#stop()} ends even an endless Wasm loop on Java 17. Where stop() is unsupported (Java
 * 20+) the thread is left running as a daemon, so it can never keep the JVM alive.
 */
final class Bounded {
    private Bounded() {}

    /** The work's value, or its failure, or a timeout. */
    record Outcome<T>(T value, Throwable failure, boolean timedOut) {
        boolean ok() {
            return !timedOut && failure == null;
        }
    }

    static <T> Outcome<T> run(String name, long stackBytes, Duration limit, Callable<T> work) {
        AtomicReference<Outcome<T>> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            Outcome<T> o;
            try {
                o = new Outcome<>(work.call(), null, false);
            } catch (Throwable e) {
                o = new Outcome<>(null, e, false);
            }
            result.compareAndSet(null, o);
        }, name, stackBytes);
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive() && result.compareAndSet(null, new Outcome<>(null, null, true))) {
            stop(t);
        }
        return result.get();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.stop();
            t.join(5_000);
        } catch (UnsupportedOperationException | InterruptedException ignored) {
            // a daemon thread; it cannot keep the JVM alive
        }
    }
}
