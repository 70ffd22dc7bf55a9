package dev.wasm2jar.compiler.emit;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.analysis.ModuleInfo;
import dev.wasm2jar.rt.ValueTypes;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Translates one Wasm function body (or a region of it) into JVM bytecode.
 *
 * <p>The Wasm operand stack maps onto the JVM operand stack. The emitter tracks the Wasm value types on it
 * ({@link #stack}) because a branch that leaves a block must drop the values beneath the ones it carries
 * (the JVM demands equal stack shapes where control merges). Unreachable code after {@code br},
 * {@code return} and friends is not emitted at all.
 */
final class FunctionEmitter implements Opcodes {
    private static final String OPS = "dev/wasm2jar/rt/Ops";
    private static final String MEM = "dev/wasm2jar/rt/MemoryAccess";
    private static final String BULK = "dev/wasm2jar/rt/Bulk";
    private static final String TRAP = "dev/wasm2jar/rt/Trap";
    private static final String INSTANCE = "dev/wasm2jar/rt/WasmModuleInstance";

    private enum Kind { FUNCTION, BLOCK, LOOP, IF }

    /** Profiling aid: instruction indices (mod 65,536) as line numbers, so profilers attribute samples to instructions. */
    private static final boolean LINE_NUMBERS = Boolean.getBoolean("wasm2jar.lineNumbers");

    /** A Wasm control frame (block, loop, if or the function body). */
    private static final class Frame {
        final Kind kind;
        final String params;
        final String results;
        /** Operand stack height below this frame's parameters. */
        final int base;
        final Label label = new Label();
        Label elseLabel;
        boolean hasElse;
        boolean branchedTo;
        /** Belongs to an enclosing method of a split function: branching to it exits this method. */
        boolean external;
        /** Position in the function-level control stack (0 is the function body). */
        int index;
        /** Instruction index of the BLOCK/LOOP/IF (external frames of region methods; -1 when not recorded). */
        int start = -1;
        /** Split functions: held locals that may be dirty on some branch to this frame's end (null: none yet). */
        java.util.BitSet joinDirty;
        /** Split functions, IF frames: the dirty set when the condition was tested (the else path starts there). */
        java.util.BitSet dirtyAtIf;
        /** Split functions, LOOP frames: locals that live only in the frame object while this loop runs. */
        java.util.BitSet resident;

        Frame(Kind kind, String params, String results, int base) {
            this.kind = kind;
            this.params = params;
            this.results = results;
            this.base = base;
        }

        /** The types a branch to this frame carries: loop parameters, else block results. */
        String branchTypes() {
            return kind == Kind.LOOP ? params : results;
        }
    }

    private final ModuleLayout layout;
    private final ModuleInfo info;
    private final MethodVisitor mv;
    private final int functionIndex;
    private final String signature;
    private final FunctionBody body;

    private final int[] localSlots;
    private final char[] localTypes;
    private int selfSlot;
    private int memSlot = -1;
    /** The memory array's slot chosen with the locals' (-1: the method touches no memory). */
    private int plannedMemSlot = -1;
    /** Stands for the memory array among the locals ordered by use. */
    private static final int MEMORY_ARRAY = -1;
    /** A call or memory.grow since the last load of the memory array (see reloadMemory). */
    private boolean memoryStale;
    private int nextSlot;
    private final int[][] scratch = new int[128][];

    /** Set when this function is split: the plan and the region this method emits (null for the top method). */
    private final SplitContext split;
    private final dev.wasm2jar.compiler.analysis.SplitPlan.Region region;
    private final int rangeStart;
    private final int rangeEnd;
    private final java.util.Map<Integer, dev.wasm2jar.compiler.analysis.SplitPlan.Region> childAt = new java.util.HashMap<>();
    /** Locals this method keeps in JVM slots (the rest live only in the frame object). */
    private final boolean[] held;
    /** The indices of {@link #held} locals, so per-call-site work is proportional to them, not to all locals. */
    private int[] heldList = new int[0];
    /** Locals some instruction of the function reads (so the top method must zero them first). */
    private boolean[] read;
    /** Held locals this method's own instructions write: what its exits must save to the frame. */
    private final boolean[] writtenHere;
    private int frameSlot = -1;
    private int regionBase;
    /** Dry run: a label before each instruction (to measure offsets) and the stack height there. */
    private Label[] dryLabels;
    private int[] dryHeights;
    private String[] dryTypes;

    /** Index of the instruction being emitted. */
    private int current = -1;
    /**
     * Split functions: held locals whose JVM slot may differ from their frame field (null when not split).
     * Region calls store only dirty locals the callee touches; on the eval loop of an interpreter this is a
     * handful of locals per dispatch instead of every local any arm touches.
     */
    private java.util.BitSet dirty;
    /** For an arm of a switch nest in an interpreter loop: the loop, whose continuation the arm runs itself. */
    private dev.wasm2jar.compiler.analysis.DispatchLoop armLoop;
    /** Exit codes from this base up carry the next br_table index (see emitContinuation). */
    static final int CONTINUE_BASE = 0x4000_0000;
    private static final boolean DISPATCH_LOOPS = !Boolean.getBoolean("wasm2jar.noDispatchLoops");
    /** Bytecode size of an interpreter loop's arm: one more than C2's default FreqInlineSize (see padPastInlineSize). */
    static final int ARM_MIN_SIZE = 326;
    /**
     * Split functions: held locals whose current value is in the frame object only, because the loops being
     * emitted touch them through region calls but never in their own code (see {@link #enterLoop}). Their
     * JVM slots are reloaded when a branch leaves such a loop.
     */
    private final java.util.BitSet resident = new java.util.BitSet();
    /**
     * A comparison whose result feeds the next instruction's branch: the jump opcode that is taken when the
     * comparison is true, left for that {@code br_if} or {@code if} to emit instead of a 0/1 value (0: none).
     */
    private int pendingJump;
    /** The two operands of the next i32 unsigned comparison were pushed with their sign bits flipped. */
    private boolean biasedOperands;

    private char[] stack = new char[64];
    private int sp;
    private final List<Frame> ctrl = new ArrayList<>();
    private boolean reachable = true;
    private int skipDepth;

    FunctionEmitter(ModuleLayout layout, MethodVisitor mv, int functionIndex, FunctionBody body) {
        this(layout, mv, functionIndex, body, null, null);
    }

    /**
     * @param split  the split context when the function is split, else null
     * @param region the region to emit as its own method; null for the function's own (top) method
     */
    FunctionEmitter(ModuleLayout layout, MethodVisitor mv, int functionIndex, FunctionBody body, SplitContext split,
            dev.wasm2jar.compiler.analysis.SplitPlan.Region region) {
        this.layout = layout;
        this.info = layout.info;
        this.mv = new MemoryReloadingVisitor(mv);
        this.functionIndex = functionIndex;
        this.signature = layout.signature(functionIndex);
        this.body = body;
        this.split = split;
        this.region = region;
        String params = ValueTypes.params(signature);
        List<ValType> declared = body.localTypes();
        int count = params.length() + declared.size();
        localSlots = new int[count];
        localTypes = new char[count];
        for (int i = 0; i < count; i++) {
            localTypes[i] = i < params.length() ? params.charAt(i) : ModuleInfo.typeChar(declared.get(i - params.length()));
        }
        rangeStart = region != null ? region.start : 0;
        rangeEnd = region != null ? region.end : body.instructions().size();
        held = new boolean[count];
        writtenHere = new boolean[count];
        if (split != null) {
            for (var r : region != null ? region.children : split.plan.topLevel) {
                childAt.put(r.start, r);
            }
            List<AnnotatedInstruction> all = body.instructions();
            for (int i = rangeStart; i < rangeEnd; i++) {
                var child = childAt.get(i);
                if (child != null) {
                    i = child.end - 1;
                    continue;
                }
                OpCode op = all.get(i).opcode();
                if (op == OpCode.LOCAL_GET || op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                    held[(int) all.get(i).operand(0)] = true;
                }
                if (op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                    writtenHere[(int) all.get(i).operand(0)] = true;
                }
            }
            if (region == null) {
                for (int i = 0; i < params.length(); i++) {
                    held[i] = true;
                }
            }
            armLoop = region != null ? dispatchLoopOfArm(region) : null;
            if (armLoop != null) {
                // the arm runs the loop's continuation itself (see emitContinuation)
                for (int l = armLoop.reads.nextSetBit(0); l >= 0; l = armLoop.reads.nextSetBit(l + 1)) {
                    held[l] = true;
                }
                for (int l = armLoop.writes.nextSetBit(0); l >= 0; l = armLoop.writes.nextSetBit(l + 1)) {
                    held[l] = true;
                    writtenHere[l] = true;
                }
            }
        }
        int heldCount = 0;
        for (boolean h : held) {
            heldCount += h ? 1 : 0;
        }
        heldList = new int[heldCount];
        for (int i = 0, k = 0; i < count; i++) {
            if (held[i]) {
                heldList[k++] = i;
            }
        }
        // JVM slots: the parameters first (where the caller put them), then the instance; a split function's
        // methods give slots only to the locals they hold, keeping their frames small.
        int slot = 0;
        if (region != null) {
            frameSlot = slot++;
            selfSlot = slot++;
        } else {
            for (int i = 0; i < params.length(); i++) {
                localSlots[i] = slot;
                slot += JvmTypes.slots(localTypes[i]);
            }
            selfSlot = slot++;
        }
        // Locals the code never touches get no slot (modules may declare tens of thousands), and only
        // locals that are read need the zero that Wasm promises (see emit()).
        boolean[] used = new boolean[count];
        read = new boolean[count];
        // region methods place only held locals, so only whole-function methods need this scan
        for (AnnotatedInstruction in : region == null ? body.instructions() : List.<AnnotatedInstruction>of()) {
            OpCode op = in.opcode();
            if (op == OpCode.LOCAL_GET || op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                used[(int) in.operand(0)] = true;
                if (op == OpCode.LOCAL_GET) {
                    read[(int) in.operand(0)] = true;
                }
            }
        }
        // The most used of them (and the memory array) get the lowest slots: slots 0-3 load and store in one
        // byte instead of two, and past 255 need four, which keeps more methods under C2's inlining sizes.
        int[] uses = new int[count];
        int memoryUses = 0;
        List<AnnotatedInstruction> all = body.instructions();
        for (int i = rangeStart; i < rangeEnd; i++) {
            AnnotatedInstruction in = all.get(i);
            OpCode op = in.opcode();
            if (op == OpCode.LOCAL_GET || op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                uses[(int) in.operand(0)]++;
            } else if (isMemoryAccess(op)) {
                memoryUses++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = region != null ? 0 : params.length(); i < count; i++) {
            localSlots[i] = -1;
            if (split == null ? used[i] : held[i]) {
                order.add(i);
            }
        }
        boolean needsMemory = info.memory != null && usesMemory();
        if (needsMemory) {
            order.add(MEMORY_ARRAY);
        }
        final int memoryCount = memoryUses;
        java.util.function.IntUnaryOperator usesOf = i -> i == MEMORY_ARRAY ? memoryCount : uses[i];
        order.sort((a, b) -> Integer.compare(usesOf.applyAsInt(b), usesOf.applyAsInt(a))); // stable: ties keep index order
        for (int i : order) {
            if (i == MEMORY_ARRAY) {
                plannedMemSlot = slot++;
            } else {
                localSlots[i] = slot;
                slot += JvmTypes.slots(localTypes[i]);
            }
        }
        if (split != null && region == null) {
            frameSlot = slot++;
        }
        nextSlot = slot;
    }

    /** Records, per instruction, a label (for its bytecode offset) and the operand stack height (-1: unreachable). */
    void recordLayout(Label[] labels, int[] heights, String[] types) {
        this.dryLabels = labels;
        this.dryHeights = heights;
        this.dryTypes = types;
    }

    void emit() throws CompileException {
        mv.visitCode();
        List<AnnotatedInstruction> all = body.instructions();
        if (region == null) {
            int params = ValueTypes.params(signature).length();
            for (int i = params; i < localTypes.length; i++) {
                // a split function's top method saves held locals before region calls: all need a value
                if (localSlots[i] >= 0 && (split != null || read[i])) {
                    pushZero(localTypes[i]);
                    mv.visitVarInsn(JvmTypes.storeOpcode(localTypes[i]), localSlots[i]);
                }
            }
            if (split != null) {
                // allocated at the first region call: paths that never reach one (early returns, recursion
                // that exhausts the stack first) allocate nothing
                mv.visitInsn(ACONST_NULL);
                mv.visitVarInsn(ASTORE, frameSlot);
                dirty = new java.util.BitSet();
                for (int i : heldList) {
                    dirty.set(i);
                }
            }
            ctrl.add(new Frame(Kind.FUNCTION, "", ValueTypes.results(signature), 0));
        } else {
            loadHeld();
            dirty = new java.util.BitSet();
            rebuildEnclosingFrames();
        }
        if (plannedMemSlot >= 0) {
            memSlot = plannedMemSlot;
            loadMemoryArray(); // eagerly: the slot must hold an array on every path the verifier sees
        }
        for (int i = rangeStart; i < rangeEnd; i++) {
            AnnotatedInstruction ins = all.get(i);
            if (dryLabels != null) {
                mv.visitLabel(dryLabels[i]);
                dryHeights[i] = reachable ? sp : -1;
                dryTypes[i] = reachable ? new String(stack, 0, sp) : null;
            }
            var child = childAt.get(i);
            // a region starting here may hold the nest: then the region call is what this method emits
            var nest = split != null && child == null ? split.plan.nests.get(i) : null;
            try {
                if (nest != null) {
                    if (reachable) {
                        emitNest(nest);
                    }
                    i = nest.end;
                } else if (child != null) {
                    if (reachable) {
                        callRegion(child);
                    }
                    i = child.end - 1;
                } else if (reachable) {
                    current = i;
                    if (LINE_NUMBERS) {
                        Label here = new Label();
                        mv.visitLabel(here);
                        mv.visitLineNumber(i & 0xFFFF, here);
                    }
                    instruction(ins);
                } else {
                    skip(ins);
                }
            } catch (CompileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CompileException(CompileException.Kind.UNSUPPORTED, "cannot compile " + ins.opcode() + " in "
                        + info.describeFunction(functionIndex) + " at byte offset " + ins.address() + ": " + e, e);
            }
        }
        if (dryLabels != null) {
            mv.visitLabel(dryLabels[rangeEnd]);
        }
        if (region != null && reachable) {
            // falling off the region's end: leftover values travel in carry fields
            split.infos.get(region).fallsThrough = true;
            String leftover = new String(stack, regionBase, sp - regionBase);
            split.infos.get(region).results = leftover;
            exitMethod(-1, leftover);
        }
        if (armLoop != null) {
            padPastInlineSize();
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * C2 inlines a callee of at most {@code FreqInlineSize} (325) bytes at any call site it deems frequent,
     * and an interpreter loop's dispatcher runs so many iterations per invocation that every arm it has
     * ever called counts as frequent. Left alone, C2 inlines whichever small arms it meets first (in
     * pystone mostly rare opcodes) until the dispatcher's budget is spent, which makes the hottest method
     * bigger and slower to compile. Arms of an interpreter loop are therefore padded with unreachable
     * bytes to just above that size: they stay calls, and the dispatcher compiles lean.
     */
    private void padPastInlineSize() {
        Label end = new Label();
        mv.visitLabel(end);
        int missing = ARM_MIN_SIZE - end.getOffset();
        if (missing > 0) {
            // never executed (every path above ends in a return or throw); ASM turns it into nops + athrow
            for (int k = 0; k < missing - 1; k++) {
                mv.visitInsn(NOP);
            }
            mv.visitInsn(ATHROW);
        }
    }

    // ---------------------------------------------------------------- split functions

    /** The frames enclosing this region, as external frames with their function-level indices. */
    private void rebuildEnclosingFrames() {
        List<AnnotatedInstruction> all = body.instructions();
        int[] match = match();
        Frame fn = new Frame(Kind.FUNCTION, "", ValueTypes.results(signature), 0);
        fn.external = true;
        ctrl.add(fn);
        // the constructs open at region.start, outermost first (walking the innermost-open chain up)
        int[] innermost = innermostOpen();
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int c = innermost[region.start]; c >= 0; c = c == 0 ? -1 : innermost[c]) {
            open.push(c);
        }
        for (int i : open) {
            OpCode op = all.get(i).opcode();
            {
                String sig = info.blockSignature(all.get(i).operand(0));
                String params = ValueTypes.params(sig);
                int h = split.heights[i] - (op == OpCode.IF ? 1 : 0);
                Frame f = new Frame(op == OpCode.LOOP ? Kind.LOOP : op == OpCode.IF ? Kind.IF : Kind.BLOCK, params,
                        ValueTypes.results(sig), h - params.length());
                f.external = true;
                f.index = ctrl.size();
                f.start = i;
                ctrl.add(f);
            }
        }
        regionBase = region.base;
        for (int i = 0; i < regionBase; i++) {
            push('?');
        }
        loadCarried(regionInputs(region));
    }

    /**
     * For each instruction, the index of the innermost BLOCK/LOOP/IF open before it (-1 at top level); at a
     * construct's own start, the construct around it. One pass, shared by all region methods.
     */
    /** The END of each construct (split functions: computed once, every region method needs it). */
    private int[] match() {
        if (split.match == null) {
            split.match = dev.wasm2jar.compiler.analysis.SplitPlan.matchEnds(body.instructions());
        }
        return split.match;
    }

    /** The innermost open construct before each instruction (split functions: computed once). */
    private int[] innermostOpen() {
        if (split.innermostOpen == null) {
            split.innermostOpen = innermostOpen(body.instructions(), match());
        }
        return split.innermostOpen;
    }

    private static int[] innermostOpen(List<AnnotatedInstruction> all, int[] match) {
        int[] result = new int[all.size() + 1];
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        for (int i = 0; i < all.size(); i++) {
            result[i] = stack.isEmpty() ? -1 : stack.peek();
            OpCode op = all.get(i).opcode();
            if ((op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) && match[i] > i) {
                stack.push(i);
            } else if (op == OpCode.END && !stack.isEmpty() && match[stack.peek()] == i) {
                stack.pop();
            }
        }
        result[all.size()] = -1;
        return result;
    }

    private void loadHeld() {
        for (int i : heldList) {
            if (held[i]) {
                mv.visitVarInsn(ALOAD, frameSlot);
                mv.visitFieldInsn(GETFIELD, split.frameClass, SplitContext.localField(i), JvmTypes.descriptor(localTypes[i]));
                mv.visitVarInsn(JvmTypes.storeOpcode(localTypes[i]), localSlots[i]);
            }
        }
    }

    private void storeLocal(int i) {
        mv.visitVarInsn(ALOAD, frameSlot);
        mv.visitVarInsn(JvmTypes.loadOpcode(localTypes[i]), localSlots[i]);
        mv.visitFieldInsn(PUTFIELD, split.frameClass, SplitContext.localField(i), JvmTypes.descriptor(localTypes[i]));
    }

    private void loadLocal(int i) {
        mv.visitVarInsn(ALOAD, frameSlot);
        mv.visitFieldInsn(GETFIELD, split.frameClass, SplitContext.localField(i), JvmTypes.descriptor(localTypes[i]));
        mv.visitVarInsn(JvmTypes.storeOpcode(localTypes[i]), localSlots[i]);
    }

    /** Before region calls: the dirty held locals among {@code locals} go to the frame (and are clean). */
    private void syncToFrame(java.util.BitSet locals) {
        for (int i : heldList) {
            if (held[i] && dirty.get(i) && locals.get(i)) {
                storeLocal(i);
                dirty.clear(i);
            }
        }
    }

    /**
     * After region calls: the held locals among {@code locals} (what the callees may have written) come back
     * from the frame, except loop-resident ones; then the memory array, which a callee may have grown.
     */
    private void reloadFromFrame(java.util.BitSet locals) {
        for (int i : heldList) {
            if (held[i] && locals.get(i) && !resident.get(i)) {
                loadLocal(i);
                dirty.clear(i);
            }
        }
        reloadMemory();
    }

    /** At an exit of a region method: the locals this path changed (the method loaded them all on entry). */
    private void saveChangedLocals() {
        for (int i : heldList) {
            if (held[i] && writtenHere[i] && dirty.get(i)) {
                storeLocal(i);
            }
        }
    }

    /**
     * Leaves this region method: the top values (of {@code types}, bottom first) go to carry fields, the rest
     * of this method's operand stack is dropped, the locals this path wrote are saved, and it returns {@code code}.
     */
    private void exitMethod(int code, String types) {
        storeCarried(types);
        for (int i = sp - types.length() - 1; i >= regionBase; i--) {
            popJvm(stack[i]);
        }
        saveChangedLocals();
        JvmTypes.pushInt(mv, code);
        mv.visitInsn(IRETURN);
        if (code >= 0) {
            split.infos.get(region).exits.add(code);
        }
    }

    private void storeCarried(String types) {
        int[] counts = new int[128];
        int[] index = new int[types.length()];
        for (int i = 0; i < types.length(); i++) {
            index[i] = counts[types.charAt(i)]++;
        }
        for (int i = types.length() - 1; i >= 0; i--) {
            char t = types.charAt(i);
            mv.visitVarInsn(ALOAD, frameSlot);
            if (JvmTypes.slots(t) == 2) {
                mv.visitInsn(DUP_X2);
                mv.visitInsn(POP);
            } else {
                mv.visitInsn(SWAP);
            }
            mv.visitFieldInsn(PUTFIELD, split.frameClass, SplitContext.carryField(t, index[i]), JvmTypes.descriptor(t));
        }
        for (char t = 0; t < 128; t++) {
            split.useCarry(t, counts[t]);
        }
    }

    private void loadCarried(String types) {
        int[] counts = new int[128];
        for (int i = 0; i < types.length(); i++) {
            char t = types.charAt(i);
            mv.visitVarInsn(ALOAD, frameSlot);
            mv.visitFieldInsn(GETFIELD, split.frameClass, SplitContext.carryField(t, counts[t]++), JvmTypes.descriptor(t));
            push(t);
        }
    }

    /** The top method allocates the frame object at its first region call. */
    private void ensureFrame() {
        if (region == null) {
            Label haveFrame = new Label();
            mv.visitVarInsn(ALOAD, frameSlot);
            mv.visitJumpInsn(IFNONNULL, haveFrame);
            mv.visitTypeInsn(NEW, split.frameClass);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKESPECIAL, split.frameClass, "<init>", "()V", false);
            mv.visitVarInsn(ASTORE, frameSlot);
            mv.visitLabel(haveFrame);
        }
    }

    /**
     * A switch nest as a state machine: the code before the br_table runs here, the br_table picks the first
     * arm, and a loop calls arm regions, moving to whichever arm (or exit) each one's exit code names. A
     * dispatch costs one tableswitch and one call, however deep the nest.
     */
    private void emitNest(dev.wasm2jar.compiler.analysis.SplitPlan.Nest nest) throws CompileException {
        List<AnnotatedInstruction> all = body.instructions();
        int depth = nest.depth();
        int h = sp;
        Frame[] frames = new Frame[depth];
        for (int k = depth - 1; k >= 0; k--) {
            Frame f = new Frame(Kind.BLOCK, "", "", h);
            f.index = ctrl.size();
            ctrl.add(f);
            frames[k] = f;
        }
        for (int j = nest.blockStarts[0] + 1; j < nest.brTable && reachable; j++) {
            current = j;
            instruction(all.get(j));
        }
        if (!reachable) {
            popNestFrames(depth, h);
            reachable = false;
            return;
        }
        // br_table: entry -> state (0..depth-2: run that arm; depth-1: leave the nest; depth+m: m-th outer target)
        pop();
        long[] targets = all.get(nest.brTable).operands();
        List<Frame> outer = new ArrayList<>();
        StringBuilder map = new StringBuilder();
        int defaultState = 0;
        for (int e = 0; e < targets.length; e++) {
            int d = (int) targets[e];
            int state;
            if (d < depth) {
                state = d;
            } else {
                Frame t = target(d);
                int m = outer.indexOf(t);
                if (m < 0) {
                    m = outer.size();
                    outer.add(t);
                }
                state = depth + m;
            }
            if (e == targets.length - 1) {
                defaultState = state;
            } else {
                map.append((char) state);
            }
        }
        int stateSlot = scratchSlot('i', 6);
        int codeSlot = scratchSlot('i', 7);
        storeStateOfIndex(stateSlot, map.toString(), defaultState);
        Label enter = new Label();
        if (!outer.isEmpty()) {
            // the br_table leaves the nest at once: an ordinary branch, operand stack as it is
            Label[] outerLabels = new Label[outer.size()];
            for (int m = 0; m < outerLabels.length; m++) {
                outerLabels[m] = new Label();
            }
            mv.visitVarInsn(ILOAD, stateSlot);
            mv.visitTableSwitchInsn(depth, depth + outer.size() - 1, enter, outerLabels);
            for (int m = 0; m < outerLabels.length; m++) {
                mv.visitLabel(outerLabels[m]);
                branch(outer.get(m));
            }
        }
        mv.visitLabel(enter);
        for (int k = sp - 1; k >= h; k--) {
            popJvm(stack[k]);
        }
        sp = h;
        // the arms work on the frame object: hand over every local any arm touches
        java.util.BitSet touched = new java.util.BitSet();
        java.util.BitSet written = new java.util.BitSet();
        java.util.TreeSet<Integer> outerCodes = new java.util.TreeSet<>();
        int first = frames[depth - 1].index;
        for (var arm : nest.arms) {
            if (arm != null) {
                SplitContext.RegionInfo ri = split.infos.get(arm);
                touched.or(ri.reads);
                touched.or(ri.writes);
                written.or(ri.writes);
                for (int c : ri.exits) {
                    if (c < first || c > first + depth - 1) {
                        outerCodes.add(c);
                    }
                }
            }
        }
        // arms that run the interpreter loop's continuation themselves read and write its locals in the frame
        var dispatchLoop = dispatchLoopOf(nest);
        boolean continuing = false;
        for (var arm : nest.arms) {
            continuing |= arm != null && split.infos.get(arm).continues;
        }
        if (dispatchLoop != null && continuing) {
            touched.or(dispatchLoop.reads);
            touched.or(dispatchLoop.writes);
            written.or(dispatchLoop.writes);
        }
        ensureFrame();
        syncToFrame(touched);
        Label loop = new Label();
        Label common = new Label();
        Label exit = new Label();
        Label[] cases = new Label[depth];
        for (int k = 0; k < depth; k++) {
            cases[k] = k == depth - 1 ? exit : new Label();
        }
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, stateSlot);
        mv.visitTableSwitchInsn(0, depth - 1, exit, cases);
        for (int k = 0; k < depth - 1; k++) {
            mv.visitLabel(cases[k]);
            var arm = nest.arms[k];
            if (arm == null) {
                mv.visitIincInsn(stateSlot, 1);
                mv.visitJumpInsn(GOTO, loop);
                continue;
            }
            mv.visitVarInsn(ALOAD, frameSlot);
            mv.visitVarInsn(ALOAD, selfSlot);
            mv.visitMethodInsn(INVOKESTATIC, split.regionOwner(arm), split.regionMethodName(arm),
                    "(L" + split.frameClass + ";" + layout.selfDesc + ")I", false);
            mv.visitVarInsn(ISTORE, codeSlot);
            mv.visitJumpInsn(GOTO, common);
        }
        // exit code: -1 falls into the next arm; a nest block's index continues after that block; else leave
        mv.visitLabel(common);
        if (continuing) {
            // CONTINUE_BASE + i: the arm ran the loop on to the br_table, whose index is i: dispatch again
            Label notContinue = new Label();
            mv.visitVarInsn(ILOAD, codeSlot);
            JvmTypes.pushInt(mv, CONTINUE_BASE);
            mv.visitJumpInsn(IF_ICMPLT, notContinue);
            mv.visitVarInsn(ILOAD, codeSlot);
            JvmTypes.pushInt(mv, CONTINUE_BASE);
            mv.visitInsn(ISUB);
            storeStateOfIndex(stateSlot, map.toString(), defaultState);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(notContinue);
        }
        Label branchOut = new Label();
        mv.visitVarInsn(ILOAD, codeSlot);
        mv.visitInsn(ICONST_M1);
        mv.visitJumpInsn(IF_ICMPNE, branchOut);
        mv.visitIincInsn(stateSlot, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(branchOut);
        Label notNest = new Label();
        mv.visitVarInsn(ILOAD, codeSlot);
        JvmTypes.pushInt(mv, first);
        mv.visitInsn(ISUB);
        mv.visitInsn(DUP);
        // a biased compare, not Integer.compareUnsigned: in the dispatcher C2 has usually spent its inlining
        // budget on small arms by the time it reaches this call, which then stays a real call per dispatch
        biasForUnsignedCompare(depth);
        mv.visitJumpInsn(IF_ICMPGE, notNest);
        // state = depth - 1 - (code - first)
        JvmTypes.pushInt(mv, depth - 1);
        mv.visitInsn(SWAP);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, stateSlot);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(notNest);
        mv.visitInsn(POP);
        // leaving the nest by an outer branch (or return): locals back from the frame, then branch
        reloadFromFrame(written);
        if (!outerCodes.isEmpty()) {
            int[] keys = outerCodes.stream().mapToInt(Integer::intValue).toArray();
            Label[] labels = new Label[keys.length];
            for (int k = 0; k < keys.length; k++) {
                labels[k] = new Label();
            }
            Label bad = new Label();
            mv.visitVarInsn(ILOAD, codeSlot);
            mv.visitLookupSwitchInsn(bad, keys, labels);
            for (int k = 0; k < keys.length; k++) {
                mv.visitLabel(labels[k]);
                Frame t = ctrl.get(keys[k]);
                String carried = t.kind == Kind.FUNCTION ? ValueTypes.results(signature) : t.branchTypes();
                loadCarried(carried);
                branch(t);
                sp = h;
            }
            mv.visitLabel(bad);
        }
        mv.visitMethodInsn(INVOKESTATIC, TRAP, "unreachable", "()L" + TRAP + ";", false);
        mv.visitInsn(ATHROW);
        // leaving the nest at its end
        mv.visitLabel(exit);
        reloadFromFrame(written);
        popNestFrames(depth, h);
        reachable = true;
    }

    /**
     * The br_table of a nest: the state for the table index on the stack (one char of {@code map} per
     * entry, looked up in the frame class's table; {@code defaultState} past its end) goes to {@code stateSlot}.
     */
    private void storeStateOfIndex(int stateSlot, String map, int defaultState) {
        Label inRange = new Label();
        Label haveState = new Label();
        mv.visitInsn(DUP);
        jumpIfBelowUnsigned(map.length(), inRange);
        mv.visitInsn(POP);
        JvmTypes.pushInt(mv, defaultState);
        mv.visitJumpInsn(GOTO, haveState);
        mv.visitLabel(inRange);
        mv.visitFieldInsn(GETSTATIC, split.frameClass, split.stateTableField(map), "[C");
        mv.visitInsn(SWAP);
        mv.visitInsn(CALOAD);
        mv.visitLabel(haveState);
        mv.visitVarInsn(ISTORE, stateSlot);
    }

    private void popNestFrames(int depth, int h) {
        for (int k = 0; k < depth; k++) {
            ctrl.remove(ctrl.size() - 1);
        }
        sp = h;
    }

    /** The operand values a region starts with above its base (passed in through carry fields). */
    private String regionInputs(dev.wasm2jar.compiler.analysis.SplitPlan.Region r) {
        return split.types[r.start].substring(r.base);
    }

    /** Calls an outlined region and continues where its exit code says. */
    private void callRegion(dev.wasm2jar.compiler.analysis.SplitPlan.Region r) {
        SplitContext.RegionInfo ri = split.infos.get(r);
        ensureFrame();
        String inputs = regionInputs(r);
        storeCarried(inputs);
        pop(inputs.length());
        // The region loads every local it touches, and every local it may write is reloaded after the call
        // whether or not this run wrote it: the frame must hold the current value of both kinds.
        java.util.BitSet touched = (java.util.BitSet) ri.reads.clone();
        touched.or(ri.writes);
        syncToFrame(touched);
        mv.visitVarInsn(ALOAD, frameSlot);
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitMethodInsn(INVOKESTATIC, split.regionOwner(r), split.regionMethodName(r),
                "(L" + split.frameClass + ";" + layout.selfDesc + ")I", false);
        int codeSlot = scratchSlot('i', 0);
        if (!ri.exits.isEmpty()) {
            mv.visitVarInsn(ISTORE, codeSlot);
        } else {
            mv.visitInsn(POP);
        }
        reloadFromFrame(ri.writes);
        if (ri.exits.isEmpty()) {
            if (ri.fallsThrough) {
                loadCarried(ri.results);
            } else {
                // the region never returns normally (it always traps)
                mv.visitMethodInsn(INVOKESTATIC, TRAP, "unreachable", "()L" + TRAP + ";", false);
                mv.visitInsn(ATHROW);
                reachable = false;
            }
            return;
        }
        int[] keys = ri.exits.stream().mapToInt(Integer::intValue).toArray();
        Label[] labels = new Label[keys.length];
        for (int k = 0; k < keys.length; k++) {
            labels[k] = new Label();
        }
        Label fall = new Label();
        mv.visitVarInsn(ILOAD, codeSlot);
        mv.visitLookupSwitchInsn(ri.fallsThrough ? fall : labels[0], keys, labels);
        int savedSp = sp;
        for (int k = 0; k < keys.length; k++) {
            mv.visitLabel(labels[k]);
            Frame target = ctrl.get(keys[k]);
            String carried = target.kind == Kind.FUNCTION ? ValueTypes.results(signature) : target.branchTypes();
            loadCarried(carried);
            branch(target);
            sp = savedSp;
        }
        if (ri.fallsThrough) {
            mv.visitLabel(fall);
            loadCarried(ri.results);
        } else {
            reachable = false;
        }
    }

    private boolean usesMemory() {
        if (split != null) {
            if (split.usesMemory == null) {
                split.usesMemory = scanForMemory();
            }
            return split.usesMemory;
        }
        return scanForMemory();
    }

    private boolean scanForMemory() {
        for (AnnotatedInstruction ins : body.instructions()) {
            if (isMemoryAccess(ins.opcode())) {
                return true;
            }
        }
        return false;
    }

    /** A load or store of linear memory (opcodes 0x28 to 0x3E). */
    private static boolean isMemoryAccess(OpCode op) {
        return op.opcode() >= 0x28 && op.opcode() <= 0x3E;
    }

    // ---------------------------------------------------------------- stack bookkeeping

    /** The JVM's operand stack holds at most 65,535 slots; refuse well before (longs take two). */
    private static final int MAX_OPERAND_STACK = 30_000;

    private void push(char t) {
        if (sp >= MAX_OPERAND_STACK) {
            throw new IllegalStateException("the operand stack grows deeper than " + MAX_OPERAND_STACK
                    + " values, more than a JVM method can hold");
        }
        if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = t;
    }

    private void push(String types) {
        for (int i = 0; i < types.length(); i++) {
            push(types.charAt(i));
        }
    }

    private char pop() {
        return stack[--sp];
    }

    private void pop(int n) {
        sp -= n;
    }

    private char peek() {
        return stack[sp - 1];
    }

    private int scratchSlot(char type, int k) {
        int[] slots = scratch[type];
        if (slots == null || slots.length <= k) {
            int[] grown = new int[k + 4];
            java.util.Arrays.fill(grown, -1);
            if (slots != null) {
                System.arraycopy(slots, 0, grown, 0, slots.length);
            }
            scratch[type] = slots = grown;
        }
        if (slots[k] < 0) {
            slots[k] = nextSlot;
            nextSlot += JvmTypes.slots(type);
        }
        return slots[k];
    }

    /**
     * After a call or {@code memory.grow} the memory array may have been replaced. The reload is deferred to
     * the next memory access, or to the end of the straight-line code (a label, jump or switch; see
     * {@link MemoryReloadingVisitor}), so paths that return or call again without touching memory skip it.
     */
    private void reloadMemory() {
        if (memSlot >= 0) {
            memoryStale = true;
        }
    }

    /** Loads the memory array now if a call may have replaced it since the last load. */
    private void materializeMemory() {
        if (memoryStale) {
            memoryStale = false;
            loadMemoryArray();
        }
    }

    private void loadMemoryArray() {
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
        mv.visitFieldInsn(GETFIELD, "dev/wasm2jar/rt/Memory", "bytes", "[B");
        mv.visitVarInsn(ASTORE, memSlot);
    }

    /**
     * Keeps the deferred memory reload sound at control-flow joins: every edge into a label (the fall-through
     * and each jump or switch) loads the array first if it is stale, so code after any label starts fresh.
     * The reload itself is stack-neutral, so it can precede a conditional jump whose operands are pushed.
     */
    private final class MemoryReloadingVisitor extends MethodVisitor {
        MemoryReloadingVisitor(MethodVisitor next) {
            super(ASM9, next);
        }

        @Override
        public void visitLabel(Label label) {
            if (reachable) {
                materializeMemory();
            } else {
                memoryStale = false; // only jumps reach this label, and they loaded the array
            }
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            materializeMemory();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            materializeMemory();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            materializeMemory();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }
    }

    private void pushZero(char t) {
        switch (t) {
            case 'i': mv.visitInsn(ICONST_0); break;
            case 'l': mv.visitInsn(LCONST_0); break;
            case 'f': mv.visitInsn(FCONST_0); break;
            case 'd': mv.visitInsn(DCONST_0); break;
            default: mv.visitInsn(ACONST_NULL); break;
        }
    }

    private void popJvm(char t) {
        mv.visitInsn(JvmTypes.slots(t) == 2 ? POP2 : POP);
    }

    /**
     * Emits what a branch to {@code target} needs before jumping: the carried values stay on top, everything
     * between them and the target's base is dropped. Does not change {@link #stack}.
     */
    private void emitBranchAdjust(Frame target) {
        String carried = target.branchTypes();
        int excess = sp - target.base - carried.length();
        if (excess <= 0) {
            return;
        }
        int n = carried.length();
        int[] counts = new int[128];
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            char t = stack[sp - 1 - i];
            slots[i] = scratchSlot(t, counts[t]++);
            mv.visitVarInsn(JvmTypes.storeOpcode(t), slots[i]);
        }
        for (int i = 0; i < excess; i++) {
            popJvm(stack[sp - 1 - n - i]);
        }
        for (int i = n - 1; i >= 0; i--) {
            mv.visitVarInsn(JvmTypes.loadOpcode(stack[sp - 1 - i]), slots[i]);
        }
    }

    private boolean needsAdjust(Frame target) {
        return sp - target.base - target.branchTypes().length() > 0;
    }

    /** Returns from the function with the top result values (anything beneath is discarded by the JVM). */
    private void emitReturn() {
        String results = ValueTypes.results(signature);
        if (results.isEmpty()) {
            mv.visitInsn(RETURN);
        } else if (results.length() == 1) {
            mv.visitInsn(JvmTypes.returnOpcode(results.charAt(0)));
        } else {
            packTop(results);
            mv.visitInsn(ARETURN);
        }
    }

    /** Replaces the top values (of the given types) with one boxed {@code Object[]}. */
    private void packTop(String types) {
        int n = types.length();
        int[] counts = new int[128];
        int[] slots = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            char t = types.charAt(i);
            slots[i] = scratchSlot(t, counts[t]++);
            mv.visitVarInsn(JvmTypes.storeOpcode(t), slots[i]);
        }
        JvmTypes.pushInt(mv, n);
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < n; i++) {
            mv.visitInsn(DUP);
            JvmTypes.pushInt(mv, i);
            mv.visitVarInsn(JvmTypes.loadOpcode(types.charAt(i)), slots[i]);
            JvmTypes.box(mv, types.charAt(i));
            mv.visitInsn(AASTORE);
        }
    }

    /** Replaces an {@code Object[]} on top of the JVM stack with its unboxed elements. */
    private void unpackTop(String types) {
        int arr = scratchSlot('A', 0);
        mv.visitVarInsn(ASTORE, arr);
        for (int i = 0; i < types.length(); i++) {
            mv.visitVarInsn(ALOAD, arr);
            JvmTypes.pushInt(mv, i);
            mv.visitInsn(AALOAD);
            JvmTypes.unbox(mv, types.charAt(i));
        }
    }

    // ---------------------------------------------------------------- control flow

    private void skip(AnnotatedInstruction ins) {
        switch (ins.opcode()) {
            case BLOCK:
            case LOOP:
            case IF:
                skipDepth++;
                break;
            case ELSE:
                if (skipDepth == 0) {
                    doElse();
                }
                break;
            case END:
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    doEnd();
                }
                break;
            default:
                break;
        }
    }

    private Frame target(long depth) {
        return ctrl.get(ctrl.size() - 1 - (int) depth);
    }

    private void doElse() {
        Frame f = ctrl.get(ctrl.size() - 1);
        if (reachable) {
            mv.visitJumpInsn(GOTO, f.label);
            f.branchedTo = true;
            noteBranch(f);
        }
        if (dirty != null) {
            dirty = (java.util.BitSet) f.dirtyAtIf.clone();
        }
        f.hasElse = true;
        mv.visitLabel(f.elseLabel);
        sp = f.base;
        push(f.params);
        reachable = true;
    }

    private void doEnd() {
        Frame f = ctrl.remove(ctrl.size() - 1);
        if (f.kind == Kind.FUNCTION) {
            if (reachable) {
                emitReturn();
            }
            reachable = false;
            return;
        }
        if (dirty != null && f.kind != Kind.LOOP) {
            // the state after END joins every way in: falling through, branches, and an if's empty else
            java.util.BitSet joined = reachable ? dirty : new java.util.BitSet();
            if (f.joinDirty != null) {
                joined.or(f.joinDirty);
            }
            if (f.kind == Kind.IF && !f.hasElse) {
                joined.or(f.dirtyAtIf);
            }
            dirty = joined;
        }
        if (f.resident != null) {
            if (reachable) {
                reloadResident(f.resident);
            }
            resident.andNot(f.resident);
        }
        boolean after;
        switch (f.kind) {
            case LOOP:
                after = reachable;
                break;
            case IF:
                if (!f.hasElse) {
                    mv.visitLabel(f.elseLabel);
                    after = true;
                } else {
                    after = reachable || f.branchedTo;
                }
                mv.visitLabel(f.label);
                break;
            default:
                after = reachable || f.branchedTo;
                mv.visitLabel(f.label);
                break;
        }
        sp = f.base;
        push(f.results);
        reachable = after;
    }

    private void branch(Frame target) {
        leaveResidentLoops(target);
        if (target.external && armLoop != null && armLoop.tails.containsKey(target.start)) {
            emitContinuation(armLoop.tails.get(target.start));
            return;
        }
        if (target.external) {
            String carried = target.kind == Kind.FUNCTION ? ValueTypes.results(signature) : target.branchTypes();
            exitMethod(target.index, carried);
            return;
        }
        if (target.kind == Kind.FUNCTION) {
            emitReturn();
            return;
        }
        target.branchedTo = true;
        noteBranch(target);
        emitBranchAdjust(target);
        mv.visitJumpInsn(GOTO, target.label);
    }

    /** The dispatch loop whose switch nest has {@code arm} as an arm, or null. */
    private dev.wasm2jar.compiler.analysis.DispatchLoop dispatchLoopOfArm(dev.wasm2jar.compiler.analysis.SplitPlan.Region arm) {
        if (!DISPATCH_LOOPS) {
            return null;
        }
        for (var nest : split.plan.nests.values()) {
            for (var a : nest.arms) {
                if (a == arm) {
                    return dispatchLoopOf(nest);
                }
            }
        }
        return null;
    }

    private dev.wasm2jar.compiler.analysis.DispatchLoop dispatchLoopOf(dev.wasm2jar.compiler.analysis.SplitPlan.Nest nest) {
        if (!DISPATCH_LOOPS) {
            return null;
        }
        return split.dispatchLoops.computeIfAbsent(nest.start, k -> java.util.Optional.ofNullable(
                dev.wasm2jar.compiler.analysis.DispatchLoop.of(body.instructions(), match(), split.heights, innermostOpen(), nest)))
                .orElse(null);
    }

    /**
     * An arm branches on to the next dispatch of its interpreter loop: it runs the straight code from the
     * branch target to the loop's next br_table here (the block's tail, the loop header's poll and prefix,
     * the nest's prefix) and returns {@link #CONTINUE_BASE} plus the table index (clamped to the table's
     * length), so the dispatcher only has to pick the next arm.
     */
    private void emitContinuation(int[] tail) {
        // this path ends in a return: what follows in the emission (a br_if's fall-through) keeps its state
        int savedSp = sp;
        char[] savedStack = stack.clone();
        java.util.BitSet savedDirty = (java.util.BitSet) dirty.clone();
        for (int i = sp - 1; i >= regionBase; i--) {
            popJvm(stack[i]);
        }
        sp = regionBase;
        int saved = current;
        List<AnnotatedInstruction> all = body.instructions();
        emitStraight(all, tail[0], tail[1]);
        mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/Interruption", "poll", "()V", false);
        emitStraight(all, armLoop.loopStart + 1, armLoop.nestStart);
        emitStraight(all, armLoop.innermostBlock + 1, armLoop.brTable);
        current = saved;
        int len = all.get(armLoop.brTable).operands().length - 1;
        Label inRange = new Label();
        mv.visitInsn(DUP);
        jumpIfBelowUnsigned(len, inRange);
        mv.visitInsn(POP);
        JvmTypes.pushInt(mv, len);
        mv.visitLabel(inRange);
        JvmTypes.pushInt(mv, CONTINUE_BASE);
        mv.visitInsn(IADD);
        pop();
        saveChangedLocals();
        mv.visitInsn(IRETURN);
        split.infos.get(region).continues = true;
        stack = savedStack;
        sp = savedSp;
        dirty = savedDirty;
    }

    /** Emits straight code (no branches or constructs; BLOCK openers are skipped, they only nest). */
    private void emitStraight(List<AnnotatedInstruction> all, int from, int to) {
        for (int i = from; i < to; i++) {
            if (all.get(i).opcode() == OpCode.BLOCK) {
                continue;
            }
            current = i;
            try {
                instruction(all.get(i));
            } catch (CompileException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void markDirty(int local) {
        if (dirty != null) {
            dirty.set(local);
        }
    }

    /** A branch to {@code target} from here: its end is reached with the current dirty set too. */
    private void noteBranch(Frame target) {
        if (dirty == null || target.kind == Kind.LOOP || target.kind == Kind.FUNCTION || target.external) {
            return; // loop headers are covered by enterLoop; other exits leave this method
        }
        if (target.joinDirty == null) {
            target.joinDirty = (java.util.BitSet) dirty.clone();
        } else {
            target.joinDirty.or(dirty);
        }
    }

    /**
     * Before a loop's header (split functions). The header is also reached from back-edges, so locals this
     * method writes inside the loop count as dirty there. Locals the loop's region calls touch but its own
     * code never writes are stored once here instead of before every call in every iteration; those its own
     * code does not read either become resident: region calls inside the loop neither save nor reload them.
     */
    private void enterLoop(int loopStart, Frame loop) {
        if (dirty == null) {
            return;
        }
        List<AnnotatedInstruction> all = body.instructions();
        java.util.BitSet written = new java.util.BitSet();
        java.util.BitSet read = new java.util.BitSet();
        java.util.BitSet touched = new java.util.BitSet();
        scanOwnCode(all, loopStart + 1, match()[loopStart], written, read, touched);
        java.util.BitSet sync = (java.util.BitSet) dirty.clone();
        sync.and(touched);
        sync.andNot(written);
        if (!sync.isEmpty()) {
            ensureFrame();
            syncToFrame(sync);
        }
        dirty.or(written);
        java.util.BitSet mine = (java.util.BitSet) touched.clone();
        mine.andNot(written);
        mine.andNot(read);
        mine.andNot(resident);
        for (int i = mine.nextSetBit(0); i >= 0; i = mine.nextSetBit(i + 1)) {
            if (!held[i]) {
                mine.clear(i); // never in a slot of this method: nothing to keep or reload
            }
        }
        if (!mine.isEmpty()) {
            loop.resident = mine;
            resident.or(mine);
        }
    }

    /** Whether a branch to {@code target} leaves a loop with resident locals. */
    private boolean leavesResidentLoop(Frame target) {
        if (resident.isEmpty()) {
            return false;
        }
        for (int k = ctrl.size() - 1; k >= 0 && ctrl.get(k) != target; k--) {
            if (ctrl.get(k).resident != null) {
                return true;
            }
        }
        return target.external || target.kind == Kind.FUNCTION;
    }

    /** Before a branch: the resident locals of every loop it leaves go back into their JVM slots. */
    private void leaveResidentLoops(Frame target) {
        if (resident.isEmpty() || (region == null && target.kind == Kind.FUNCTION)) {
            return; // a return from the top method needs no locals
        }
        for (int k = ctrl.size() - 1; k >= 0 && ctrl.get(k) != target; k--) {
            if (ctrl.get(k).resident != null) {
                reloadResident(ctrl.get(k).resident);
            }
        }
    }

    private void reloadResident(java.util.BitSet locals) {
        for (int i = locals.nextSetBit(0); i >= 0; i = locals.nextSetBit(i + 1)) {
            loadLocal(i);
        }
    }

    /**
     * Over instructions [from, to): the locals this method's own code writes and reads, and the locals the region
     * calls (outlined regions and nest arms) read or write.
     */
    private void scanOwnCode(List<AnnotatedInstruction> all, int from, int to, java.util.BitSet written, java.util.BitSet read,
            java.util.BitSet touched) {
        for (int i = from; i < to; i++) {
            var child = childAt.get(i);
            if (child != null) {
                addAccesses(child, touched);
                i = child.end - 1;
                continue;
            }
            var nest = split.plan.nests.get(i);
            if (nest != null) {
                scanOwnCode(all, nest.blockStarts[0] + 1, nest.brTable, written, read, touched);
                for (var arm : nest.arms) {
                    if (arm != null) {
                        addAccesses(arm, touched);
                    }
                }
                i = nest.end;
                continue;
            }
            OpCode op = all.get(i).opcode();
            if ((op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) && held[(int) all.get(i).operand(0)]) {
                written.set((int) all.get(i).operand(0));
            } else if (op == OpCode.LOCAL_GET && held[(int) all.get(i).operand(0)]) {
                read.set((int) all.get(i).operand(0));
            }
        }
    }

    private void addAccesses(dev.wasm2jar.compiler.analysis.SplitPlan.Region r, java.util.BitSet touched) {
        SplitContext.RegionInfo ri = split.infos.get(r);
        touched.or(ri.reads);
        touched.or(ri.writes);
    }

    private void brIf(Frame target) {
        if (target.kind != Kind.FUNCTION && !target.external && !needsAdjust(target) && !leavesResidentLoop(target)) {
            target.branchedTo = true;
            noteBranch(target);
            mv.visitJumpInsn(takeJump(true), target.label);
            return;
        }
        Label skip = new Label();
        mv.visitJumpInsn(takeJump(false), skip);
        branch(target);
        mv.visitLabel(skip);
    }

    private void brTable(AnnotatedInstruction ins) {
        long[] ops = ins.operands();
        int n = ops.length - 1;
        Label[] labels = new Label[n];
        List<Label> stubLabels = new ArrayList<>();
        List<Frame> stubTargets = new ArrayList<>();
        java.util.Map<Frame, Label> stubs = new java.util.HashMap<>();
        Label dflt = null;
        for (int i = 0; i <= n; i++) {
            Frame t = target(ops[i]);
            Label l;
            if (t.kind != Kind.FUNCTION && !t.external && !needsAdjust(t) && !leavesResidentLoop(t)) {
                t.branchedTo = true;
                noteBranch(t);
                l = t.label;
            } else {
                l = stubs.get(t);
                if (l == null) {
                    l = new Label();
                    stubs.put(t, l);
                    stubLabels.add(l);
                    stubTargets.add(t);
                }
            }
            if (i < n) {
                labels[i] = l;
            } else {
                dflt = l;
            }
        }
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else if (n > 1024 && compactTableSwitch(labels, dflt)) {
            // emitted as a lookup through a string constant
        } else {
            mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
        }
        for (int i = 0; i < stubLabels.size(); i++) {
            mv.visitLabel(stubLabels.get(i));
            branch(stubTargets.get(i));
        }
    }

    /**
     * A huge {@code br_table} would need 4 bytes per entry of tableswitch; when it has few distinct targets,
     * map the index to a target ordinal through a string constant (one byte per entry) and switch on that.
     */
    private boolean compactTableSwitch(Label[] labels, Label dflt) {
        java.util.Map<Label, Integer> ordinals = new java.util.LinkedHashMap<>();
        StringBuilder map = new StringBuilder(labels.length);
        for (Label l : labels) {
            Integer o = ordinals.computeIfAbsent(l, k -> ordinals.size());
            map.append((char) (o + 1));
        }
        if (ordinals.size() > 126 || labels.length > 65_000) {
            return false;
        }
        int idx = scratchSlot('i', 0);
        mv.visitVarInsn(ISTORE, idx);
        mv.visitVarInsn(ILOAD, idx);
        Label inRange = new Label();
        jumpIfBelowUnsigned(labels.length, inRange);
        mv.visitJumpInsn(GOTO, dflt);
        mv.visitLabel(inRange);
        mv.visitLdcInsn(map.toString());
        mv.visitVarInsn(ILOAD, idx);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
        Label[] targets = ordinals.keySet().toArray(new Label[0]);
        mv.visitTableSwitchInsn(1, targets.length, dflt, targets);
        return true;
    }

    // ---------------------------------------------------------------- instructions

    private void instruction(AnnotatedInstruction ins) throws CompileException {
        OpCode op = ins.opcode();
        switch (op) {
            case NOP:
                return;
            case UNREACHABLE:
                mv.visitMethodInsn(INVOKESTATIC, TRAP, "unreachable", "()L" + TRAP + ";", false);
                mv.visitInsn(ATHROW);
                reachable = false;
                return;
            case BLOCK:
            case LOOP: {
                String sig = info.blockSignature(ins.operand(0));
                String params = ValueTypes.params(sig);
                Frame f = new Frame(op == OpCode.LOOP ? Kind.LOOP : Kind.BLOCK, params, ValueTypes.results(sig), sp - params.length());
                f.index = ctrl.size();
                ctrl.add(f);
                if (op == OpCode.LOOP) {
                    enterLoop(current, f);
                    mv.visitLabel(f.label);
                    // every back-edge passes here: the embedder can stop a runaway guest (Thread.interrupt)
                    mv.visitMethodInsn(INVOKESTATIC, "dev/wasm2jar/rt/Interruption", "poll", "()V", false);
                }
                return;
            }
            case IF: {
                pop();
                String sig = info.blockSignature(ins.operand(0));
                String params = ValueTypes.params(sig);
                Frame f = new Frame(Kind.IF, params, ValueTypes.results(sig), sp - params.length());
                f.elseLabel = new Label();
                f.index = ctrl.size();
                ctrl.add(f);
                if (dirty != null) {
                    f.dirtyAtIf = (java.util.BitSet) dirty.clone();
                }
                mv.visitJumpInsn(takeJump(false), f.elseLabel);
                return;
            }
            case ELSE:
                doElse();
                return;
            case END:
                doEnd();
                return;
            case BR:
                branch(target(ins.operand(0)));
                reachable = false;
                return;
            case BR_IF:
                pop();
                brIf(target(ins.operand(0)));
                return;
            case BR_TABLE:
                pop();
                brTable(ins);
                reachable = false;
                return;
            case RETURN:
                branch(ctrl.get(0));
                reachable = false;
                return;
            case CALL:
                call((int) ins.operand(0));
                return;
            case CALL_INDIRECT:
                callIndirect((int) ins.operand(0), (int) ins.operand(1));
                return;
            case DROP:
                popJvm(pop());
                return;
            case SELECT:
            case SELECT_T:
                select();
                return;
            case LOCAL_GET: {
                int l = (int) ins.operand(0);
                mv.visitVarInsn(JvmTypes.loadOpcode(localTypes[l]), localSlots[l]);
                push(localTypes[l]);
                return;
            }
            case LOCAL_SET: {
                int l = (int) ins.operand(0);
                mv.visitVarInsn(JvmTypes.storeOpcode(localTypes[l]), localSlots[l]);
                pop();
                markDirty(l);
                return;
            }
            case LOCAL_TEE: {
                int l = (int) ins.operand(0);
                mv.visitInsn(JvmTypes.slots(localTypes[l]) == 2 ? DUP2 : DUP);
                mv.visitVarInsn(JvmTypes.storeOpcode(localTypes[l]), localSlots[l]);
                markDirty(l);
                return;
            }
            case GLOBAL_GET:
                globalGet((int) ins.operand(0));
                return;
            case GLOBAL_SET:
                globalSet((int) ins.operand(0));
                return;
            case TABLE_GET: {
                pushTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "tableGet", "(ILdev/wasm2jar/rt/Table;)Ljava/lang/Object;", false);
                char t = tableType((int) ins.operand(0));
                JvmTypes.unbox(mv, t);
                pop();
                push(t);
                return;
            }
            case TABLE_SET:
                pushTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "tableSet", "(ILjava/lang/Object;Ldev/wasm2jar/rt/Table;)V", false);
                pop(2);
                return;
            case TABLE_SIZE:
                pushTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/rt/Table", "size", "()I", false);
                push('i');
                return;
            case TABLE_GROW:
                pushTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "tableGrow", "(Ljava/lang/Object;ILdev/wasm2jar/rt/Table;)I", false);
                pop(2);
                push('i');
                return;
            case TABLE_FILL:
                pushTable((int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "tableFill", "(ILjava/lang/Object;ILdev/wasm2jar/rt/Table;)V", false);
                pop(3);
                return;
            case TABLE_COPY:
                pushTable((int) ins.operand(0));
                pushTable((int) ins.operand(1));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "tableCopy", "(IIILdev/wasm2jar/rt/Table;Ldev/wasm2jar/rt/Table;)V", false);
                pop(3);
                return;
            case TABLE_INIT:
                pushTable((int) ins.operand(1));
                pushSegment(ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;", (int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "tableInit", "(IIILdev/wasm2jar/rt/Table;[Ljava/lang/Object;)V", false);
                pop(3);
                return;
            case ELEM_DROP:
                dropSegment(ModuleLayout.ELEMS_FIELD, "[[Ljava/lang/Object;", (int) ins.operand(0));
                return;
            case MEMORY_SIZE:
                pushMemoryObject();
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/rt/Memory", "pages", "()I", false);
                push('i');
                return;
            case MEMORY_GROW:
                pushMemoryObject();
                mv.visitInsn(SWAP);
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/rt/Memory", "grow", "(I)I", false);
                reloadMemory();
                return;
            case MEMORY_FILL:
                pushMemoryObject();
                mv.visitMethodInsn(INVOKESTATIC, BULK, "memoryFill", "(IIILdev/wasm2jar/rt/Memory;)V", false);
                pop(3);
                return;
            case MEMORY_COPY:
                pushMemoryObject();
                mv.visitMethodInsn(INVOKESTATIC, BULK, "memoryCopy", "(IIILdev/wasm2jar/rt/Memory;)V", false);
                pop(3);
                return;
            case MEMORY_INIT:
                pushMemoryObject();
                pushSegment(ModuleLayout.DATA_FIELD, "[[B", (int) ins.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, BULK, "memoryInit", "(IIILdev/wasm2jar/rt/Memory;[B)V", false);
                pop(3);
                return;
            case DATA_DROP:
                dropSegment(ModuleLayout.DATA_FIELD, "[[B", (int) ins.operand(0));
                return;
            case REF_NULL:
                mv.visitInsn(ACONST_NULL);
                push(refNullType(ins.operand(0)));
                return;
            case REF_IS_NULL: {
                pop();
                Label isNull = new Label();
                Label done = new Label();
                mv.visitJumpInsn(IFNULL, isNull);
                mv.visitInsn(ICONST_0);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(isNull);
                mv.visitInsn(ICONST_1);
                mv.visitLabel(done);
                push('i');
                return;
            }
            case REF_FUNC:
                mv.visitVarInsn(ALOAD, selfSlot);
                JvmTypes.pushInt(mv, (int) ins.operand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "function", "(I)Ldev/wasm2jar/rt/WasmFunction;", false);
                push('F');
                return;
            case I32_CONST:
                if (nextIsUnsignedCompare()) {
                    // x <u c as (x ^ MIN) < (c ^ MIN): no Integer.compareUnsigned call, which costs C2
                    // 32 bytes of its per-method inlining budget at every site
                    biasForUnsignedCompare((int) ins.operand(0));
                    biasedOperands = true;
                } else {
                    JvmTypes.pushInt(mv, (int) ins.operand(0));
                }
                push('i');
                return;
            case I64_CONST:
                JvmTypes.pushLong(mv, ins.operand(0));
                push('l');
                return;
            case F32_CONST:
                JvmTypes.pushFloatBits(mv, (int) ins.operand(0));
                push('f');
                return;
            case F64_CONST:
                JvmTypes.pushDoubleBits(mv, ins.operand(0));
                push('d');
                return;
            default:
                break;
        }
        if (isMemoryAccess(op)) {
            memoryAccess(op, ins.operand(1));
            return;
        }
        if (!numeric(op)) {
            String what = op.name().startsWith("V128") || op.name().contains("X") && op.name().matches(".*[0-9]X[0-9].*")
                    ? "SIMD instruction " + op + " is not supported yet" : "instruction " + op + " is not supported";
            throw new CompileException(CompileException.Kind.UNSUPPORTED, what + " (in "
                    + info.describeFunction(functionIndex) + " at byte offset " + ins.address() + ")");
        }
    }

    private char refNullType(long heapType) {
        int ht = (int) heapType;
        return ht == 0x70 || ht == -16 ? 'F' : 'E';
    }

    private char tableType(int table) {
        return info.tables.get(table).funcref() ? 'F' : 'E';
    }

    private void pushTable(int table) {
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.tableField(table), ModuleLayout.TABLE_DESC);
    }

    private void pushMemoryObject() {
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.MEMORY_FIELD, ModuleLayout.MEMORY_DESC);
    }

    private void pushSegment(String field, String desc, int index) {
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, field, desc);
        JvmTypes.pushInt(mv, index);
        mv.visitInsn(AALOAD);
    }

    private void dropSegment(String field, String desc, int index) {
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, field, desc);
        JvmTypes.pushInt(mv, index);
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(AASTORE);
    }

    private void call(int callee) {
        String sig = layout.signature(callee);
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitMethodInsn(INVOKESTATIC, layout.owner(callee), layout.methodName(callee), layout.functionDescriptor(callee), false);
        afterCall(sig);
    }

    private void callIndirect(int typeIndex, int table) {
        String sig = info.typeSignatures[typeIndex];
        layout.callIndirectHelpers.add(sig + "|" + table);
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitMethodInsn(INVOKESTATIC, layout.mainClass, ModuleLayout.callIndirectName(sig, table), layout.callIndirectDescriptor(sig), false);
        pop(); // the table index
        afterCall(sig);
    }

    private void afterCall(String sig) {
        String params = ValueTypes.params(sig);
        String results = ValueTypes.results(sig);
        pop(params.length());
        if (results.length() > 1) {
            unpackTop(results);
        }
        push(results);
        reloadMemory();
    }

    private void select() {
        pop(); // condition
        char t = pop();
        pop();
        Label takeSecond = new Label();
        Label done = new Label();
        mv.visitJumpInsn(takeJump(false), takeSecond); // on the comparison itself when one just preceded
        popJvm(t); // condition true: keep the first value
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(takeSecond);
        if (JvmTypes.slots(t) == 2) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitLabel(done);
        push(t);
    }

    private void globalGet(int g) {
        ModuleInfo.GlobalInfo gi = info.globals.get(g);
        mv.visitVarInsn(ALOAD, selfSlot);
        mv.visitFieldInsn(GETFIELD, layout.mainClass, ModuleLayout.globalField(g), layout.globalDescriptor(g));
        if (gi.boxed()) {
            mv.visitFieldInsn(GETFIELD, ModuleLayout.boxClass(gi.type()), "value", ModuleLayout.boxValueDescriptor(gi.type()));
            if (gi.type() == 'F') {
                mv.visitTypeInsn(CHECKCAST, JvmTypes.WASM_FUNCTION);
            }
        }
        push(gi.type());
    }

    private void globalSet(int g) {
        ModuleInfo.GlobalInfo gi = info.globals.get(g);
        mv.visitVarInsn(ALOAD, selfSlot);
        String owner = layout.mainClass;
        String name = ModuleLayout.globalField(g);
        String desc = layout.globalDescriptor(g);
        if (gi.boxed()) {
            mv.visitFieldInsn(GETFIELD, owner, name, desc);
            owner = ModuleLayout.boxClass(gi.type());
            name = "value";
            desc = ModuleLayout.boxValueDescriptor(gi.type());
        }
        // value, target -> target, value
        if (JvmTypes.slots(gi.type()) == 2) {
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
        } else {
            mv.visitInsn(SWAP);
        }
        mv.visitFieldInsn(PUTFIELD, owner, name, desc);
        pop();
    }

    private void memoryAccess(OpCode op, long offset) {
        String name;
        String desc;
        char result = 0;
        switch (op) {
            case I32_LOAD: name = "i32Load"; result = 'i'; break;
            case I64_LOAD: name = "i64Load"; result = 'l'; break;
            case F32_LOAD: name = "f32Load"; result = 'f'; break;
            case F64_LOAD: name = "f64Load"; result = 'd'; break;
            case I32_LOAD8_S: name = "i32Load8S"; result = 'i'; break;
            case I32_LOAD8_U: name = "i32Load8U"; result = 'i'; break;
            case I32_LOAD16_S: name = "i32Load16S"; result = 'i'; break;
            case I32_LOAD16_U: name = "i32Load16U"; result = 'i'; break;
            case I64_LOAD8_S: name = "i64Load8S"; result = 'l'; break;
            case I64_LOAD8_U: name = "i64Load8U"; result = 'l'; break;
            case I64_LOAD16_S: name = "i64Load16S"; result = 'l'; break;
            case I64_LOAD16_U: name = "i64Load16U"; result = 'l'; break;
            case I64_LOAD32_S: name = "i64Load32S"; result = 'l'; break;
            case I64_LOAD32_U: name = "i64Load32U"; result = 'l'; break;
            case I32_STORE: name = "i32Store"; break;
            case I64_STORE: name = "i64Store"; break;
            case F32_STORE: name = "f32Store"; break;
            case F64_STORE: name = "f64Store"; break;
            case I32_STORE8: name = "i32Store8"; break;
            case I32_STORE16: name = "i32Store16"; break;
            case I64_STORE8: name = "i64Store8"; break;
            case I64_STORE16: name = "i64Store16"; break;
            case I64_STORE32: name = "i64Store32"; break;
            default: throw new IllegalStateException(op.toString());
        }
        if (result != 0) {
            desc = "(I[BI)" + JvmTypes.descriptor(result);
        } else {
            desc = "(I" + JvmTypes.descriptor(peek()) + "[BI)V";
        }
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            // No JVM memory reaches 2^31 bytes, so such a static offset is always out of bounds.
            if (result == 0) {
                popJvm(pop());
            }
            popJvm(pop());
            mv.visitMethodInsn(INVOKESTATIC, TRAP, "memoryOutOfBounds", "()L" + TRAP + ";", false);
            mv.visitInsn(ATHROW);
            reachable = false;
            return;
        }
        materializeMemory();
        mv.visitVarInsn(ALOAD, memSlot);
        JvmTypes.pushInt(mv, (int) offset);
        mv.visitMethodInsn(INVOKESTATIC, MEM, name, desc, false);
        if (result != 0) {
            pop();
            push(result);
        } else {
            pop(2);
        }
    }

    // ---------------------------------------------------------------- numeric instructions

    private void ops(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, OPS, name, desc, false);
    }

    private void unary(int insn, char in, char out) {
        if (insn >= 0) {
            mv.visitInsn(insn);
        }
        pop();
        push(out);
    }

    private void binary(int insn, char t) {
        mv.visitInsn(insn);
        pop(2);
        push(t);
    }

    private void staticCall(String owner, String name, String desc, int pops, char result) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
        pop(pops);
        push(result);
    }

    /** Pushes 1 if the jump would be taken, else 0. */
    private void condition(int jumpInsn) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jumpInsn, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    private void compare(int pops, int jumpInsn) {
        if (nextConsumesCondition()) {
            pendingJump = jumpInsn; // the i32 stays virtual: the br_if or if jumps on the comparison itself
        } else {
            condition(jumpInsn);
        }
        pop(pops);
        push('i');
    }

    /** Is the next instruction a br_if, if or select of this method? */
    private boolean nextConsumesCondition() {
        OpCode op = nextOwnOpcode();
        return op == OpCode.BR_IF || op == OpCode.IF || op == OpCode.SELECT || op == OpCode.SELECT_T;
    }

    /** The next instruction's opcode when this method emits it in line (not the start of a region or nest), else null. */
    private OpCode nextOwnOpcode() {
        int next = current + 1;
        if (current < 0 || next >= rangeEnd || childAt.containsKey(next) || (split != null && split.plan.nests.containsKey(next))) {
            return null;
        }
        return body.instructions().get(next).opcode();
    }

    /** The jump taken when the condition on the stack (or the pending comparison) is true, else false. */
    private int takeJump(boolean whenTrue) {
        int j = pendingJump;
        pendingJump = 0;
        if (j == 0) {
            return whenTrue ? IFNE : IFEQ;
        }
        return whenTrue ? j : negate(j);
    }

    private static int negate(int jump) {
        switch (jump) {
            case IFEQ: return IFNE;
            case IFNE: return IFEQ;
            case IFLT: return IFGE;
            case IFGE: return IFLT;
            case IFGT: return IFLE;
            case IFLE: return IFGT;
            case IF_ICMPEQ: return IF_ICMPNE;
            case IF_ICMPNE: return IF_ICMPEQ;
            case IF_ICMPLT: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLT;
            case IF_ICMPGT: return IF_ICMPLE;
            case IF_ICMPLE: return IF_ICMPGT;
            default: throw new IllegalStateException("not a conditional jump: " + jump);
        }
    }

    private void unsignedCompareI32(int jumpInsn) {
        if (biasedOperands) {
            biasedOperands = false;
            compare(2, jumpInsn == IFLT ? IF_ICMPLT : jumpInsn == IFGT ? IF_ICMPGT : jumpInsn == IFLE ? IF_ICMPLE : IF_ICMPGE);
            return;
        }
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
        compare(2, jumpInsn);
    }

    /** Is the next instruction an i32 unsigned comparison of this method? */
    private boolean nextIsUnsignedCompare() {
        OpCode op = nextOwnOpcode();
        return op == OpCode.I32_LT_U || op == OpCode.I32_GT_U || op == OpCode.I32_LE_U || op == OpCode.I32_GE_U;
    }

    /** Jumps to {@code target} when the int on the stack is below {@code bound} as unsigned numbers. */
    private void jumpIfBelowUnsigned(int bound, Label target) {
        biasForUnsignedCompare(bound);
        mv.visitJumpInsn(IF_ICMPLT, target);
    }

    /**
     * Flips the sign bit of the int on the stack and pushes {@code constant} flipped the same way: a signed
     * comparison of the two then orders them as the unsigned comparison of the originals would.
     */
    private void biasForUnsignedCompare(int constant) {
        JvmTypes.pushInt(mv, Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        JvmTypes.pushInt(mv, constant ^ Integer.MIN_VALUE);
    }

    private void unsignedCompareI64(int jumpInsn) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        compare(2, jumpInsn);
    }

    private boolean numeric(OpCode op) {
        switch (op) {
            case I32_EQZ: compare(1, IFEQ); return true;
            case I32_EQ: compare(2, IF_ICMPEQ); return true;
            case I32_NE: compare(2, IF_ICMPNE); return true;
            case I32_LT_S: compare(2, IF_ICMPLT); return true;
            case I32_GT_S: compare(2, IF_ICMPGT); return true;
            case I32_LE_S: compare(2, IF_ICMPLE); return true;
            case I32_GE_S: compare(2, IF_ICMPGE); return true;
            case I32_LT_U: unsignedCompareI32(IFLT); return true;
            case I32_GT_U: unsignedCompareI32(IFGT); return true;
            case I32_LE_U: unsignedCompareI32(IFLE); return true;
            case I32_GE_U: unsignedCompareI32(IFGE); return true;
            case I64_EQZ: mv.visitInsn(LCONST_0); mv.visitInsn(LCMP); compare(1, IFEQ); return true;
            case I64_EQ: mv.visitInsn(LCMP); compare(2, IFEQ); return true;
            case I64_NE: mv.visitInsn(LCMP); compare(2, IFNE); return true;
            case I64_LT_S: mv.visitInsn(LCMP); compare(2, IFLT); return true;
            case I64_GT_S: mv.visitInsn(LCMP); compare(2, IFGT); return true;
            case I64_LE_S: mv.visitInsn(LCMP); compare(2, IFLE); return true;
            case I64_GE_S: mv.visitInsn(LCMP); compare(2, IFGE); return true;
            case I64_LT_U: unsignedCompareI64(IFLT); return true;
            case I64_GT_U: unsignedCompareI64(IFGT); return true;
            case I64_LE_U: unsignedCompareI64(IFLE); return true;
            case I64_GE_U: unsignedCompareI64(IFGE); return true;
            // fcmpl gives -1 and fcmpg +1 for NaN: choose so that every comparison with NaN is false (ne: true).
            case F32_EQ: mv.visitInsn(FCMPL); compare(2, IFEQ); return true;
            case F32_NE: mv.visitInsn(FCMPL); compare(2, IFNE); return true;
            case F32_LT: mv.visitInsn(FCMPG); compare(2, IFLT); return true;
            case F32_GT: mv.visitInsn(FCMPL); compare(2, IFGT); return true;
            case F32_LE: mv.visitInsn(FCMPG); compare(2, IFLE); return true;
            case F32_GE: mv.visitInsn(FCMPL); compare(2, IFGE); return true;
            case F64_EQ: mv.visitInsn(DCMPL); compare(2, IFEQ); return true;
            case F64_NE: mv.visitInsn(DCMPL); compare(2, IFNE); return true;
            case F64_LT: mv.visitInsn(DCMPG); compare(2, IFLT); return true;
            case F64_GT: mv.visitInsn(DCMPL); compare(2, IFGT); return true;
            case F64_LE: mv.visitInsn(DCMPG); compare(2, IFLE); return true;
            case F64_GE: mv.visitInsn(DCMPL); compare(2, IFGE); return true;

            case I32_CLZ: staticCall("java/lang/Integer", "numberOfLeadingZeros", "(I)I", 1, 'i'); return true;
            case I32_CTZ: staticCall("java/lang/Integer", "numberOfTrailingZeros", "(I)I", 1, 'i'); return true;
            case I32_POPCNT: staticCall("java/lang/Integer", "bitCount", "(I)I", 1, 'i'); return true;
            case I32_ADD: binary(IADD, 'i'); return true;
            case I32_SUB: binary(ISUB, 'i'); return true;
            case I32_MUL: binary(IMUL, 'i'); return true;
            case I32_DIV_S: staticCall(OPS, "i32DivS", "(II)I", 2, 'i'); return true;
            case I32_DIV_U: staticCall(OPS, "i32DivU", "(II)I", 2, 'i'); return true;
            case I32_REM_S: staticCall(OPS, "i32RemS", "(II)I", 2, 'i'); return true;
            case I32_REM_U: staticCall(OPS, "i32RemU", "(II)I", 2, 'i'); return true;
            case I32_AND: binary(IAND, 'i'); return true;
            case I32_OR: binary(IOR, 'i'); return true;
            case I32_XOR: binary(IXOR, 'i'); return true;
            case I32_SHL: binary(ISHL, 'i'); return true;
            case I32_SHR_S: binary(ISHR, 'i'); return true;
            case I32_SHR_U: binary(IUSHR, 'i'); return true;
            case I32_ROTL: staticCall("java/lang/Integer", "rotateLeft", "(II)I", 2, 'i'); return true;
            case I32_ROTR: staticCall("java/lang/Integer", "rotateRight", "(II)I", 2, 'i'); return true;

            case I64_CLZ: staticCall("java/lang/Long", "numberOfLeadingZeros", "(J)I", 1, 'i'); mv.visitInsn(I2L); pop(); push('l'); return true;
            case I64_CTZ: staticCall("java/lang/Long", "numberOfTrailingZeros", "(J)I", 1, 'i'); mv.visitInsn(I2L); pop(); push('l'); return true;
            case I64_POPCNT: staticCall("java/lang/Long", "bitCount", "(J)I", 1, 'i'); mv.visitInsn(I2L); pop(); push('l'); return true;
            case I64_ADD: binary(LADD, 'l'); return true;
            case I64_SUB: binary(LSUB, 'l'); return true;
            case I64_MUL: binary(LMUL, 'l'); return true;
            case I64_DIV_S: staticCall(OPS, "i64DivS", "(JJ)J", 2, 'l'); return true;
            case I64_DIV_U: staticCall(OPS, "i64DivU", "(JJ)J", 2, 'l'); return true;
            case I64_REM_S: staticCall(OPS, "i64RemS", "(JJ)J", 2, 'l'); return true;
            case I64_REM_U: staticCall(OPS, "i64RemU", "(JJ)J", 2, 'l'); return true;
            case I64_AND: binary(LAND, 'l'); return true;
            case I64_OR: binary(LOR, 'l'); return true;
            case I64_XOR: binary(LXOR, 'l'); return true;
            case I64_SHL: mv.visitInsn(L2I); binary(LSHL, 'l'); return true;
            case I64_SHR_S: mv.visitInsn(L2I); binary(LSHR, 'l'); return true;
            case I64_SHR_U: mv.visitInsn(L2I); binary(LUSHR, 'l'); return true;
            case I64_ROTL: mv.visitInsn(L2I); staticCall("java/lang/Long", "rotateLeft", "(JI)J", 2, 'l'); return true;
            case I64_ROTR: mv.visitInsn(L2I); staticCall("java/lang/Long", "rotateRight", "(JI)J", 2, 'l'); return true;

            case F32_ABS: staticCall(OPS, "f32Abs", "(F)F", 1, 'f'); return true;
            case F32_NEG: staticCall(OPS, "f32Neg", "(F)F", 1, 'f'); return true;
            case F32_CEIL: staticCall(OPS, "f32Ceil", "(F)F", 1, 'f'); return true;
            case F32_FLOOR: staticCall(OPS, "f32Floor", "(F)F", 1, 'f'); return true;
            case F32_TRUNC: staticCall(OPS, "f32Trunc", "(F)F", 1, 'f'); return true;
            case F32_NEAREST: staticCall(OPS, "f32Nearest", "(F)F", 1, 'f'); return true;
            case F32_SQRT: staticCall(OPS, "f32Sqrt", "(F)F", 1, 'f'); return true;
            case F32_ADD: binary(FADD, 'f'); return true;
            case F32_SUB: binary(FSUB, 'f'); return true;
            case F32_MUL: binary(FMUL, 'f'); return true;
            case F32_DIV: binary(FDIV, 'f'); return true;
            case F32_MIN: staticCall(OPS, "f32Min", "(FF)F", 2, 'f'); return true;
            case F32_MAX: staticCall(OPS, "f32Max", "(FF)F", 2, 'f'); return true;
            case F32_COPYSIGN: staticCall(OPS, "f32Copysign", "(FF)F", 2, 'f'); return true;
            case F64_ABS: staticCall(OPS, "f64Abs", "(D)D", 1, 'd'); return true;
            case F64_NEG: staticCall(OPS, "f64Neg", "(D)D", 1, 'd'); return true;
            case F64_CEIL: staticCall(OPS, "f64Ceil", "(D)D", 1, 'd'); return true;
            case F64_FLOOR: staticCall(OPS, "f64Floor", "(D)D", 1, 'd'); return true;
            case F64_TRUNC: staticCall(OPS, "f64Trunc", "(D)D", 1, 'd'); return true;
            case F64_NEAREST: staticCall(OPS, "f64Nearest", "(D)D", 1, 'd'); return true;
            case F64_SQRT: staticCall(OPS, "f64Sqrt", "(D)D", 1, 'd'); return true;
            case F64_ADD: binary(DADD, 'd'); return true;
            case F64_SUB: binary(DSUB, 'd'); return true;
            case F64_MUL: binary(DMUL, 'd'); return true;
            case F64_DIV: binary(DDIV, 'd'); return true;
            case F64_MIN: staticCall(OPS, "f64Min", "(DD)D", 2, 'd'); return true;
            case F64_MAX: staticCall(OPS, "f64Max", "(DD)D", 2, 'd'); return true;
            case F64_COPYSIGN: staticCall(OPS, "f64Copysign", "(DD)D", 2, 'd'); return true;

            case I32_WRAP_I64: unary(L2I, 'l', 'i'); return true;
            case I64_EXTEND_I32_S: unary(I2L, 'i', 'l'); return true;
            case I64_EXTEND_I32_U:
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFFFFFFL);
                mv.visitInsn(LAND);
                pop();
                push('l');
                return true;
            case I32_TRUNC_F32_S: staticCall(OPS, "i32TruncF32S", "(F)I", 1, 'i'); return true;
            case I32_TRUNC_F32_U: staticCall(OPS, "i32TruncF32U", "(F)I", 1, 'i'); return true;
            case I32_TRUNC_F64_S: staticCall(OPS, "i32TruncF64S", "(D)I", 1, 'i'); return true;
            case I32_TRUNC_F64_U: staticCall(OPS, "i32TruncF64U", "(D)I", 1, 'i'); return true;
            case I64_TRUNC_F32_S: staticCall(OPS, "i64TruncF32S", "(F)J", 1, 'l'); return true;
            case I64_TRUNC_F32_U: staticCall(OPS, "i64TruncF32U", "(F)J", 1, 'l'); return true;
            case I64_TRUNC_F64_S: staticCall(OPS, "i64TruncF64S", "(D)J", 1, 'l'); return true;
            case I64_TRUNC_F64_U: staticCall(OPS, "i64TruncF64U", "(D)J", 1, 'l'); return true;
            case I32_TRUNC_SAT_F32_S: staticCall(OPS, "i32TruncSatF32S", "(F)I", 1, 'i'); return true;
            case I32_TRUNC_SAT_F32_U: staticCall(OPS, "i32TruncSatF32U", "(F)I", 1, 'i'); return true;
            case I32_TRUNC_SAT_F64_S: staticCall(OPS, "i32TruncSatF64S", "(D)I", 1, 'i'); return true;
            case I32_TRUNC_SAT_F64_U: staticCall(OPS, "i32TruncSatF64U", "(D)I", 1, 'i'); return true;
            case I64_TRUNC_SAT_F32_S: staticCall(OPS, "i64TruncSatF32S", "(F)J", 1, 'l'); return true;
            case I64_TRUNC_SAT_F32_U: staticCall(OPS, "i64TruncSatF32U", "(F)J", 1, 'l'); return true;
            case I64_TRUNC_SAT_F64_S: staticCall(OPS, "i64TruncSatF64S", "(D)J", 1, 'l'); return true;
            case I64_TRUNC_SAT_F64_U: staticCall(OPS, "i64TruncSatF64U", "(D)J", 1, 'l'); return true;
            case F32_CONVERT_I32_S: unary(I2F, 'i', 'f'); return true;
            case F32_CONVERT_I32_U: staticCall(OPS, "f32ConvertI32U", "(I)F", 1, 'f'); return true;
            case F32_CONVERT_I64_S: unary(L2F, 'l', 'f'); return true;
            case F32_CONVERT_I64_U: staticCall(OPS, "f32ConvertI64U", "(J)F", 1, 'f'); return true;
            case F32_DEMOTE_F64: staticCall(OPS, "f32DemoteF64", "(D)F", 1, 'f'); return true;
            case F64_CONVERT_I32_S: unary(I2D, 'i', 'd'); return true;
            case F64_CONVERT_I32_U: staticCall(OPS, "f64ConvertI32U", "(I)D", 1, 'd'); return true;
            case F64_CONVERT_I64_S: unary(L2D, 'l', 'd'); return true;
            case F64_CONVERT_I64_U: staticCall(OPS, "f64ConvertI64U", "(J)D", 1, 'd'); return true;
            case F64_PROMOTE_F32: staticCall(OPS, "f64PromoteF32", "(F)D", 1, 'd'); return true;
            case I32_REINTERPRET_F32: staticCall("java/lang/Float", "floatToRawIntBits", "(F)I", 1, 'i'); return true;
            case I64_REINTERPRET_F64: staticCall("java/lang/Double", "doubleToRawLongBits", "(D)J", 1, 'l'); return true;
            case F32_REINTERPRET_I32: staticCall("java/lang/Float", "intBitsToFloat", "(I)F", 1, 'f'); return true;
            case F64_REINTERPRET_I64: staticCall("java/lang/Double", "longBitsToDouble", "(J)D", 1, 'd'); return true;
            case I32_EXTEND_8_S: unary(I2B, 'i', 'i'); return true;
            case I32_EXTEND_16_S: unary(I2S, 'i', 'i'); return true;
            case I64_EXTEND_8_S: mv.visitInsn(L2I); mv.visitInsn(I2B); unary(I2L, 'l', 'l'); return true;
            case I64_EXTEND_16_S: mv.visitInsn(L2I); mv.visitInsn(I2S); unary(I2L, 'l', 'l'); return true;
            case I64_EXTEND_32_S: mv.visitInsn(L2I); unary(I2L, 'l', 'l'); return true;
            default:
                return false;
        }
    }
}
