/* Shared helpers for the WASI test programs. Every program prints only facts that are the same on any
 * conforming runtime: values it chose itself, errno numbers the spec and POSIX fix, and properties
 * ("ok"/"FAIL") of times and random data, never the data itself. */
#ifndef WASI_TEST_COMMON_H
#define WASI_TEST_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

/* Prints "label: ok" or "label: FAIL (detail)". */
#define CHECK(label, cond)                                                              \
    do {                                                                                \
        if (cond) printf("%s: ok\n", label);                                            \
        else printf("%s: FAIL (line %d, errno %d)\n", label, __LINE__, errno);          \
    } while (0)

/* Prints the result of a libc call that returns -1 and sets errno on failure. */
#define RESULT(label, expr)                                                             \
    do {                                                                                \
        errno = 0;                                                                      \
        long r_ = (long) (expr);                                                        \
        if (r_ < 0) printf("%s: errno %d\n", label, errno);                             \
        else printf("%s: %ld\n", label, r_);                                            \
    } while (0)

/* Prints the errno returned by a raw __wasi_* call. */
#define WASI(label, expr) printf("%s: wasi errno %d\n", label, (int) (expr))

#endif
