package dev.wasm2jar.rt;

import java.lang.invoke.MethodType;

/**
 * The one-letter encoding of Wasm value types used in signatures shared by compiler and runtime:
 * {@code i} i32, {@code l} i64, {@code f} f32, {@code d} f64, {@code F} funcref, {@code E} externref,
 * {@code V} v128. A function type is {@code params + ">" + results}, e.g. {@code "ii>l"}; such strings are
 * interned so equal signatures (even across modules) compare with {@code ==}.
 */
public final class ValueTypes {
    private ValueTypes() {}

    public static Class<?> javaType(char t) {
        switch (t) {
            case 'i': return int.class;
            case 'l': return long.class;
            case 'f': return float.class;
            case 'd': return double.class;
            case 'F': return WasmFunction.class;
            case 'E': return Object.class;
            default: throw new IllegalArgumentException("unsupported value type '" + t + "'");
        }
    }

    public static String params(String signature) {
        return signature.substring(0, signature.indexOf('>'));
    }

    public static String results(String signature) {
        return signature.substring(signature.indexOf('>') + 1);
    }

    /** The JVM return type: void, the single result's type, or {@code Object[]} for multi-value results. */
    public static Class<?> returnType(String signature) {
        String r = results(signature);
        if (r.isEmpty()) {
            return void.class;
        }
        return r.length() == 1 ? javaType(r.charAt(0)) : Object[].class;
    }

    /** The method type of a function with this signature, without the trailing instance parameter. */
    public static MethodType methodType(String signature) {
        String p = params(signature);
        Class<?>[] params = new Class<?>[p.length()];
        for (int i = 0; i < params.length; i++) {
            params[i] = javaType(p.charAt(i));
        }
        return MethodType.methodType(returnType(signature), params);
    }

    public static String describe(String signature) {
        StringBuilder sb = new StringBuilder("(func (param");
        for (char c : params(signature).toCharArray()) sb.append(' ').append(name(c));
        sb.append(") (result");
        for (char c : results(signature).toCharArray()) sb.append(' ').append(name(c));
        return sb.append("))").toString();
    }

    public static String name(char t) {
        switch (t) {
            case 'i': return "i32";
            case 'l': return "i64";
            case 'f': return "f32";
            case 'd': return "f64";
            case 'F': return "funcref";
            case 'E': return "externref";
            case 'V': return "v128";
            default: return "?";
        }
    }
}
