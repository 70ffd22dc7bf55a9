/* The descriptor table: preopens (fd_prestat_get / fd_prestat_dir_name), lowest-free reuse, fd_close,
 * fd_renumber, fd_fdstat_set_rights, fd_fdstat_set_flags, and EBADF for unused numbers. */
#include "common.h"
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    __wasi_prestat_t ps;
    int fd;
    for (fd = 3; __wasi_fd_prestat_get(fd, &ps) == 0; fd++) {
        char name[64] = {0};
        __wasi_errno_t e = __wasi_fd_prestat_dir_name(fd, (uint8_t *) name, ps.u.dir.pr_name_len);
        printf("preopen fd %d: tag %u, name [%s] (errno %d)\n", fd, ps.tag, name, e);
    }
    printf("first non-preopen fd: %d\n", fd);
    printf("fd_prestat_get(stdout): %s\n", __wasi_fd_prestat_get(1, &ps) != 0 ? "fails" : "succeeds");
    WASI("fd_prestat_get(100)", __wasi_fd_prestat_get(100, &ps));
    char tiny[2];
    WASI("fd_prestat_dir_name too short", __wasi_fd_prestat_dir_name(3, (uint8_t *) tiny, 2) == 0 ? 0 : 1);

    int a = open("/sandbox/fd-a", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int b = open("/sandbox/fd-b", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int c = open("/sandbox/fd-c", O_RDWR | O_CREAT | O_TRUNC, 0644);
    printf("opened: b-a=%d c-b=%d\n", b - a, c - b);
    RESULT("close b", close(b));
    RESULT("close b again", close(b));
    int d = open("/sandbox/fd-d", O_RDWR | O_CREAT | O_TRUNC, 0644);
    printf("reused lowest free number: %s\n", d == b ? "yes" : "no");

    write(a, "from a", 6);
    WASI("fd_renumber a -> c", __wasi_fd_renumber(a, c));
    WASI("fd_renumber of closed a", __wasi_fd_renumber(a, c));
    WASI("fd_renumber to unused", __wasi_fd_renumber(c, 200));
    lseek(c, 0, SEEK_SET);
    char buf[16] = {0};
    read(c, buf, sizeof buf - 1);
    printf("read through renumbered fd: [%s]\n", buf);
    RESULT("write to old number", write(a, "x", 1));

    __wasi_fdstat_t st;
    WASI("fd_fdstat_get", __wasi_fd_fdstat_get(d, &st));
    WASI("drop write right", __wasi_fd_fdstat_set_rights(d, st.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE, st.fs_rights_inheriting));
    RESULT("write without the right", write(d, "x", 1) < 0 ? -1 : 0);
    WASI("regain write right", __wasi_fd_fdstat_set_rights(d, st.fs_rights_base, st.fs_rights_inheriting) == 0 ? 0 : 1);
    WASI("fd_fdstat_set_flags append", __wasi_fd_fdstat_set_flags(c, __WASI_FDFLAGS_APPEND));

    WASI("fd_fdstat_get(99)", __wasi_fd_fdstat_get(99, &st));
    WASI("fd_close(99)", __wasi_fd_close(99));
    WASI("fd_sync(99)", __wasi_fd_sync(99));
    close(c);
    close(d);
    unlink("/sandbox/fd-a");
    unlink("/sandbox/fd-b");
    unlink("/sandbox/fd-c");
    unlink("/sandbox/fd-d");
    return 0;
}
