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
    private final Map<String, Object> exports = new LinkedHashMap<>();
    /** Function references by function index: imports are stored at link time, the rest made on first use. */
    protected WasmFunction[] functions;

    protected final void export(String name, Object value) {
        exports.put(name, value);
    }

    /** The reference to function {@code index} ({@code ref.func}, element segments, exports); one object per function. */
    public final WasmFunction function(int index) {
        WasmFunction f = functions[index];
        if (f == null) {
            f = createFunction(index);
            functions[index] = f;
        }
        return f;
    }

    /** Makes the reference for a function defined by this module (generated). */
    protected abstract WasmFunction createFunction(int index);

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
