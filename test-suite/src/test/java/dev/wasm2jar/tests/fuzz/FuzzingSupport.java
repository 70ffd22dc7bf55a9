package dev.wasm2jar.tests.fuzz;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Table;
import dev.wasm2jar.rt.ValueTypes;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fuzzing-support} imports of binaryen's translate-to-fuzz modules, with the same meaning as in
 * run-v8.mjs: {@code log-i32/i64/f32/f64} append a {@code log} line to the transcript; newer binaryen
 * (npm, used with reference types) also imports {@code call-export} / {@code call-export-catch} (call the
 * N-th exported function with zero arguments; the catch form returns 1 if it threw, else 0),
 * {@code call-ref} / {@code call-ref-catch} (the same for a function reference), {@code table-get} /
 * {@code table-set} (on the export "table"), {@code sleep} (returns its second argument) and externref
 * globals from {@code __fuzz_import} (a fresh host object each). A request for something that does not
 * exist throws {@link HostError}, which both sides print as the trap category {@code host}.
 */
final class FuzzingSupport {
    /** A fuzzing-support import asked for an export, table slot or reference that does not exist. */
    static final class HostError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A budget ran out: past {@link #LOG_LIMIT} log lines or {@link #CALL_LIMIT} calls through call-export
     * and call-ref every import throws this, and the -catch imports let it through (binaryen's modules
     * reset their loop budget when it runs out, so catching loops could otherwise multiply without end).
     */
    static final class LimitError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitError(String message) {
            super(message, null, false, false);
        }
    }

    static final int CALL_LIMIT = 10_000;
    /**
     * Nesting limit of call-export/call-ref: deeper host recursion would reach the engines' stack limits,
     * which differ (V8 about 1 MB, this harness 16 MB) and which the -catch imports would make observable.
     */
    static final int DEPTH_LIMIT = 20;

    private final Transcript transcript;
    private volatile WasmModuleInstance instance;
    private int calls;
    private int depth;

    FuzzingSupport(Transcript transcript) {
        this.transcript = transcript;
    }

    /** The instance whose exports call-export and table-get/set use; null until it exists. */
    void attach(WasmModuleInstance instance) {
        this.instance = instance;
    }

    /** Past this many transcript lines the log imports throw (a module may log without end); as run-v8.mjs. */
    static final int LOG_LIMIT = 100_000;

    public void logI32(int v) { log(Transcript.value('i', v)); }
    public void logI64(long v) { log(Transcript.value('l', v)); }
    public void logF32(float v) { log(Transcript.value('f', v)); }
    public void logF64(double v) { log(Transcript.value('d', v)); }

    private void log(String value) {
        if (transcript.size() >= LOG_LIMIT) {
            throw new LimitError("output limit");
        }
        transcript.add("log " + value);
    }

    public void callExport(int index, int flags) { callWithZeros(exportAt(index)); }
    public int callExportCatch(int index) { return catching(() -> callWithZeros(exportAt(index))); }
    public void callRef(WasmFunction f, int flags) { callWithZeros(nonNull(f)); }
    public int callRefCatch(WasmFunction f) { return catching(() -> callWithZeros(nonNull(f))); }
    public int sleep(int ms, int id) { return id; }

    public WasmFunction tableGet(int index) {
        Table t = table();
        if (Integer.compareUnsigned(index, t.size()) >= 0) {
            throw new HostError("table index out of range");
        }
        return (WasmFunction) t.get(index);
    }

    public void tableSet(int index, WasmFunction f) {
        Table t = table();
        if (Integer.compareUnsigned(index, t.size()) >= 0) {
            throw new HostError("table index out of range");
        }
        t.set(index, f);
    }

    private WasmFunction exportAt(int index) {
        WasmModuleInstance i = instance;
        if (i == null) {
            throw new HostError("no instance yet");
        }
        List<WasmFunction> functions = new ArrayList<>();
        for (Object o : i.exports().values()) {
            if (o instanceof WasmFunction f) {
                functions.add(f);
            }
        }
        if (index < 0 || index >= functions.size()) {
            throw new HostError("no export " + index);
        }
        return functions.get(index);
    }

    private Table table() {
        WasmModuleInstance i = instance;
        if (i == null || !(i.export("table") instanceof Table t)) {
            throw new HostError("no table");
        }
        return t;
    }

    private static WasmFunction nonNull(WasmFunction f) {
        if (f == null) {
            throw new HostError("null function reference");
        }
        return f;
    }

    /** Calls with zero arguments; never hangLimitInitializer, whose budget reset could make a module run forever. */
    private void callWithZeros(WasmFunction f) {
        if (++calls > CALL_LIMIT) {
            throw new LimitError("call limit");
        }
        if (depth >= DEPTH_LIMIT) {
            throw new LimitError("depth limit");
        }
        WasmModuleInstance i = instance;
        if (i != null && f == i.export("hangLimitInitializer")) {
            return;
        }
        depth++;
        try {
            f.call(ArgumentSets.arguments(ValueTypes.params(f.type), "zero"));
        } finally {
            depth--;
        }
    }

    private int catching(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (ThreadDeath | LimitError passThrough) {
            throw passThrough;
        } catch (RuntimeException | StackOverflowError e) {
            return 1;
        }
    }

    /** The imports for {@code wasm}: the functions above and its {@code __fuzz_import} globals. */
    Imports imports(byte[] wasm) {
        Imports.Builder b = new Imports.Builder()
                .add("fuzzing-support", "log-i32", host("logI32", "i>", void.class, int.class))
                .add("fuzzing-support", "log-i64", host("logI64", "l>", void.class, long.class))
                .add("fuzzing-support", "log-f32", host("logF32", "f>", void.class, float.class))
                .add("fuzzing-support", "log-f64", host("logF64", "d>", void.class, double.class))
                .add("fuzzing-support", "call-export", host("callExport", "ii>", void.class, int.class, int.class))
                .add("fuzzing-support", "call-export-catch", host("callExportCatch", "i>i", int.class, int.class))
                .add("fuzzing-support", "call-ref", host("callRef", "Fi>", void.class, WasmFunction.class, int.class))
                .add("fuzzing-support", "call-ref-catch", host("callRefCatch", "F>i", int.class, WasmFunction.class))
                .add("fuzzing-support", "sleep", host("sleep", "ii>i", int.class, int.class, int.class))
                .add("fuzzing-support", "table-get", host("tableGet", "i>F", WasmFunction.class, int.class))
                .add("fuzzing-support", "table-set", host("tableSet", "iF>", void.class, int.class, WasmFunction.class));
        // only the import section is needed: no validation (wasm2jar has validated the module already)
        WasmModule module = Parser.builder().withValidation(false).build().parse(() -> new java.io.ByteArrayInputStream(wasm));
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (imp instanceof GlobalImport g && imp.module().equals("__fuzz_import")) {
                char type = ModuleInfo.typeChar(g.type());
                b.add(imp.module(), imp.name(), Global.of(type, g.mutabilityType() == MutabilityType.Var, fuzzGlobalValue(type)));
            }
        }
        return b;
    }

    private static Object fuzzGlobalValue(char type) {
        return type == 'E' ? new Object() : StubImports.zero(type);
    }

    private WasmFunction host(String method, String signature, Class<?> ret, Class<?>... params) {
        try {
            return WasmFunction.host(signature, MethodHandles.lookup()
                    .findVirtual(FuzzingSupport.class, method, MethodType.methodType(ret, params)).bindTo(this));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
