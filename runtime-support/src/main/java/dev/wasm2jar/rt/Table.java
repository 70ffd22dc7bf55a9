package dev.wasm2jar.rt;

import java.util.Arrays;

/**
 * A table of references: {@link WasmFunction} (or null) for funcref tables, any Object (or null) for
 * externref tables. Every access is checked explicitly and traps with the spec's message, so an
 * {@link IndexOutOfBoundsException} escaping generated code always means linear memory.
 */
public final class Table {
    public static final int MAX_ELEMENTS = 10_000_000;

    /** The elements; replaced by {@link #grow}. */
    public Object[] elements;
    private final boolean funcref;
    private final long declaredMax;

    public Table(boolean funcref, int initial, long declaredMax) {
        if (initial < 0 || initial > MAX_ELEMENTS) {
            throw new Trap("table of " + Integer.toUnsignedString(initial) + " elements is larger than " + MAX_ELEMENTS);
        }
        this.funcref = funcref;
        this.declaredMax = declaredMax;
        this.elements = new Object[initial];
    }

    public boolean isFuncref() {
        return funcref;
    }

    public int size() {
        return elements.length;
    }

    /** The declared maximum, or -1 when there is none. */
    public long declaredMax() {
        return declaredMax;
    }

    public Object get(int index) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw Trap.tableOutOfBounds();
        }
        return e[index];
    }

    public void set(int index, Object value) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw Trap.tableOutOfBounds();
        }
        e[index] = value;
    }

    /** The target of {@code call_indirect}: traps with "undefined element" / "uninitialized element". */
    public WasmFunction function(int index) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw Trap.undefinedElement();
        }
        Object f = e[index];
        if (f == null) {
            throw Trap.uninitializedElement();
        }
        return (WasmFunction) f;
    }

    /** {@code table.grow}: returns the old size, or -1. */
    public int grow(Object init, int delta) {
        int old = elements.length;
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        long limit = declaredMax < 0 ? MAX_ELEMENTS : Math.min(declaredMax, MAX_ELEMENTS);
        if (wanted > limit) {
            return -1;
        }
        Object[] grown = Arrays.copyOf(elements, (int) wanted);
        Arrays.fill(grown, old, (int) wanted, init);
        elements = grown;
        return old;
    }

    public void fill(int start, Object value, int count) {
        long end = Integer.toUnsignedLong(start) + Integer.toUnsignedLong(count);
        if (end > elements.length) {
            throw Trap.tableOutOfBounds();
        }
        Arrays.fill(elements, start, (int) end, value);
    }

    /** {@code table.copy} from {@code src} (possibly this table) into this one; overlap-safe. */
    public void copy(Table src, int dest, int srcIndex, int count) {
        long n = Integer.toUnsignedLong(count);
        if (Integer.toUnsignedLong(dest) + n > elements.length || Integer.toUnsignedLong(srcIndex) + n > src.elements.length) {
            throw Trap.tableOutOfBounds();
        }
        System.arraycopy(src.elements, srcIndex, elements, dest, count);
    }

    /** {@code table.init} from an element segment ({@code null} once dropped, which reads as empty). */
    public void init(Object[] segment, int dest, int src, int count) {
        long n = Integer.toUnsignedLong(count);
        int segLen = segment == null ? 0 : segment.length;
        if (Integer.toUnsignedLong(dest) + n > elements.length || Integer.toUnsignedLong(src) + n > segLen) {
            throw Trap.tableOutOfBounds();
        }
        if (count != 0) {
            System.arraycopy(segment, src, elements, dest, count);
        }
    }
}
