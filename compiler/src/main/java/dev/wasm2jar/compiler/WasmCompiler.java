package dev.wasm2jar.compiler;

import com.dylibso.chicory.wasm.WasmModule;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.compiler.emit.ModuleClassEmitter;
import dev.wasm2jar.compiler.parse.WasmParser;
import dev.wasm2jar.rt.Launcher;

/** The compiler's entry point: parse, validate, analyse, emit. */
public final class WasmCompiler {
    private WasmCompiler() {}

    /**
     * Stack of the thread a compilation runs on: the analysis recurses over nested blocks, and valid modules
     * nest tens of thousands deep. Reserved, not committed, so it costs address space only.
     */
    private static final long COMPILER_STACK_BYTES = 512L << 20;

    public static CompiledModule compile(byte[] wasm, CompilerOptions options) throws CompileException {
        CompiledModule[] result = new CompiledModule[1];
        Throwable failure = Launcher.runOnGuestThread(COMPILER_STACK_BYTES, -1, () -> result[0] = compileHere(wasm, options));
        if (failure == null) {
            return result[0];
        }
        if (failure instanceof CompileException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }

    private static CompiledModule compileHere(byte[] wasm, CompilerOptions options) throws CompileException {
        WasmModule module = WasmParser.parse(wasm);
        ModuleInfo info = new ModuleInfo(module);
        try {
            return new ModuleClassEmitter(info, options.internalClassName(), options.methodLimit()).emit();
        } catch (StackOverflowError e) {
            // analysis and emission recurse over nested blocks; absurd nesting exhausts the thread's stack
            throw new CompileException(CompileException.Kind.UNSUPPORTED,
                    "the module nests blocks too deeply for this thread's stack (compile it on a thread with a larger stack, e.g. java -Xss512m)");
        } catch (OutOfMemoryError e) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "not enough Java heap to compile this module (raise -Xmx)");
        }
    }
}
