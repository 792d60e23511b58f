/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_DNSMASQ_CONF_H
#define CDS_DNSMASQ_CONF_H

/* dnsmasq.conf parser: plugin/dnsmasq/dnsmasq_conf.c. It takes bytes and never
 * opens a file: conf-file= and conf-dir= go through callbacks the caller
 * supplies. Lines are read the way dnsmasq's read_file() reads them (quotes,
 * escapes, '#' comments after blanks, blanks around '='). Only what defines
 * the counted addresses and where the files are is kept: dhcp-range (every
 * form, checked as dnsmasq checks it), dhcp-leasefile, pid-file,
 * leasefile-ro. Every other option is skipped unread. */

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define DNSMASQ_TAG_MAX 64
#define DNSMASQ_FILTER_MAX 160
#define DNSMASQ_IFNAME_MAX 64
#define DNSMASQ_INCLUDE_DEPTH 16
#define DNSMASQ_SUFFIX_MAX 16

/* What a dhcp-range says beyond its addresses. */
enum dnsmasq_range_flag {
    DNSMASQ_RANGE_NETMASK = 1u << 0,     /* IPv4: a netmask was given */
    DNSMASQ_RANGE_STATIC = 1u << 1,      /* static: only dhcp-host addresses are served */
    DNSMASQ_RANGE_PROXY = 1u << 2,       /* IPv4 proxy DHCP: no addresses */
    DNSMASQ_RANGE_DHCP6 = 1u << 3,       /* IPv6: an end address was given (or static) */
    DNSMASQ_RANGE_RA = 1u << 4,          /* ra-only, slaac, ra-names, ra-advrouter, ra-stateless */
    DNSMASQ_RANGE_STATELESS = 1u << 5,   /* ra-stateless: DHCPv6 without addresses */
    DNSMASQ_RANGE_TEMPLATE = 1u << 6,    /* constructor:IFACE: start and end hold host parts only */
    DNSMASQ_RANGE_DEPRECATED = 1u << 7   /* IPv6 lease time "deprecated": no new addresses */
};

typedef struct dnsmasq_range {
    addr_t start, end;               /* start <= end, one family; full-length prefixes */
    unsigned prefix;                 /* IPv4: the netmask's length (32 without one); IPv6: given or 64 */
    unsigned flags;                  /* enum dnsmasq_range_flag */
    char set[DNSMASQ_TAG_MAX];       /* the tag it sets (set:NAME or a bare NAME), "" when none */
    char filter[DNSMASQ_FILTER_MAX]; /* the tags it needs, as written ("tag:a,tag:!b"), "" when none */
    char iface[DNSMASQ_IFNAME_MAX];  /* constructor: interface (may end in '*') */
    size_t file;                     /* index into files: where it was written */
    unsigned long line;
} dnsmasq_range_t;

typedef struct dnsmasq_conf {
    dnsmasq_range_t *ranges;
    size_t nranges, ranges_cap;
    char **files;                    /* every file read, in order: messages name them */
    size_t nfiles, files_cap;
    char *leasefile;                 /* dhcp-leasefile=, NULL when none */
    char *pidfile;                   /* pid-file=, NULL when none or turned off */
    int has_leasefile, has_pidfile;  /* the option was given (pid-file without a value turns it off) */
    int leasefile_ro;                /* leasefile-ro: dnsmasq keeps no leases file */
    size_t depth;                    /* conf-file / conf-dir nesting, for the callbacks */
} dnsmasq_conf_t;

/* A conf-dir value: DIR[,SUFFIX|,*SUFFIX]... Files ending in an ignored
 * suffix are skipped; when match suffixes (written "*.conf") are given, only
 * files ending in one of them are read. */
typedef struct dnsmasq_dirspec {
    char *dir;
    char *match[DNSMASQ_SUFFIX_MAX];
    size_t nmatch;
    char *ignore[DNSMASQ_SUFFIX_MAX];
    size_t nignore;
} dnsmasq_dirspec_t;

/* What the parser asks its caller to do for conf-file= and conf-dir=. from
 * is the including file's name; the caller reads the file(s) and parses each
 * with dnsmasq_conf_parse into the same conf. 0, or -1 with one sentence. */
typedef struct dnsmasq_conf_io {
    int (*file)(void *ctx, dnsmasq_conf_t *conf, const char *from, unsigned long line, const char *name,
                char *err, size_t errlen);
    int (*dir)(void *ctx, dnsmasq_conf_t *conf, const char *from, unsigned long line,
               const dnsmasq_dirspec_t *spec, char *err, size_t errlen);
    void *ctx;
} dnsmasq_conf_io_t;

/* Parses one file held in data[0..len) into conf (zeroed beforehand, or
 * already holding what other files gave). file names the text in messages.
 * io may be NULL: conf-file and conf-dir are then checked but not followed.
 * 0, or -1 with "FILE:LINE: <sentence>" in err; conf must be freed either way. */
int dnsmasq_conf_parse(dnsmasq_conf_t *conf, const char *file, const char *data, size_t len,
                       const dnsmasq_conf_io_t *io, char *err, size_t errlen);

void dnsmasq_conf_free(dnsmasq_conf_t *conf);

/* 1 when the range hands out addresses: not static, proxy, RA-only,
 * ra-stateless or deprecated. */
int dnsmasq_range_is_pool(const dnsmasq_range_t *r);

/* Splits a conf-dir value (NUL-terminated) into spec (free it with
 * dnsmasq_dirspec_free). 0, or -1 with a sentence. */
int dnsmasq_dirspec_parse(const char *value, dnsmasq_dirspec_t *spec, char *err, size_t errlen);

void dnsmasq_dirspec_free(dnsmasq_dirspec_t *spec);

/* 1 when conf-dir reads a file of that name (no directory part): not a dot
 * file, editor backup (name~, #name#), an ignored suffix, and one of the
 * match suffixes when there are any. */
int dnsmasq_dirspec_wants(const dnsmasq_dirspec_t *spec, const char *name);

#endif
