package dev.wasm2jar.compiler;

import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.Trap;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Loads a {@link CompiledModule} straight from memory (for {@code wasm2jar run} and tests), serving its
 * resources too, and instantiates it.
 */
public final class ModuleLoader extends ClassLoader {
    private final CompiledModule module;

    public ModuleLoader(CompiledModule module, ClassLoader parent) {
        super(parent);
        this.module = module;
    }

    public ModuleLoader(CompiledModule module) {
        this(module, WasmModuleInstance.class.getClassLoader());
    }

    /**
     * The module's own classes are defined here first, never taken from the parent: a class of the same
     * name elsewhere on the class path must not shadow the module just compiled.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (module.classes().containsKey(name.replace('.', '/'))) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = module.classes().get(name.replace('.', '/'));
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = module.resources().get(name.startsWith("/") ? name.substring(1) : name);
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    public Class<? extends WasmModuleInstance> mainClass() {
        try {
            return loadClass(module.mainClassBinaryName()).asSubclass(WasmModuleInstance.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Links and instantiates the module. Link failures come out as {@link dev.wasm2jar.rt.LinkException},
     * traps during initialisation or the start function as {@link Trap}.
     */
    public WasmModuleInstance instantiate(Imports imports) {
        try {
            return mainClass().getConstructor(Imports.class).newInstance(imports);
        } catch (InvocationTargetException e) {
            throw Trap.translate(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + module.mainClass(), e);
        }
    }
}
