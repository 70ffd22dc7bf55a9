/* poll_oneoff: relative clocks, one and several at once.
 * stdin readiness is not tested here: Node's reference runtime answers any stdin subscription with
 * EPERM (files too), and it never returns from an ABSTIME realtime deadline in the past; all of these
 * are covered by the Java unit tests instead. The "long" clocks are 2 s, not hours: Node hangs
 * on very long clock subscriptions. */
#include "common.h"

static __wasi_timestamp_t mono(void) {
    __wasi_timestamp_t t;
    __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

static void clock_sub(__wasi_subscription_t *s, __wasi_userdata_t ud, __wasi_clockid_t id, __wasi_timestamp_t timeout,
                      __wasi_subclockflags_t flags) {
    memset(s, 0, sizeof *s);
    s->userdata = ud;
    s->u.tag = __WASI_EVENTTYPE_CLOCK;
    s->u.u.clock.id = id;
    s->u.u.clock.timeout = timeout;
    s->u.u.clock.flags = flags;
}

static void show(const char *label, __wasi_event_t *ev, __wasi_size_t n) {
    printf("%s: %u event(s)\n", label, (unsigned) n);
    for (__wasi_size_t i = 0; i < n; i++) {
        printf("  userdata %llu, error %u, type %u\n", (unsigned long long) ev[i].userdata, ev[i].error, ev[i].type);
    }
}

int main(void) {
    __wasi_subscription_t in[4];
    __wasi_event_t out[4];
    __wasi_size_t n;

    clock_sub(&in[0], 1, __WASI_CLOCKID_MONOTONIC, 30 * 1000000ULL, 0);
    __wasi_timestamp_t t0 = mono();
    WASI("relative 30ms", __wasi_poll_oneoff(in, out, 1, &n));
    CHECK("waited at least 30ms", mono() - t0 >= 30 * 1000000ULL);
    show("relative 30ms", out, n);

    clock_sub(&in[0], 2, __WASI_CLOCKID_MONOTONIC, 10 * 1000000ULL, 0);
    clock_sub(&in[1], 3, __WASI_CLOCKID_MONOTONIC, 2000ULL * 1000000ULL, 0);
    WASI("10ms and 2s", __wasi_poll_oneoff(in, out, 2, &n));
    show("10ms and 2s", out, n);

    WASI("no subscriptions", __wasi_poll_oneoff(in, out, 0, &n));
    return 0;
}
