package dev.wasm2jar.tests.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes random valid modules with binaryen's translate-to-fuzz mode: seeded random bytes in, a module
 * out. The default generator is binaryen 108 (Debian 12's {@code wasm-opt}); its reference-types output
 * uses typed function references (not Wasm 2.0), so it runs with these Wasm 2.0 features on top of the
 * MVP: sign extension, mutable globals, non-trapping float-to-int, bulk memory and multi-value. With
 * {@code FUZZ_BINARYEN=npm} the npm package's newer binaryen (a JS build; {@code FUZZ_WASM_OPT} names its
 * wasm-opt) is used instead, with reference types enabled too: slower (about a second per module), and
 * some of its modules use typed function references, which V8 rejects, so they are skipped. SIMD and
 * every post-2.0 proposal stay off in both.
 */
final class ModuleGenerator {
    static final List<String> FEATURES = List.of("-mvp", "--enable-sign-ext", "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-multivalue");
    /** True when {@code FUZZ_BINARYEN=npm}: newer binaryen with reference types. */
    static final boolean NPM = "npm".equals(System.getenv("FUZZ_BINARYEN"));
    /**
     * Pass pipelines run on the generated module, one picked per module: binaryen's optimiser and its
     * flattening and inlining reshape the code (many locals, deep block nests, huge inlined functions
     * that must be split into several JVM methods) while keeping its behaviour, which both engines then
     * run. The empty pipeline comes twice: plain translate-to-fuzz output stays the most common.
     */
    static final List<List<String>> PIPELINES = List.of(
            List.of(),
            List.of(),
            List.of("-O3"),
            List.of("-Os"),
            List.of("--flatten"),
            List.of("--flatten", "--rereloop"),
            List.of("--inlining", "--inline-functions-with-loops", "--always-inline-max-function-size=2000"),
            List.of("--inlining", "--inline-functions-with-loops", "--always-inline-max-function-size=2000", "--flatten"));
    private static final int MIN_INPUT = 512;
    private static final int MAX_INPUT = 24 * 1024;

    private final String wasmOpt;
    private final List<String> features;
    private final Path dir;

    ModuleGenerator(Path dir) throws IOException {
        if (NPM) {
            String path = System.getenv("FUZZ_WASM_OPT");
            if (path == null || !Files.isExecutable(Path.of(path))) {
                throw new IllegalStateException("FUZZ_BINARYEN=npm needs FUZZ_WASM_OPT naming the npm binaryen's wasm-opt (differential.sh installs it)");
            }
            this.wasmOpt = path;
            List<String> f = new ArrayList<>(FEATURES);
            f.add("--enable-reference-types");
            this.features = List.copyOf(f);
        } else {
            this.wasmOpt = Tools.require("wasm-opt");
            this.features = FEATURES;
        }
        this.dir = Files.createDirectories(dir);
    }

    /** The input bytes for module {@code index} of a run with {@code seed}; the same on every machine. */
    static byte[] input(long seed, int index) {
        SplittableRandom r = random(seed, index);
        byte[] b = new byte[r.nextInt(MIN_INPUT, MAX_INPUT + 1)];
        r.nextBytes(b);
        return b;
    }

    /** The pass pipeline for module {@code index}. */
    static List<String> pipeline(long seed, int index) {
        return PIPELINES.get(Math.floorMod(random(seed, index).split().nextInt(), PIPELINES.size()));
    }

    private static SplittableRandom random(long seed, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    /** Writes {@code fuzz-<seed>-<index>.wasm}; null when wasm-opt failed on this input. */
    Path generate(long seed, int index) throws IOException, InterruptedException {
        String base = "fuzz-" + seed + "-" + index;
        Path in = dir.resolve(base + ".input");
        Path out = dir.resolve(base + ".wasm");
        Files.write(in, input(seed, index));
        List<String> cmd = new ArrayList<>(List.of(wasmOpt, in.toString(), "-ttf"));
        cmd.addAll(features);
        cmd.addAll(pipeline(seed, index));
        cmd.addAll(List.of("-o", out.toString()));
        try {
            Tools.run(cmd, 60);
        } catch (IOException e) {
            return null;
        } finally {
            Files.deleteIfExists(in);
        }
        return Files.isRegularFile(out) ? out : null;
    }

    /**
     * The module with binaryen's {@code --denan} instrumentation (every float value that would be NaN at
     * run time becomes 0), as {@code NAME.denan.wasm}; null when wasm-opt failed. Used to tell NaN bit
     * patterns, which the spec leaves nondeterministic and engines choose differently, from real bugs.
     */
    Path denan(Path module) throws IOException, InterruptedException {
        Path out = module.resolveSibling(module.getFileName().toString().replaceFirst("\\.wasm$", "") + ".denan.wasm");
        List<String> cmd = new ArrayList<>(List.of(wasmOpt, module.toString(), "--denan"));
        cmd.addAll(features);
        cmd.addAll(List.of("-o", out.toString()));
        try {
            Tools.run(cmd, 60);
        } catch (IOException e) {
            return null;
        }
        return Files.isRegularFile(out) ? out : null;
    }
}
