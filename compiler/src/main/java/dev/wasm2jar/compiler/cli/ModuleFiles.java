package dev.wasm2jar.compiler.cli;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.WasmCompiler;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading and compiling an input module, with the CLI's one-line error messages. */
final class ModuleFiles {
    private ModuleFiles() {}

    /** {@code dir/hello.wasm} gives {@code hello.jar} (in the working directory). */
    static Path defaultJar(Path input) {
        String name = input.getFileName().toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".wasm")) {
            name = name.substring(0, name.length() - ".wasm".length());
        }
        return Path.of(name + ".jar");
    }

    static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new CliError(file + ": is a directory, not a .wasm file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliError(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliError(file + ": permission denied");
        } catch (IOException e) {
            throw new CliError(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static CompiledModule compile(Path file, CompilerOptions options) {
        byte[] wasm = read(file);
        try {
            return WasmCompiler.compile(wasm, options);
        } catch (CompileException e) {
            throw new CliError(file + ": " + e.getMessage(), e);
        }
    }
}
