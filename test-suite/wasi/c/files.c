/* Regular-file descriptors: path_open flags, fd_read/write/pread/pwrite/seek/tell, fd_filestat_*,
 * fd_fdstat_*, fd_allocate, fd_advise, fd_sync, fd_datasync, append mode. Works in /sandbox/files. */
#include "common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static void show_file(const char *path) {
    char buf[128];
    int fd = open(path, O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) n = 0;
    for (ssize_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = '.';
    buf[n] = 0;
    printf("  content of %s: [%s] (%zd bytes)\n", path, buf, n);
}

int main(void) {
    mkdir("/sandbox/files", 0755);
    const char *f = "/sandbox/files/data.txt";

    int fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK("open O_CREAT", fd >= 0);
    struct iovec iov[3] = {{"hello ", 6}, {"", 0}, {"world\n", 6}};
    RESULT("writev", writev(fd, iov, 3));
    RESULT("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR));
    RESULT("read on write-only fd", read(fd, (char[4]){0}, 4));
    close(fd);
    show_file(f);

    RESULT("open O_CREAT|O_EXCL existing", open(f, O_WRONLY | O_CREAT | O_EXCL, 0644));
    RESULT("open missing", open("/sandbox/files/missing", O_RDONLY));
    RESULT("open O_DIRECTORY on file", open(f, O_RDONLY | O_DIRECTORY));
    RESULT("open dir for writing", open("/sandbox/files", O_WRONLY));

    fd = open(f, O_RDWR);
    char buf[32] = {0};
    char a[4] = {0}, b[5] = {0};
    struct iovec riov[2] = {{a, 3}, {b, 4}};
    RESULT("readv", readv(fd, riov, 2));
    printf("  readv parts: [%s] [%s]\n", a, b);
    RESULT("lseek SEEK_SET 6", lseek(fd, 6, SEEK_SET));
    RESULT("read", read(fd, buf, 5));
    printf("  read: [%s]\n", buf);
    RESULT("lseek SEEK_END -1", lseek(fd, -1, SEEK_END));
    RESULT("lseek before start", lseek(fd, -100, SEEK_SET));
    RESULT("lseek bad whence", lseek(fd, 0, 42));
    RESULT("pread at 0", pread(fd, buf, 5, 0));
    printf("  pread: [%.5s]\n", buf);
    RESULT("pwrite at 20", pwrite(fd, "XY", 2, 20));
    RESULT("offset after pread/pwrite", lseek(fd, 0, SEEK_CUR));
    RESULT("read at end", read(fd, buf, sizeof buf));
    RESULT("read past data", read(fd, buf, sizeof buf));
    __wasi_filesize_t off;
    WASI("fd_tell", __wasi_fd_tell(fd, &off));
    printf("  fd_tell: %llu\n", (unsigned long long) off);
    show_file(f);

    struct stat st;
    CHECK("fstat", fstat(fd, &st) == 0);
    printf("  fstat size %lld, regular %d, nlink %llu\n", (long long) st.st_size, S_ISREG(st.st_mode),
           (unsigned long long) st.st_nlink);
    RESULT("ftruncate 5", ftruncate(fd, 5));
    RESULT("offset kept after ftruncate", lseek(fd, 0, SEEK_CUR));
    RESULT("ftruncate 8 (extend)", ftruncate(fd, 8));
    show_file(f);
    WASI("fd_allocate 0+16", __wasi_fd_allocate(fd, 0, 16));
    CHECK("fstat after allocate", fstat(fd, &st) == 0 && st.st_size == 16);
    WASI("fd_allocate within size", __wasi_fd_allocate(fd, 0, 4));
    CHECK("allocate never shrinks", fstat(fd, &st) == 0 && st.st_size == 16);
    WASI("fd_advise sequential", __wasi_fd_advise(fd, 0, 16, __WASI_ADVICE_SEQUENTIAL));
    WASI("fd_advise bad advice", __wasi_fd_advise(fd, 0, 16, 77));
    RESULT("fsync", fsync(fd));
    RESULT("fdatasync", fdatasync(fd));

    struct timespec times[2] = {{1000000000, 0}, {1234567890, 0}};
    RESULT("futimens", futimens(fd, times));
    CHECK("fstat times", fstat(fd, &st) == 0 && st.st_mtim.tv_sec == 1234567890 && st.st_atim.tv_sec == 1000000000);
    WASI("fd_filestat_set_times conflicting", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));

    __wasi_fdstat_t fds;
    WASI("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &fds));
    printf("  filetype %u, can read %d, can write %d, can seek %d\n", fds.fs_filetype,
           !!(fds.fs_rights_base & __WASI_RIGHTS_FD_READ), !!(fds.fs_rights_base & __WASI_RIGHTS_FD_WRITE),
           !!(fds.fs_rights_base & __WASI_RIGHTS_FD_SEEK));
    close(fd);

    /* append mode, set at open and toggled with fcntl */
    fd = open(f, O_WRONLY | O_TRUNC);
    write(fd, "base", 4);
    close(fd);
    fd = open(f, O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET);
    RESULT("write in append mode", write(fd, "+app", 4));
    RESULT("fcntl F_GETFL has O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    RESULT("fcntl clear O_APPEND", fcntl(fd, F_SETFL, 0));
    lseek(fd, 0, SEEK_SET);
    write(fd, "B", 1);
    RESULT("fcntl set O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
    write(fd, "!", 1);
    close(fd);
    show_file(f);

    fd = open(f, O_RDONLY);
    RESULT("write on read-only fd", write(fd, "x", 1));
    close(fd);
    RESULT("open O_TRUNC", fd = open(f, O_RDWR | O_TRUNC));
    CHECK("truncated", fstat(fd, &st) == 0 && st.st_size == 0);
    close(fd);
    RESULT("read on closed fd", read(fd, buf, 1));
    return 0;
}
