/*
 * Shared by the C benchmark kernels: a monotonic clock and the two output lines cbench.sh reads.
 * Every kernel prints
 *     checksum <16 hex digits>     (identical on every engine; cbench.sh checks it)
 *     kernel_ms <milliseconds>     (the kernel alone: no start-up, no set-up, no output)
 * Only fixed-width integer types are used, so wasm32 (32-bit long and pointers) and x86-64 compute the
 * same values.
 */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The optional first argument scales the work (default 1); anything else is a usage error. */
static inline uint32_t bench_scale(int argc, char **argv) {
    if (argc < 2) return 1;
    char *end;
    unsigned long v = strtoul(argv[1], &end, 10);
    if (*end != '\0' || v == 0 || v > 1000) {
        fprintf(stderr, "usage: %s [SCALE 1..1000]\n", argv[0]);
        exit(2);
    }
    return (uint32_t)v;
}

static inline void bench_report(uint64_t checksum, uint64_t start_ns, uint64_t end_ns) {
    printf("checksum %016" PRIx64 "\n", checksum);
    printf("kernel_ms %.3f\n", (double)(end_ns - start_ns) / 1e6);
}

#endif
