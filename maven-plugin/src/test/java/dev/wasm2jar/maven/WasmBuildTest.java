package dev.wasm2jar.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.rt.LaunchConfig;
import dev.wasm2jar.rt.Memory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile goal's work on a temporary project: planning, compiling, incremental skips, errors. */
class WasmBuildTest {
    @TempDir
    Path project;
    Path wasmDir;
    Path classes;
    final List<String> infos = new ArrayList<>();

    @BeforeEach
    void layout() throws IOException {
        wasmDir = Files.createDirectories(project.resolve("src/main/wasm"));
        classes = project.resolve("target/classes");
    }

    private WasmBuild build() {
        WasmBuild b = new WasmBuild(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
            }
        });
        b.baseDir = project;
        b.wasmDirectory = wasmDir;
        b.outputDirectory = classes;
        b.stateFile = project.resolve("target/wasm2jar/default.state");
        b.pluginVersion = "test";
        return b;
    }

    private void copyFixture(String name, Path to) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wasm/" + name)) {
            Files.createDirectories(to.getParent());
            Files.write(to, in.readAllBytes());
        }
    }

    private List<String> outputFiles() throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(classes)) {
            return s.filter(Files::isRegularFile).map(p -> classes.relativize(p).toString().replace(File.separatorChar, '/')).sorted().toList();
        }
    }

    private Object instantiate(String className) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Memory.class.getClassLoader())) {
            Class<?> c = loader.loadClass(className);
            return c.getMethod("create").invoke(null);
        }
    }

    @Test
    void compilesEveryWasmFileOfTheDirectoryIntoTheOutputDirectory() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("my-adder.wasm"));
        WasmBuild b = build();
        b.packageName = "com.example";
        assertEquals(WasmBuild.Outcome.COMPILED, b.run());
        assertEquals(List.of("com/example/MyAdder$F0.class", "com/example/MyAdder.class", "com/example/MyAdder.data"), outputFiles());
        Object adder = instantiate("com.example.MyAdder");
        assertEquals(5, adder.getClass().getMethod("add", int.class, int.class).invoke(adder, 2, 3));
        Memory memory = (Memory) adder.getClass().getMethod("memory").invoke(adder);
        assertEquals("adder", memory.readUtf8(0, 5), "the data segment resource is found next to the class");
        assertTrue(infos.contains("wasm2jar: src/main/wasm/my-adder.wasm -> com.example.MyAdder (2 classes)"), infos.toString());
    }

    @Test
    void configuredModulesChooseTheirClassAndPackage() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("adder.wasm"));
        copyFixture("adder.wasm", project.resolve("elsewhere/second.wasm"));
        WasmBuild b = build();
        b.packageName = "com.example";
        b.modules = List.of(new ModuleSpec(new File("src/main/wasm/adder.wasm"), "Calculator", "org.calc"),
                new ModuleSpec(new File("elsewhere/second.wasm"), null, null));
        b.run();
        assertEquals(List.of("com/example/Second$F0.class", "com/example/Second.class", "com/example/Second.data",
                "org/calc/Calculator$F0.class", "org/calc/Calculator.class", "org/calc/Calculator.data"),
                outputFiles(), "a configured file of the directory is not compiled twice");
    }

    @Test
    void unchangedInputsAreNotRecompiled() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("adder.wasm"));
        assertEquals(WasmBuild.Outcome.COMPILED, build().run());
        Path classFile = classes.resolve("Adder.class");
        Files.setLastModifiedTime(classFile, FileTime.fromMillis(0));

        assertEquals(WasmBuild.Outcome.UP_TO_DATE, build().run());
        assertEquals(0, Files.getLastModifiedTime(classFile).toMillis(), "nothing rewritten");

        WasmBuild forced = build();
        forced.force = true;
        assertEquals(WasmBuild.Outcome.COMPILED, forced.run());

        Files.delete(classFile);
        assertEquals(WasmBuild.Outcome.COMPILED, build().run(), "a missing output is rebuilt");
        assertTrue(Files.exists(classFile));

        WasmBuild newPlugin = build();
        newPlugin.pluginVersion = "other";
        assertEquals(WasmBuild.Outcome.COMPILED, newPlugin.run(), "another plugin version recompiles");
    }

    @Test
    void changedContentOrConfigurationRecompilesAndRemovesStaleOutputs() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("adder.wasm"));
        build().run();
        WasmBuild renamed = build();
        renamed.packageName = "p";
        assertEquals(WasmBuild.Outcome.COMPILED, renamed.run());
        assertEquals(List.of("p/Adder$F0.class", "p/Adder.class", "p/Adder.data"), outputFiles(), "the old class is deleted");

        // a custom section appended: a different file that compiles to the same classes
        Files.write(wasmDir.resolve("adder.wasm"), new byte[] {0, 2, 1, 'x'}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(WasmBuild.Outcome.COMPILED, renamed.run());

        Files.delete(wasmDir.resolve("adder.wasm"));
        assertEquals(WasmBuild.Outcome.NOTHING_TO_DO, renamed.run());
        assertEquals(List.of(), outputFiles(), "outputs of a removed module are removed");
    }

    @Test
    void anInvalidModuleFailsWithTheFileAndTheCauseAndWritesNothing() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("adder.wasm"));
        build().run();
        copyFixture("invalid.wasm", wasmDir.resolve("broken.wasm"));
        Files.setLastModifiedTime(classes.resolve("Adder.class"), FileTime.fromMillis(0));
        BuildFailure e = assertThrows(BuildFailure.class, () -> build().run());
        assertEquals("src/main/wasm/broken.wasm: invalid module: type mismatch: instruction requires [i32] but stack has [i64]"
                + " in func[1] <bad> (body at byte offset 30)", e.getMessage());
        assertEquals(List.of("Adder$F0.class", "Adder.class", "Adder.data"), outputFiles());
        assertEquals(0, Files.getLastModifiedTime(classes.resolve("Adder.class")).toMillis());

        Files.write(wasmDir.resolve("broken.wasm"), new byte[] {0, 'a', 's', 'm', 9, 0, 0, 0});
        e = assertThrows(BuildFailure.class, () -> build().run());
        assertTrue(e.getMessage().startsWith("src/main/wasm/broken.wasm: malformed module: "), e.getMessage());
    }

    @Test
    void configurationMistakesAreReported() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("adder.wasm"));
        copyFixture("adder.wasm", wasmDir.resolve("second.wasm"));

        WasmBuild clash = build();
        clash.modules = List.of(new ModuleSpec(new File("src/main/wasm/second.wasm"), "Adder", null));
        assertTrue(assertThrows(BuildFailure.class, clash::run).getMessage().contains("would both compile to class Adder"));

        WasmBuild missing = build();
        missing.modules = List.of(new ModuleSpec(new File("nope.wasm"), null, null));
        assertTrue(assertThrows(BuildFailure.class, missing::run).getMessage().endsWith("nope.wasm: no such wasm file (configured in <modules>)"));

        WasmBuild badName = build();
        badName.modules = List.of(new ModuleSpec(new File("src/main/wasm/adder.wasm"), "class", null));
        assertTrue(assertThrows(BuildFailure.class, badName::run).getMessage().endsWith("className 'class' is not a Java identifier"));

        WasmBuild badPackage = build();
        badPackage.packageName = "dev.wasm2jar.rt";
        assertEquals("packageName 'dev.wasm2jar.rt' is reserved for wasm2jar's runtime classes",
                assertThrows(BuildFailure.class, badPackage::run).getMessage());

        WasmBuild wasiWithoutLaunch = build();
        wasiWithoutLaunch.wasiEnv = List.of("A=b");
        assertTrue(assertThrows(BuildFailure.class, wasiWithoutLaunch::run).getMessage().contains("need launchModule"));

        WasmBuild unknownLaunch = build();
        unknownLaunch.launchModule = "Nope";
        assertEquals("launchModule 'Nope' is none of the modules [Adder, Second] (give a class name or a .wasm file name)",
                assertThrows(BuildFailure.class, unknownLaunch::run).getMessage());
        assertFalse(Files.exists(classes), "nothing was written");
    }

    @Test
    void launchSettingsAreWrittenForTheLaunchModule() throws Exception {
        copyFixture("adder.wasm", wasmDir.resolve("adder.wasm"));
        WasmBuild b = build();
        b.packageName = "app";
        b.launchModule = "adder.wasm";
        b.wasiDirs = List.of("data::/data");
        b.wasiEnv = List.of("GREETING=hello=world");
        b.wasiInheritEnv = true;
        b.wasiProgramName = "adder";
        b.run();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(classes.resolve(LaunchConfig.RESOURCE))) {
            p.load(in);
        }
        LaunchConfig cfg = LaunchConfig.fromProperties(p);
        assertEquals("app.Adder", cfg.moduleClass());
        assertEquals("[data::/data]", cfg.dirs().toString());
        assertEquals("{GREETING=hello=world}", cfg.env().toString());
        assertTrue(cfg.inheritEnv());
        assertEquals("adder", cfg.programName());

        WasmBuild noLaunch = build();
        noLaunch.packageName = "app";
        noLaunch.run();
        assertFalse(Files.exists(classes.resolve(LaunchConfig.RESOURCE)), "dropping launchModule removes the settings");
    }

    @Test
    void aMissingWasmDirectoryIsNotAnError() throws Exception {
        WasmBuild b = build();
        b.wasmDirectory = project.resolve("does/not/exist");
        assertEquals(WasmBuild.Outcome.NOTHING_TO_DO, b.run());
        assertEquals(WasmBuild.Outcome.UP_TO_DATE, b.run());
    }
}
