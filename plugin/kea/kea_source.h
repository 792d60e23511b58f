/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_KEA_SOURCE_H
#define CDS_KEA_SOURCE_H

/* The kea source: its options (plugin/kea/kea_options.c, in every build) and
 * the steps of its fetch that turn decoded replies into the scope model
 * (plugin/kea/kea_source.c, in builds with json-c and libcurl), apart so
 * that unit tests can run them on recorded replies. */

#include <stddef.h>

#include "kea_decode.h"
#include "scope.h"
#include "source.h"

typedef struct kea_options {
    const char *socket;              /* --socket: a Kea daemon's unix control socket */
    const char *url;                 /* --url: the Control Agent, or a daemon's own HTTP(S) socket (2.7.2+) */
    const char *service;             /* --service: dhcp4 or dhcp6 */
    const char *credentials;         /* --credentials: file with user:password */
    const char *cacert, *cert, *key; /* --cacert, --cert, --key */
} kea_options_t;

/* The fetch, or this build's sentence saying it lacks the Kea source. */
int kea_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen);

/* "" when this build has the Kea source, else why not. */
extern const char kea_missing[];

/* What one check learnt from Kea, decoded. */
typedef struct kea_facts {
    kea_version_t version;
    kea_config_t cfg;
    kea_stats_t lease;               /* stat-lease4-get / stat-lease6-get, or statistic-get-all without stat_cmds */
    kea_stats_t pools;               /* statistic-get-all for the per-pool figures (Kea 2.4+), when asked */
    int has_pools;                   /* pools holds statistic-get-all (possibly the same reply as lease) */
    kea_ha_list_t ha;                /* status-get */
} kea_facts_t;

/* Whether stat-lease4-get / stat-lease6-get count declined leases in
 * assigned-addresses / assigned-nas: Kea 3.1.2 and later (ChangeLog 2393). */
int kea_lease_counts_declined(const kea_version_t *v);

/* Whether the per-pool figures of statistic-get-all add something for this
 * configuration: a Kea with per-pool statistics (2.3.8+) and a subnet with
 * pools under more than one pool-id, or reservations outside its pools. */
int kea_wants_pool_stats(const kea_version_t *v, const kea_config_t *cfg);

/* Adds the HA relationships (from config-get, in its order, with their state
 * from status-get; one saying so when status-get does not report one) and
 * sets rel_failover[r] to the failover index of relationship r (index 0 for
 * all subnets when the configuration names no relationships): rel_failover
 * has room for max(cfg->nrels, 1). 0, or -1 when out of memory. */
int kea_add_failovers(scope_list_t *out, const kea_config_t *cfg, const kea_ha_list_t *ha, int *rel_failover);

/* One scope per subnet (and one more per DHCPv6 subnet with prefix-delegation
 * pools), with their pools when per-pool figures are there. 0, or -1 with one
 * sentence (a subnet without statistics, out of memory). */
int kea_fill_scopes(scope_list_t *out, const kea_facts_t *facts, const int *rel_failover, char *err,
                    size_t errlen);

void kea_facts_free(kea_facts_t *facts);

#endif
