package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Chicory's validation errors say what is wrong but not where. To name the function, the module is decoded
 * again without validation and each function body is validated on its own (Chicory's validator is not
 * public API, so this is reflective and gives up silently if Chicory changes).
 */
final class FailureLocator {
    private FailureLocator() {}

    /** " in func[N] <name> (body at byte offset X)", or "" when the failure is not inside a function body. */
    static String locate(byte[] wasm) {
        try {
            WasmModule module = Parser.builder().withValidation(false).build().parse(() -> new ByteArrayInputStream(wasm));
            Class<?> validatorClass = Class.forName("com.dylibso.chicory.wasm.Validator");
            Constructor<?> ctor = validatorClass.getDeclaredConstructor(WasmModule.class);
            ctor.setAccessible(true);
            Method validateFunction = validatorClass.getDeclaredMethod("validateFunction", int.class, FunctionBody.class, FunctionType.class);
            validateFunction.setAccessible(true);
            int imported = module.importSection().count(ExternalType.FUNCTION);
            FunctionBody[] bodies = module.codeSection().functionBodies();
            for (int i = 0; i < bodies.length; i++) {
                FunctionType type = module.typeSection().getType(module.functionSection().getFunctionType(i));
                try {
                    validateFunction.invoke(ctor.newInstance(module), i, bodies[i], type);
                } catch (InvocationTargetException e) {
                    return describe(module, imported + i, bodies[i]);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // cannot locate it: the message stays without a location
        }
        return "";
    }

    private static String describe(WasmModule module, int index, FunctionBody body) {
        String name = null;
        NameCustomSection names = module.nameSection();
        if (names != null) {
            try {
                name = names.nameOfFunction(index);
            } catch (RuntimeException e) {
                name = null;
            }
        }
        String where = " in func[" + index + "]" + (name != null ? " <" + name + ">" : "");
        if (!body.instructions().isEmpty()) {
            where += " (body at byte offset " + body.instructions().get(0).address() + ")";
        }
        return where;
    }
}
