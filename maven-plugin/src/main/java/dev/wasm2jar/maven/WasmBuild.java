package dev.wasm2jar.maven;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.WasmCompiler;
import dev.wasm2jar.rt.LaunchConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;

/**
 * One run of the {@code compile} goal, independent of Maven's injection so it can be tested directly:
 * plan the modules, skip when nothing changed since the last run, otherwise compile every module, replace
 * the previous outputs and record the new state.
 */
final class WasmBuild {
    // Settings, set by the mojo (see CompileMojo for what each means).
    Path baseDir;
    Path wasmDirectory;
    List<ModuleSpec> modules = List.of();
    String packageName = "";
    Path outputDirectory;
    Path stateFile;
    String launchModule;
    List<String> wasiDirs = List.of();
    List<String> wasiEnv = List.of();
    boolean wasiInheritEnv;
    String wasiProgramName;
    boolean force;
    /** Part of the fingerprint: a new plugin version recompiles. */
    String pluginVersion = "";

    private final Log log;

    WasmBuild(Log log) {
        this.log = log;
    }

    /** What a run did, for the log and tests. */
    enum Outcome { UP_TO_DATE, COMPILED, NOTHING_TO_DO }

    Outcome run() throws IOException {
        List<ModuleJob> jobs = ModulePlan.resolve(baseDir, wasmDirectory, modules, packageName);
        LaunchConfig launch = launchConfig(jobs);
        String fingerprint = fingerprint(jobs, launch);
        BuildState previous = BuildState.load(stateFile);
        if (!force && previous != null && previous.fingerprint.equals(fingerprint) && previous.outputsExist(outputDirectory)) {
            log.info("wasm2jar: " + jobs.size() + " module(s) up to date");
            return Outcome.UP_TO_DATE;
        }
        if (jobs.isEmpty()) {
            log.info("wasm2jar: no .wasm files in " + relative(wasmDirectory) + " and no <modules> configured");
        }

        // Compile everything before touching the output directory: a bad module leaves the last good build.
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ModuleJob job : jobs) {
            CompiledModule compiled = compile(job);
            compiled.classes().forEach((name, bytes) -> files.put(name + ".class", bytes));
            files.putAll(compiled.resources());
            log.info("wasm2jar: " + relative(job.file()) + " -> " + job.binaryClassName()
                    + " (" + compiled.classes().size() + " classes)");
        }
        if (launch != null) {
            files.put(LaunchConfig.RESOURCE, launch.toPropertiesText().getBytes(StandardCharsets.UTF_8));
        }

        if (previous != null) {
            for (String stale : previous.outputs) {
                if (!files.containsKey(stale)) {
                    Files.deleteIfExists(outputDirectory.resolve(stale));
                }
            }
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            write(outputDirectory.resolve(e.getKey()), e.getValue());
        }
        new BuildState(fingerprint, new ArrayList<>(files.keySet())).save(stateFile);
        return jobs.isEmpty() ? Outcome.NOTHING_TO_DO : Outcome.COMPILED;
    }

    private CompiledModule compile(ModuleJob job) throws IOException {
        byte[] wasm = Files.readAllBytes(job.file());
        try {
            return WasmCompiler.compile(wasm, new CompilerOptions().className(job.className()).packageName(job.packageName()));
        } catch (CompileException e) {
            throw new BuildFailure(relative(job.file()) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BuildFailure(relative(job.file()) + ": internal compiler error: " + e, e);
        }
    }

    /** Writes only when the content differs, so unchanged classes keep their timestamps. */
    private static void write(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** The launch settings for {@link #launchModule}, or null when no module is to be launched. */
    private LaunchConfig launchConfig(List<ModuleJob> jobs) {
        boolean wasiSettings = !wasiDirs.isEmpty() || !wasiEnv.isEmpty() || wasiInheritEnv || wasiProgramName != null;
        if (launchModule == null || launchModule.isBlank()) {
            if (wasiSettings) {
                throw new BuildFailure("wasiDirs, wasiEnv, wasiInheritEnv and wasiProgramName need launchModule: "
                        + "they are the settings of the WASI command the jar launches");
            }
            return null;
        }
        ModuleJob target = null;
        Set<String> candidates = new LinkedHashSet<>();
        for (ModuleJob job : jobs) {
            candidates.add(job.binaryClassName());
            String name = launchModule.trim();
            if (name.equals(job.binaryClassName()) || name.equals(job.className()) || name.equals(job.file().getFileName().toString())) {
                if (target != null) {
                    throw new BuildFailure("launchModule '" + launchModule + "' matches both " + target.binaryClassName()
                            + " and " + job.binaryClassName() + "; use the fully qualified class name");
                }
                target = job;
            }
        }
        if (target == null) {
            throw new BuildFailure("launchModule '" + launchModule + "' is none of the modules " + candidates
                    + " (give a class name or a .wasm file name)");
        }
        LaunchConfig cfg = new LaunchConfig().moduleClass(target.binaryClassName()).inheritEnv(wasiInheritEnv);
        if (wasiProgramName != null && !wasiProgramName.isBlank()) {
            cfg.programName(wasiProgramName);
        }
        try {
            wasiDirs.forEach(cfg::addDir);
            wasiEnv.forEach(cfg::addEnv);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(e.getMessage().replace("--dir", "wasiDirs").replace("--env", "wasiEnv"), e);
        }
        return cfg;
    }

    private String fingerprint(List<ModuleJob> jobs, LaunchConfig launch) throws IOException {
        BuildState.Fingerprint f = new BuildState.Fingerprint()
                .add("plugin", pluginVersion)
                .add("output", outputDirectory.toAbsolutePath().normalize().toString())
                .add("launch", launch == null ? "" : launch.toPropertiesText());
        for (ModuleJob job : jobs) {
            f.add("module", job.file().toString()).add("class", job.binaryClassName()).addFile("content", job.file());
        }
        return f.value();
    }

    private String relative(Path p) {
        if (p == null) {
            return "(none)";
        }
        Path abs = p.toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
