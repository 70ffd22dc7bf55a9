package dev.wasm2jar.tests.spec;

import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.Table;
import dev.wasm2jar.rt.WasmFunction;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The {@code spectest} host module of the spec reference interpreter ({@code interpreter/host/spectest.ml}):
 * immutable globals 666 / 666 / 666.6 / 666.6, a funcref table 10..20, a memory 1..2 pages and the
 * {@code print*} functions. A fresh one per script, since scripts mutate its memory and table.
 */
final class SpectestHost {
    static final String MODULE = "spectest";

    /** f32 666.6 and f64 666.6 as the reference interpreter defines them (wabt's 666.0 is a wabt quirk). */
    static final int GLOBAL_F32_BITS = 0x4426A666;
    static final long GLOBAL_F64_BITS = 0x4084D4CCCCCCCCCDL;

    private SpectestHost() {}

    /** Where print* writes: nowhere (output is never checked) unless -Dspec.print=true asks for stdout. */
    private static final PrintStream OUT = Boolean.getBoolean("spec.print")
            ? System.out : new PrintStream(PrintStream.nullOutputStream());

    /** Adds the spectest exports to {@code imports} as module "spectest". */
    static Imports.Builder addTo(Imports.Builder imports) {
        imports.add(MODULE, "global_i32", Global.of('i', false, 666));
        imports.add(MODULE, "global_i64", Global.of('l', false, 666L));
        imports.add(MODULE, "global_f32", Global.of('f', false, Float.intBitsToFloat(GLOBAL_F32_BITS)));
        imports.add(MODULE, "global_f64", Global.of('d', false, Double.longBitsToDouble(GLOBAL_F64_BITS)));
        imports.add(MODULE, "table", new Table(true, 10, 20));
        imports.add(MODULE, "memory", new Memory(1, 2));
        imports.add(MODULE, "print", host(">", "print"));
        imports.add(MODULE, "print_i32", host("i>", "printI32"));
        imports.add(MODULE, "print_i64", host("l>", "printI64"));
        imports.add(MODULE, "print_f32", host("f>", "printF32"));
        imports.add(MODULE, "print_f64", host("d>", "printF64"));
        imports.add(MODULE, "print_i32_f32", host("if>", "printI32F32"));
        imports.add(MODULE, "print_f64_f64", host("dd>", "printF64F64"));
        return imports;
    }

    private static WasmFunction host(String signature, String method) {
        MethodType type = dev.wasm2jar.rt.ValueTypes.methodType(signature);
        try {
            MethodHandle mh = MethodHandles.lookup().findStatic(SpectestHost.class, method, type);
            return WasmFunction.host(signature, mh);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // The reference interpreter prints each argument as "value : type".
    static void print() {}
    static void printI32(int v) { OUT.println(v + " : i32"); }
    static void printI64(long v) { OUT.println(v + " : i64"); }
    static void printF32(float v) { OUT.println(v + " : f32"); }
    static void printF64(double v) { OUT.println(v + " : f64"); }
    static void printI32F32(int a, float b) { printI32(a); printF32(b); }
    static void printF64F64(double a, double b) { printF64(a); printF64(b); }
}
