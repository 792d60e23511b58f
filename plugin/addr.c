/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "addr.h"

#include <stdio.h>
#include <string.h>

addr_t addr_v4(uint32_t host, unsigned prefix)
{
    addr_t a;

    memset(&a, 0, sizeof a);
    a.family = ADDR_V4;
    a.prefix = (uint8_t)(prefix > 32 ? 32 : prefix);
    a.bytes[0] = (uint8_t)(host >> 24);
    a.bytes[1] = (uint8_t)(host >> 16);
    a.bytes[2] = (uint8_t)(host >> 8);
    a.bytes[3] = (uint8_t)host;
    return a;
}

uint32_t addr_v4_host(const addr_t *a)
{
    if (a->family != ADDR_V4)
        return 0;
    return (uint32_t)a->bytes[0] << 24 | (uint32_t)a->bytes[1] << 16 | (uint32_t)a->bytes[2] << 8 | a->bytes[3];
}

unsigned addr_bits(const addr_t *a)
{
    return a->family == ADDR_V4 ? 32u : a->family == ADDR_V6 ? 128u : 0u;
}

static int parse_v4(const char *p, const char *end, uint8_t out[4])
{
    for (int part = 0; part < 4; part++) {
        unsigned v = 0;
        int digits = 0;

        if (part > 0) {
            if (p >= end || *p != '.')
                return -1;
            p++;
        }
        while (p < end && *p >= '0' && *p <= '9') {
            if (digits == 3)
                return -1;
            v = v * 10 + (unsigned)(*p - '0');
            digits++;
            p++;
        }
        if (digits == 0 || v > 255 || (digits > 1 && p[-digits] == '0'))
            return -1;
        out[part] = (uint8_t)v;
    }
    return p == end ? 0 : -1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int parse_v6(const char *p, const char *end, uint8_t out[16])
{
    uint16_t words[8];
    int n = 0, gap = -1;

    if (end - p >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 0;
        p += 2;
    } else if (p < end && *p == ':') {
        return -1;
    }
    while (p < end) {
        const char *start = p;
        unsigned v = 0;

        if (n == 8)
            return -1;
        while (p < end && hex_value(*p) >= 0 && p - start < 5) {
            v = v << 4 | (unsigned)hex_value(*p);
            p++;
        }
        if (p < end && *p == '.') {
            /* A dotted quad takes the last two groups. */
            uint8_t q[4];

            if (n > 6 || parse_v4(start, end, q) != 0)
                return -1;
            words[n++] = (uint16_t)(q[0] << 8 | q[1]);
            words[n++] = (uint16_t)(q[2] << 8 | q[3]);
            p = end;
            break;
        }
        if (p == start || p - start > 4)
            return -1;
        words[n++] = (uint16_t)v;
        if (p == end)
            break;
        if (*p != ':')
            return -1;
        p++;
        if (p < end && *p == ':') {
            if (gap >= 0)
                return -1;
            gap = n;
            p++;
        } else if (p == end) {
            return -1;        /* a trailing single ':' */
        }
    }
    if (gap < 0 && n != 8)
        return -1;
    if (gap >= 0 && n == 8)
        return -1;            /* "::" must stand for at least one group */
    memset(out, 0, 16);
    for (int i = 0; i < n; i++) {
        int at = gap >= 0 && i >= gap ? 8 - (n - i) : i;

        out[2 * at] = (uint8_t)(words[i] >> 8);
        out[2 * at + 1] = (uint8_t)words[i];
    }
    return 0;
}

int addr_parse(const char *text, size_t len, addr_t *out)
{
    addr_t a;

    memset(&a, 0, sizeof a);
    if (!text || len == 0 || len >= ADDR_TEXT_MAX)
        return -1;
    if (memchr(text, ':', len)) {
        if (parse_v6(text, text + len, a.bytes) != 0)
            return -1;
        a.family = ADDR_V6;
        a.prefix = 128;
    } else {
        if (parse_v4(text, text + len, a.bytes) != 0)
            return -1;
        a.family = ADDR_V4;
        a.prefix = 32;
    }
    *out = a;
    return 0;
}

int addr_parse_prefix(const char *text, size_t len, addr_t *out)
{
    const char *slash = text ? memchr(text, '/', len) : NULL;
    const char *p;
    unsigned n = 0;
    addr_t a;

    if (!slash || slash + 1 == text + len || addr_parse(text, (size_t)(slash - text), &a) != 0)
        return -1;
    for (p = slash + 1; p < text + len; p++) {
        if (*p < '0' || *p > '9' || p - slash > 3 || (p == slash + 2 && slash[1] == '0'))
            return -1;
        n = n * 10 + (unsigned)(*p - '0');
    }
    if (n > addr_bits(&a))
        return -1;
    a.prefix = (uint8_t)n;
    *out = a;
    return 0;
}

/* RFC 5952 text into buf[ADDR_TEXT_MAX]; returns its length. */
static size_t format_v6(const uint8_t b[16], char *buf)
{
    uint16_t w[8];
    int best = -1, best_len = 0, i;
    size_t n = 0;

    for (i = 0; i < 8; i++)
        w[i] = (uint16_t)(b[2 * i] << 8 | b[2 * i + 1]);
    for (i = 0; i < 8;) {
        int j = i;

        while (j < 8 && w[j] == 0)
            j++;
        if (j - i > best_len && j - i >= 2) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    /* ::ffff:0:0/96 is an IPv4 address: RFC 5952 section 5 writes it mixed. */
    if (best == 0 && best_len == 5 && w[5] == 0xFFFF) {
        n = (size_t)snprintf(buf, ADDR_TEXT_MAX, "::ffff:%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
    } else {
        for (i = 0; i < 8; i++) {
            if (i == best) {
                n += (size_t)snprintf(buf + n, ADDR_TEXT_MAX - n, "::");
                i += best_len - 1;
                continue;
            }
            n += (size_t)snprintf(buf + n, ADDR_TEXT_MAX - n, "%s%x", n && buf[n - 1] != ':' ? ":" : "", w[i]);
        }
    }
    return n;
}

/* A dotted quad without printf: reports format one per scope. */
static size_t format_v4(const uint8_t b[4], char *buf)
{
    size_t n = 0;

    for (int i = 0; i < 4; i++) {
        unsigned v = b[i];

        if (i)
            buf[n++] = '.';
        if (v >= 100)
            buf[n++] = (char)('0' + v / 100);
        if (v >= 10)
            buf[n++] = (char)('0' + v / 10 % 10);
        buf[n++] = (char)('0' + v % 10);
    }
    buf[n] = '\0';
    return n;
}

int addr_format(const addr_t *a, char *dst, size_t size)
{
    char buf[ADDR_TEXT_MAX];
    size_t n = a->family == ADDR_V6 ? format_v6(a->bytes, buf) : format_v4(a->bytes, buf);

    if (n >= size) {
        if (size)
            dst[0] = '\0';
        return -1;
    }
    memcpy(dst, buf, n + 1);
    return 0;
}

int addr_format_prefix(const addr_t *a, char *dst, size_t size)
{
    char buf[ADDR_TEXT_MAX];
    int n;

    if (addr_format(a, buf, sizeof buf) != 0)
        return -1;
    n = snprintf(dst, size, "%s/%u", buf, (unsigned)a->prefix);
    if (n < 0 || (size_t)n >= size) {
        if (size)
            dst[0] = '\0';
        return -1;
    }
    return 0;
}

int addr_cmp(const addr_t *a, const addr_t *b)
{
    int c;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    c = memcmp(a->bytes, b->bytes, sizeof a->bytes);
    if (c)
        return c < 0 ? -1 : 1;
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    return 0;
}

int addr_same(const addr_t *a, const addr_t *b)
{
    return a->family == b->family && memcmp(a->bytes, b->bytes, sizeof a->bytes) == 0;
}

int addr_has_host_bits(const addr_t *a)
{
    addr_t m = *a;

    addr_mask(&m);
    return memcmp(m.bytes, a->bytes, sizeof a->bytes) != 0;
}

void addr_mask(addr_t *a)
{
    unsigned p = a->prefix;

    for (unsigned i = p / 8; i < 16; i++)
        a->bytes[i] &= (uint8_t)(0xFF00u >> (i == p / 8 ? p % 8 : 0));
}

int addr_contains(const addr_t *net, const addr_t *a)
{
    addr_t m = *a;

    if (net->family != a->family)
        return 0;
    m.prefix = net->prefix;
    addr_mask(&m);
    return memcmp(m.bytes, net->bytes, sizeof m.bytes) == 0;
}

addr_t addr_last(const addr_t *a)
{
    addr_t last = *a;
    unsigned bits = addr_bits(a);

    for (unsigned b = a->prefix; b < bits; b++)
        last.bytes[b / 8] |= (uint8_t)(0x80u >> (b % 8));
    last.prefix = (uint8_t)bits;
    return last;
}

count_t addr_number(const addr_t *a)
{
    count_t v = { 0, 0 };

    if (a->family == ADDR_V4)
        return count_of(addr_v4_host(a));
    for (int i = 0; i < 8; i++) {
        v.hi = v.hi << 8 | a->bytes[i];
        v.lo = v.lo << 8 | a->bytes[8 + i];
    }
    return v;
}

count_t addr_span(const addr_t *lo, const addr_t *hi)
{
    count_t a, b;

    if (lo->family != hi->family || lo->family == ADDR_NONE)
        return count_of(0);
    a = addr_number(lo);
    b = addr_number(hi);
    if (count_cmp(a, b) > 0)
        return count_of(0);
    return count_add(count_sub(b, a), count_of(1));
}

int addr_mask_prefix(uint32_t mask)
{
    int prefix = 0;

    while (prefix < 32 && (mask & (0x80000000u >> prefix)))
        prefix++;
    if (prefix < 32 && (mask << prefix) != 0)
        return -1;
    return prefix;
}
