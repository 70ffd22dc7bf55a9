package dev.wasm2jar.tests.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.emit.MethodSizes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The bytecode size of every method in the compiled python.jar. HotSpot does not JIT-compile a method of
 * 8,000 bytes or more ({@code -XX:HugeMethodLimit}, {@code DontCompileHugeMethods}), so issue 4 requires every
 * generated method to stay below that. Until function splitting is finished the bound is the JVM's own
 * class-file limit; the test prints the largest methods either way.
 */
class PythonMethodSizeTest {
    /** HotSpot's {@code HugeMethodLimit}: methods this large or larger are never JIT-compiled. */
    static final int JIT_HUGE_METHOD_LIMIT = 8_000;
    /** The JVM's hard limit on a method's code length. */
    static final int CLASS_FILE_METHOD_LIMIT = 65_536;
    /**
     * The bound this test enforces: every method must be strictly smaller. Set to
     * {@link #JIT_HUGE_METHOD_LIMIT} once huge-function splitting is finished (issue 4).
     */
    static final int ENFORCED_METHOD_SIZE_BOUND = JIT_HUGE_METHOD_LIMIT;

    private record MethodSize(String owner, String method, int bytes) {
        @Override
        public String toString() {
            return bytes + " bytes  " + owner + "." + method;
        }
    }

    @Test
    void everyMethodIsBelowTheBound() throws IOException {
        List<MethodSize> methods = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(PythonWorkload.jar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                String owner = entry.getName().substring(0, entry.getName().length() - ".class".length());
                MethodSizes.forEach(bytes, (method, size) -> methods.add(new MethodSize(owner, method, size)));
            }
        }
        methods.sort(Comparator.comparingInt(MethodSize::bytes).reversed());
        assertTrue(!methods.isEmpty(), "no method found in " + PythonWorkload.jar());

        long huge = methods.stream().filter(m -> m.bytes() >= JIT_HUGE_METHOD_LIMIT).count();
        StringBuilder report = new StringBuilder("[python workload] " + classes + " classes, " + methods.size()
                + " methods; " + huge + " of them >= " + JIT_HUGE_METHOD_LIMIT + " bytes (not JIT-compiled). Largest:\n");
        methods.stream().limit(10).forEach(m -> report.append("  ").append(m).append('\n'));
        System.out.print(report);

        MethodSize largest = methods.get(0);
        assertTrue(largest.bytes() < ENFORCED_METHOD_SIZE_BOUND,
                "largest method " + largest + " is not below " + ENFORCED_METHOD_SIZE_BOUND + " bytes\n" + report);
    }
}
