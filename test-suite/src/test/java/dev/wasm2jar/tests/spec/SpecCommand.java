package dev.wasm2jar.tests.spec;

import java.util.List;

/**
 * One command of a wast2json script. Which fields are set depends on {@link #type}; see the table in
 * /work/shared/spec/README.md section 4 (copied to test-suite/spec/README.md).
 *
 * @param type       module, register, action, assert_return, assert_trap, assert_exhaustion, assert_invalid,
 *                   assert_malformed, assert_unlinkable, assert_uninstantiable, ...
 * @param line       line in the .wast file
 * @param filename   module file relative to the .json (module and assert_* on modules)
 * @param name       module name with its {@code $} (module: binds it; register: which instance), or null
 * @param as         register: the import module name
 * @param text       assert_*: the spec's expected message
 * @param moduleType assert_* on modules: {@code binary} or {@code text}
 * @param action     action and assert_* on actions
 * @param expected   assert_return: expected results; others: types only (may be empty)
 */
public record SpecCommand(String type, int line, String filename, String name, String as, String text,
                          String moduleType, Action action, List<SpecValue> expected) {

    /**
     * @param type   {@code invoke} (call an exported function) or {@code get} (read an exported global)
     * @param module module name with its {@code $}, or null for the current module
     * @param field  export name
     * @param args   invoke arguments
     */
    public record Action(String type, String module, String field, List<SpecValue> args) {
        @Override
        public String toString() {
            return type + (module == null ? "" : " " + module) + " \"" + field + "\"" + (type.equals("invoke") ? " " + args : "");
        }
    }

    /** assert_malformed on a .wat module: a text-parser test, meaningless for a compiler that reads binaries. */
    public boolean isTextModule() {
        return "text".equals(moduleType);
    }
}
