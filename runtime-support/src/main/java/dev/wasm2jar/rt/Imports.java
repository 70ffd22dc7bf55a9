package dev.wasm2jar.rt;

import java.util.HashMap;
import java.util.Map;

/**
 * What a module instance is linked against. {@link #resolve} returns a {@link WasmFunction},
 * {@link Memory}, {@link Table} or {@link Global}, or null when nothing of that name exists.
 */
public interface Imports {
    Object resolve(String module, String name);

    /** The WASI context for modules importing {@code wasi_snapshot_preview1}; null when there is none. */
    default Object wasi() {
        return null;
    }

    /** The most pages a memory of this instance may have (the embedder's {@code --max-memory}). */
    default int maxMemoryPages() {
        return Memory.MAX_PAGES;
    }

    Imports NONE = (m, n) -> null;

    /** A simple map-backed set of imports; {@link #register} exposes a whole instance under one module name. */
    final class Builder implements Imports {
        private final Map<String, Map<String, Object>> modules = new HashMap<>();
        private Object wasi;
        private int maxMemoryPages = Memory.MAX_PAGES;

        public Builder add(String module, String name, Object value) {
            modules.computeIfAbsent(module, k -> new HashMap<>()).put(name, value);
            return this;
        }

        public Builder register(String module, WasmModuleInstance instance) {
            modules.put(module, new HashMap<>(instance.exports()));
            return this;
        }

        public Builder wasi(Object wasiContext) {
            this.wasi = wasiContext;
            return this;
        }

        public Builder maxMemoryPages(int pages) {
            this.maxMemoryPages = pages;
            return this;
        }

        @Override
        public int maxMemoryPages() {
            return maxMemoryPages;
        }

        @Override
        public Object resolve(String module, String name) {
            Map<String, Object> m = modules.get(module);
            return m == null ? null : m.get(name);
        }

        @Override
        public Object wasi() {
            return wasi;
        }
    }
}
