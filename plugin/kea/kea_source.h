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
    const char *socket;              /* --socket: kea-dhcp4's unix control socket */
    const char *url;                 /* --url: the Control Agent */
    const char *credentials;         /* --credentials: file with user:password */
    const char *cacert, *cert, *key; /* --cacert, --cert, --key */
} kea_options_t;

/* The fetch, or this build's sentence saying it lacks the Kea source. */
int kea_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen);

/* "" when this build has the Kea source, else why not. */
extern const char kea_missing[];

/* Adds the HA relationship status-get described (or, when it did not, one
 * saying so) and returns its index; -1 when out of memory. */
int kea_add_failover(scope_list_t *out, const kea_config_t *cfg, const kea_ha_t *ha);

/* One scope per configured subnet, with its lease statistics. 0, or -1 with
 * one sentence (a subnet without statistics, out of memory). */
int kea_fill_scopes(scope_list_t *out, const kea_config_t *cfg, kea_stats_t *stats, int failover, char *err,
                    size_t errlen);

#endif
