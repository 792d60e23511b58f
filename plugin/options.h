/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_OPTIONS_H
#define CDS_OPTIONS_H

/* Command line: plugin/options.c. The options every source shares live here;
 * each source's own options live in its own struct, described by its row of
 * the source table (plugin/source.h). One parser, one --help and one
 * --extra-opts serve them all. */

#include <stddef.h>
#include <stdint.h>

#include "range.h"
#include "source.h"

/* -t without the option; also the time allowed to read --extra-opts files. */
#define OPTIONS_DEFAULT_TIMEOUT 10u

enum options_action { OPTIONS_RUN, OPTIONS_HELP, OPTIONS_VERSION };

typedef struct options {
    enum options_action action;
    const source_t *source;          /* --source */
    void *source_opts;               /* the source's own options (malloc'ed), NULL before parsing ends */

    range_t warn_pct, crit_pct;      /* -w / -c on free % (used % with --used) */
    int has_warn_pct, has_crit_pct;
    range_t warn_count, crit_count;  /* -W / -C on free address count (used count with --used) */
    int has_warn_count, has_crit_count;
    int used;                        /* --used: thresholds on used space, bare numbers upper bounds */
    int per_subnet;                  /* --per-subnet: shared networks / superscopes not as one pool */

    const char **scopes;             /* -s, repeatable */
    size_t nscopes;
    const char **excludes;           /* -x, repeatable */
    size_t nexcludes;
    uint64_t min_size;               /* --min-size */
    unsigned timeout;                /* -t seconds, 1 to 86400 */
    int verbose;                     /* -v count */
    int ignore_failover;             /* --ignore-failover: show, don't evaluate */
    int server_share;                /* --server-share: evaluate this server's own free share */
    int server_down;                 /* --server-down: STATE_CRITICAL (default) or STATE_UNKNOWN */
    size_t max_output;               /* --max-output bytes, 0 = unlimited */
} options_t;

/* Fills defaults, then parses argv (argv[0] is skipped). Returns 0, or -1 with
 * one sentence in err. Strings point into argv or into memory kept until
 * options_free, which must be called either way. */
int options_parse(options_t *opt, int argc, char **argv, char *err, size_t errlen);

void options_free(options_t *opt);

/* 1 when the option (long name, or one letter) takes a value, 0 when it is a
 * flag, -1 when no source has such an option: what --extra-opts needs. */
int options_takes_value(const char *name);

/* The --help text (malloc'ed, caller frees); NULL when out of memory. */
char *options_help(void);

/* "check_dhcp_scope 0.1.0 (sources: isc, kea)": the sources this build has. */
const char *options_version(void);

/* What the source's fetch is told besides its own options. */
source_ctx_t options_source_ctx(const options_t *opt);

/* Every option the parser knows, for the documentation checks. */
typedef struct options_info {
    const char *source;              /* NULL for the options every source shares */
    char short_name;                 /* 0 when none */
    const char *long_name;
    int takes_value;
} options_info_t;

/* Fills up to max entries and returns how many there are in all. */
size_t options_list(options_info_t *out, size_t max);

#endif
