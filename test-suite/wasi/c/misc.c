/* sched_yield, proc_raise and the socket calls (no sockets are ever passed to these programs). */
#include "common.h"
#include <sched.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t raw_proc_raise(int32_t sig);

int main(void) {
    RESULT("sched_yield", sched_yield());
    WASI("__wasi_sched_yield", __wasi_sched_yield());
    printf("proc_raise(99): %s\n", raw_proc_raise(99) != 0 ? "fails" : "succeeds");
    /* fd 9 is unused. (Node's reference runtime crashes when given a real non-socket fd here.) */
    __wasi_fd_t fd;
    WASI("sock_accept(9)", __wasi_sock_accept(9, 0, &fd));
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf};
    __wasi_size_t n;
    __wasi_roflags_t ro;
    WASI("sock_recv(9)", __wasi_sock_recv(9, &iov, 1, 0, &n, &ro));
    __wasi_ciovec_t ciov = {(const uint8_t *) "x", 1};
    WASI("sock_send(9)", __wasi_sock_send(9, &ciov, 1, 0, &n));
    WASI("sock_shutdown(9)", __wasi_sock_shutdown(9, __WASI_SDFLAGS_WR));
    return 0;
}
