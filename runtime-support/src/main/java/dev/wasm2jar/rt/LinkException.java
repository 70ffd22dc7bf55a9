package dev.wasm2jar.rt;

/** An import could not be satisfied: "unknown import" or "incompatible import type" (spec wording first). */
public final class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
