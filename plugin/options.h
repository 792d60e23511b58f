#ifndef CDS_OPTIONS_H
#define CDS_OPTIONS_H

/* Command line: plugin/options.c. Every source's options live here so that one
 * parser, one --help and one --extra-opts serve them all. */

#include <stddef.h>
#include <stdint.h>

#include "range.h"

/* -t without the option; also the time allowed to read --extra-opts files. */
#define OPTIONS_DEFAULT_TIMEOUT 10u

enum source_kind { SOURCE_ISC, SOURCE_KEA, SOURCE_MSWIN };

enum options_action { OPTIONS_RUN, OPTIONS_HELP, OPTIONS_VERSION };

typedef struct options {
    enum options_action action;
    enum source_kind source;

    range_t warn_pct, crit_pct;      /* -w / -c on free % */
    int has_warn_pct, has_crit_pct;
    range_t warn_count, crit_count;  /* -W / -C on free address count */
    int has_warn_count, has_crit_count;

    const char **scopes;             /* -s, repeatable */
    size_t nscopes;
    const char **excludes;           /* -x, repeatable */
    size_t nexcludes;
    uint64_t min_size;               /* --min-size */
    unsigned timeout;                /* -t seconds, 0 = none */
    int verbose;                     /* -v count */
    int ignore_failover;             /* --ignore-failover: show, don't evaluate */
    size_t max_output;               /* --max-output bytes, 0 = unlimited */

    /* ISC dhcpd */
    const char *isc_config;
    const char *isc_leases;

    /* Kea */
    const char *kea_socket;
    const char *kea_url;
    const char *kea_credentials;     /* file with user:password */
    const char *kea_cacert;
    const char *kea_cert;
    const char *kea_key;

    /* Windows DHCP Server */
    const char *hostname;            /* -H, NULL = local server */
    int include_disabled;            /* --include-disabled */
    int server_share;                /* --server-share: evaluate this server's own free share */
} options_t;

/* Fills defaults, then parses argv (argv[0] is skipped). Returns 0, or -1 with
 * one sentence in err. Strings point into argv or into memory kept until
 * options_free. */
int options_parse(options_t *opt, int argc, char **argv, char *err, size_t errlen);

void options_free(options_t *opt);

/* 1 when the option (long name, or one letter) takes a value, 0 when it is a
 * flag, -1 when there is no such option: what --extra-opts needs to know. */
int options_takes_value(const char *name);

/* The --help text (malloc'ed, caller frees). */
char *options_help(void);

/* "check_dhcp_scope 0.1.0" and the sources this build has. */
const char *options_version(void);

#endif
