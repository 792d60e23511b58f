/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_TEST_FEED_H
#define CDS_TEST_FEED_H

/* Feeding a push parser (the leases parsers) from a string in pieces. */

#include <stdlib.h>
#include <string.h>

/* Feeds text in chunks of at most chunk bytes (0: whole), then finishes;
 * -1 as soon as feed fails, else what finish returns. Each chunk is a
 * private copy, overwritten after the call, so a parser that kept a pointer
 * into it would read garbage. */
static inline int fx_feed_chunked(void *parser, int (*feed)(void *, const char *, size_t), int (*finish)(void *),
                                  const char *text, size_t len, size_t chunk)
{
    size_t off = 0;

    if (chunk == 0)
        chunk = len ? len : 1;
    while (off < len) {
        size_t n = len - off < chunk ? len - off : chunk;
        char *copy = malloc(n);
        int rc;

        memcpy(copy, text + off, n);
        rc = feed(parser, copy, n);
        memset(copy, 'X', n);
        free(copy);
        if (rc < 0)
            return -1;
        off += n;
    }
    return finish(parser);
}

#endif
