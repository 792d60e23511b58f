/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"
#include "sbuf.h"
#include "vec.h"
#include "version.h"

#define DEFAULT_MAX_OUTPUT 8192u
/* Where the help text of an option starts. */
#define HELP_COLUMN 24

enum opt_id {
    O_HELP, O_VERSION, O_VERBOSE, O_WARN, O_CRIT, O_WARN_COUNT, O_CRIT_COUNT,
    O_SCOPE, O_EXCLUDE, O_MIN_SIZE, O_TIMEOUT, O_IGNORE_FAILOVER, O_SERVER_SHARE,
    O_MAX_OUTPUT, O_SOURCE, O_EXTRA_OPTS, O_SERVER_DOWN, O_USED, O_PER_SUBNET
};

enum opt_section { SEC_THRESHOLDS, SEC_SCOPES, SEC_FAILOVER, SEC_SOURCES, SEC_OUTPUT, SEC_FILE };

typedef struct opt_def {
    enum opt_id id;
    enum opt_section section;
    char short_name;      /* 0 when none */
    const char *long_name;
    const char *arg;      /* NULL for a flag */
    const char *help;
} opt_def_t;

/* --extra-opts is read before the parser runs (plugin/extraopts.c); it is
 * here for --help and the documentation checks. */
static const opt_def_t opt_defs[] = {
    { O_WARN, SEC_THRESHOLDS, 'w', "warning", "RANGE", "free-address % (default 20: warn below 20%)" },
    { O_CRIT, SEC_THRESHOLDS, 'c', "critical", "RANGE", "free-address % (default 10: critical below 10%)" },
    { O_WARN_COUNT, SEC_THRESHOLDS, 'W', "warning-count", "RANGE", "free-address count (no default)" },
    { O_CRIT_COUNT, SEC_THRESHOLDS, 'C', "critical-count", "RANGE", "free-address count (no default)" },
    { O_USED, SEC_THRESHOLDS, 0, "used", NULL,
      "-w/-c/-W/-C apply to used space (used % and\n"
      "used count, as dhcpd-pools and Stork count it), and a\n"
      "bare number is an upper bound: -w 80 -c 90 warns\n"
      "above 80% used. Default then -w 80 -c 90." },
    { O_SCOPE, SEC_SCOPES, 's', "scope", "SCOPE",
      "check only this scope (repeatable): subnet address\n"
      "(10.0.1.0, 2001:db8:1::), prefix (10.0.1.0/24), source\n"
      "id (Kea subnet id), exact name, or the name of a\n"
      "shared-network or superscope. A member subnet named\n"
      "here is judged on its own. A -s that matches nothing\n"
      "is UNKNOWN." },
    { O_EXCLUDE, SEC_SCOPES, 'x', "exclude", "SCOPE", "skip this scope (repeatable, same forms)" },
    { O_MIN_SIZE, SEC_SCOPES, 0, "min-size", "N", "skip scopes with fewer than N pool addresses" },
    { O_PER_SUBNET, SEC_SCOPES, 0, "per-subnet", NULL,
      "judge every subnet on its own. By default a\n"
      "shared-network or superscope is one pool: its\n"
      "members' sums are judged, the members only shown." },
    { O_IGNORE_FAILOVER, SEC_FAILOVER, 0, "ignore-failover", NULL,
      "show the failover or HA state but do not let it\n"
      "change the result. Otherwise: normal OK, partner-down\n"
      "CRITICAL, any interrupted, recovering, paused or\n"
      "unknown state WARNING (see the manual for each source)." },
    { O_SERVER_SHARE, SEC_FAILOVER, 0, "server-share", NULL,
      "evaluate this server's own free addresses instead of\n"
      "the scope-wide figure: mswin, free this / (free this\n"
      "+ used this); isc, free this / all pool addresses.\n"
      "On a hot-standby standby that share is only the\n"
      "reserve (5% by default): set thresholds for that." },
    { O_SERVER_DOWN, SEC_FAILOVER, 0, "server-down", "STATE",
      "what a DHCP server that is not running or not\n"
      "answering is: critical (the default, as check_tcp\n"
      "says of a closed port) or unknown. Misuse (bad\n"
      "options, unreadable files, permission denied, a\n"
      "malformed reply) is always UNKNOWN." },
    { O_SOURCE, SEC_SOURCES, 0, "source", "NAME", NULL },
    { O_VERBOSE, SEC_OUTPUT, 'v', "verbose", NULL, "list every scope, not only those that are not OK" },
    { O_MAX_OUTPUT, SEC_OUTPUT, 0, "max-output", "BYTES",
      "keep the whole output within BYTES (default 8192,\n"
      "Nagios 4's limit; use 1024 for NRPE / NSClient++;\n"
      "0 = no limit). Detail of OK scopes goes first, then\n"
      "their perfdata; the output says what was left out." },
    { O_TIMEOUT, SEC_OUTPUT, 't', "timeout", "SECONDS", "give up with UNKNOWN after SECONDS (default 10)" },
    { O_EXTRA_OPTS, SEC_FILE, 0, "extra-opts", "[SECTION][@FILE]",
      "read the options of [SECTION] (default\n"
      "check_dhcp_scope) of an ini FILE where this option\n"
      "stands: later arguments override them, repeated -s\n"
      "add up. Keeps passwords and long scope lists off the\n"
      "command line. One 'name=value' or flag 'name' a line,\n"
      "e.g. 'scope=10.0.1.0'. FILE defaults to\n"
      "$MP_CONFIG_FILE, else the first of\n"
      "/etc/monitoring-plugins/monitoring-plugins.ini,\n"
      "/etc/nagios/plugins.ini, ... (see the manual)." },
    { O_HELP, SEC_FILE, 'h', "help", NULL, "this text" },
    { O_VERSION, SEC_FILE, 'V', "version", NULL, "the version and the sources this build has" },
};

#define NOPTS (sizeof opt_defs / sizeof opt_defs[0])

/* An option found by name: one of ours, or one of a source's. */
typedef struct found {
    const opt_def_t *common;
    const source_option_t *src;
} found_t;

static int takes_value(const found_t *f)
{
    return f->common ? f->common->arg != NULL : f->src->arg != NULL;
}

static const char *long_name(const found_t *f)
{
    return f->common ? f->common->long_name : f->src->long_name;
}

static int name_is(const char *a, const char *b, size_t blen)
{
    return strlen(a) == blen && strncmp(a, b, blen) == 0;
}

/* By long name (len bytes of name) or, when len is 0, by the letter c. The
 * first source that declares an option decides whether it takes a value;
 * a unit test keeps the sources agreeing. */
static int find(const char *name, size_t len, char c, found_t *f)
{
    memset(f, 0, sizeof *f);
    if (len == 0 && c == 0)
        return -1;
    for (size_t i = 0; i < NOPTS; i++) {
        if (opt_defs[i].id == O_EXTRA_OPTS)
            continue;
        if (len ? name_is(opt_defs[i].long_name, name, len) : opt_defs[i].short_name == c) {
            f->common = &opt_defs[i];
            return 0;
        }
    }
    for (size_t s = 0; source_table[s]; s++) {
        for (size_t i = 0; i < source_table[s]->noptions; i++) {
            const source_option_t *o = &source_table[s]->options[i];

            if (len ? name_is(o->long_name, name, len) : (o->short_name && o->short_name == c)) {
                f->src = o;
                return 0;
            }
        }
    }
    return -1;
}

/* A whole unsigned decimal number within max. */
static int parse_uint(const char *text, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;

    if (!text[0] || text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

static int push(const char ***arr, size_t *n, size_t *cap, const char *value)
{
    const char **a = vec_grow((void *)*arr, cap, *n + 1, sizeof *a);

    if (!a)
        return -1;
    a[(*n)++] = value;
    *arr = a;
    return 0;
}

/* A source option as given, applied once the source is known. */
typedef struct pending {
    const char *long_name;
    const char *shown;               /* "--socket" or "-H" */
    const char *value;
} pending_t;

/* A threshold as given: parsed once --used is known. */
typedef struct threshold_text {
    const char *text;
    char shown[32];
} threshold_text_t;

typedef struct parse_state {
    options_t *o;
    threshold_text_t thresholds[4];  /* -w, -c, -W, -C */
    pending_t *pending;
    size_t npending, pending_cap;
    size_t scopes_cap, excludes_cap;
    char shown[64];
} parse_state_t;

static int apply_common(parse_state_t *ps, const opt_def_t *d, const char *shown, const char *v,
                        char *err, size_t errlen)
{
    options_t *o = ps->o;
    unsigned long long n;

    switch (d->id) {
    case O_HELP:
        o->action = OPTIONS_HELP;
        return 0;
    case O_VERSION:
        if (o->action != OPTIONS_HELP)
            o->action = OPTIONS_VERSION;
        return 0;
    case O_VERBOSE:
        o->verbose++;
        return 0;
    case O_WARN:
    case O_CRIT:
    case O_WARN_COUNT:
    case O_CRIT_COUNT: {
        threshold_text_t *t = &ps->thresholds[d->id == O_WARN ? 0 : d->id == O_CRIT ? 1 : d->id == O_WARN_COUNT ? 2 : 3];

        t->text = v;
        snprintf(t->shown, sizeof t->shown, "%s", shown);
        return 0;
    }
    case O_USED:
        o->used = 1;
        return 0;
    case O_PER_SUBNET:
        o->per_subnet = 1;
        return 0;
    case O_SCOPE:
    case O_EXCLUDE:
        if (!v[0]) {
            snprintf(err, errlen, "%s needs a scope address, prefix, id or name", shown);
            return -1;
        }
        if (d->id == O_SCOPE ? push(&o->scopes, &o->nscopes, &ps->scopes_cap, v)
                             : push(&o->excludes, &o->nexcludes, &ps->excludes_cap, v)) {
            snprintf(err, errlen, "out of memory while reading the options");
            return -1;
        }
        return 0;
    case O_MIN_SIZE:
        if (parse_uint(v, UINT64_MAX, &n)) {
            snprintf(err, errlen, "%s '%s' is not a whole number of addresses", shown, v);
            return -1;
        }
        o->min_size = n;
        return 0;
    case O_TIMEOUT:
        if (parse_uint(v, 86400, &n) || n == 0) {
            snprintf(err, errlen, "%s '%s' is not a number of seconds from 1 to 86400", shown, v);
            return -1;
        }
        o->timeout = (unsigned)n;
        return 0;
    case O_IGNORE_FAILOVER:
        o->ignore_failover = 1;
        return 0;
    case O_SERVER_SHARE:
        o->server_share = 1;
        return 0;
    case O_MAX_OUTPUT:
        if (parse_uint(v, 1u << 30, &n) || (n != 0 && n < 128)) {
            snprintf(err, errlen, "%s '%s' is not a byte count of at least 128 (or 0 for no limit)", shown, v);
            return -1;
        }
        o->max_output = (size_t)n;
        return 0;
    case O_SOURCE: {
        const source_t *s = source_find(v);

        if (!s) {
            size_t len = (size_t)snprintf(err, errlen, "%s '%.40s' is not a known source (", shown, v);

            for (size_t i = 0; source_table[i] && len < errlen; i++)
                len += (size_t)snprintf(err + len, errlen - len, "%s%s", source_table[i]->name,
                                        !source_table[i + 1] ? ")" : !source_table[i + 2] ? " or " : ", ");
            return -1;
        }
        o->source = s;
        return 0;
    }
    case O_SERVER_DOWN:
        if (strcmp(v, "critical") == 0)
            o->server_down = STATE_CRITICAL;
        else if (strcmp(v, "unknown") == 0)
            o->server_down = STATE_UNKNOWN;
        else {
            snprintf(err, errlen, "%s '%.40s' is neither critical nor unknown", shown, v);
            return -1;
        }
        return 0;
    case O_EXTRA_OPTS:
        break;
    }
    return 0;
}

/* A source option's value is checked as soon as it is read, so that the
 * sentence names the bad value whatever --source says; where it goes waits
 * for the end of the command line. */
static int record_source_option(parse_state_t *ps, const source_option_t *so, const char *shown,
                                const char *v, char *err, size_t errlen)
{
    pending_t *p;
    unsigned long long n;

    if (so->kind == SOPT_STRING && so->needs && !v[0]) {
        snprintf(err, errlen, "%s needs %s", shown, so->needs);
        return -1;
    }
    if (so->kind == SOPT_UINT && (parse_uint(v, so->max, &n) || n == 0)) {
        snprintf(err, errlen, "%s '%.40s' is not a whole number from 1 to %lu", shown, v, so->max);
        return -1;
    }
    p = vec_grow(ps->pending, &ps->pending_cap, ps->npending + 1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory while reading the options");
        return -1;
    }
    ps->pending = p;
    p = &ps->pending[ps->npending++];
    p->long_name = so->long_name;
    p->shown = shown[1] == '-' ? NULL : shown;
    p->value = v;
    return 0;
}

static int apply(parse_state_t *ps, const found_t *f, const char *shown, const char *v, char *err,
                 size_t errlen)
{
    if (f->common)
        return apply_common(ps, f->common, shown, v, err, errlen);
    return record_source_option(ps, f->src, shown, v, err, errlen);
}

/* Names of the sources that have an option ("isc", "isc and dnsmasq"), for
 * the sentence saying that the chosen one does not; returns how many. */
static size_t owners(const char *long_name, char *buf, size_t len)
{
    const char *names[16];
    size_t count = 0, n = 0;

    buf[0] = '\0';
    for (size_t s = 0; source_table[s]; s++)
        for (size_t i = 0; i < source_table[s]->noptions; i++)
            if (strcmp(source_table[s]->options[i].long_name, long_name) == 0 && count < 16)
                names[count++] = source_table[s]->name;
    for (size_t k = 0; k < count && n < len; k++)
        n += (size_t)snprintf(buf + n, len - n, "%s%s", k == 0 ? "" : k + 1 == count ? " and " : ", ", names[k]);
    return count;
}

static int finish_source(parse_state_t *ps, char *err, size_t errlen)
{
    options_t *o = ps->o;
    const source_t *s = o->source;

    o->source_opts = calloc(1, s->opts_size ? s->opts_size : 1);
    if (!o->source_opts) {
        snprintf(err, errlen, "out of memory while reading the options");
        return -1;
    }
    if (s->defaults)
        s->defaults(o->source_opts);
    for (size_t k = 0; k < ps->npending; k++) {
        const pending_t *p = &ps->pending[k];
        const source_option_t *so = NULL;
        char *field;

        for (size_t i = 0; i < s->noptions && !so; i++)
            if (strcmp(s->options[i].long_name, p->long_name) == 0)
                so = &s->options[i];
        if (!so) {
            char who[64];
            size_t nwho = owners(p->long_name, who, sizeof who);

            snprintf(err, errlen, "--%s is an option of the %s source%s, not of %s (see --help)",
                     p->long_name, who, nwho == 1 ? "" : "s", s->name);
            return -1;
        }
        field = (char *)o->source_opts + so->offset;
        switch (so->kind) {
        case SOPT_FLAG:
            *(int *)(void *)field = 1;
            break;
        case SOPT_STRING:
            *(const char **)(void *)field = p->value;
            break;
        case SOPT_UINT:
            *(unsigned long *)(void *)field = strtoul(p->value, NULL, 10);
            break;
        }
    }
    return 0;
}

static void set_defaults(options_t *o)
{
    memset(o, 0, sizeof *o);
    o->action = OPTIONS_RUN;
    o->source = source_find(os_default_source());
    o->timeout = OPTIONS_DEFAULT_TIMEOUT;
    o->max_output = DEFAULT_MAX_OUTPUT;
    o->server_down = STATE_CRITICAL;
}

/* A -w/-c pair (or -W/-C) on free space whose critical bound lies above its
 * warning one ("-w 80 -c 90": critical below 90% free, so nearly always) is
 * almost surely a used-space pair; with --used, the mirror image. */
static int check_pair(const options_t *o, const range_t *w, const range_t *c, const threshold_text_t *tw,
                      const threshold_text_t *tc, char *err, size_t errlen)
{
    double wv, cv;

    if (!o->used && range_lower_bound(w, &wv) == 0 && range_lower_bound(c, &cv) == 0 && cv > wv) {
        snprintf(err, errlen, "%s %s %s %s: critical would fire before warning (below %s vs below %s free): "
                 "these look like used-space thresholds; add --used to mean 'warn above %s, critical above %s "
                 "used', or give the free-space ones", tw->shown, tw->text, tc->shown, tc->text, tc->text, tw->text,
                 tw->text, tc->text);
        return -1;
    }
    if (o->used && !w->inside && !c->inside && !w->end_inf && !c->end_inf && (w->start_inf || w->start <= 0)
        && (c->start_inf || c->start <= 0) && c->end < w->end) {
        snprintf(err, errlen, "%s %s %s %s with --used: critical would fire before warning (above %s vs above "
                 "%s used): these look like free-space thresholds; drop --used, or give the used-space ones",
                 tw->shown, tw->text, tc->shown, tc->text, tc->text, tw->text);
        return -1;
    }
    return 0;
}

/* Parses -w/-c/-W/-C now that --used is known; the defaults apply only when
 * none was given: an admin who sets only -W/-C asked for count thresholds alone. */
static int thresholds(parse_state_t *ps, char *err, size_t errlen)
{
    options_t *o = ps->o;
    range_t *r[4] = { &o->warn_pct, &o->crit_pct, &o->warn_count, &o->crit_count };
    int *has[4] = { &o->has_warn_pct, &o->has_crit_pct, &o->has_warn_count, &o->has_crit_count };
    enum range_bare bare = o->used ? RANGE_BARE_UPPER : RANGE_BARE_LOWER;
    char why[160];
    int any = 0;

    for (int i = 0; i < 4; i++) {
        if (!ps->thresholds[i].text)
            continue;
        if (range_parse(ps->thresholds[i].text, bare, i < 2, r[i], why, sizeof why) != 0) {
            snprintf(err, errlen, "%s: %s", ps->thresholds[i].shown, why);
            return -1;
        }
        *has[i] = any = 1;
    }
    if (!any) {
        range_parse(o->used ? "80" : "20", bare, 1, &o->warn_pct, NULL, 0);
        range_parse(o->used ? "90" : "10", bare, 1, &o->crit_pct, NULL, 0);
        o->has_warn_pct = o->has_crit_pct = 1;
        return 0;
    }
    if (o->has_warn_pct && o->has_crit_pct
        && check_pair(o, &o->warn_pct, &o->crit_pct, &ps->thresholds[0], &ps->thresholds[1], err, errlen))
        return -1;
    if (o->has_warn_count && o->has_crit_count
        && check_pair(o, &o->warn_count, &o->crit_count, &ps->thresholds[2], &ps->thresholds[3], err, errlen))
        return -1;
    return 0;
}

static int parse_args(parse_state_t *ps, int argc, char **argv, char *err, size_t errlen)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        found_t f;

        if (strcmp(a, "--") == 0) {
            if (i + 1 < argc) {
                snprintf(err, errlen, "unexpected argument '%s' (options start with '-')", argv[i + 1]);
                return -1;
            }
            break;
        }
        if (a[0] == '-' && a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const char *v = NULL;

            if (len == 0 || find(name, len, 0, &f) != 0) {
                snprintf(err, errlen, "unknown option '--%.*s' (see --help)", (int)(len > 60 ? 60 : len), name);
                return -1;
            }
            if (takes_value(&f)) {
                if (eq)
                    v = eq + 1;
                else if (i + 1 < argc)
                    v = argv[++i];
                else {
                    snprintf(err, errlen, "option '--%s' needs a value", long_name(&f));
                    return -1;
                }
            } else if (eq) {
                snprintf(err, errlen, "option '--%s' takes no value", long_name(&f));
                return -1;
            }
            snprintf(ps->shown, sizeof ps->shown, "--%s", long_name(&f));
            if (apply(ps, &f, ps->shown, v, err, errlen))
                return -1;
        } else if (a[0] == '-' && a[1] != '\0') {
            for (const char *p = a + 1; *p; p++) {
                const char *v = NULL;

                if (find(NULL, 0, *p, &f) != 0) {
                    if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
                        snprintf(err, errlen, "unknown option in '%.40s' (see --help)", a);
                    else
                        snprintf(err, errlen, "unknown option '-%c' (see --help)", *p);
                    return -1;
                }
                snprintf(ps->shown, sizeof ps->shown, "-%c", *p);
                if (takes_value(&f)) {
                    if (p[1])
                        v = p + 1;
                    else if (i + 1 < argc)
                        v = argv[++i];
                    else {
                        snprintf(err, errlen, "option '-%c' needs a value", *p);
                        return -1;
                    }
                    if (apply(ps, &f, ps->shown, v, err, errlen))
                        return -1;
                    break;
                }
                if (apply(ps, &f, ps->shown, NULL, err, errlen))
                    return -1;
            }
        } else {
            snprintf(err, errlen, "unexpected argument '%.60s' (options start with '-')", a);
            return -1;
        }
    }
    return 0;
}

int options_parse(options_t *o, int argc, char **argv, char *err, size_t errlen)
{
    parse_state_t ps;
    int rc;

    set_defaults(o);
    memset(&ps, 0, sizeof ps);
    ps.o = o;
    rc = parse_args(&ps, argc, argv, err, errlen);
    if (rc == 0)
        rc = thresholds(&ps, err, errlen);
    if (rc == 0 && !o->source) {
        snprintf(err, errlen, "this build of check_dhcp_scope has no default source: give --source");
        rc = -1;
    }
    /* --help and --version need no source options, and may come with wrong ones. */
    if (rc == 0 && o->action == OPTIONS_RUN)
        rc = finish_source(&ps, err, errlen);
    free(ps.pending);
    return rc;
}

int options_takes_value(const char *name)
{
    found_t f;

    if (!name[0] || (!name[1] ? find(NULL, 0, name[0], &f) : find(name, strlen(name), 0, &f)))
        return -1;
    return takes_value(&f);
}

void options_free(options_t *o)
{
    free((void *)o->scopes);
    free((void *)o->excludes);
    free(o->source_opts);
    o->scopes = o->excludes = NULL;
    o->source_opts = NULL;
    o->nscopes = o->nexcludes = 0;
}

source_ctx_t options_source_ctx(const options_t *o)
{
    source_ctx_t c;

    c.timeout = o->timeout;
    c.scopes = o->scopes;
    c.nscopes = o->nscopes;
    c.verbose = o->verbose;
    return c;
}

const char *options_version(void)
{
    static char text[256];

    if (!text[0]) {
        size_t n = (size_t)snprintf(text, sizeof text, "check_dhcp_scope %s (sources:", CDS_VERSION);
        int first = 1;

        for (size_t i = 0; source_table[i] && n < sizeof text; i++) {
            if (source_table[i]->missing[0])
                continue;
            n += (size_t)snprintf(text + n, sizeof text - n, "%s %s", first ? "" : ",", source_table[i]->name);
            first = 0;
        }
        if (n < sizeof text)
            snprintf(text + n, sizeof text - n, ")");
    }
    return text;
}

size_t options_list(options_info_t *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < NOPTS; i++, n++) {
        if (n < max) {
            out[n].source = NULL;
            out[n].short_name = opt_defs[i].short_name;
            out[n].long_name = opt_defs[i].long_name;
            out[n].takes_value = opt_defs[i].arg != NULL;
        }
    }
    for (size_t s = 0; source_table[s]; s++) {
        for (size_t i = 0; i < source_table[s]->noptions; i++, n++) {
            if (n < max) {
                out[n].source = source_table[s]->name;
                out[n].short_name = source_table[s]->options[i].short_name;
                out[n].long_name = source_table[s]->options[i].long_name;
                out[n].takes_value = source_table[s]->options[i].arg != NULL;
            }
        }
    }
    return n;
}

static const char *const section_titles[] = {
    [SEC_THRESHOLDS] = "Thresholds (each scope is checked on its own; the worst scope decides):",
    [SEC_SCOPES] = "Scopes:",
    [SEC_FAILOVER] = "Failover / HA, and a server that is down:",
    [SEC_SOURCES] = "Sources:",
    [SEC_OUTPUT] = "Output:",
    [SEC_FILE] = "Options from a file:",
};

static const char thresholds_note[] =
    "  The defaults apply only when none of -w, -c, -W, -C is given. A free-space\n"
    "  pair whose critical bound lies above the warning one (-w 80 -c 90) is refused\n"
    "  as a likely used-space pair.\n"
    "  RANGE is [@][START:][END] as in the Monitoring Plugins, both ends inclusive:\n"
    "  alert when the value is outside START..END ('@': inside), '~' is -infinity,\n"
    "  an empty END is +infinity. A bare number N is a lower bound (the same as\n"
    "  'N:'), as for check_disk: -w 20 warns when less than 20% is free. A '%'\n"
    "  after -w/-c values is allowed. Examples: -w 20 -c 10; -W 50: -C 10:;\n"
    "  -C @0:5 (critical with 5 or fewer free addresses).\n";

static const char help_tail[] =
    "\n"
    "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for --help and\n"
    "--version, as the Monitoring Plugins guidelines say).\n"
    "Perfdata per scope, labelled by subnet address only (stable across runs):\n"
    "'ADDR free'=PCT%;W;C;0;100 'ADDR used'=N;;;0;TOTAL; with -W/-C also\n"
    "'ADDR free count'=N;W;C;0;TOTAL; with failover 'ADDR this free'=N and\n"
    "'ADDR partner free'=N. A scope without pool addresses has the value U.\n";

/* One option: its forms, then its help lines from HELP_COLUMN on. */
static void help_option(sbuf_t *b, char short_name, const char *name, const char *arg, const char *help)
{
    size_t start = b->len, width;
    const char *line = help;

    if (short_name)
        sb_add(b, "  -%c, --%s%s%s", short_name, name, arg ? "=" : "", arg ? arg : "");
    else
        sb_add(b, "      --%s%s%s", name, arg ? "=" : "", arg ? arg : "");
    width = b->len - start;
    if (!help || !help[0]) {
        sb_add(b, "\n");
        return;
    }
    if (width + 2 > HELP_COLUMN)
        sb_add(b, "\n%*s", HELP_COLUMN, "");
    else
        sb_add(b, "%*s", (int)(HELP_COLUMN - width), "");
    for (;;) {
        const char *nl = strchr(line, '\n');
        int n = nl ? (int)(nl - line) : (int)strlen(line);

        sb_add(b, "%.*s\n", n, line);
        if (!nl)
            break;
        line = nl + 1;
        sb_add(b, "%*s", HELP_COLUMN, "");
    }
}

static void help_sources(sbuf_t *b)
{
    const source_t *def = source_find(os_default_source());

    sb_add(b, "      --source=NAME");
    sb_add(b, "%*s", HELP_COLUMN - 19, "");
    for (size_t i = 0; source_table[i]; i++)
        sb_add(b, "%s%s", i == 0 ? "" : !source_table[i + 1] ? " or " : ", ", source_table[i]->name);
    sb_add(b, "; the default in this build\n%*sis %s.\n", HELP_COLUMN, "", def ? def->name : "(none)");
    for (size_t i = 0; source_table[i]; i++) {
        const source_t *s = source_table[i];

        sb_add(b, "  %s: %s\n", s->name, s->summary);
        if (s->missing[0])
            sb_add(b, "    (not in this build: %s)\n", s->missing);
        for (size_t k = 0; k < s->noptions; k++)
            help_option(b, s->options[k].short_name, s->options[k].long_name, s->options[k].arg,
                        s->options[k].help);
    }
}

char *options_help(void)
{
    sbuf_t b = { 0 };

    sb_add(&b, "%s\n", options_version());
    sb_add(&b, "Checks that no DHCP scope is running out of free addresses and that the\n"
               "server's failover / HA partnership is healthy.\n\n"
               "Usage: check_dhcp_scope [--source ");
    for (size_t i = 0; source_table[i]; i++)
        sb_add(&b, "%s%s", i ? "|" : "", source_table[i]->name);
    sb_add(&b, "] [-w RANGE] [-c RANGE]\n"
               "                        [-W RANGE] [-C RANGE] [-s SCOPE]... [-x SCOPE]...\n"
               "                        [source options] [-t SECONDS] [-v]...\n");
    for (int sec = SEC_THRESHOLDS; sec <= SEC_FILE; sec++) {
        sb_add(&b, "\n%s\n", section_titles[sec]);
        if (sec == SEC_SOURCES) {
            help_sources(&b);
            continue;
        }
        for (size_t i = 0; i < NOPTS; i++)
            if (opt_defs[i].section == (enum opt_section)sec)
                help_option(&b, opt_defs[i].short_name, opt_defs[i].long_name, opt_defs[i].arg,
                            opt_defs[i].help);
        if (sec == SEC_THRESHOLDS)
            sb_add(&b, "%s", thresholds_note);
    }
    sb_add(&b, "%s", help_tail);
    return sb_take(&b);
}
