package dev.wasm2jar.tests.spec;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.WasmFunction;
import dev.wasm2jar.rt.WasmModuleInstance;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for the compiler in the harness's own tests: a "module file" holds the name of a module
 * written in Java here, or {@code reject:KIND:message} (compile error), or {@code crash} (compiler bug).
 */
final class FakeModules implements ModuleFactory {
    private final Map<String, Function<Imports, WasmModuleInstance>> modules = new HashMap<>();

    /** An instance whose exports the test sets. */
    static final class Instance extends WasmModuleInstance {
        @Override
        protected WasmFunction createFunction(int index) {
            throw new UnsupportedOperationException("fake modules export host functions only");
        }

        Instance put(String name, Object value) {
            export(name, value);
            return this;
        }
    }

    FakeModules define(String name, Function<Imports, WasmModuleInstance> module) {
        modules.put(name, module);
        return this;
    }

    @Override
    public Instantiator compile(byte[] wasm, String className) throws CompileException {
        String text = new String(wasm, StandardCharsets.UTF_8).trim();
        if (text.startsWith("reject:")) {
            String[] parts = text.split(":", 3);
            throw new CompileException(CompileException.Kind.valueOf(parts[1]), parts[2]);
        }
        if (text.equals("crash")) {
            throw new IllegalStateException("compiler bug");
        }
        Function<Imports, WasmModuleInstance> module = modules.get(text);
        if (module == null) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "no fake module " + text);
        }
        return module::apply;
    }

    /** A host function backed by a static method of {@code owner}, optionally with leading bound arguments. */
    static WasmFunction fn(Class<?> owner, String signature, String method, Object... bound) {
        try {
            MethodType wasmType = dev.wasm2jar.rt.ValueTypes.methodType(signature);
            MethodHandle mh = null;
            for (java.lang.reflect.Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    mh = MethodHandles.lookup().unreflect(m);
                }
            }
            if (mh == null) {
                throw new NoSuchMethodException(method);
            }
            if (bound.length > 0) {
                mh = MethodHandles.insertArguments(mh, 0, bound);
            }
            return WasmFunction.host(signature, mh.asType(wasmType));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a script: its JSON and one "module file" per entry of {@code moduleFiles} (name -> content). */
    static Path writeScript(Path dir, String name, String json, Map<String, String> moduleFiles) throws IOException {
        for (Map.Entry<String, String> f : moduleFiles.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }
}
