/* Path operations: mkdir, rmdir, unlink, rename, link, symlink, readlink, stat/lstat, utimensat and
 * fd_readdir through opendir/readdir. Works in /sandbox/dirs. */
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

/* Lists a directory without "." and ".." (runtimes differ on those), sorted by name. */
static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("  opendir %s: errno %d\n", path, errno); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *s = malloc(strlen(e->d_name) + 8);
        const char *t = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : e->d_type == DT_LNK ? "link" : "other";
        sprintf(s, "%s(%s)", e->d_name, t);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("  %s:", path);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void touch(const char *path, const char *content) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, content, strlen(content));
    close(fd);
}

int main(void) {
    RESULT("mkdir dirs", mkdir("/sandbox/dirs", 0755));
    RESULT("mkdir again", mkdir("/sandbox/dirs", 0755));
    RESULT("mkdir missing parent", mkdir("/sandbox/dirs/no/such", 0755));
    RESULT("mkdir sub", mkdir("/sandbox/dirs/sub", 0755));
    touch("/sandbox/dirs/a.txt", "alpha");
    touch("/sandbox/dirs/sub/b.txt", "beta");
    list("/sandbox/dirs");

    /* many entries force several fd_readdir calls with cookies */
    mkdir("/sandbox/dirs/many", 0755);
    char name[64];
    for (int i = 0; i < 40; i++) {
        sprintf(name, "/sandbox/dirs/many/entry-with-a-long-name-%02d", i);
        touch(name, "");
    }
    DIR *d = opendir("/sandbox/dirs/many");
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) if (e->d_name[0] != '.') count++;
    printf("  many: %d entries\n", count);
    rewinddir(d);
    count = 0;
    while ((e = readdir(d))) if (e->d_name[0] != '.') count++;
    printf("  many after rewinddir: %d entries\n", count);
    closedir(d);

    struct stat st;
    RESULT("stat file", stat("/sandbox/dirs/a.txt", &st));
    printf("  size %lld, regular %d\n", (long long) st.st_size, S_ISREG(st.st_mode));
    RESULT("stat dir", stat("/sandbox/dirs/sub", &st));
    printf("  directory %d\n", S_ISDIR(st.st_mode));
    RESULT("stat missing", stat("/sandbox/dirs/nope", &st));
    RESULT("stat through file", stat("/sandbox/dirs/a.txt/x", &st));

    RESULT("symlink", symlink("a.txt", "/sandbox/dirs/link"));
    RESULT("symlink existing", symlink("a.txt", "/sandbox/dirs/link"));
    char buf[64] = {0};
    RESULT("readlink", readlink("/sandbox/dirs/link", buf, sizeof buf));
    printf("  readlink: [%s]\n", buf);
    RESULT("readlink on file", readlink("/sandbox/dirs/a.txt", buf, sizeof buf));
    RESULT("lstat link", lstat("/sandbox/dirs/link", &st));
    printf("  is link %d, size %lld\n", S_ISLNK(st.st_mode), (long long) st.st_size);
    RESULT("stat via link", stat("/sandbox/dirs/link", &st));
    printf("  regular %d, size %lld\n", S_ISREG(st.st_mode), (long long) st.st_size);
    RESULT("symlink to directory", symlink("sub", "/sandbox/dirs/sublink"));
    RESULT("stat through dir link", stat("/sandbox/dirs/sublink/b.txt", &st));

    RESULT("link", link("/sandbox/dirs/a.txt", "/sandbox/dirs/hard"));
    RESULT("stat nlink", stat("/sandbox/dirs/a.txt", &st));
    printf("  nlink %llu\n", (unsigned long long) st.st_nlink);
    RESULT("link existing", link("/sandbox/dirs/a.txt", "/sandbox/dirs/hard"));
    RESULT("link missing", link("/sandbox/dirs/zzz", "/sandbox/dirs/hard2"));

    RESULT("rename file", rename("/sandbox/dirs/hard", "/sandbox/dirs/sub/moved"));
    RESULT("rename over file", rename("/sandbox/dirs/sub/moved", "/sandbox/dirs/sub/b.txt"));
    RESULT("rename missing", rename("/sandbox/dirs/nothing", "/sandbox/dirs/x"));
    RESULT("rename dir over file", rename("/sandbox/dirs/many", "/sandbox/dirs/a.txt"));
    RESULT("rename file over dir", rename("/sandbox/dirs/a.txt", "/sandbox/dirs/many"));
    RESULT("rename dir into itself", rename("/sandbox/dirs/sub", "/sandbox/dirs/sub/inner"));
    RESULT("rename dir", rename("/sandbox/dirs/sub", "/sandbox/dirs/sub2"));
    list("/sandbox/dirs");
    list("/sandbox/dirs/sub2");

    struct timespec times[2] = {{1111111111, 0}, {1222222222, 0}};
    RESULT("utimensat", utimensat(AT_FDCWD, "/sandbox/dirs/a.txt", times, 0));
    CHECK("times set", stat("/sandbox/dirs/a.txt", &st) == 0 && st.st_mtim.tv_sec == 1222222222 && st.st_atim.tv_sec == 1111111111);

    RESULT("rmdir non-empty", rmdir("/sandbox/dirs/sub2"));
    RESULT("rmdir file", rmdir("/sandbox/dirs/a.txt"));
    RESULT("unlink dir", unlink("/sandbox/dirs/sub2"));
    RESULT("unlink missing", unlink("/sandbox/dirs/nothing"));
    RESULT("unlink link", unlink("/sandbox/dirs/link"));
    RESULT("target still there", stat("/sandbox/dirs/a.txt", &st));
    RESULT("unlink sublink", unlink("/sandbox/dirs/sublink"));
    RESULT("unlink b.txt", unlink("/sandbox/dirs/sub2/b.txt"));
    RESULT("rmdir sub2", rmdir("/sandbox/dirs/sub2"));
    for (int i = 0; i < 40; i++) {
        sprintf(name, "/sandbox/dirs/many/entry-with-a-long-name-%02d", i);
        unlink(name);
    }
    RESULT("rmdir many", rmdir("/sandbox/dirs/many"));
    RESULT("unlink a.txt", unlink("/sandbox/dirs/a.txt"));
    list("/sandbox/dirs");
    RESULT("rmdir dirs", rmdir("/sandbox/dirs"));
    return 0;
}
