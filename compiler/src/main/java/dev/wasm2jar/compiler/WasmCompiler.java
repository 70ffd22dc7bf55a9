package dev.wasm2jar.compiler;

import com.dylibso.chicory.wasm.WasmModule;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.compiler.emit.ModuleClassEmitter;
import dev.wasm2jar.compiler.parse.WasmParser;

/** The compiler's entry point: parse, validate, analyse, emit. */
public final class WasmCompiler {
    private WasmCompiler() {}

    public static CompiledModule compile(byte[] wasm, CompilerOptions options) throws CompileException {
        WasmModule module = WasmParser.parse(wasm);
        ModuleInfo info = new ModuleInfo(module);
        return new ModuleClassEmitter(info, options.internalClassName(), options.methodLimit()).emit();
    }
}
