package dev.wasm2jar.compiler.emit;

import dev.wasm2jar.compiler.analysis.SplitPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Shared state of one split function: its plan, the frame class that carries Wasm locals and values
 * between its methods, and what each emitted region turned out to do (exit codes, results).
 */
final class SplitContext implements Opcodes {
    final SplitPlan plan;
    final String frameClass;
    final String baseMethodName;
    final char[] localTypes;
    /** Operand stack height before each instruction in the unsplit emission (-1: unreachable). */
    int[] heights;
    /** Operand stack types before each instruction in the unsplit emission (null: unreachable). */
    String[] types;
    /** Matching END of each BLOCK/LOOP/IF (computed once: every region method needs it). */
    int[] match;
    /** Innermost open construct before each instruction (see FunctionEmitter#innermostOpen). */
    int[] innermostOpen;
    /** Whether the function has memory instructions (computed once). */
    Boolean usesMemory;
    /** Carry fields needed per value type. */
    final int[] carryCounts = new int[128];
    final Map<SplitPlan.Region, RegionInfo> infos = new HashMap<>();

    static final class RegionInfo {
        final TreeSet<Integer> exits = new TreeSet<>();
        boolean fallsThrough;
        String results = "";
        /** Locals read / written anywhere in the region (nested regions included). */
        final java.util.BitSet reads = new java.util.BitSet();
        final java.util.BitSet writes = new java.util.BitSet();
        /** Some exit runs its interpreter loop's continuation and returns a CONTINUE_BASE code. */
        boolean continues;
    }

    /** Dispatch loops by nest start (empty: the nest is not in one). */
    final Map<Integer, java.util.Optional<dev.wasm2jar.compiler.analysis.DispatchLoop>> dispatchLoops = new HashMap<>();

    /** Fills the read/write sets of a region from its instructions. */
    static void localAccesses(java.util.List<com.dylibso.chicory.wasm.types.AnnotatedInstruction> ins, SplitPlan.Region r, RegionInfo info) {
        for (int i = r.start; i < r.end; i++) {
            var in = ins.get(i);
            switch (in.opcode()) {
                case LOCAL_GET: info.reads.set((int) in.operand(0)); break;
                case LOCAL_SET: info.writes.set((int) in.operand(0)); break;
                case LOCAL_TEE: info.writes.set((int) in.operand(0)); break;
                default: break;
            }
        }
    }

    /**
     * Regions per class when a function has so many that one class's constant pool (65,535 entries) could
     * overflow: they then go to classes of their own.
     */
    static final int REGIONS_PER_CLASS = 400;
    private final String functionOwner;
    private final String regionClassPrefix;

    SplitContext(SplitPlan plan, String frameClass, String baseMethodName, char[] localTypes, String functionOwner,
            String regionClassPrefix) {
        this.functionOwner = functionOwner;
        this.regionClassPrefix = regionClassPrefix;
        this.plan = plan;
        this.frameClass = frameClass;
        this.baseMethodName = baseMethodName;
        this.localTypes = localTypes;
    }

    /** The class holding a region's method. */
    String regionOwner(SplitPlan.Region r) {
        return plan.all.size() <= REGIONS_PER_CLASS ? functionOwner : regionClassPrefix + (r.id / REGIONS_PER_CLASS);
    }

    String regionMethodName(SplitPlan.Region r) {
        return baseMethodName + "$r" + r.id;
    }

    static String localField(int local) {
        return "l" + local;
    }

    static String carryField(char type, int k) {
        return "c" + type + k;
    }

    /**
     * Index-to-state maps of the function's switch nests, one char per br_table entry. They live as static
     * final char[] fields of the frame class: C2 folds such a field to a constant array, so a lookup is one
     * load and never a call (a String constant's charAt is a call chain that only inlines while the
     * dispatcher's inlining budget lasts).
     */
    private final java.util.List<String> stateTables = new java.util.ArrayList<>();

    /** The frame class's static char[] field holding {@code map}. */
    String stateTableField(String map) {
        int k = stateTables.indexOf(map);
        if (k < 0) {
            k = stateTables.size();
            stateTables.add(map);
        }
        return stateTableField(k);
    }

    private static String stateTableField(int k) {
        return "s" + k;
    }

    void useCarry(char type, int count) {
        carryCounts[type] = Math.max(carryCounts[type], count);
    }

    byte[] frameClassBytes() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, frameClass, null, "java/lang/Object", null);
        for (int i = 0; i < localTypes.length; i++) {
            cw.visitField(0, localField(i), JvmTypes.descriptor(localTypes[i]), null, null).visitEnd();
        }
        for (char t = 0; t < carryCounts.length; t++) {
            for (int k = 0; k < carryCounts[t]; k++) {
                cw.visitField(0, carryField(t, k), JvmTypes.descriptor(t), null, null).visitEnd();
            }
        }
        if (!stateTables.isEmpty()) {
            MethodVisitor init = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
            init.visitCode();
            for (int k = 0; k < stateTables.size(); k++) {
                cw.visitField(ACC_STATIC | ACC_FINAL, stateTableField(k), "[C", null, null).visitEnd();
                init.visitLdcInsn("");
                JvmTypes.pushStringChunks(init, stateTables.get(k));
                init.visitMethodInsn(INVOKESTATIC, "java/lang/String", "join",
                        "(Ljava/lang/CharSequence;[Ljava/lang/CharSequence;)Ljava/lang/String;", false);
                init.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "toCharArray", "()[C", false);
                init.visitFieldInsn(PUTSTATIC, frameClass, stateTableField(k), "[C");
            }
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();
        }
        MethodVisitor mv = cw.visitMethod(0, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
