/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fuzz.h"
#include "isc_leases.h"

/* The dhcpd -6 side of the leases parser (ia-na, ia-ta and ia-pd blocks
 * into its table), as a differential check like fuzz_isc_leases.c: the file
 * read whole, in chunks split at points derived from the data, and one byte
 * at a time must give the same error or the same leases, and counting a pool
 * must equal counting its two halves (the second way cuts the table's pieces
 * and takes its slow path). */

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

typedef struct pool_text {
    const char *low, *high;
    uint8_t kind, delegated;
} pool_text_t;

/* Pools like those of a real dhcpd6.conf (the research setup's and
 * gen_isc6.py's), with overlaps and the top of the address space. */
static const pool_text_t pool_texts[] = {
    { "2001:db8:1::100", "2001:db8:1::1ff", ISC_IA_NA, 128 },
    { "2001:db8:1:0:1::", "2001:db8:1:0:1:ffff:ffff:ffff", ISC_IA_NA, 128 },
    { "2001:db8:1::180", "2001:db8:1::2ff", ISC_IA_NA, 128 },
    { "2001:db8:1:0:2::", "2001:db8:1:0:2:ffff:ffff:ffff", ISC_IA_TA, 128 },
    { "2001:db8:100::", "2001:db8:1ff:ffff:ffff:ffff:ffff:ffff", ISC_IA_PD, 56 },
    { "2001:db8:1ff::", "2001:db8:1ff:ff:ffff:ffff:ffff:ffff", ISC_IA_PD, 60 },
    { "2001:db8:2::", "2001:db8:2::ffff:ffff:ffff:ffff", ISC_IA_NA, 128 },
    { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ISC_IA_NA, 128 },
    /* Wider than a /64: the table gives each /64 holding a lease an id. */
    { "2001:db8:3::", "2001:db8:3:ffff:ffff:ffff:ffff:ffff", ISC_IA_NA, 128 },
    { "2001:db8:4::", "2001:db8:4:1:ffff:ffff:ffff:ff00", ISC_IA_PD, 120 },
};
#define NPOOLS (sizeof pool_texts / sizeof pool_texts[0])

static const char *const fixed_texts[] = { "2001:db8:1::105", "2001:db8:1:0:2::7", "2001:db8:1fe::/56",
                                           "2001:db8:1ff:10::/60" };
#define NFIXED (sizeof fixed_texts / sizeof fixed_texts[0])

static isc_pool6_t pools[NPOOLS];
static addr_t fixed[NFIXED];

static void setup(void)
{
    static int done;
    size_t i;

    if (done)
        return;
    for (i = 0; i < NPOOLS; i++) {
        FUZZ_ASSERT(addr_parse(pool_texts[i].low, strlen(pool_texts[i].low), &pools[i].low) == 0);
        FUZZ_ASSERT(addr_parse(pool_texts[i].high, strlen(pool_texts[i].high), &pools[i].high) == 0);
        pools[i].kind = pool_texts[i].kind;
        pools[i].delegated = pool_texts[i].delegated;
    }
    for (i = 0; i < NFIXED; i++) {
        const char *t = fixed_texts[i];

        FUZZ_ASSERT((strchr(t, '/') ? addr_parse_prefix(t, strlen(t), &fixed[i]) : addr_parse(t, strlen(t), &fixed[i]))
                    == 0);
    }
    done = 1;
}

typedef struct outcome {
    isc_leases_t *p;
    int failed;
} outcome_t;

static int feed(void *p, const char *buf, size_t len)
{
    return isc_leases_feed(p, buf, len);
}

static int finish(void *p)
{
    return isc_leases_finish(p);
}

static void run(outcome_t *o, const uint8_t *data, size_t size, fuzz_rng_t *rng, size_t fixed_len)
{
    char err[256];

    o->p = isc_leases_new6("dhcpd6.leases", pools, NPOOLS, fixed, NFIXED, err, sizeof err);
    FUZZ_ASSERT(o->p != NULL);
    o->failed = fuzz_feed(o->p, feed, finish, data, size, rng, fixed_len);
}

static int same_counts(const isc_counts6_t *a, const isc_counts6_t *b)
{
    return a->active == b->active && a->active_expired == b->active_expired && a->expired == b->expired
           && a->released == b->released && a->abandoned == b->abandoned && a->free == b->free
           && a->fixed == b->fixed;
}

/* The pool cut in two at its middle address, (low + high) / 2. */
static void halves(const isc_pool6_t *pool, isc_pool6_t *a, isc_pool6_t *b)
{
    addr_t mid = pool->low;
    unsigned carry = 0;
    int i;

    for (i = 15; i >= 0; i--) {
        unsigned s = (unsigned)pool->low.bytes[i] + pool->high.bytes[i] + carry;

        mid.bytes[i] = (uint8_t)s;
        carry = s >> 8;
    }
    for (i = 0; i < 16; i++) {
        unsigned v = mid.bytes[i];

        mid.bytes[i] = (uint8_t)(v >> 1 | carry << 7);
        carry = v & 1;
    }
    *a = *pool;
    *b = *pool;
    a->high = mid;
    b->low = mid;
    for (i = 15; i >= 0; i--)
        if (++b->low.bytes[i] != 0)
            break;
}

static void check_one(const outcome_t *o)
{
    size_t i;

    if (o->failed) {
        const char *e = isc_leases_error(o->p);

        FUZZ_ASSERT(e != NULL && e[0] != '\0');
        FUZZ_ASSERT(strncmp(e, "dhcpd6.leases:", 14) == 0);
        return;
    }
    for (i = 0; i < NPOOLS; i++) {
        isc_counts6_t c, x, y;
        isc_pool6_t a, b;

        isc_leases_count6(o->p, &pools[i], NOW, &c);
        FUZZ_ASSERT(c.active_expired <= c.active);
        FUZZ_ASSERT(c.active + c.expired + c.released + c.abandoned + c.free + c.fixed <= isc_leases_size6(o->p));
        if (addr_cmp(&pools[i].low, &pools[i].high) < 0) {
            halves(&pools[i], &a, &b);
            isc_leases_count6(o->p, &a, NOW, &x);
            isc_leases_count6(o->p, &b, NOW, &y);
            x.active += y.active;
            x.active_expired += y.active_expired;
            x.expired += y.expired;
            x.released += y.released;
            x.abandoned += y.abandoned;
            x.free += y.free;
            x.fixed += y.fixed;
            FUZZ_ASSERT(same_counts(&c, &x));
        }
    }
}

/* Every word of the input that reads as an IPv6 address (or prefix) is
 * looked up in both parsers. */
static void check_keys(const outcome_t *a, const outcome_t *b, const uint8_t *data, size_t size)
{
    size_t i = 0;

    while (i < size) {
        size_t j = i, len;
        addr_t x;

        while (j < size && data[j] > ' ' && data[j] != ';' && data[j] != '{' && data[j] != '}' && data[j] != '"')
            j++;
        len = j - i;
        if (len > 0 && len < ADDR_PREFIX_TEXT_MAX && memchr(data + i, ':', len)) {
            const char *w = (const char *)data + i;
            const char *slash = memchr(w, '/', len);

            addr_t y, z;
            int fast = isc_addr6_parse(w, len, &y);
            int slow = (slash ? addr_parse_prefix(w, len, &z) : addr_parse(w, len, &z)) == 0 && z.family == ADDR_V6
                       ? 0 : -1;

            /* The parser's fast reading agrees with the core's. */
            FUZZ_ASSERT(fast == slow);
            FUZZ_ASSERT(fast < 0 || addr_cmp(&y, &z) == 0);
            if ((slash ? addr_parse(w, (size_t)(slash - w), &x) : addr_parse(w, len, &x)) == 0
                && x.family == ADDR_V6) {
                for (unsigned k = ISC_IA_NA; k <= ISC_IA_PD; k++) {
                    int64_t ea = -1, eb = -1;

                    FUZZ_ASSERT(isc_leases_get6(a->p, (enum isc_ia)k, &x, &ea)
                                == isc_leases_get6(b->p, (enum isc_ia)k, &x, &eb));
                    FUZZ_ASSERT(ea == eb);
                }
            }
        }
        i = j + 1;
    }
}

static void check_same(const outcome_t *a, const outcome_t *b, const uint8_t *data, size_t size)
{
    size_t i;

    FUZZ_ASSERT(a->failed == b->failed);
    if (a->failed) {
        FUZZ_ASSERT(strcmp(isc_leases_error(a->p), isc_leases_error(b->p)) == 0);
        return;
    }
    FUZZ_ASSERT(isc_leases_size6(a->p) == isc_leases_size6(b->p));
    FUZZ_ASSERT(isc_leases_other_family(a->p) == isc_leases_other_family(b->p));
    for (i = 0; i < NPOOLS; i++) {
        isc_counts6_t x, y;

        isc_leases_count6(a->p, &pools[i], NOW, &x);
        isc_leases_count6(b->p, &pools[i], NOW, &y);
        FUZZ_ASSERT(same_counts(&x, &y));
    }
    check_keys(a, b, data, size);
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
    if (memchr(data, '\0', size))
        FUZZ_ASSERT(whole.failed);
    run(&split, data, size, &rng, 0);
    check_same(&whole, &split, data, size);
    isc_leases_free(split.p);
    if (size <= 4096) {
        run(&bytes, data, size, NULL, 1);
        check_same(&whole, &bytes, data, size);
        isc_leases_free(bytes.p);
    }
    isc_leases_free(whole.p);
    return 0;
}
