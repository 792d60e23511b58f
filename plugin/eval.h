/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_EVAL_H
#define CDS_EVAL_H

/* Evaluation: plugin/eval.c. Selects scopes (-s, -x, --min-size), sums the
 * members of each shared-network or superscope into one pool (unless
 * --per-subnet), works out each scope's or group's free figures and state,
 * folds in failover state, and sums up. It reads the scope list and writes
 * only its result. */

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
    long group;                      /* a member shown under this group (index into groups): its
                                      * figures are shown, its state is the group's business; -1 alone */
} eval_scope_t;

/* A shared-network or superscope judged as one pool (without --per-subnet):
 * the sums of its selected members, as one scope. */
typedef struct eval_group {
    scope_t sum;                     /* name in sum.group; address, family and kind of its first member */
    size_t nmembers;
    size_t first;                    /* index of its first member in the list */
    eval_scope_t e;                  /* its evaluation */
} eval_group_t;

typedef struct eval_failover {
    int selected;                    /* a selected scope belongs to it */
    int state;                       /* its plugin_state */
    int counted;                     /* its state counts toward the result (not --ignore-failover) */
} eval_failover_t;

typedef struct eval_result {
    int state;                       /* plugin state: worst scope and counted failover state */
    size_t nselected;                /* scopes judged alone and groups */
    size_t ncritical, nwarning, nok;
    long worst;                      /* the worst selected scope judged alone, -1 none */
    long worst_group;                /* or the worst group, -1 none (at most one of the two is set) */
    size_t nfailover_bad;            /* selected relationships in a non-OK state */
    eval_scope_t *scopes;            /* one per scope of the list, in its order */
    size_t nscopes;
    eval_failover_t *failovers;      /* one per relationship of the list */
    eval_group_t *groups;            /* groups judged as one pool */
    size_t ngroups, groups_cap;
} eval_result_t;

/* Returns 0, or -1 with a sentence in err (a -s that matches no scope, no
 * scope left, out of memory). res must be freed with eval_result_free either way. */
int eval_run(const options_t *opt, const scope_list_t *list, eval_result_t *res, char *err, size_t errlen);

void eval_result_free(eval_result_t *res);

/* 1 when a -s / -x pattern names this scope itself: subnet address
 * ("10.0.1.0", "2001:db8:1::"), prefix ("10.0.1.0/24"), source id ("5") or
 * exact name. A pattern equal to its group's name names its group. */
int eval_scope_matches(const scope_t *s, const char *pattern);

#endif
