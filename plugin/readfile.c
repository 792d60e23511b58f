/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "readfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "os.h"
#include "vec.h"

/* Big enough to keep read() calls rare, small enough to stay cache- and
 * RSS-friendly: a leases file is never held whole. */
#define CHUNK_SIZE ((size_t)1 << 20)

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

FILE *readfile_open(const char *path, char *err, size_t errlen)
{
    struct stat st;
    FILE *f;

    os_stage("reading %s", path);
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is a directory", path);
        return NULL;
    }
    f = fopen(path, "rb");
    if (!f)
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
    return f;
}

int readfile_whole(const char *path, size_t max, const char *what, char **data, size_t *len, char *err,
                   size_t errlen)
{
    FILE *f = readfile_open(path, err, errlen);
    enum readfile_status st;

    *data = NULL;
    *len = 0;
    if (!f)
        return -1;
    st = readfile_all(f, max, data, len);
    if (st == READFILE_IO)
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    fclose(f);
    if (st == READFILE_TOO_BIG)
        snprintf(err, errlen, "%s is larger than %lu MiB, too large for %s", path, (unsigned long)(max >> 20), what);
    else if (st == READFILE_NO_MEMORY)
        snprintf(err, errlen, "out of memory reading %s", path);
    return st == READFILE_OK ? 0 : -1;
}

int readfile_stream(const char *path, const readfile_sink_t *sink, char *err, size_t errlen)
{
    FILE *f = readfile_open(path, err, errlen);
    char *buf;
    int rc = 0;

    if (!f)
        return -1;
    buf = malloc(CHUNK_SIZE);
    if (!buf) {
        fclose(f);
        snprintf(err, errlen, "out of memory reading %s", path);
        return -1;
    }
    for (;;) {
        size_t got = fread(buf, 1, CHUNK_SIZE, f);

        if (got > 0 && sink->feed(sink->parser, buf, got) < 0) {
            snprintf(err, errlen, "%s", sink->error(sink->parser));
            rc = -1;
            break;
        }
        if (got < CHUNK_SIZE) {
            if (ferror(f)) {
                snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
                rc = -1;
            } else if (sink->finish(sink->parser) < 0) {
                snprintf(err, errlen, "%s", sink->error(sink->parser));
                rc = -1;
            }
            break;
        }
    }
    free(buf);
    fclose(f);
    return rc;
}

char *readfile_relative(const char *from, const char *name)
{
    size_t dirlen = 0, nlen = strlen(name);
    char *path;

    if (from && !os_path_is_absolute(name)) {
        for (size_t i = strlen(from); i > 0; i--) {
            if (os_path_is_separator(from[i - 1])) {
                dirlen = i;
                break;
            }
        }
    }
    path = malloc(dirlen + nlen + 1);
    if (!path)
        return NULL;
    if (dirlen)
        memcpy(path, from, dirlen);
    memcpy(path + dirlen, name, nlen + 1);
    return path;
}
