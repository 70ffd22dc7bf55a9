package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompileException.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stage 1 (parse) and 2 (validate): Chicory's decoder and validator, with their failures turned into
 * one-line {@link CompileException}s.
 */
public final class WasmParser {
    private WasmParser() {}

    public static WasmModule parse(byte[] wasm) throws CompileException {
        try {
            WasmModule module = Parser.parse(wasm);
            checkFunctionEnds(module);
            Names.check(wasm);
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

    /**
     * Every function body must close its own block with its last byte: Chicory accepts a body whose final
     * {@code end} closes an inner block instead (found by the mutation fuzzer: a LEB128 immediate that
     * swallowed the {@code end}), and such a body compiles to a method without a return.
     */
    private static void checkFunctionEnds(WasmModule module) {
        FunctionBody[] bodies = module.codeSection().functionBodies();
        for (int f = 0; f < bodies.length; f++) {
            List<AnnotatedInstruction> ins = bodies[f].instructions();
            int last = ins.size() - 1;
            if (last < 0 || ins.get(last).opcode() != OpCode.END || ins.get(last).depth() != 0) {
                throw new MalformedException("function body #" + f + " of the code section must end with \"end\" (END opcode expected)");
            }
            for (int i = 0; i < last; i++) {
                if (ins.get(i).opcode() == OpCode.END && ins.get(i).depth() == 0) {
                    throw new MalformedException("function body #" + f + " of the code section has operators after its final \"end\"");
                }
            }
        }
    }

    /**
     * Names (import module and field names, export names, custom section names) must be valid UTF-8
     * (spec: malformed UTF-8 encoding). Chicory decodes them leniently, so the raw bytes are scanned here,
     * after Chicory has accepted the section framing.
     */
    private static final class Names {
        private final byte[] b;
        private int p;

        private Names(byte[] b) {
            this.b = b;
        }

        static void check(byte[] wasm) {
            new Names(wasm).scan();
        }

        private void scan() {
            p = 8;
            while (p < b.length) {
                int id = b[p++] & 0xff;
                long size = u32();
                int end = (int) Math.min(b.length, p + size);
                switch (id) {
                    case 0: name("custom section name"); break;
                    case 2: imports(); break;
                    case 7: exports(); break;
                    default: break;
                }
                p = end;
            }
        }

        private void imports() {
            for (long n = u32(); n > 0; n--) {
                name("import module name");
                name("import field name");
                int kind = b[p++] & 0xff;
                switch (kind) {
                    case 0: u32(); break;
                    case 1: p++; limits(); break;
                    case 2: limits(); break;
                    case 3: p += 2; break;
                    default: return; // not Wasm 2.0; Chicory's own checks decide
                }
            }
        }

        private void exports() {
            for (long n = u32(); n > 0; n--) {
                name("export name");
                p++;
                u32();
            }
        }

        private void limits() {
            int flags = b[p++] & 0xff;
            u32();
            if ((flags & 1) != 0) {
                u32();
            }
        }

        private void name(String what) {
            int len = (int) u32();
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, p, len));
            } catch (CharacterCodingException e) {
                throw new MalformedException("malformed UTF-8 encoding in " + what + " at byte offset " + p);
            }
            p += len;
        }

        private long u32() {
            long r = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int c = b[p++] & 0xff;
                r |= (long) (c & 0x7f) << shift;
                if ((c & 0x80) == 0) {
                    break;
                }
            }
            return r;
        }
    }

    static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
