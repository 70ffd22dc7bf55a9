package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;

/**
 * Chicory accepts some Wasm 3.0 features; wasm2jar compiles Wasm 2.0, so what 2.0 forbids and we do not
 * compile (several memories) is rejected here as invalid.
 */
final class Wasm2Restrictions {
    private Wasm2Restrictions() {}

    static void check(WasmModule module) {
        int memories = module.memorySection().map(s -> s.memoryCount()).orElse(0);
        memories += module.importSection().count(ExternalType.MEMORY);
        if (memories > 1) {
            throw new InvalidException("multiple memories");
        }
    }
}
