/* stdin/stdout/stderr: reads stdin to the end, writes an upper-cased copy to stdout, a note to stderr. */
#include "common.h"
#include <ctype.h>
#include <unistd.h>

int main(void) {
    char buf[256];
    long total = 0;
    int lines = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            buf[i] = (char) toupper((unsigned char) buf[i]);
            if (buf[i] == '\n') lines++;
        }
        fwrite(buf, 1, n, stdout);
        total += n;
    }
    printf("read %ld bytes, %d lines, last read returned %zd\n", total, lines, n);
    fprintf(stderr, "this line goes to stderr\n");
    RESULT("read after eof", read(0, buf, sizeof buf));
    RESULT("write(1)", write(1, "raw write to fd 1\n", 18));
    RESULT("read from stdout", read(1, buf, 1) < 0 ? -1 : 0);
    __wasi_fdstat_t st;
    WASI("fd_fdstat_get(1)", __wasi_fd_fdstat_get(1, &st));
    printf("stdout can write: %d\n", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
    fflush(stdout);
    return 0;
}
