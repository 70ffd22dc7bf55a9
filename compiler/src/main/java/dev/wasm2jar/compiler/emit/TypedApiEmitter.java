package dev.wasm2jar.compiler.emit;

import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.rt.ValueTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The typed Java API of a module class, for embedders who compile Java code against it:
 *
 * <ul>
 *   <li>one public instance method per exported function, named after the export, with the Wasm types as
 *       Java types ({@code int add(int, int)}); several results come back as {@code Object[]} of boxed
 *       values (Integer, Long, Float, Double, WasmFunction or Object), as everywhere in wasm2jar. JVM
 *       exceptions that stand for traps are translated with {@code Trap.translate};</li>
 *   <li>an accessor per exported memory and table ({@code Memory memory()}, {@code Table table()}), plus
 *       {@code memory()} for the exported memory when no export claims that name;</li>
 *   <li>per exported global a typed getter {@code int counter()} and, when mutable, a setter
 *       {@code void counter(int)};</li>
 *   <li>when the module has imports other than WASI, a sibling interface {@code <Module>Imports} with one
 *       method per import: functions as typed methods, memories, tables and globals as no-argument methods
 *       returning the object to import;</li>
 *   <li>static factories {@code create(<Module>Imports host, WasiContext wasi)}, with only the parameters
 *       the module needs; WASI modules also get one without the context that uses a default
 *       {@code WasiContext} (no arguments, no environment, no preopened directories, the process's standard
 *       streams, stdout buffered), and {@code WasiContext wasiContext()} to flush or close the context.
 *       A module with an import whose type has no Java equivalent (v128) gets neither interface nor
 *       factories and is linked with the {@code (Imports)} constructor.</li>
 * </ul>
 *
 * <p>Java names: characters that cannot appear in an identifier become {@code _}, a leading digit gets a
 * {@code _} prefix, and a keyword, a name the class already has (such as {@code create} or
 * {@code exports}) or one taken by an earlier export gets {@code _} appended until it is free. Exports are
 * named in the order of the export section. Import methods are named after the import's field name, or
 * {@code module_name} when two imports share a field name.
 *
 * <p>Every generated method is a handful of instructions whatever the module's size: the factories pass the
 * import description to {@code dev.wasm2jar.rt.TypedImports} as string constants.
 */
final class TypedApiEmitter implements Opcodes {
    private static final String TRAP = "dev/wasm2jar/rt/Trap";
    private static final String IMPORTS = "dev/wasm2jar/rt/Imports";
    private static final String MEMORY = "dev/wasm2jar/rt/Memory";
    private static final String TABLE = "dev/wasm2jar/rt/Table";
    private static final String GLOBAL = "dev/wasm2jar/rt/Global";
    private static final String TYPED_IMPORTS = "dev/wasm2jar/rt/TypedImports";
    private static final String WASI_CONTEXT = ModuleLayout.WASI_CONTEXT;

    /** Methods every module class already has (its base class's) or gets from us, besides exports and Object's. */
    private static final Set<String> CLASS_MEMBERS = Set.of(
            "create", "wasiContext", "export", "exports", "exportedFunction", "exportedMemory", "function", "createFunction");
    private static final Set<String> OBJECT_MEMBERS = Set.of(
            "getClass", "hashCode", "equals", "clone", "toString", "notify", "notifyAll", "wait", "finalize");

    private final ModuleLayout layout;
    private final ModuleInfo info;
    private final String interfaceName;

    TypedApiEmitter(ModuleLayout layout) {
        this.layout = layout;
        this.info = layout.info;
        this.interfaceName = layout.mainClass + "Imports";
    }

    /** Adds the typed members to the module class and the imports interface (if any) to {@code classes}. */
    void emit(ClassWriter cw, Map<String, byte[]> classes) {
        emitExports(cw);
        List<HostImport> imports = hostImports();
        for (HostImport h : imports) {
            if (!javaTypesExist(h.signature)) {
                // e.g. a v128 parameter: no typed interface; such modules are linked with the (Imports) constructor
                return;
            }
        }
        if (!imports.isEmpty()) {
            classes.put(interfaceName, interfaceBytes(imports));
        }
        emitFactories(cw, imports);
    }

    // ---------------------------------------------------------------- exports

    private void emitExports(ClassWriter cw) {
        Set<String> taken = new HashSet<>(CLASS_MEMBERS);
        taken.addAll(OBJECT_MEMBERS);
        boolean memoryExported = false;
        for (int i = 0; i < info.module.exportSection().exportCount(); i++) {
            Export e = info.module.exportSection().getExport(i);
            switch (e.exportType()) {
                case FUNCTION:
                    if (javaTypesExist(layout.signature(e.index()))) {
                        emitFunction(cw, unique(javaName(e.name()), taken), e.index());
                    }
                    break;
                case MEMORY:
                    memoryExported = true;
                    emitGetter(cw, unique(javaName(e.name()), taken), ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
                    break;
                case TABLE:
                    emitGetter(cw, unique(javaName(e.name()), taken), ModuleLayout.tableField(e.index()), ModuleLayout.TABLE_DESC);
                    break;
                case GLOBAL:
                    if (javaTypesExist(String.valueOf(info.globals.get(e.index()).type()))) {
                        emitGlobal(cw, unique(javaName(e.name()), taken), e.index());
                    }
                    break;
                default:
                    break;
            }
        }
        if (memoryExported && !taken.contains("memory")) {
            emitGetter(cw, "memory", ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
        }
    }

    /** {@code public R name(P...) { try { return f<N>(..., this); } catch (Throwable t) { throw Trap.translate(t); } }} */
    private void emitFunction(ClassWriter cw, String name, int function) {
        String sig = layout.signature(function);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, name, JvmTypes.methodDescriptor(sig, ""), null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        String params = ValueTypes.params(sig);
        int slot = 1;
        for (int i = 0; i < params.length(); i++) {
            mv.visitVarInsn(JvmTypes.loadOpcode(params.charAt(i)), slot);
            slot += JvmTypes.slots(params.charAt(i));
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, layout.owner(function), layout.methodName(function), layout.functionDescriptor(function), false);
        mv.visitLabel(end);
        String results = ValueTypes.results(sig);
        mv.visitInsn(results.isEmpty() ? RETURN : results.length() == 1 ? JvmTypes.returnOpcode(results.charAt(0)) : ARETURN);
        mv.visitLabel(handler);
        translateAndThrow(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void translateAndThrow(MethodVisitor mv) {
        mv.visitMethodInsn(INVOKESTATIC, TRAP, "translate", "(Ljava/lang/Throwable;)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
    }

    private void emitGetter(ClassWriter cw, String name, String field, String descriptor) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, name, "()" + descriptor, null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, field, descriptor);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Exported globals live in {@code Global} boxes (see ModuleInfo.GlobalInfo#boxed): read and write their value. */
    private void emitGlobal(ClassWriter cw, String name, int global) {
        char type = info.globals.get(global).type();
        String box = ModuleLayout.boxClass(type);
        String valueDesc = ModuleLayout.boxValueDescriptor(type);
        String javaDesc = JvmTypes.descriptor(type);

        MethodVisitor get = cw.visitMethod(ACC_PUBLIC, name, "()" + javaDesc, null, null);
        get.visitCode();
        get.visitVarInsn(ALOAD, 0);
        get.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.globalField(global), layout.globalDescriptor(global));
        get.visitFieldInsn(GETFIELD, box, "value", valueDesc);
        if (type == 'F') {
            get.visitTypeInsn(CHECKCAST, JvmTypes.WASM_FUNCTION);
        }
        get.visitInsn(JvmTypes.returnOpcode(type));
        get.visitMaxs(0, 0);
        get.visitEnd();

        if (!info.globals.get(global).mutable()) {
            return;
        }
        MethodVisitor set = cw.visitMethod(ACC_PUBLIC, name, "(" + javaDesc + ")V", null, null);
        set.visitCode();
        set.visitVarInsn(ALOAD, 0);
        set.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.globalField(global), layout.globalDescriptor(global));
        set.visitVarInsn(JvmTypes.loadOpcode(type), 1);
        set.visitFieldInsn(PUTFIELD, box, "value", valueDesc);
        set.visitInsn(RETURN);
        set.visitMaxs(0, 0);
        set.visitEnd();
    }

    // ---------------------------------------------------------------- imports

    /** One non-WASI import: what the interface method is called and what it takes or returns. */
    private record HostImport(char kind, String module, String name, String method, String signature) {}

    private List<HostImport> hostImports() {
        List<HostImport> found = new ArrayList<>();
        Map<String, Integer> fieldNameUses = new HashMap<>();
        int function = 0;
        for (int i = 0; i < info.module.importSection().importCount(); i++) {
            Import imp = info.module.importSection().getImport(i);
            char kind;
            String signature = "";
            switch (imp.importType()) {
                case FUNCTION:
                    int index = function++;
                    if (info.isWasiImport(index)) {
                        continue;
                    }
                    kind = 'F';
                    signature = layout.signature(index);
                    break;
                case MEMORY: kind = 'M'; break;
                case TABLE: kind = 'T'; break;
                case GLOBAL: kind = 'G'; break;
                default: continue;
            }
            found.add(new HostImport(kind, imp.module(), imp.name(), null, signature));
            fieldNameUses.merge(javaName(imp.name()), 1, Integer::sum);
        }
        Set<String> taken = new HashSet<>(OBJECT_MEMBERS);
        List<HostImport> named = new ArrayList<>();
        for (HostImport h : found) {
            String plain = javaName(h.name);
            String base = fieldNameUses.get(plain) > 1 ? javaName(h.module + "_" + h.name) : plain;
            named.add(new HostImport(h.kind, h.module, h.name, unique(base, taken), h.signature));
        }
        return named;
    }

    private byte[] interfaceBytes(List<HostImport> imports) {
        ClassWriter iw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        iw.visit(V17, ACC_PUBLIC | ACC_INTERFACE | ACC_ABSTRACT, interfaceName, null, "java/lang/Object", null);
        iw.visitSource("wasm", null);
        for (HostImport h : imports) {
            String descriptor = switch (h.kind) {
                case 'F' -> JvmTypes.methodDescriptor(h.signature, "");
                case 'M' -> "()L" + MEMORY + ";";
                case 'T' -> "()L" + TABLE + ";";
                default -> "()L" + GLOBAL + ";";
            };
            iw.visitMethod(ACC_PUBLIC | ACC_ABSTRACT, h.method, descriptor, null, null).visitEnd();
        }
        iw.visitEnd();
        return iw.toByteArray();
    }

    // ---------------------------------------------------------------- factories

    private void emitFactories(ClassWriter cw, List<HostImport> imports) {
        boolean host = !imports.isEmpty();
        boolean wasi = usesWasi();
        emitFactory(cw, imports, host, wasi);
        if (wasi) {
            emitFactory(cw, imports, host, false);
            emitGetter(cw, "wasiContext", ModuleLayout.WASI_FIELD, "L" + WASI_CONTEXT + ";");
        }
    }

    /**
     * {@code public static M create([MImports host], [WasiContext wasi])}: adapts the arguments with
     * {@code TypedImports.adapt} and runs the {@code (Imports)} constructor. When {@code wasiParam} is false
     * for a WASI module, a default context is built.
     */
    private void emitFactory(ClassWriter cw, List<HostImport> imports, boolean hostParam, boolean wasiParam) {
        StringBuilder desc = new StringBuilder("(");
        if (hostParam) {
            desc.append('L').append(interfaceName).append(';');
        }
        if (wasiParam) {
            desc.append('L').append(WASI_CONTEXT).append(';');
        }
        desc.append(")L").append(layout.mainClass).append(';');
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "create", desc.toString(), null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitTypeInsn(NEW, layout.mainClass);
        mv.visitInsn(DUP);
        if (hostParam) {
            mv.visitLdcInsn(Type.getObjectType(interfaceName));
            mv.visitVarInsn(ALOAD, 0);
            pushImportTable(mv, imports);
        } else {
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ACONST_NULL);
        }
        if (wasiParam) {
            mv.visitVarInsn(ALOAD, hostParam ? 1 : 0);
        } else if (usesWasi()) {
            mv.visitMethodInsn(INVOKESTATIC, WASI_CONTEXT, "builder", "()L" + WASI_CONTEXT + "$Builder;", false);
            mv.visitMethodInsn(INVOKEVIRTUAL, WASI_CONTEXT + "$Builder", "build", "()L" + WASI_CONTEXT + ";", false);
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        mv.visitMethodInsn(INVOKESTATIC, TYPED_IMPORTS, "adapt",
                "(Ljava/lang/Class;Ljava/lang/Object;[Ljava/lang/String;Ljava/lang/Object;)L" + IMPORTS + ";", false);
        mv.visitMethodInsn(INVOKESPECIAL, layout.mainClass, "<init>", "(L" + IMPORTS + ";)V", false);
        mv.visitLabel(end);
        mv.visitInsn(ARETURN);
        mv.visitLabel(handler);
        translateAndThrow(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The import description for {@code TypedImports} as a String[] of constants. */
    private static void pushImportTable(MethodVisitor mv, List<HostImport> imports) {
        StringBuilder table = new StringBuilder();
        for (HostImport h : imports) {
            table.append(h.kind).append('\t').append(escape(h.module)).append('\t').append(escape(h.name))
                    .append('\t').append(h.method).append('\t').append(h.signature).append('\n');
        }
        JvmTypes.pushStringChunks(mv, table.toString());
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private boolean usesWasi() {
        for (int f = 0; f < info.importedFunctionCount(); f++) {
            if (info.isWasiImport(f)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- names

    /** Whether every value type in a signature has a Java type (v128 has none). */
    private static boolean javaTypesExist(String signature) {
        for (int i = 0; i < signature.length(); i++) {
            char c = signature.charAt(i);
            if (c != '>' && "ilfdFE".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A Java identifier for a Wasm name (see the class comment); not yet checked for uniqueness. */
    static String javaName(String wasmName) {
        StringBuilder sb = new StringBuilder();
        wasmName.codePoints().forEach(cp -> {
            boolean ok = Character.isJavaIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
            sb.appendCodePoint(ok ? cp : '_');
        });
        if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.codePointAt(0))) {
            sb.insert(0, '_');
        }
        String name = sb.toString();
        return javax.lang.model.SourceVersion.isKeyword(name) ? name + "_" : name;
    }

    /** {@code base}, or {@code base} with {@code _} appended until no earlier member has it; records it. */
    private static String unique(String base, Set<String> taken) {
        String name = base;
        while (taken.contains(name)) {
            name += "_";
        }
        taken.add(name);
        return name;
    }
}
