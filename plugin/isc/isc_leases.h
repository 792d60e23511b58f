/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_ISC_LEASES_H
#define CDS_ISC_LEASES_H

/* dhcpd.leases streaming push parser: plugin/isc/isc_leases.c. Bytes are fed
 * in chunks split anywhere; the last complete block for an address wins and an
 * unfinished last block (a file being appended to) is ignored.
 *
 * A parser reads one family. For dhcpd -4 (isc_leases_new) only addresses
 * inside the spans given up front are kept, one state byte and one end time
 * each, so memory follows the pools' size, not the file's. For dhcpd -6
 * (isc_leases_new6) the pools are far too large for that (a /64 holds 2^64
 * addresses): the addresses and prefixes that ia-na, ia-ta and ia-pd blocks
 * name inside the pools go into a hash table (plugin/isc/isc_table6.c), so
 * memory follows the leases in the file. */

#include <stddef.h>
#include <stdint.h>

#include "isc_conf.h"

#define ISC_STATE_MAX 48

/* An inclusive address interval; span lists are sorted and disjoint. */
typedef struct isc_span {
    uint32_t low, high;
} isc_span_t;

/* Binding states as stored; ISC_LEASE_NONE means no block named the address. */
enum isc_binding {
    ISC_LEASE_NONE = 0,
    ISC_LEASE_FREE,
    ISC_LEASE_ACTIVE,
    ISC_LEASE_EXPIRED,
    ISC_LEASE_RELEASED,
    ISC_LEASE_ABANDONED,
    ISC_LEASE_RESET,
    ISC_LEASE_BACKUP,
    ISC_LEASE_FIXED                  /* DHCPv6: a host's fixed address or prefix, out of the pool */
};

/* What one `failover peer "NAME" state { }` block said (the last one wins). */
typedef struct isc_leases_peer {
    char name[128];
    char my_state[ISC_STATE_MAX];    /* "" when the block had no `my state` */
    char partner_state[ISC_STATE_MAX];
} isc_leases_peer_t;

/* Addresses of [low, high] by what their last lease block says. active counts
 * every active lease; active_expired is the part of it whose ends has passed
 * at the given time (a lease without ends, or `ends never`, never expires). */
typedef struct isc_counts {
    uint64_t total;
    uint64_t none, free, active, active_expired, expired, released, abandoned, reset, backup;
} isc_counts_t;

/* A DHCPv6 pool as dhcpd builds it from a range6 or prefix6: the addresses
 * [low, high] it covers (a prefix6's from the first prefix's first address to
 * the last one's last). */
typedef struct isc_pool6 {
    addr_t low, high;
    uint8_t kind;                    /* enum isc_ia */
    uint8_t delegated;               /* ISC_IA_PD: length of the prefixes it hands out; 128 otherwise */
} isc_pool6_t;

/* The DHCPv6 leases of a pool by what their last block says (addresses or
 * prefixes no block named are not counted: they are free). active counts
 * every active lease, active_expired the part of it whose ends has passed;
 * fixed counts the hosts' fixed addresses or prefixes dhcpd keeps out of it. */
typedef struct isc_counts6 {
    uint64_t active, active_expired, expired, released, abandoned, free, fixed;
} isc_counts6_t;

typedef struct isc_leases isc_leases_t;

/* Sorts spans and merges overlapping or adjacent ones in place; returns the
 * new count. */
size_t isc_spans_merge(isc_span_t *spans, size_t n);

/* A parser for addresses inside spans (sorted and disjoint, copied). name is
 * the file name used in messages. NULL with a sentence in err on failure. */
isc_leases_t *isc_leases_new(const char *name, const isc_span_t *spans, size_t nspans,
                             char *err, size_t errlen);

/* A parser for a dhcpd -6 leases file. pools as dhcpd makes them from the
 * range6 and prefix6 statements, in the configuration's order: they may
 * overlap, and as in dhcpd an address belongs to the first pool of its kind
 * that holds it. fixed: the hosts' fixed-address6 (prefix 128) and
 * fixed-prefix6, kept out of the pools that hold them as dhcpd does. NULL
 * with a sentence in err on failure. */
isc_leases_t *isc_leases_new6(const char *name, const isc_pool6_t *pools, size_t npools, const addr_t *fixed,
                              size_t nfixed, char *err, size_t errlen);

/* Consumes len bytes. Returns 0, or -1 once the content is malformed; the
 * sentence ("FILE:LINE: ...") is then in isc_leases_error(). */
int isc_leases_feed(isc_leases_t *p, const char *buf, size_t len);

/* Ends the input: an unfinished last statement or block is dropped. 0 or -1. */
int isc_leases_finish(isc_leases_t *p);

const char *isc_leases_error(const isc_leases_t *p);

/* State of one address (ISC_LEASE_NONE outside the spans) and its lease end:
 * 0 none recorded, INT64_MAX never, else seconds since the epoch (UTC). */
enum isc_binding isc_leases_get(const isc_leases_t *p, uint32_t addr, int64_t *ends);

/* Counts [low, high] as of now (seconds since the epoch). */
void isc_leases_count(const isc_leases_t *p, uint32_t low, uint32_t high, int64_t now,
                      isc_counts_t *out);

/* DHCPv6: the state of the address (ISC_IA_NA, ISC_IA_TA) or the prefix
 * starting at a (ISC_IA_PD) and its end as isc_leases_get gives it;
 * ISC_LEASE_NONE when no block named it inside a pool. */
enum isc_binding isc_leases_get6(isc_leases_t *p, enum isc_ia kind, const addr_t *a, int64_t *ends);

/* DHCPv6: the leases of kind inside [range->low, range->high] as of now. */
void isc_leases_count6(isc_leases_t *p, const isc_pool6_t *range, int64_t now, isc_counts6_t *out);

/* DHCPv6: how many addresses and prefixes the parser holds (leases and
 * fixed ones): what its memory follows. */
size_t isc_leases_size6(const isc_leases_t *p);

/* The line of the first block that belongs to the other family (`lease` in
 * a file read for dhcpd -6, `ia-na`, `ia-ta` or `ia-pd` for dhcpd -4), 0
 * when there is none: the file is the other server's. */
unsigned long isc_leases_other_family(const isc_leases_t *p);

size_t isc_leases_npeers(const isc_leases_t *p);
const isc_leases_peer_t *isc_leases_peer(const isc_leases_t *p, size_t i);

/* The peer's block, or NULL when the file had none for that name. */
const isc_leases_peer_t *isc_leases_find_peer(const isc_leases_t *p, const char *name);

void isc_leases_free(isc_leases_t *p);

#endif
