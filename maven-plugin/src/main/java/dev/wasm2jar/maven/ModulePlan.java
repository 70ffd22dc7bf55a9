package dev.wasm2jar.maven;

import dev.wasm2jar.compiler.cli.ClassNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides which modules to compile: every configured {@link ModuleSpec}, then every {@code *.wasm} file
 * directly in the wasm directory that no spec names, with default names. The result is in a fixed order
 * (specs as configured, then directory files by name), so fingerprints and outputs are reproducible.
 */
final class ModulePlan {
    private ModulePlan() {}

    /**
     * @throws BuildFailure when a configured file is missing, a name is not a Java name, or two modules
     *     would produce the same class
     */
    static List<ModuleJob> resolve(Path baseDir, Path wasmDirectory, List<ModuleSpec> specs, String defaultPackage) throws IOException {
        String pkg = defaultPackage == null ? "" : defaultPackage.trim();
        checkPackage(pkg, "packageName");
        Map<Path, ModuleJob> jobs = new LinkedHashMap<>();
        if (specs != null) {
            for (ModuleSpec spec : specs) {
                if (spec.getFile() == null) {
                    throw new BuildFailure("a <module> has no <file>");
                }
                Path file = baseDir.resolve(spec.getFile().toPath()).toAbsolutePath().normalize();
                if (!Files.isRegularFile(file)) {
                    throw new BuildFailure(file + ": no such wasm file (configured in <modules>)");
                }
                String className = blankToNull(spec.getClassName());
                if (className != null && !ClassNames.isIdentifier(className)) {
                    throw new BuildFailure(file + ": className '" + className + "' is not a Java identifier");
                }
                String modulePackage = blankToNull(spec.getPackageName());
                if (modulePackage != null) {
                    checkPackage(modulePackage, "packageName of " + file.getFileName());
                }
                if (jobs.containsKey(file)) {
                    throw new BuildFailure(file + ": configured twice in <modules>");
                }
                jobs.put(file, new ModuleJob(file, className != null ? className : ClassNames.fromFile(file),
                        modulePackage != null ? modulePackage : pkg));
            }
        }
        if (wasmDirectory != null && Files.isDirectory(wasmDirectory)) {
            List<Path> found;
            try (Stream<Path> files = Files.list(wasmDirectory)) {
                found = files.filter(p -> p.getFileName().toString().endsWith(".wasm") && Files.isRegularFile(p))
                        .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
            }
            for (Path file : found) {
                jobs.putIfAbsent(file, new ModuleJob(file, ClassNames.fromFile(file), pkg));
            }
        }
        List<ModuleJob> result = new ArrayList<>(jobs.values());
        Map<String, Path> byClass = new HashMap<>();
        for (ModuleJob job : result) {
            Path other = byClass.put(job.binaryClassName().toLowerCase(java.util.Locale.ROOT), job.file());
            if (other != null) {
                throw new BuildFailure(job.file() + " and " + other + " would both compile to class " + job.binaryClassName()
                        + " (class names must also differ in more than case); set <className> for one of them in <modules>");
            }
        }
        return result;
    }

    private static void checkPackage(String pkg, String what) {
        if (!ClassNames.isPackageName(pkg)) {
            throw new BuildFailure(what + " '" + pkg + "' is not a Java package name");
        }
        if (pkg.equals("dev.wasm2jar.rt") || pkg.startsWith("dev.wasm2jar.rt.")) {
            throw new BuildFailure(what + " '" + pkg + "' is reserved for wasm2jar's runtime classes");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
