package dev.wasm2jar.rt.wasi;

import dev.wasm2jar.rt.Memory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Everything one WASI guest instance sees: arguments, environment, clocks, randomness and its file
 * descriptor table (0 stdin, 1 stdout, 2 stderr, then the preopened directories from 3 in the order they
 * were added). Generated code binds the instance's memory with {@link #bindMemory}; {@link WasiPreview1}
 * does the rest. Call {@link #close()} when the guest has finished: it flushes stdout/stderr and closes
 * the files the guest left open.
 *
 * <p>stdout is buffered unless it is the JVM's own terminal; it is flushed by proc_exit, fd_close,
 * fd_sync/fd_datasync, stdin reads, stderr writes, {@link #flush()} and {@link #close()}.
 */
public final class WasiContext implements AutoCloseable {
    private static final byte[] NO_MEMORY = new byte[0];

    private Memory memory;
    final FdTable fds = new FdTable();
    final byte[][] args;
    final byte[][] env;
    final WasiClock clock;
    final Random random;
    private final OutputStreamDescriptor stdout;
    private final OutputStreamDescriptor stderr;
    private boolean closed;

    /** A heap ByteBuffer over the current memory array, so file I/O needs no allocation per call. */
    private ByteBuffer view;
    private byte[] viewArray;

    private WasiContext(Builder b) {
        this.args = utf8All(b.args);
        List<String> envStrings = new ArrayList<>();
        Map<String, String> envMap = new LinkedHashMap<>();
        if (b.inheritEnv) {
            envMap.putAll(new TreeMap<>(System.getenv()));
        }
        envMap.putAll(b.env);
        envMap.forEach((k, v) -> envStrings.add(k + "=" + v));
        this.env = utf8All(envStrings);
        this.clock = b.clock;
        this.random = b.random != null ? b.random : new SecureRandom();

        boolean console = System.console() != null;
        // On a terminal the guest line-buffers by itself (it sees a character device), so each write is
        // passed on at once; anything else is buffered here and flushed at the points listed above.
        boolean stdoutIsTerminal = console && b.stdout == System.out;
        this.stdout = new OutputStreamDescriptor(new BufferedOutputStream(b.stdout, 1 << 16), stdoutIsTerminal,
                streamType(stdoutIsTerminal), null);
        this.stderr = new OutputStreamDescriptor(b.stderr, true, streamType(console && b.stderr == System.err), stdout);
        fds.put(0, new InputStreamDescriptor(b.stdin, streamType(console && b.stdin == System.in), stdout));
        fds.put(1, stdout);
        fds.put(2, stderr);
        int fd = 3;
        for (Preopen p : b.preopens) {
            fds.put(fd++, new DirectoryDescriptor(p.host, p.guestPath, Rights.DIRECTORY_BASE, Rights.ALL));
        }
    }

    /**
     * A terminal is a character device; anything else the JVM hands us (pipe, file, in-memory stream) is
     * reported as UNKNOWN, which is what wasmtime does for non-tty stdio and keeps wasi-libc's isatty false.
     */
    private static byte streamType(boolean terminal) {
        return terminal ? Abi.FILETYPE_CHARACTER_DEVICE : Abi.FILETYPE_UNKNOWN;
    }

    private static byte[][] utf8All(List<String> strings) {
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the guest's linear memory; called by the generated constructor once the memory exists. */
    public void bindMemory(Memory memory) {
        this.memory = memory;
    }

    public Memory memory() {
        return memory;
    }

    /** The current memory array (re-read on every call because memory.grow replaces it). */
    byte[] bytes() {
        Memory m = memory;
        return m == null ? NO_MEMORY : m.bytes;
    }

    /** A ByteBuffer over {@code [ptr, ptr + len)} of {@code m}; valid until the next call. */
    ByteBuffer region(byte[] m, int ptr, int len) {
        ByteBuffer v = view;
        if (viewArray != m) {
            v = ByteBuffer.wrap(m);
            view = v;
            viewArray = m;
        }
        v.clear();
        v.limit(ptr + len);
        v.position(ptr);
        return v;
    }

    /** Flushes stdout and stderr. */
    public void flush() {
        try {
            stdout.flush();
        } catch (IOException ignored) {
            // The guest cannot be told any more; a broken stdout must not hide the exit code.
        }
        try {
            stderr.flush();
        } catch (IOException ignored) {
            // as above
        }
    }

    /** Flushes stdout/stderr and closes every file and directory the guest still has open. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        for (int fd = 0; fd < fds.capacity(); fd++) {
            Descriptor d = fds.find(fd);
            if (d != null) {
                fds.remove(fd);
                try {
                    d.close();
                } catch (IOException ignored) {
                    // best effort: closing the rest matters more
                }
            }
        }
    }

    private static final class Preopen {
        final Path host;
        final String guestPath;

        Preopen(Path host, String guestPath) {
            this.host = host;
            this.guestPath = guestPath;
        }
    }

    public static final class Builder {
        private List<String> args = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean inheritEnv;
        private final List<Preopen> preopens = new ArrayList<>();
        private final List<Path> preopenHosts = new ArrayList<>();
        private final List<String> preopenGuests = new ArrayList<>();
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private WasiClock clock = WasiClock.system();
        private Random random;

        private Builder() {}

        /** The full argv, argv[0] included. */
        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** Adds (or replaces) one environment variable; order of first addition is kept. */
        public Builder env(String name, String value) {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("bad environment variable name: " + name);
            }
            env.put(name, Objects.requireNonNull(value));
            return this;
        }

        /** Passes the host environment (sorted by name) before the variables set with {@link #env}. */
        public Builder inheritEnv() {
            this.inheritEnv = true;
            return this;
        }

        /** Preopens a host directory under {@code guestPath}; preopens get fds 3, 4, ... in call order. */
        public Builder preopen(Path host, String guestPath) {
            preopenHosts.add(Objects.requireNonNull(host));
            preopenGuests.add(Objects.requireNonNull(guestPath));
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in);
            return this;
        }

        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out);
            return this;
        }

        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err);
            return this;
        }

        public Builder clock(WasiClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The source for {@code random_get}; a {@link SecureRandom} unless replaced (e.g. for tests). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /**
         * @throws IllegalArgumentException if a preopened host path is not an existing directory
         */
        public WasiContext build() {
            preopens.clear();
            for (int i = 0; i < preopenHosts.size(); i++) {
                Path host = preopenHosts.get(i);
                if (!Files.isDirectory(host)) {
                    throw new IllegalArgumentException("preopened directory does not exist: " + host);
                }
                try {
                    // The sandbox root must be symlink-free: resolution appends plain names to it.
                    preopens.add(new Preopen(host.toRealPath(), preopenGuests.get(i)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new WasiContext(this);
        }
    }
}
