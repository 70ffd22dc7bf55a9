package dev.wasm2jar.tests.spec;

import java.util.HashMap;
import java.util.Map;

/**
 * The host references {@code ref.extern N} of one script: one object per distinct N, so a reference
 * that went through a module comes back as the very same object (the spec compares them by identity).
 */
final class HostRefs {
    /** What a module sees as an externref; only its identity matters. */
    static final class HostRef {
        final long id;

        HostRef(long id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "ref.extern " + id;
        }
    }

    private final Map<Long, HostRef> refs = new HashMap<>();

    HostRef get(long id) {
        return refs.computeIfAbsent(id, HostRef::new);
    }
}
