package dev.wasm2jar.compiler;

/** Options for one compilation. */
public final class CompilerOptions {
    private String className = "WasmModule";
    private String packageName = "";
    private boolean verbose;
    private int methodLimit = Integer.getInteger("wasm2jar.methodLimit", 6500);

    public String className() { return className; }
    public CompilerOptions className(String v) { this.className = v; return this; }
    /** Java package of the generated class(es), dotted; empty for the default package. */
    public String packageName() { return packageName; }
    public CompilerOptions packageName(String v) { this.packageName = v == null ? "" : v; return this; }
    public boolean verbose() { return verbose; }
    public CompilerOptions verbose(boolean v) { this.verbose = v; return this; }

    /**
     * Bytecode size above which a function is split into several methods (default 6,500, leaving room
     * under HotSpot's 8,000-byte JIT limit; measured best for CPython against 5,500 and 7,200). Tests set it
     * very low to split every function; the system property {@code wasm2jar.methodLimit} changes the
     * default, e.g. to force-split modules under the fuzzers.
     */
    public int methodLimit() { return methodLimit; }
    public CompilerOptions methodLimit(int v) { this.methodLimit = v; return this; }

    /** Internal (slash-separated) name of the main generated class. */
    public String internalClassName() {
        return packageName.isEmpty() ? className : packageName.replace('.', '/') + "/" + className;
    }
}
