/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_KEA_DECODE_H
#define CDS_KEA_DECODE_H

/* Kea control-channel replies, bytes in, structs out: plugin/kea/kea_decode.c.
 * No I/O here. Each decoder accepts both shapes Kea answers with: the object a
 * daemon's unix socket sends, and the list (one object per service) the
 * Control Agent and, since Kea 2.7.2, the daemons' own HTTP sockets send.
 * Every decoder returns 0 or one of the negative codes below (apart from the
 * sources' SOURCE_* codes), with one sentence in err for every failure. */

#include <stddef.h>
#include <stdint.h>

#include "scope.h"

#define KEA_E_FAIL (-1)              /* malformed reply, or result 1 for another reason */
#define KEA_E_UNSUPPORTED (-10)      /* result 2: the command is not supported (hook not loaded) */
#define KEA_E_DOWN (-11)             /* the Control Agent could not reach the daemon ("unable to
                                      * forward command to the dhcp4 service: ..."); err holds
                                      * Kea's own words */
#define KEA_E_SERVICE (-12)          /* a daemon's own HTTP socket (3.1.9+) refused the service
                                      * named in the request ("unsupported service ...") */

enum kea_family { KEA_V4 = 4, KEA_V6 = 6 };

typedef struct kea_version {
    unsigned major, minor, patch;
} kea_version_t;

/* 1 when v is at least major.minor.patch. */
int kea_version_at_least(const kea_version_t *v, unsigned major, unsigned minor, unsigned patch);

/* One pool of a subnet as config-get describes it. */
typedef struct kea_pool {
    uint8_t kind;                    /* SCOPE_ADDRESSES (v4, IA_NA) or SCOPE_PREFIXES (IA_PD) */
    uint8_t delegated;               /* SCOPE_PREFIXES: the length it delegates */
    uint32_t pool_id;                /* Kea's pool-id (2.4+), 0 when not configured */
    addr_t first, last;              /* SCOPE_ADDRESSES: its first and last address;
                                      * SCOPE_PREFIXES: first holds prefix/prefix-len */
    count_t size;                    /* addresses, or prefixes it can delegate, exactly */
    char text[96];                   /* as the report shows it: Kea's "FIRST-LAST" or
                                      * "PREFIX/LEN", "PREFIX/LEN as /DLEN" for PD */
    char client_class[SCOPE_TEXT_MAX]; /* the class(es) it is restricted to, "" for any client */
} kea_pool_t;

typedef struct kea_subnet {
    uint32_t id;                     /* Kea subnet-id */
    addr_t addr;                     /* subnet address and prefix length */
    char network[SCOPE_TEXT_MAX];    /* shared-network name, "" when none */
    char comment[SCOPE_TEXT_MAX];    /* user-context.comment, "" when none */
    int relationship;                /* index into kea_config.rels, -1 for none */
    size_t pool0, npools;            /* its pools: kea_config.pools[pool0 .. pool0 + npools) */
    count_t na_total, pd_total;      /* sum of its address pools, of its prefix-delegation pools */
    unsigned na_pools, pd_pools;     /* how many of each */
    unsigned na_groups, pd_groups;   /* how many distinct pool-ids among each */
    unsigned reserved_outside;       /* host reservations (addresses) outside its pools */
} kea_subnet_t;

/* One HA relationship configured in the HA hook's parameters. */
typedef struct kea_rel {
    char server[SCOPE_TEXT_MAX];     /* this-server-name */
    char mode[32];
    size_t peer0, npeers;            /* its peers' names: kea_config.peers[peer0 .. peer0 + npeers) */
} kea_rel_t;

typedef struct kea_config {
    int family;                      /* KEA_V4 (Dhcp4) or KEA_V6 (Dhcp6) */
    kea_subnet_t *subnets;
    size_t count;
    kea_pool_t *pools;
    size_t npools;
    int ha_configured;               /* libdhcp_ha is loaded */
    kea_rel_t *rels;                 /* the relationships of its high-availability list */
    size_t nrels;
    char (*peers)[SCOPE_TEXT_MAX];
    size_t npeers;
    size_t caps[4];                  /* room of subnets, pools, rels, peers */
} kea_config_t;

/* What Kea says of one subnet, or of one pool (id is then the pool-id). The
 * meaning of assigned (with or without the declined leases) depends on the
 * command and Kea's version: kea_stats.assigned_has_declined tells. */
typedef struct kea_stat {
    uint32_t subnet_id;
    uint32_t pool_id;                /* pool rows only */
    uint8_t kind;                    /* pool rows: SCOPE_ADDRESSES (pool[P]) or SCOPE_PREFIXES (pd-pool[P]) */
    uint8_t has_total, total_exact;  /* the total was sent; it is exact (not Kea 2.2's -1 for a
                                      * figure past int64, and below the 2^64 - 1 where json-c stops) */
    uint8_t has_assigned, has_pd;    /* a row may lack some figures; has_pd: the prefix figures */
    uint8_t pd_total_exact;
    count_t total, pd_total;
    uint64_t assigned, declined, pd_assigned;
} kea_stat_t;

typedef struct kea_stats {
    kea_stat_t *rows;                /* one per subnet, sorted by subnet id */
    size_t count, cap;
    kea_stat_t *pools;               /* per-pool rows (statistic-get-all, Kea 2.4+), sorted */
    size_t npools, pcap;
    int assigned_has_declined;       /* assigned counts the declined leases too */
} kea_stats_t;

/* One HA relationship as status-get reports it. */
typedef struct kea_ha {
    char server[SCOPE_TEXT_MAX];     /* local.server-name (Kea 2.5.5+), "" before */
    char partner[SCOPE_TEXT_MAX];    /* remote.server-name (Kea 2.5.5+), "" before */
    char mode[32];
    char role[32];                   /* local role */
    char state[48];                  /* local state */
    char partner_role[32];
    char partner_state[48];          /* remote last-state, "" when unknown */
    int has_partner;
    int communication_interrupted;   /* remote.communication-interrupted */
    int nscopes;                     /* local.scopes: whose scopes this server serves */
} kea_ha_t;

typedef struct kea_ha_list {
    kea_ha_t *items;                 /* in the order status-get lists them */
    size_t count;
} kea_ha_list_t;

/* One reply as it is read, fed in pieces as they arrive (so that json-c
 * parses while Kea still sends): kea_reply_feed is a sink for the transport.
 * It returns 0, or -1 once the bytes can no longer make a valid reply (the
 * rest need not be read); the decoder then says why. */
typedef struct kea_reply kea_reply_t;
kea_reply_t *kea_reply_new(void);
int kea_reply_feed(void *reply, const char *data, size_t len);
void kea_reply_free(kea_reply_t *reply);

/* Each decoder takes a whole reply (kea_decode_X) or one that was fed
 * (kea_decode_X_reply: the reply keeps what json-c built until it is freed). */

/* version-get: the version from text ("2.2.0"), or from the first line of
 * arguments.extended. */
int kea_decode_version(const char *text, size_t len, kea_version_t *out, char *err, size_t errlen);
int kea_decode_version_reply(kea_reply_t *reply, kea_version_t *out, char *err, size_t errlen);

/* config-get: the family (Dhcp4 or Dhcp6), every subnet at top level and in
 * shared-networks with its pools, prefix-delegation pools and reservations
 * outside its pools, and the HA hook's relationships with each subnet tied to
 * its own (user-context ha-server-name, of the subnet or its shared network). */
int kea_decode_config(const char *text, size_t len, kea_config_t *out, char *err, size_t errlen);
int kea_decode_config_reply(kea_reply_t *reply, kea_config_t *out, char *err, size_t errlen);

/* stat-lease4-get / stat-lease6-get (stat_cmds hook), columns read by name.
 * Sets assigned_has_declined to 0: the caller knows whether this Kea counts
 * declined leases in assigned-addresses / assigned-nas (3.1.2 and later). */
int kea_decode_stat_lease(const char *text, size_t len, int family, kea_stats_t *out, char *err,
                          size_t errlen);
int kea_decode_stat_lease_reply(kea_reply_t *reply, int family, kea_stats_t *out, char *err, size_t errlen);

/* statistic-get-all: the newest sample of each subnet[N].X and, where Kea
 * has them (2.4+), subnet[N].pool[P].X and subnet[N].pd-pool[P].X. Sets
 * assigned_has_declined (Kea counts declined leases there in every version). */
int kea_decode_statistics(const char *text, size_t len, int family, kea_stats_t *out, char *err,
                          size_t errlen);
int kea_decode_statistics_reply(kea_reply_t *reply, int family, kea_stats_t *out, char *err, size_t errlen);

/* status-get: every high-availability relationship (none without HA). */
int kea_decode_ha(const char *text, size_t len, kea_ha_list_t *out, char *err, size_t errlen);
int kea_decode_ha_reply(kea_reply_t *reply, kea_ha_list_t *out, char *err, size_t errlen);

/* The plugin state of an HA status (the table in docs/kea.md). */
int kea_ha_plugin_state(const kea_ha_t *ha);

/* The subnet row for a subnet id, or NULL. */
const kea_stat_t *kea_stats_find(const kea_stats_t *stats, uint32_t id);

/* The pool row for a subnet, kind and pool-id, or NULL. */
const kea_stat_t *kea_stats_find_pool(const kea_stats_t *stats, uint32_t subnet_id, int kind, uint32_t pool_id);

/* The leases a row counts as taken: assigned and declined, declined counted once. */
uint64_t kea_stat_taken(const kea_stats_t *stats, const kea_stat_t *row);

/* The leases in use: assigned without the declined ones. */
uint64_t kea_stat_used(const kea_stats_t *stats, const kea_stat_t *row);

void kea_config_free(kea_config_t *cfg);
void kea_stats_free(kea_stats_t *stats);
void kea_ha_list_free(kea_ha_list_t *list);

#endif
