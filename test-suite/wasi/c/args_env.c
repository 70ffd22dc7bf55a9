/* args_get, args_sizes_get, environ_get, environ_sizes_get: via main's argv, environ and the raw calls. */
#include "common.h"
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]: [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    }
    int n = 0;
    for (char **e = environ; *e; e++) {
        printf("environ[%d]: [%s]\n", n++, *e);
    }
    printf("getenv(WASI_TEST): [%s]\n", getenv("WASI_TEST") ? getenv("WASI_TEST") : "(null)");
    printf("getenv(EMPTY): [%s]\n", getenv("EMPTY") ? getenv("EMPTY") : "(null)");
    printf("getenv(MISSING): [%s]\n", getenv("MISSING") ? getenv("MISSING") : "(null)");

    __wasi_size_t count, size;
    WASI("args_sizes_get", __wasi_args_sizes_get(&count, &size));
    printf("args count %u, buffer %u\n", (unsigned) count, (unsigned) size);
    char *ptrs[16];
    char buf[512];
    if (count <= 16 && size <= sizeof buf) {
        WASI("args_get", __wasi_args_get((uint8_t **) ptrs, (uint8_t *) buf));
        printf("args_get last: [%s], strings contiguous: %s\n", ptrs[count - 1],
               ptrs[0] == buf && ptrs[count - 1] + strlen(ptrs[count - 1]) + 1 == buf + size ? "yes" : "no");
    }
    WASI("environ_sizes_get", __wasi_environ_sizes_get(&count, &size));
    printf("environ count %u, buffer %u\n", (unsigned) count, (unsigned) size);
    if (count <= 16 && size <= sizeof buf) {
        WASI("environ_get", __wasi_environ_get((uint8_t **) ptrs, (uint8_t *) buf));
        for (unsigned i = 0; i < count; i++) printf("environ_get[%u]: [%s]\n", i, ptrs[i]);
    }
    return 0;
}
