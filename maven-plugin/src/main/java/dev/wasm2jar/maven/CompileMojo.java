package dev.wasm2jar.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles WebAssembly modules to JVM classes in the project's output directory, so the project's jar
 * contains them. Each module becomes a class with a typed Java API: one method per exported function
 * ({@code int add(int a, int b)}), accessors for exported memory, globals and tables, an interface for
 * the imports the host implements (class {@code Demo} gets {@code DemoImports}), and static
 * {@code create(...)} factories. The goal runs before {@code compile} (phase {@code generate-sources}) so that the project's
 * Java code compiles against the generated classes. At run time the classes need only
 * {@code dev.wasm2jar:wasm2jar-runtime-support}, which the project must declare as a dependency.
 *
 * <p>The goal is incremental: when the wasm files, the configuration and the plugin version are unchanged
 * since the last run and its outputs still exist, it does nothing.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CompileMojo extends AbstractMojo {
    static final String RUNTIME_GROUP = "dev.wasm2jar";
    static final String RUNTIME_ARTIFACT = "wasm2jar-runtime-support";

    /**
     * Directory whose {@code *.wasm} files (not those in subdirectories) are compiled, each to a class named
     * after the file ({@code my-lib.wasm} gives {@code MyLib}) in {@code packageName}. A missing directory
     * is not an error. Files that also appear in {@code modules} use the settings given there.
     */
    @Parameter(property = "wasm2jar.wasmDirectory", defaultValue = "${project.basedir}/src/main/wasm")
    private File wasmDirectory;

    /**
     * Modules with their own settings, compiled in addition to those found in {@code wasmDirectory}. Each
     * {@code module} element has the child elements {@code file} (the .wasm file, relative to the project
     * directory; required), {@code className} (simple name of the generated class; default from the file
     * name) and {@code packageName} (default: the {@code packageName} parameter).
     */
    @Parameter
    private List<ModuleSpec> modules;

    /**
     * Java package of the generated classes for modules that do not set their own; empty means the default
     * package.
     */
    @Parameter(property = "wasm2jar.packageName", defaultValue = "")
    private String packageName;

    /**
     * Where the generated class files and resources (data segments, launch settings) are written. The
     * default puts them into the project's classes, and so into its jar.
     */
    @Parameter(property = "wasm2jar.outputDirectory", defaultValue = "${project.build.outputDirectory}", required = true)
    private File outputDirectory;

    /**
     * The WASI command module that {@code dev.wasm2jar.rt.Launcher} runs when it is the jar's main class
     * ({@code java -cp app.jar:wasm2jar-runtime-support.jar dev.wasm2jar.rt.Launcher ARGS}): its class name
     * (simple or qualified) or .wasm file name. When set, the plugin writes
     * {@code META-INF/wasm2jar/launch.properties} with it and the {@code wasi*} settings below. Not needed
     * to use modules from Java code, where a {@code WasiContext} passed to {@code create(...)} says the same.
     */
    @Parameter(property = "wasm2jar.launchModule")
    private String launchModule;

    /**
     * Directories preopened for the launched command, each {@code HOST::GUEST} (or {@code DIR} for
     * {@code DIR::DIR}); relative host paths resolve against the working directory when the jar runs.
     * Needs {@code launchModule}.
     */
    @Parameter
    private List<String> wasiDirs;

    /** Environment variables for the launched command, each {@code NAME=VALUE}. Needs {@code launchModule}. */
    @Parameter
    private List<String> wasiEnv;

    /**
     * Whether the launched command sees the host's environment (with {@code wasiEnv} taking precedence).
     * Needs {@code launchModule}.
     */
    @Parameter(defaultValue = "false")
    private boolean wasiInheritEnv;

    /** argv[0] of the launched command; default the module class's simple name. Needs {@code launchModule}. */
    @Parameter
    private String wasiProgramName;

    /** Recompiles even when nothing changed since the last run. */
    @Parameter(property = "wasm2jar.force", defaultValue = "false")
    private boolean force;

    /** Skips the goal. */
    @Parameter(property = "wasm2jar.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wasm2jar: skipped");
            return;
        }
        checkRuntimeDependency();
        WasmBuild build = new WasmBuild(getLog());
        build.baseDir = project.getBasedir().toPath();
        build.wasmDirectory = wasmDirectory == null ? null : wasmDirectory.toPath();
        build.modules = modules == null ? List.of() : modules;
        build.packageName = packageName == null ? "" : packageName;
        build.outputDirectory = outputDirectory.toPath();
        build.stateFile = new File(project.getBuild().getDirectory(), "wasm2jar/" + mojoExecution.getExecutionId() + ".state").toPath();
        build.launchModule = launchModule;
        build.wasiDirs = wasiDirs == null ? List.of() : wasiDirs;
        build.wasiEnv = wasiEnv == null ? List.of() : wasiEnv;
        build.wasiInheritEnv = wasiInheritEnv;
        build.wasiProgramName = wasiProgramName;
        build.force = force;
        build.pluginVersion = plugin.getVersion();
        try {
            build.run();
        } catch (BuildFailure e) {
            throw new MojoFailureException("wasm2jar: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("wasm2jar: " + e.getMessage(), e);
        }
    }

    /**
     * The generated classes extend runtime-support classes: without the dependency the project's Java code
     * does not compile against them and its jar does not run. Warn early, with the exact coordinates.
     */
    private void checkRuntimeDependency() {
        for (Dependency d : project.getDependencies()) {
            if (RUNTIME_GROUP.equals(d.getGroupId()) && RUNTIME_ARTIFACT.equals(d.getArtifactId())) {
                if (!plugin.getVersion().equals(d.getVersion())) {
                    getLog().warn("wasm2jar: the project depends on " + RUNTIME_ARTIFACT + " " + d.getVersion()
                            + " but the plugin generates code for " + plugin.getVersion() + "; use the same version for both");
                }
                return;
            }
        }
        getLog().warn("wasm2jar: the generated classes need " + RUNTIME_GROUP + ":" + RUNTIME_ARTIFACT + ":" + plugin.getVersion()
                + " at compile and run time; add it to the project's <dependencies>");
    }
}
