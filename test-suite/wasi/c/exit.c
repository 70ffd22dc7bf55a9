/* proc_exit: output buffered in stdio must still appear, and the exit code is the argument. */
#include "common.h"
#include <stdlib.h>

int main(void) {
    printf("before exit (buffered)\n");
    fputs("no newline at the end", stdout);
    exit(7);
}
