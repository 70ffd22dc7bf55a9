package dev.wasm2jar.rt;

/**
 * A WebAssembly trap. The message is the spec's wording ("integer divide by zero", "out of bounds memory
 * access", ...) so embedders and the spec harness can match on it.
 *
 * <p>Hot generated code never allocates a Trap on the fast path: implicit JVM exceptions (array bounds,
 * division by zero, stack overflow) are translated by {@link #translate(Throwable)} at the boundary where
 * Java code calls into a module.
 */
public class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String UNREACHABLE = "unreachable";
    public static final String INT_DIVIDE_BY_ZERO = "integer divide by zero";
    public static final String INT_OVERFLOW = "integer overflow";
    public static final String INVALID_CONVERSION = "invalid conversion to integer";
    public static final String OUT_OF_BOUNDS_MEMORY = "out of bounds memory access";
    public static final String OUT_OF_BOUNDS_TABLE = "out of bounds table access";
    public static final String UNDEFINED_ELEMENT = "undefined element";
    public static final String UNINITIALIZED_ELEMENT = "uninitialized element";
    public static final String INDIRECT_CALL_TYPE_MISMATCH = "indirect call type mismatch";
    public static final String CALL_STACK_EXHAUSTED = "call stack exhausted";
    public static final String NULL_REFERENCE = "null reference";

    private String functionName;

    public Trap(String message) {
        super(message, null, false, true);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** The Wasm function (name from the name section, else {@code func[N]}) where the trap happened, if known. */
    public String functionName() {
        if (functionName == null) {
            functionName = FunctionNames.innermostWasmFunction(this);
        }
        return functionName;
    }

    public Trap withFunctionName(String name) {
        this.functionName = name;
        return this;
    }

    // Factories used by generated code: one call site, no message strings in every class.
    public static Trap unreachable() { return new Trap(UNREACHABLE); }
    public static Trap intOverflow() { return new Trap(INT_OVERFLOW); }
    public static Trap divideByZero() { return new Trap(INT_DIVIDE_BY_ZERO); }
    public static Trap invalidConversion() { return new Trap(INVALID_CONVERSION); }
    public static Trap memoryOutOfBounds() { return new Trap(OUT_OF_BOUNDS_MEMORY); }
    public static Trap tableOutOfBounds() { return new Trap(OUT_OF_BOUNDS_TABLE); }
    public static Trap undefinedElement() { return new Trap(UNDEFINED_ELEMENT); }
    public static Trap uninitializedElement() { return new Trap(UNINITIALIZED_ELEMENT); }
    public static Trap indirectCallTypeMismatch() { return new Trap(INDIRECT_CALL_TYPE_MISMATCH); }

    /**
     * Maps what the JVM throws inside generated code to the Wasm trap it stands for. Exceptions that are
     * not traps (a host function's own exception, {@link ProcExit}) are returned unchanged, so callers
     * should rethrow whatever this returns.
     */
    public static RuntimeException translate(Throwable t) {
        if (t instanceof Trap trap) {
            return trap;
        }
        Trap mapped = null;
        if (t instanceof StackOverflowError) {
            mapped = new Trap(CALL_STACK_EXHAUSTED, t);
        } else if (t instanceof IndexOutOfBoundsException) {
            // Linear-memory accesses rely on the JVM's array bounds check; tables check explicitly.
            mapped = new Trap(OUT_OF_BOUNDS_MEMORY, t);
        } else if (t instanceof ArithmeticException) {
            mapped = new Trap(INT_DIVIDE_BY_ZERO, t);
        } else if (t instanceof NegativeArraySizeException) {
            mapped = new Trap(OUT_OF_BOUNDS_MEMORY, t);
        }
        if (mapped != null) {
            mapped.setStackTrace(t.getStackTrace());
            return mapped;
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RuntimeException(t);
    }
}
