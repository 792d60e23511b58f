#ifndef CDS_EVAL_H
#define CDS_EVAL_H

/* Evaluation: plugin/eval.c. Selects scopes (-s, -x, --min-size), works out
 * each scope's free figures and state, folds in failover state, and sums
 * up. It reads the scope list and writes only its result. */

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "scope.h"

typedef struct eval_pool {
    int state;                       /* STATE_* of a judged pool; STATE_OK for the others */
    uint32_t pct_hundredths;         /* its free %, rounded down (0 without addresses) */
} eval_pool_t;

typedef struct eval_scope {
    int selected;                    /* passes -s / -x / --min-size */
    int state;                       /* STATE_* (STATE_OK when not selected) */
    int share;                       /* free and total are this server's share (--server-share) */
    count_t free, total;             /* the figures evaluated */
    double pct;                      /* free * 100 / total, what thresholds compare; 0 when total is 0 */
    uint32_t pct_hundredths;         /* the same in hundredths, rounded down: what is printed */
    int pct_state, count_state;      /* what -w/-c and -W/-C said (STATE_OK without them) */
    eval_pool_t *pools;              /* one per pool of the scope, NULL when it has none */
    int pool_state;                  /* the worst judged pool's state: part of state */
} eval_scope_t;

typedef struct eval_failover {
    int selected;                    /* a selected scope belongs to it */
    int state;                       /* its plugin_state */
    int counted;                     /* its state counts toward the result (not --ignore-failover) */
} eval_failover_t;

typedef struct eval_result {
    int state;                       /* plugin state: worst scope and counted failover state */
    size_t nselected;
    size_t ncritical, nwarning, nok;
    long worst;                      /* index of the worst selected scope with pool addresses, -1 none */
    size_t nfailover_bad;            /* selected relationships in a non-OK state */
    eval_scope_t *scopes;            /* one per scope of the list, in its order */
    size_t nscopes;
    eval_failover_t *failovers;      /* one per relationship of the list */
} eval_result_t;

/* Returns 0, or -1 with a sentence in err (a -s that matches no scope, no
 * scope left, out of memory). res must be freed with eval_result_free either way. */
int eval_run(const options_t *opt, const scope_list_t *list, eval_result_t *res, char *err, size_t errlen);

void eval_result_free(eval_result_t *res);

/* 1 when a -s / -x pattern names this scope: subnet address ("10.0.1.0",
 * "2001:db8:1::"), prefix ("10.0.1.0/24"), source id ("5") or exact name. */
int eval_scope_matches(const scope_t *s, const char *pattern);

#endif
