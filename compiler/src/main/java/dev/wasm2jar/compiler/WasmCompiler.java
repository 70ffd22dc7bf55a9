package dev.wasm2jar.compiler;

/** The compiler's entry point: parse, validate, analyse, emit. */
public final class WasmCompiler {
    private WasmCompiler() {}

    public static CompiledModule compile(byte[] wasm, CompilerOptions options) throws CompileException {
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "not implemented yet");
    }
}
