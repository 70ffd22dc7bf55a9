package dev.wasm2jar.compiler.analysis;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An interpreter loop around a switch nest: {@code loop { prefix; nest(br_table) }}, where arms continue the
 * loop by branching to it, or to a block whose end is followed by straight code and a branch to the loop.
 * Such a continuation is straight code from the arm to the next {@code br_table}, so an arm method can run
 * it itself and hand the dispatcher the next table index instead of an exit code: the dispatcher then only
 * picks and calls arms, and keeps no locals of its own alive across the calls.
 *
 * <p>Found by {@link #of} only when everything involved is straight code (no calls, branches or nested
 * constructs), the loop has no parameters and the br_table never leaves the nest.
 */
public final class DispatchLoop {
    /** Index of the LOOP instruction. */
    public final int loopStart;
    /** For each block an arm may branch to in order to continue the loop: the straight code after its END. */
    public final Map<Integer, int[]> tails = new HashMap<>();
    /** Locals the continuation code (block tails, loop prefix, nest prefix) reads and writes. */
    public final BitSet reads = new BitSet();
    public final BitSet writes = new BitSet();
    /** Where the loop prefix and the nest prefix run: [loopStart + 1, nestStart) and [innermost + 1, brTable). */
    public final int nestStart;
    public final int innermostBlock;
    public final int brTable;

    /** Most instructions an arm copies per continuing branch (block tail, loop prefix, nest prefix). */
    static final int MAX_COPIED_INSTRUCTIONS = 120;

    private DispatchLoop(int loopStart, int nestStart, int innermostBlock, int brTable) {
        this.loopStart = loopStart;
        this.nestStart = nestStart;
        this.innermostBlock = innermostBlock;
        this.brTable = brTable;
    }

    /**
     * The dispatch loop of {@code nest}, or null.
     *
     * @param innermostOpen for each instruction, the innermost construct open before it (-1: none)
     */
    public static DispatchLoop of(List<AnnotatedInstruction> ins, int[] match, int[] heights, int[] innermostOpen,
            SplitPlan.Nest nest) {
        int depth = nest.depth();
        for (long t : ins.get(nest.brTable).operands()) {
            if (t >= depth) {
                return null; // the br_table can leave the nest directly
            }
        }
        // the enclosing constructs between the nest and the loop must all be plain blocks
        int loop = -1;
        java.util.List<Integer> blocks = new java.util.ArrayList<>();
        for (int c = innermostOpen[nest.start]; c >= 0; c = innermostOpen[c]) {
            OpCode op = ins.get(c).opcode();
            if (op == OpCode.LOOP) {
                loop = c;
                break;
            }
            if (op != OpCode.BLOCK || ins.get(c).operand(0) != 0x40) {
                return null;
            }
            blocks.add(c);
            if (c == 0) {
                break;
            }
        }
        if (loop < 0 || ins.get(loop).operand(0) != 0x40 || heights[loop] < 0 || heights[nest.start] != heights[loop]) {
            return null;
        }
        DispatchLoop d = new DispatchLoop(loop, nest.start, nest.blockStarts[0], nest.brTable);
        // the loop prefix: straight code, then the blocks opening down to the nest
        int p = loop + 1;
        while (p < nest.start && straight(ins.get(p).opcode())) {
            p++;
        }
        for (int b = blocks.size() - 1; b >= 0; b--) {
            if (p != blocks.get(b)) {
                return null;
            }
            p++;
            while (p < nest.start && straight(ins.get(p).opcode())) {
                p++;
            }
        }
        if (p != nest.start) {
            return null;
        }
        for (int k = nest.blockStarts[0] + 1; k < nest.brTable; k++) {
            if (!straight(ins.get(k).opcode())) {
                return null;
            }
        }
        d.tails.put(loop, new int[] {loop + 1, loop + 1});
        // a block around the nest whose END is followed by straight code and `br` to the loop
        for (int b : blocks) {
            int e = match[b];
            int k = e + 1;
            while (k < ins.size() && straight(ins.get(k).opcode())) {
                k++;
            }
            if (k < ins.size() && ins.get(k).opcode() == OpCode.BR && ins.get(k).operand(0) == depthTo(innermostOpen, k, loop)
                    && heights[e + 1] == heights[loop]) {
                d.tails.put(b, new int[] {e + 1, k});
            }
        }
        // every continuing branch of an arm gets a copy of this code: keep it small
        int copied = (nest.start - loop - 1) + (nest.brTable - nest.blockStarts[0] - 1);
        d.tails.values().removeIf(t -> copied + t[1] - t[0] > MAX_COPIED_INSTRUCTIONS);
        if (d.tails.isEmpty()) {
            return null;
        }
        for (int[] t : d.tails.values()) {
            d.scan(ins, t[0], t[1]);
        }
        d.scan(ins, loop + 1, nest.start);
        d.scan(ins, nest.blockStarts[0] + 1, nest.brTable);
        return d;
    }

    /** The branch depth from instruction k to the construct starting at {@code target} (-1 if not enclosing). */
    private static long depthTo(int[] innermostOpen, int k, int target) {
        long depth = 0;
        for (int c = innermostOpen[k]; c >= 0; c = innermostOpen[c]) {
            if (c == target) {
                return depth;
            }
            depth++;
            if (c == 0) {
                break;
            }
        }
        return -1;
    }

    private void scan(List<AnnotatedInstruction> ins, int from, int to) {
        for (int i = from; i < to; i++) {
            OpCode op = ins.get(i).opcode();
            if (op == OpCode.LOCAL_GET) {
                reads.set((int) ins.get(i).operand(0));
            } else if (op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                writes.set((int) ins.get(i).operand(0));
            }
        }
    }

    /** Instructions that fall through to the next one and call nothing (traps are fine). */
    private static boolean straight(OpCode op) {
        switch (op) {
            case BLOCK: case LOOP: case IF: case ELSE: case END: case BR: case BR_IF: case BR_TABLE: case RETURN:
            case CALL: case CALL_INDIRECT: case UNREACHABLE: case RETURN_CALL: case RETURN_CALL_INDIRECT:
            case MEMORY_GROW: case MEMORY_INIT: case MEMORY_COPY: case MEMORY_FILL: case TABLE_GROW: case TABLE_INIT:
            case TABLE_COPY: case TABLE_FILL: case DATA_DROP: case ELEM_DROP: 
                return false;
            default:
                return true;
        }
    }
}
