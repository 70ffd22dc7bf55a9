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
            WasmModule module;
            try {
                module = Parser.parse(wasm);
            } catch (InvalidException e) {
                // Chicory counts only declarative element segments as declaring a function's reference
                // to itself; the spec also counts exports and active/passive segments (found by the
                // differential fuzzer). Declare those functions once more and validate again.
                byte[] declared = "undeclared function reference".equals(e.getMessage()) ? FunctionDeclarations.declareAll(wasm) : null;
                if (declared == null) {
                    throw e;
                }
                module = Parser.parse(declared);
                wasm = declared;
            }
            checkFunctionEnds(module);
            checkTableSize(module);
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
     * {@code table.size} must name an existing table. Chicory checks every other table instruction but not
     * this one (found by the mutation fuzzer: generated code then read a table field that does not exist,
     * a {@code NoSuchFieldError} at run time).
     */
    private static void checkTableSize(WasmModule module) {
        int tables = module.tableSection().tableCount()
                + module.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.TABLE);
        FunctionBody[] bodies = module.codeSection().functionBodies();
        for (int f = 0; f < bodies.length; f++) {
            for (AnnotatedInstruction ins : bodies[f].instructions()) {
                if (ins.opcode() == OpCode.TABLE_SIZE && (ins.operand(0) < 0 || ins.operand(0) >= tables)) {
                    throw new InvalidException("unknown table " + ins.operand(0) + " in table.size (function body #" + f + " of the code section)");
                }
            }
        }
    }

    /**
     * Names (import module and field names, export names, custom section names) must be valid UTF-8
     * (spec: malformed UTF-8 encoding). Chicory decodes them leniently, so the raw bytes are scanned here,
     * after Chicory has accepted the section framing.
     */
    /** A read position in a module's bytes, for the scans Chicory does not do. */
    private abstract static class ByteCursor {
        final byte[] b;
        int p;

        ByteCursor(byte[] b) {
            this.b = b;
        }

        /** An unsigned LEB128 of at most 5 bytes. */
        final long u32() {
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

    private static final class Names extends ByteCursor {
        private Names(byte[] b) {
            super(b);
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

    }

    /**
     * Rewrites a module so that every function the spec counts as declared for {@code ref.func} (C.refs:
     * functions named by exports, element segments of any mode and global initialisers) is also listed in a
     * declarative element segment appended to the element section. Appending keeps every existing segment
     * index, and declarative segments have no run-time effect, so the module means the same.
     */
    static final class FunctionDeclarations extends ByteCursor {
        private final java.util.TreeSet<Long> refs = new java.util.TreeSet<>();

        private FunctionDeclarations(byte[] b) {
            super(b);
        }

        /** The rewritten module, or null when it declares nothing or cannot be scanned. */
        static byte[] declareAll(byte[] wasm) {
            try {
                return new FunctionDeclarations(wasm).rewrite();
            } catch (RuntimeException e) {
                return null;
            }
        }

        private byte[] rewrite() {
            int elemStart = -1;
            int elemEnd = -1;
            int insertAt = -1;
            p = 8;
            while (p < b.length) {
                int sectionStart = p;
                int id = b[p++] & 0xff;
                long size = u32();
                int end = (int) (p + size);
                switch (id) {
                    case 6: globals(); break;
                    case 7: exports(); break;
                    case 9: elemStart = sectionStart; elements(); elemEnd = end; break;
                    case 10: case 11: case 12: if (insertAt < 0) insertAt = sectionStart; break;
                    default: break;
                }
                p = end;
            }
            if (refs.isEmpty()) {
                return null;
            }
            java.io.ByteArrayOutputStream segment = new java.io.ByteArrayOutputStream();
            segment.write(3); // declarative, element kind funcref, function indices
            segment.write(0);
            leb(segment, refs.size());
            for (long f : refs) {
                leb(segment, f);
            }
            java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
            int from;
            int to;
            if (elemStart >= 0) {
                p = elemStart + 1;
                u32();
                int payloadStart = p;
                long count = u32();
                leb(payload, count + 1);
                payload.write(b, p, elemEnd - p);
                from = elemStart;
                to = elemEnd;
                if (payloadStart > elemEnd) {
                    return null;
                }
            } else {
                leb(payload, 1);
                from = insertAt >= 0 ? insertAt : b.length;
                to = from;
            }
            byte[] seg = segment.toByteArray();
            payload.write(seg, 0, seg.length);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(b, 0, from);
            out.write(9);
            leb(out, payload.size());
            byte[] pl = payload.toByteArray();
            out.write(pl, 0, pl.length);
            out.write(b, to, b.length - to);
            return out.toByteArray();
        }

        private void globals() {
            for (long n = u32(); n > 0; n--) {
                valType();
                p++; // mutability
                expr();
            }
        }

        private void exports() {
            for (long n = u32(); n > 0; n--) {
                int nameLength = (int) u32(); // not "p += u32()": p would be read before u32() moves it
                p += nameLength;
                int kind = b[p++] & 0xff;
                long index = u32();
                if (kind == 0) {
                    refs.add(index);
                }
            }
        }

        private void elements() {
            for (long n = u32(); n > 0; n--) {
                int flags = (int) u32();
                if ((flags & 3) == 2) {
                    u32(); // table index
                }
                if ((flags & 1) == 0) {
                    expr(); // offset
                }
                if ((flags & 3) != 0) {
                    if ((flags & 4) != 0) {
                        valType();
                    } else {
                        p++; // element kind
                    }
                }
                for (long k = u32(); k > 0; k--) {
                    if ((flags & 4) != 0) {
                        expr();
                    } else {
                        refs.add(u32());
                    }
                }
            }
        }

        /** A constant expression; collects ref.func targets. */
        private void expr() {
            while (true) {
                int op = b[p++] & 0xff;
                switch (op) {
                    case 0x0b: return;
                    case 0x41: case 0x42: s64(); break;
                    case 0x43: p += 4; break;
                    case 0x44: p += 8; break;
                    case 0x23: u32(); break;
                    case 0xd0: valTypeHeap(); break;
                    case 0xd2: refs.add(u32()); break;
                    default: break; // extended-const arithmetic has no immediates
                }
            }
        }

        private void valType() {
            int t = b[p++] & 0xff;
            if (t == 0x63 || t == 0x64) {
                s64();
            }
        }

        private void valTypeHeap() {
            s64();
        }


        private void s64() {
            while ((b[p++] & 0x80) != 0) {
                // skip
            }
        }

        private static void leb(java.io.ByteArrayOutputStream out, long v) {
            do {
                int x = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? x | 0x80 : x);
            } while (v != 0);
        }
    }

    static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
