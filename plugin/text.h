/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_TEXT_H
#define CDS_TEXT_H

/* Small text helpers every module shares: plugin/text.c. */

#include <stdarg.h>
#include <stddef.h>

/* Copies src (NULL: "") into dst[dstlen], truncating, always terminated. */
void text_copy(char *dst, size_t dstlen, const char *src);

/* text_copy for UTF-8: a cut falls on a character boundary, so a long
 * name never ends in half a character. */
void text_copy_utf8(char *dst, size_t dstlen, const char *src);

/* Copies text that came from a server, a file or the user into plugin
 * output: '|' (which would start perfdata) becomes '/', control bytes
 * (which would start a line of their own) become spaces. Truncates to
 * outlen - 1 bytes; returns the length written. in and out may be the same. */
size_t text_clean(char *out, size_t outlen, const char *in);

/* A malloc'd copy of the len bytes at s, terminated (C11 has no strndup);
 * NULL when out of memory. */
char *text_dup(const char *s, size_t len);

/* The len bytes at s made printable for a message, into buf[buflen]
 * (truncated): bytes outside printable ASCII become '?'. Returns buf. */
const char *text_show(char *buf, size_t buflen, const char *s, size_t len);

/* "FILE:LINE: " and the formatted sentence into buf[len]: how a parser
 * names a fault in a file. Returns -1, what a parser's fail() returns. */
int text_at(char *buf, size_t len, const char *file, unsigned long line, const char *fmt, va_list ap);

/* n with a comma between thousands ("3,871"), into buf; returns buf. */
const char *text_thousands(unsigned long long n, char *buf, size_t buflen);

#endif
