package dev.wasm2jar.compiler;

import java.util.Map;

/**
 * The output of a compilation: class files by internal name (the main class first) and resources (such
 * as the data-segment blob) by jar path.
 *
 * @param mainClass internal name of the module class, e.g. {@code com/acme/Hello}
 * @param classes   internal class name to class-file bytes
 * @param resources jar path (no leading slash) to bytes
 * @param stats     numbers for {@code --verbose}
 */
public record CompiledModule(String mainClass, Map<String, byte[]> classes, Map<String, byte[]> resources, Stats stats) {

    /** What {@code --verbose} reports. */
    public record Stats(int functions, int splitFunctions, int largestMethodBytes, String largestMethodName) {}

    public String mainClassBinaryName() {
        return mainClass.replace('/', '.');
    }
}
