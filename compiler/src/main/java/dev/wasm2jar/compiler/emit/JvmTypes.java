package dev.wasm2jar.compiler.emit;

import dev.wasm2jar.rt.ValueTypes;
import org.objectweb.asm.Opcodes;

/** Mapping of one-letter Wasm value types to JVM descriptors, opcodes and slot sizes. */
final class JvmTypes implements Opcodes {
    private JvmTypes() {}

    static final String WASM_FUNCTION = "dev/wasm2jar/rt/WasmFunction";
    static final String OBJECT = "java/lang/Object";

    static String descriptor(char t) {
        switch (t) {
            case 'i': return "I";
            case 'l': return "J";
            case 'f': return "F";
            case 'd': return "D";
            case 'F': return "L" + WASM_FUNCTION + ";";
            case 'E': return "Ljava/lang/Object;";
            default: throw new IllegalArgumentException("unsupported value type " + ValueTypes.name(t));
        }
    }

    static int slots(char t) {
        return t == 'l' || t == 'd' ? 2 : 1;
    }

    static int loadOpcode(char t) {
        switch (t) {
            case 'i': return ILOAD;
            case 'l': return LLOAD;
            case 'f': return FLOAD;
            case 'd': return DLOAD;
            default: return ALOAD;
        }
    }

    static int storeOpcode(char t) {
        switch (t) {
            case 'i': return ISTORE;
            case 'l': return LSTORE;
            case 'f': return FSTORE;
            case 'd': return DSTORE;
            default: return ASTORE;
        }
    }

    static int returnOpcode(char t) {
        switch (t) {
            case 'i': return IRETURN;
            case 'l': return LRETURN;
            case 'f': return FRETURN;
            case 'd': return DRETURN;
            default: return ARETURN;
        }
    }

    /** The JVM return descriptor of a signature's results: V, the single type, or Object[]. */
    static String returnDescriptor(String signature) {
        String r = ValueTypes.results(signature);
        if (r.isEmpty()) {
            return "V";
        }
        return r.length() == 1 ? descriptor(r.charAt(0)) : "[Ljava/lang/Object;";
    }

    static String paramDescriptors(String types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < types.length(); i++) {
            sb.append(descriptor(types.charAt(i)));
        }
        return sb.toString();
    }

    /** Descriptor of a function's method: Wasm params, then any extra trailing parameters. */
    static String methodDescriptor(String signature, String extraParams) {
        return "(" + paramDescriptors(ValueTypes.params(signature)) + extraParams + ")" + returnDescriptor(signature);
    }

    /** A method-name-safe rendering of a signature, e.g. "ii>l" becomes "ii_l". */
    static String mangle(String signature) {
        return signature.replace('>', '_');
    }

    static void box(org.objectweb.asm.MethodVisitor mv, char t) {
        switch (t) {
            case 'i': mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false); break;
            case 'l': mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false); break;
            case 'f': mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false); break;
            case 'd': mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false); break;
            default: break;
        }
    }

    static void unbox(org.objectweb.asm.MethodVisitor mv, char t) {
        switch (t) {
            case 'i':
                mv.visitTypeInsn(CHECKCAST, "java/lang/Integer");
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
                break;
            case 'l':
                mv.visitTypeInsn(CHECKCAST, "java/lang/Long");
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
                break;
            case 'f':
                mv.visitTypeInsn(CHECKCAST, "java/lang/Float");
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Float", "floatValue", "()F", false);
                break;
            case 'd':
                mv.visitTypeInsn(CHECKCAST, "java/lang/Double");
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
                break;
            case 'F':
                mv.visitTypeInsn(CHECKCAST, WASM_FUNCTION);
                break;
            default:
                break;
        }
    }

    /** Characters per string constant in {@link #pushStringChunks}: a constant's UTF-8 form is capped at 65,535 bytes. */
    static final int STRING_CHUNK = 20_000;

    /** Pushes {@code text} as a String[] of constants of at most {@link #STRING_CHUNK} characters each. */
    static void pushStringChunks(org.objectweb.asm.MethodVisitor mv, String text) {
        int chunks = (text.length() + STRING_CHUNK - 1) / STRING_CHUNK;
        pushInt(mv, chunks);
        mv.visitTypeInsn(org.objectweb.asm.Opcodes.ANEWARRAY, "java/lang/String");
        for (int i = 0; i < chunks; i++) {
            mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
            pushInt(mv, i);
            mv.visitLdcInsn(text.substring(i * STRING_CHUNK, Math.min(text.length(), (i + 1) * STRING_CHUNK)));
            mv.visitInsn(org.objectweb.asm.Opcodes.AASTORE);
        }
    }

    static void pushInt(org.objectweb.asm.MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    static void pushLong(org.objectweb.asm.MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn((int) (LCONST_0 + v));
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Float constants by bit pattern: NaN payloads survive because we never let a NaN pass through ldc's float path. */
    static void pushFloatBits(org.objectweb.asm.MethodVisitor mv, int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else if (bits == 0) {
            mv.visitInsn(FCONST_0);
        } else if (f == 1.0f) {
            mv.visitInsn(FCONST_1);
        } else if (f == 2.0f) {
            mv.visitInsn(FCONST_2);
        } else {
            mv.visitLdcInsn(f);
        }
    }

    static void pushDoubleBits(org.objectweb.asm.MethodVisitor mv, long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (d == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(d);
        }
    }
}
