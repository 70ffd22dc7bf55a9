package dev.wasm2jar.compiler.analysis;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasm2jar.compiler.CompileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The module-wide facts code generation needs, in wasm2jar's own vocabulary: every function, global,
 * table and memory in index space order (imports first), with one-letter value types (see
 * {@link dev.wasm2jar.rt.ValueTypes}).
 */
public final class ModuleInfo {
    public static final String WASI_MODULE = "wasi_snapshot_preview1";

    public final WasmModule module;
    public final String[] typeSignatures;
    /** Signature of every function, imports first. */
    public final List<String> functionSignatures = new ArrayList<>();
    public final List<FunctionImport> functionImports = new ArrayList<>();
    public final List<GlobalInfo> globals = new ArrayList<>();
    public final List<TableInfo> tables = new ArrayList<>();
    /** The single memory (Wasm 2.0), or null. */
    public MemoryInfo memory;
    private final NameCustomSection names;

    public record GlobalInfo(char type, boolean mutable, GlobalImport imported, Global defined, boolean exported) {
        /** Shared globals live in {@link dev.wasm2jar.rt.Global} boxes; private ones are plain fields. */
        public boolean boxed() {
            return imported != null || exported;
        }
    }

    public record TableInfo(boolean funcref, int min, long max, TableImport imported, Table defined) {}

    public record MemoryInfo(int min, long max, MemoryImport imported, boolean exported) {}

    public ModuleInfo(WasmModule module) throws CompileException {
        this.module = module;
        FunctionType[] types = module.typeSection().types();
        typeSignatures = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            typeSignatures[i] = types[i] == null ? null : signature(types[i]);
        }
        Set<Integer> exportedGlobals = new HashSet<>();
        boolean memoryExported = false;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            var e = module.exportSection().getExport(i);
            if (e.exportType() == ExternalType.GLOBAL) {
                exportedGlobals.add(e.index());
            } else if (e.exportType() == ExternalType.MEMORY) {
                memoryExported = true;
            }
        }
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            switch (imp.importType()) {
                case FUNCTION: {
                    FunctionImport fi = (FunctionImport) imp;
                    functionImports.add(fi);
                    functionSignatures.add(typeSignatures[fi.typeIndex()]);
                    break;
                }
                case GLOBAL: {
                    GlobalImport gi = (GlobalImport) imp;
                    globals.add(new GlobalInfo(typeChar(gi.type()), gi.mutabilityType() == com.dylibso.chicory.wasm.types.MutabilityType.Var,
                            gi, null, exportedGlobals.contains(globals.size())));
                    break;
                }
                case TABLE: {
                    TableImport ti = (TableImport) imp;
                    tables.add(new TableInfo(isFuncref(ti.entryType()), (int) ti.limits().min(), max(ti.limits()), ti, null));
                    break;
                }
                case MEMORY: {
                    MemoryImport mi = (MemoryImport) imp;
                    memory = new MemoryInfo(mi.limits().initialPages(), max(mi.limits()), mi, memoryExported);
                    break;
                }
                default:
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported import kind " + imp.importType()
                            + " for \"" + imp.module() + "\" \"" + imp.name() + "\"");
            }
        }
        for (int i = 0; i < module.functionSection().functionCount(); i++) {
            functionSignatures.add(typeSignatures[module.functionSection().getFunctionType(i)]);
        }
        for (Global g : module.globalSection().globals()) {
            globals.add(new GlobalInfo(typeChar(g.valueType()), g.mutabilityType() == com.dylibso.chicory.wasm.types.MutabilityType.Var,
                    null, g, exportedGlobals.contains(globals.size())));
        }
        for (int i = 0; i < module.tableSection().tableCount(); i++) {
            Table t = module.tableSection().getTable(i);
            tables.add(new TableInfo(isFuncref(t.elementType()), (int) t.limits().min(), max(t.limits()), null, t));
        }
        if (module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
            MemoryLimits l = module.memorySection().get().getMemory(0).limits();
            memory = new MemoryInfo(l.initialPages(), max(l), null, memoryExported);
        }
        names = module.nameSection();
        rejectSimd();
        checkJvmLimits();
    }

    /** A JVM method has at most 255 parameter slots. */
    private static final int MAX_PARAMETER_SLOTS = 253; // 255 minus the instance, minus one spare for a table index
    /** Engines cap br_table; V8 rejects more than 65,520 entries, and so do we (one tableswitch must stay small). */
    public static final int MAX_BR_TABLE_ENTRIES = 65_520;

    /**
     * Beyond this many instructions a function is refused rather than compiled for minutes (CPython's
     * largest has 23,000; inlining fuzzers produce 200,000). Huge functions spread their region methods
     * over several classes, so the constant pool is not the limit.
     */
    public static final int MAX_FUNCTION_INSTRUCTIONS = 1_000_000;

    /** Valid Wasm that no JVM class can express: said plainly at compile time, not as a class-loading error later. */
    private void checkJvmLimits() throws CompileException {
        for (int f = 0; f < functionSignatures.size(); f++) {
            String sig = functionSignatures.get(f);
            if (sig == null) {
                continue;
            }
            int slots = 0;
            for (char c : dev.wasm2jar.rt.ValueTypes.params(sig).toCharArray()) {
                slots += c == 'l' || c == 'd' ? 2 : 1;
            }
            if (slots > MAX_PARAMETER_SLOTS) {
                throw new CompileException(CompileException.Kind.UNSUPPORTED, describeFunction(f) + " has parameters filling "
                        + slots + " JVM slots, more than a JVM method can take (" + MAX_PARAMETER_SLOTS + ")");
            }
        }
        var bodies = module.codeSection().functionBodies();
        for (int i = 0; i < bodies.length; i++) {
            if (bodies[i].instructions().size() > MAX_FUNCTION_INSTRUCTIONS) {
                throw new CompileException(CompileException.Kind.UNSUPPORTED, describeFunction(functionImports.size() + i) + " has "
                        + bodies[i].instructions().size() + " instructions, more than the " + MAX_FUNCTION_INSTRUCTIONS
                        + " that wasm2jar compiles in one function");
            }
            for (var ins : bodies[i].instructions()) {
                if (ins.opcode() == com.dylibso.chicory.wasm.types.OpCode.BR_TABLE && ins.operands().length - 1 > MAX_BR_TABLE_ENTRIES) {
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, "br_table with " + (ins.operands().length - 1)
                            + " entries in " + describeFunction(functionImports.size() + i) + " at byte offset " + ins.address()
                            + " exceeds the implementation limit of " + MAX_BR_TABLE_ENTRIES);
                }
            }
        }
    }

    /** SIMD is not compiled yet: say so plainly, naming the first place that uses a v128 value. */
    private void rejectSimd() throws CompileException {
        for (int f = 0; f < functionSignatures.size(); f++) {
            String sig = functionSignatures.get(f);
            if (sig != null && sig.indexOf('V') >= 0) {
                throw simd("the signature of " + describeFunction(f));
            }
        }
        for (int g = 0; g < globals.size(); g++) {
            if (globals.get(g).type() == 'V') {
                throw simd("global " + g);
            }
        }
        var bodies = module.codeSection().functionBodies();
        for (int i = 0; i < bodies.length; i++) {
            for (ValType t : bodies[i].localTypes()) {
                if (typeChar(t) == 'V') {
                    throw simd("a local of " + describeFunction(functionImports.size() + i));
                }
            }
        }
    }

    private static CompileException simd(String where) {
        return new CompileException(CompileException.Kind.UNSUPPORTED, "SIMD (v128) is not supported yet, used in " + where);
    }

    public int importedFunctionCount() {
        return functionImports.size();
    }

    public int functionCount() {
        return functionSignatures.size();
    }

    public boolean isWasiImport(int functionIndex) {
        return functionIndex < functionImports.size() && WASI_MODULE.equals(functionImports.get(functionIndex).module());
    }

    /** The function's name from the name section, or null. */
    public String functionName(int index) {
        if (names == null) {
            return null;
        }
        try {
            return names.nameOfFunction(index);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code func[N]} or {@code func[N] <name>}, for error messages. */
    public String describeFunction(int index) {
        String n = functionName(index);
        return n == null ? "func[" + index + "]" : "func[" + index + "] <" + n + ">";
    }

    private static long max(MemoryLimits l) {
        // Chicory reports "no maximum" as the architectural limit.
        return l.maximumPages() >= MemoryLimits.MAX_PAGES ? -1 : l.maximumPages();
    }

    private static long max(TableLimits l) {
        return l.max() >= TableLimits.LIMIT_MAX ? -1 : l.max();
    }

    public static String signature(FunctionType t) {
        StringBuilder sb = new StringBuilder();
        for (ValType v : t.params()) sb.append(typeChar(v));
        sb.append('>');
        for (ValType v : t.returns()) sb.append(typeChar(v));
        return sb.toString().intern();
    }

    public static boolean isFuncref(ValType t) {
        return typeChar(t) == 'F';
    }

    public static char typeChar(ValType v) {
        return typeCharOfOpcode(v.opcode(), v.typeIdx());
    }

    private static char typeCharOfOpcode(int opcode, int typeIdx) {
        switch (opcode) {
            case 0x7F: return 'i';
            case 0x7E: return 'l';
            case 0x7D: return 'f';
            case 0x7C: return 'd';
            case 0x7B: return 'V';
            case 0x70: return 'F';
            case 0x6F: return 'E';
            case 0x64: case 0x63: // (ref null? ht): funcref-like when the heap type is func
                return typeIdx == 0x70 || typeIdx == -16 ? 'F' : 'E';
            default: return '?';
        }
    }

    /** A block type operand: 0x40 empty, a value type id, or a type index. */
    public String blockSignature(long operand) {
        if (operand == 0x40) {
            return ">";
        }
        if (ValType.isValid(operand)) {
            return (">" + typeCharOfOpcode((int) (operand & 0xFFFFFFFFL), (int) (operand >>> 32))).intern();
        }
        return typeSignatures[(int) operand];
    }
}
