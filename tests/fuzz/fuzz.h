/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* The size of the next piece to feed a push parser: size for the whole input
 * (no rng, fixed 0), fixed, or random from rng (1 byte up to 4 KiB). */
static inline size_t fuzz_piece(fuzz_rng_t *rng, size_t fixed, size_t size)
{
    if (fixed)
        return fixed;
    if (rng)
        return 1 + (size_t)(fuzz_rng_next(rng) % ((uint64_t)1 << (1 + fuzz_rng_next(rng) % 12)));
    return size;
}

/* Feeds data to a push parser in pieces (fuzz_piece), then finishes it;
 * feed and finish return a negative number once the input is malformed.
 * 1 when the parser failed, else 0. */
static inline int fuzz_feed(void *parser, int (*feed)(void *, const char *, size_t), int (*finish)(void *),
                            const uint8_t *data, size_t size, fuzz_rng_t *rng, size_t fixed)
{
    size_t off = 0;

    while (off < size) {
        size_t n = fuzz_piece(rng, fixed, size);

        if (n > size - off)
            n = size - off;
        if (feed(parser, (const char *)data + off, n) < 0)
            return 1;
        off += n;
    }
    return finish(parser) < 0;
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
