package dev.wasm2jar.rt;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adapts a host object implementing a module's generated imports interface ({@code <Module>Imports}) to
 * the {@link Imports} the module's constructor links against. Called by the generated
 * {@code create(...)} factories; embedders do not need it directly.
 *
 * <p>The generated factory passes a description of the module's imports, one per line:
 * {@code kind TAB module TAB name TAB javaMethod TAB signature} (backslash, tab and newline inside a field
 * written as {@code \\}, {@code \t}, {@code \n}, since Wasm names may contain them), where kind is {@code F} (function: the
 * interface method takes the Wasm parameters and returns the result, see {@link ValueTypes}), {@code M},
 * {@code T} or {@code G} (memory, table, global: a no-argument interface method returns the object to
 * import). Function methods are bound to the host once, here; nothing is looked up per call.
 */
public final class TypedImports implements Imports {
    private final Map<String, Object> byKey = new HashMap<>();
    private final Object wasi;

    private TypedImports(Object wasi) {
        this.wasi = wasi;
    }

    /**
     * @param iface the generated imports interface, or null when the module imports nothing but WASI
     * @param host  the embedder's implementation of {@code iface}
     * @param table the import description (see the class comment), possibly split into chunks
     * @param wasi  the WASI context for modules importing {@code wasi_snapshot_preview1}, else null
     */
    public static Imports adapt(Class<?> iface, Object host, String[] table, Object wasi) {
        TypedImports imports = new TypedImports(wasi);
        if (iface == null) {
            return imports;
        }
        Objects.requireNonNull(host, () -> "the host implementation of " + iface.getName() + " is null");
        String all = String.join("", table);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (String line : all.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = unescape(f[i]);
            }
            String kind = f[0];
            String module = f[1];
            String name = f[2];
            String method = f[3];
            String signature = f[4];
            Object value;
            try {
                if (kind.equals("F")) {
                    MethodType type = ValueTypes.methodType(signature);
                    MethodHandle mh = lookup.findVirtual(iface, method, type).bindTo(host);
                    value = WasmFunction.host(signature, mh);
                } else {
                    Class<?> provided = kind.equals("M") ? Memory.class : kind.equals("T") ? Table.class : Global.class;
                    value = lookup.findVirtual(iface, method, MethodType.methodType(provided)).invoke(host);
                }
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException(iface.getName() + " does not match its module: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (value != null) {
                imports.byKey.put(key(module, name), value);
            }
        }
        return imports;
    }

    /** Undoes the generator's escaping of backslash, tab and newline. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String key(String module, String name) {
        return module + '\u0000' + name;
    }

    @Override
    public Object resolve(String module, String name) {
        return byKey.get(key(module, name));
    }

    @Override
    public Object wasi() {
        return wasi;
    }
}
