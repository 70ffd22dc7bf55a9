package dev.wasm2jar.rt;

import dev.wasm2jar.rt.wasi.WasiContext;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled WASI command: builds the {@link WasiContext} from a {@link LaunchConfig}, instantiates
 * the module class through its {@code (Imports)} constructor, calls the export {@code _start} and turns the
 * outcome into a process exit code. This is the {@code Main-Class} of runnable jars.
 *
 * <p>Exit codes: the guest's {@code proc_exit} code; 0 when {@code _start} returns; {@value #EXIT_TRAP}
 * after a trap (reported as {@code wasm trap: <message> in <function>}); {@value #EXIT_ERROR} when the
 * module cannot be launched (missing preopen directory, link error, bad {@code WASM2JAR_OPTS}).
 */
public final class Launcher {
    /** Exit code after a trap; what a native process killed by SIGABRT reports (128 + 6), as wasmtime does. */
    public static final int EXIT_TRAP = 134;
    /** Exit code when the module cannot be launched at all. */
    public static final int EXIT_ERROR = 1;
    /** The function a WASI command starts at. */
    public static final String START_EXPORT = "_start";

    /**
     * Stack of the thread the guest runs on (64 MiB). Compiled Wasm recursion uses JVM frames, which are
     * larger than native ones, so the JVM's default thread stack (1 to 8 MiB) runs out long before a native
     * Wasm runtime would; the memory is only reserved, not committed, until used. It is not larger so that
     * runaway recursion still traps quickly. Override with {@code -Dwasm2jar.stackSize=BYTES}.
     */
    static final long GUEST_STACK_BYTES = Long.getLong("wasm2jar.stackSize", 64L << 20);

    private Launcher() {}

    /** Entry point of a runnable jar: reads the baked settings plus {@code WASM2JAR_OPTS} and exits. */
    public static void main(String[] args) {
        System.exit(launchFromJar(args));
    }

    private static int launchFromJar(String[] args) {
        ClassLoader loader = Launcher.class.getClassLoader();
        LaunchConfig cfg;
        try {
            cfg = LaunchConfig.load(loader, System.getenv());
        } catch (IllegalArgumentException e) {
            return error(System.err, e.getMessage());
        }
        if (cfg.moduleClass() == null) {
            return error(System.err, "no " + LaunchConfig.KEY_MODULE_CLASS + " in " + LaunchConfig.RESOURCE + "; is this a runnable wasm2jar jar?");
        }
        Class<? extends WasmModuleInstance> moduleClass;
        try {
            moduleClass = Class.forName(cfg.moduleClass(), false, loader).asSubclass(WasmModuleInstance.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            return error(System.err, "module class " + cfg.moduleClass() + " not found in the jar");
        }
        return run(moduleClass, cfg, args);
    }

    /** Runs the command with the process's own standard streams. */
    public static int run(Class<? extends WasmModuleInstance> moduleClass, LaunchConfig cfg, String[] args) {
        return run(moduleClass, cfg, args, System.in, System.out, System.err);
    }

    /**
     * Runs the command: {@code args} are the guest's arguments after argv[0] (which is the config's program
     * name, else the module class's simple name). Launch errors and traps are reported on {@code stderr}.
     *
     * @return the exit code
     */
    public static int run(Class<? extends WasmModuleInstance> moduleClass, LaunchConfig cfg, String[] args,
                          InputStream stdin, PrintStream stdout, PrintStream stderr) {
        WasiContext ctx;
        try {
            ctx = wasiContext(cfg, moduleClass.getSimpleName(), args, stdin, stdout, stderr);
        } catch (LaunchError e) {
            return error(stderr, e.getMessage());
        }
        Throwable failure;
        try {
            Imports.Builder imports = new Imports.Builder().wasi(ctx);
            if (cfg.maxMemoryBytes() > 0) {
                imports.maxMemoryPages((int) Math.min(Memory.MAX_PAGES, cfg.maxMemoryBytes() / Memory.PAGE_SIZE));
            }
            long stack = cfg.stackSizeBytes() > 0 ? cfg.stackSizeBytes() : GUEST_STACK_BYTES;
            failure = runOnGuestThread(stack, cfg.timeoutMillis(), () -> {
                WasmModuleInstance instance = instantiate(moduleClass, imports);
                Object start = instance.export(START_EXPORT);
                if (!(start instanceof WasmFunction f) || !f.type.equals(">")) {
                    throw new LaunchError("the module does not export a function \"" + START_EXPORT + "\" of type () -> ()");
                }
                f.handle.invoke(); // whatever it throws is classified by exitCode
            });
        } finally {
            // The guest's output is buffered in the context; it must reach the terminal before we exit.
            ctx.close();
            stdout.flush();
            stderr.flush();
        }
        if (failure == null) {
            return 0;
        }
        int code = exitCode(failure, stderr);
        stderr.flush();
        return code;
    }

    /**
     * The WASI context for a launch: preopens (host paths resolved against the working directory now),
     * argv = program name (the config's, else {@code defaultProgramName}) followed by {@code args}, the
     * effective environment, and the given streams.
     *
     * @throws LaunchError when a preopened directory does not exist
     */
    public static WasiContext wasiContext(LaunchConfig cfg, String defaultProgramName, String[] args,
                                          InputStream stdin, PrintStream stdout, PrintStream stderr) {
        WasiContext.Builder wasi = WasiContext.builder();
        for (LaunchConfig.Dir dir : cfg.dirs()) {
            Path host;
            try {
                host = Path.of(dir.host()).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new LaunchError("--dir " + dir + ": invalid path: " + e.getMessage());
            }
            if (!Files.isDirectory(host)) {
                throw new LaunchError("--dir " + dir + ": no such directory: " + host);
            }
            wasi.preopen(host, dir.guest());
        }
        List<String> argv = new ArrayList<>();
        argv.add(cfg.programName() != null ? cfg.programName() : defaultProgramName);
        argv.addAll(Arrays.asList(args));
        wasi.args(argv);
        for (Map.Entry<String, String> e : cfg.effectiveEnv(System.getenv()).entrySet()) {
            wasi.env(e.getKey(), e.getValue());
        }
        wasi.stdin(stdin).stdout(stdout).stderr(stderr);
        try {
            return wasi.build();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // e.g. a preopened directory removed or unreadable between our check and the build
            throw new LaunchError(e.getMessage());
        }
    }

    /** Instantiates a module class, unwrapping reflection so traps and link errors come out as themselves. */
    public static WasmModuleInstance instantiate(Class<? extends WasmModuleInstance> moduleClass, Imports imports) {
        try {
            return moduleClass.getConstructor(Imports.class).newInstance(imports);
        } catch (InvocationTargetException e) {
            throw Trap.translate(e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw Trap.translate(e.getCause() != null ? e.getCause() : e);
        } catch (ReflectiveOperationException e) {
            throw new LaunchError("cannot instantiate " + moduleClass.getName() + ": " + e);
        }
    }

    /**
     * Reports how a guest run ended and returns the exit code: {@link ProcExit} gives its code, a trap
     * (including stack overflow and other implicit JVM exceptions, see {@link Trap#translate}) prints one
     * {@code wasm trap:} line and gives {@value #EXIT_TRAP}, a link or launch problem prints one error line
     * and gives {@value #EXIT_ERROR}.
     */
    public static int exitCode(Throwable failure, PrintStream stderr) {
        Throwable t = failure;
        while ((t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ProcExit exit) {
            return exit.code();
        }
        if (t instanceof LinkException || t instanceof LaunchError) {
            return error(stderr, t.getMessage());
        }
        RuntimeException translated;
        try {
            translated = Trap.translate(t);
        } catch (OutOfMemoryError e) {
            return error(stderr, "out of memory: " + e.getMessage() + " (the JVM heap is too small for this module; try java -Xmx...)");
        } catch (Error e) {
            stderr.println("wasm2jar: error: internal error: " + e);
            e.printStackTrace(stderr);
            return EXIT_ERROR;
        }
        if (translated instanceof Trap trap) {
            stderr.println(trapLine(trap));
            return EXIT_TRAP;
        }
        if (translated instanceof ProcExit exit) {
            return exit.code();
        }
        // A Java exception out of guest code that is not a trap is a bug in wasm2jar: show all of it.
        stderr.println("wasm2jar: error: internal error: " + translated);
        translated.printStackTrace(stderr);
        return EXIT_ERROR;
    }

    /** {@code wasm trap: <message> in <function>}, without the {@code in} part when the function is unknown. */
    public static String trapLine(Trap trap) {
        String function = trap.functionName();
        return "wasm trap: " + trap.getMessage() + (function != null ? " in " + function : "");
    }

    private static int error(PrintStream stderr, String message) {
        stderr.println("wasm2jar: error: " + message);
        stderr.flush();
        return EXIT_ERROR;
    }

    /** Runs {@code body} on a thread with a {@link #GUEST_STACK_BYTES} stack; returns what it threw, or null. */
    public static Throwable runOnGuestThread(GuestBody body) {
        return runOnGuestThread(GUEST_STACK_BYTES, -1, body);
    }

    /**
     * Runs {@code body} on a thread with the given stack; after {@code timeoutMillis} (when positive) the
     * thread is interrupted, which compiled code turns into the trap "interrupted" at its next loop
     * iteration. Returns what the body threw, or null.
     */
    public static Throwable runOnGuestThread(long stackBytes, long timeoutMillis, GuestBody body) {
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "wasm-guest", stackBytes);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : Long.MAX_VALUE;
        while (true) {
            try {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    thread.interrupt();
                    deadline = Long.MAX_VALUE;
                    continue;
                }
                thread.join(deadline == Long.MAX_VALUE ? 0 : Math.max(1, left));
                if (!thread.isAlive()) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt(); // the host is being stopped: stop the guest too
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return thrown[0];
    }

    /** Work run on the guest thread. */
    @FunctionalInterface
    public interface GuestBody {
        void run() throws Throwable;
    }

    /** A problem launching the module (not a trap, not a link error): reported as one line, exit 1. */
    public static final class LaunchError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LaunchError(String message) {
            super(message, null, false, false);
        }
    }
}
