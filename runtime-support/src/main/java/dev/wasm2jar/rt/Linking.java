package dev.wasm2jar.rt;

/**
 * Import resolution and type checks, called from generated constructors. Messages start with the spec's
 * wording ("unknown import", "incompatible import type") followed by the import's name.
 */
public final class Linking {
    private Linking() {}

    private static Object lookup(Imports imports, String module, String name) {
        Object o = imports.resolve(module, name);
        if (o == null) {
            throw new LinkException("unknown import \"" + module + "\" \"" + name + "\"");
        }
        return o;
    }

    private static LinkException incompatible(String module, String name, String why) {
        return new LinkException("incompatible import type for \"" + module + "\" \"" + name + "\": " + why);
    }

    public static WasmFunction function(Imports imports, String module, String name, String signature) {
        Object o = lookup(imports, module, name);
        if (!(o instanceof WasmFunction f)) {
            throw incompatible(module, name, "expected a function");
        }
        if (!f.type.equals(signature)) {
            throw incompatible(module, name, "expected " + ValueTypes.describe(signature) + ", got " + ValueTypes.describe(f.type));
        }
        return f;
    }

    public static Memory memory(Imports imports, String module, String name, int min, long max) {
        Object o = lookup(imports, module, name);
        if (!(o instanceof Memory m)) {
            throw incompatible(module, name, "expected a memory");
        }
        if (!limitsMatch(m.pages(), m.declaredMaxPages(), Integer.toUnsignedLong(min), max)) {
            throw incompatible(module, name, "memory limits do not match");
        }
        return m;
    }

    public static Table table(Imports imports, String module, String name, boolean funcref, int min, long max) {
        Object o = lookup(imports, module, name);
        if (!(o instanceof Table t) || t.isFuncref() != funcref) {
            throw incompatible(module, name, "expected a " + (funcref ? "funcref" : "externref") + " table");
        }
        if (!limitsMatch(t.size(), t.declaredMax(), Integer.toUnsignedLong(min), max)) {
            throw incompatible(module, name, "table limits do not match");
        }
        return t;
    }

    public static Global global(Imports imports, String module, String name, char type, boolean mutable) {
        Object o = lookup(imports, module, name);
        if (!(o instanceof Global g) || g.type != type || g.mutable != mutable) {
            throw incompatible(module, name, "expected a " + (mutable ? "mutable " : "") + ValueTypes.name(type) + " global");
        }
        return g;
    }

    /**
     * Applies the embedder's memory limit: the memory may not grow past it, and an instance whose memory
     * already starts above it is refused.
     */
    public static void limitMemory(Memory memory, Imports imports) {
        int limit = imports.maxMemoryPages();
        if (limit >= Memory.MAX_PAGES) {
            return;
        }
        if (memory.pages() > limit) {
            throw new LinkException("the module's memory starts at " + memory.pages() + " pages (" + ((long) memory.pages() * Memory.PAGE_SIZE)
                    + " bytes), above the limit of " + limit + " pages");
        }
        memory.limitPages(limit);
    }

    /** Spec import matching: the actual minimum covers the expected one; a declared max must be at least as tight. */
    private static boolean limitsMatch(long actualMin, long actualMax, long expectedMin, long expectedMax) {
        if (actualMin < expectedMin) {
            return false;
        }
        if (expectedMax >= 0) {
            return actualMax >= 0 && actualMax <= expectedMax;
        }
        return true;
    }
}
