package dev.wasm2jar.rt.wasi;

/**
 * The clocks a guest sees through {@code clock_time_get} and {@code poll_oneoff}. Embedders replace it
 * (e.g. for reproducible runs) with {@link WasiContext.Builder#clock(WasiClock)}.
 */
public interface WasiClock {
    /** Nanoseconds since 1970-01-01T00:00:00Z. */
    long realtimeNanos();

    /** Nanoseconds from an arbitrary fixed origin; never decreases. */
    long monotonicNanos();

    /** CPU time of the process in nanoseconds. */
    long processCpuNanos();

    /** CPU time of the calling thread in nanoseconds. */
    long threadCpuNanos();

    /** Resolution of {@link #realtimeNanos()} in nanoseconds. */
    default long realtimeResolutionNanos() {
        return 1_000L;
    }

    /** Resolution of {@link #monotonicNanos()} and the CPU clocks in nanoseconds. */
    default long monotonicResolutionNanos() {
        return 1L;
    }

    /** The host's clocks. */
    static WasiClock system() {
        return SystemClock.INSTANCE;
    }
}
