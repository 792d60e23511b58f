/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dnsmasq_leases.h"
#include "fuzz.h"

/* A differential check: the file read in one piece, in chunks split at
 * points derived from the data, and one byte at a time must give the same
 * leases, counts and error. read() splits a real file anywhere, and dnsmasq
 * rewriting the file in place leaves it ending anywhere. */

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

typedef struct outcome {
    dnsmasq_leases_t *p;
    int failed;
} outcome_t;

static dnsmasq_span_t spans[6];
static size_t nspans;

static void span(const char *lo, const char *hi)
{
    FUZZ_ASSERT(addr_parse(lo, strlen(lo), &spans[nspans].low) == 0);
    FUZZ_ASSERT(addr_parse(hi, strlen(hi), &spans[nspans].high) == 0);
    nspans++;
}

static void setup(void)
{
    if (nspans)
        return;
    span("0.0.0.0", "0.0.0.15");
    span("10.0.0.0", "10.0.3.255");
    span("192.168.1.0", "192.168.1.255");
    span("255.255.255.240", "255.255.255.255");
    span("2001:db8:1::", "2001:db8:1::ffff:ffff:ffff:ffff");
    span("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

/* Feeds data in pieces: whole (fixed 0, no rng), random sizes, or fixed. */
static int feed(void *p, const char *buf, size_t len)
{
    return dnsmasq_leases_feed(p, buf, len);
}

static int finish(void *p)
{
    return dnsmasq_leases_finish(p);
}

static void run(outcome_t *o, const uint8_t *data, size_t size, fuzz_rng_t *rng, size_t fixed)
{
    char err[256];

    o->p = dnsmasq_leases_new("dnsmasq.leases", spans, nspans, err, sizeof err);
    FUZZ_ASSERT(o->p != NULL);
    o->failed = fuzz_feed(o->p, feed, finish, data, size, rng, fixed);
}

static void check_one(const outcome_t *o)
{
    uint64_t sum = 0;

    if (o->failed) {
        const char *e = dnsmasq_leases_error(o->p);

        FUZZ_ASSERT(e != NULL && e[0] != '\0');
        FUZZ_ASSERT(strncmp(e, "dnsmasq.leases:", 15) == 0);
        return;
    }
    for (size_t i = 0; i < nspans; i++) {
        dnsmasq_counts_t c;

        dnsmasq_leases_count(o->p, &spans[i].low, &spans[i].high, NOW, &c);
        FUZZ_ASSERT(count_cmp(count_of(c.active + c.expired), addr_span(&spans[i].low, &spans[i].high)) <= 0);
        sum += c.active + c.expired;
    }
    /* Every lease kept is in exactly one span, and a lease is one line. */
    FUZZ_ASSERT(sum == dnsmasq_leases_kept(o->p));
    FUZZ_ASSERT(dnsmasq_leases_kept(o->p) <= dnsmasq_leases_lines(o->p));
}

static void check_same(const outcome_t *a, const outcome_t *b)
{
    FUZZ_ASSERT(a->failed == b->failed);
    if (a->failed) {
        FUZZ_ASSERT(strcmp(dnsmasq_leases_error(a->p), dnsmasq_leases_error(b->p)) == 0);
        return;
    }
    FUZZ_ASSERT(dnsmasq_leases_lines(a->p) == dnsmasq_leases_lines(b->p));
    FUZZ_ASSERT(dnsmasq_leases_kept(a->p) == dnsmasq_leases_kept(b->p));
    for (size_t i = 0; i < nspans; i++) {
        dnsmasq_counts_t ca, cb;

        dnsmasq_leases_count(a->p, &spans[i].low, &spans[i].high, NOW, &ca);
        dnsmasq_leases_count(b->p, &spans[i].low, &spans[i].high, NOW, &cb);
        FUZZ_ASSERT(ca.active == cb.active && ca.expired == cb.expired);
        /* And a single address at each end. */
        dnsmasq_leases_count(a->p, &spans[i].low, &spans[i].low, NOW, &ca);
        dnsmasq_leases_count(b->p, &spans[i].low, &spans[i].low, NOW, &cb);
        FUZZ_ASSERT(ca.active == cb.active && ca.expired == cb.expired && ca.active + ca.expired <= 1);
        dnsmasq_leases_count(a->p, &spans[i].high, &spans[i].high, NOW, &ca);
        dnsmasq_leases_count(b->p, &spans[i].high, &spans[i].high, NOW, &cb);
        FUZZ_ASSERT(ca.active == cb.active && ca.expired == cb.expired && ca.active + ca.expired <= 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    outcome_t whole, split, bytes;
    fuzz_rng_t rng;

    if (size > (1u << 20))
        return 0;
    setup();
    fuzz_rng_seed(&rng, data, size);
    run(&whole, data, size, NULL, 0);
    check_one(&whole);
    /* dnsmasq writes only text: a NUL byte means damage, never a result. */
    if (memchr(data, '\0', size))
        FUZZ_ASSERT(whole.failed);
    run(&split, data, size, &rng, 0);
    check_same(&whole, &split);
    dnsmasq_leases_free(split.p);
    if (size <= 4096) {
        run(&bytes, data, size, NULL, 1);
        check_same(&whole, &bytes);
        dnsmasq_leases_free(bytes.p);
    }
    dnsmasq_leases_free(whole.p);
    return 0;
}
