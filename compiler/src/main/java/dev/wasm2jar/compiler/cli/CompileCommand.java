package dev.wasm2jar.compiler.cli;

import picocli.CommandLine.Command;

/** {@code wasm2jar compile FILE.wasm ...}: the explicit form of the default command. */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Compile a WebAssembly module to a jar (runnable with java -jar unless --library).",
        sortOptions = false,
        footer = {"", CompilingCommand.OPTS_NOTE, CompilingCommand.OPTS_EXAMPLE})
final class CompileCommand extends CompilingCommand {
    CompileCommand(Io io) {
        super(io);
    }
}
