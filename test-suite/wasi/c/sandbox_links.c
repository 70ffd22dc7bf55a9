/* Escapes through a symlink in a middle path component (dir-out -> ../outside, prepared by the runner).
 * A conforming runtime refuses every one of them. Node's uvwasi does not (it follows such links on the
 * host), so the expected output of this program is the spec's requirement, not Node's output; see
 * README.md. */
#include "common.h"

static int escapes = 0;

static void report(const char *label, __wasi_errno_t e) {
    printf("%s: %s\n", label, e == 0 ? "ESCAPED" : "refused");
    escapes += e == 0;
}

int main(void) {
    __wasi_fd_t fd;
    const __wasi_rights_t rw = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;
    report("open through middle symlink", __wasi_path_open(3, 0, "dir-out/secret", 0, rw, 0, 0, &fd));
    report("create through middle symlink", __wasi_path_open(3, 0, "dir-out/created", __WASI_OFLAGS_CREAT, rw, 0, 0, &fd));
    report("mkdir through middle symlink", __wasi_path_create_directory(3, "dir-out/newdir"));
    report("unlink through middle symlink", __wasi_path_unlink_file(3, "dir-out/secret"));
    report("rename in through middle symlink", __wasi_path_rename(3, "dir-out/secret", 3, "grabbed"));
    report("link in through middle symlink", __wasi_path_link(3, 0, "dir-out/secret", 3, "grabbed"));
    report("symlink through middle symlink", __wasi_path_symlink("x", 3, "dir-out/planted"));
    __wasi_filestat_t st;
    report("stat through middle symlink", __wasi_path_filestat_get(3, 0, "dir-out/secret", &st));
    printf("escapes: %d\n", escapes);
    return 0;
}
