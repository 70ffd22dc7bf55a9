package dev.wasm2jar.tests.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs scripts concurrently, each on its own thread with a large stack (deep but legal recursion in the
 * tests, and assert_exhaustion must end in a StackOverflowError, not a crash), at most {@code parallelism}
 * at a time. A script that runs longer than the timeout is failed from where it hung and its thread is
 * stopped, so a compiler bug that makes a module loop forever fails one file instead of the build.
 */
final class SuiteRunner implements AutoCloseable {
    private final ModuleFactory factory;
    private final Duration timeout;
    private final long stackBytes;
    private final Semaphore slots;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService watchdog;
    private final Thread launcher;

    /** One script: its thread, its result so far and the future the tests wait on. */
    private final class Job {
        final Path json;
        final String wastName;
        final boolean skipAll;
        final ScriptResult result;
        final CompletableFuture<ScriptResult> done = new CompletableFuture<>();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile List<SpecCommand> commands = List.of();
        volatile Thread thread;

        Job(Path json, String wastName, boolean skipAll) {
            this.json = json;
            this.wastName = wastName;
            this.skipAll = skipAll;
            this.result = new ScriptResult(wastName);
        }

        void run() {
            try {
                SpecScript script = SpecScript.read(json);
                commands = script.commands();
                new ScriptRunner(script, factory, result, skipAll).run();
            } catch (ThreadDeath stopped) {
                // the watchdog has already recorded the timeout
            } catch (Throwable t) {
                result.failScript("cannot run " + json + ": " + ScriptRunner.describe(t));
            } finally {
                finish();
            }
        }

        /** First caller wins: the script's thread at its end, or the watchdog at the timeout. */
        void finish() {
            if (finished.compareAndSet(false, true)) {
                result.freeze();
                slots.release();
                done.complete(result);
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        void timedOut() {
            if (finished.get()) {
                return;
            }
            String reason = "timed out after " + timeout.toSeconds() + " s (hang or far too slow)";
            if (commands.isEmpty()) {
                result.failScript(reason + " before its commands were read");
            } else {
                result.timeOut(commands, reason);
            }
            finish();
            try {
                // Generated code polls safepoints in loops, so stop() ends even an endless Wasm loop.
                thread.stop();
            } catch (UnsupportedOperationException newerJdk) {
                // Java 20+: the daemon thread keeps running; its slot is free again all the same.
            }
        }
    }

    SuiteRunner(ModuleFactory factory, int parallelism, Duration timeout, long stackBytes) {
        this.factory = factory;
        this.timeout = timeout;
        this.stackBytes = stackBytes;
        this.slots = new Semaphore(parallelism);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spec-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.launcher = new Thread(this::launchLoop, "spec-launcher");
        launcher.setDaemon(true);
        launcher.start();
    }

    /** Queues a converted script; the future completes when it has run (or timed out). */
    CompletableFuture<ScriptResult> submit(Path json, String wastName, boolean skipAll) {
        Job job = new Job(json, wastName, skipAll);
        queue.add(job);
        return job.done;
    }

    private void launchLoop() {
        try {
            while (true) {
                Job job = queue.take();
                slots.acquire();
                Thread t = new Thread(null, job::run, "spec-" + job.wastName, stackBytes);
                t.setDaemon(true);
                job.thread = t;
                t.start();
                watchdog.schedule(job::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        launcher.interrupt();
        watchdog.shutdownNow();
    }
}
