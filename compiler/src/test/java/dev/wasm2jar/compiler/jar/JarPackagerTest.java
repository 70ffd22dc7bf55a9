package dev.wasm2jar.compiler.jar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.JavaJar;
import dev.wasm2jar.compiler.jar.fixtures.GreetAndExit;
import dev.wasm2jar.rt.LaunchConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarPackagerTest {
    private static final String MODULE_CLASS = GreetAndExit.class.getName().replace('.', '/');

    @TempDir
    Path tmp;

    /** A CompiledModule holding the hand-written stand-in class and its data resource. */
    private static CompiledModule module() throws IOException {
        byte[] classBytes;
        try (InputStream in = GreetAndExit.class.getResourceAsStream("GreetAndExit.class")) {
            classBytes = in.readAllBytes();
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put(MODULE_CLASS, classBytes);
        Map<String, byte[]> resources = Map.of(GreetAndExit.RESOURCE, "greetings from a resource\n".getBytes(StandardCharsets.UTF_8));
        return new CompiledModule(MODULE_CLASS, classes, resources, new CompiledModule.Stats(1, 0, 10, "f0__start"));
    }

    private static byte[] bytes(JarPackager packager) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packager.writeTo(out);
        return out.toByteArray();
    }

    /** Entry names in file order, with their timestamps checked on the way. */
    private static List<String> entryNames(byte[] jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertEquals(JarPackager.ENTRY_TIME, e.getTimeLocal(), e.getName());
            }
        }
        return names;
    }

    @Test
    void runnableJarHasManifestFirstThenSortedEntriesWithRuntimeAndLaunchSettings() throws IOException {
        LaunchConfig launch = new LaunchConfig().programName("greet.wasm").addDir("data::/data").addEnv("A=1");
        byte[] jar = bytes(JarPackager.runnable(module(), launch));
        List<String> names = entryNames(jar);

        assertEquals(JarFile.MANIFEST_NAME, names.get(0));
        List<String> rest = names.subList(1, names.size());
        assertEquals(rest.stream().sorted().toList(), rest);
        assertTrue(names.contains(MODULE_CLASS + ".class"));
        assertTrue(names.contains(GreetAndExit.RESOURCE));
        assertTrue(names.contains(LaunchConfig.RESOURCE));
        for (String runtime : new String[] {"Launcher", "LaunchConfig", "WasmModuleInstance", "Trap", "wasi/WasiContext"}) {
            assertTrue(names.contains("dev/wasm2jar/rt/" + runtime + ".class"), runtime);
        }
        // Only runtime-support is copied, not the compiler or its dependencies.
        assertTrue(names.stream().noneMatch(n -> n.startsWith("dev/wasm2jar/compiler/") && !n.startsWith(MODULE_CLASS)), names::toString);
        assertTrue(names.stream().noneMatch(n -> n.startsWith("org/objectweb") || n.startsWith("picocli") || n.startsWith("com/dylibso")));

        Path file = Files.write(tmp.resolve("greet.jar"), jar);
        try (JarFile jf = new JarFile(file.toFile())) {
            Attributes main = jf.getManifest().getMainAttributes();
            assertEquals("dev.wasm2jar.rt.Launcher", main.getValue(Attributes.Name.MAIN_CLASS));
            assertEquals("1.0", main.getValue(Attributes.Name.MANIFEST_VERSION));
            Properties p = new Properties();
            try (InputStream in = jf.getInputStream(jf.getEntry(LaunchConfig.RESOURCE))) {
                p.load(in);
            }
            LaunchConfig baked = LaunchConfig.fromProperties(p);
            assertEquals(GreetAndExit.class.getName(), baked.moduleClass());
            assertEquals("greet.wasm", baked.programName());
            assertEquals(List.of(new LaunchConfig.Dir("data", "/data")), baked.dirs());
            assertEquals(Map.of("A", "1"), baked.env());
        }
        assertNull(launch.moduleClass(), "packaging must not modify the caller's config");
    }

    @Test
    void sameInputGivesIdenticalBytes() throws IOException {
        byte[] first = bytes(JarPackager.runnable(module(), new LaunchConfig().addEnv("X=1")));
        byte[] second = bytes(JarPackager.runnable(module(), new LaunchConfig().addEnv("X=1")));
        assertArrayEquals(first, second);
        assertArrayEquals(bytes(JarPackager.library(module())), bytes(JarPackager.library(module())));
    }

    @Test
    void runnableJarExportsTheInternalUnsafeToItsMemoryAccess() throws IOException {
        // without it, `java -jar` on Java 24+ would run linear memory on VarHandles (see MemoryAccess)
        assertEquals("java.base/jdk.internal.misc", JarPackager.runnable(module(), new LaunchConfig()).manifest()
                .getMainAttributes().getValue("Add-Exports"));
        assertNull(JarPackager.library(module()).manifest().getMainAttributes().getValue("Add-Exports"));
    }

    @Test
    void libraryJarHasOnlyTheModule() throws IOException {
        byte[] jar = bytes(JarPackager.library(module()));
        assertEquals(List.of(JarFile.MANIFEST_NAME, MODULE_CLASS + ".class", GreetAndExit.RESOURCE), entryNames(jar));
        assertNull(JarPackager.library(module()).manifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
    }

    @Test
    void runnableJarRunsWithJavaDashJar() throws Exception {
        Path jar = tmp.resolve("out/greet.jar");
        JarPackager.runnable(module(), new LaunchConfig().programName("greet.wasm")).writeTo(jar);
        JavaJar p = JavaJar.run(jar, tmp, Map.of());
        assertEquals("greetings from a resource\n", p.stdout(), p::toString);
        assertEquals("", p.stderr(), p::toString);
        assertEquals(7, p.exitCode(), p::toString);
    }

    @Test
    void runnableJarReportsBadRunTimeOptionsAndMissingDirectories() throws Exception {
        Path jar = tmp.resolve("greet.jar");
        JarPackager.runnable(module(), new LaunchConfig().addDir("missing::/data")).writeTo(jar);
        JavaJar missing = JavaJar.run(jar, tmp, Map.of());
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("wasm2jar: error: --dir missing::/data: no such directory: " + tmp.resolve("missing") + "\n", missing.stderr());

        Files.createDirectory(tmp.resolve("present"));
        JavaJar overridden = JavaJar.run(jar, tmp, Map.of(LaunchConfig.OPTS_VARIABLE, "--dir present::/data"));
        assertEquals(7, overridden.exitCode(), overridden::toString);

        JavaJar bad = JavaJar.run(jar, tmp, Map.of(LaunchConfig.OPTS_VARIABLE, "--dir 'unterminated"));
        assertEquals(1, bad.exitCode(), bad::toString);
        assertEquals("wasm2jar: error: WASM2JAR_OPTS: unterminated ' quote\n", bad.stderr());
    }

    @Test
    void writeCreatesParentDirectoriesAndReplacesExistingJar() throws Exception {
        Path jar = tmp.resolve("a/b/c.jar");
        JarPackager.library(module()).writeTo(jar);
        JarPackager.runnable(module(), new LaunchConfig()).writeTo(jar);
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertTrue(jf.getEntry("dev/wasm2jar/rt/Launcher.class") != null);
        }
        try (var files = Files.list(jar.getParent())) {
            assertEquals(List.of(jar), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void unwritableTargetIsAnIoCompileException() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("taken"));
        Files.writeString(dir.resolve("file"), "x");
        CompileException e = assertThrows(CompileException.class, () -> JarPackager.library(module()).writeTo(dir));
        assertEquals(CompileException.Kind.IO, e.kind());
        assertTrue(e.getMessage().startsWith("cannot write " + dir), e.getMessage());
    }

    @Test
    void runtimeClassesAreTheSameFromADirectoryAndFromAJar() throws IOException {
        SortedMap<String, byte[]> fromWhereverLoaded = RuntimeClasses.entries();
        assertTrue(fromWhereverLoaded.keySet().stream().allMatch(n -> n.startsWith(RuntimeClasses.PACKAGE_PATH)));

        // Lay the same files out as a class directory and as a jar with unrelated entries around them.
        Path dir = tmp.resolve("classes");
        Path jar = tmp.resolve("rt.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("org/other/Thing.class"));
            out.write(1);
            for (Map.Entry<String, byte[]> e : fromWhereverLoaded.entrySet()) {
                Path f = dir.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.write(f, e.getValue());
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        Files.createDirectories(dir.resolve("org/other"));
        Files.write(dir.resolve("org/other/Thing.class"), new byte[] {1});
        SortedMap<String, byte[]> fromDir = RuntimeClasses.read(dir);
        SortedMap<String, byte[]> fromJar = RuntimeClasses.read(jar);
        assertEquals(fromWhereverLoaded.keySet(), fromDir.keySet());
        assertEquals(fromWhereverLoaded.keySet(), fromJar.keySet());
        for (String name : fromDir.keySet()) {
            assertArrayEquals(fromWhereverLoaded.get(name), fromDir.get(name), name);
            assertArrayEquals(fromWhereverLoaded.get(name), fromJar.get(name), name);
        }
        assertThrows(IOException.class, () -> RuntimeClasses.read(Files.createDirectories(tmp.resolve("empty/dev/wasm2jar/rt")).getParent().getParent().getParent()));
        assertFalse(fromDir.isEmpty());
    }
}
