package dev.wasm2jar.rt.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/** {@link WasiClock} backed by the JVM: {@link Instant#now()}, {@link System#nanoTime()} and the MXBeans. */
final class SystemClock implements WasiClock {
    static final SystemClock INSTANCE = new SystemClock();

    /** Chosen so monotonic readings start near one second and stay positive as u64. */
    private static final long MONOTONIC_ORIGIN = System.nanoTime() - 1_000_000_000L;

    private SystemClock() {}

    @Override
    public long realtimeNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime() - MONOTONIC_ORIGIN;
    }

    @Override
    public long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return threadCpuNanos();
    }

    @Override
    public long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isCurrentThreadCpuTimeSupported()) {
            long t = threads.getCurrentThreadCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return monotonicNanos();
    }
}
