/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_SOURCE_H
#define CDS_SOURCE_H

/* The sources: the table in plugin/sources.c lists them; each row is defined
 * in its own folder (plugin/isc/, plugin/kea/, ...). A source is the only
 * place that knows its server: its fetch fills the scope list (scopes and
 * failover relationships) and returns 0, or SOURCE_ERROR or SOURCE_DOWN
 * with one sentence an admin can act on in err. Sources call os_stage() before
 * each step that can block, so that a timeout can name it.
 *
 * Adding a source: a folder with its files and a CMakeLists.txt, one row in
 * plugin/sources.c, one name in CDS_SOURCES (plugin/CMakeLists.txt). A
 * source that needs libraries a build may lack has a stub file CMake picks
 * instead (plugin/kea/no_kea.c), whose fetch says what this build lacks. */

#include <stddef.h>

#include "scope.h"

/* What a fetch returns when it fails, with one sentence in err. */
#define SOURCE_ERROR (-1)            /* could not measure: UNKNOWN */
#define SOURCE_DOWN (-2)             /* the server is not running or not answering: CRITICAL
                                      * (UNKNOWN with --server-down=unknown) */

/* What every source is told besides its own options. */
typedef struct source_ctx {
    unsigned timeout;                /* -t seconds: every wait must end within it */
    const char *const *scopes;       /* -s patterns (a source may read only those) */
    size_t nscopes;
    int verbose;                     /* -v count */
} source_ctx_t;

enum source_opt_kind {
    SOPT_FLAG,                       /* no value: sets an int to 1 */
    SOPT_STRING,                     /* a const char * into argv */
    SOPT_UINT                        /* an unsigned long from 1 to max */
};

/* One option of a source: what the parser, --help, the man page check and
 * the Icinga 2 CheckCommand check read. */
typedef struct source_option {
    char short_name;                 /* 0 when none */
    const char *long_name;
    const char *arg;                 /* "FILE"; NULL for a flag */
    const char *help;                /* --help lines, '\n' between them */
    enum source_opt_kind kind;
    size_t offset;                   /* of the field in the source's options struct */
    const char *needs;               /* SOPT_STRING: what "" lacks ("a server name"); NULL allows "" */
    unsigned long max;               /* SOPT_UINT: the largest value */
} source_option_t;

typedef struct source {
    const char *name;                /* --source NAME */
    const char *alias;               /* another name --source accepts, or NULL */
    const char *summary;             /* what it reads, for --help */
    const char *missing;             /* "" when this build has the source, else why not */
    size_t opts_size;                /* sizeof its options struct */
    void (*defaults)(void *opts);    /* fills the defaults into a zeroed struct; may be NULL */
    const source_option_t *options;
    size_t noptions;
    int (*fetch)(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen);
} source_t;

/* plugin/sources.c: every source, NULL-terminated, in --help order. */
extern const source_t *const source_table[];

/* The source named name (or its alias), or NULL. */
const source_t *source_find(const char *name);

#endif
