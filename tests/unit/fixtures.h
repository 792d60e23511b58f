/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_TEST_FIXTURES_H
#define CDS_TEST_FIXTURES_H

/* Scope lists built by hand for the evaluation and report tests. */

#include <string.h>

#include "options.h"
#include "scope.h"

/* Adds 10.0.N.0/24 with total and free; used = total - free - declined. */
static inline scope_t *fx_scope(scope_list_t *l, unsigned n, uint64_t total, uint64_t free_count,
                                uint64_t declined)
{
    scope_t *s = scope_add(l);

    s->addr = addr_v4(0x0A000000u | (n << 8), 24);
    s->total = count_of(total);
    s->free = count_of(free_count);
    s->declined = count_of(declined);
    s->used = count_of(total - free_count - declined);
    return s;
}

/* Gives a scope the failover split: this server's and the partner's free and used. */
static inline scope_t *fx_split(scope_t *s, uint64_t this_free, uint64_t this_used, uint64_t partner_free,
                                uint64_t partner_used)
{
    s->has_free_split = s->has_used_split = 1;
    s->this_free = count_of(this_free);
    s->this_used = count_of(this_used);
    s->partner_free = count_of(partner_free);
    s->partner_used = count_of(partner_used);
    return s;
}

/* Two scopes for --server-share: 10.0.1.0 whose share on this server is
 * empty, 10.0.2.0 with 30 of its 50 own addresses free. */
static inline void fx_share_pair(scope_list_t *l)
{
    fx_split(fx_scope(l, 1, 100, 50, 0), 0, 0, 50, 50);
    fx_split(fx_scope(l, 2, 100, 60, 0), 30, 20, 30, 20);
}

static inline int fx_failover(scope_list_t *l, const char *name, const char *state, int plugin_state)
{
    int f = scope_failover_add(l);

    text_copy(l->failovers[f].name, sizeof l->failovers[f].name, name);
    text_copy(l->failovers[f].state, sizeof l->failovers[f].state, state);
    text_copy(l->failovers[f].role, sizeof l->failovers[f].role, "primary");
    text_copy(l->failovers[f].mode, sizeof l->failovers[f].mode, "load-balance");
    l->failovers[f].plugin_state = plugin_state;
    return f;
}

static inline void fx_options(options_t *o, int argc, char **argv)
{
    char err[256];

    if (options_parse(o, argc, argv, err, sizeof err) != 0)
        abort();
}

#define FX_OPTS(o, ...)                                                              \
    do {                                                                             \
        char *fx_argv[] = { "check_dhcp_scope", __VA_ARGS__ };                       \
        fx_options(o, (int)(sizeof fx_argv / sizeof fx_argv[0]), fx_argv);           \
    } while (0)

#endif
