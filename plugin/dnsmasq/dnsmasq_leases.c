/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dnsmasq_leases.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vec.h"

/* dnsmasq's longest line: a 20-digit expiry, a 16-byte hardware address
 * with its type, an address, a hostname and a 255-byte client id in hex
 * (764 characters) stay far below this. */
#define LINE_MAX_BYTES 4096
/* 32 bytes per lease kept: 2^24 leases is 512 MiB, far beyond what one
 * dnsmasq serves (its dhcp-lease-max defaults to 1,000). */
#define LEASES_MAX ((size_t)1 << 24)
#define FIELDS 5

typedef struct entry {
    uint8_t bytes[16];
    uint8_t family;
    uint32_t seq;                    /* order in the file: the last line for an address wins */
    int64_t expiry;
} entry_t;

struct dnsmasq_leases {
    char name[256];
    dnsmasq_span_t *spans;
    size_t nspans;
    entry_t *e;
    size_t n, cap;
    char *carry;
    size_t carry_len;
    unsigned long line;              /* lines completed so far */
    uint64_t lines;                  /* lease lines read */
    int failed, finished;
    char err[384];
};

typedef struct field {
    const char *s;
    size_t len;
} field_t;

static int fail(dnsmasq_leases_t *p, unsigned long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(dnsmasq_leases_t *p, unsigned long line, const char *fmt, ...)
{
    va_list ap;

    p->failed = 1;
    va_start(ap, fmt);
    text_at(p->err, sizeof p->err, p->name, line, fmt, ap);
    va_end(ap);
    return -1;
}

/* A field made printable for a message. */
static const char *show(const field_t *f, char *buf, size_t buflen)
{
    return text_show(buf, buflen, f->s, f->len);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int addr_in(const addr_t *a, const addr_t *low, const addr_t *high)
{
    return addr_cmp(a, low) >= 0 && addr_cmp(a, high) <= 0;
}

static int in_spans(const dnsmasq_leases_t *p, const addr_t *a)
{
    size_t lo = 0, hi = p->nspans;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (addr_cmp(a, &p->spans[mid].low) < 0)
            hi = mid;
        else if (addr_cmp(a, &p->spans[mid].high) > 0)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* Decimal digits up to a bound: 0 or -1. */
static int parse_uint(const field_t *f, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (f->len == 0 || f->len > 20)
        return -1;
    for (size_t i = 0; i < f->len; i++) {
        unsigned d = (unsigned)(f->s[i] - '0');

        if (d > 9 || v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int keep(dnsmasq_leases_t *p, const addr_t *a, int64_t expiry)
{
    entry_t *nv;

    if (p->n >= LEASES_MAX)
        return fail(p, p->line + 1, "more than %lu leases in the counted subnets", (unsigned long)LEASES_MAX);
    nv = vec_grow(p->e, &p->cap, p->n + 1, sizeof *nv);
    if (!nv)
        return fail(p, p->line + 1, "out of memory");
    p->e = nv;
    memcpy(nv[p->n].bytes, a->bytes, 16);
    nv[p->n].family = a->family;
    nv[p->n].seq = (uint32_t)p->n;
    nv[p->n].expiry = expiry;
    p->n++;
    return 0;
}

/* One complete line (without its newline). */
static int on_line(dnsmasq_leases_t *p, const char *s, size_t len)
{
    field_t f[FIELDS + 1];
    size_t nf = 0, i = 0;
    unsigned long line = p->line + 1;
    char buf[64];
    uint64_t expiry, iaid;
    addr_t a;

    while (i < len) {
        while (i < len && is_blank(s[i]))
            i++;
        if (i == len)
            break;
        if (nf == FIELDS + 1)
            break;
        f[nf].s = s + i;
        while (i < len && !is_blank(s[i]))
            i++;
        f[nf].len = (size_t)(s + i - f[nf].s);
        nf++;
    }
    if (nf == 0)
        return 0;
    if (f[0].len == 4 && memcmp(f[0].s, "duid", 4) == 0) {
        if (nf != 2)
            return fail(p, line, "expected \"duid SERVER-DUID\"");
        return 0;
    }
    if (nf != FIELDS)
        return fail(p, line, "expected 5 fields (EXPIRY MAC-OR-IAID ADDRESS HOSTNAME CLIENT-ID), found %s%u",
                    nf > FIELDS ? "more than " : "", (unsigned)(nf > FIELDS ? FIELDS : nf));
    if (parse_uint(&f[0], INT64_MAX, &expiry) < 0)
        return fail(p, line, "bad expiry time \"%s\" (seconds since the epoch, 0 for an infinite lease)",
                    show(&f[0], buf, sizeof buf));
    if (addr_parse(f[2].s, f[2].len, &a) < 0)
        return fail(p, line, "bad address \"%s\"", show(&f[2], buf, sizeof buf));
    if (a.family == ADDR_V6) {
        field_t id = f[1];

        if (id.len > 0 && id.s[0] == 'T') {
            id.s++;
            id.len--;
        }
        if (parse_uint(&id, UINT32_MAX, &iaid) < 0)
            return fail(p, line, "bad IAID \"%s\" in an IPv6 lease (a number, T before it for a temporary "
                        "address)", show(&f[1], buf, sizeof buf));
    }
    p->lines++;
    if (in_spans(p, &a))
        return keep(p, &a, (int64_t)expiry);
    return 0;
}

static int carry_append(dnsmasq_leases_t *p, const char *s, size_t n)
{
    if (n > LINE_MAX_BYTES - p->carry_len)
        return fail(p, p->line + 1, "line longer than %d bytes", LINE_MAX_BYTES);
    memcpy(p->carry + p->carry_len, s, n);
    p->carry_len += n;
    return 0;
}

static int feed(dnsmasq_leases_t *p, const char *buf, size_t len)
{
    while (len > 0) {
        const char *nl = memchr(buf, '\n', len);
        size_t seg;
        int rc;

        if (!nl)
            return carry_append(p, buf, len);
        seg = (size_t)(nl - buf);
        if (p->carry_len) {
            if (carry_append(p, buf, seg) < 0)
                return -1;
            rc = on_line(p, p->carry, p->carry_len);
            p->carry_len = 0;
        } else {
            if (seg > LINE_MAX_BYTES)
                return fail(p, p->line + 1, "line longer than %d bytes", LINE_MAX_BYTES);
            rc = on_line(p, buf, seg);
        }
        if (rc < 0)
            return -1;
        p->line++;
        buf = nl + 1;
        len -= seg + 1;
    }
    return 0;
}

/* dnsmasq writes only text: a NUL byte is damage (a crash mid-write, a bad
 * disk block) and ends the parse rather than being read past. */
int dnsmasq_leases_feed(dnsmasq_leases_t *p, const char *buf, size_t len)
{
    const char *nul;

    if (p->failed)
        return -1;
    if (p->finished)
        return fail(p, p->line + 1, "internal error: data after the end");
    nul = memchr(buf, '\0', len);
    if (!nul)
        return feed(p, buf, len);
    if (feed(p, buf, (size_t)(nul - buf)) < 0)
        return -1;
    return fail(p, p->line + 1, "NUL byte in the file: it is damaged (dnsmasq writes only text)");
}

static int entry_cmp(const void *x, const void *y)
{
    const entry_t *a = x, *b = y;
    int c;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    c = memcmp(a->bytes, b->bytes, 16);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int dnsmasq_leases_finish(dnsmasq_leases_t *p)
{
    size_t i, out = 0;

    if (p->failed)
        return -1;
    if (p->finished)
        return 0;
    p->finished = 1;
    /* What is left is the line dnsmasq is still writing. */
    p->carry_len = 0;
    if (p->n > 1)
        qsort(p->e, p->n, sizeof *p->e, entry_cmp);
    for (i = 0; i < p->n; i++) {
        if (i + 1 < p->n && p->e[i + 1].family == p->e[i].family
            && memcmp(p->e[i + 1].bytes, p->e[i].bytes, 16) == 0)
            continue;
        p->e[out++] = p->e[i];
    }
    p->n = out;
    return 0;
}

const char *dnsmasq_leases_error(const dnsmasq_leases_t *p)
{
    return p->err;
}

static addr_t entry_addr(const entry_t *e)
{
    addr_t a;

    a.family = e->family;
    a.prefix = (uint8_t)(e->family == ADDR_V4 ? 32 : 128);
    memcpy(a.bytes, e->bytes, 16);
    return a;
}

void dnsmasq_leases_count(const dnsmasq_leases_t *p, const addr_t *low, const addr_t *high, int64_t now,
                          dnsmasq_counts_t *out)
{
    size_t lo = 0, hi = p->n;

    memset(out, 0, sizeof *out);
    if (!p->finished)
        return;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        addr_t a = entry_addr(&p->e[mid]);

        if (addr_cmp(&a, low) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < p->n; lo++) {
        addr_t a = entry_addr(&p->e[lo]);
        int64_t x = p->e[lo].expiry;

        if (!addr_in(&a, low, high))
            break;
        if (x == 0 || x < DNSMASQ_EXPIRY_CLOCK_MIN || x > now)
            out->active++;
        else
            out->expired++;
    }
}

uint64_t dnsmasq_leases_lines(const dnsmasq_leases_t *p)
{
    return p->lines;
}

size_t dnsmasq_leases_kept(const dnsmasq_leases_t *p)
{
    return p->n;
}

static int span_cmp(const void *x, const void *y)
{
    const dnsmasq_span_t *a = x, *b = y;

    return addr_cmp(&a->low, &b->low);
}

/* a + 1 into out: 0, or -1 when a is the family's last address. */
static int addr_next(const addr_t *a, addr_t *out)
{
    int i = a->family == ADDR_V4 ? 3 : 15;

    *out = *a;
    for (; i >= 0; i--) {
        if (++out->bytes[i] != 0)
            return 0;
    }
    return -1;
}

size_t dnsmasq_spans_merge(dnsmasq_span_t *spans, size_t n)
{
    size_t i, out = 0;

    if (n == 0)
        return 0;
    qsort(spans, n, sizeof *spans, span_cmp);
    for (i = 1; i < n; i++) {
        dnsmasq_span_t *cur = &spans[out];
        addr_t next;

        if (spans[i].low.family == cur->high.family
            && (addr_next(&cur->high, &next) < 0 || addr_cmp(&spans[i].low, &next) <= 0)) {
            if (addr_cmp(&spans[i].high, &cur->high) > 0)
                cur->high = spans[i].high;
        } else {
            spans[++out] = spans[i];
        }
    }
    return out + 1;
}

dnsmasq_leases_t *dnsmasq_leases_new(const char *name, const dnsmasq_span_t *spans, size_t nspans, char *err,
                                     size_t errlen)
{
    dnsmasq_leases_t *p = calloc(1, sizeof *p);

    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < nspans; i++) {
        if (spans[i].low.family != spans[i].high.family || spans[i].low.family == ADDR_NONE
            || addr_cmp(&spans[i].low, &spans[i].high) > 0) {
            snprintf(err, errlen, "%s: internal error: a bad address span", name);
            free(p);
            return NULL;
        }
    }
    text_copy(p->name, sizeof p->name, name);
    p->spans = malloc((nspans ? nspans : 1) * sizeof *p->spans);
    p->carry = malloc(LINE_MAX_BYTES);
    if (!p->spans || !p->carry) {
        dnsmasq_leases_free(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < nspans; i++) {
        p->spans[i] = spans[i];
        p->spans[i].low.prefix = p->spans[i].high.prefix = (uint8_t)addr_bits(&spans[i].low);
    }
    p->nspans = dnsmasq_spans_merge(p->spans, nspans);
    return p;
}

void dnsmasq_leases_free(dnsmasq_leases_t *p)
{
    if (!p)
        return;
    free(p->spans);
    free(p->e);
    free(p->carry);
    free(p);
}
