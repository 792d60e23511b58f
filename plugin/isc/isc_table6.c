#include "isc_table6.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_EMPTY UINT32_MAX
#define MIN_SLOTS ((size_t)1 << 10)

typedef struct u128 {
    uint64_t hi, lo;
} u128_t;

/* A piece of the pools of one kind that no pool boundary cuts: every address
 * in it belongs to the same pools. delegated is the first such pool's. */
typedef struct atom {
    u128_t low, high;
    uint8_t kind, delegated;
} atom_t;

/* 32 bytes: the table's whole cost per lease. */
typedef struct slot {
    uint64_t hi, lo;                 /* the address, network order as two halves */
    uint32_t atom;                   /* SLOT_EMPTY when the slot is free */
    uint32_t ends;
    uint32_t ia;                     /* hash of the key of the IA the lease belongs to */
    uint8_t state;                   /* enum isc_binding */
    uint8_t kind;                    /* enum isc_ia */
} slot_t;

struct isc_table6 {
    atom_t *atoms;
    size_t natoms;
    size_t hint;                     /* the last atom found: leases come grouped by pool */
    slot_t *slots;
    size_t cap, used;                /* cap is a power of two */
    isc_counts6_t *tally;            /* per atom, as of tally_now */
    int64_t tally_now;
    int tally_ok;
};

static u128_t u128_of(const uint8_t b[16])
{
    u128_t v = { 0, 0 };

    for (int i = 0; i < 8; i++) {
        v.hi = v.hi << 8 | b[i];
        v.lo = v.lo << 8 | b[8 + i];
    }
    return v;
}

static int u128_cmp(u128_t a, u128_t b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

static u128_t u128_inc(u128_t a)
{
    a.lo++;
    if (a.lo == 0)
        a.hi++;
    return a;
}

static u128_t u128_dec(u128_t a)
{
    if (a.lo == 0)
        a.hi--;
    a.lo--;
    return a;
}

static int u128_is_max(u128_t a)
{
    return a.hi == UINT64_MAX && a.lo == UINT64_MAX;
}

/* Orders by kind, then address. */
static int point_cmp(unsigned ka, u128_t a, unsigned kb, u128_t b)
{
    if (ka != kb)
        return ka < kb ? -1 : 1;
    return u128_cmp(a, b);
}

typedef struct bound {
    u128_t at;
    uint8_t kind;
} bound_t;

static int bound_cmp(const void *x, const void *y)
{
    const bound_t *a = x, *b = y;

    return point_cmp(a->kind, a->at, b->kind, b->at);
}

/* The atom of kind holding a, or SIZE_MAX. */
static size_t atom_find(const isc_table6_t *t, unsigned kind, u128_t a)
{
    size_t lo = 0, hi = t->natoms;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const atom_t *m = &t->atoms[mid];

        if (point_cmp(kind, a, m->kind, m->low) < 0)
            hi = mid;
        else if (point_cmp(kind, a, m->kind, m->high) > 0)
            lo = mid + 1;
        else
            return mid;
    }
    return SIZE_MAX;
}

/* The first atom not before (kind, a): its index, natoms when none. */
static size_t atom_lower(const isc_table6_t *t, unsigned kind, u128_t a)
{
    size_t lo = 0, hi = t->natoms;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (point_cmp(t->atoms[mid].kind, t->atoms[mid].high, kind, a) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* next[i]: the first atom at or after i that no earlier pool claimed. */
static size_t next_free(size_t *next, size_t i)
{
    while (next[i] != i) {
        next[i] = next[next[i]];
        i = next[i];
    }
    return i;
}

/* Cuts the pools into atoms at every pool's first address and just past its
 * last, keeps the pieces some pool covers, and gives each the delegated
 * length of the first pool (in the given order) that covers it. */
static int build_atoms(isc_table6_t *t, const isc_pool6_t *pools, size_t n)
{
    bound_t *b = malloc((2 * n + 1) * sizeof *b);
    size_t *next = NULL, nb = 0, i, k;
    uint8_t *covered = NULL;
    int to_end[3] = { 0, 0, 0 };

    if (!b)
        return -1;
    for (i = 0; i < n; i++) {
        u128_t lo = u128_of(pools[i].low.bytes), hi = u128_of(pools[i].high.bytes);

        b[nb].at = lo;
        b[nb++].kind = pools[i].kind;
        if (u128_is_max(hi)) {
            to_end[pools[i].kind] = 1;
        } else {
            b[nb].at = u128_inc(hi);
            b[nb++].kind = pools[i].kind;
        }
    }
    if (nb > 1)
        qsort(b, nb, sizeof *b, bound_cmp);
    for (i = 0, k = 0; i < nb; i++)
        if (k == 0 || bound_cmp(&b[k - 1], &b[i]) != 0)
            b[k++] = b[i];
    nb = k;
    t->atoms = malloc((nb ? nb : 1) * sizeof *t->atoms);
    next = malloc((nb + 1) * sizeof *next);
    covered = calloc(nb ? nb : 1, 1);
    if (!t->atoms || !next || !covered) {
        free(b);
        free(next);
        free(covered);
        return -1;
    }
    /* A candidate atom runs from one boundary to just before the next of
     * its kind; after a kind's last one only when a pool reaches the end. */
    t->natoms = 0;
    for (i = 0; i < nb; i++) {
        atom_t *a = &t->atoms[t->natoms];

        if (i + 1 < nb && b[i + 1].kind == b[i].kind) {
            a->high = u128_dec(b[i + 1].at);
        } else if (to_end[b[i].kind]) {
            a->high.hi = a->high.lo = UINT64_MAX;
        } else {
            continue;
        }
        a->low = b[i].at;
        a->kind = b[i].kind;
        a->delegated = 0;
        t->natoms++;
    }
    free(b);
    for (i = 0; i <= t->natoms; i++)
        next[i] = i;
    for (i = 0; i < n; i++) {
        u128_t lo = u128_of(pools[i].low.bytes), hi = u128_of(pools[i].high.bytes);
        size_t j = atom_lower(t, pools[i].kind, lo);

        for (j = next_free(next, j); j < t->natoms && t->atoms[j].kind == pools[i].kind
                                     && u128_cmp(t->atoms[j].low, hi) <= 0;
             j = next_free(next, j)) {
            t->atoms[j].delegated = pools[i].delegated;
            covered[j] = 1;
            next[j] = j + 1;
        }
    }
    for (i = 0, k = 0; i < t->natoms; i++)
        if (covered[i])
            t->atoms[k++] = t->atoms[i];
    t->natoms = k;
    free(next);
    free(covered);
    return 0;
}

isc_table6_t *isc_table6_new(const isc_pool6_t *pools, size_t n, char *err, size_t errlen)
{
    isc_table6_t *t = calloc(1, sizeof *t);
    size_t i;

    for (i = 0; i < n; i++) {
        if (pools[i].kind > ISC_IA_PD || addr_cmp(&pools[i].low, &pools[i].high) > 0
            || pools[i].low.family != ADDR_V6 || pools[i].high.family != ADDR_V6) {
            snprintf(err, errlen, "internal error: a DHCPv6 pool is not an IPv6 interval");
            free(t);
            return NULL;
        }
    }
    if (!t || n > SIZE_MAX / 4 || build_atoms(t, pools, n) < 0) {
        isc_table6_free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->tally = calloc(t->natoms ? t->natoms : 1, sizeof *t->tally);
    t->cap = MIN_SLOTS;
    t->slots = malloc(t->cap * sizeof *t->slots);
    if (!t->tally || !t->slots) {
        isc_table6_free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (i = 0; i < t->cap; i++)
        t->slots[i].atom = SLOT_EMPTY;
    return t;
}

void isc_table6_free(isc_table6_t *t)
{
    if (!t)
        return;
    free(t->atoms);
    free(t->slots);
    free(t->tally);
    free(t);
}

/* Addresses in a pool often differ in their last bits only, or at random in
 * the low 64: the halves and the kind are mixed through splitmix64's finish. */
static size_t hash(uint64_t hi, uint64_t lo, unsigned kind)
{
    uint64_t h = lo ^ (hi * 0x9E3779B97F4A7C15u) ^ ((uint64_t)kind << 61);

    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBu;
    h ^= h >> 31;
    return (size_t)h;
}

static slot_t *lookup(const isc_table6_t *t, uint64_t hi, uint64_t lo, unsigned kind)
{
    size_t mask = t->cap - 1, i = hash(hi, lo, kind) & mask;

    for (;;) {
        slot_t *s = &t->slots[i];

        if (s->atom == SLOT_EMPTY || (s->lo == lo && s->hi == hi && s->kind == kind))
            return s;
        i = (i + 1) & mask;
    }
}

static int grow(isc_table6_t *t)
{
    size_t cap = t->cap * 2, i;
    slot_t *old = t->slots, *nv = malloc(cap * sizeof *nv);

    if (!nv)
        return -1;
    for (i = 0; i < cap; i++)
        nv[i].atom = SLOT_EMPTY;
    t->slots = nv;
    t->cap = cap;
    for (i = 0; i < cap / 2; i++)
        if (old[i].atom != SLOT_EMPTY)
            *lookup(t, old[i].hi, old[i].lo, old[i].kind) = old[i];
    free(old);
    return 0;
}

/* The slot for (kind, a) in atom, made when missing; NULL when the table is
 * full or out of memory. */
static slot_t *slot_for(isc_table6_t *t, unsigned kind, u128_t a, size_t atom)
{
    slot_t *s = lookup(t, a.hi, a.lo, kind);

    if (s->atom != SLOT_EMPTY)
        return s;
    if (t->used >= ISC_TABLE6_MAX)
        return NULL;
    /* At most 3/4 full, so that a probe stays short. */
    if ((t->used + 1) * 4 > t->cap * 3) {
        if (grow(t) < 0)
            return NULL;
        s = lookup(t, a.hi, a.lo, kind);
    }
    s->hi = a.hi;
    s->lo = a.lo;
    s->kind = (uint8_t)kind;
    s->atom = (uint32_t)atom;
    s->state = ISC_LEASE_NONE;
    s->ends = ISC_ENDS_NONE;
    s->ia = 0;
    t->used++;
    return s;
}

static size_t find(isc_table6_t *t, unsigned kind, u128_t a)
{
    size_t h = t->hint;

    if (h < t->natoms && t->atoms[h].kind == kind && u128_cmp(a, t->atoms[h].low) >= 0
        && u128_cmp(a, t->atoms[h].high) <= 0)
        return h;
    h = atom_find(t, kind, a);
    if (h != SIZE_MAX)
        t->hint = h;
    return h;
}

static int fix_one(isc_table6_t *t, unsigned kind, u128_t a, unsigned plen)
{
    size_t atom = find(t, kind, a);
    slot_t *s;

    if (atom == SIZE_MAX || (kind == ISC_IA_PD && t->atoms[atom].delegated != plen))
        return 0;
    s = slot_for(t, kind, a, atom);
    if (!s)
        return -1;
    s->state = ISC_LEASE_FIXED;
    s->ends = ISC_ENDS_NONE;
    t->tally_ok = 0;
    return 0;
}

int isc_table6_fix(isc_table6_t *t, const addr_t *a)
{
    u128_t v = u128_of(a->bytes);

    if (a->family != ADDR_V6)
        return 0;
    if (a->prefix == 128)
        return fix_one(t, ISC_IA_NA, v, 128) < 0 || fix_one(t, ISC_IA_TA, v, 128) < 0 ? -1 : 0;
    /* A prefix with host bits set names no prefix a pool hands out. */
    if (addr_has_host_bits(a))
        return 0;
    return fix_one(t, ISC_IA_PD, v, a->prefix);
}

static int in_pool(unsigned state)
{
    return state == ISC_LEASE_ACTIVE || state == ISC_LEASE_ABANDONED;
}

int isc_table6_apply(isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16], unsigned plen,
                     enum isc_binding state, uint32_t ends, uint32_t ia)
{
    u128_t a = u128_of(addr);
    size_t atom = find(t, kind, a);
    slot_t *s;

    if (atom == SIZE_MAX || (kind == ISC_IA_PD && t->atoms[atom].delegated != plen))
        return 0;
    s = slot_for(t, kind, a, atom);
    if (!s)
        return -1;
    t->tally_ok = 0;
    if (s->state == ISC_LEASE_FIXED)
        return 0;
    /* dhcpd keeps a lease another IA holds when this block does not take
     * the address over: two clients' blocks are not "the last one wins". */
    if (in_pool(s->state) && s->ia != ia && !in_pool(state))
        return 0;
    s->state = (uint8_t)state;
    s->ends = ends;
    s->ia = ia;
    return 0;
}

enum isc_binding isc_table6_get(const isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16], uint32_t *ends)
{
    u128_t a = u128_of(addr);
    const slot_t *s = lookup(t, a.hi, a.lo, kind);

    *ends = ISC_ENDS_NONE;
    if (s->atom == SLOT_EMPTY)
        return ISC_LEASE_NONE;
    *ends = s->ends;
    return (enum isc_binding)s->state;
}

static void tally_add(isc_counts6_t *c, const slot_t *s, int64_t now)
{
    switch (s->state) {
    case ISC_LEASE_ACTIVE:
        c->active++;
        if (s->ends != ISC_ENDS_NONE && s->ends != ISC_ENDS_NEVER && (int64_t)s->ends <= now)
            c->active_expired++;
        break;
    case ISC_LEASE_EXPIRED: c->expired++; break;
    case ISC_LEASE_RELEASED: c->released++; break;
    case ISC_LEASE_ABANDONED: c->abandoned++; break;
    case ISC_LEASE_FIXED: c->fixed++; break;
    default: c->free++; break;
    }
}

static void sum(isc_counts6_t *to, const isc_counts6_t *c)
{
    to->active += c->active;
    to->active_expired += c->active_expired;
    to->expired += c->expired;
    to->released += c->released;
    to->abandoned += c->abandoned;
    to->free += c->free;
    to->fixed += c->fixed;
}

void isc_table6_count(isc_table6_t *t, const isc_pool6_t *range, int64_t now, isc_counts6_t *out)
{
    u128_t lo = u128_of(range->low.bytes), hi = u128_of(range->high.bytes);
    size_t i;

    memset(out, 0, sizeof *out);
    if (!t->tally_ok || t->tally_now != now) {
        memset(t->tally, 0, (t->natoms ? t->natoms : 1) * sizeof *t->tally);
        for (i = 0; i < t->cap; i++)
            if (t->slots[i].atom != SLOT_EMPTY)
                tally_add(&t->tally[t->slots[i].atom], &t->slots[i], now);
        t->tally_now = now;
        t->tally_ok = 1;
    }
    if (u128_cmp(lo, hi) > 0)
        return;
    for (i = atom_lower(t, range->kind, lo); i < t->natoms && t->atoms[i].kind == range->kind
                                             && u128_cmp(t->atoms[i].low, hi) <= 0;
         i++) {
        const atom_t *a = &t->atoms[i];

        if (u128_cmp(a->low, lo) >= 0 && u128_cmp(a->high, hi) <= 0) {
            sum(out, &t->tally[i]);
            continue;
        }
        /* A range that cuts an atom is none the configuration made (those
         * end on atom boundaries): the slow way, slot by slot. */
        for (size_t k = 0; k < t->cap; k++) {
            const slot_t *s = &t->slots[k];
            u128_t v = { s->hi, s->lo };

            if (s->atom == i && u128_cmp(v, lo) >= 0 && u128_cmp(v, hi) <= 0)
                tally_add(out, s, now);
        }
    }
}

size_t isc_table6_size(const isc_table6_t *t)
{
    return t->used;
}
