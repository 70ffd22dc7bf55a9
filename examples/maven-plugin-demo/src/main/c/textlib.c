/*
 * textlib: a small C library compiled to WebAssembly (see build.sh) and used from Java through the
 * typed API that wasm2jar-maven-plugin generates (class com.example.demo.wasm.Textlib).
 *
 * No libc: strings cross the boundary as (pointer, length) pairs in linear memory, allocated with the
 * bump allocator below. The host provides one import, host_log, to receive messages.
 */

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))

/* Implemented in Java (TextTools.host_log): receives a UTF-8 message. */
IMPORT("host_log") void host_log(const char *message, int length);

EXPORT("add") int add(int a, int b) {
    return a + b;
}

/* Integer division; dividing by zero traps in WebAssembly, which Java sees as dev.wasm2jar.rt.Trap. */
EXPORT("divide") int divide(int a, int b) {
    return a / b;
}

EXPORT("fib") long long fib(int n) {
    long long a = 0, b = 1;
    for (int i = 0; i < n; i++) {
        long long next = a + b;
        a = b;
        b = next;
    }
    return a;
}

/* A bump allocator over a static arena: enough for a demo, and nothing to free. */
static unsigned char arena[64 * 1024];
static int arena_top;

EXPORT("alloc") void *alloc(int size) {
    int start = (arena_top + 7) & ~7;
    if (size < 0 || start + size > (int) sizeof arena) {
        return 0;
    }
    arena_top = start + size;
    return arena + start;
}

EXPORT("reset") void reset(void) {
    arena_top = 0;
}

EXPORT("count_vowels") int count_vowels(const char *text, int length) {
    int count = 0;
    for (int i = 0; i < length; i++) {
        switch (text[i] | 0x20) {
            case 'a': case 'e': case 'i': case 'o': case 'u': count++;
        }
    }
    return count;
}

/* Upper-cases ASCII letters in place. */
EXPORT("to_upper") void to_upper(char *text, int length) {
    for (int i = 0; i < length; i++) {
        if (text[i] >= 'a' && text[i] <= 'z') {
            text[i] -= 'a' - 'A';
        }
    }
}

static int append(char *out, int at, const char *s, int length) {
    for (int i = 0; i < length; i++) {
        out[at + i] = s[i];
    }
    return at + length;
}

/*
 * Builds "Hello, <name>!" as a NUL-terminated string in a fresh allocation, tells the host about it
 * through host_log, and returns it.
 */
EXPORT("greet") char *greet(const char *name, int length) {
    char *out = alloc(length + 9);
    if (!out) {
        return 0;
    }
    int n = append(out, 0, "Hello, ", 7);
    n = append(out, n, name, length);
    n = append(out, n, "!", 1);
    out[n] = 0;
    host_log(out, n);
    return out;
}
