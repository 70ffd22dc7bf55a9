/* Escape attempts against the preopen /sandbox (fd 3). The runner prepares, next to the sandbox,
 * outside/secret, and inside it the links link-out -> ../outside/secret, abs-out -> <abs path of secret>
 * and dir-out -> ../outside. Every attempt must fail; the runner checks that outside/ is unchanged.
 * Escapes through a symlink in a middle component are in sandbox_links.c. */
#include "common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const __wasi_rights_t RW = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;

static void attempt(const char *label, const char *path, __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, RW, 0, 0, &fd);
    printf("%s: %s\n", label, e == 0 ? "OPENED (escape!)" : "refused");
    if (e == 0) __wasi_fd_close(fd);
}

int main(void) {
    attempt("dotdot", "../outside/secret", 0);
    attempt("dotdot create", "../outside/created", __WASI_OFLAGS_CREAT);
    attempt("dotdot via subdir", "inner/../../outside/secret", __WASI_OFLAGS_TRUNC);
    attempt("absolute", "/etc/passwd", 0);
    attempt("relative symlink out", "link-out", __WASI_OFLAGS_TRUNC);
    attempt("absolute symlink out", "abs-out", __WASI_OFLAGS_TRUNC);
    printf("mkdir dotdot: %s\n", __wasi_path_create_directory(3, "../newdir") == 0 ? "CREATED (escape!)" : "refused");
    printf("rename out: %s\n", __wasi_path_rename(3, "inner/file", 3, "../outside/stolen") == 0 ? "MOVED (escape!)" : "refused");
    printf("link out: %s\n", __wasi_path_link(3, 0, "inner/file", 3, "../outside/l") == 0 ? "LINKED (escape!)" : "refused");
    __wasi_filestat_t st;
    printf("stat through link-out: %s\n",
           __wasi_path_filestat_get(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link-out", &st) == 0 ? "STATTED (escape!)" : "refused");
    printf("libc open of /etc/passwd: %s\n", open("/etc/passwd", O_RDONLY) >= 0 ? "OPENED (escape!)" : "refused");
    printf("libc open of /sandbox/../outside/secret: %s\n",
           open("/sandbox/../outside/secret", O_RDONLY) >= 0 ? "OPENED (escape!)" : "refused");
    /* the inside stays usable */
    int fd = open("/sandbox/inner/file", O_RDONLY);
    char buf[16] = {0};
    read(fd, buf, sizeof buf - 1);
    printf("inside file: [%s]\n", buf);
    return 0;
}
