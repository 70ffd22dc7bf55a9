package dev.wasm2jar.tests.fuzz;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TableLimits;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.Table;
import dev.wasm2jar.rt.ValueTypes;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Imports that satisfy any module, so a mutated module gets as far as running: every imported function
 * returns zeros, memories, tables and globals are fresh ones of the imported type, and WASI gets a
 * context with no preopened directory, empty stdin and discarded output. Building one never throws: an
 * import it cannot make (a memory beyond the JVM limit) is left out and the link error is the outcome.
 */
final class StubImports {
    private StubImports() {}

    static Imports forModule(byte[] wasm) {
        Imports.Builder b = new Imports.Builder();
        b.wasi(WasiContext.builder().args(List.of("fuzz")).stdin(new ByteArrayInputStream(new byte[0]))
                .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build());
        // only the import section is needed: no validation (wasm2jar has validated the module already)
        WasmModule module = Parser.builder().withValidation(false).build().parse(() -> new java.io.ByteArrayInputStream(wasm));
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            try {
                Object value = stub(module, imp);
                if (value != null) {
                    b.add(imp.module(), imp.name(), value);
                }
            } catch (RuntimeException e) {
                // leave it out: instantiation reports the unknown import
            }
        }
        return b;
    }

    private static Object stub(WasmModule module, Import imp) {
        switch (imp.importType()) {
            case FUNCTION: {
                String sig = ModuleInfo.signature(module.typeSection().getType(((FunctionImport) imp).typeIndex()));
                return WasmFunction.host(sig, zeros(sig));
            }
            case MEMORY: {
                var l = ((MemoryImport) imp).limits();
                long max = l.maximumPages() >= com.dylibso.chicory.wasm.types.MemoryLimits.MAX_PAGES ? -1 : l.maximumPages();
                return new Memory(l.initialPages(), max);
            }
            case TABLE: {
                TableImport t = (TableImport) imp;
                long max = t.limits().max() >= TableLimits.LIMIT_MAX ? -1 : t.limits().max();
                return new Table(ModuleInfo.isFuncref(t.entryType()), (int) t.limits().min(), max);
            }
            case GLOBAL: {
                GlobalImport g = (GlobalImport) imp;
                char type = ModuleInfo.typeChar(g.type());
                return Global.of(type, g.mutabilityType() == MutabilityType.Var, zero(type));
            }
            default:
                return null;
        }
    }

    /** A handle of the signature's method type that ignores its arguments and returns zeros. */
    static MethodHandle zeros(String signature) {
        MethodType mt = ValueTypes.methodType(signature);
        String results = ValueTypes.results(signature);
        if (results.length() <= 1) {
            return MethodHandles.empty(mt);
        }
        Object[] values = new Object[results.length()];
        for (int k = 0; k < values.length; k++) {
            values[k] = zero(results.charAt(k));
        }
        // a fresh array per call: the caller may keep it
        MethodHandle clone;
        try {
            clone = MethodHandles.lookup().findVirtual(Object[].class, "clone", MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        MethodHandle make = MethodHandles.filterReturnValue(MethodHandles.constant(Object[].class, values),
                clone.asType(MethodType.methodType(Object[].class, Object[].class)));
        return MethodHandles.dropArguments(make, 0, mt.parameterList());
    }

    static Object zero(char type) {
        switch (type) {
            case 'i': return 0;
            case 'l': return 0L;
            case 'f': return 0f;
            case 'd': return 0d;
            default: return null;
        }
    }
}
