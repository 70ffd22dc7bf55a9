package dev.wasm2jar.rt;

/**
 * A global that crosses a module boundary (imported or exported). Globals private to a module are plain
 * typed fields of the generated class; shared ones are these typed boxes so every module sees one value.
 */
public abstract class Global {
    public final char type;
    public final boolean mutable;

    protected Global(char type, boolean mutable) {
        this.type = type;
        this.mutable = mutable;
    }

    /** The value boxed (Integer, Long, Float, Double or a reference); for tools and tests. */
    public abstract Object get();

    public abstract void set(Object value);

    public static Global of(char type, boolean mutable, Object value) {
        Global g;
        switch (type) {
            case 'i': g = new I32(mutable); break;
            case 'l': g = new I64(mutable); break;
            case 'f': g = new F32(mutable); break;
            case 'd': g = new F64(mutable); break;
            case 'F': case 'E': g = new Ref(type, mutable); break;
            default: throw new IllegalArgumentException("global type " + type);
        }
        if (value != null) {
            g.set(value);
        }
        return g;
    }

    public static final class I32 extends Global {
        public int value;
        public I32(boolean mutable) { super('i', mutable); }
        @Override public Object get() { return value; }
        @Override public void set(Object v) { value = (Integer) v; }
    }

    public static final class I64 extends Global {
        public long value;
        public I64(boolean mutable) { super('l', mutable); }
        @Override public Object get() { return value; }
        @Override public void set(Object v) { value = (Long) v; }
    }

    public static final class F32 extends Global {
        public float value;
        public F32(boolean mutable) { super('f', mutable); }
        @Override public Object get() { return value; }
        @Override public void set(Object v) { value = (Float) v; }
    }

    public static final class F64 extends Global {
        public double value;
        public F64(boolean mutable) { super('d', mutable); }
        @Override public Object get() { return value; }
        @Override public void set(Object v) { value = (Double) v; }
    }

    public static final class Ref extends Global {
        public Object value;
        public Ref(char type, boolean mutable) { super(type, mutable); }
        @Override public Object get() { return value; }
        @Override public void set(Object v) { value = v; }
    }
}
