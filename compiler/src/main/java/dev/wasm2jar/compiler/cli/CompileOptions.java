package dev.wasm2jar.compiler.cli;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.jar.JarPackager;
import dev.wasm2jar.rt.LaunchConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options and behaviour of compiling a module to a jar, shared by the top-level command (where
 * {@code compile} is implied) and the explicit {@code compile} subcommand.
 */
final class CompileOptions {
    // Optional for picocli so that `wasm2jar run ...` does not trip over the top level's positional; checked in compile().
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.wasm", description = "The WebAssembly module to compile.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jar",
            description = "The jar to write (default: the input's name with .jar, in the working directory).")
    Path output;

    @Option(names = "--class-name", paramLabel = "NAME",
            description = "Simple name of the generated module class (default: from the file name, e.g. hello-world.wasm -> HelloWorld).")
    String className;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "Java package of the generated classes (default: none).")
    String packageName = "";

    @Mixin
    WasiOptions wasi = new WasiOptions();

    @Option(names = "--library",
            description = "Write a library jar: only the module's classes, no runtime-support copy, no Main-Class, no WASI settings.")
    boolean library;

    @Option(names = {"-v", "--verbose"}, description = "Print compilation statistics, and stack traces with errors.")
    boolean verbose;

    int compile(Io io) {
        if (input == null) {
            throw new UsageError("missing FILE.wasm");
        }
        if (library && !wasi.isEmpty()) {
            throw new UsageError("--dir, --env and --inherit-env have no effect with --library (a library jar has no launcher)");
        }
        if (className != null && !ClassNames.isIdentifier(className)) {
            throw new UsageError("--class-name: '" + className + "' is not a Java identifier");
        }
        if (!ClassNames.isPackageName(packageName)) {
            throw new UsageError("--package: '" + packageName + "' is not a Java package name");
        }
        if (packageName.equals("dev.wasm2jar.rt") || packageName.startsWith("dev.wasm2jar.rt.")) {
            throw new UsageError("--package: " + packageName + " is reserved for wasm2jar's runtime classes");
        }
        CompilerOptions options = new CompilerOptions()
                .className(className != null ? className : ClassNames.fromFile(input))
                .packageName(packageName)
                .verbose(verbose);
        CompiledModule module = ModuleFiles.compile(input, options);

        Path jar = output != null ? output : ModuleFiles.defaultJar(input);
        JarPackager packager;
        if (library) {
            packager = JarPackager.library(module);
        } else {
            LaunchConfig launch = wasi.toLaunchConfig().programName(input.getFileName().toString());
            packager = JarPackager.runnable(module, launch);
        }
        try {
            packager.writeTo(jar);
        } catch (CompileException e) {
            throw new CliError(e.getMessage(), e);
        }
        if (verbose) {
            printStats(io.out(), module, jar);
        }
        return 0;
    }

    private static void printStats(PrintStream out, CompiledModule module, Path jar) {
        CompiledModule.Stats s = module.stats();
        long size;
        try {
            size = Files.size(jar);
        } catch (java.io.IOException e) {
            size = -1;
        }
        out.println("wrote " + jar + " (" + size + " bytes), main class " + module.mainClassBinaryName());
        if (s != null) {
            out.println("functions:           " + s.functions());
            out.println("split functions:     " + s.splitFunctions());
            out.println("largest method:      " + s.largestMethodBytes() + " bytes"
                    + (s.largestMethodName() != null ? " (" + s.largestMethodName() + ")" : ""));
        }
        out.println("classes:             " + module.classes().size());
    }
}
