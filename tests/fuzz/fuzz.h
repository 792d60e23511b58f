#ifndef CDS_FUZZ_H
#define CDS_FUZZ_H

/* What every fuzz target shares: tests/fuzz/fuzz_<target>.c each define the
 * libFuzzer entry point, which the fuzz build links with libFuzzer and the
 * normal build with tests/fuzz/replay.c (regressions run without clang). */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise is a crash, so that libFuzzer keeps the input and the
 * replay test fails. */
#define FUZZ_ASSERT(cond)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* Split points and other choices derived from the input itself, so that a
 * saved crash input replays the same way. */
typedef struct fuzz_rng {
    uint64_t s;
} fuzz_rng_t;

static inline void fuzz_rng_seed(fuzz_rng_t *r, const uint8_t *data, size_t size)
{
    uint64_t h = 0xcbf29ce484222325u;
    size_t i;

    for (i = 0; i < size; i++)
        h = (h ^ data[i]) * 0x100000001b3u;
    r->s = h ? h : 1;
}

static inline uint64_t fuzz_rng_next(fuzz_rng_t *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

/* 1 when the NUL-terminated text fits in n bytes: a fixed field the code
 * under test filled must always be terminated. */
static inline int fuzz_terminated(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] == '\0')
            return 1;
    return 0;
}

#endif
