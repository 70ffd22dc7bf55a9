package dev.wasm2jar.tests.fuzz;

import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The {@code fuzzing-support} imports of binaryen's translate-to-fuzz modules: {@code log-i32},
 * {@code log-i64}, {@code log-f32} and {@code log-f64}, each appending a {@code log} line to the transcript
 * (the V8 side does the same in run-v8.mjs). Binaryen 108's modules import nothing else.
 */
final class FuzzingSupport {
    private final Transcript transcript;

    FuzzingSupport(Transcript transcript) {
        this.transcript = transcript;
    }

    public void logI32(int v) { transcript.add("log " + Transcript.value('i', v)); }
    public void logI64(long v) { transcript.add("log " + Transcript.value('l', v)); }
    public void logF32(float v) { transcript.add("log " + Transcript.value('f', v)); }
    public void logF64(double v) { transcript.add("log " + Transcript.value('d', v)); }

    Imports imports() {
        return new Imports.Builder()
                .add("fuzzing-support", "log-i32", host("logI32", "i>", int.class))
                .add("fuzzing-support", "log-i64", host("logI64", "l>", long.class))
                .add("fuzzing-support", "log-f32", host("logF32", "f>", float.class))
                .add("fuzzing-support", "log-f64", host("logF64", "d>", double.class));
    }

    private WasmFunction host(String method, String signature, Class<?> param) {
        try {
            return WasmFunction.host(signature, MethodHandles.lookup()
                    .findVirtual(FuzzingSupport.class, method, MethodType.methodType(void.class, param)).bindTo(this));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
