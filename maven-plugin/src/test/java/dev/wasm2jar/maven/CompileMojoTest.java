package dev.wasm2jar.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mojo's own part: mapping parameters onto the build, the runtime dependency check, failures. */
class CompileMojoTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    private CompileMojo mojo(Dependency... dependencies) throws Exception {
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().setDirectory(dir.resolve("target").toString());
        for (Dependency d : dependencies) {
            model.addDependency(d);
        }
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setVersion("1.2.3");
        CompileMojo mojo = new CompileMojo();
        set(mojo, "project", project);
        set(mojo, "plugin", plugin);
        set(mojo, "mojoExecution", new MojoExecution(new MojoDescriptor(), "exec-id"));
        set(mojo, "wasmDirectory", dir.resolve("src/main/wasm").toFile());
        set(mojo, "outputDirectory", dir.resolve("target/classes").toFile());
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }

            @Override
            public void info(CharSequence content) {
            }
        });
        return mojo;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = CompileMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static Dependency runtime(String version) {
        Dependency d = new Dependency();
        d.setGroupId("dev.wasm2jar");
        d.setArtifactId("wasm2jar-runtime-support");
        d.setVersion(version);
        return d;
    }

    private void addWasm(String fixture, String name) throws IOException {
        Path to = Files.createDirectories(dir.resolve("src/main/wasm")).resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/wasm/" + fixture)) {
            Files.write(to, in.readAllBytes());
        }
    }

    @Test
    void compilesIntoTheOutputDirectoryWithStatePerExecution() throws Exception {
        addWasm("adder.wasm", "adder.wasm");
        mojo(runtime("1.2.3")).execute();
        assertTrue(Files.isRegularFile(dir.resolve("target/classes/Adder.class")));
        assertTrue(Files.isRegularFile(dir.resolve("target/wasm2jar/exec-id.state")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void warnsWhenTheRuntimeDependencyIsMissingOrOfAnotherVersion() throws Exception {
        mojo().execute();
        assertEquals(List.of("wasm2jar: the generated classes need dev.wasm2jar:wasm2jar-runtime-support:1.2.3 at compile and run time;"
                + " add it to the project's <dependencies>"), warnings);
        warnings.clear();
        mojo(runtime("1.0")).execute();
        assertEquals(List.of("wasm2jar: the project depends on wasm2jar-runtime-support 1.0 but the plugin generates code for 1.2.3;"
                + " use the same version for both"), warnings);
    }

    @Test
    void anInvalidModuleIsABuildFailureNamingTheFile() throws Exception {
        addWasm("invalid.wasm", "bad.wasm");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(runtime("1.2.3")).execute());
        assertTrue(e.getMessage().startsWith("wasm2jar: src" + File.separator + "main" + File.separator + "wasm" + File.separator
                + "bad.wasm: invalid module: "), e.getMessage());
    }

    @Test
    void skipDoesNothing() throws Exception {
        addWasm("invalid.wasm", "bad.wasm");
        CompileMojo mojo = mojo();
        set(mojo, "skip", true);
        mojo.execute();
        assertFalse(Files.exists(dir.resolve("target")));
        assertEquals(List.of(), warnings);
    }
}
