#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eval_scope_matches(const scope_t *s, const char *pattern)
{
    uint32_t addr;
    const char *slash = strchr(pattern, '/');
    char buf[32];

    if (slash && (size_t)(slash - pattern) < sizeof buf) {
        char *end;
        long prefix;

        memcpy(buf, pattern, (size_t)(slash - pattern));
        buf[slash - pattern] = '\0';
        prefix = strtol(slash + 1, &end, 10);
        if (scope_addr_parse(buf, &addr) == 0 && slash[1] && !*end && prefix >= 0 && prefix <= 32)
            return s->addr == addr && s->prefix == prefix;
    }
    if (scope_addr_parse(pattern, &addr) == 0)
        return s->addr == addr;
    if (pattern[0] >= '0' && pattern[0] <= '9') {
        char *end;
        unsigned long id = strtoul(pattern, &end, 10);

        if (!*end)
            return s->id != 0 && s->id == id;
    }
    return s->name[0] && strcmp(s->name, pattern) == 0;
}

void eval_free_metric(const options_t *opt, const scope_t *s, uint64_t *free_count, uint64_t *total)
{
    if (opt->server_share && s->has_free_split && s->has_used_split) {
        *free_count = s->this_free;
        *total = s->this_free + s->this_used;
    } else if (opt->server_share && s->has_free_split) {
        *free_count = s->this_free;
        *total = s->total;
    } else {
        *free_count = s->free;
        *total = s->total;
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
static int worse_than(const scope_t *a, const scope_t *b)
{
    if (a->state != b->state)
        return a->state > b->state;
    return a->free_pct < b->free_pct;
}

int eval_run(const options_t *opt, scope_list_t *list, eval_result_t *res, char *err, size_t errlen)
{
    size_t nexcluded = 0, nnamed = 0;

    memset(res, 0, sizeof *res);
    res->worst = -1;

    for (size_t p = 0; p < opt->nscopes; p++) {
        size_t i;

        for (i = 0; i < list->count; i++)
            if (eval_scope_matches(&list->items[i], opt->scopes[p]))
                break;
        if (i == list->count) {
            snprintf(err, errlen, "scope '%s' was not found on the server (it reports %zu scope%s)",
                     opt->scopes[p], list->count, list->count == 1 ? "" : "s");
            return -1;
        }
    }

    for (size_t f = 0; f < list->nfailovers; f++)
        list->failovers[f].selected = 0;

    for (size_t i = 0; i < list->count; i++) {
        scope_t *s = &list->items[i];
        uint64_t free_count, total;

        s->selected = opt->nscopes == 0 || any_matches(s, opt->scopes, opt->nscopes);
        nnamed += (size_t)s->selected;
        s->selected = s->selected && !any_matches(s, opt->excludes, opt->nexcludes)
                      && s->total >= opt->min_size;
        if (!s->selected) {
            nexcluded++;
            continue;
        }
        res->nselected++;
        eval_free_metric(opt, s, &free_count, &total);
        /* A scope with no pool cannot run out; it is reported, never divided by. */
        if (total == 0) {
            s->free_pct = 0;
            s->state = STATE_OK;
        } else {
            int pct_state, count_state;

            s->free_pct = (double)free_count * 100.0 / (double)total;
            pct_state = range_state(opt->has_warn_pct ? &opt->warn_pct : NULL,
                                    opt->has_crit_pct ? &opt->crit_pct : NULL, s->free_pct);
            count_state = range_state(opt->has_warn_count ? &opt->warn_count : NULL,
                                      opt->has_crit_count ? &opt->crit_count : NULL,
                                      (double)free_count);
            s->state = pct_state > count_state ? pct_state : count_state;
        }
        if (s->state == STATE_CRITICAL)
            res->ncritical++;
        else if (s->state == STATE_WARNING)
            res->nwarning++;
        else
            res->nok++;
        if (s->state > res->state)
            res->state = s->state;
        if (total > 0 && (res->worst < 0 || list->items[res->worst].total == 0
                          || worse_than(s, &list->items[res->worst])))
            res->worst = (long)i;
        else if (res->worst < 0)
            res->worst = (long)i;
        if (s->failover >= 0 && (size_t)s->failover < list->nfailovers)
            list->failovers[s->failover].selected = 1;
    }

    if (res->nselected == 0) {
        if (list->count == 0)
            snprintf(err, errlen, "the server reports no scopes");
        else if (opt->nscopes)
            snprintf(err, errlen, "no scope is left to check: the %zu scope%s that -s names %s excluded "
                     "by -x or --min-size", nnamed, nnamed == 1 ? "" : "s", nnamed == 1 ? "was" : "were");
        else
            snprintf(err, errlen, "no scope is left to check: all %zu were excluded by -x or --min-size",
                     nexcluded);
        return -1;
    }

    for (size_t f = 0; f < list->nfailovers; f++) {
        int st = list->failovers[f].plugin_state;

        if (!list->failovers[f].selected || st == STATE_OK)
            continue;
        res->nfailover_bad++;
        if (!opt->ignore_failover && st > res->state)
            res->state = st;
    }
    return 0;
}
