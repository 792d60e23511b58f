#ifndef CDS_EVAL_H
#define CDS_EVAL_H

/* Evaluation: plugin/eval.c. Selects scopes (-s, -x, --min-size), computes each
 * scope's free % and state, folds in failover state, and sums up. */

#include <stddef.h>

#include "options.h"
#include "scope.h"

typedef struct eval_result {
    int state;                   /* plugin state: worst scope and failover state */
    size_t nselected;
    size_t ncritical, nwarning, nok;
    long worst;                  /* index of the worst selected scope, -1 none */
    size_t nfailover_bad;        /* relationships in a non-OK state (if evaluated) */
} eval_result_t;

/* Returns 0, or -1 with a sentence in err (a -s that matches no scope). */
int eval_run(const options_t *opt, scope_list_t *list, eval_result_t *res,
             char *err, size_t errlen);

/* 1 when a -s / -x pattern names this scope: subnet address ("10.0.1.0"),
 * prefix ("10.0.1.0/24"), source id ("5") or exact name. */
int eval_scope_matches(const scope_t *s, const char *pattern);

/* The free count and free % evaluated for a scope: scope-wide, or this
 * server's own share with --server-share where the source knows it. */
void eval_free_metric(const options_t *opt, const scope_t *s, uint64_t *free_count,
                      uint64_t *total);

#endif
