/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "isc_table6.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

/* An index slot: 0 when empty, else the entry's number plus one in the low
 * 24 bits and 8 more bits of the key's hash, so that most probes that do not
 * match never touch an entry. */
#define IDX_BITS 24
#define IDX_MASK ((1u << IDX_BITS) - 1)
#define MIN_INDEX ((size_t)1 << 10)

typedef struct u128 {
    uint64_t hi, lo;
} u128_t;

/* A piece of the pools of one kind that no pool boundary cuts: every address
 * in it belongs to the same pools. delegated is the first such pool's. */
typedef struct atom {
    u128_t low, high;
    uint8_t kind, delegated;
    uint8_t form;                    /* enum key_form */
} atom_t;

/* How an atom's addresses become 12-byte keys (id, v). Most atoms lie in one
 * /64, so the upper half is the atom's; delegated prefixes of /64 or shorter
 * have a zero lower half; in any other atom each /64 that holds a lease gets
 * an id of its own (a "wide" id, numbered after the atoms). */
enum key_form { FORM_LOW, FORM_HIGH, FORM_WIDE };

/* 24 bytes and the index's 4 at most 3/4 full: the table's cost per lease. */
#define BLOCK_BITS 16
#define BLOCK_ENTRIES ((size_t)1 << BLOCK_BITS)
typedef struct entry {
    uint64_t v;                      /* the half of the address the id does not give */
    uint32_t id;                     /* the atom, or a wide id */
    uint32_t ends;
    uint32_t ia;                     /* hash of the key of the IA the lease belongs to */
    uint8_t state;                   /* enum isc_binding */
} entry_t;

/* A /64 of a wide atom that holds leases. */
typedef struct wide {
    uint64_t hi;
    uint32_t atom;
} wide_t;

struct isc_table6 {
    atom_t *atoms;
    size_t natoms;
    size_t hint[3];                  /* per kind, the last atom found: leases come grouped by pool */
    /* Entries in blocks of BLOCK_ENTRIES, never moved: growing the table
     * never holds two copies of it. */
    entry_t **blocks;
    size_t nblocks, blocks_cap, nentries;
    uint32_t *index;                 /* open addressing over entries, a power of two long */
    size_t index_cap;
    wide_t *wides;
    size_t nwides, wides_cap;
    uint32_t *wide_index;            /* over wides, as index over entries */
    size_t wide_index_cap;
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
    isc_table6_t *t;
    size_t i;

    for (i = 0; i < n; i++) {
        if (pools[i].kind > ISC_IA_PD || addr_cmp(&pools[i].low, &pools[i].high) > 0
            || pools[i].low.family != ADDR_V6 || pools[i].high.family != ADDR_V6) {
            snprintf(err, errlen, "internal error: a DHCPv6 pool is not an IPv6 interval");
            return NULL;
        }
    }
    t = calloc(1, sizeof *t);
    if (!t || n > SIZE_MAX / 4 || build_atoms(t, pools, n) < 0) {
        isc_table6_free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (i = 0; i < t->natoms; i++) {
        atom_t *a = &t->atoms[i];

        if (a->kind == ISC_IA_PD && a->delegated <= 64)
            a->form = FORM_HIGH;
        else if (a->low.hi == a->high.hi)
            a->form = FORM_LOW;
        else
            a->form = FORM_WIDE;
    }
    t->tally = calloc(t->natoms ? t->natoms : 1, sizeof *t->tally);
    t->index_cap = t->wide_index_cap = MIN_INDEX;
    t->index = calloc(t->index_cap, sizeof *t->index);
    t->wide_index = calloc(t->wide_index_cap, sizeof *t->wide_index);
    if (!t->tally || !t->index || !t->wide_index) {
        isc_table6_free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return t;
}

void isc_table6_free(isc_table6_t *t)
{
    if (!t)
        return;
    free(t->atoms);
    for (size_t i = 0; i < t->nblocks; i++)
        free(t->blocks[i]);
    free(t->blocks);
    free(t->index);
    free(t->wides);
    free(t->wide_index);
    free(t->tally);
    free(t);
}

/* Addresses in a pool often differ in their last bits only, or at random in
 * the low 64: the halves and the kind are mixed through splitmix64's finish. */
static uint64_t hash(uint64_t hi, uint64_t lo, unsigned kind)
{
    uint64_t h = lo ^ (hi * 0x9E3779B97F4A7C15u) ^ ((uint64_t)kind << 61);

    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBu;
    h ^= h >> 31;
    return h;
}

/* The slot of the index where (h, match) is or would go. match tells
 * whether entry number i (0-based) is the one sought. */
#define PROBE(index, cap, h, match_expr, out)                                         \
    do {                                                                              \
        size_t mask_ = (cap) - 1, i_ = (size_t)(h) & mask_;                            \
        uint32_t fp_ = (uint32_t)((h) >> 56) << IDX_BITS;                              \
        for (;;) {                                                                    \
            uint32_t s_ = (index)[i_];                                                \
            if (s_ == 0)                                                              \
                break;                                                                \
            if ((s_ & ~IDX_MASK) == fp_) {                                            \
                size_t i = (s_ & IDX_MASK) - 1;                                       \
                (void)i;                                                              \
                if (match_expr)                                                       \
                    break;                                                            \
            }                                                                         \
            i_ = (i_ + 1) & mask_;                                                    \
        }                                                                             \
        (out) = i_;                                                                   \
    } while (0)

static uint32_t slot_value(size_t entry, uint64_t h)
{
    return (uint32_t)(entry + 1) | (uint32_t)(h >> 56) << IDX_BITS;
}

static entry_t *entry_at(const isc_table6_t *t, size_t i)
{
    return &t->blocks[i >> BLOCK_BITS][i & (BLOCK_ENTRIES - 1)];
}

static size_t atom_of(const isc_table6_t *t, uint32_t id)
{
    return id < t->natoms ? id : t->wides[id - t->natoms].atom;
}

/* The address an entry stands for. */
static u128_t entry_addr(const isc_table6_t *t, const entry_t *e)
{
    u128_t a;
    const atom_t *at = &t->atoms[atom_of(t, e->id)];

    if (at->form == FORM_HIGH) {
        a.hi = e->v;
        a.lo = 0;
    } else {
        a.hi = at->form == FORM_LOW ? at->low.hi : t->wides[e->id - t->natoms].hi;
        a.lo = e->v;
    }
    return a;
}

static int grow_index(uint32_t **index, size_t *cap, size_t n, const isc_table6_t *t, int wide)
{
    size_t ncap = *cap * 2, k;
    uint32_t *nv = calloc(ncap, sizeof *nv);

    if (!nv)
        return -1;
    for (k = 0; k < n; k++) {
        uint64_t h;
        size_t at;

        if (wide) {
            h = hash(t->wides[k].hi, t->wides[k].atom, 3);
        } else {
            const entry_t *e = entry_at(t, k);
            u128_t a = entry_addr(t, e);

            h = hash(a.hi, a.lo, t->atoms[atom_of(t, e->id)].kind);
        }
        PROBE(nv, ncap, h, 0, at);
        nv[at] = slot_value(k, h);
    }
    free(*index);
    *index = nv;
    *cap = ncap;
    return 0;
}

/* The wide id of the /64 at hi in a wide atom; made when make is set.
 * UINT32_MAX when missing (or out of memory). */
static uint32_t wide_id(isc_table6_t *t, size_t atom, uint64_t hi, int make)
{
    uint64_t h = hash(hi, atom, 3);
    size_t at;
    wide_t *nv;

    PROBE(t->wide_index, t->wide_index_cap, h, t->wides[i].hi == hi && t->wides[i].atom == atom, at);
    if (t->wide_index[at])
        return (uint32_t)(t->natoms + (t->wide_index[at] & IDX_MASK) - 1);
    if (!make || t->natoms + t->nwides >= UINT32_MAX - 1 || t->nwides >= IDX_MASK - 1)
        return UINT32_MAX;
    if ((t->nwides + 1) * 4 > t->wide_index_cap * 3) {
        if (grow_index(&t->wide_index, &t->wide_index_cap, t->nwides, t, 1) < 0)
            return UINT32_MAX;
        PROBE(t->wide_index, t->wide_index_cap, h, 0, at);
    }
    nv = vec_grow(t->wides, &t->wides_cap, t->nwides + 1, sizeof *t->wides);
    if (!nv)
        return UINT32_MAX;
    t->wides = nv;
    t->wides[t->nwides].hi = hi;
    t->wides[t->nwides].atom = (uint32_t)atom;
    t->wide_index[at] = slot_value(t->nwides, h);
    return (uint32_t)(t->natoms + t->nwides++);
}

/* The entry of address a in atom (kind), made when make is set; NULL when
 * missing, full (ISC_TABLE6_MAX) or out of memory. */
static entry_t *entry_for(isc_table6_t *t, size_t atom, u128_t a, int make)
{
    const atom_t *at = &t->atoms[atom];
    uint64_t h = hash(a.hi, a.lo, at->kind), v;
    uint32_t id = (uint32_t)atom;
    size_t slot;
    entry_t *e;

    if (at->form == FORM_HIGH) {
        if (a.lo)
            return NULL;             /* not the start of a prefix: none is kept for it */
        v = a.hi;
    } else {
        v = a.lo;
        if (at->form == FORM_WIDE) {
            id = wide_id(t, atom, a.hi, make);
            if (id == UINT32_MAX)
                return NULL;
        }
    }
    PROBE(t->index, t->index_cap, h, entry_at(t, i)->v == v && entry_at(t, i)->id == id, slot);
    if (t->index[slot])
        return entry_at(t, (t->index[slot] & IDX_MASK) - 1);
    if (!make || t->nentries >= ISC_TABLE6_MAX)
        return NULL;
    if ((t->nentries + 1) * 4 > t->index_cap * 3) {
        if (grow_index(&t->index, &t->index_cap, t->nentries, t, 0) < 0)
            return NULL;
        PROBE(t->index, t->index_cap, h, 0, slot);
    }
    if ((t->nentries & (BLOCK_ENTRIES - 1)) == 0) {
        entry_t **nb = vec_grow(t->blocks, &t->blocks_cap, t->nblocks + 1, sizeof *t->blocks);

        if (!nb)
            return NULL;
        t->blocks = nb;
        nb[t->nblocks] = malloc(BLOCK_ENTRIES * sizeof **nb);
        if (!nb[t->nblocks])
            return NULL;
        t->nblocks++;
    }
    e = entry_at(t, t->nentries);
    t->index[slot] = slot_value(t->nentries++, h);
    e->v = v;
    e->id = id;
    e->state = ISC_LEASE_NONE;
    e->ends = ISC_ENDS_NONE;
    e->ia = 0;
    return e;
}

static size_t find(isc_table6_t *t, unsigned kind, u128_t a)
{
    size_t h = t->hint[kind];

    if (h < t->natoms && t->atoms[h].kind == kind && u128_cmp(a, t->atoms[h].low) >= 0
        && u128_cmp(a, t->atoms[h].high) <= 0)
        return h;
    h = atom_find(t, kind, a);
    if (h != SIZE_MAX)
        t->hint[kind] = h;
    return h;
}

void isc_table6_prefetch(const isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16])
{
#if defined(__GNUC__)
    u128_t a = u128_of(addr);

    __builtin_prefetch(&t->index[hash(a.hi, a.lo, kind) & (t->index_cap - 1)]);
#else
    (void)t;
    (void)kind;
    (void)addr;
#endif
}

static int fix_one(isc_table6_t *t, unsigned kind, u128_t a, unsigned plen)
{
    size_t atom = find(t, kind, a);
    entry_t *e;

    if (atom == SIZE_MAX || (kind == ISC_IA_PD && t->atoms[atom].delegated != plen))
        return 0;
    e = entry_for(t, atom, a, 1);
    if (!e)
        return -1;
    e->state = ISC_LEASE_FIXED;
    e->ends = ISC_ENDS_NONE;
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
    entry_t *e;

    if (atom == SIZE_MAX || (kind == ISC_IA_PD && t->atoms[atom].delegated != plen))
        return 0;
    if (kind == ISC_IA_PD && t->atoms[atom].form == FORM_HIGH && a.lo)
        return 0;                    /* callers pass prefixes without host bits */
    e = entry_for(t, atom, a, 1);
    if (!e)
        return -1;
    t->tally_ok = 0;
    if (e->state == ISC_LEASE_FIXED)
        return 0;
    /* dhcpd keeps a lease another IA holds when this block does not take
     * the address over: two clients' blocks are not "the last one wins". */
    if (in_pool(e->state) && e->ia != ia && !in_pool(state))
        return 0;
    e->state = (uint8_t)state;
    e->ends = ends;
    e->ia = ia;
    return 0;
}

enum isc_binding isc_table6_get(const isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16], uint32_t *ends)
{
    u128_t a = u128_of(addr);
    size_t atom = atom_find(t, kind, a);
    const entry_t *e;

    *ends = ISC_ENDS_NONE;
    if (atom == SIZE_MAX)
        return ISC_LEASE_NONE;
    /* Looking up never makes an entry or a wide id. */
    e = entry_for((isc_table6_t *)(uintptr_t)t, atom, a, 0);
    if (!e)
        return ISC_LEASE_NONE;
    *ends = e->ends;
    return (enum isc_binding)e->state;
}

static void tally_add(isc_counts6_t *c, const entry_t *e, int64_t now)
{
    switch (e->state) {
    case ISC_LEASE_ACTIVE:
        c->active++;
        if (e->ends != ISC_ENDS_NONE && e->ends != ISC_ENDS_NEVER && (int64_t)e->ends <= now)
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
        for (i = 0; i < t->nentries; i++) {
            const entry_t *e = entry_at(t, i);

            tally_add(&t->tally[atom_of(t, e->id)], e, now);
        }
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
         * end on atom boundaries): the slow way, entry by entry. */
        for (size_t k = 0; k < t->nentries; k++) {
            const entry_t *e = entry_at(t, k);
            u128_t v;

            if (atom_of(t, e->id) != i)
                continue;
            v = entry_addr(t, e);
            if (u128_cmp(v, lo) >= 0 && u128_cmp(v, hi) <= 0)
                tally_add(out, e, now);
        }
    }
}

size_t isc_table6_size(const isc_table6_t *t)
{
    return t->nentries;
}
