package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompileException.Kind;

/**
 * Stage 1 (parse) and 2 (validate): Chicory's decoder and validator, with their failures turned into
 * one-line {@link CompileException}s.
 */
public final class WasmParser {
    private WasmParser() {}

    public static WasmModule parse(byte[] wasm) throws CompileException {
        try {
            WasmModule module = Parser.parse(wasm);
            ModuleChecks.check(module, wasm);
            return module;
        } catch (MalformedException e) {
            throw new CompileException(Kind.MALFORMED, "malformed module: " + oneLine(e), e);
        } catch (InvalidException e) {
            throw new CompileException(Kind.INVALID, "invalid module: " + oneLine(e) + FailureLocator.locate(wasm), e);
        } catch (ChicoryException e) {
            throw new CompileException(Kind.MALFORMED, "malformed module: " + oneLine(e), e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The decoder throws plain runtime exceptions on some truncated or absurd inputs.
            throw new CompileException(Kind.MALFORMED, "malformed module: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + oneLine(e) : ""), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
