package dev.wasm2jar.tests.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.ModuleLoader;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.ProcExit;
import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The function splitter must not change what a program computes: the C benchmark kernels (a switch-loop
 * interpreter — whose switch becomes the state machine — function-pointer dispatch, 64-bit arithmetic) run
 * once compiled normally and once with every function forced into small regions, and print the same
 * checksum.
 */
class SplitEquivalenceTest {
    private static final Path KERNELS = Path.of("bench", "c");

    @ParameterizedTest
    @ValueSource(strings = {"interp", "fnptr", "int64"})
    void forcedSplittingComputesTheSame(String kernel) throws Exception {
        byte[] wasm = Files.readAllBytes(KERNELS.resolve(kernel + ".wasm"));
        Result normal = run(wasm, 6500, kernel);
        Result split = run(wasm, 60, kernel);
        assertTrue(split.splitFunctions > normal.splitFunctions, "forced run split " + split.splitFunctions + " functions");
        assertTrue(normal.output.contains("checksum "), normal.output);
        assertEquals(normal.output, split.output);
        assertEquals(0, split.exit);
    }

    private record Result(String output, int exit, int splitFunctions) {}

    private static Result run(byte[] wasm, int methodLimit, String kernel) throws Exception {
        CompiledModule m = WasmCompiler.compile(wasm, new CompilerOptions().className("K" + methodLimit).methodLimit(methodLimit));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiContext ctx = WasiContext.builder().args(List.of(kernel + ".wasm", "1")).stdout(out).stderr(out).build();
        int exit = 0;
        try {
            new ModuleLoader(m).instantiate(new Imports.Builder().wasi(ctx)).exportedFunction("_start").call();
        } catch (ProcExit e) {
            exit = e.code();
        } finally {
            ctx.close();
        }
        // the kernels also print their own timing, which naturally differs
        String text = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("kernel_ms"))
                .collect(Collectors.joining("\n"));
        return new Result(text, exit, m.stats().splitFunctions());
    }
}
