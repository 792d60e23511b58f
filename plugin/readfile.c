#include "readfile.h"

#include <stdlib.h>

#include "vec.h"

enum readfile_status readfile_all(FILE *f, size_t max, char **data, size_t *len)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;

    *data = NULL;
    *len = 0;
    for (;;) {
        size_t got;

        /* One byte always stays free for the terminating NUL. */
        if (n + 1 >= cap) {
            char *nb;

            if (cap > max) {
                free(buf);
                return READFILE_TOO_BIG;
            }
            nb = vec_grow(buf, &cap, cap ? cap * 2 : 4096, 1);
            if (!nb) {
                free(buf);
                return READFILE_NO_MEMORY;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (n > max) {
            free(buf);
            return READFILE_TOO_BIG;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return READFILE_IO;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return READFILE_OK;
}
