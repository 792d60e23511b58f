#ifndef CDS_KEA_DECODE_H
#define CDS_KEA_DECODE_H

/* Kea control-channel replies, bytes in, structs out: plugin/kea/kea_decode.c.
 * No I/O here. Each decoder accepts both shapes Kea answers with: the object a
 * kea-dhcp4 unix socket sends, and the array (one object per service) the
 * Control Agent sends. Every decoder returns 0, KEA_E_UNSUPPORTED when Kea
 * answered result 2 (command not supported: hook not loaded), or -1 with one
 * sentence in err; both failures leave a sentence in err. */

#include <stddef.h>
#include <stdint.h>

#include "scope.h"

#define KEA_E_UNSUPPORTED (-2)

typedef struct kea_subnet {
    uint32_t id;                     /* Kea subnet-id */
    addr_t addr;                     /* subnet address and prefix length */
    char network[SCOPE_TEXT_MAX];    /* shared-network name, "" when none */
    char comment[SCOPE_TEXT_MAX];    /* user-context.comment, "" when none */
    count_t pool_total;              /* sum of its pool sizes */
    int has_pools;
} kea_subnet_t;

typedef struct kea_config {
    kea_subnet_t *subnets;
    size_t count;
    int ha_configured;               /* libdhcp_ha is loaded with parameters */
    char ha_server[SCOPE_TEXT_MAX];  /* this-server-name of the first relationship */
    char ha_mode[32];
} kea_config_t;

typedef struct kea_stat {
    uint32_t id;
    uint64_t total, used, declined; /* used excludes declined, whatever the command */
    int has_total;
} kea_stat_t;

typedef struct kea_stats {
    kea_stat_t *rows;
    size_t count;
} kea_stats_t;

typedef struct kea_ha {
    int present;                     /* status-get has high-availability */
    char mode[32];
    char role[32];                   /* local role */
    char state[48];                  /* local state */
    char partner_role[32];
    char partner_state[48];          /* remote last-state, "" when unknown */
    int has_partner;
    int communication_interrupted;   /* remote.communication-interrupted */
    int nscopes;                     /* local.scopes: whose scopes this server serves */
} kea_ha_t;

/* config-get: every subnet4, at top level and in shared-networks, and whether
 * the HA hook is configured. */
int kea_decode_config(const char *text, size_t len, kea_config_t *out, char *err, size_t errlen);

/* stat-lease4-get (stat_cmds hook): columns read by name. */
int kea_decode_stat_lease4(const char *text, size_t len, kea_stats_t *out, char *err, size_t errlen);

/* statistic-get-all: subnet[N].* statistics, the newest sample of each. */
int kea_decode_statistics(const char *text, size_t len, kea_stats_t *out, char *err, size_t errlen);

/* status-get: the first high-availability relationship; present = 0 without HA. */
int kea_decode_ha(const char *text, size_t len, kea_ha_t *out, char *err, size_t errlen);

/* The plugin state of an HA status (the table in docs/kea.md). */
int kea_ha_plugin_state(const kea_ha_t *ha);

/* The row for subnet id, or NULL (the decoders sort rows by id). */
const kea_stat_t *kea_stats_find(kea_stats_t *stats, uint32_t id);

void kea_config_free(kea_config_t *cfg);
void kea_stats_free(kea_stats_t *stats);

#endif
