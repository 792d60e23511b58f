/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fuzz.h"
#include "isc_leases.h"

/* A differential check: the file read in one piece, in chunks split at
 * points derived from the data, and one byte at a time must give the same
 * states, end times, failover blocks and error. read() splits a real file
 * anywhere, and a file being appended to ends anywhere. */

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

static const isc_span_t spans[] = {
    { 0x00000000u, 0x0000000Fu },    /* 0.0.0.0 - 0.0.0.15 */
    { 0x0A000000u, 0x0A0003FFu },    /* 10.0.0.0 - 10.0.3.255 (gen_isc.py's first subnets) */
    { 0x0A000501u, 0x0A0005FAu },    /* 10.0.5.1 - 10.0.5.250 */
    { 0xC0000200u, 0xC00002FFu },    /* 192.0.2.0/24 */
    { 0xC0A80000u, 0xC0A801FFu },    /* 192.168.0.0 - 192.168.1.255 */
    { 0xFFFFFFF0u, 0xFFFFFFFFu },    /* the top of the address space */
};
#define NSPANS (sizeof spans / sizeof spans[0])

typedef struct outcome {
    isc_leases_t *p;
    int failed;
} outcome_t;

/* Feeds data in pieces of the sizes next_len gives; 0 means whole. */
static int feed(void *p, const char *buf, size_t len)
{
    return isc_leases_feed(p, buf, len);
}

static int finish(void *p)
{
    return isc_leases_finish(p);
}

static void run(outcome_t *o, const uint8_t *data, size_t size, fuzz_rng_t *rng, size_t fixed)
{
    char err[256];

    o->p = isc_leases_new("dhcpd.leases", spans, NSPANS, err, sizeof err);
    FUZZ_ASSERT(o->p != NULL);
    o->failed = fuzz_feed(o->p, feed, finish, data, size, rng, fixed);
}

static void check_one(const outcome_t *o)
{
    size_t i;

    if (o->failed) {
        const char *e = isc_leases_error(o->p);

        FUZZ_ASSERT(e != NULL && e[0] != '\0');
        FUZZ_ASSERT(strncmp(e, "dhcpd.leases:", 13) == 0);
        return;
    }
    for (i = 0; i < NSPANS; i++) {
        isc_counts_t c;

        isc_leases_count(o->p, spans[i].low, spans[i].high, NOW, &c);
        FUZZ_ASSERT(c.total == (uint64_t)spans[i].high - spans[i].low + 1);
        FUZZ_ASSERT(c.none + c.free + c.active + c.expired + c.released + c.abandoned + c.reset + c.backup ==
                    c.total);
        FUZZ_ASSERT(c.active_expired <= c.active);
    }
    for (i = 0; i < isc_leases_npeers(o->p); i++) {
        const isc_leases_peer_t *peer = isc_leases_peer(o->p, i);

        FUZZ_ASSERT(fuzz_terminated(peer->name, sizeof peer->name));
        FUZZ_ASSERT(fuzz_terminated(peer->my_state, sizeof peer->my_state));
        FUZZ_ASSERT(fuzz_terminated(peer->partner_state, sizeof peer->partner_state));
        FUZZ_ASSERT(isc_leases_find_peer(o->p, peer->name) != NULL);
    }
    {
        int64_t ends = -1;

        FUZZ_ASSERT(isc_leases_get(o->p, 0x0B000000u, &ends) == ISC_LEASE_NONE);
    }
}

static void check_same(const outcome_t *a, const outcome_t *b)
{
    size_t i;

    FUZZ_ASSERT(a->failed == b->failed);
    if (a->failed) {
        FUZZ_ASSERT(strcmp(isc_leases_error(a->p), isc_leases_error(b->p)) == 0);
        return;
    }
    for (i = 0; i < NSPANS; i++) {
        uint32_t addr = spans[i].low;

        for (;;) {
            int64_t ea = -1, eb = -1;

            FUZZ_ASSERT(isc_leases_get(a->p, addr, &ea) == isc_leases_get(b->p, addr, &eb));
            FUZZ_ASSERT(ea == eb);
            if (addr == spans[i].high)
                break;
            addr++;
        }
    }
    FUZZ_ASSERT(isc_leases_npeers(a->p) == isc_leases_npeers(b->p));
    for (i = 0; i < isc_leases_npeers(a->p); i++) {
        const isc_leases_peer_t *pa = isc_leases_peer(a->p, i), *pb = isc_leases_peer(b->p, i);

        FUZZ_ASSERT(strcmp(pa->name, pb->name) == 0);
        FUZZ_ASSERT(strcmp(pa->my_state, pb->my_state) == 0);
        FUZZ_ASSERT(strcmp(pa->partner_state, pb->partner_state) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    outcome_t whole, split, bytes;
    fuzz_rng_t rng;

    if (size > (1u << 20))
        return 0;
    fuzz_rng_seed(&rng, data, size);
    run(&whole, data, size, NULL, 0);
    check_one(&whole);
    /* dhcpd writes only text: a NUL byte means damage, never a result. */
    if (memchr(data, '\0', size))
        FUZZ_ASSERT(whole.failed);
    run(&split, data, size, &rng, 0);
    check_same(&whole, &split);
    isc_leases_free(split.p);
    if (size <= 4096) {
        run(&bytes, data, size, NULL, 1);
        check_same(&whole, &bytes);
        isc_leases_free(bytes.p);
    }
    isc_leases_free(whole.p);
    return 0;
}
