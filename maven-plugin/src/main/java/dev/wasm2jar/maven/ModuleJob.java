package dev.wasm2jar.maven;

import java.nio.file.Path;

/**
 * A module to compile, with its settings resolved: absolute file, class simple name and package (empty for
 * the default package).
 */
record ModuleJob(Path file, String className, String packageName) {
    String binaryClassName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }
}
