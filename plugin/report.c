#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable string; on allocation failure it remembers and stops growing. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
    int failed;
} sbuf_t;

static void sb_vadd(sbuf_t *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    if (b->failed)
        return;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *p;

        while (b->len + (size_t)n + 1 > cap)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

static void sb_add(sbuf_t *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sb_vadd(b, fmt, ap);
    va_end(ap);
}

/* Hands over the text (or NULL after a failure) and resets the buffer. */
static char *sb_take(sbuf_t *b)
{
    char *p = b->failed ? NULL : b->p;

    if (b->failed)
        free(b->p);
    if (p == NULL && !b->failed) {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    memset(b, 0, sizeof *b);
    return p;
}

const char *report_state_name(int state)
{
    switch (state) {
    case STATE_OK: return "OK";
    case STATE_WARNING: return "WARNING";
    case STATE_CRITICAL: return "CRITICAL";
    default: return "UNKNOWN";
    }
}

/* A percentage with at most two decimals, rounded down so that a printed
 * value never shows more free space than there is. */
static void format_pct(double v, char *buf, size_t len)
{
    char *p;

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
}

/* A threshold as the plain number Icinga 2 and graphers accept, or "". */
static void format_threshold(const range_t *r, int has, char *buf, size_t len)
{
    double v;

    buf[0] = '\0';
    if (has && range_plain_value(r, &v) == 0 && fabs(v) < 1e15)
        format_pct(v, buf, len);
}

/* Text from a server (names) may hold anything: keep the output one line per
 * item and free of '|', which would start perfdata. */
static void clean_text(const char *in, char *out, size_t len)
{
    size_t j = 0;

    for (size_t i = 0; in[i] && j + 1 < len; i++) {
        unsigned char c = (unsigned char)in[i];

        out[j++] = c == '|' ? '/' : (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    out[j] = '\0';
}

/* A perfdata label: the guidelines forbid '=' and quote "'" as "''". */
static void perf_label(sbuf_t *b, const char *addr, const char *suffix)
{
    sb_add(b, "'%s %s'", addr, suffix);
}

enum item_class {
    IC_BAD_PERF,       /* perfdata of scopes that are not OK: dropped last */
    IC_BAD_LINE,
    IC_BAD_EXTRA,
    IC_OK_PERF,
    IC_OK_EXTRA,
    IC_OK_LINE,        /* detail of OK scopes: dropped first */
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

    if (!text || it->failed) {
        free(text);
        it->failed = 1;
        return;
    }
    if (it->n == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 64;
        item_t *v = realloc(it->v, cap * sizeof *v);

        if (!v) {
            free(text);
            it->failed = 1;
            return;
        }
        it->v = v;
        it->cap = cap;
    }
    it->v[it->n].text = text;
    it->v[it->n].len = strlen(text);
    it->v[it->n].cls = cls;
    it->v[it->n].scope = scope;
    it->v[it->n].kept = 1;
    it->n++;
}

static void scope_line(sbuf_t *b, const options_t *opt, const scope_list_t *list, const scope_t *s)
{
    char addr[16], pct[32], text[SCOPE_TEXT_MAX];
    uint64_t free_count, total;

    scope_addr_format(s->addr, addr);
    eval_free_metric(opt, s, &free_count, &total);
    sb_add(b, "%s: %s/%u", report_state_name(s->state), addr, (unsigned)s->prefix);
    if (s->name[0]) {
        clean_text(s->name, text, sizeof text);
        sb_add(b, " \"%s\"", text);
    }
    if (s->group[0]) {
        clean_text(s->group, text, sizeof text);
        sb_add(b, " in %s", text);
    }
    if (total == 0) {
        sb_add(b, ": no pool addresses");
    } else {
        format_pct(s->free_pct, pct, sizeof pct);
        sb_add(b, ": %s%% free (%llu of %llu%s)", pct, (unsigned long long)free_count,
               (unsigned long long)total, opt->server_share && s->has_free_split ? " on this server" : "");
    }
    sb_add(b, ", %llu used", (unsigned long long)s->used);
    if (s->declined)
        sb_add(b, ", %llu declined", (unsigned long long)s->declined);
    if (s->has_free_split)
        sb_add(b, ", free this %llu / partner %llu", (unsigned long long)s->this_free,
               (unsigned long long)s->partner_free);
    if (s->has_used_split)
        sb_add(b, ", used this %llu / partner %llu", (unsigned long long)s->this_used,
               (unsigned long long)s->partner_used);
    if (s->failover >= 0 && (size_t)s->failover < list->nfailovers) {
        clean_text(list->failovers[s->failover].name, text, sizeof text);
        sb_add(b, ", failover %s", text);
    }
}

static void failover_line(sbuf_t *b, const options_t *opt, const scope_failover_t *f)
{
    char text[SCOPE_TEXT_MAX];

    clean_text(f->name, text, sizeof text);
    sb_add(b, "%s: failover %s", opt->ignore_failover && f->plugin_state != STATE_OK ? "IGNORED"
                                 : report_state_name(f->plugin_state), text[0] ? text : "(unnamed)");
    if (f->mode[0] || f->role[0]) {
        sb_add(b, " (");
        if (f->mode[0]) {
            clean_text(f->mode, text, sizeof text);
            sb_add(b, "%s%s", text, f->role[0] ? ", " : "");
        }
        if (f->role[0]) {
            clean_text(f->role, text, sizeof text);
            sb_add(b, "this server %s", text);
        }
        sb_add(b, ")");
    }
    clean_text(f->state[0] ? f->state : "unknown", text, sizeof text);
    sb_add(b, ": %s", text);
    if (f->partner_state[0]) {
        clean_text(f->partner_state, text, sizeof text);
        sb_add(b, ", partner %s", text);
    }
}

static void scope_perf(sbuf_t *b, const options_t *opt, const scope_t *s, char *addr)
{
    char pct[32], w[32], c[32];
    uint64_t free_count, total;

    eval_free_metric(opt, s, &free_count, &total);
    format_pct(s->free_pct, pct, sizeof pct);
    format_threshold(&opt->warn_pct, opt->has_warn_pct, w, sizeof w);
    format_threshold(&opt->crit_pct, opt->has_crit_pct, c, sizeof c);
    perf_label(b, addr, "free");
    sb_add(b, "=%s%%;%s;%s;0;100 ", total ? pct : "0", w, c);
    perf_label(b, addr, "used");
    sb_add(b, "=%llu;;;0;%llu", (unsigned long long)s->used, (unsigned long long)s->total);
}

static void scope_extra_perf(sbuf_t *b, const options_t *opt, const scope_t *s, char *addr)
{
    char w[32], c[32];
    uint64_t free_count, total;
    int sep = 0;

    eval_free_metric(opt, s, &free_count, &total);
    if (opt->has_warn_count || opt->has_crit_count) {
        format_threshold(&opt->warn_count, opt->has_warn_count, w, sizeof w);
        format_threshold(&opt->crit_count, opt->has_crit_count, c, sizeof c);
        perf_label(b, addr, "free count");
        sb_add(b, "=%llu;%s;%s;0;%llu", (unsigned long long)free_count, w, c,
               (unsigned long long)total);
        sep = 1;
    }
    if (s->has_free_split) {
        sb_add(b, "%s", sep ? " " : "");
        perf_label(b, addr, "this free");
        sb_add(b, "=%llu;;;0;%llu ", (unsigned long long)s->this_free, (unsigned long long)s->total);
        perf_label(b, addr, "partner free");
        sb_add(b, "=%llu;;;0;%llu", (unsigned long long)s->partner_free, (unsigned long long)s->total);
    }
}

static void summary(sbuf_t *b, const options_t *opt, const scope_list_t *list, const eval_result_t *res)
{
    char addr[16], pct[32], text[SCOPE_TEXT_MAX];
    size_t more = 0;

    sb_add(b, REPORT_PREFIX " %s - %zu critical, %zu warning, %zu ok", report_state_name(res->state),
           res->ncritical, res->nwarning, res->nok);
    if (res->worst >= 0) {
        const scope_t *s = &list->items[res->worst];
        uint64_t free_count, total;

        eval_free_metric(opt, s, &free_count, &total);
        scope_addr_format(s->addr, addr);
        if (total) {
            format_pct(s->free_pct, pct, sizeof pct);
            sb_add(b, ", %s %s/%u %s%% free (%llu of %llu)", res->ncritical + res->nwarning == 0 ? "lowest" : "worst",
                   addr, (unsigned)s->prefix, pct, (unsigned long long)free_count,
                   (unsigned long long)total);
        }
    }
    for (size_t f = 0; f < list->nfailovers; f++) {
        const scope_failover_t *fo = &list->failovers[f];
        char state[sizeof fo->state];
        size_t mark = b->len;

        if (fo->plugin_state == STATE_OK || !fo->selected)
            continue;
        if (more) {
            more++;
            continue;
        }
        clean_text(fo->name, text, sizeof text);
        clean_text(fo->state[0] ? fo->state : "unknown", state, sizeof state);
        sb_add(b, ", failover %s %s", text, state);
        if (opt->ignore_failover)
            sb_add(b, " (ignored)");
        /* The first line is never dropped, so a budget bounds this list. */
        if (opt->max_output && !b->failed && b->len + 64 > opt->max_output / 2) {
            b->len = mark;
            b->p[mark] = '\0';
            more = 1;
        }
    }
    if (more)
        sb_add(b, ", and %zu more failover relationship%s not OK%s", more, more == 1 ? "" : "s",
               opt->ignore_failover ? " (ignored)" : "");
}

/* Drops items, least important class first and last scope first, until the
 * output fits; returns how many scopes lost detail and perfdata. */
static void fit(items_t *it, size_t fixed, size_t budget, size_t *lost_lines, size_t *lost_perf)
{
    size_t total = fixed;
    const size_t note_room = 120;

    *lost_lines = *lost_perf = 0;
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
            /* A scope's extra perfdata follows its perfdata and goes first:
             * count each scope once, whichever of its items went. */
            if (cls == IC_OK_LINE || cls == IC_BAD_LINE)
                (*lost_lines)++;
            else if (cls == IC_OK_EXTRA || cls == IC_BAD_EXTRA)
                (*lost_perf)++;
            else if (cls == IC_OK_PERF || cls == IC_BAD_PERF) {
                const item_t *next = i + 1 < it->n ? &it->v[i + 1] : NULL;

                if (!next || next->scope != x->scope || next->kept
                    || (next->cls != IC_OK_EXTRA && next->cls != IC_BAD_EXTRA))
                    (*lost_perf)++;
            }
        }
    }
}

char *report_render(const options_t *opt, const scope_list_t *list, const eval_result_t *res)
{
    items_t it = { 0 };
    sbuf_t b = { 0 }, out = { 0 };
    char *first;
    size_t lost_lines, lost_perf, nperf = 0;

    summary(&b, opt, list, res);
    first = sb_take(&b);
    if (!first)
        return NULL;

    for (size_t f = 0; f < list->nfailovers; f++) {
        const scope_failover_t *fo = &list->failovers[f];

        if (!fo->selected || (fo->plugin_state == STATE_OK && opt->verbose == 0))
            continue;
        failover_line(&b, opt, fo);
        items_push(&it, &b, fo->plugin_state == STATE_OK ? IC_OK_LINE : IC_BAD_LINE, -1);
    }
    for (int pass = 0; pass < 2; pass++) {
        /* Scopes that are not OK first, worst first, so they survive a budget. */
        for (int st = STATE_CRITICAL; st >= STATE_OK; st--) {
            for (size_t i = 0; i < list->count; i++) {
                const scope_t *s = &list->items[i];
                char addr[16];
                int bad = s->state != STATE_OK;

                if (!s->selected || s->state != st)
                    continue;
                scope_addr_format(s->addr, addr);
                if (pass == 0) {
                    if (!bad && opt->verbose == 0)
                        continue;
                    scope_line(&b, opt, list, s);
                    items_push(&it, &b, bad ? IC_BAD_LINE : IC_OK_LINE, (long)i);
                } else {
                    scope_perf(&b, opt, s, addr);
                    items_push(&it, &b, bad ? IC_BAD_PERF : IC_OK_PERF, (long)i);
                    scope_extra_perf(&b, opt, s, addr);
                    if (b.len)
                        items_push(&it, &b, bad ? IC_BAD_EXTRA : IC_OK_EXTRA, (long)i);
                    else
                        free(sb_take(&b));
                }
            }
        }
    }
    if (it.failed) {
        for (size_t i = 0; i < it.n; i++)
            free(it.v[i].text);
        free(it.v);
        free(first);
        return NULL;
    }

    fit(&it, strlen(first) + 4, opt->max_output, &lost_lines, &lost_perf);

    sb_add(&out, "%s", first);
    for (size_t i = 0; i < it.n; i++) {
        const item_t *x = &it.v[i];

        if (!x->kept || (x->cls != IC_BAD_PERF && x->cls != IC_OK_PERF && x->cls != IC_BAD_EXTRA
                         && x->cls != IC_OK_EXTRA))
            continue;
        sb_add(&out, "%s%s", nperf++ ? " " : " | ", x->text);
    }
    sb_add(&out, "\n");
    for (size_t i = 0; i < it.n; i++) {
        const item_t *x = &it.v[i];

        if (x->kept && (x->cls == IC_BAD_LINE || x->cls == IC_OK_LINE))
            sb_add(&out, "%s\n", x->text);
    }
    if (lost_lines || lost_perf)
        sb_add(&out, "(output kept within %zu bytes: %zu detail line%s and %zu scope%s perfdata left out)\n",
               opt->max_output, lost_lines, lost_lines == 1 ? "" : "s", lost_perf,
               lost_perf == 1 ? "'s" : "s'");

    for (size_t i = 0; i < it.n; i++)
        free(it.v[i].text);
    free(it.v);
    free(first);
    return sb_take(&out);
}

char *report_unknown(const char *sentence)
{
    sbuf_t b = { 0 };
    char text[1024];

    clean_text(sentence, text, sizeof text);
    sb_add(&b, REPORT_PREFIX " UNKNOWN - %s\n", text);
    return sb_take(&b);
}
