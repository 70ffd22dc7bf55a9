package dev.wasm2jar.compiler.emit;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.DeclarativeElement;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.compiler.analysis.SplitPlan;
import dev.wasm2jar.rt.ValueTypes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Stage 4 (emit): writes the module class — state fields, the linking and initialising constructor,
 * exports, import stubs, {@code call_indirect} dispatchers — and the function classes.
 */
public final class ModuleClassEmitter implements Opcodes {
    private static final String BASE = "dev/wasm2jar/rt/WasmModuleInstance";
    private static final String IMPORTS = "dev/wasm2jar/rt/Imports";
    private static final String LINKING = "dev/wasm2jar/rt/Linking";
    private static final String FUNCTION = "dev/wasm2jar/rt/WasmFunction";
    /** Defined functions per generated class; keeps each class small enough to load and verify quickly. */
    static final int FUNCTIONS_PER_CLASS = 400;
    /** Functions above this many bytes of bytecode are split; see CompilerOptions#methodLimit. */
    private final int methodLimit;
    /** Budgets (method limit, region target) tried in turn until every method of a split function fits. */
    private final int[][] budgets;

    private int splitFunctions;

    private final ModuleInfo info;
    private final WasmModule module;
    private final ModuleLayout layout;
    private final String simpleName;
    private final Map<String, byte[]> classes = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private int largestMethod;
    private String largestMethodName = "";

    public ModuleClassEmitter(ModuleInfo info, String mainClass, int methodLimit) {
        this.methodLimit = methodLimit;
        // each try is a full emission of the function, so few and far apart: huge functions must compile fast
        this.budgets = new int[][] {{methodLimit, methodLimit * 3 / 5}, {methodLimit / 2, methodLimit / 3},
                {methodLimit / 4, methodLimit / 10}};
        this.info = info;
        this.module = info.module;
        this.layout = new ModuleLayout(info, mainClass, FUNCTIONS_PER_CLASS);
        this.simpleName = mainClass.substring(mainClass.lastIndexOf('/') + 1);
    }

    public CompiledModule emit() throws CompileException {
        emitFunctionClasses();
        ClassWriter cw = newClassWriter();
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, layout.mainClass, null, BASE, null);
        cw.visitSource("wasm", null);
        emitFields(cw);
        emitConstructor(cw);
        emitCreateFunction(cw);
        emitImportStubs(cw);
        emitCallIndirectHelpers(cw);
        new TypedApiEmitter(layout).emit(cw, classes);
        cw.visitEnd();
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put(layout.mainClass, toBytes(cw, layout.mainClass));
        ordered.putAll(classes);
        for (byte[] bytes : ordered.values()) {
            measure(bytes);
        }
        return new CompiledModule(layout.mainClass, ordered, resources,
                new CompiledModule.Stats(info.functionCount(), splitFunctions, largestMethod, largestMethodName));
    }

    private static ClassWriter newClassWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Generated code only merges our own value types; never load classes to answer this.
                return "java/lang/Object";
            }
        };
    }

    private byte[] toBytes(ClassWriter cw, String className) throws CompileException {
        try {
            return cw.toByteArray();
        } catch (MethodTooLargeException e) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "function " + e.getMethodName() + " is too large for one JVM method ("
                    + e.getCodeSize() + " bytes of bytecode) even after splitting");
        } catch (org.objectweb.asm.ClassTooLargeException e) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "generated class " + className
                    + " exceeds the class-file limits (constant pool of " + e.getConstantPoolCount() + " entries)");
        } catch (RuntimeException e) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "cannot write class " + className + ": " + e, e);
        }
    }

    private void measure(byte[] classBytes) {
        MethodSizes.forEach(classBytes, (name, size) -> {
            if (size > largestMethod) {
                largestMethod = size;
                largestMethodName = name;
            }
        });
    }

    // ---------------------------------------------------------------- functions

    /** Class writers of the function classes (and of region classes of huge functions), by internal name. */
    private final Map<String, ClassWriter> writers = new LinkedHashMap<>();

    private ClassWriter writerFor(String owner) {
        return writers.computeIfAbsent(owner, name -> {
            ClassWriter cw = newClassWriter();
            cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, name, null, "java/lang/Object", null);
            cw.visitSource("wasm", null);
            return cw;
        });
    }

    private void emitFunctionClasses() throws CompileException {
        FunctionBody[] bodies = module.codeSection().functionBodies();
        int imported = info.importedFunctionCount();
        for (int i = 0; i < bodies.length; i++) {
            int index = imported + i;
            emitFunction(writerFor(layout.owner(index)), index, bodies[i]);
        }
        for (Map.Entry<String, ClassWriter> e : writers.entrySet()) {
            e.getValue().visitEnd();
            classes.put(e.getKey(), toBytes(e.getValue(), e.getKey()));
        }
    }


    /** The hard bound every generated method must stay under: HotSpot's HugeMethodLimit is 8,000 bytes. */
    static final int JIT_LIMIT = 7999;

    /**
     * Emits one function: as a single method when it fits, else split into regions, re-planned with
     * tighter budgets until each of its methods measures under {@link #JIT_LIMIT}.
     */
    private void emitFunction(ClassWriter cw, int index, FunctionBody body) throws CompileException {
        DryRun dry = measure(index, body);
        if (dry == null || dry.offsets[dry.offsets.length - 1] <= methodLimit) {
            emitMethods(cw, this::writerFor, index, body, null);
            return;
        }
        int[] chosen = null;
        for (int[] budget : budgets) {
            SplitContext split = planSplit(index, body, dry, budget[0], budget[1]);
            if (split == null) {
                break;
            }
            chosen = budget;
            Map<String, ClassWriter> trial = new LinkedHashMap<>();
            java.util.function.Function<String, ClassWriter> trialWriter = owner -> trial.computeIfAbsent(owner, name -> {
                ClassWriter t = new ClassWriter(ClassWriter.COMPUTE_MAXS);
                t.visit(V17, ACC_SUPER, name, null, "java/lang/Object", null);
                // In the real class, shared by many functions, most constants sit past index 255 and need the
                // 3-byte ldc_w; fill the trial's pool so its sizes are that worst case, not the 2-byte ldc.
                for (int k = 0; k < 256; k++) {
                    t.newUTF8("pad" + k);
                }
                return t;
            });
            emitMethods(trialWriter.apply(layout.owner(index)), trialWriter, index, body, split);
            int[] largest = {0};
            try {
                for (ClassWriter t : trial.values()) {
                    MethodSizes.forEach(t.toByteArray(), (n, size) -> largest[0] = Math.max(largest[0], size));
                }
            } catch (org.objectweb.asm.ClassTooLargeException | MethodTooLargeException e) {
                largest[0] = Integer.MAX_VALUE; // far too big: try a tighter budget
            }
            if (largest[0] <= Math.min(JIT_LIMIT, methodLimit * 5 / 4)) {
                break;
            }
        }
        if (chosen == null) {
            emitMethods(cw, this::writerFor, index, body, null);
            return;
        }
        splitFunctions++;
        SplitContext split = planSplit(index, body, dry, chosen[0], chosen[1]);
        emitMethods(cw, this::writerFor, index, body, split);
        classes.put(split.frameClass, split.frameClassBytes());
    }

    /**
     * Emits the function's method into {@code cw} and its region methods into the classes
     * {@link SplitContext#regionOwner} names (the function's own class unless it has very many regions).
     */
    private void emitMethods(ClassWriter cw, java.util.function.Function<String, ClassWriter> writers, int index, FunctionBody body,
            SplitContext split) throws CompileException {
        if (split != null) {
            for (SplitPlan.Region r : split.plan.all) {
                SplitContext.RegionInfo ri = new SplitContext.RegionInfo();
                SplitContext.localAccesses(body.instructions(), r, ri);
                split.infos.put(r, ri);
                MethodVisitor rmv = writers.apply(split.regionOwner(r)).visitMethod(ACC_STATIC, split.regionMethodName(r),
                        "(L" + split.frameClass + ";" + layout.selfDesc + ")I", null, null);
                new FunctionEmitter(layout, rmv, index, body, split, r).emit();
            }
        }
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, layout.methodName(index), layout.functionDescriptor(index), null, null);
        new FunctionEmitter(layout, mv, index, body, split, null).emit();
    }

    /** Offsets and stack heights of an unsplit emission, or null for functions too small to matter. */
    private record DryRun(int[] offsets, int[] heights, String[] types) {}

    private DryRun measure(int index, FunctionBody body) throws CompileException {
        List<com.dylibso.chicory.wasm.types.AnnotatedInstruction> ins = body.instructions();
        int n = ins.size();
        if (n * 10 < methodLimit) {
            return null; // no instruction emits 10 bytes on average: it cannot reach the limit
        }
        ClassWriter dry = new ClassWriter(0);
        dry.visit(V17, ACC_SUPER, "Dry", null, "java/lang/Object", null);
        MethodVisitor dmv = dry.visitMethod(ACC_STATIC, "dry", layout.functionDescriptor(index), null, null);
        Label[] labels = new Label[n + 1];
        for (int k = 0; k <= n; k++) {
            labels[k] = new Label();
        }
        int[] heights = new int[n];
        String[] types = new String[n];
        FunctionEmitter measuring = new FunctionEmitter(layout, dmv, index, body);
        measuring.recordLayout(labels, heights, types);
        measuring.emit();
        int[] offsets = new int[n + 1];
        for (int k = 0; k <= n; k++) {
            offsets[k] = labels[k].getOffset();
        }
        return new DryRun(offsets, heights, types);
    }

    /** Plans regions under the given budget; null when the plan finds nothing to outline. */
    private SplitContext planSplit(int index, FunctionBody body, DryRun dry, int limit, int target) {
        List<com.dylibso.chicory.wasm.types.AnnotatedInstruction> ins = body.instructions();
        SplitPlan plan = new SplitPlan(ins, dry.offsets(), dry.heights(), k -> {
            OpCode op = ins.get(k).opcode();
            return op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF
                    ? ValueTypes.params(info.blockSignature(ins.get(k).operand(0))).length() : 0;
        }, limit, target);
        if (!plan.isSplit()) {
            return null;
        }
        String params = ValueTypes.params(layout.signature(index));
        char[] localTypes = new char[params.length() + body.localTypes().size()];
        for (int k = 0; k < localTypes.length; k++) {
            localTypes[k] = k < params.length() ? params.charAt(k) : ModuleInfo.typeChar(body.localTypes().get(k - params.length()));
        }
        SplitContext ctx = new SplitContext(plan, layout.mainClass + "$Frame" + index, layout.methodName(index), localTypes,
                layout.owner(index), layout.mainClass + "$Regions" + index + "_");
        ctx.heights = dry.heights();
        ctx.types = dry.types();
        return ctx;
    }

    // ---------------------------------------------------------------- state

    private void emitFields(ClassWriter cw) {
        if (info.memory != null) {
            cw.visitField(0, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC, null, null).visitEnd();
        }
        for (int t = 0; t < info.tables.size(); t++) {
            cw.visitField(0, ModuleLayout.tableField(t), ModuleLayout.TABLE_DESC, null, null).visitEnd();
        }
        for (int g = 0; g < info.globals.size(); g++) {
            cw.visitField(0, ModuleLayout.globalField(g), layout.globalDescriptor(g), null, null).visitEnd();
        }
        for (int f = 0; f < info.importedFunctionCount(); f++) {
            if (!info.isWasiImport(f)) {
                cw.visitField(0, ModuleLayout.importField(f), "L" + FUNCTION + ";", null, null).visitEnd();
            }
        }
        if (usesWasi()) {
            cw.visitField(0, ModuleLayout.WASI_FIELD, "L" + ModuleLayout.WASI_CONTEXT + ";", null, null).visitEnd();
        }
        cw.visitField(0, ModuleLayout.DATA_FIELD, "[[B", null, null).visitEnd();
        cw.visitField(0, ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;", null, null).visitEnd();
    }

    private boolean usesWasi() {
        for (int f = 0; f < info.importedFunctionCount(); f++) {
            if (info.isWasiImport(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The constructor links and initialises in the spec's order: imports, globals, tables, memory, exports,
     * element segments, data segments, start function. Imported tables and memories keep whatever earlier
     * segments wrote if a later one traps.
     */
    private void emitConstructor(ClassWriter cw) throws CompileException {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "(L" + IMPORTS + ";)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, BASE, "<init>", "()V", false);
        // functions array first: imported references are stored as they are resolved
        mv.visitVarInsn(ALOAD, 0);
        JvmTypes.pushInt(mv, info.functionCount());
        mv.visitTypeInsn(ANEWARRAY, FUNCTION);
        mv.visitFieldInsn(PUTFIELD, BASE, "functions", "[L" + FUNCTION + ";");
        emitImports(mv);
        emitGlobals(mv);
        emitTablesAndMemory(mv);
        emitExports(mv);
        emitElements(mv);
        emitData(mv);
        module.startSection().ifPresent(s -> {
            int start = (int) s.startIndex();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESTATIC, layout.owner(start), layout.methodName(start), layout.functionDescriptor(start), false);
            String results = ValueTypes.results(layout.signature(start));
            if (!results.isEmpty()) {
                mv.visitInsn(results.length() == 1 && JvmTypes.slots(results.charAt(0)) == 2 ? POP2 : POP);
            }
        });
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void emitImports(MethodVisitor mv) throws CompileException {
        int func = 0;
        int global = 0;
        int table = 0;
        boolean wasiBound = false;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            var imp = module.importSection().getImport(i);
            switch (imp.importType()) {
                case FUNCTION: {
                    int index = func++;
                    if (info.isWasiImport(index)) {
                        WasiLinker.check((FunctionImport) imp, layout.signature(index));
                        if (!wasiBound) {
                            wasiBound = true;
                            mv.visitVarInsn(ALOAD, 0);
                            mv.visitVarInsn(ALOAD, 1);
                            mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/wasi/WasiLinking", "context", "(L" + IMPORTS + ";)L" + ModuleLayout.WASI_CONTEXT + ";", false);
                            mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.WASI_FIELD, "L" + ModuleLayout.WASI_CONTEXT + ";");
                        }
                        break;
                    }
                    pushLinkArguments(mv, imp);
                    mv.visitLdcInsn(layout.signature(index));
                    mv.visitMethodInsn(INVOKESTATIC, LINKING, "function", "(L" + IMPORTS + ";Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)L" + FUNCTION + ";", false);
                    mv.visitInsn(DUP_X1);
                    mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.importField(index), "L" + FUNCTION + ";");
                    // also the function's reference, so ref.func and re-exports yield the imported object itself
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitFieldInsn(GETFIELD, BASE, "functions", "[L" + FUNCTION + ";");
                    mv.visitInsn(SWAP);
                    JvmTypes.pushInt(mv, index);
                    mv.visitInsn(SWAP);
                    mv.visitInsn(AASTORE);
                    break;
                }
                case GLOBAL: {
                    int index = global++;
                    ModuleInfo.GlobalInfo g = info.globals.get(index);
                    pushLinkArguments(mv, imp);
                    JvmTypes.pushInt(mv, g.type());
                    mv.visitInsn(g.mutable() ? ICONST_1 : ICONST_0);
                    mv.visitMethodInsn(INVOKESTATIC, LINKING, "global", "(L" + IMPORTS + ";Ljava/lang/String;Ljava/lang/String;CZ)Ldev/wasm2jar/rt/Global;", false);
                    mv.visitTypeInsn(CHECKCAST, ModuleLayout.boxClass(g.type()));
                    mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.globalField(index), layout.globalDescriptor(index));
                    break;
                }
                case TABLE: {
                    int index = table++;
                    ModuleInfo.TableInfo t = info.tables.get(index);
                    pushLinkArguments(mv, imp);
                    mv.visitInsn(t.funcref() ? ICONST_1 : ICONST_0);
                    JvmTypes.pushInt(mv, t.min());
                    JvmTypes.pushLong(mv, t.max());
                    mv.visitMethodInsn(INVOKESTATIC, LINKING, "table", "(L" + IMPORTS + ";Ljava/lang/String;Ljava/lang/String;ZIJ)Ldev/wasm2jar/rt/Table;", false);
                    mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.tableField(index), ModuleLayout.TABLE_DESC);
                    break;
                }
                case MEMORY: {
                    pushLinkArguments(mv, imp);
                    JvmTypes.pushInt(mv, info.memory.min());
                    JvmTypes.pushLong(mv, info.memory.max());
                    mv.visitMethodInsn(INVOKESTATIC, LINKING, "memory", "(L" + IMPORTS + ";Ljava/lang/String;Ljava/lang/String;IJ)Ldev/wasm2jar/rt/Memory;", false);
                    mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
                    break;
                }
                default:
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported import kind " + imp.importType());
            }
        }
    }

    /** this, the Imports and the import's module and field name: what every Linking call starts with. */
    private static void pushLinkArguments(MethodVisitor mv, com.dylibso.chicory.wasm.types.Import imp) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitLdcInsn(imp.module());
        mv.visitLdcInsn(imp.name());
    }

    /** Pushes the value of a constant expression (an initialiser or offset). */
    private char constExpr(MethodVisitor mv, List<Instruction> expr) throws CompileException {
        char type = 0;
        for (Instruction ins : expr) {
            OpCode op = ins.opcode();
            switch (op) {
                case I32_CONST: JvmTypes.pushInt(mv, (int) ins.operand(0)); type = 'i'; break;
                case I64_CONST: JvmTypes.pushLong(mv, ins.operand(0)); type = 'l'; break;
                case F32_CONST: JvmTypes.pushFloatBits(mv, (int) ins.operand(0)); type = 'f'; break;
                case F64_CONST: JvmTypes.pushDoubleBits(mv, ins.operand(0)); type = 'd'; break;
                case REF_NULL: {
                    mv.visitInsn(ACONST_NULL);
                    int ht = (int) ins.operand(0);
                    type = ht == 0x70 || ht == -16 ? 'F' : 'E';
                    break;
                }
                case REF_FUNC:
                    mv.visitVarInsn(ALOAD, 0);
                    JvmTypes.pushInt(mv, (int) ins.operand(0));
                    mv.visitMethodInsn(INVOKEVIRTUAL, BASE, "function", "(I)L" + FUNCTION + ";", false);
                    type = 'F';
                    break;
                case GLOBAL_GET: {
                    int g = (int) ins.operand(0);
                    ModuleInfo.GlobalInfo gi = info.globals.get(g);
                    mv.visitVarInsn(ALOAD, 0);
                    mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.globalField(g), layout.globalDescriptor(g));
                    if (gi.boxed()) {
                        mv.visitFieldInsn(GETFIELD, ModuleLayout.boxClass(gi.type()), "value", ModuleLayout.boxValueDescriptor(gi.type()));
                        if (gi.type() == 'F') {
                            mv.visitTypeInsn(CHECKCAST, FUNCTION);
                        }
                    }
                    type = gi.type();
                    break;
                }
                case I32_ADD: mv.visitInsn(IADD); break;
                case I32_SUB: mv.visitInsn(ISUB); break;
                case I32_MUL: mv.visitInsn(IMUL); break;
                case I64_ADD: mv.visitInsn(LADD); break;
                case I64_SUB: mv.visitInsn(LSUB); break;
                case I64_MUL: mv.visitInsn(LMUL); break;
                case END: break;
                default:
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported constant expression instruction " + op);
            }
        }
        return type;
    }

    private void emitGlobals(MethodVisitor mv) throws CompileException {
        int imported = module.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.GLOBAL);
        for (int g = imported; g < info.globals.size(); g++) {
            ModuleInfo.GlobalInfo gi = info.globals.get(g);
            mv.visitVarInsn(ALOAD, 0);
            if (gi.boxed()) {
                String box = ModuleLayout.boxClass(gi.type());
                mv.visitTypeInsn(NEW, box);
                mv.visitInsn(DUP);
                if (box.endsWith("Ref")) {
                    JvmTypes.pushInt(mv, gi.type());
                    mv.visitInsn(gi.mutable() ? ICONST_1 : ICONST_0);
                    mv.visitMethodInsn(INVOKESPECIAL, box, "<init>", "(CZ)V", false);
                } else {
                    mv.visitInsn(gi.mutable() ? ICONST_1 : ICONST_0);
                    mv.visitMethodInsn(INVOKESPECIAL, box, "<init>", "(Z)V", false);
                }
                mv.visitInsn(DUP);
                constExpr(mv, gi.defined().initInstructions());
                mv.visitFieldInsn(PUTFIELD, box, "value", ModuleLayout.boxValueDescriptor(gi.type()));
            } else {
                constExpr(mv, gi.defined().initInstructions());
            }
            mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.globalField(g), layout.globalDescriptor(g));
        }
    }

    private void emitTablesAndMemory(MethodVisitor mv) throws CompileException {
        for (int t = 0; t < info.tables.size(); t++) {
            ModuleInfo.TableInfo ti = info.tables.get(t);
            if (ti.imported() != null) {
                continue;
            }
            mv.visitVarInsn(ALOAD, 0);
            mv.visitTypeInsn(NEW, "dev/wasm2jar/rt/Table");
            mv.visitInsn(DUP);
            mv.visitInsn(ti.funcref() ? ICONST_1 : ICONST_0);
            JvmTypes.pushInt(mv, ti.min());
            JvmTypes.pushLong(mv, ti.max());
            mv.visitMethodInsn(INVOKESPECIAL, "dev/wasm2jar/rt/Table", "<init>", "(ZIJ)V", false);
            mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.tableField(t), ModuleLayout.TABLE_DESC);
        }
        if (info.memory != null && info.memory.imported() == null) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitTypeInsn(NEW, "dev/wasm2jar/rt/Memory");
            mv.visitInsn(DUP);
            JvmTypes.pushInt(mv, info.memory.min());
            JvmTypes.pushLong(mv, info.memory.max());
            mv.visitMethodInsn(INVOKESPECIAL, "dev/wasm2jar/rt/Memory", "<init>", "(IJ)V", false);
            mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
        }
        if (info.memory != null) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, LINKING, "limitMemory", "(Ldev/wasm2jar/rt/Memory;L" + IMPORTS + ";)V", false);
        }
        if (usesWasi() && info.memory != null) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.WASI_FIELD, "L" + ModuleLayout.WASI_CONTEXT + ";");
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
            mv.visitMethodInsn(INVOKEVIRTUAL, ModuleLayout.WASI_CONTEXT, "bindMemory", "(Ldev/wasm2jar/rt/Memory;)V", false);
        }
    }

    private void emitExports(MethodVisitor mv) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitLdcInsn(e.name());
            mv.visitVarInsn(ALOAD, 0);
            switch (e.exportType()) {
                case FUNCTION:
                    JvmTypes.pushInt(mv, e.index());
                    mv.visitMethodInsn(INVOKEVIRTUAL, BASE, "function", "(I)L" + FUNCTION + ";", false);
                    break;
                case MEMORY:
                    mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
                    break;
                case TABLE:
                    mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.tableField(e.index()), ModuleLayout.TABLE_DESC);
                    break;
                case GLOBAL:
                    mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.globalField(e.index()), layout.globalDescriptor(e.index()));
                    break;
                default:
                    mv.visitInsn(POP);
                    mv.visitInsn(ACONST_NULL);
                    break;
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, BASE, "export", "(Ljava/lang/String;Ljava/lang/Object;)V", false);
        }
    }

    /** Element segments: function-index lists travel as one string each, decoded at instantiation. */
    private void emitElements(MethodVisitor mv) throws CompileException {
        Element[] elements = module.elementSection().elements();
        mv.visitVarInsn(ALOAD, 0);
        JvmTypes.pushInt(mv, elements.length);
        mv.visitTypeInsn(ANEWARRAY, "[Ljava/lang/Object;");
        mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;");
        for (int s = 0; s < elements.length; s++) {
            Element el = elements[s];
            if (el instanceof DeclarativeElement) {
                continue; // declarative segments are dropped at instantiation
            }
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;");
            JvmTypes.pushInt(mv, s);
            String encoded = encodeFunctionList(el);
            if (encoded != null) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitLdcInsn(encoded);
                mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/DataSegments", "functions", "(L" + BASE + ";Ljava/lang/String;)[Ljava/lang/Object;", false);
            } else {
                List<List<Instruction>> inits = el.initializers();
                JvmTypes.pushInt(mv, inits.size());
                mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
                for (int k = 0; k < inits.size(); k++) {
                    mv.visitInsn(DUP);
                    JvmTypes.pushInt(mv, k);
                    constExpr(mv, inits.get(k));
                    mv.visitInsn(AASTORE);
                }
            }
            mv.visitInsn(AASTORE);
            if (el instanceof ActiveElement active) {
                // table.init(offset, 0, n) then elem.drop
                constExpr(mv, active.offset());
                mv.visitInsn(ICONST_0);
                JvmTypes.pushInt(mv, el.elementCount());
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.tableField(active.tableIndex()), ModuleLayout.TABLE_DESC);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;");
                JvmTypes.pushInt(mv, s);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/Bulk", "tableInit", "(IIILdev/wasm2jar/rt/Table;[Ljava/lang/Object;)V", false);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;");
                JvmTypes.pushInt(mv, s);
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(AASTORE);
            }
        }
    }

    /** "3,17,-1" when every initialiser is ref.func or ref.null, else null; split if it would overflow a constant. */
    private static String encodeFunctionList(Element el) {
        StringBuilder sb = new StringBuilder();
        for (List<Instruction> init : el.initializers()) {
            Instruction first = init.get(0);
            int n = init.size();
            if (n > 2 || (n == 2 && init.get(1).opcode() != OpCode.END)) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            if (first.opcode() == OpCode.REF_FUNC) {
                sb.append(first.operand(0));
            } else if (first.opcode() == OpCode.REF_NULL) {
                sb.append(-1);
            } else {
                return null;
            }
        }
        return sb.length() < 60_000 ? sb.toString() : null;
    }

    private void emitData(MethodVisitor mv) throws CompileException {
        DataSegment[] segments = module.dataSection().dataSegments();
        mv.visitVarInsn(ALOAD, 0);
        JvmTypes.pushInt(mv, segments.length);
        mv.visitTypeInsn(ANEWARRAY, "[B");
        mv.visitFieldInsn(PUTFIELD, layout.mainClass, ModuleLayout.DATA_FIELD, "[[B");
        if (segments.length == 0) {
            return;
        }
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        int[] offsets = new int[segments.length];
        for (int s = 0; s < segments.length; s++) {
            offsets[s] = blob.size();
            blob.writeBytes(segments[s].data());
        }
        String resource = simpleName + ".data";
        String packagePath = layout.mainClass.contains("/") ? layout.mainClass.substring(0, layout.mainClass.lastIndexOf('/') + 1) : "";
        resources.put(packagePath + resource, blob.toByteArray());
        int blobSlot = 2;
        mv.visitLdcInsn(org.objectweb.asm.Type.getObjectType(layout.mainClass));
        mv.visitLdcInsn(resource);
        mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/DataSegments", "load", "(Ljava/lang/Class;Ljava/lang/String;)[B", false);
        mv.visitVarInsn(ASTORE, blobSlot);
        for (int s = 0; s < segments.length; s++) {
            DataSegment seg = segments[s];
            int len = seg.data().length;
            if (seg instanceof ActiveDataSegment active) {
                // memory.init(offset, 0, n) from the blob, then the segment counts as dropped
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
                constExpr(mv, active.offsetInstructions());
                mv.visitVarInsn(ALOAD, blobSlot);
                JvmTypes.pushInt(mv, offsets[s]);
                JvmTypes.pushInt(mv, len);
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/rt/Memory", "write", "(I[BII)V", false);
            } else {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.DATA_FIELD, "[[B");
                JvmTypes.pushInt(mv, s);
                mv.visitVarInsn(ALOAD, blobSlot);
                JvmTypes.pushInt(mv, offsets[s]);
                JvmTypes.pushInt(mv, len);
                mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/DataSegments", "slice", "([BII)[B", false);
                mv.visitInsn(AASTORE);
            }
        }
    }

    // ---------------------------------------------------------------- function references

    /**
     * {@code createFunction(int)}: a switch would grow with the module, so method names and signatures are
     * looked up in a table kept in string constants and parsed on first use.
     */
    private void emitCreateFunction(ClassWriter cw) {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < info.functionCount(); i++) {
            table.append(layout.methodName(i)).append(' ').append(layout.owner(i)).append(' ').append(layout.signature(i)).append('\n');
        }
        MethodVisitor mv = cw.visitMethod(ACC_PROTECTED, "createFunction", "(I)L" + FUNCTION + ";", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitVarInsn(ALOAD, 0);
        JvmTypes.pushStringChunks(mv, table.toString());
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/FunctionTable", "create",
                "(Ljava/lang/invoke/MethodHandles$Lookup;L" + BASE + ";[Ljava/lang/String;I)L" + FUNCTION + ";", false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // ---------------------------------------------------------------- import stubs and dispatchers

    private void emitImportStubs(ClassWriter cw) {
        for (int f = 0; f < info.importedFunctionCount(); f++) {
            String sig = layout.signature(f);
            MethodVisitor mv = cw.visitMethod(ACC_STATIC, layout.methodName(f), layout.functionDescriptor(f), null, null);
            mv.visitCode();
            String params = ValueTypes.params(sig);
            int selfSlot = 0;
            for (int i = 0; i < params.length(); i++) {
                selfSlot += JvmTypes.slots(params.charAt(i));
            }
            if (info.isWasiImport(f)) {
                loadParams(mv, params);
                mv.visitVarInsn(ALOAD, selfSlot);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.WASI_FIELD, "L" + ModuleLayout.WASI_CONTEXT + ";");
                mv.visitMethodInsn(INVOKESTATIC, ModuleLayout.WASI_BRIDGE, info.functionImports.get(f).name(),
                        JvmTypes.methodDescriptor(sig, "L" + ModuleLayout.WASI_CONTEXT + ";"), false);
            } else {
                mv.visitVarInsn(ALOAD, selfSlot);
                mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.importField(f), "L" + FUNCTION + ";");
                invokeHandle(mv, params, sig);
            }
            emitTypedReturn(mv, sig);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }

    /** With a WasmFunction on the stack: calls its handle with the parameters (slots from 0) as arguments. */
    private static void invokeHandle(MethodVisitor mv, String params, String sig) {
        mv.visitFieldInsn(GETFIELD, FUNCTION, "handle", "Ljava/lang/invoke/MethodHandle;");
        loadParams(mv, params);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", JvmTypes.methodDescriptor(sig, ""), false);
    }

    private static void loadParams(MethodVisitor mv, String params) {
        int slot = 0;
        for (int i = 0; i < params.length(); i++) {
            mv.visitVarInsn(JvmTypes.loadOpcode(params.charAt(i)), slot);
            slot += JvmTypes.slots(params.charAt(i));
        }
    }

    private static void emitTypedReturn(MethodVisitor mv, String sig) {
        String results = ValueTypes.results(sig);
        if (results.isEmpty()) {
            mv.visitInsn(RETURN);
        } else if (results.length() == 1) {
            mv.visitInsn(JvmTypes.returnOpcode(results.charAt(0)));
        } else {
            mv.visitInsn(ARETURN);
        }
    }

    /** Direct-call cases per generated dispatch method: keeps each under the JIT limit. */
    private static final int CASES_PER_METHOD = 150;

    /**
     * One dispatcher per (signature, table): look the reference up (traps on a bad index or null), check the
     * signature by identity of interned strings, then call. A function of this instance is called with a
     * direct {@code invokestatic} chosen by a switch on its index, which HotSpot can inline; anything else
     * (another instance's or a host function) goes through its method handle.
     */
    private void emitCallIndirectHelpers(ClassWriter cw) {
        java.util.Set<Integer> referenced = referencedFunctions();
        for (String key : layout.callIndirectHelpers) {
            String sig = key.substring(0, key.indexOf('|'));
            int table = Integer.parseInt(key.substring(key.indexOf('|') + 1));
            List<Integer> targets = new ArrayList<>();
            for (int f = info.importedFunctionCount(); f < info.functionCount(); f++) {
                if (referenced.contains(f) && layout.signature(f).equals(sig)) {
                    targets.add(f);
                }
            }
            MethodVisitor mv = cw.visitMethod(ACC_STATIC, ModuleLayout.callIndirectName(sig, table), layout.callIndirectDescriptor(sig), null, null);
            mv.visitCode();
            String params = ValueTypes.params(sig);
            int idxSlot = 0;
            for (int i = 0; i < params.length(); i++) {
                idxSlot += JvmTypes.slots(params.charAt(i));
            }
            int selfSlot = idxSlot + 1;
            int fnSlot = idxSlot + 2;
            mv.visitVarInsn(ALOAD, selfSlot);
            mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.tableField(table), ModuleLayout.TABLE_DESC);
            mv.visitVarInsn(ILOAD, idxSlot);
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/rt/Table", "function", "(I)L" + FUNCTION + ";", false);
            mv.visitVarInsn(ASTORE, fnSlot);
            mv.visitVarInsn(ALOAD, fnSlot);
            mv.visitFieldInsn(GETFIELD, FUNCTION, "type", "Ljava/lang/String;");
            mv.visitLdcInsn(sig);
            Label ok = new Label();
            mv.visitJumpInsn(IF_ACMPEQ, ok);
            mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/Trap", "indirectCallTypeMismatch", "()Ldev/wasm2jar/rt/Trap;", false);
            mv.visitInsn(ATHROW);
            mv.visitLabel(ok);
            if (!targets.isEmpty()) {
                Label foreign = new Label();
                mv.visitVarInsn(ALOAD, fnSlot);
                mv.visitFieldInsn(GETFIELD, FUNCTION, "owner", "Ljava/lang/Object;");
                mv.visitVarInsn(ALOAD, selfSlot);
                mv.visitJumpInsn(IF_ACMPNE, foreign);
                loadParams(mv, params);
                mv.visitVarInsn(ALOAD, fnSlot);
                mv.visitFieldInsn(GETFIELD, FUNCTION, "index", "I");
                mv.visitVarInsn(ALOAD, selfSlot);
                mv.visitMethodInsn(INVOKESTATIC, layout.mainClass, directDispatchName(sig, -1), layout.callIndirectDescriptor(sig), false);
                emitTypedReturn(mv, sig);
                mv.visitLabel(foreign);
                emitDirectDispatch(cw, sig, targets);
            }
            mv.visitVarInsn(ALOAD, fnSlot);
            invokeHandle(mv, params, sig);
            emitTypedReturn(mv, sig);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }

    private final java.util.Set<String> directDispatchers = new java.util.HashSet<>();

    private static String directDispatchName(String sig, int chunk) {
        return "callDirect_" + JvmTypes.mangle(sig) + (chunk < 0 ? "" : "$" + chunk);
    }

    /**
     * {@code callDirect_<sig>(args..., functionIndex, self)}: a switch over this signature's functions,
     * in chunks of {@link #CASES_PER_METHOD} when there are many (the entry method then picks the chunk).
     */
    private void emitDirectDispatch(ClassWriter cw, String sig, List<Integer> targets) {
        if (!directDispatchers.add(sig)) {
            return;
        }
        String params = ValueTypes.params(sig);
        int idxSlot = 0;
        for (int i = 0; i < params.length(); i++) {
            idxSlot += JvmTypes.slots(params.charAt(i));
        }
        int selfSlot = idxSlot + 1;
        String desc = layout.callIndirectDescriptor(sig);
        if (targets.size() <= CASES_PER_METHOD) {
            emitDispatchChunk(cw, sig, directDispatchName(sig, -1), targets, params, idxSlot, selfSlot);
            return;
        }
        int chunks = (targets.size() + CASES_PER_METHOD - 1) / CASES_PER_METHOD;
        int[] lastOfChunk = new int[chunks];
        for (int c = 0; c < chunks; c++) {
            List<Integer> part = targets.subList(c * CASES_PER_METHOD, Math.min(targets.size(), (c + 1) * CASES_PER_METHOD));
            emitDispatchChunk(cw, sig, directDispatchName(sig, c), part, params, idxSlot, selfSlot);
            lastOfChunk[c] = part.get(part.size() - 1);
        }
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, directDispatchName(sig, -1), desc, null, null);
        mv.visitCode();
        selectChunk(mv, sig, params, idxSlot, selfSlot, lastOfChunk, 0, chunks);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Calls the chunk among [from, to) holding the function index: a balanced tree of compares on the
     * chunks' last indices (python.wasm has signatures with a dozen chunks, which a chain tests one by one).
     */
    private void selectChunk(MethodVisitor mv, String sig, String params, int idxSlot, int selfSlot, int[] lastOfChunk, int from, int to) {
        if (to - from == 1) {
            loadParams(mv, params);
            mv.visitVarInsn(ILOAD, idxSlot);
            mv.visitVarInsn(ALOAD, selfSlot);
            mv.visitMethodInsn(INVOKESTATIC, layout.mainClass, directDispatchName(sig, from), layout.callIndirectDescriptor(sig), false);
            emitTypedReturn(mv, sig);
            return;
        }
        int mid = (from + to) / 2;
        Label upper = new Label();
        mv.visitVarInsn(ILOAD, idxSlot);
        JvmTypes.pushInt(mv, lastOfChunk[mid - 1]);
        mv.visitJumpInsn(IF_ICMPGT, upper);
        selectChunk(mv, sig, params, idxSlot, selfSlot, lastOfChunk, from, mid);
        mv.visitLabel(upper);
        selectChunk(mv, sig, params, idxSlot, selfSlot, lastOfChunk, mid, to);
    }

    private void emitDispatchChunk(ClassWriter cw, String sig, String name, List<Integer> targets, String params, int idxSlot, int selfSlot) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, name, layout.callIndirectDescriptor(sig), null, null);
        mv.visitCode();
        int[] keys = targets.stream().mapToInt(Integer::intValue).toArray();
        Label[] labels = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) {
            labels[i] = new Label();
        }
        Label dflt = new Label();
        mv.visitVarInsn(ILOAD, idxSlot);
        mv.visitLookupSwitchInsn(dflt, keys, labels);
        for (int i = 0; i < keys.length; i++) {
            mv.visitLabel(labels[i]);
            loadParams(mv, params);
            mv.visitVarInsn(ALOAD, selfSlot);
            mv.visitMethodInsn(INVOKESTATIC, layout.owner(keys[i]), layout.methodName(keys[i]), layout.functionDescriptor(keys[i]), false);
            emitTypedReturn(mv, sig);
        }
        // not one of the functions known at compile time: call through its reference
        mv.visitLabel(dflt);
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitVarInsn(ILOAD, idxSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, BASE, "function", "(I)L" + FUNCTION + ";", false);
        invokeHandle(mv, params, sig);
        emitTypedReturn(mv, sig);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Functions that can end up in a table: element segment entries, ref.func operands and exports. */
    private java.util.Set<Integer> referencedFunctions() {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (Element el : module.elementSection().elements()) {
            for (List<Instruction> init : el.initializers()) {
                for (Instruction ins : init) {
                    if (ins.opcode() == OpCode.REF_FUNC) {
                        set.add((int) ins.operand(0));
                    }
                }
            }
        }
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (e.exportType() == com.dylibso.chicory.wasm.types.ExternalType.FUNCTION) {
                set.add(e.index());
            }
        }
        for (FunctionBody body : module.codeSection().functionBodies()) {
            for (var ins : body.instructions()) {
                if (ins.opcode() == OpCode.REF_FUNC) {
                    set.add((int) ins.operand(0));
                }
            }
        }
        return set;
    }
}
