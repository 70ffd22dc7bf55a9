package dev.wasm2jar.rt.specops;

import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.specops.NumericOps.NumericOp;
import dev.wasm2jar.rt.specops.SExpr.Atom;
import dev.wasm2jar.rt.specops.SExpr.ListNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the {@code assert_return} / {@code assert_trap} commands of a .wast script whose invoked functions
 * are pure numeric expressions: a single folded expression over parameters ({@code local.get}),
 * constants and the instructions of a {@link NumericOps} table. That covers the spec's numeric scripts
 * (each export wraps one instruction) and the straight-line functions of float_exprs/int_exprs.
 * Functions using anything else (locals, control flow, memory, calls) are reported as skipped, never
 * silently passed.
 */
public final class WastScriptRunner {
    public enum Status { PASSED, FAILED, SKIPPED }

    /**
     * One assertion's outcome. {@code instructions} are the numeric instructions the invoked function
     * uses (empty when skipped).
     */
    public record Result(String file, int line, String export, Set<String> instructions, Status status, String detail) {
        @Override
        public String toString() {
            return file + ":" + line + " " + export + " " + status + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final Map<String, NumericOp> ops;

    public WastScriptRunner(Map<String, NumericOp> ops) {
        this.ops = ops;
    }

    /** An assertion ready to be evaluated, any number of times (e.g. again once the JIT has compiled the code). */
    @FunctionalInterface
    public interface Assertion {
        Result run();
    }

    /** Parses the script and evaluates every assertion once. */
    public List<Result> run(String file, String source) {
        return prepare(file, source).stream().map(Assertion::run).toList();
    }

    /** Parses the script; modules are read and constants parsed here, evaluation happens in {@link Assertion#run}. */
    public List<Assertion> prepare(String file, String source) {
        List<Assertion> assertions = new ArrayList<>();
        Map<String, Module> namedModules = new HashMap<>();
        Module current = null;
        for (SExpr form : SExpr.parseAll(source)) {
            if (!(form instanceof ListNode list)) continue;
            switch (list.head()) {
                case "module" -> {
                    current = readModule(list);
                    if (current.name != null) namedModules.put(current.name, current);
                }
                case "assert_return", "assert_trap" -> {
                    if (list.size() < 2 || !(list.get(1) instanceof ListNode action) || !action.head().equals("invoke")) {
                        continue; // assert_trap on module instantiation, or a (get ...) action: not numeric
                    }
                    assertions.add(prepareAssertion(file, list, action, current, namedModules));
                }
                default -> { } // assert_invalid/malformed/..., register: nothing to evaluate
            }
        }
        return assertions;
    }

    // ------------------------------------------------------------------ assertions

    private Assertion prepareAssertion(String file, ListNode assertion, ListNode invoke, Module current, Map<String, Module> named) {
        int argStart = 1;
        Module module = current;
        if (invoke.get(1) instanceof Atom a && !a.isString && a.text.startsWith("$")) {
            module = named.get(a.text);
            argStart = 2;
        }
        String export = ((Atom) invoke.get(argStart)).text;
        Function function = module == null ? null : module.exports.get(export);
        if (function == null || function.unsupported != null) {
            String why = function == null ? "no such export in a parsed module" : function.unsupported;
            Result skipped = new Result(file, assertion.line, export, Set.of(), Status.SKIPPED, why);
            return () -> skipped;
        }
        List<Value> args = new ArrayList<>();
        for (int i = argStart + 1; i < invoke.size(); i++) args.add(constant((ListNode) invoke.get(i)));
        Expectation expectation = assertion.head().equals("assert_trap")
                ? new TrapExpected(((Atom) assertion.get(2)).text)
                : returnExpectation(assertion);
        return () -> {
            Optional<Value> actual;
            Trap trap = null;
            try {
                actual = function.invoke(args);
            } catch (Trap t) {
                actual = Optional.empty();
                trap = t;
            } catch (RuntimeException e) {
                return new Result(file, assertion.line, export, function.instructions, Status.FAILED,
                        "args " + args + " threw " + e);
            }
            String mismatch = expectation.check(actual, trap);
            String detail = mismatch == null ? "" : "args " + args + ": " + mismatch;
            return new Result(file, assertion.line, export, function.instructions,
                    mismatch == null ? Status.PASSED : Status.FAILED, detail);
        };
    }

    /** What an assertion expects; {@link #check} returns null if the outcome matches, else why not. */
    private interface Expectation {
        String check(Optional<Value> actual, Trap trap);
    }

    private record TrapExpected(String message) implements Expectation {
        @Override
        public String check(Optional<Value> actual, Trap trap) {
            if (trap == null) {
                return "expected trap \"" + message + "\" but returned " + actual.map(Object::toString).orElse("nothing");
            }
            // As in the reference interpreter, the script's message is a prefix of the actual one.
            return trap.getMessage().startsWith(message) ? null
                    : "expected trap \"" + message + "\" but trapped with \"" + trap.getMessage() + "\"";
        }
    }

    /** A returned value (null: no result), matched bitwise or by a NaN pattern. */
    private record ReturnExpected(ValuePattern expected) implements Expectation {
        @Override
        public String check(Optional<Value> actual, Trap trap) {
            if (trap != null) return "unexpected trap \"" + trap.getMessage() + "\"";
            if (expected == null) return actual.isEmpty() ? null : "expected no result but got " + actual.get();
            if (actual.isEmpty()) return "expected " + expected + " but got no result";
            return expected.matches(actual.get()) ? null : "expected " + expected + " but got " + actual.get();
        }
    }

    private static Expectation returnExpectation(ListNode assertion) {
        if (assertion.size() == 2) return new ReturnExpected(null);
        if (assertion.size() > 3) return (actual, trap) -> "multi-value results are not supported by this runner";
        return new ReturnExpected(ValuePattern.parse((ListNode) assertion.get(2)));
    }

    /** An expected result: exact bits, or nan:canonical / nan:arithmetic (either sign). */
    record ValuePattern(ValType type, String literal, Value exact) {
        static ValuePattern parse(ListNode constant) {
            ValType type = ValType.parse(constant.head().substring(0, 3));
            String literal = ((Atom) constant.get(1)).text;
            boolean isPattern = literal.equals("nan:canonical") || literal.equals("nan:arithmetic");
            return new ValuePattern(type, literal, isPattern ? null : WastLiterals.parse(type, literal));
        }

        boolean matches(Value actual) {
            if (type != actual.type()) return false;
            if (exact != null) return actual.bits() == exact.bits();
            WastLiterals.FloatFormat format = WastLiterals.FloatFormat.of(type);
            long exponentAndQuiet = format.infinityBits() | format.quietBit();
            long withoutSign = actual.bits() & ~format.signBit();
            return literal.equals("nan:canonical")
                    ? withoutSign == exponentAndQuiet
                    : (withoutSign & exponentAndQuiet) == exponentAndQuiet;
        }

        @Override
        public String toString() {
            return "(" + type + ".const " + literal + ")";
        }
    }

    private static Value constant(ListNode node) {
        String head = node.head();
        if (!head.endsWith(".const")) throw new IllegalArgumentException("line " + node.line + ": not a constant: " + node);
        return WastLiterals.parse(ValType.parse(head.substring(0, 3)), ((Atom) node.get(1)).text);
    }

    // ------------------------------------------------------------------ modules and functions

    private static final class Module {
        String name;
        final Map<String, Function> exports = new HashMap<>();
    }

    private Module readModule(ListNode module) {
        Module result = new Module();
        int start = 1;
        if (module.size() > 1 && module.get(1) instanceof Atom a && a.text.startsWith("$")) {
            result.name = a.text;
            start = 2;
        }
        for (int i = start; i < module.size(); i++) {
            if (module.get(i) instanceof ListNode field && field.head().equals("func")) {
                Function function = readFunction(field);
                for (String export : function.exportNames) result.exports.put(export, function);
            }
        }
        return result;
    }

    private final class Function {
        final List<String> exportNames = new ArrayList<>();
        final List<ValType> params = new ArrayList<>();
        final Map<String, Integer> paramIndex = new HashMap<>();
        final List<ValType> results = new ArrayList<>();
        final Set<String> instructions = new LinkedHashSet<>();
        SExpr body;
        /** Why this function cannot be evaluated, or null. */
        String unsupported;

        Optional<Value> invoke(List<Value> args) {
            if (args.size() != params.size()) throw new IllegalArgumentException("arity mismatch");
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).type() != params.get(i)) throw new IllegalArgumentException("argument type mismatch");
            }
            return body == null ? Optional.empty() : Optional.of(evaluate(body, args));
        }

        private Value evaluate(SExpr node, List<Value> args) {
            ListNode list = (ListNode) node;
            String head = list.head();
            if (head.equals("local.get")) return args.get(localIndex((Atom) list.get(1)));
            if (head.endsWith(".const")) return constant(list);
            List<Value> operands = new ArrayList<>();
            for (int i = 1; i < list.size(); i++) operands.add(evaluate(list.get(i), args));
            return ops.get(head).apply(operands);
        }

        private int localIndex(Atom ref) {
            return ref.text.startsWith("$") ? paramIndex.get(ref.text) : Integer.parseInt(ref.text);
        }

        /** Type of a supported expression, or empty (and {@link #unsupported} set) otherwise. */
        Optional<ValType> check(SExpr node) {
            if (!(node instanceof ListNode list)) return unsupported("unfolded instruction " + node);
            String head = list.head();
            if (head.equals("local.get")) {
                if (list.size() != 2) return unsupported("bad local.get");
                Atom ref = (Atom) list.get(1);
                if (ref.text.startsWith("$") && !paramIndex.containsKey(ref.text)) return unsupported("unknown local " + ref);
                int index = localIndex(ref);
                return index < params.size() ? Optional.of(params.get(index)) : unsupported("local beyond params");
            }
            if (head.endsWith(".const") && head.length() == 9 && list.size() == 2) {
                return Optional.of(ValType.parse(head.substring(0, 3)));
            }
            NumericOp op = ops.get(head);
            if (op == null) return unsupported("instruction " + head + " not in the table");
            if (list.size() - 1 != op.params().size()) return unsupported("unfolded or partial " + head);
            for (int i = 0; i < op.params().size(); i++) {
                Optional<ValType> operand = check(list.get(i + 1));
                if (operand.isEmpty()) return operand;
                if (operand.get() != op.params().get(i)) throw new IllegalStateException("ill-typed " + list);
            }
            instructions.add(head);
            return Optional.of(op.result());
        }

        private Optional<ValType> unsupported(String why) {
            if (unsupported == null) unsupported = why;
            return Optional.empty();
        }
    }

    private Function readFunction(ListNode func) {
        Function f = new Function();
        try {
            readSignatureAndBody(func, f);
        } catch (IllegalArgumentException e) { // e.g. a reference-typed parameter
            f.unsupported = e.getMessage();
        }
        return f;
    }

    private void readSignatureAndBody(ListNode func, Function f) {
        List<SExpr> body = new ArrayList<>();
        for (int i = 1; i < func.size(); i++) {
            SExpr item = func.get(i);
            if (item instanceof Atom a && a.text.startsWith("$") && i == 1) continue; // function name
            if (!(item instanceof ListNode list)) {
                body.add(item);
                continue;
            }
            switch (list.head()) {
                case "export" -> f.exportNames.add(((Atom) list.get(1)).text);
                case "param" -> {
                    if (list.size() == 3 && ((Atom) list.get(1)).text.startsWith("$")) {
                        f.paramIndex.put(((Atom) list.get(1)).text, f.params.size());
                        f.params.add(ValType.parse(((Atom) list.get(2)).text));
                    } else {
                        for (int k = 1; k < list.size(); k++) f.params.add(ValType.parse(((Atom) list.get(k)).text));
                    }
                }
                case "result" -> {
                    for (int k = 1; k < list.size(); k++) f.results.add(ValType.parse(((Atom) list.get(k)).text));
                }
                case "type", "local", "import" -> f.unsupported = "function with " + list.head();
                default -> body.add(item);
            }
        }
        if (f.unsupported != null) return;
        if (body.size() > 1) {
            f.unsupported = "body of " + body.size() + " instructions";
        } else if (body.size() != f.results.size()) {
            f.unsupported = "body/result count mismatch";
        } else if (!body.isEmpty()) {
            f.check(body.get(0)).ifPresent(type -> {
                if (type != f.results.get(0)) throw new IllegalStateException("ill-typed function at line " + func.line);
            });
            f.body = body.get(0);
        }
    }
}
