/*
 * Interpreter-style dispatch: a register virtual machine whose main loop is one big switch over opcodes,
 * the shape of CPython's eval loop (in Wasm: a br_table in a loop). The program is built at run time so
 * the C compiler cannot specialise the interpreter for it.
 */
#include "bench.h"

enum { OP_HALT, OP_LOADI, OP_MOV, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_AND, OP_OR, OP_SHL, OP_SHR, OP_ADDI,
       OP_JNZ, OP_JLT, OP_LOAD, OP_STORE };

typedef struct {
    uint8_t op, a, b, c;
    int32_t imm;
} Insn;

#define MEM_WORDS 256

static uint32_t run(const Insn *code, uint32_t *reg, uint32_t *mem) {
    uint32_t pc = 0;
    uint32_t steps = 0;
    for (;;) {
        const Insn *i = &code[pc++];
        steps++;
        switch (i->op) {
            case OP_HALT: return steps;
            case OP_LOADI: reg[i->a] = (uint32_t)i->imm; break;
            case OP_MOV: reg[i->a] = reg[i->b]; break;
            case OP_ADD: reg[i->a] = reg[i->b] + reg[i->c]; break;
            case OP_SUB: reg[i->a] = reg[i->b] - reg[i->c]; break;
            case OP_MUL: reg[i->a] = reg[i->b] * reg[i->c]; break;
            case OP_XOR: reg[i->a] = reg[i->b] ^ reg[i->c]; break;
            case OP_AND: reg[i->a] = reg[i->b] & reg[i->c]; break;
            case OP_OR: reg[i->a] = reg[i->b] | reg[i->c]; break;
            case OP_SHL: reg[i->a] = reg[i->b] << (i->imm & 31); break;
            case OP_SHR: reg[i->a] = reg[i->b] >> (i->imm & 31); break;
            case OP_ADDI: reg[i->a] = reg[i->b] + (uint32_t)i->imm; break;
            case OP_JNZ: if (reg[i->a] != 0) pc = (uint32_t)i->imm; break;
            case OP_JLT: if (reg[i->a] < reg[i->b]) pc = (uint32_t)i->imm; break;
            case OP_LOAD: reg[i->a] = mem[reg[i->b] % MEM_WORDS]; break;
            case OP_STORE: mem[reg[i->b] % MEM_WORDS] = reg[i->a]; break;
            default: fprintf(stderr, "bad opcode %u\n", i->op); exit(1);
        }
    }
}

static Insn insn(uint8_t op, uint8_t a, uint8_t b, uint8_t c, int32_t imm) {
    Insn i = {op, a, b, c, imm};
    return i;
}

int main(int argc, char **argv) {
    uint32_t scale = bench_scale(argc, argv);
    uint32_t iterations = 6000000u * scale;
    /*
     * r0 = iterations left, r1 = accumulator, r2 = i, r3..r6 temporaries, r7 = 7, r8 = table index.
     * loop:  r3 = i*i; r4 = i>>3; r3 ^= r4; r1 += r3;
     *        r5 = mem[r1]; r5 = r5 + i; mem[r2] = r5;        (a small "heap")
     *        r6 = r1 << 5; r1 ^= r6; r6 = r1 >> 7; r1 ^= r6;  (mixing)
     *        if (r3 & 7) < r7 skip one add, else r1 += 1       (a data-dependent branch)
     *        i++; r0--; if r0 != 0 goto loop
     */
    Insn code[32];
    int n = 0;
    code[n++] = insn(OP_LOADI, 0, 0, 0, (int32_t)iterations);
    code[n++] = insn(OP_LOADI, 1, 0, 0, 0x12345);
    code[n++] = insn(OP_LOADI, 2, 0, 0, 1);
    code[n++] = insn(OP_LOADI, 7, 0, 0, 6);
    int loop = n;
    code[n++] = insn(OP_MUL, 3, 2, 2, 0);
    code[n++] = insn(OP_SHR, 4, 2, 0, 3);
    code[n++] = insn(OP_XOR, 3, 3, 4, 0);
    code[n++] = insn(OP_ADD, 1, 1, 3, 0);
    code[n++] = insn(OP_LOAD, 5, 1, 0, 0);
    code[n++] = insn(OP_ADD, 5, 5, 2, 0);
    code[n++] = insn(OP_STORE, 5, 2, 0, 0);
    code[n++] = insn(OP_SHL, 6, 1, 0, 5);
    code[n++] = insn(OP_XOR, 1, 1, 6, 0);
    code[n++] = insn(OP_SHR, 6, 1, 0, 7);
    code[n++] = insn(OP_XOR, 1, 1, 6, 0);
    code[n++] = insn(OP_LOADI, 8, 0, 0, 7);
    code[n++] = insn(OP_AND, 8, 3, 8, 0);
    int branch = n;
    code[n++] = insn(OP_JLT, 8, 7, 0, 0); /* target patched below */
    code[n++] = insn(OP_ADDI, 1, 1, 0, 1);
    code[branch].imm = n;
    code[n++] = insn(OP_ADDI, 2, 2, 0, 1);
    code[n++] = insn(OP_ADDI, 0, 0, 0, -1);
    code[n++] = insn(OP_JNZ, 0, 0, 0, loop);
    code[n++] = insn(OP_HALT, 0, 0, 0, 0);

    uint32_t reg[16] = {0};
    uint32_t *mem = calloc(MEM_WORDS, sizeof(uint32_t));
    uint64_t t0 = bench_now_ns();
    uint32_t steps = run(code, reg, mem);
    uint64_t t1 = bench_now_ns();

    uint64_t sum = 0;
    for (int i = 0; i < MEM_WORDS; i++) sum = sum * 31 + mem[i];
    bench_report(((uint64_t)reg[1] << 32) ^ ((uint64_t)steps << 8) ^ sum, t0, t1);
    free(mem);
    return 0;
}
