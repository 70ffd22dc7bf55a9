/* random_get: fills exactly the requested bytes; successive calls differ. */
#include "common.h"
#include <stdlib.h>

int main(void) {
    unsigned char a[64], b[64], guard[80];
    memset(guard, 0xAB, sizeof guard);
    WASI("random_get", __wasi_random_get(guard + 8, 64));
    int untouched = 1;
    for (int i = 0; i < 8; i++) untouched &= guard[i] == 0xAB && guard[72 + i] == 0xAB;
    CHECK("bytes outside the buffer untouched", untouched);
    WASI("random_get a", __wasi_random_get(a, sizeof a));
    WASI("random_get b", __wasi_random_get(b, sizeof b));
    CHECK("two draws differ", memcmp(a, b, sizeof a) != 0);
    int zeros = 0;
    for (int i = 0; i < 64; i++) zeros += a[i] == 0;
    CHECK("not all zero", zeros < 64);
    WASI("random_get of 0 bytes", __wasi_random_get(a, 0));
    CHECK("arc4random differs", arc4random() != arc4random() || arc4random() != arc4random());
    return 0;
}
