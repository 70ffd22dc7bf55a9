package dev.wasm2jar.tests.spec;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LinkException;
import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Executes the commands of one script in order against a fresh store: a fresh {@code spectest} instance,
 * fresh host references, and the modules the script instantiates and registers. Every command is recorded
 * in the {@link ScriptResult} exactly once; whatever goes wrong in one command (including harness or
 * compiler crashes) fails that command only.
 */
final class ScriptRunner {
    private final SpecScript script;
    private final ModuleFactory factory;
    private final ScriptResult result;
    private final boolean skipAll;

    private final Imports.Builder imports = SpectestHost.addTo(new Imports.Builder());
    private final HostRefs refs = new HostRefs();
    private final Map<String, ModuleSlot> named = new HashMap<>();
    /** Import module names whose registration failed, with why: explains later "unknown import" errors. */
    private final Map<String, String> brokenRegistrations = new HashMap<>();
    private ModuleSlot current;
    private int moduleCounter;

    /** An instantiated module, or why the module command that should have produced it failed. */
    private record ModuleSlot(int line, WasmModuleInstance instance, String failure) {}

    /** A command fails for a reason that is not an exception of the module under test. */
    private static final class CommandFailure extends Exception {
        private static final long serialVersionUID = 1L;
        /** Set when the compiler rejected the module: what kind of rejection. */
        final CompileException.Kind rejectedAs;

        CommandFailure(String reason) {
            this(reason, null);
        }

        CommandFailure(String reason, CompileException.Kind rejectedAs) {
            super(reason, null, false, false);
            this.rejectedAs = rejectedAs;
        }
    }

    /**
     * @param skipAll record every command as skipped without running anything (SIMD scripts until the
     *                compiler supports v128)
     */
    ScriptRunner(SpecScript script, ModuleFactory factory, ScriptResult result, boolean skipAll) {
        this.script = script;
        this.factory = factory;
        this.result = result;
        this.skipAll = skipAll;
    }

    void run() {
        for (SpecCommand c : script.commands()) {
            try {
                execute(c);
            } catch (ThreadDeath stop) {
                throw stop; // the watchdog stopped a hung script
            } catch (CommandFailure f) {
                result.fail(c, f.getMessage());
            } catch (Throwable t) {
                result.fail(c, "unexpected " + describe(t));
            }
        }
    }

    private void execute(SpecCommand c) throws Throwable {
        String type = c.type();
        if (type.equals("register")) {
            if (!skipAll) {
                register(c);
            }
            result.noTest();
            return;
        }
        if (type.equals("assert_malformed") && c.isTextModule()) {
            result.markNotApplicable();
            return;
        }
        if (skipAll) {
            result.skip();
            return;
        }
        switch (type) {
            case "module": result.record(c, module(c)); break;
            case "action": result.record(c, action(c)); break;
            case "assert_return": result.record(c, assertReturn(c)); break;
            case "assert_trap":
            case "assert_exhaustion": result.record(c, assertTrap(c)); break;
            case "assert_invalid":
            case "assert_malformed": result.record(c, assertRejected(c)); break;
            case "assert_unlinkable": result.record(c, assertUnlinkable(c)); break;
            case "assert_uninstantiable": result.record(c, assertUninstantiable(c)); break;
            default: result.fail(c, "command type not supported by the harness: " + type);
        }
    }

    // ---- modules

    /** Null when the module compiled and instantiated; it becomes the current module either way. */
    private String module(SpecCommand c) throws IOException {
        ModuleSlot slot;
        try {
            WasmModuleInstance instance = compile(c).instantiate(imports);
            slot = new ModuleSlot(c.line(), instance, null);
        } catch (CommandFailure f) {
            slot = new ModuleSlot(c.line(), null, f.getMessage());
        } catch (LinkException e) {
            slot = new ModuleSlot(c.line(), null, "link failed: " + e.getMessage() + brokenRegistrationHint(e.getMessage()));
        } catch (Trap t) {
            slot = new ModuleSlot(c.line(), null, "instantiation trapped: " + t.getMessage());
        } catch (ThreadDeath stop) {
            throw stop;
        } catch (Throwable t) {
            slot = new ModuleSlot(c.line(), null, "instantiation threw " + describe(t));
        }
        current = slot;
        if (c.name() != null) {
            named.put(c.name(), slot);
        }
        return slot.failure();
    }

    /** Compiles a module file; a rejected or crashing compilation becomes a {@link CommandFailure}. */
    private ModuleFactory.Instantiator compile(SpecCommand c) throws IOException, CommandFailure {
        byte[] wasm = Files.readAllBytes(script.directory().resolve(c.filename()));
        try {
            return factory.compile(wasm, "M" + (++moduleCounter));
        } catch (CompileException e) {
            throw new CommandFailure("compile failed (" + e.kind() + "): " + e.getMessage(), e.kind());
        } catch (ThreadDeath stop) {
            throw stop;
        } catch (Throwable t) {
            throw new CommandFailure("compiler crashed: " + describe(t));
        }
    }

    private void register(SpecCommand c) {
        ModuleSlot slot = c.name() != null ? named.get(c.name()) : current;
        if (slot == null || slot.instance() == null) {
            String why = slot == null ? "no module " + (c.name() == null ? "instantiated yet" : c.name())
                    : "its module (line " + slot.line() + ") failed: " + slot.failure();
            brokenRegistrations.put(c.as(), why);
            result.debug(c.line(), "register \"" + c.as() + "\" not done: " + why);
            return;
        }
        brokenRegistrations.remove(c.as());
        imports.register(c.as(), slot.instance());
    }

    private String brokenRegistrationHint(String linkMessage) {
        for (Map.Entry<String, String> e : brokenRegistrations.entrySet()) {
            if (linkMessage != null && linkMessage.contains("\"" + e.getKey() + "\"")) {
                return " (registration of \"" + e.getKey() + "\" was not done: " + e.getValue() + ")";
            }
        }
        return "";
    }

    private WasmModuleInstance instanceFor(String name) throws CommandFailure {
        ModuleSlot slot = name == null ? current : named.get(name);
        if (slot == null) {
            throw new CommandFailure(name == null ? "no module instantiated yet" : "no module named " + name);
        }
        if (slot.instance() == null) {
            throw new CommandFailure("module of line " + slot.line() + " unavailable: " + slot.failure());
        }
        return slot.instance();
    }

    // ---- actions

    private Object[] perform(SpecCommand.Action a) throws CommandFailure {
        if (a == null) {
            throw new CommandFailure("command without action");
        }
        WasmModuleInstance instance = instanceFor(a.module());
        Object export = instance.export(a.field());
        switch (a.type()) {
            case "invoke":
                if (!(export instanceof WasmFunction f)) {
                    throw new CommandFailure("no exported function \"" + a.field() + "\" (export is " + SpecValues.describe(export) + ")");
                }
                return f.call(SpecValues.toArguments(a.args(), refs));
            case "get":
                if (!(export instanceof Global g)) {
                    throw new CommandFailure("no exported global \"" + a.field() + "\" (export is " + SpecValues.describe(export) + ")");
                }
                return new Object[] {g.get()};
            default:
                throw new CommandFailure("action type not supported by the harness: " + a.type());
        }
    }

    /** A bare action: its results are ignored, but it must not trap. */
    private String action(SpecCommand c) throws CommandFailure {
        try {
            perform(c.action());
            return null;
        } catch (Trap t) {
            return "trapped \"" + t.getMessage() + "\"";
        }
    }

    private String assertReturn(SpecCommand c) throws CommandFailure {
        Object[] results;
        try {
            results = perform(c.action());
        } catch (Trap t) {
            return "trapped \"" + t.getMessage() + "\", expected " + c.expected();
        }
        return SpecValues.mismatch(c.expected(), results, refs);
    }

    /** assert_trap and assert_exhaustion: the action must trap with the expected message. */
    private String assertTrap(SpecCommand c) throws CommandFailure {
        Object[] results;
        try {
            results = perform(c.action());
        } catch (Trap t) {
            return trapMismatch(c, t.getMessage());
        }
        return "expected trap \"" + c.text() + "\", got result " + SpecValues.describeAll(results);
    }

    /**
     * Null when {@code actual} is the expected message: it starts with the spec's text (as the reference
     * interpreter checks). One relaxation: the spec text may add an operand our runtime does not print
     * ("uninitialized element 2" for our "uninitialized element"); such matches go to the debug log.
     */
    private String trapMismatch(SpecCommand c, String actual) {
        String expected = c.text();
        if (actual != null && expected != null) {
            if (actual.startsWith(expected)) {
                return null;
            }
            if (expected.startsWith(actual + " ")) {
                result.debug(c.line(), c.type() + ": accepted trap \"" + actual + "\" for spec text \"" + expected + "\"");
                return null;
            }
        }
        return "expected trap \"" + expected + "\", got trap \"" + actual + "\"";
    }

    // ---- assertions on modules

    /** assert_invalid and binary assert_malformed: the compiler must reject the module as MALFORMED or INVALID. */
    private String assertRejected(SpecCommand c) throws IOException {
        CompileException.Kind wanted = c.type().equals("assert_invalid") ? CompileException.Kind.INVALID : CompileException.Kind.MALFORMED;
        try {
            compile(c);
        } catch (CommandFailure f) {
            if (f.rejectedAs == CompileException.Kind.MALFORMED || f.rejectedAs == CompileException.Kind.INVALID) {
                // Either kind passes: where decoding ends and validation begins is an implementation choice.
                if (f.rejectedAs != wanted) {
                    result.debug(c.line(), c.type() + " \"" + c.text() + "\" rejected as " + f.rejectedAs + ": " + f.getMessage());
                }
                return null;
            }
            return f.getMessage() + " (expected " + wanted + ": \"" + c.text() + "\")";
        }
        return "compiled, expected " + wanted + ": \"" + c.text() + "\"";
    }

    private String assertUnlinkable(SpecCommand c) throws IOException, CommandFailure {
        ModuleFactory.Instantiator module = compile(c);
        try {
            module.instantiate(imports);
        } catch (LinkException e) {
            String msg = e.getMessage();
            return msg != null && msg.startsWith(c.text()) ? null : "expected link error \"" + c.text() + "\", got \"" + msg + "\"";
        } catch (Trap t) {
            return "expected link error \"" + c.text() + "\", got trap \"" + t.getMessage() + "\"";
        }
        return "instantiated, expected link error \"" + c.text() + "\"";
    }

    private String assertUninstantiable(SpecCommand c) throws IOException, CommandFailure {
        ModuleFactory.Instantiator module = compile(c);
        try {
            module.instantiate(imports);
        } catch (Trap t) {
            return trapMismatch(c, t.getMessage());
        } catch (LinkException e) {
            return "expected trap \"" + c.text() + "\" during instantiation, got link error \"" + e.getMessage() + "\"";
        }
        return "instantiated, expected trap \"" + c.text() + "\"";
    }

    /** Exception class, message and innermost frame: enough to tell a harness bug from a compiler bug. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getName());
        if (t.getMessage() != null) {
            sb.append(": ").append(t.getMessage());
        }
        StackTraceElement[] frames = t.getStackTrace();
        if (frames.length > 0) {
            sb.append(" at ").append(frames[0]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            sb.append(" caused by ").append(t.getCause().getClass().getName());
            if (t.getCause().getMessage() != null) {
                sb.append(": ").append(t.getCause().getMessage());
            }
        }
        return sb.toString();
    }
}
