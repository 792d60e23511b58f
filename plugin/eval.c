/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

int eval_scope_matches(const scope_t *s, const char *pattern)
{
    size_t len = strlen(pattern);
    addr_t a;

    if (memchr(pattern, '/', len) && addr_parse_prefix(pattern, len, &a) == 0)
        return addr_cmp(&s->addr, &a) == 0;
    if (addr_parse(pattern, len, &a) == 0)
        return addr_same(&s->addr, &a);
    if (pattern[0] >= '0' && pattern[0] <= '9') {
        char *end;
        unsigned long id = strtoul(pattern, &end, 10);

        if (!*end)
            return s->id != 0 && s->id == id;
    }
    return s->name[0] && strcmp(s->name, pattern) == 0;
}

/* The figures evaluated: scope-wide, or this server's own share with
 * --server-share where the source knows it. */
static void metric(const options_t *opt, const scope_t *s, eval_scope_t *e)
{
    e->share = opt->server_share && s->has_free_split;
    if (e->share && s->has_used_split) {
        e->free = s->this_free;
        e->total = count_add(s->this_free, s->this_used);
    } else if (e->share) {
        e->free = s->this_free;
        e->total = s->total;
    } else {
        e->free = s->free;
        e->total = s->total;
    }
}

static int any_matches(const scope_t *s, const char **patterns, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (eval_scope_matches(s, patterns[i]))
            return 1;
    return 0;
}

/* Worse means a higher state, then less free. */
static int worse_than(const eval_scope_t *a, const eval_scope_t *b)
{
    if (a->state != b->state)
        return max_state(a->state, b->state) == a->state;
    return a->pct < b->pct;
}

static void judge(const options_t *opt, eval_scope_t *e)
{
    /* A scope with no pool cannot run out; it is reported, never divided by. */
    if (count_is_zero(e->total)) {
        e->state = STATE_OK;
        return;
    }
    e->pct = count_to_double(e->free) * 100.0 / count_to_double(e->total);
    e->pct_hundredths = count_pct_hundredths(e->free, e->total);
    if (opt->used) {
        /* Used space is everything not free: leased, declined, abandoned. */
        count_t used = count_sub(e->total, e->free);

        e->pct_state = range_state(opt->has_warn_pct ? &opt->warn_pct : NULL,
                                   opt->has_crit_pct ? &opt->crit_pct : NULL,
                                   count_to_double(used) * 100.0 / count_to_double(e->total));
        e->count_state = range_state(opt->has_warn_count ? &opt->warn_count : NULL,
                                     opt->has_crit_count ? &opt->crit_count : NULL, count_to_double(used));
    } else {
        e->pct_state = range_state(opt->has_warn_pct ? &opt->warn_pct : NULL,
                                   opt->has_crit_pct ? &opt->crit_pct : NULL, e->pct);
        e->count_state = range_state(opt->has_warn_count ? &opt->warn_count : NULL,
                                     opt->has_crit_count ? &opt->crit_count : NULL, count_to_double(e->free));
    }
    e->state = max_state(e->pct_state, e->count_state);
}

/* A pool only some clients may use can run out while its subnet has room:
 * it is judged with the same thresholds, and its state counts for its scope. */
static int judge_pools(const options_t *opt, const scope_t *s, eval_scope_t *e)
{
    if (s->npools == 0)
        return 0;
    e->pools = calloc(s->npools, sizeof *e->pools);
    if (!e->pools)
        return -1;
    for (size_t k = 0; k < s->npools; k++) {
        const scope_pool_t *p = &s->pools[k];
        eval_scope_t pe;

        memset(&pe, 0, sizeof pe);
        pe.free = p->free;
        pe.total = p->total;
        judge(opt, &pe);
        e->pools[k].pct_hundredths = pe.pct_hundredths;
        e->pools[k].state = p->judged ? pe.state : STATE_OK;
        e->pool_state = max_state(e->pool_state, e->pools[k].state);
    }
    e->state = max_state(e->state, e->pool_state);
    return 0;
}

static int no_scope_left(const options_t *opt, const scope_list_t *list, size_t nnamed, size_t nexcluded,
                         char *err, size_t errlen)
{
    if (list->count == 0)
        snprintf(err, errlen, "the server reports no scopes");
    else if (opt->nscopes)
        snprintf(err, errlen, "no scope is left to check: the %zu scope%s that -s names %s excluded "
                 "by -x or --min-size", nnamed, nnamed == 1 ? "" : "s", nnamed == 1 ? "was" : "were");
    else
        snprintf(err, errlen, "no scope is left to check: all %zu were excluded by -x or --min-size", nexcluded);
    return -1;
}

static int names_group(const scope_t *s, const char **patterns, size_t n)
{
    if (!s->group[0])
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(s->group, patterns[i]) == 0)
            return 1;
    return 0;
}

/* Every -s must name a scope or a group. */
static int check_patterns(const options_t *opt, const scope_list_t *list, char *err, size_t errlen)
{
    for (size_t p = 0; p < opt->nscopes; p++) {
        size_t i;

        for (i = 0; i < list->count; i++)
            if (eval_scope_matches(&list->items[i], opt->scopes[p]) || names_group(&list->items[i], &opt->scopes[p], 1))
                break;
        if (i == list->count) {
            snprintf(err, errlen, "scope '%s' was not found on the server (it reports %zu scope%s)",
                     opt->scopes[p], list->count, list->count == 1 ? "" : "s");
            return -1;
        }
    }
    return 0;
}

/* The group a member belongs to: same name, family and kind (a subnet's
 * addresses and its delegated prefixes are different pools). */
static long group_of(eval_result_t *res, const scope_t *s, size_t index)
{
    eval_group_t *g;

    for (size_t k = 0; k < res->ngroups; k++) {
        const scope_t *sum = &res->groups[k].sum;

        if (strcmp(sum->group, s->group) == 0 && sum->addr.family == s->addr.family && sum->kind == s->kind)
            return (long)k;
    }
    g = vec_grow(res->groups, &res->groups_cap, res->ngroups + 1, sizeof *g);
    if (!g)
        return -1;
    res->groups = g;
    g = &res->groups[res->ngroups];
    memset(g, 0, sizeof *g);
    g->sum.addr = s->addr;
    g->sum.kind = s->kind;
    g->sum.failover = s->failover;
    g->sum.has_free_split = s->has_free_split;
    g->sum.has_used_split = s->has_used_split;
    text_copy(g->sum.group, sizeof g->sum.group, s->group);
    g->first = index;
    return (long)res->ngroups++;
}

/* Adds a member's figures to its group's: the failover split only while
 * every member has it, the relationship only while all share it. */
static void add_member(eval_group_t *g, const scope_t *s)
{
    scope_t *sum = &g->sum;

    g->nmembers++;
    sum->total = count_add(sum->total, s->total);
    sum->used = count_add(sum->used, s->used);
    sum->free = count_add(sum->free, s->free);
    sum->declined = count_add(sum->declined, s->declined);
    sum->has_free_split = sum->has_free_split && s->has_free_split;
    sum->this_free = count_add(sum->this_free, s->this_free);
    sum->partner_free = count_add(sum->partner_free, s->partner_free);
    sum->has_used_split = sum->has_used_split && s->has_used_split;
    sum->this_used = count_add(sum->this_used, s->this_used);
    sum->partner_used = count_add(sum->partner_used, s->partner_used);
    if (sum->failover != s->failover)
        sum->failover = -1;
}

/* Counts a judged unit (a scope alone or a group) into the result. */
static void tally(eval_result_t *res, const eval_scope_t *e)
{
    res->nselected++;
    if (e->state == STATE_CRITICAL)
        res->ncritical++;
    else if (e->state == STATE_WARNING)
        res->nwarning++;
    else
        res->nok++;
    res->state = max_state(res->state, e->state);
}

static const eval_scope_t *worst_unit(const eval_result_t *res)
{
    return res->worst >= 0 ? &res->scopes[res->worst] : res->worst_group >= 0 ? &res->groups[res->worst_group].e
                                                                               : NULL;
}

/* The worst unit is one with addresses to run out of, when there is one. */
static int becomes_worst(const eval_result_t *res, const eval_scope_t *e)
{
    const eval_scope_t *w = worst_unit(res);

    return !w || (!count_is_zero(e->total) && (count_is_zero(w->total) || worse_than(e, w)));
}

int eval_run(const options_t *opt, const scope_list_t *list, eval_result_t *res, char *err, size_t errlen)
{
    size_t nexcluded = 0, nnamed = 0;

    memset(res, 0, sizeof *res);
    res->worst = res->worst_group = -1;
    if (check_patterns(opt, list, err, errlen) != 0)
        return -1;
    res->scopes = calloc(list->count ? list->count : 1, sizeof *res->scopes);
    res->nscopes = list->count;
    res->failovers = calloc(list->nfailovers ? list->nfailovers : 1, sizeof *res->failovers);
    if (!res->scopes || !res->failovers) {
        snprintf(err, errlen, "out of memory while evaluating the scopes");
        return -1;
    }

    /* Which scopes count, alone or in their group. */
    for (size_t i = 0; i < list->count; i++) {
        const scope_t *s = &list->items[i];
        eval_scope_t *e = &res->scopes[i];
        int direct = opt->nscopes > 0 && any_matches(s, opt->scopes, opt->nscopes);
        int via_group = opt->nscopes > 0 && names_group(s, opt->scopes, opt->nscopes);
        int excluded = any_matches(s, opt->excludes, opt->nexcludes) || names_group(s, opt->excludes, opt->nexcludes);
        int named = opt->nscopes == 0 || direct || via_group;

        e->group = -1;
        nnamed += (size_t)named;
        if (!named || excluded) {
            nexcluded++;
            continue;
        }
        /* A member named by -s itself is judged on its own. */
        if (!opt->per_subnet && s->group[0] && !direct) {
            e->group = group_of(res, s, i);
            if (e->group < 0) {
                snprintf(err, errlen, "out of memory while evaluating the scopes");
                return -1;
            }
            add_member(&res->groups[e->group], s);
        } else if (count_cmp(s->total, count_of(opt->min_size)) < 0) {
            nexcluded++;
            continue;
        }
        e->selected = 1;
    }

    /* Scopes judged alone, and the figures members show. */
    for (size_t i = 0; i < list->count; i++) {
        const scope_t *s = &list->items[i];
        eval_scope_t *e = &res->scopes[i];

        if (!e->selected)
            continue;
        metric(opt, s, e);
        judge(opt, e);
        if (judge_pools(opt, s, e) != 0) {
            snprintf(err, errlen, "out of memory while evaluating the pools");
            return -1;
        }
        if (e->group >= 0) {
            /* A member does not alert on its own; its judged pools count for its group. */
            eval_group_t *g = &res->groups[e->group];

            g->e.pool_state = max_state(g->e.pool_state, e->pool_state);
            e->state = STATE_OK;
            continue;
        }
        tally(res, e);
        if (becomes_worst(res, e)) {
            res->worst = (long)i;
            res->worst_group = -1;
        }
        if (s->failover >= 0 && (size_t)s->failover < list->nfailovers)
            res->failovers[s->failover].selected = 1;
    }

    /* Groups, as one pool each; --min-size applies to the pool. */
    for (size_t k = 0; k < res->ngroups; k++) {
        eval_group_t *g = &res->groups[k];
        int pool_state = g->e.pool_state;

        if (count_cmp(g->sum.total, count_of(opt->min_size)) < 0) {
            for (size_t i = 0; i < list->count; i++)
                if (res->scopes[i].group == (long)k)
                    res->scopes[i].selected = 0;
            nexcluded += g->nmembers;
            continue;
        }
        metric(opt, &g->sum, &g->e);
        judge(opt, &g->e);
        g->e.selected = 1;
        g->e.group = -1;
        g->e.pool_state = pool_state;
        g->e.state = max_state(g->e.state, pool_state);
        tally(res, &g->e);
        if (becomes_worst(res, &g->e)) {
            res->worst = -1;
            res->worst_group = (long)k;
        }
        for (size_t i = 0; i < list->count; i++) {
            const scope_t *s = &list->items[i];

            if (res->scopes[i].group == (long)k && s->failover >= 0 && (size_t)s->failover < list->nfailovers)
                res->failovers[s->failover].selected = 1;
        }
    }
    if (res->nselected == 0)
        return no_scope_left(opt, list, nnamed, nexcluded, err, errlen);

    for (size_t f = 0; f < list->nfailovers; f++) {
        eval_failover_t *ef = &res->failovers[f];

        ef->state = list->failovers[f].plugin_state;
        if (!ef->selected || ef->state == STATE_OK)
            continue;
        res->nfailover_bad++;
        ef->counted = !opt->ignore_failover;
        if (ef->counted)
            res->state = max_state(res->state, ef->state);
    }
    return 0;
}

void eval_result_free(eval_result_t *res)
{
    for (size_t i = 0; res->scopes && i < res->nscopes; i++)
        free(res->scopes[i].pools);
    free(res->groups);
    free(res->scopes);
    free(res->failovers);
    res->scopes = NULL;
    res->failovers = NULL;
}
