/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_ISC_CONF_H
#define CDS_ISC_CONF_H

/* dhcpd.conf parser: plugin/isc/isc_conf.c. It takes bytes and never opens a
 * file; `include "FILE";` goes through a callback the caller supplies. Only
 * what defines the counted addresses is kept: subnets, ranges, the pools'
 * failover peers and the peers' roles, and for dhcpd -6 subnet6, range6,
 * prefix6 and the hosts' fixed-address6 and fixed-prefix6. Everything else
 * is skipped. */

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define ISC_NAME_MAX 128
#define ISC_INCLUDE_DEPTH 16
#define ISC_NO_PEER (-1)

enum isc_role { ISC_ROLE_NONE = 0, ISC_ROLE_PRIMARY, ISC_ROLE_SECONDARY };

typedef struct isc_subnet {
    uint32_t addr, mask;             /* host order */
    int prefix;                      /* 0..32 */
    char shared[ISC_NAME_MAX];       /* shared-network name, "" when none */
} isc_subnet_t;

typedef struct isc_range {
    uint32_t low, high;              /* low <= high */
    size_t subnet;                   /* index into subnets */
    int peer;                        /* index into peers, ISC_NO_PEER when none */
} isc_range_t;

typedef struct isc_peer {
    char name[ISC_NAME_MAX];
    enum isc_role role;
} isc_peer_t;

/* What a DHCPv6 pool hands out, as dhcpd's pool types say. */
enum isc_ia {
    ISC_IA_NA = 0,                   /* range6: addresses (IA_NA) */
    ISC_IA_TA,                       /* range6 ... temporary: temporary addresses (IA_TA) */
    ISC_IA_PD                        /* prefix6: delegated prefixes (IA_PD) */
};

typedef struct isc_subnet6 {
    addr_t net;                      /* prefix and length, no host bits */
    char shared[ISC_NAME_MAX];       /* shared-network name, "" when none */
} isc_subnet6_t;

/* One range6 or prefix6 as the addresses [low, high] it covers (both with
 * prefix 128, low <= high). A prefix6 covers whole prefixes of length
 * delegated: low starts the first one and high ends the last one. */
typedef struct isc_range6 {
    addr_t low, high;
    size_t subnet;                   /* index into subnets6 */
    uint8_t kind;                    /* enum isc_ia */
    uint8_t delegated;               /* ISC_IA_PD: length of the prefixes it hands out; else 128 */
} isc_range6_t;

/* A host's fixed-address6 (prefix 128) or fixed-prefix6: dhcpd keeps it out
 * of the pool that holds it. */
typedef struct isc_fixed6 {
    addr_t addr;
} isc_fixed6_t;

typedef struct isc_conf {
    isc_subnet_t *subnets;
    size_t nsubnets, subnets_cap;
    isc_range_t *ranges;
    size_t nranges, ranges_cap;
    isc_peer_t *peers;
    size_t npeers, peers_cap;
    isc_subnet6_t *subnets6;
    size_t nsubnets6, subnets6_cap;
    isc_range6_t *ranges6;
    size_t nranges6, ranges6_cap;
    isc_fixed6_t *fixed6;
    size_t nfixed6, fixed6_cap;
    /* "FILE:LINE" of the first subnet and of the first subnet6, "" when
     * none: dhcpd runs one family per process and refuses a file with both. */
    char first_subnet[320], first_subnet6[320];
    char pid_file[ISC_NAME_MAX * 2]; /* pid-file-name "FILE";, "" when not set */
    char pid_file6[ISC_NAME_MAX * 2]; /* dhcpv6-pid-file-name "FILE";, dhcpd -6's */
} isc_conf_t;

/* Loads the file an include names. from is the including file's name as given
 * to the parser, name the text of the include statement. On success returns 0
 * with *data (malloc'ed, may be NULL when *len is 0) and *path (malloc'ed: the
 * name used for messages and include-loop detection); the parser frees both.
 * On failure returns -1 with one sentence naming the file in err. */
typedef int (*isc_include_fn)(void *ctx, const char *from, const char *name,
                              char **data, size_t *len, char **path,
                              char *err, size_t errlen);

/* Parses one dhcpd.conf held in data[0..len) into conf, which must be zeroed
 * (or freed) beforehand. file names the text in messages. include may be NULL,
 * then include statements are errors. Returns 0, or -1 with
 * "FILE:LINE: <sentence>" in err; conf must be freed either way. */
int isc_conf_parse(isc_conf_t *conf, const char *file, const char *data, size_t len,
                   isc_include_fn include, void *ctx, char *err, size_t errlen);

void isc_conf_free(isc_conf_t *conf);

/* A dotted quad in text[0..len) (not NUL-terminated) as dhcpd reads it: each
 * octet a decimal number, leading zeros allowed ("10.0.0.010" is 10.0.0.10).
 * 0 or -1. */
int isc_addr_parse(const char *text, size_t len, uint32_t *out);

/* An IPv6 address, or one with "/LENGTH", in text[0..len): the same result as
 * addr_parse and addr_parse_prefix (the prefix 128 without a length), only
 * IPv6, and fast for the hex groups dhcpd writes (a leases file holds
 * millions). 0 or -1. */
int isc_addr6_parse(const char *text, size_t len, addr_t *out);

#endif
