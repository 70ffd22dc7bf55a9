/*
 * Memory-bound loops over arrays larger than the caches: a sieve of Eratosthenes (byte stores with large
 * strides), a naive (unblocked) matrix transpose (strided stores), a histogram of random indices (scattered
 * read-modify-write) and a pointer chase through a random cycle (dependent loads). About 76 MiB of heap, so a
 * Wasm module grows its memory well past the initial size.
 */
#include "bench.h"
#include <string.h>

#define SIEVE_N (24u * 1024 * 1024)
#define DIM 2048u
#define HIST_WORDS (1u << 20)
#define CHASE_WORDS (1u << 22)

static uint32_t xorshift32(uint32_t *s) {
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

int main(int argc, char **argv) {
    uint32_t scale = bench_scale(argc, argv);
    uint8_t *sieve = malloc(SIEVE_N);
    uint32_t *matrix = malloc(sizeof(uint32_t) * DIM * DIM);
    uint32_t *transposed = malloc(sizeof(uint32_t) * DIM * DIM);
    uint32_t *hist = calloc(HIST_WORDS, sizeof(uint32_t));
    uint32_t *next = malloc(sizeof(uint32_t) * CHASE_WORDS);
    if (!sieve || !matrix || !transposed || !hist || !next) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (uint32_t i = 0; i < DIM * DIM; i++) matrix[i] = i * 2654435761u;
    /* A single random cycle through all slots (Sattolo's algorithm). */
    for (uint32_t i = 0; i < CHASE_WORDS; i++) next[i] = i;
    uint32_t seed = 7;
    for (uint32_t i = CHASE_WORDS - 1; i > 0; i--) {
        uint32_t j = xorshift32(&seed) % i;
        uint32_t t = next[i]; next[i] = next[j]; next[j] = t;
    }

    uint64_t t0 = bench_now_ns();
    uint64_t checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        memset(sieve, 1, SIEVE_N);
        sieve[0] = sieve[1] = 0;
        for (uint32_t p = 2; (uint64_t)p * p < SIEVE_N; p++)
            if (sieve[p])
                for (uint32_t m = p * p; m < SIEVE_N; m += p) sieve[m] = 0;
        uint32_t primes = 0;
        for (uint32_t i = 0; i < SIEVE_N; i++) primes += sieve[i];

        for (uint32_t pass = 0; pass < 2; pass++) {
            for (uint32_t r = 0; r < DIM; r++)
                for (uint32_t c = 0; c < DIM; c++) transposed[c * DIM + r] = matrix[r * DIM + c] + pass;
            for (uint32_t i = 0; i < DIM * DIM; i++) matrix[i] ^= transposed[i] >> 1;
        }

        uint32_t s = 12345 + round;
        for (uint32_t i = 0; i < 8u * 1024 * 1024; i++) hist[xorshift32(&s) & (HIST_WORDS - 1)] += i & 3;

        uint32_t at = 0;
        uint64_t chase = 0;
        for (uint32_t i = 0; i < 2u * 1024 * 1024; i++) {
            at = next[at];
            chase += at;
        }

        uint64_t h = 0;
        for (uint32_t i = 0; i < HIST_WORDS; i += 97) h = h * 31 + hist[i];
        checksum = checksum * 1000003u + primes + matrix[12345] + matrix[DIM * DIM - 1] + h + chase;
    }
    uint64_t t1 = bench_now_ns();

    bench_report(checksum, t0, t1);
    free(sieve); free(matrix); free(transposed); free(hist); free(next);
    return 0;
}
