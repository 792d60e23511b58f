/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

void sb_vadd(sbuf_t *b, const char *fmt, va_list ap)
{
    va_list ap2;
    char *p;
    int n;

    if (b->failed)
        return;
    /* Most text fits in the room already there: format once. */
    va_copy(ap2, ap);
    n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (b->p && (size_t)n < b->cap - b->len) {
        b->len += (size_t)n;
        return;
    }
    p = vec_grow(b->p, &b->cap, b->len + (size_t)n + 1, 1);
    if (!p) {
        b->failed = 1;
        return;
    }
    b->p = p;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_add(sbuf_t *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sb_vadd(b, fmt, ap);
    va_end(ap);
}

void sb_cat(sbuf_t *b, const char *text)
{
    size_t n = strlen(text);
    char *p;

    if (b->failed)
        return;
    p = vec_grow(b->p, &b->cap, b->len + n + 1, 1);
    if (!p) {
        b->failed = 1;
        return;
    }
    b->p = p;
    memcpy(b->p + b->len, text, n + 1);
    b->len += n;
}

void sb_truncate(sbuf_t *b, size_t len)
{
    if (b->failed || !b->p || len > b->len)
        return;
    b->len = len;
    b->p[len] = '\0';
}

char *sb_take(sbuf_t *b)
{
    char *p = b->failed ? NULL : b->p;

    if (b->failed)
        free(b->p);
    else if (!p && (p = malloc(1)) != NULL)
        p[0] = '\0';
    memset(b, 0, sizeof *b);
    return p;
}
