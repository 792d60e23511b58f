#ifndef CDS_ISC_LEASES_H
#define CDS_ISC_LEASES_H

/* dhcpd.leases streaming push parser: plugin/isc/isc_leases.c. Bytes are fed
 * in chunks split anywhere; the last complete block for an address wins and an
 * unfinished last block (a file being appended to) is ignored. Only addresses
 * inside the spans given up front are kept, one state byte and one end time
 * each, so memory follows the pools' size, not the file's. */

#include <stddef.h>
#include <stdint.h>

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
    ISC_LEASE_BACKUP
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

typedef struct isc_leases isc_leases_t;

/* Sorts spans and merges overlapping or adjacent ones in place; returns the
 * new count. */
size_t isc_spans_merge(isc_span_t *spans, size_t n);

/* A parser for addresses inside spans (sorted and disjoint, copied). name is
 * the file name used in messages. NULL with a sentence in err on failure. */
isc_leases_t *isc_leases_new(const char *name, const isc_span_t *spans, size_t nspans,
                             char *err, size_t errlen);

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

size_t isc_leases_npeers(const isc_leases_t *p);
const isc_leases_peer_t *isc_leases_peer(const isc_leases_t *p, size_t i);

/* The peer's block, or NULL when the file had none for that name. */
const isc_leases_peer_t *isc_leases_find_peer(const isc_leases_t *p, const char *name);

void isc_leases_free(isc_leases_t *p);

#endif
