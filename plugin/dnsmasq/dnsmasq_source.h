/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_DNSMASQ_SOURCE_H
#define CDS_DNSMASQ_SOURCE_H

/* The dnsmasq adapter's steps below its fetch (plugin/source.h), apart so
 * that unit tests can run them on text: plugin/dnsmasq/dnsmasq_source.c. */

#include <stddef.h>
#include <stdint.h>

#include "dnsmasq_conf.h"
#include "dnsmasq_leases.h"
#include "scope.h"
#include "source.h"

#define DNSMASQ_DEFAULT_CONFIG "/etc/dnsmasq.conf"
#define DNSMASQ_DEFAULT_LEASES "/var/lib/misc/dnsmasq.leases"
/* Where Debian's dnsmasq service (and its systemd unit) keeps the pid. */
#define DNSMASQ_DEFAULT_PIDFILE "/run/dnsmasq/dnsmasq.pid"
#define DNSMASQ_IF_INET6 "/proc/net/if_inet6"

/* The dnsmasq source's options (plugin/source.h). leases and pidfile are
 * NULL unless given: the configuration's dhcp-leasefile and pid-file come
 * next, then the defaults above. */
typedef struct dnsmasq_options {
    const char *config;
    const char *conf_dir;            /* as dnsmasq's --conf-dir (Debian's service passes one), or NULL */
    const char *leases;
    const char *pidfile;
    int no_pidfile;
} dnsmasq_options_t;

/* The source's row (plugin/sources.c). */
extern const source_t source_dnsmasq;

/* One IPv6 address of an interface, as Linux lists them in /proc/net/if_inet6. */
typedef struct dnsmasq_ifaddr {
    char name[DNSMASQ_IFNAME_MAX];
    addr_t addr;                     /* with the interface prefix's length */
    unsigned flags;                  /* IFA_F_*: 0x01 temporary, 0x20 deprecated, 0x40 tentative */
} dnsmasq_ifaddr_t;

/* Reads the configuration: conf_dir (when given) and then config with what
 * they include, as dnsmasq reads its command line and then its file. conf
 * must be zeroed. 0, or -1 with one sentence. */
int dnsmasq_load_conf(const char *config, const char *conf_dir, dnsmasq_conf_t *conf, char *err, size_t errlen);

/* Parses /proc/net/if_inet6 text into a malloc'ed array. name is the file's
 * name for messages. 0, or -1 with one sentence. */
int dnsmasq_if_parse(const char *name, const char *text, size_t len, dnsmasq_ifaddr_t **out, size_t *n,
                     char *err, size_t errlen);

/* The ranges dnsmasq serves: conf's ranges with each constructor: template
 * replaced by one range per usable address of its interfaces (global, not
 * temporary, not deprecated), as dnsmasq constructs them, and without
 * dhcp-range=:: (stateless DHCPv6 everywhere, no subnet). A malloc'ed array
 * in *out. 0, or -1 with one sentence. */
int dnsmasq_expand(const dnsmasq_conf_t *conf, const dnsmasq_ifaddr_t *ifs, size_t nifs, dnsmasq_range_t **out,
                   size_t *n, char *err, size_t errlen);

/* The address spans whose leases count: the subnet of every range whose
 * netmask or prefix length is known, else the range itself. A malloc'ed
 * array in *out. 0 or -1 (out of memory). */
int dnsmasq_spans(const dnsmasq_range_t *ranges, size_t n, dnsmasq_span_t **out, size_t *nout);

/* One scope per subnet (ranges in one subnet are one scope), counted as of
 * now. 0, or -1 with one sentence. */
int dnsmasq_scopes(const dnsmasq_range_t *ranges, size_t n, const dnsmasq_leases_t *leases, int64_t now,
                   scope_list_t *out, char *err, size_t errlen);

#endif
