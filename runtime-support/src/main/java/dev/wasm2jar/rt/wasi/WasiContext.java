package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.Memory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STUB for compilation only (cli branch): the real WasiContext comes from the wasi branch and replaces this
 * file at merge. It implements just the builder surface of the WASI contract in HELPERS-COMMON.md.
 */
public final class WasiContext {
    private final List<String> args;
    private final Map<String, String> env;
    private final List<Map.Entry<Path, String>> preopens;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private Memory memory;

    private WasiContext(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = new LinkedHashMap<>(b.env);
        this.preopens = List.copyOf(b.preopens);
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
    }

    public static Builder builder() {
        return new Builder();
    }

    public void bindMemory(Memory memory) {
        this.memory = memory;
    }

    public Memory memory() {
        return memory;
    }

    public void close() {
        try {
            stdout.flush();
            stderr.flush();
        } catch (java.io.IOException e) {
            // stub: nothing to report to
        }
    }

    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Map.Entry<Path, String>> preopens = new ArrayList<>();
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;

        public Builder args(List<String> argv) { args.clear(); args.addAll(argv); return this; }
        public Builder env(String name, String value) { env.put(name, value); return this; }
        public Builder inheritEnv() { env.putAll(System.getenv()); return this; }
        public Builder preopen(Path host, String guestPath) { preopens.add(Map.entry(host, guestPath)); return this; }
        public Builder stdin(InputStream in) { stdin = in; return this; }
        public Builder stdout(OutputStream out) { stdout = out; return this; }
        public Builder stderr(OutputStream err) { stderr = err; return this; }
        public WasiContext build() { return new WasiContext(this); }
    }
}
