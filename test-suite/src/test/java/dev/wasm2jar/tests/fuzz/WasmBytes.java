package dev.wasm2jar.tests.fuzz;

import java.io.ByteArrayOutputStream;

/** A minimal Wasm binary writer for crafting hostile modules in tests: sections, LEB128s, bytes. */
final class WasmBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static WasmBytes module() {
        WasmBytes w = new WasmBytes();
        w.bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        return w;
    }

    static WasmBytes body() {
        return new WasmBytes();
    }

    WasmBytes bytes(int... bs) {
        for (int b : bs) {
            out.write(b);
        }
        return this;
    }

    WasmBytes raw(byte[] bs) {
        out.write(bs, 0, bs.length);
        return this;
    }

    WasmBytes u32(long v) {
        Mutator.writeLeb(out, v);
        return this;
    }

    WasmBytes s32(int v) {
        boolean more = true;
        while (more) {
            int b = v & 0x7f;
            v >>= 7;
            more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
            out.write(more ? b | 0x80 : b);
        }
        return this;
    }

    WasmBytes name(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        u32(b.length);
        return raw(b);
    }

    /** A section with the given payload. */
    WasmBytes section(int id, WasmBytes payload) {
        byte[] p = payload.toByteArray();
        out.write(id);
        u32(p.length);
        return raw(p);
    }

    /** A one-entry vector (count 1) followed by the entry. */
    static WasmBytes one(WasmBytes entry) {
        return body().u32(1).raw(entry.toByteArray());
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Type section with one type, function section with one function of it, code section with its body. */
    static byte[] singleFunction(WasmBytes type, WasmBytes locals, WasmBytes code, boolean export) {
        WasmBytes m = module()
                .section(1, one(type))
                .section(3, body().u32(1).u32(0));
        if (export) {
            m.section(7, one(body().name("f").bytes(0).u32(0)));
        }
        WasmBytes fn = body().raw(locals.toByteArray()).raw(code.toByteArray());
        byte[] f = fn.toByteArray();
        return m.section(10, body().u32(1).u32(f.length).raw(f)).toByteArray();
    }
}
