package dev.wasm2jar.tests.spec;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.WasmModuleInstance;

/**
 * How the harness turns a .wasm into instances. The real one is {@link #COMPILER}; the harness's own unit
 * tests substitute hand-written modules so its logic is checked independently of the compiler.
 */
interface ModuleFactory {

    /** A compiled module that can be instantiated (possibly several times). */
    interface Instantiator {
        /** Links and instantiates: {@code LinkException} for link errors, {@code Trap} for traps. */
        WasmModuleInstance instantiate(Imports imports);
    }

    /** Decodes, validates and compiles; {@link CompileException} when the module is rejected. */
    Instantiator compile(byte[] wasm, String className) throws CompileException;

    /** wasm2jar itself: {@link WasmCompiler} plus an in-memory {@link ModuleLoader} per module. */
    ModuleFactory COMPILER = (wasm, className) -> {
        int methodLimit = Integer.getInteger("wasm2jar.methodLimit", 6500);
        CompiledModule compiled = WasmCompiler.compile(wasm, new CompilerOptions().className(className).methodLimit(methodLimit));
        // With the default split settings, no method of any module the suite compiles reaches HotSpot's
        // 8,000-byte limit. (The forced-split run uses absurdly small budgets to test correctness only.)
        if (methodLimit >= 6500 && compiled.stats().largestMethodBytes() >= 8000) {
            throw new IllegalStateException("method " + compiled.stats().largestMethodName() + " has "
                    + compiled.stats().largestMethodBytes() + " bytes of bytecode, at or above HotSpot's 8,000-byte JIT limit");
        }
        return imports -> new ModuleLoader(compiled).instantiate(imports);
    };
}
