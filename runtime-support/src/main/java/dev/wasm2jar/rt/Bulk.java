package dev.wasm2jar.rt;

/**
 * Table and bulk-memory instructions for generated code. Parameters follow the Wasm operand stack order,
 * with the memory/table/segment the instruction names appended last, so generated code only pushes them
 * and calls.
 */
public final class Bulk {
    private Bulk() {}

    public static void memoryFill(int dest, int value, int count, Memory m) { m.fill(dest, value, count); }
    public static void memoryCopy(int dest, int src, int count, Memory m) { m.copy(dest, src, count); }
    public static void memoryInit(int dest, int src, int count, Memory m, byte[] segment) { m.init(segment, dest, src, count); }

    public static Object tableGet(int index, Table t) { return t.get(index); }
    public static void tableSet(int index, Object value, Table t) { t.set(index, value); }
    public static int tableGrow(Object init, int delta, Table t) { return t.grow(init, delta); }
    public static void tableFill(int start, Object value, int count, Table t) { t.fill(start, value, count); }
    public static void tableCopy(int dest, int src, int count, Table dst, Table source) { dst.copy(source, dest, src, count); }
    public static void tableInit(int dest, int src, int count, Table t, Object[] segment) { t.init(segment, dest, src, count); }
}
