/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_ISC_TABLE6_H
#define CDS_ISC_TABLE6_H

/* The DHCPv6 leases inside dhcpd's pools, as a leases file rebuilds them:
 * plugin/isc/isc_table6.c, used by the leases parser (isc_leases.c). A hash
 * table keyed by kind and address holds only what lease blocks (and fixed
 * hosts) name inside a pool, so its size follows the file, never the pools'.
 * The pools are cut into disjoint pieces ("atoms") at every pool's ends, and
 * counting tallies each piece once, so any number of scopes costs one pass. */

#include <stddef.h>
#include <stdint.h>

#include "isc_leases.h"

/* End times as both parsers store them: 32 bits of seconds since the epoch
 * cover every lease dhcpd writes before 2106; later ones are clamped. */
#define ISC_ENDS_NONE 0u
#define ISC_ENDS_NEVER 0xFFFFFFFFu
#define ISC_ENDS_LAST 0xFFFFFFFEu

/* The most leases (and fixed hosts) the table holds, about 450 MiB. */
#define ISC_TABLE6_MAX (((size_t)1 << 24) - 2)

typedef struct isc_table6 isc_table6_t;

/* pools in the configuration's order (copied). NULL with a sentence in err. */
isc_table6_t *isc_table6_new(const isc_pool6_t *pools, size_t n, char *err, size_t errlen);

void isc_table6_free(isc_table6_t *t);

/* A host's fixed address (a->prefix 128: NA and TA pools) or prefix: kept
 * out of the pool that holds it, whatever blocks say later. 0, or -1 when
 * out of memory or past ISC_TABLE6_MAX. */
int isc_table6_fix(isc_table6_t *t, const addr_t *a);

/* One iaaddr (plen 128) or iaprefix block of the IA whose key hashes to ia,
 * applied as dhcpd applies it when it reads the file (cleanup_lease6):
 * ignored outside the pools, or for a prefix whose length is not its pool's;
 * a block that is not active or abandoned ends its own IA's lease but not
 * another IA's. addr is 16 bytes in network order, ends encoded as above.
 * 0, or -1 when out of memory or past ISC_TABLE6_MAX. */
int isc_table6_apply(isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16], unsigned plen,
                     enum isc_binding state, uint32_t ends, uint32_t ia);

/* Fetches the index slot of (kind, addr) into the cache: a parser that
 * calls it when a block opens finds it there when the block ends. */
void isc_table6_prefetch(const isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16]);

/* State and encoded end of (kind, addr); ISC_LEASE_NONE when not held. */
enum isc_binding isc_table6_get(const isc_table6_t *t, enum isc_ia kind, const uint8_t addr[16], uint32_t *ends);

/* The leases of range->kind inside [range->low, range->high] as of now. */
void isc_table6_count(isc_table6_t *t, const isc_pool6_t *range, int64_t now, isc_counts6_t *out);

/* Addresses and prefixes held. */
size_t isc_table6_size(const isc_table6_t *t);

#endif
