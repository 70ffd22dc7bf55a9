package dev.wasm2jar.maven;

import java.io.File;

/**
 * One {@code <module>} of the plugin's {@code <modules>} configuration: a wasm file and the name of the
 * class generated for it.
 */
public class ModuleSpec {
    /** The .wasm file; relative paths are resolved against the project's base directory. Required. */
    private File file;
    /** Simple name of the generated module class; default derived from the file name ({@code my-lib.wasm} gives {@code MyLib}). */
    private String className;
    /** Java package of the generated classes; default the plugin's {@code packageName}. */
    private String packageName;

    public ModuleSpec() {}

    public ModuleSpec(File file, String className, String packageName) {
        this.file = file;
        this.className = className;
        this.packageName = packageName;
    }

    public File getFile() { return file; }
    public void setFile(File file) { this.file = file; }
    public String getClassName() { return className; }
    public void setClassName(String className) { this.className = className; }
    public String getPackageName() { return packageName; }
    public void setPackageName(String packageName) { this.packageName = packageName; }
}
