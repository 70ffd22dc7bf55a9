/* clock_res_get, clock_time_get (all four clocks) and a relative sleep through poll_oneoff. */
#include "common.h"
#include <time.h>

static __wasi_timestamp_t now(__wasi_clockid_t id) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(id, 1, &t) != 0) return 0;
    return t;
}

int main(void) {
    __wasi_timestamp_t res;
    for (__wasi_clockid_t id = 0; id < 4; id++) {
        __wasi_errno_t e = __wasi_clock_res_get(id, &res);
        printf("clock_res_get(%u): errno %d, positive %s\n", (unsigned) id, e, res > 0 ? "yes" : "no");
    }
    WASI("clock_res_get(99)", __wasi_clock_res_get(99, &res));
    __wasi_timestamp_t t;
    WASI("clock_time_get(99)", __wasi_clock_time_get(99, 1, &t));

    /* realtime: after 2020-01-01 and before 2200-01-01 */
    __wasi_timestamp_t real = now(__WASI_CLOCKID_REALTIME);
    CHECK("realtime plausible", real > 1577836800ULL * 1000000000ULL && real < 7258118400ULL * 1000000000ULL);
    struct timespec ts;
    CHECK("clock_gettime(CLOCK_REALTIME)", clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1577836800);
    CHECK("time()", time(NULL) > 1577836800);

    __wasi_timestamp_t m1 = now(__WASI_CLOCKID_MONOTONIC);
    __wasi_timestamp_t m2 = now(__WASI_CLOCKID_MONOTONIC);
    CHECK("monotonic non-decreasing", m1 > 0 && m2 >= m1);

    __wasi_timestamp_t c1 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    __wasi_timestamp_t th1 = now(__WASI_CLOCKID_THREAD_CPUTIME_ID);
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < 30000000UL; i++) x += i ^ (x >> 3);
    __wasi_timestamp_t c2 = now(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
    __wasi_timestamp_t th2 = now(__WASI_CLOCKID_THREAD_CPUTIME_ID);
    CHECK("process cputime advances", c2 > c1);
    CHECK("thread cputime advances", th2 > th1);

    /* nanosleep is a relative clock subscription in poll_oneoff */
    __wasi_timestamp_t before = now(__WASI_CLOCKID_MONOTONIC);
    struct timespec req = {0, 20 * 1000 * 1000};
    CHECK("nanosleep returns 0", nanosleep(&req, NULL) == 0);
    __wasi_timestamp_t after = now(__WASI_CLOCKID_MONOTONIC);
    CHECK("slept at least 20ms", after - before >= 20ULL * 1000 * 1000);
    return 0;
}
