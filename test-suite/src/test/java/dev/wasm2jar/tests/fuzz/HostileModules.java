package dev.wasm2jar.tests.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hand-crafted modules at the edges a mutation fuzzer rarely reaches: deep nesting, huge vectors, JVM
 * limits (parameters, locals, method size), huge memories and tables. Each is valid or malformed Wasm
 * that must be compiled correctly or rejected with a {@link dev.wasm2jar.compiler.CompileException}.
 */
final class HostileModules {
    private HostileModules() {}

    static final int VOID_TYPE_NO_PARAMS = 0;

    static WasmBytes voidType() {
        return WasmBytes.body().bytes(0x60, 0, 0);
    }

    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("nested-blocks-100000", nested(100_000, 0x02));
        m.put("nested-loops-20000", nested(20_000, 0x03));
        m.put("nested-ifs-20000", nestedIfs(20_000));
        m.put("br_table-1000000-targets", brTable(1_000_000));
        m.put("locals-50000-i64", locals(50_000, 0x7e));
        m.put("locals-4294967295", WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(1).u32(0xFFFFFFFFL).bytes(0x7f), WasmBytes.body().bytes(0x0b), true));
        m.put("params-1000", manyParams(1000));
        m.put("results-1000", manyResults(1000));
        m.put("function-of-400000-instructions", longFunction(200_000));
        m.put("functions-30000", manyFunctions(30_000));
        m.put("memory-65536-pages", memory(65536, -1));
        m.put("memory-32767-pages", memory(32767, -1));
        m.put("memory-0-pages-max-65536", memory(0, 65536));
        m.put("table-10000000-elements", table(10_000_000));
        m.put("table-4294967295-elements", table(0xFFFFFFFFL));
        m.put("data-segment-count-huge", WasmBytes.module().section(11, WasmBytes.body().u32(0xFFFFFFFFL)).toByteArray());
        m.put("type-count-huge", WasmBytes.module().section(1, WasmBytes.body().u32(0xFFFFFFFFL).bytes(0x60, 0, 0)).toByteArray());
        m.put("custom-section-size-huge", WasmBytes.module().bytes(0).u32(0xFFFFFFF0L).name("x").toByteArray());
        m.put("operand-stack-100000-deep", deepStack(100_000));
        m.put("locals-6000-branches-6000", localsAndBranches(6000, 6000));
        return m;
    }

    /** Modules whose compilation must fit a small heap: run in a child JVM with {@code -Xmx512m}. */
    static Map<String, byte[]> memoryHungry() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("locals-20000-branches-20000", localsAndBranches(20_000, 20_000));
        // 2 GiB of initial memory in a 512 MiB heap: instantiation must trap, not throw OutOfMemoryError
        m.put("memory-32767-pages-small-heap", memory(32767, -1));
        return m;
    }

    static byte[] nested(int depth, int opcode) {
        WasmBytes code = WasmBytes.body();
        for (int i = 0; i < depth; i++) {
            code.bytes(opcode, 0x40);
        }
        for (int i = 0; i < depth; i++) {
            code.bytes(0x0b);
        }
        code.bytes(0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(0), code, true);
    }

    static byte[] nestedIfs(int depth) {
        WasmBytes code = WasmBytes.body();
        for (int i = 0; i < depth; i++) {
            code.bytes(0x41, 0x01, 0x04, 0x40);
        }
        for (int i = 0; i < depth; i++) {
            code.bytes(0x0b);
        }
        code.bytes(0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(0), code, true);
    }

    static byte[] brTable(int targets) {
        WasmBytes code = WasmBytes.body().bytes(0x02, 0x40, 0x41, 0x00, 0x0e).u32(targets);
        for (int i = 0; i < targets; i++) {
            code.u32(0);
        }
        code.u32(0).bytes(0x0b, 0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(0), code, true);
    }

    static byte[] locals(int n, int type) {
        WasmBytes code = WasmBytes.body();
        // touch the last local so it cannot be ignored
        code.bytes(0x20).u32(n - 1).bytes(0x1a, 0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(1).u32(n).bytes(type), code, true);
    }

    static byte[] manyParams(int n) {
        WasmBytes type = WasmBytes.body().bytes(0x60).u32(n);
        for (int i = 0; i < n; i++) {
            type.bytes(0x7e);
        }
        type.u32(1).bytes(0x7e);
        WasmBytes code = WasmBytes.body().bytes(0x20).u32(n - 1).bytes(0x0b);
        return WasmBytes.singleFunction(type, WasmBytes.body().u32(0), code, true);
    }

    static byte[] manyResults(int n) {
        WasmBytes type = WasmBytes.body().bytes(0x60, 0x00).u32(n);
        WasmBytes code = WasmBytes.body();
        for (int i = 0; i < n; i++) {
            type.bytes(0x7f);
            code.bytes(0x41).s32(i);
        }
        code.bytes(0x0b);
        return WasmBytes.singleFunction(type, WasmBytes.body().u32(0), code, true);
    }

    static byte[] longFunction(int pairs) {
        // (i32.const k; drop) repeated: one straight-line block the splitter must cut up
        WasmBytes code = WasmBytes.body();
        for (int i = 0; i < pairs; i++) {
            code.bytes(0x41).s32(i).bytes(0x1a);
        }
        code.bytes(0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(0), code, true);
    }

    static byte[] manyFunctions(int n) {
        WasmBytes funcs = WasmBytes.body().u32(n);
        WasmBytes code = WasmBytes.body().u32(n);
        for (int i = 0; i < n; i++) {
            funcs.u32(0);
            code.u32(2).bytes(0x00, 0x0b);
        }
        return WasmBytes.module().section(1, WasmBytes.one(voidType())).section(3, funcs)
                .section(7, WasmBytes.one(WasmBytes.body().name("f").bytes(0).u32(n - 1)))
                .section(10, code).toByteArray();
    }

    static byte[] memory(long min, long max) {
        WasmBytes limits = max < 0 ? WasmBytes.body().bytes(0).u32(min) : WasmBytes.body().bytes(1).u32(min).u32(max);
        return WasmBytes.module().section(5, WasmBytes.one(limits))
                .section(7, WasmBytes.one(WasmBytes.body().name("memory").bytes(2).u32(0))).toByteArray();
    }

    static byte[] table(long min) {
        return WasmBytes.module().section(4, WasmBytes.one(WasmBytes.body().bytes(0x70, 0).u32(min))).toByteArray();
    }

    /**
     * Many locals and many branch targets in one function: the JVM verifier's frames are per branch target
     * and hold every local, so the compiler's frame computation needs locals x targets memory.
     */
    static byte[] localsAndBranches(int locals, int branches) {
        WasmBytes code = WasmBytes.body();
        for (int i = 0; i < branches; i++) {
            // block; local.get i; br_if 0; end
            code.bytes(0x02, 0x40, 0x20).u32(i % locals).bytes(0x0d, 0x00, 0x0b);
        }
        code.bytes(0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(1).u32(locals).bytes(0x7f), code, true);
    }

    static byte[] deepStack(int n) {
        WasmBytes code = WasmBytes.body();
        for (int i = 0; i < n; i++) {
            code.bytes(0x41, 0x01);
        }
        for (int i = 0; i < n; i++) {
            code.bytes(0x1a);
        }
        code.bytes(0x0b);
        return WasmBytes.singleFunction(voidType(), WasmBytes.body().u32(0), code, true);
    }
}
