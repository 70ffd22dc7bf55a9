package dev.wasm2jar.rt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Data segments travel as one resource next to the module class (not as bytecode constants, which would
 * bloat the constant pool and the class initialiser): the segments' bytes concatenated.
 */
public final class DataSegments {
    private DataSegments() {}

    public static byte[] load(Class<?> moduleClass, String resourceName) {
        try (InputStream in = moduleClass.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("data segment resource " + resourceName + " missing next to " + moduleClass.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] slice(byte[] blob, int offset, int length) {
        return Arrays.copyOfRange(blob, offset, offset + length);
    }

    /** Decodes an element segment of function indices ("3,17,-1,..."; -1 is null) into references. */
    public static Object[] functions(WasmModuleInstance instance, String encoded) {
        if (encoded.isEmpty()) {
            return new Object[0];
        }
        String[] parts = encoded.split(",");
        Object[] out = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int idx = Integer.parseInt(parts[i]);
            out[i] = idx < 0 ? null : instance.function(idx);
        }
        return out;
    }
}
