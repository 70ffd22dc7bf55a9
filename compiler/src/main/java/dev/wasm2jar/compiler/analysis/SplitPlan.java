package dev.wasm2jar.compiler.analysis;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3 (analyse): decides how a function too large for one JIT-compilable JVM method is cut into
 * regions, each emitted as its own method.
 *
 * <p>A region is a range of instructions {@code [start, end)} at one nesting level that starts where the
 * operand stack is at the level's base (so it never pops values it did not push) and contains whole
 * constructs only. Wasm's structured control flow guarantees nothing branches into a region, so a region
 * can run as a method that returns an exit code: fall through, or branch to an enclosing label (return
 * included). Regions nest: an outer region calls inner ones.
 *
 * <p>Planning is bottom-up over the construct tree using measured bytecode sizes of an unsplit emission:
 * a body whose size exceeds {@link #limit} is cut, at base-height points, into chunks of at most
 * {@link #target} bytes that become regions, repeatedly, until every method fits.
 */
public final class SplitPlan {
    /** One outlined region. */
    public static final class Region {
        public final int start;
        public final int end;
        public final List<Region> children = new ArrayList<>();
        public int id;
        /**
         * Operand stack height of the enclosing body's base: values between it and the height at
         * {@link #start} are passed into the region, values above it at the end are passed out.
         */
        public final int base;

        Region(int start, int end, int base) {
            this.start = start;
            this.end = end;
            this.base = base;
        }
    }

    /**
     * A C {@code switch} as compilers emit it: blocks nested {@link #depth} deep, the innermost ending in a
     * {@code br_table}, each block's end followed by one case arm. Split naively it becomes a chain of
     * regions that every dispatch climbs through; instead the method holding it runs a small state machine
     * that calls the arm regions directly (see FunctionEmitter).
     */
    public static final class Nest {
        /** Index of the outermost BLOCK; {@code blockStarts[k]} is block k counted from the innermost (0). */
        public final int start;
        public final int end;
        public final int[] blockStarts;
        public final int[] blockEnds;
        public final int brTable;
        /** arms[k] runs from the end of block k to the end of block k+1; null when empty. */
        public final Region[] arms;

        Nest(int start, int end, int[] blockStarts, int[] blockEnds, int brTable, Region[] arms) {
            this.start = start;
            this.end = end;
            this.blockStarts = blockStarts;
            this.blockEnds = blockEnds;
            this.brTable = brTable;
            this.arms = arms;
        }

        public int depth() {
            return blockStarts.length;
        }
    }

    /** Nests found, by the index of their outermost BLOCK. */
    public final java.util.Map<Integer, Nest> nests = new java.util.HashMap<>();
    /** Nests shallower than this are left to the ordinary planning. */
    private static final int MIN_NEST_DEPTH = 16;

    /** Regions called directly from the function's own method, in instruction order. */
    public final List<Region> topLevel = new ArrayList<>();
    public final List<Region> all = new ArrayList<>();
    private final int limit;
    private final int target;
    private final List<AnnotatedInstruction> ins;
    private final int[] offsets;
    private final int[] heights;
    private final int[] match;
    private final java.util.function.IntUnaryOperator blockParams;
    /** For each IF the index of its ELSE, or -1 (one pass: planning must stay linear in nesting depth). */
    private final int[] elseOf;

    /** Estimated bytecode of calling a region and dispatching on its exit code. */
    private static final int CALL_COST = 60;

    /** An item in a body: an instruction or a nested construct, or an already outlined group. */
    private static final class Item {
        final int start;
        final int end;
        int size;
        Region region;
        final List<Item> members = new ArrayList<>();

        Item(int start, int end, int size) {
            this.start = start;
            this.end = end;
            this.size = size;
        }
    }

    /**
     * @param offsets bytecode offset of each instruction in an unsplit emission (length n + 1)
     * @param heights operand stack height before each instruction, -1 where unreachable
     */
    public SplitPlan(List<AnnotatedInstruction> ins, int[] offsets, int[] heights, java.util.function.IntUnaryOperator blockParams,
            int limit, int target) {
        this.blockParams = blockParams;
        this.ins = ins;
        this.offsets = offsets;
        this.heights = heights;
        this.limit = limit;
        this.target = target;
        this.match = matchEnds(ins);
        this.elseOf = elsesOf(ins);
        int n = ins.size();
        List<Item> top = planBody(0, n - 1, 0);
        collect(top, topLevel);
        int[] id = {0};
        for (Region r : all) {
            r.id = id[0]++;
        }
    }

    public boolean isSplit() {
        return !topLevel.isEmpty();
    }

    private void collect(List<Item> items, List<Region> into) {
        for (Item it : items) {
            if (it.region != null) {
                into.add(it.region);
            } else {
                collect(it.members, into);
            }
        }
    }

    static int[] elsesOf(List<AnnotatedInstruction> ins) {
        int[] elseOf = new int[ins.size()];
        java.util.Arrays.fill(elseOf, -1);
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < ins.size(); i++) {
            OpCode op = ins.get(i).opcode();
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                open.push(i);
            } else if (op == OpCode.ELSE && !open.isEmpty()) {
                elseOf[open.peek()] = i;
            } else if (op == OpCode.END && !open.isEmpty()) {
                open.pop();
            }
        }
        return elseOf;
    }

    /** For each BLOCK/LOOP/IF the index of its END; for ELSE also its END. */
    public static int[] matchEnds(List<AnnotatedInstruction> ins) {
        int[] match = new int[ins.size()];
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> elses = new java.util.ArrayDeque<>();
        for (int i = 0; i < ins.size(); i++) {
            match[i] = -1;
            OpCode op = ins.get(i).opcode();
            if (op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) {
                open.push(i);
                elses.push(-1);
            } else if (op == OpCode.ELSE) {
                elses.pop();
                elses.push(i);
            } else if (op == OpCode.END && !open.isEmpty()) {
                int s = open.pop();
                int e = elses.pop();
                match[s] = i;
                if (e >= 0) {
                    match[e] = i;
                }
            }
        }
        return match;
    }

    private int size(int start, int end) {
        return offsets[end] - offsets[start];
    }

    /**
     * Plans the body {@code [start, end)} whose operand stack base is {@code base}; returns its items with
     * every nested construct already planned. Items not outlined keep their members for later grouping.
     */
    private List<Item> planBody(int start, int end, int base) {
        List<Item> items = new ArrayList<>();
        int i = start;
        while (i < end) {
            OpCode op = ins.get(i).opcode();
            Nest nest = op == OpCode.BLOCK && heights[i] >= 0 ? detectNest(i) : null;
            if (nest != null) {
                Item item = new Item(i, nest.end + 1, 0);
                item.size = planNest(nest, item.members);
                items.add(item);
                i = nest.end + 1;
            } else if ((op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF) && match[i] > i) {
                int e = match[i] + 1;
                Item construct = new Item(i, e, 0);
                construct.size = planConstruct(i, match[i], construct.members);
                items.add(construct);
                i = e;
            } else {
                items.add(new Item(i, i + 1, size(i, i + 1)));
                i++;
            }
        }
        int total = 0;
        for (Item it : items) {
            total += it.size;
        }
        while (total > limit) {
            List<Item> grouped = group(items, base, end);
            int newTotal = sum(grouped);
            if (newTotal >= total) {
                break; // no cut point helps; the emitter reports a method that is too large
            }
            items = grouped;
            total = newTotal;
        }
        return items;
    }

    /** A switch nest starting at {@code s}, or null. */
    private Nest detectNest(int s) {
        List<Integer> starts = new ArrayList<>();
        int b = s;
        while (b < ins.size() && ins.get(b).opcode() == OpCode.BLOCK && ins.get(b).operand(0) == 0x40 && match[b] > b) {
            starts.add(b);
            b++;
        }
        if (starts.size() < MIN_NEST_DEPTH) {
            return null;
        }
        // the innermost block holds straight code ending in the br_table (no nested constructs)
        int inner = starts.get(starts.size() - 1);
        int innerEnd = match[inner];
        int brTable = innerEnd - 1;
        if (ins.get(brTable).opcode() != OpCode.BR_TABLE || heights[brTable] < 0) {
            return null;
        }
        for (int k = inner + 1; k < brTable; k++) {
            OpCode o = ins.get(k).opcode();
            if (o == OpCode.BLOCK || o == OpCode.LOOP || o == OpCode.IF) {
                return null;
            }
        }
        int depth = starts.size();
        int[] blockStarts = new int[depth];
        int[] blockEnds = new int[depth];
        for (int k = 0; k < depth; k++) {
            blockStarts[k] = starts.get(depth - 1 - k);
            blockEnds[k] = match[blockStarts[k]];
        }
        // each arm must start and end at the nest's base height (blocks without results)
        int base = heights[s];
        for (int k = 0; k < depth - 1; k++) {
            int armStart = blockEnds[k] + 1;
            if (armStart < blockEnds[k + 1] && heights[armStart] >= 0 && heights[armStart] != base) {
                return null;
            }
        }
        return new Nest(s, blockEnds[depth - 1], blockStarts, blockEnds, brTable, new Region[depth - 1]);
    }

    /**
     * Plans a switch nest: every non-empty arm becomes a region (planned inside like any body); what stays in
     * the enclosing method is the code before the br_table and a dispatch loop of a few bytes per arm.
     */
    private int planNest(Nest nest, List<Item> members) {
        int base = heights[nest.start];
        for (int k = 0; k < nest.depth() - 1; k++) {
            int armStart = nest.blockEnds[k] + 1;
            int armEnd = nest.blockEnds[k + 1];
            if (armStart >= armEnd || heights[armStart] < 0) {
                continue; // empty or unreachable arm: the dispatcher moves on to the next one
            }
            List<Item> inner = planBody(armStart, armEnd, base);
            Region r = new Region(armStart, armEnd, base);
            collect(inner, r.children);
            all.add(r);
            nest.arms[k] = r;
            Item armItem = new Item(armStart, armEnd, 0);
            armItem.region = r;
            members.add(armItem);
        }
        nests.put(nest.start, nest);
        int innermost = nest.blockStarts[0];
        return size(innermost, nest.brTable + 1) + 16 * nest.depth() + 200;
    }

    /** Plans the bodies of a construct starting at {@code s} and ending at {@code endIdx}; returns its size. */
    private int planConstruct(int s, int endIdx, List<Item> members) {
        int h = heights[s];
        OpCode op = ins.get(s).opcode();
        int overhead = size(s, s + 1) + size(endIdx, endIdx + 1);
        if (h < 0) {
            return overhead; // unreachable: not emitted
        }
        // body base: the height inside the construct (params are part of it; rare in practice)
        int bodyBase = (op == OpCode.IF ? h - 1 : h) - blockParams.applyAsInt(s);
        int elseIdx = op == OpCode.IF ? elseOf[s] : -1;
        int total = overhead;
        if (elseIdx < 0) {
            members.addAll(planBody(s + 1, endIdx, bodyBase));
        } else {
            members.addAll(planBody(s + 1, elseIdx, bodyBase));
            total += size(elseIdx, elseIdx + 1);
            members.addAll(planBody(elseIdx + 1, endIdx, bodyBase));
        }
        return total + sum(members);
    }

    private static int sum(List<Item> items) {
        int t = 0;
        for (Item it : items) {
            t += it.size;
        }
        return t;
    }

    /**
     * Is position {@code p} (before instruction p) a legal region boundary? Any reachable position between
     * items is: operand values above the body's base travel in and out of the region explicitly.
     */
    private boolean boundary(int p, int base, int bodyEnd) {
        return p == bodyEnd || heights[p] >= base;
    }

    /**
     * Groups consecutive items into chunks of at most {@link #target} bytes between boundaries, and outlines
     * every chunk big enough to be worth a call.
     */
    private List<Item> group(List<Item> items, int base, int bodyEnd) {
        List<Item> out = new ArrayList<>();
        int i = 0;
        while (i < items.size()) {
            Item first = items.get(i);
            if (!boundary(first.start, base, bodyEnd) || heights[first.start] < 0) {
                // not a legal region start: keep as is
                out.add(first);
                i++;
                continue;
            }
            int size = 0;
            int j = i;
            int lastGood = -1;
            int lastGoodSize = 0;
            while (j < items.size() && (size + items.get(j).size <= target || lastGood < 0)) {
                size += items.get(j).size;
                j++;
                int p = j < items.size() ? items.get(j).start : items.get(j - 1).end;
                if (boundary(p, base, bodyEnd) && (j == items.size() || heights[p] >= 0 || p == bodyEnd)) {
                    lastGood = j;
                    lastGoodSize = size;
                }
                if (size > target && lastGood >= 0) {
                    break;
                }
            }
            if (lastGood < 0) {
                out.add(first);
                i++;
                continue;
            }
            List<Item> members = items.subList(i, lastGood);
            if (lastGoodSize > Math.min(CALL_COST * 2, target / 2) && !(members.size() == 1 && members.get(0).region != null)) {
                Item chunk = new Item(members.get(0).start, members.get(members.size() - 1).end, CALL_COST);
                Region r = new Region(chunk.start, chunk.end, base);
                collect(members, r.children);
                chunk.region = r;
                all.add(r);
                out.add(chunk);
            } else {
                out.addAll(members);
            }
            i = lastGood;
        }
        return out;
    }
}
