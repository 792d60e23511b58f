#ifndef CDS_ISC_CONF_H
#define CDS_ISC_CONF_H

/* dhcpd.conf parser: plugin/isc/isc_conf.c. It takes bytes and never opens a
 * file; `include "FILE";` goes through a callback the caller supplies. Only
 * what defines the counted addresses is kept: subnets, ranges, the pools'
 * failover peers and the peers' roles. Everything else is skipped. */

#include <stddef.h>
#include <stdint.h>

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

typedef struct isc_conf {
    isc_subnet_t *subnets;
    size_t nsubnets, subnets_cap;
    isc_range_t *ranges;
    size_t nranges, ranges_cap;
    isc_peer_t *peers;
    size_t npeers, peers_cap;
    size_t nsubnet6;                 /* subnet6 declarations, counted but not read */
    char pid_file[ISC_NAME_MAX * 2]; /* pid-file-name "FILE";, "" when not set */
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

#endif
