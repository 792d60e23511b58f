/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * says pid-file-name; and dhcpd -6's, unless dhcpv6-pid-file-name (the
 * package's init script and dhcpd's own defaults agree on both). */
#define ISC_DEFAULT_PIDFILE "/var/run/dhcpd.pid"
#define ISC_DEFAULT_PIDFILE6 "/var/run/dhcpd6.pid"

/* The isc source's options (plugin/source.h). */
typedef struct isc_options {
    const char *config;              /* --config */
    const char *leases;              /* --leases */
    const char *pidfile;             /* --pidfile; NULL: pid-file-name, else ISC_DEFAULT_PIDFILE (or
                                      * dhcpv6-pid-file-name, else ISC_DEFAULT_PIDFILE6) */
    int no_pidfile;                  /* --no-pidfile: copied files, no daemon to look for */
} isc_options_t;

/* The source's row (plugin/sources.c). */
extern const source_t source_isc;

/* Reads and parses the configuration (with its includes), read-only. A
 * configuration with subnet6 is a DHCPv6 one (dhcpd -6); one with both
 * subnet and subnet6 is refused, as dhcpd refuses it. conf must be zeroed.
 * 0, or -1 with one sentence. */
int isc_load_conf(const char *config, isc_conf_t *conf, char *err, size_t errlen);

/* Reads the leases file for the configuration's ranges (or, for dhcpd -6,
 * its range6 and prefix6 pools), read-only and in 1 MiB chunks; a file of
 * the other family is refused. On success *leases is set (free it with
 * isc_leases_free). 0, or -1 with one sentence. */
int isc_load_leases(const isc_conf_t *conf, const char *leases_file, isc_leases_t **leases, char *err,
                    size_t errlen);

/* Both of the above. */
int isc_load(const char *config, const char *leases_file, isc_conf_t *conf, isc_leases_t **leases,
             char *err, size_t errlen);

/* One scope per subnet and one relationship per failover peer, counted as of
 * now (seconds since the epoch); for a DHCPv6 configuration one scope per
 * subnet6 for its addresses (range6) and one for its delegated prefixes
 * (prefix6). 0, or -1 with one sentence. */
int isc_scopes(const isc_conf_t *conf, isc_leases_t *leases, int64_t now, scope_list_t *out,
               char *err, size_t errlen);

/* STATE_* for a failover state as dhcpd writes it ("" or NULL: none recorded). */
int isc_failover_plugin_state(const char *state);

#endif
