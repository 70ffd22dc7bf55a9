package dev.wasm2jar.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code x <u c} with a constant {@code c} compiles to a signed comparison of sign-flipped operands instead of
 * a call to {@code Integer.compareUnsigned}. Every unsigned i32 comparison against constants at the edges of
 * the signed and unsigned ranges, as a value and as a {@code br_if} condition, must agree with Java's
 * {@code Integer.compareUnsigned}.
 */
class UnsignedCompareTest {
    private static final int[] EDGES = {0, 1, 2, 0x7FFF_FFFE, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF, 1000};
    /** i32.lt_u, gt_u, le_u, ge_u. */
    private static final int[] OPS = {0x49, 0x4B, 0x4D, 0x4F};

    @Test
    void constantRightOperandsCompareUnsigned() throws Exception {
        WasmModuleInstance m = new ModuleLoader(WasmCompiler.compile(module(), new CompilerOptions().className("Cmp")))
                .instantiate(new Imports.Builder());
        int checked = 0;
        for (int o = 0; o < OPS.length; o++) {
            for (int c = 0; c < EDGES.length; c++) {
                for (int x : EDGES) {
                    int cmp = Integer.compareUnsigned(x, EDGES[c]);
                    boolean expected = o == 0 ? cmp < 0 : o == 1 ? cmp > 0 : o == 2 ? cmp <= 0 : cmp >= 0;
                    String what = "op 0x" + Integer.toHexString(OPS[o]) + " x=" + Integer.toUnsignedString(x) + " c="
                            + Integer.toUnsignedString(EDGES[c]);
                    assertEquals(expected ? 1 : 0, m.exportedFunction("v" + o + "_" + c).call(x)[0], "value " + what);
                    assertEquals(expected ? 1 : 0, m.exportedFunction("b" + o + "_" + c).call(x)[0], "br_if " + what);
                    checked++;
                }
            }
        }
        assertEquals(OPS.length * EDGES.length * EDGES.length, checked);
    }

    /** One (i32) -> i32 function per operator, constant and form: "v" returns the comparison, "b" branches on it. */
    private static byte[] module() {
        int n = OPS.length * EDGES.length;
        ByteArrayOutputStream types = section(new byte[] {1, 0x60, 1, 0x7F, 1, 0x7F});
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        uleb(funcs, 2 * n);
        for (int i = 0; i < 2 * n; i++) {
            funcs.write(0);
        }
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        uleb(exports, 2 * n);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        uleb(code, 2 * n);
        int index = 0;
        for (int o = 0; o < OPS.length; o++) {
            for (int c = 0; c < EDGES.length; c++) {
                for (String form : new String[] {"v", "b"}) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.write(0); // no locals
                    if (form.equals("b")) {
                        body.writeBytes(new byte[] {0x02, 0x7F, 0x41, 0x01}); // block (result i32) i32.const 1
                    }
                    body.writeBytes(new byte[] {0x20, 0x00, 0x41}); // local.get 0, i32.const
                    sleb(body, EDGES[c]);
                    body.write(OPS[o]);
                    if (form.equals("b")) {
                        body.writeBytes(new byte[] {0x0D, 0x00, 0x1A, 0x41, 0x00, 0x0B}); // br_if 0, drop, i32.const 0, end
                    }
                    body.write(0x0B);
                    uleb(code, body.size());
                    code.writeBytes(body.toByteArray());
                    byte[] name = (form + o + "_" + c).getBytes(StandardCharsets.UTF_8);
                    uleb(exports, name.length);
                    exports.writeBytes(name);
                    exports.write(0);
                    uleb(exports, index++);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        writeSection(out, 1, types);
        writeSection(out, 3, funcs);
        writeSection(out, 7, exports);
        writeSection(out, 10, code);
        return out.toByteArray();
    }

    private static ByteArrayOutputStream section(byte[] content) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(content);
        return s;
    }

    private static void writeSection(ByteArrayOutputStream out, int id, ByteArrayOutputStream content) {
        out.write(id);
        uleb(out, content.size());
        out.writeBytes(content.toByteArray());
    }

    private static void uleb(ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    private static void sleb(ByteArrayOutputStream out, int v) {
        while (true) {
            int b = v & 0x7F;
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                out.write(b);
                return;
            }
            out.write(b | 0x80);
        }
    }
}
