package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LinkException;

/** Fetches the WASI context for a module that imports {@code wasi_snapshot_preview1}. */
public final class WasiLinking {
    private WasiLinking() {}

    public static WasiContext context(Imports imports) {
        Object ctx = imports.wasi();
        if (ctx == null) {
            throw new LinkException("unknown import: the module imports wasi_snapshot_preview1 but no WASI context was given");
        }
        if (!(ctx instanceof WasiContext w)) {
            throw new LinkException("incompatible import type: WASI context is a " + ctx.getClass().getName());
        }
        return w;
    }
}
