/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "vec.h"

const char *report_state_name(int state)
{
    switch (state) {
    case STATE_OK: return "OK";
    case STATE_WARNING: return "WARNING";
    case STATE_CRITICAL: return "CRITICAL";
    default: return "UNKNOWN";
    }
}

/* A number with at most two decimals and no trailing zeros ("6.66", "12.5", "50"). */
static const char *format_hundredths(uint32_t h, char *buf, size_t len)
{
    char tmp[16];
    size_t n = 0, i = sizeof tmp;
    uint32_t whole = h / 100, frac = h % 100;

    /* Digits without printf: a report formats one per scope. */
    do {
        tmp[--i] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole && i > 0);
    while (i < sizeof tmp && n + 1 < len)
        buf[n++] = tmp[i++];
    if (frac && n + 4 < len) {
        buf[n++] = '.';
        buf[n++] = (char)('0' + frac / 10);
        if (frac % 10)
            buf[n++] = (char)('0' + frac % 10);
    }
    if (len)
        buf[n < len ? n : len - 1] = '\0';
    return buf;
}

/* A threshold for a perfdata field of a "free" metric: a plain lower bound
 * ("N:", the bare number) as a number with at most two decimals, rounded down;
 * any other range leaves the field empty, because a plain number there would
 * make graphers draw the bound in the wrong direction. With --used the range
 * is on used space, whole - free: an upper bound N there is the lower bound
 * whole - N on free (whole is 100 for percentages, the pool for counts). */
static void format_threshold(const options_t *opt, const range_t *r, int has, double whole, char *buf, size_t len)
{
    double v;
    char *p;

    buf[0] = '\0';
    if (!has)
        return;
    if (opt->used) {
        if (r->inside || r->end_inf || !(r->start_inf || r->start <= 0))
            return;
        v = whole - r->end;
    } else if (range_lower_bound(r, &v) != 0) {
        return;
    }
    if (!(fabs(v) < 1e15))
        return;
    v = floor(v * 100.0 + 1e-9) / 100.0;
    snprintf(buf, len, "%.2f", v);
    p = strchr(buf, '.');
    if (p) {
        char *e = buf + strlen(buf) - 1;

        while (e > p && *e == '0')
            *e-- = '\0';
        if (e == p)
            *e = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}

/* Server text, cleaned for output: see text_clean. */
static const char *clean(const char *in, char *out, size_t len)
{
    text_clean(out, len, in);
    return out;
}

static const char *num(count_t c, char *buf, size_t len)
{
    return count_format(c, buf, len);
}

/* The start of a scope's perfdata labels: the subnet's address without its
 * prefix length ("10.0.1.0"), or "group NAME" for a group, and "pd" for
 * delegated prefixes ("2001:db8:1:: pd"). A name is made fit for a label as
 * the plugin guidelines require: "'" doubled, '=' (which would end the
 * label) as '_', and cleaned like all output. */
#define LABEL_MAX (2 * SCOPE_TEXT_MAX + 16)
static const char *label_of(const scope_t *s, int group, char *buf, size_t len)
{
    char name[SCOPE_TEXT_MAX];
    size_t n = 0;

    if (group) {
        text_clean(name, sizeof name, s->group);
        n = (size_t)snprintf(buf, len, "group ");
        for (size_t i = 0; name[i] && n + 3 < len; i++) {
            if (name[i] == '\'')
                buf[n++] = '\'';
            buf[n++] = name[i] == '=' ? '_' : name[i];
        }
        buf[n] = '\0';
    } else {
        addr_format(&s->addr, buf, len);
    }
    if (s->kind == SCOPE_PREFIXES && strlen(buf) + 3 < len)
        strcat(buf, " pd");
    return buf;
}

enum item_class {
    IC_BAD_PERF,       /* perfdata of scopes that are not OK: dropped last */
    IC_BAD_LINE,
    IC_BAD_EXTRA,
    IC_OK_PERF,
    IC_OK_EXTRA,
    IC_OK_LINE,        /* detail of OK scopes */
    IC_MEMBER_PERF,    /* a group member's own perfdata (for graphs) */
    IC_MEMBER_EXTRA,   /* and its extra perfdata: dropped first */
    IC_COUNT
};

typedef struct item {
    char *text;
    size_t len;
    enum item_class cls;
    long scope;        /* index into the scope list, -1 for failover lines */
    int kept;
} item_t;

typedef struct items {
    item_t *v;
    size_t n, cap;
    int failed;
} items_t;

static void items_push(items_t *it, sbuf_t *b, enum item_class cls, long scope)
{
    char *text = sb_take(b);
    item_t *v;

    if (!text || it->failed) {
        free(text);
        it->failed = 1;
        return;
    }
    v = vec_grow(it->v, &it->cap, it->n + 1, sizeof *v);
    if (!v) {
        free(text);
        it->failed = 1;
        return;
    }
    it->v = v;
    it->v[it->n].text = text;
    it->v[it->n].len = strlen(text);
    it->v[it->n].cls = cls;
    it->v[it->n].scope = scope;
    it->v[it->n].kept = 1;
    it->n++;
}

static void free_items(items_t *it)
{
    for (size_t i = 0; i < it->n; i++)
        free(it->v[i].text);
    free(it->v);
    memset(it, 0, sizeof *it);
}

/* "10.0.1.0/24", or for delegated prefixes
 * "2001:db8:1::/64 PD 2001:db8:100::/40 as /56" (and how many more pools),
 * or for a group "group campus (3 subnets)". */
static void scope_name(sbuf_t *b, const scope_t *s, const eval_group_t *g)
{
    char addr[ADDR_PREFIX_TEXT_MAX], text[SCOPE_TEXT_MAX];

    if (g) {
        sb_add(b, "group %s%s (%zu subnet%s)", clean(s->group, text, sizeof text),
               s->kind == SCOPE_PREFIXES ? " PD" : "", g->nmembers, g->nmembers == 1 ? "" : "s");
        return;
    }
    addr_format_prefix(&s->addr, addr, sizeof addr);
    sb_add(b, "%s", addr);
    if (s->kind != SCOPE_PREFIXES)
        return;
    addr_format_prefix(&s->pd_pool, addr, sizeof addr);
    sb_add(b, " PD %s as /%u", addr, (unsigned)s->pd_delegated);
    if (s->pd_pools > 1)
        sb_add(b, " and %u more pool%s", s->pd_pools - 1, s->pd_pools == 2 ? "" : "s");
}

/* What a scope or group is and holds, after its state. */
static void scope_body(sbuf_t *b, const scope_list_t *list, const scope_t *s, const eval_scope_t *e,
                       const eval_group_t *g)
{
    char pct[32], text[SCOPE_TEXT_MAX], n1[COUNT_TEXT_MAX], n2[COUNT_TEXT_MAX];
    const char *unit = s->kind == SCOPE_PREFIXES ? " prefixes" : "";

    scope_name(b, s, g);
    if (s->name[0])
        sb_add(b, " \"%s\"", clean(s->name, text, sizeof text));
    if (s->group[0] && !g && e->group < 0)
        sb_add(b, " in %s", clean(s->group, text, sizeof text));
    if (count_is_zero(e->total))
        sb_add(b, s->kind == SCOPE_PREFIXES ? ": no prefixes to delegate" : ": no pool addresses");
    else
        sb_add(b, ": %s%% free (%s of %s%s%s)", format_hundredths(e->pct_hundredths, pct, sizeof pct),
               num(e->free, n1, sizeof n1), num(e->total, n2, sizeof n2), unit, e->share ? " on this server" : "");
    sb_add(b, ", %s used", num(s->used, n1, sizeof n1));
    if (!count_is_zero(s->declined))
        sb_add(b, ", %s declined", num(s->declined, n1, sizeof n1));
    if (!count_is_zero(s->outside))
        sb_add(b, ", %s outside the pools", num(s->outside, n1, sizeof n1));
    if (s->has_free_split)
        sb_add(b, ", free this %s / partner %s", num(s->this_free, n1, sizeof n1), num(s->partner_free, n2, sizeof n2));
    if (s->has_used_split)
        sb_add(b, ", used this %s / partner %s", num(s->this_used, n1, sizeof n1), num(s->partner_used, n2, sizeof n2));
    if (s->failover >= 0 && (size_t)s->failover < list->nfailovers)
        sb_add(b, ", failover %s", clean(list->failovers[s->failover].name, text, sizeof text));
    if (count_saturated(s->total))
        sb_add(b, " (counts reach 2^128-1, the largest this plugin holds: at least that many)");
}

static void scope_line(sbuf_t *b, const scope_list_t *list, const scope_t *s, const eval_scope_t *e,
                       const eval_group_t *g)
{
    sb_add(b, "%s: ", report_state_name(e->state));
    scope_body(b, list, s, e, g);
}

/* A group's members, each on a line under the group's, without a state of
 * their own: they do not alert alone. */
static void pool_lines(sbuf_t *b, const options_t *opt, const scope_t *s, const eval_scope_t *e);

/* A group's members with -v, and their pools the server reports apart that
 * are not OK (all with -v): a member's full class-restricted pool makes its
 * group's state, and the report must say which. */
static void member_lines(sbuf_t *b, const options_t *opt, const scope_list_t *list, const eval_result_t *res,
                         long group)
{
    for (size_t i = 0; i < list->count; i++) {
        const eval_scope_t *e = &res->scopes[i];

        if (!e->selected || e->group != group)
            continue;
        if (opt->verbose) {
            sb_add(b, "\n  member ");
            scope_body(b, list, &list->items[i], e, NULL);
        }
        pool_lines(b, opt, &list->items[i], e);
    }
}

/* A scope's pools that the server reports apart, each on a line of its own
 * under the scope's: all of them with -v, else those that are not OK. */
static void pool_lines(sbuf_t *b, const options_t *opt, const scope_t *s, const eval_scope_t *e)
{
    char pct[32], text[SCOPE_TEXT_MAX], n1[COUNT_TEXT_MAX], n2[COUNT_TEXT_MAX];

    for (size_t k = 0; k < s->npools && e->pools; k++) {
        const scope_pool_t *p = &s->pools[k];
        const eval_pool_t *ep = &e->pools[k];

        if (ep->state == STATE_OK && opt->verbose == 0)
            continue;
        sb_add(b, "\n  %s: pool %s", report_state_name(ep->state), clean(p->name, text, sizeof text));
        if (p->client_class[0])
            sb_add(b, " (class %s)", clean(p->client_class, text, sizeof text));
        if (count_is_zero(p->total))
            sb_add(b, ": no addresses");
        else
            sb_add(b, ": %s%% free (%s of %s)", format_hundredths(ep->pct_hundredths, pct, sizeof pct),
                   num(p->free, n1, sizeof n1), num(p->total, n2, sizeof n2));
        sb_add(b, ", %s used", num(p->used, n1, sizeof n1));
        if (!count_is_zero(p->declined))
            sb_add(b, ", %s declined", num(p->declined, n1, sizeof n1));
    }
}

static void failover_line(sbuf_t *b, const scope_failover_t *f, const eval_failover_t *ef)
{
    char text[SCOPE_TEXT_MAX];

    sb_add(b, "%s: failover %s", ef->state != STATE_OK && !ef->counted ? "IGNORED" : report_state_name(ef->state),
           f->name[0] ? clean(f->name, text, sizeof text) : "(unnamed)");
    if (f->mode[0] || f->role[0]) {
        sb_add(b, " (");
        if (f->mode[0])
            sb_add(b, "%s%s", clean(f->mode, text, sizeof text), f->role[0] ? ", " : "");
        if (f->role[0])
            sb_add(b, "this server %s", clean(f->role, text, sizeof text));
        sb_add(b, ")");
    }
    sb_add(b, ": %s", clean(f->state[0] ? f->state : "unknown", text, sizeof text));
    if (f->partner_state[0])
        sb_add(b, ", partner %s", clean(f->partner_state, text, sizeof text));
}

/* The percentage threshold fields, the same for every scope: formatted once. */
typedef struct perf_fields {
    char w[32], c[32];
} perf_fields_t;

/* 'ADDR free' and 'ADDR used'. Without pool addresses there is no
 * percentage: the value is U, and used gets no maximum it would exceed. */
static void scope_perf(sbuf_t *b, const perf_fields_t *f, const scope_t *s, const eval_scope_t *e, int group)
{
    char addr[LABEL_MAX], pct[32], n1[COUNT_TEXT_MAX];

    /* One item per scope, thousands of scopes: appended, not formatted. */
    label_of(s, group, addr, sizeof addr);
    sb_cat(b, "'");
    sb_cat(b, addr);
    if (count_is_zero(e->total)) {
        sb_cat(b, " free'=U;");
    } else {
        sb_cat(b, " free'=");
        sb_cat(b, format_hundredths(e->pct_hundredths, pct, sizeof pct));
        sb_cat(b, "%;");
    }
    sb_cat(b, f->w);
    sb_cat(b, ";");
    sb_cat(b, f->c);
    sb_cat(b, ";0;100 '");
    sb_cat(b, addr);
    sb_cat(b, " used'=");
    sb_cat(b, num(s->used, n1, sizeof n1));
    sb_cat(b, ";;;0;");
    if (count_cmp(s->used, s->total) <= 0)
        sb_cat(b, num(s->total, n1, sizeof n1));
}

/* The free count (with -W/-C) and the failover split: dropped before the
 * scope's main perfdata when the output must shrink. */
static void scope_extra_perf(sbuf_t *b, const options_t *opt, const scope_t *s, const eval_scope_t *e,
                             int group)
{
    char addr[LABEL_MAX], w[32], c[32], n1[COUNT_TEXT_MAX], n2[COUNT_TEXT_MAX];
    int sep = 0;

    label_of(s, group, addr, sizeof addr);
    if (opt->has_warn_count || opt->has_crit_count) {
        format_threshold(opt, &opt->warn_count, opt->has_warn_count, count_to_double(e->total), w, sizeof w);
        format_threshold(opt, &opt->crit_count, opt->has_crit_count, count_to_double(e->total), c, sizeof c);
        sb_add(b, "'%s free count'=%s;%s;%s;0;%s", addr, num(e->free, n1, sizeof n1), w, c,
               num(e->total, n2, sizeof n2));
        sep = 1;
    }
    if (s->has_free_split) {
        num(s->total, n2, sizeof n2);
        sb_add(b, "%s'%s this free'=%s;;;0;%s ", sep ? " " : "", addr, num(s->this_free, n1, sizeof n1), n2);
        sb_add(b, "'%s partner free'=%s;;;0;%s", addr, num(s->partner_free, n1, sizeof n1), n2);
    }
}

static void summary(sbuf_t *b, const options_t *opt, const scope_list_t *list, const eval_result_t *res)
{
    char addr[ADDR_PREFIX_TEXT_MAX + SCOPE_TEXT_MAX], pct[32], text[SCOPE_TEXT_MAX], state[64],
        n1[COUNT_TEXT_MAX], n2[COUNT_TEXT_MAX];
    size_t more = 0;

    sb_add(b, REPORT_PREFIX " %s - %zu critical, %zu warning, %zu ok", report_state_name(res->state),
           res->ncritical, res->nwarning, res->nok);
    if (res->worst >= 0 || res->worst_group >= 0) {
        const scope_t *s = res->worst >= 0 ? &list->items[res->worst] : &res->groups[res->worst_group].sum;
        const eval_scope_t *e = res->worst >= 0 ? &res->scopes[res->worst] : &res->groups[res->worst_group].e;

        if (res->worst >= 0)
            addr_format_prefix(&s->addr, addr, sizeof addr);
        else
            snprintf(addr, sizeof addr, "group %s", clean(s->group, text, sizeof text));
        if (!count_is_zero(e->total))
            sb_add(b, ", %s %s%s %s%% free (%s of %s)", res->ncritical + res->nwarning == 0 ? "lowest" : "worst",
                   addr, s->kind == SCOPE_PREFIXES ? " PD" : "", format_hundredths(e->pct_hundredths, pct, sizeof pct),
                   num(e->free, n1, sizeof n1), num(e->total, n2, sizeof n2));
    }
    for (size_t f = 0; f < list->nfailovers; f++) {
        const scope_failover_t *fo = &list->failovers[f];
        const eval_failover_t *ef = &res->failovers[f];
        size_t mark = b->len;

        if (ef->state == STATE_OK || !ef->selected)
            continue;
        if (more) {
            more++;
            continue;
        }
        sb_add(b, ", failover %s %s", clean(fo->name, text, sizeof text),
               clean(fo->state[0] ? fo->state : "unknown", state, sizeof state));
        if (!ef->counted)
            sb_add(b, " (ignored)");
        /* The first line is never dropped, so a budget bounds this list. */
        if (opt->max_output && b->len + 64 > opt->max_output / 2) {
            sb_truncate(b, mark);
            more = 1;
        }
    }
    if (more)
        sb_add(b, ", and %zu more failover relationship%s not OK%s", more, more == 1 ? "" : "s",
               opt->ignore_failover ? " (ignored)" : "");
}

/* What the budget left out, counted per scope. */
typedef struct lost {
    size_t lines;                    /* detail lines */
    size_t perf;                     /* scopes whose perfdata went entirely */
    size_t extra;                    /* scopes that kept their perfdata but lost the extra part */
} lost_t;

static int is_perf(enum item_class c)
{
    return c == IC_BAD_PERF || c == IC_OK_PERF || c == IC_MEMBER_PERF;
}

static int is_extra(enum item_class c)
{
    return c == IC_BAD_EXTRA || c == IC_OK_EXTRA || c == IC_MEMBER_EXTRA;
}

/* Drops items, least important class first and last scope first, until the
 * output fits (with room for the note). */
static void fit(items_t *it, size_t fixed, size_t budget)
{
    size_t total = fixed;
    const size_t note_room = 160;

    for (size_t i = 0; i < it->n; i++)
        total += it->v[i].len + 1;
    if (budget == 0 || total <= budget)
        return;
    for (int cls = IC_COUNT - 1; cls >= 0 && total + note_room > budget; cls--) {
        for (size_t i = it->n; i-- > 0 && total + note_room > budget;) {
            item_t *x = &it->v[i];

            if (x->cls != (enum item_class)cls || !x->kept)
                continue;
            x->kept = 0;
            total -= x->len + 1;
        }
    }
}

/* A scope's extra perfdata item directly follows its main one. */
static void count_lost(const items_t *it, lost_t *lost)
{
    memset(lost, 0, sizeof *lost);
    for (size_t i = 0; i < it->n; i++) {
        const item_t *x = &it->v[i];
        const item_t *next = i + 1 < it->n ? &it->v[i + 1] : NULL;
        int has_extra = next && is_extra(next->cls) && next->scope == x->scope;

        if (!x->kept && (x->cls == IC_OK_LINE || x->cls == IC_BAD_LINE))
            lost->lines++;
        else if (is_perf(x->cls) && !x->kept)
            lost->perf++;
        else if (is_perf(x->cls) && has_extra && !next->kept)
            lost->extra++;
    }
}

/* "36 detail lines and the perfdata of 3,871 scopes and the failover split
 * of 129 more": what went, counted honestly. */
static void note(sbuf_t *b, const options_t *opt, const lost_t *lost)
{
    char n[32];
    const char *extra = opt->has_warn_count || opt->has_crit_count ? "the free count and failover split"
                                                                    : "the failover split";
    const char *sep = "";

    if (!lost->lines && !lost->perf && !lost->extra)
        return;
    sb_add(b, "(output kept within %zu bytes: ", opt->max_output);
    if (lost->lines) {
        sb_add(b, "%s detail line%s", text_thousands(lost->lines, n, sizeof n), lost->lines == 1 ? "" : "s");
        sep = " and ";
    }
    if (lost->perf) {
        sb_add(b, "%sthe perfdata of %s scope%s", sep, text_thousands(lost->perf, n, sizeof n),
               lost->perf == 1 ? "" : "s");
        sep = " and ";
    }
    if (lost->extra && lost->perf)
        sb_add(b, "%s%s of %s more", sep, extra, text_thousands(lost->extra, n, sizeof n));
    else if (lost->extra)
        sb_add(b, "%s%s of %s scope%s", sep, extra, text_thousands(lost->extra, n, sizeof n),
               lost->extra == 1 ? "" : "s");
    sb_add(b, " left out)\n");
}

char *report_render(const options_t *opt, const scope_list_t *list, const eval_result_t *res)
{
    items_t it = { 0 };
    sbuf_t b = { 0 }, out = { 0 };
    char *first;
    size_t nperf = 0;
    lost_t lost;
    perf_fields_t fields;

    format_threshold(opt, &opt->warn_pct, opt->has_warn_pct, 100, fields.w, sizeof fields.w);
    format_threshold(opt, &opt->crit_pct, opt->has_crit_pct, 100, fields.c, sizeof fields.c);
    summary(&b, opt, list, res);
    first = sb_take(&b);
    if (!first)
        return NULL;

    for (size_t f = 0; f < list->nfailovers; f++) {
        const eval_failover_t *ef = &res->failovers[f];

        if (!ef->selected || (ef->state == STATE_OK && opt->verbose == 0))
            continue;
        failover_line(&b, &list->failovers[f], ef);
        items_push(&it, &b, ef->state == STATE_OK ? IC_OK_LINE : IC_BAD_LINE, -1);
    }
    for (int pass = 0; pass < 2; pass++) {
        /* Units (scopes judged alone, groups at their first member) that are
         * not OK first, worst first, so they survive a budget. */
        for (int st = STATE_CRITICAL; st >= STATE_OK; st--) {
            for (size_t i = 0; i < list->count; i++) {
                const eval_scope_t *se = &res->scopes[i];
                const eval_group_t *g = se->group >= 0 ? &res->groups[se->group] : NULL;
                const scope_t *s = g ? &g->sum : &list->items[i];
                const eval_scope_t *e = g ? &g->e : se;
                long id = g ? -2 - se->group : (long)i;
                int bad = e->state != STATE_OK;

                if (!se->selected || e->state != st || (g && g->first != i))
                    continue;
                if (pass == 0) {
                    if (!bad && opt->verbose == 0)
                        continue;
                    scope_line(&b, list, s, e, g);
                    if (g)
                        member_lines(&b, opt, list, res, se->group);
                    else if (!g)
                        pool_lines(&b, opt, s, e);
                    items_push(&it, &b, bad ? IC_BAD_LINE : IC_OK_LINE, id);
                    continue;
                }
                scope_perf(&b, &fields, s, e, g != NULL);
                items_push(&it, &b, bad ? IC_BAD_PERF : IC_OK_PERF, id);
                scope_extra_perf(&b, opt, s, e, g != NULL);
                if (b.len)
                    items_push(&it, &b, bad ? IC_BAD_EXTRA : IC_OK_EXTRA, id);
                else
                    free(sb_take(&b));
                /* Members keep their own perfdata for graphs; it is the
                 * first to go when the output must shrink. */
                for (size_t m = 0; g && m < list->count; m++) {
                    if (!res->scopes[m].selected || res->scopes[m].group != se->group)
                        continue;
                    scope_perf(&b, &fields, &list->items[m], &res->scopes[m], 0);
                    items_push(&it, &b, IC_MEMBER_PERF, (long)m);
                    scope_extra_perf(&b, opt, &list->items[m], &res->scopes[m], 0);
                    if (b.len)
                        items_push(&it, &b, IC_MEMBER_EXTRA, (long)m);
                    else
                        free(sb_take(&b));
                }
            }
        }
    }
    if (it.failed) {
        free_items(&it);
        free(first);
        return NULL;
    }

    fit(&it, strlen(first) + 4, opt->max_output);
    count_lost(&it, &lost);

    sb_add(&out, "%s", first);
    for (size_t i = 0; i < it.n; i++) {
        const item_t *x = &it.v[i];

        if (x->kept && (is_perf(x->cls) || is_extra(x->cls)))
            sb_add(&out, "%s%s", nperf++ ? " " : " | ", x->text);
    }
    sb_add(&out, "\n");
    for (size_t i = 0; i < it.n; i++) {
        const item_t *x = &it.v[i];

        if (x->kept && (x->cls == IC_BAD_LINE || x->cls == IC_OK_LINE))
            sb_add(&out, "%s\n", x->text);
    }
    note(&out, opt, &lost);
    free_items(&it);
    free(first);
    return sb_take(&out);
}

char *report_problem(int state, const char *sentence)
{
    sbuf_t b = { 0 };
    char text[1024];

    sb_add(&b, REPORT_PREFIX " %s - %s\n", report_state_name(state), clean(sentence, text, sizeof text));
    return sb_take(&b);
}

char *report_unknown(const char *sentence)
{
    return report_problem(STATE_UNKNOWN, sentence);
}
