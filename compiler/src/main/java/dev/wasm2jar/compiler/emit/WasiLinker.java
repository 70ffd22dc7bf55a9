package dev.wasm2jar.compiler.emit;

import com.dylibso.chicory.wasm.types.FunctionImport;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.rt.ValueTypes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * WASI imports are linked at compile time to static methods of the runtime's WASI bridge, so a call costs
 * one invokestatic. This checks the bridge has the function with exactly the imported signature.
 */
final class WasiLinker {
    private WasiLinker() {}

    static void check(FunctionImport imp, String signature) throws CompileException {
        Class<?> bridge;
        Class<?> context;
        try {
            bridge = Class.forName(ModuleLayout.WASI_BRIDGE.replace('/', '.'));
            context = Class.forName(ModuleLayout.WASI_CONTEXT.replace('/', '.'));
        } catch (ClassNotFoundException e) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "WASI support is not available in this build");
        }
        String params = ValueTypes.params(signature);
        Class<?>[] types = new Class<?>[params.length() + 1];
        for (int i = 0; i < params.length(); i++) {
            types[i] = ValueTypes.javaType(params.charAt(i));
        }
        types[params.length()] = context;
        try {
            Method m = bridge.getMethod(imp.name(), types);
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == ValueTypes.returnType(signature)) {
                return;
            }
        } catch (NoSuchMethodException | IllegalArgumentException e) {
            // fall through
        }
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "unknown import \"" + imp.module() + "\" \"" + imp.name()
                + "\" with type " + ValueTypes.describe(signature) + ": not a WASI preview1 function wasm2jar provides");
    }
}
