/*
 * Dispatch through function pointers (C "virtual calls"; in Wasm: call_indirect through the table).
 * Each step picks one of eight small functions from a table by a data-dependent index, so the call site
 * sees several targets, as CPython's type slots and method tables do.
 */
#include "bench.h"

typedef uint32_t (*Op)(uint32_t x, uint32_t k);

static uint32_t op_add(uint32_t x, uint32_t k) { return x + k; }
static uint32_t op_xor(uint32_t x, uint32_t k) { return x ^ (k * 0x9e3779b9u); }
static uint32_t op_rot(uint32_t x, uint32_t k) { uint32_t s = k & 31; return (x << s) | (x >> ((32 - s) & 31)); }
static uint32_t op_mul(uint32_t x, uint32_t k) { return x * (k | 1); }
static uint32_t op_sub(uint32_t x, uint32_t k) { return k - x; }
static uint32_t op_mix(uint32_t x, uint32_t k) { x ^= x >> 16; x *= 0x85ebca6bu; return x ^ k; }
static uint32_t op_not(uint32_t x, uint32_t k) { return ~x + (k & 0xff); }
static uint32_t op_shr(uint32_t x, uint32_t k) { return (x >> 3) + k * 5; }

/* An object with its own method table, as a C program models classes. */
typedef struct {
    const Op *methods;
    uint32_t state;
} Object;

int main(int argc, char **argv) {
    uint32_t scale = bench_scale(argc, argv);
    uint32_t steps = 40000000u * scale;

    /* Tables filled at run time, in an order that depends on the argument count, so the compiler cannot
       resolve the calls statically. */
    Op all[8] = {op_add, op_xor, op_rot, op_mul, op_sub, op_mix, op_not, op_shr};
    Op table_a[8], table_b[8];
    for (int i = 0; i < 8; i++) {
        table_a[i] = all[(i + (uint32_t)argc) & 7];
        table_b[i] = all[(7 * i + 3 + (uint32_t)argc) & 7];
    }
    Object objects[4] = {{table_a, 1}, {table_b, 2}, {table_a, 3}, {table_b, 4}};

    uint64_t t0 = bench_now_ns();
    uint32_t x = 0x2545f491u;
    for (uint32_t i = 0; i < steps; i++) {
        Object *o = &objects[i & 3];
        o->state = o->methods[(x ^ o->state) & 7](o->state + x, i);
        x = x * 1664525u + 1013904223u + (o->state >> 11);
    }
    uint64_t t1 = bench_now_ns();

    uint64_t sum = x;
    for (int i = 0; i < 4; i++) sum = sum * 1000003u + objects[i].state;
    bench_report(sum, t0, t1);
    return 0;
}
