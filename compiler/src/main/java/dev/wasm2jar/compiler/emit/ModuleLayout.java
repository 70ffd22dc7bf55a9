package dev.wasm2jar.compiler.emit;

import dev.wasm2jar.compiler.analysis.ModuleInfo;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where everything of a module lives in the generated class(es): method names and owner classes of
 * functions, field names and descriptors of memory, tables and globals. Generated methods refer to the
 * module state only through these names, so functions can be placed in helper classes without the
 * function emitter knowing.
 */
final class ModuleLayout {
    static final String MEMORY_FIELD = "memory";
    static final String MEMORY_DESC = "Ldev/wasm2jar/rt/Memory;";
    static final String TABLE_DESC = "Ldev/wasm2jar/rt/Table;";
    static final String DATA_FIELD = "data";
    static final String ELEMS_FIELD = "elems";
    static final String WASI_FIELD = "wasi";
    static final String WASI_CONTEXT = "dev/wasm2jar/rt/wasi/WasiContext";
    static final String WASI_BRIDGE = "dev/wasm2jar/rt/wasi/WasiPreview1";

    final ModuleInfo info;
    final String mainClass;
    final String selfDesc;
    private final String[] methodNames;
    private final String[] owners;
    /** call_indirect dispatchers requested by function bodies: "signature|table". */
    final Set<String> callIndirectHelpers = new LinkedHashSet<>();

    ModuleLayout(ModuleInfo info, String mainClass, int functionsPerClass) {
        this.info = info;
        this.mainClass = mainClass;
        this.selfDesc = "L" + mainClass + ";";
        int n = info.functionCount();
        methodNames = new String[n];
        owners = new String[n];
        int imported = info.importedFunctionCount();
        for (int i = 0; i < n; i++) {
            methodNames[i] = methodName(i, info.functionName(i));
            // Imports' stubs stay in the main class; defined functions are grouped so that a huge module is
            // spread over several classes that load on first use.
            owners[i] = i < imported || functionsPerClass <= 0 ? mainClass : mainClass + "$F" + ((i - imported) / functionsPerClass);
        }
    }

    private static String methodName(int index, String wasmName) {
        if (wasmName == null || wasmName.isEmpty()) {
            return "f" + index;
        }
        StringBuilder sb = new StringBuilder("f").append(index).append('_');
        for (int i = 0; i < wasmName.length() && sb.length() < 80; i++) {
            char c = wasmName.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '$' ? c : '_');
        }
        return sb.toString();
    }

    String methodName(int function) {
        return methodNames[function];
    }

    String owner(int function) {
        return owners[function];
    }

    String signature(int function) {
        return info.functionSignatures.get(function);
    }

    String functionDescriptor(int function) {
        return JvmTypes.methodDescriptor(signature(function), selfDesc);
    }

    static String globalField(int index) {
        return "g" + index;
    }

    String globalDescriptor(int index) {
        ModuleInfo.GlobalInfo g = info.globals.get(index);
        return g.boxed() ? "L" + boxClass(g.type()) + ";" : JvmTypes.descriptor(g.type());
    }

    static String boxClass(char type) {
        switch (type) {
            case 'i': return "dev/wasm2jar/rt/Global$I32";
            case 'l': return "dev/wasm2jar/rt/Global$I64";
            case 'f': return "dev/wasm2jar/rt/Global$F32";
            case 'd': return "dev/wasm2jar/rt/Global$F64";
            default: return "dev/wasm2jar/rt/Global$Ref";
        }
    }

    /** The field type inside a global box ({@code value}). */
    static String boxValueDescriptor(char type) {
        return type == 'F' || type == 'E' ? "Ljava/lang/Object;" : JvmTypes.descriptor(type);
    }

    static String tableField(int index) {
        return "t" + index;
    }

    static String importField(int function) {
        return "imp" + function;
    }

    static String callIndirectName(String signature, int table) {
        return "callIndirect_" + JvmTypes.mangle(signature) + "_" + table;
    }

    String callIndirectDescriptor(String signature) {
        return JvmTypes.methodDescriptor(signature, "I" + selfDesc);
    }
}
