/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays saved fuzz inputs through a target's entry point without libFuzzer:
 *   replay_<target> FILE_OR_DIR...
 * A directory's files are replayed in name order. Exit 0 when every input ran
 * to completion; a broken promise aborts, a sanitizer error aborts. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "readfile.h"

static int read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    enum readfile_status st;

    if (!f)
        return -1;
    st = readfile_all(f, (size_t)1 << 30, &buf, size);
    fclose(f);
    *data = (uint8_t *)buf;
    return st == READFILE_OK ? 0 : -1;
}

static int replay_file(const char *path)
{
    uint8_t *data, *copy;
    size_t size;

    if (read_file(path, &data, &size) != 0) {
        fprintf(stderr, "cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    /* An exact-size copy, so that a read past the end is caught as under libFuzzer. */
    copy = malloc(size ? size : 1);
    if (!copy) {
        free(data);
        return -1;
    }
    memcpy(copy, data, size);
    free(data);
    fprintf(stderr, "replaying %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(copy, size);
    free(copy);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int rc = 0;

    if (!d) {
        fprintf(stderr, "cannot open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **nn;

            cap = cap ? cap * 2 : 64;
            nn = realloc(names, cap * sizeof *names);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
        }
        names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!names[n]) {
            rc = -1;
            break;
        }
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (i = 0; i < n; i++) {
        if (rc == 0 && replay_file(names[i]) != 0)
            rc = -1;
        else if (rc == 0)
            (*count)++;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "cannot open %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            if (replay_dir(argv[i], &count) != 0)
                return 1;
        } else {
            if (replay_file(argv[i]) != 0)
                return 1;
            count++;
        }
    }
    printf("%zu inputs replayed, none failed\n", count);
    return 0;
}
