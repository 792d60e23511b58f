/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_SBUF_H
#define CDS_SBUF_H

/* A growable string: plugin/sbuf.c. On allocation failure it remembers and
 * stops growing, so builders check once, at the end. */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct sbuf {
    char *p;                         /* NUL-terminated once anything was added */
    size_t len, cap;
    int failed;
} sbuf_t;

/* mingw's own C99 printf (__USE_MINGW_ANSI_STDIO) is checked as gnu_printf. */
void sb_add(sbuf_t *b, const char *fmt, ...)
#if defined(__MINGW_PRINTF_FORMAT)
    __attribute__((format(__MINGW_PRINTF_FORMAT, 2, 3)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

void sb_vadd(sbuf_t *b, const char *fmt, va_list ap);

/* Appends text as it is (no format: the cheap way for hot loops). */
void sb_cat(sbuf_t *b, const char *text);

/* Cuts the text back to len bytes (len <= b->len). */
void sb_truncate(sbuf_t *b, size_t len);

/* Hands over the text ("" when nothing was added; NULL after a failure) and
 * resets the buffer. */
char *sb_take(sbuf_t *b);

#endif
