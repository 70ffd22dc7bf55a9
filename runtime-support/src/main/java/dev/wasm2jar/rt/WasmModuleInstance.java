package dev.wasm2jar.rt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base class of every generated module class. A generated class {@code M} has a constructor
 * {@code M(Imports)} that links, initialises and runs the start function, static methods {@code f<N>} for
 * the Wasm functions, and registers its exports here.
 */
public abstract class WasmModuleInstance {
    /** Name of the static {@code String[]} in generated classes mapping function index to name. */
    public static final String FUNCTION_NAMES_FIELD = "FUNCTION_NAMES";

    private final Map<String, Object> exports = new LinkedHashMap<>();

    protected final void export(String name, Object value) {
        exports.put(name, value);
    }

    /** All exports in declaration order: WasmFunction, Memory, Table or Global values. */
    public final Map<String, Object> exports() {
        return Collections.unmodifiableMap(exports);
    }

    public final Object export(String name) {
        return exports.get(name);
    }

    public final WasmFunction exportedFunction(String name) {
        Object o = exports.get(name);
        if (!(o instanceof WasmFunction f)) {
            throw new IllegalArgumentException("no exported function \"" + name + "\"");
        }
        return f;
    }

    public final Memory exportedMemory(String name) {
        Object o = exports.get(name);
        if (!(o instanceof Memory m)) {
            throw new IllegalArgumentException("no exported memory \"" + name + "\"");
        }
        return m;
    }
}
