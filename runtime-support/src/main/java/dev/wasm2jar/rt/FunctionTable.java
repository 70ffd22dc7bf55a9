package dev.wasm2jar.rt;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes function references for generated classes from their compact function table: one line per function,
 * {@code methodName ownerClass signature}, kept in string constants so no generated method grows with the
 * module's size. The table is parsed once per module class.
 */
public final class FunctionTable {
    private FunctionTable() {}

    private static final ConcurrentHashMap<Class<?>, String[]> LINES = new ConcurrentHashMap<>();

    public static WasmFunction create(MethodHandles.Lookup lookup, WasmModuleInstance self, String[] chunks, int index) {
        String[] lines = LINES.computeIfAbsent(lookup.lookupClass(), c -> String.join("", chunks).split("\n"));
        String[] parts = lines[index].split(" ");
        try {
            Class<?> owner = Class.forName(parts[1].replace('/', '.'), false, lookup.lookupClass().getClassLoader());
            return WasmFunction.compiled(lookup, owner, self, parts[0], parts[2], index);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a reference to function " + index, e);
        }
    }
}
