package dev.wasm2jar.rt;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A function reference: what tables hold, what {@code ref.func} produces, what imports and exports of
 * kind "func" are. {@link #handle} takes the Wasm parameters as JVM primitives and returns void, the
 * single result, or {@code Object[]} for several results (see {@link ValueTypes}).
 *
 * <p>Functions defined by a compiled module also record their {@link #owner} instance and {@link #index}
 * so {@code call_indirect} can dispatch with a direct {@code invokestatic} when the target belongs to the
 * calling instance.
 */
public final class WasmFunction {
    /** Interned signature string, e.g. {@code "ii>i"}. */
    public final String type;
    public final MethodHandle handle;
    /** The defining instance, or null for a host function. */
    public final Object owner;
    /** The function index in its owner, or -1 for a host function. */
    public final int index;

    private WasmFunction(String type, MethodHandle handle, Object owner, int index) {
        this.type = type.intern();
        this.handle = handle;
        this.owner = owner;
        this.index = index;
    }

    /** A host function; {@code handle} must have exactly {@link ValueTypes#methodType(String)}. */
    public static WasmFunction host(String signature, MethodHandle handle) {
        MethodType expected = ValueTypes.methodType(signature);
        return new WasmFunction(signature, handle.asType(expected), null, -1);
    }

    /**
     * A compiled function: {@code static R name(params..., Module self)} in {@code owner} (the module class or
     * one of its function classes), found with the module class's own lookup and bound to {@code self}.
     */
    public static WasmFunction compiled(MethodHandles.Lookup lookup, Class<?> owner, Object self, String methodName, String signature, int index) {
        MethodType mt = ValueTypes.methodType(signature);
        try {
            MethodHandle mh = lookup.findStatic(owner, methodName, mt.appendParameterTypes(self.getClass()));
            mh = MethodHandles.insertArguments(mh, mt.parameterCount(), self);
            return new WasmFunction(signature, mh, self, index);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class lacks " + methodName, e);
        }
    }

    /**
     * Calls the function with boxed arguments (Integer, Long, Float, Double, references) and returns the
     * results boxed the same way; for tools and tests, not hot paths. Traps come out as {@link Trap}.
     */
    public Object[] call(Object... args) {
        Object r;
        try {
            r = handle.invokeWithArguments(args);
        } catch (Throwable t) {
            throw Trap.translate(t);
        }
        String results = ValueTypes.results(type);
        if (results.isEmpty()) {
            return new Object[0];
        }
        if (results.length() == 1) {
            return new Object[] {r};
        }
        return (Object[]) r;
    }

    @Override
    public String toString() {
        return "WasmFunction[" + ValueTypes.describe(type) + (index >= 0 ? " #" + index : " host") + "]";
    }
}
