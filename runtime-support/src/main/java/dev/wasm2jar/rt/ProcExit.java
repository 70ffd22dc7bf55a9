package dev.wasm2jar.rt;

/** Thrown by WASI {@code proc_exit}: unwinds the guest and carries its exit code. Not a trap. */
public final class ProcExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public ProcExit(int code) {
        super("exit code " + code, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
