package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the Wasm 2.0 rules Chicory's decoder and validator do not enforce (it targets Wasm 3.0, where some
 * of them were relaxed): one memory at most, export indices and unique names, import type indices, constant
 * expressions that may only read imported globals, and the reserved zero bytes of memory instructions.
 */
final class ModuleChecks {
    private ModuleChecks() {}

    static void check(WasmModule module, byte[] wasm) {
        int memories = module.memorySection().map(s -> s.memoryCount()).orElse(0)
                + module.importSection().count(ExternalType.MEMORY);
        if (memories > 1) {
            throw new InvalidException("multiple memories");
        }
        int types = module.typeSection().typeCount();
        int importedFunctions = 0;
        int importedGlobals = 0;
        int importedTables = 0;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            switch (imp.importType()) {
                case FUNCTION:
                    importedFunctions++;
                    if (((FunctionImport) imp).typeIndex() >= types) {
                        throw new InvalidException("unknown type " + ((FunctionImport) imp).typeIndex() + " in import \"" + imp.module() + "\" \"" + imp.name() + "\"");
                    }
                    break;
                case GLOBAL: importedGlobals++; break;
                case TABLE: importedTables++; break;
                default: break;
            }
        }
        int functions = importedFunctions + module.functionSection().functionCount();
        int globals = importedGlobals + module.globalSection().globalCount();
        int tables = importedTables + module.tableSection().tableCount();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (!names.add(e.name())) {
                throw new InvalidException("duplicate export name \"" + e.name() + "\"");
            }
            int limit;
            String what;
            switch (e.exportType()) {
                case FUNCTION: limit = functions; what = "function"; break;
                case GLOBAL: limit = globals; what = "global"; break;
                case TABLE: limit = tables; what = "table"; break;
                case MEMORY: limit = memories; what = "memory"; break;
                default: limit = Integer.MAX_VALUE; what = "item"; break;
            }
            if (e.index() < 0 || e.index() >= limit) {
                throw new InvalidException("unknown " + what + " " + e.index() + " in export \"" + e.name() + "\"");
            }
        }
        for (Global g : module.globalSection().globals()) {
            constExpr(g.initInstructions(), importedGlobals);
        }
        for (Element el : module.elementSection().elements()) {
            if (el instanceof ActiveElement a) {
                constExpr(a.offset(), importedGlobals);
            }
            for (List<Instruction> init : el.initializers()) {
                constExpr(init, importedGlobals);
            }
        }
        for (DataSegment d : module.dataSection().dataSegments()) {
            if (d instanceof ActiveDataSegment a) {
                constExpr(a.offsetInstructions(), importedGlobals);
            }
        }
        for (FunctionBody body : module.codeSection().functionBodies()) {
            reservedBytes(body.instructions(), wasm);
        }
    }

    /** Wasm 2.0: a constant expression may read imported globals only. */
    private static void constExpr(List<Instruction> expr, int importedGlobals) {
        for (Instruction ins : expr) {
            if (ins.opcode() == OpCode.GLOBAL_GET && ins.operand(0) >= importedGlobals) {
                throw new InvalidException("unknown global " + ins.operand(0) + " in a constant expression");
            }
        }
    }

    /** Memory instructions carry a memory index that Wasm 2.0 encodes as exactly one zero byte. */
    private static void reservedBytes(List<AnnotatedInstruction> instructions, byte[] wasm) {
        for (AnnotatedInstruction ins : instructions) {
            int a = ins.address();
            OpCode op = ins.opcode();
            int zeroAt;
            switch (op) {
                case MEMORY_SIZE:
                case MEMORY_GROW:
                    if (a < 0 || a >= wasm.length || (wasm[a] & 0xFF) != op.opcode()) {
                        continue; // not an absolute offset we can check
                    }
                    zeroAt = a + 1;
                    break;
                case MEMORY_FILL:
                    if (a < 0 || a >= wasm.length || (wasm[a] & 0xFF) != 0xFC) {
                        continue;
                    }
                    zeroAt = a + 2;
                    break;
                case MEMORY_COPY:
                    if (a < 0 || a >= wasm.length || (wasm[a] & 0xFF) != 0xFC) {
                        continue;
                    }
                    checkZero(wasm, a + 2, op, a);
                    zeroAt = a + 3;
                    break;
                case MEMORY_INIT: {
                    if (a < 0 || a >= wasm.length || (wasm[a] & 0xFF) != 0xFC) {
                        continue;
                    }
                    int p = a + 2;
                    while (p < wasm.length && (wasm[p] & 0x80) != 0) {
                        p++;
                    }
                    zeroAt = p + 1;
                    break;
                }
                default:
                    continue;
            }
            checkZero(wasm, zeroAt, op, a);
        }
    }

    private static void checkZero(byte[] wasm, int at, OpCode op, int address) {
        if (address < 0 || address >= wasm.length || at >= wasm.length) {
            return;
        }
        if (wasm[at] != 0) {
            throw new MalformedException("zero byte expected after " + op + " at byte offset " + address);
        }
    }
}
