package dev.wasm2jar.compiler.jar;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.rt.LaunchConfig;
import dev.wasm2jar.rt.Launcher;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Writes a {@link CompiledModule} as a jar. A runnable jar also carries the runtime-support classes, a
 * manifest whose {@code Main-Class} is the {@link Launcher}, and {@link LaunchConfig#RESOURCE} naming the
 * module class and the WASI settings baked in at compile time, so {@code java -jar out.jar} needs nothing
 * else. A library jar holds only the module's own classes and resources and expects runtime-support on
 * the class path.
 *
 * <p>Output is reproducible: the manifest comes first, all other entries are sorted by name, and every
 * entry has the same fixed timestamp.
 */
public final class JarPackager {
    /** Timestamp of every entry; a local date-time so the bytes do not depend on the time zone. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private final CompiledModule module;
    /** Null for a library jar. */
    private final LaunchConfig launch;

    private JarPackager(CompiledModule module, LaunchConfig launch) {
        this.module = module;
        this.launch = launch;
    }

    /**
     * A runnable jar; {@code launch} holds the baked WASI settings (its module class is set here).
     */
    public static JarPackager runnable(CompiledModule module, LaunchConfig launch) {
        return new JarPackager(module, launch);
    }

    /** A library jar: no runtime-support copy, no {@code Main-Class}, no launch settings. */
    public static JarPackager library(CompiledModule module) {
        return new JarPackager(module, null);
    }

    public boolean isRunnable() {
        return launch != null;
    }

    /** Writes the jar to {@code jar}, replacing it only once the whole jar has been written. */
    public void writeTo(Path jar) throws CompileException {
        Path target = jar.toAbsolutePath();
        Path tmp = null;
        try {
            Path dir = target.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, ".wasm2jar-", ".jar.tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CompileException(CompileException.Kind.IO, "cannot write " + jar + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file is harmless
                }
            }
        }
    }

    /** Writes the jar; {@code out} is finished but not closed. */
    public void writeTo(OutputStream out) throws IOException {
        JarOutputStream jar = new JarOutputStream(out);
        // Not JarOutputStream(out, manifest): that stamps the manifest entry with the current time.
        put(jar, JarFile.MANIFEST_NAME, manifestBytes());
        for (Map.Entry<String, byte[]> e : entries().entrySet()) {
            put(jar, e.getKey(), e.getValue());
        }
        jar.finish();
    }

    /** Every entry except the manifest, sorted by name. */
    public SortedMap<String, byte[]> entries() throws IOException {
        SortedMap<String, byte[]> entries = new TreeMap<>();
        for (Map.Entry<String, byte[]> c : module.classes().entrySet()) {
            add(entries, c.getKey() + ".class", c.getValue());
        }
        for (Map.Entry<String, byte[]> r : module.resources().entrySet()) {
            add(entries, r.getKey(), r.getValue());
        }
        if (launch != null) {
            for (Map.Entry<String, byte[]> rt : RuntimeClasses.entries().entrySet()) {
                add(entries, rt.getKey(), rt.getValue());
            }
            LaunchConfig baked = LaunchConfig.fromProperties(launch.toProperties()).moduleClass(module.mainClassBinaryName());
            add(entries, LaunchConfig.RESOURCE, baked.toPropertiesText().getBytes(StandardCharsets.ISO_8859_1));
        }
        return entries;
    }

    public Manifest manifest() {
        Manifest m = new Manifest();
        Attributes main = m.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name("Created-By"), "wasm2jar");
        if (launch != null) {
            main.put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
            // lets MemoryAccess use the JDK's internal Unsafe, which (unlike sun.misc.Unsafe on Java 24+)
            // prints no warning; honoured for the jar that `java -jar` runs
            main.put(new Attributes.Name("Add-Exports"), "java.base/jdk.internal.misc");
        }
        return m;
    }

    private byte[] manifestBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest().write(bytes);
        return bytes.toByteArray();
    }

    private static void add(SortedMap<String, byte[]> entries, String name, byte[] bytes) {
        if (entries.putIfAbsent(name, bytes) != null) {
            throw new IllegalArgumentException("two jar entries named " + name
                    + (name.startsWith(RuntimeClasses.PACKAGE_PATH) ? " (the module class must not be in package dev.wasm2jar.rt)" : ""));
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.write(bytes);
        jar.closeEntry();
    }
}
