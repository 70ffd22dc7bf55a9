package dev.wasm2jar.compiler.jar;

import dev.wasm2jar.rt.WasmModuleInstance;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The runtime-support files a runnable jar must carry, read from wherever this compiler loaded them:
 * {@code runtime-support/target/classes} in a build, the runtime-support jar on a class path, or the
 * self-contained CLI jar (which also holds the compiler and its dependencies, hence the package filter).
 */
final class RuntimeClasses {
    /** Everything under this jar path belongs to runtime-support (wasi and other sub-packages included). */
    static final String PACKAGE_PATH = "dev/wasm2jar/rt/";

    private static SortedMap<String, byte[]> cached;

    private RuntimeClasses() {}

    /** Jar path to bytes of every runtime-support file, sorted by path. */
    static synchronized SortedMap<String, byte[]> entries() throws IOException {
        if (cached == null) {
            cached = Collections.unmodifiableSortedMap(read(codeSource()));
        }
        return cached;
    }

    static Path codeSource() throws IOException {
        CodeSource source = WasmModuleInstance.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            throw new IOException("cannot locate the runtime-support classes (no code source for " + WasmModuleInstance.class.getName() + ")");
        }
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate the runtime-support classes at " + location, e);
        }
    }

    static SortedMap<String, byte[]> read(Path location) throws IOException {
        SortedMap<String, byte[]> result = new TreeMap<>();
        if (Files.isDirectory(location)) {
            Path root = location.resolve(PACKAGE_PATH);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    String name = location.relativize(file).toString().replace(location.getFileSystem().getSeparator(), "/");
                    result.put(name, Files.readAllBytes(file));
                }
            }
        } else {
            try (ZipFile zip = new ZipFile(location.toFile())) {
                Enumeration<? extends ZipEntry> all = zip.entries();
                while (all.hasMoreElements()) {
                    ZipEntry e = all.nextElement();
                    if (!e.isDirectory() && e.getName().startsWith(PACKAGE_PATH)) {
                        try (InputStream in = zip.getInputStream(e)) {
                            result.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (!result.containsKey(PACKAGE_PATH + "Launcher.class")) {
            throw new IOException("no runtime-support classes found in " + location);
        }
        return result;
    }
}
