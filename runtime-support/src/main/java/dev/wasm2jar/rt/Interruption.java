package dev.wasm2jar.rt;

/**
 * Lets an embedder stop a running guest: generated code polls at every loop back-edge, and a guest
 * thread that was {@linkplain Thread#interrupt() interrupted} traps with "interrupted" at its next one.
 * The poll is one read of the current thread's interrupt flag, which HotSpot compiles to a field load.
 */
public final class Interruption {
    public static final String INTERRUPTED = "interrupted";

    private Interruption() {}

    public static void poll() {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted();
        }
    }

    private static Trap interrupted() {
        Thread.interrupted(); // consume the request: the trap reports it
        return new Trap(INTERRUPTED);
    }
}
