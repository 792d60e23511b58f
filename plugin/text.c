/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void text_copy(char *dst, size_t dstlen, const char *src)
{
    size_t n;

    if (dstlen == 0)
        return;
    n = src ? strlen(src) : 0;
    if (n >= dstlen)
        n = dstlen - 1;
    if (n)
        memmove(dst, src, n);
    dst[n] = '\0';
}

void text_copy_utf8(char *dst, size_t dstlen, const char *src)
{
    size_t n;

    if (dstlen == 0)
        return;
    n = src ? strlen(src) : 0;
    if (n >= dstlen) {
        n = dstlen - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memmove(dst, src, n);
    dst[n] = '\0';
}

size_t text_clean(char *out, size_t outlen, const char *in)
{
    size_t j = 0;

    if (outlen == 0)
        return 0;
    for (size_t i = 0; in[i] && j + 1 < outlen; i++) {
        unsigned char c = (unsigned char)in[i];

        out[j++] = c == '|' ? '/' : (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    out[j] = '\0';
    return j;
}

char *text_dup(const char *s, size_t len)
{
    char *d = malloc(len + 1);

    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

const char *text_show(char *buf, size_t buflen, const char *s, size_t len)
{
    size_t n;

    if (buflen == 0)
        return buf;
    n = len < buflen - 1 ? len : buflen - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        buf[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    buf[n] = '\0';
    return buf;
}

const char *text_thousands(unsigned long long n, char *buf, size_t buflen)
{
    char digits[32];
    size_t len, j = 0;

    if (buflen == 0)
        return buf;
    len = (size_t)snprintf(digits, sizeof digits, "%llu", n);
    for (size_t i = 0; i < len && j + 1 < buflen; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            if (j + 2 >= buflen)
                break;
            buf[j++] = ',';
        }
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
    return buf;
}

int text_at(char *buf, size_t len, const char *file, unsigned long line, const char *fmt, va_list ap)
{
    int n;

    if (len == 0)
        return -1;
    n = snprintf(buf, len, "%s:%lu: ", file, line);
    if (n >= 0 && (size_t)n < len)
        vsnprintf(buf + n, len - (size_t)n, fmt, ap);
    return -1;
}
