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

    s->addr = 0x0A000000u | (n << 8);
    s->prefix = 24;
    s->total = total;
    s->free = free_count;
    s->declined = declined;
    s->used = total - free_count - declined;
    return s;
}

static inline int fx_failover(scope_list_t *l, const char *name, const char *state, int plugin_state)
{
    int f = scope_failover_add(l);

    scope_text_copy(l->failovers[f].name, sizeof l->failovers[f].name, name);
    scope_text_copy(l->failovers[f].state, sizeof l->failovers[f].state, state);
    scope_text_copy(l->failovers[f].role, sizeof l->failovers[f].role, "primary");
    scope_text_copy(l->failovers[f].mode, sizeof l->failovers[f].mode, "load-balance");
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
