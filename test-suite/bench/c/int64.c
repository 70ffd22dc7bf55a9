/*
 * 64-bit integer arithmetic: deterministic Miller-Rabin primality tests of 32-bit numbers (64-bit
 * multiplies and remainders by a variable), plus a splitmix64 hash stream (64-bit multiply, shifts, xor,
 * popcount, count-leading-zeros).
 */
#include "bench.h"

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (a * b) % m; }

static uint64_t powmod(uint64_t base, uint64_t exp, uint64_t m) {
    uint64_t result = 1;
    base %= m;
    while (exp) {
        if (exp & 1) result = mulmod(result, base, m);
        base = mulmod(base, base, m);
        exp >>= 1;
    }
    return result;
}

/* Exact for n < 4,759,123,141 with bases 2, 7, 61. */
static int is_prime(uint32_t n) {
    if (n < 2) return 0;
    if (n % 2 == 0) return n == 2;
    uint64_t d = n - 1;
    int r = 0;
    while ((d & 1) == 0) { d >>= 1; r++; }
    static const uint32_t bases[3] = {2, 7, 61};
    for (int i = 0; i < 3; i++) {
        uint64_t a = bases[i] % n;
        if (a == 0) continue;
        uint64_t x = powmod(a, d, n);
        if (x == 1 || x == n - 1) continue;
        int composite = 1;
        for (int j = 1; j < r; j++) {
            x = mulmod(x, x, n);
            if (x == n - 1) { composite = 0; break; }
        }
        if (composite) return 0;
    }
    return 1;
}

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int main(int argc, char **argv) {
    uint32_t scale = bench_scale(argc, argv);
    uint32_t count = 600000u * scale;
    uint32_t hashes = 30000000u * scale;

    uint64_t t0 = bench_now_ns();
    uint32_t first = 3000000000u;
    uint64_t primes = 0, prime_sum = 0;
    for (uint32_t k = 0; k < count; k++) {
        uint32_t n = first + 2 * k + 1;
        if (is_prime(n)) { primes++; prime_sum += n; }
    }
    uint64_t state = 42, acc = 0;
    for (uint32_t i = 0; i < hashes; i++) {
        uint64_t z = splitmix64(&state);
        acc += (uint64_t)__builtin_popcountll(z) + (uint64_t)__builtin_clzll(z | 1) + (z % 1000003u);
        acc ^= acc << 13;
    }
    uint64_t t1 = bench_now_ns();

    bench_report((primes << 48) ^ prime_sum ^ acc, t0, t1);
    return 0;
}
