#ifndef CDS_ISC_SOURCE_H
#define CDS_ISC_SOURCE_H

/* The ISC dhcpd adapter's steps below isc_fetch (plugin/source.h), apart so
 * that tests and tests/integration/isc_dump.c can run them: plugin/isc/isc_source.c. */

#include <stddef.h>
#include <stdint.h>

#include "isc_conf.h"
#include "isc_leases.h"
#include "scope.h"
#include "source.h"

/* Where Debian's isc-dhcp-server has dhcpd write its pid, unless dhcpd.conf
 * says pid-file-name. */
#define ISC_DEFAULT_PIDFILE "/var/run/dhcpd.pid"

/* The isc source's options (plugin/source.h). */
typedef struct isc_options {
    const char *config;              /* --config */
    const char *leases;              /* --leases */
    const char *pidfile;             /* --pidfile; NULL: pid-file-name, else ISC_DEFAULT_PIDFILE */
    int no_pidfile;                  /* --no-pidfile: copied files, no daemon to look for */
} isc_options_t;

/* The source's row (plugin/sources.c). */
extern const source_t source_isc;

/* Reads and parses the configuration (with its includes), read-only. conf
 * must be zeroed. 0, or -1 with one sentence. */
int isc_load_conf(const char *config, isc_conf_t *conf, char *err, size_t errlen);

/* Reads the leases file for the configuration's ranges, read-only and in
 * 1 MiB chunks; on success *leases is set (free it with isc_leases_free).
 * 0, or -1 with one sentence. */
int isc_load_leases(const isc_conf_t *conf, const char *leases_file, isc_leases_t **leases, char *err,
                    size_t errlen);

/* Both of the above. */
int isc_load(const char *config, const char *leases_file, isc_conf_t *conf, isc_leases_t **leases,
             char *err, size_t errlen);

/* One scope per subnet and one relationship per failover peer, counted as of
 * now (seconds since the epoch). 0, or -1 with one sentence. */
int isc_scopes(const isc_conf_t *conf, const isc_leases_t *leases, int64_t now, scope_list_t *out,
               char *err, size_t errlen);

/* STATE_* for a failover state as dhcpd writes it ("" or NULL: none recorded). */
int isc_failover_plugin_state(const char *state);

#endif
