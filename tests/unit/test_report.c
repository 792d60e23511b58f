/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fixtures.h"
#include "report.h"
#include "unit_main.h"

/* One perfdata item by the guidelines' grammar: 'label'=value[UOM];[w];[c];[min];[max]. */
static int valid_number(const char *s, size_t n)
{
    size_t digits = 0;

    if (n == 0)
        return 1;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        else if (!(s[i] == '-' && i == 0) && s[i] != '.')
            return 0;
    }
    return digits > 0;
}

static int valid_item(const char *item, size_t len, char *label, size_t labellen)
{
    const char *p = item, *end = item + len, *eq;
    size_t field = 0;

    if (*p != '\'')
        return 0;
    eq = strstr(p, "'=");
    if (!eq || eq >= end || memchr(p + 1, '=', (size_t)(eq - p - 1)))
        return 0;
    /* Inside the label a quote only appears doubled. */
    for (const char *q = p + 1; q < eq; q++) {
        if (*q == '\'' && q[1] != '\'')
            return 0;
        if (*q == '\'')
            q++;
    }
    snprintf(label, labellen, "%.*s", (int)(eq - p - 1), p + 1);
    p = eq + 2;
    while (p <= end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        size_t n = semi ? (size_t)(semi - p) : (size_t)(end - p);

        if (field == 0) {
            if (n && p[n - 1] == '%')
                n--;
            if (n == 0)
                return 0;
        }
        /* The value may be U (undetermined), without a unit. */
        if (!(field == 0 && n == 1 && p[0] == 'U' && p[1] == ';') && !valid_number(p, n))
            return 0;
        field++;
        if (!semi)
            break;
        p = semi + 1;
    }
    return field == 5;
}

/* Checks the perfdata on the first line and returns how many items it has. */
static size_t check_perfdata(const char *out)
{
    const char *bar = strstr(out, " | "), *nl = strchr(out, '\n');
    const char *p;
    size_t n = 0;
    char label[256];

    ck_assert_ptr_nonnull(nl);
    ck_assert_msg(strchr(nl + 1, '|') == NULL, "a '|' in long output: %s", out);
    if (!bar || bar > nl)
        return 0;
    ck_assert_ptr_null(memchr(out, '|', (size_t)(bar - out)));
    p = bar + 3;
    while (p < nl) {
        const char *sp = p;

        /* A quoted label may hold spaces and doubled quotes (''): skip it
         * before looking for the separator. */
        sp = strchr(p + 1, '\'');
        while (sp && sp[1] == '\'')
            sp = strchr(sp + 2, '\'');
        ck_assert_ptr_nonnull(sp);
        sp = strchr(sp, ' ');
        if (!sp || sp > nl)
            sp = nl;
        ck_assert_msg(valid_item(p, (size_t)(sp - p), label, sizeof label), "bad item '%.*s'",
                      (int)(sp - p), p);
        n++;
        p = sp + 1;
    }
    return n;
}

static char *render(scope_list_t *l, options_t *o)
{
    eval_result_t r;
    char err[256];
    char *out;

    ck_assert_int_eq(eval_run(o, l, &r, err, sizeof err), 0);
    out = report_render(o, l, &r);
    eval_result_free(&r);
    ck_assert_ptr_nonnull(out);
    return out;
}

START_TEST(test_ok_one_line)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    FX_OPTS(&o, "-t", "5");
    fx_scope(&l, 1, 100, 50, 0);
    fx_scope(&l, 2, 250, 100, 3);
    out = render(&l, &o);
    ck_assert_str_eq(out,
        "DHCP SCOPE OK - 0 critical, 0 warning, 2 ok, lowest 10.0.2.0/24 40% free (100 of 250)"
        " | '10.0.1.0 free'=50%;20;10;0;100 '10.0.1.0 used'=50;;;0;100"
        " '10.0.2.0 free'=40%;20;10;0;100 '10.0.2.0 used'=147;;;0;250\n");
    ck_assert_uint_eq(check_perfdata(out), 4);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_problems_in_long_output)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    scope_t *s;
    int fo = fx_failover(&l, "dhcp-failover", "partner-down", STATE_CRITICAL);

    /* Each subnet on its own: the group's own line is test_groups'. */
    FX_OPTS(&o, "-w", "25", "-c", "10", "--per-subnet");
    fx_scope(&l, 1, 100, 50, 0)->failover = fo;
    s = fx_scope(&l, 2, 300, 20, 2);
    s->failover = fo;
    s->has_free_split = 1;
    s->this_free = count_of(15);
    s->partner_free = count_of(5);
    strcpy(s->name, "Guest|WLAN");
    strcpy(s->group, "campus");
    fx_scope(&l, 3, 100, 24, 0);
    out = render(&l, &o);
    ck_assert_str_eq(out,
        "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 1 ok, worst 10.0.2.0/24 6.66% free (20 of 300),"
        " failover dhcp-failover partner-down"
        " | '10.0.2.0 free'=6.66%;25;10;0;100 '10.0.2.0 used'=278;;;0;300"
        " '10.0.2.0 this free'=15;;;0;300 '10.0.2.0 partner free'=5;;;0;300"
        " '10.0.3.0 free'=24%;25;10;0;100 '10.0.3.0 used'=76;;;0;100"
        " '10.0.1.0 free'=50%;25;10;0;100 '10.0.1.0 used'=50;;;0;100\n"
        "CRITICAL: failover dhcp-failover (load-balance, this server primary): partner-down\n"
        "CRITICAL: 10.0.2.0/24 \"Guest/WLAN\" in campus: 6.66% free (20 of 300), 278 used, 2 declined,"
        " free this 15 / partner 5, failover dhcp-failover\n"
        "WARNING: 10.0.3.0/24: 24% free (24 of 100), 76 used\n");
    ck_assert_uint_eq(check_perfdata(out), 8);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* When every scope is OK and only the failover state is bad, no scope is "worst". */
START_TEST(test_failover_only_problem)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    int fo = fx_failover(&l, "pair", "partner-down", STATE_CRITICAL);

    FX_OPTS(&o, "-C", "@0:0");
    fx_scope(&l, 1, 100, 60, 0)->failover = fo;
    out = render(&l, &o);
    {
        static const char first[] = "DHCP SCOPE CRITICAL - 0 critical, 0 warning, 1 ok, lowest 10.0.1.0/24 60% "
                                    "free (60 of 100), failover pair partner-down | ";

        ck_assert_msg(strncmp(out, first, sizeof first - 1) == 0, "%s", out);
    }
    /* An '@' range has no plain perfdata threshold: the field stays empty. */
    ck_assert_ptr_nonnull(strstr(out, "'10.0.1.0 free count'=60;;;0;100"));
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_verbose_lists_ok_scopes)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    FX_OPTS(&o, "-v");
    fx_scope(&l, 1, 0, 0, 0);
    fx_scope(&l, 2, 100, 100, 0);
    out = render(&l, &o);
    ck_assert_ptr_nonnull(strstr(out, "\nOK: 10.0.1.0/24: no pool addresses, 0 used\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nOK: 10.0.2.0/24: 100% free (100 of 100), 0 used\n"));
    /* No pool: the percentage is undetermined (U), not 0. */
    ck_assert_ptr_nonnull(strstr(out, "'10.0.1.0 free'=U;20;10;0;100 '10.0.1.0 used'=0;;;0;0"));
    ck_assert_uint_eq(check_perfdata(out), 4);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_count_perfdata)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    FX_OPTS(&o, "-W", "30", "-C", "10");
    fx_scope(&l, 1, 200, 25, 0);
    out = render(&l, &o);
    ck_assert_ptr_nonnull(strstr(out, " | '10.0.1.0 free'=12.5%;;;0;100 '10.0.1.0 used'=175;;;0;200"
                                      " '10.0.1.0 free count'=25;30;10;0;200\n"));
    ck_assert(strncmp(out, "DHCP SCOPE WARNING - ", 21) == 0);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* The percentage is rounded down: 9.999% must not print as 10%. */
START_TEST(test_pct_rounds_down)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    FX_OPTS(&o, "-w", "5");
    fx_scope(&l, 1, 10000, 999, 0);
    fx_scope(&l, 2, 3, 2, 0);
    out = render(&l, &o);
    ck_assert_ptr_nonnull(strstr(out, "'10.0.1.0 free'=9.99%;"));
    ck_assert_ptr_nonnull(strstr(out, "'10.0.2.0 free'=66.66%;"));
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

static void many(scope_list_t *l, unsigned n, unsigned bad_every)
{
    for (unsigned i = 0; i < n; i++) {
        scope_t *s = fx_scope(l, 0, 250, bad_every && i % bad_every == 0 ? 5 : 200, 0);

        s->addr = addr_v4(0x0A000000u | (i << 8), 24);
        s->has_free_split = 1;
        s->this_free = count_of(s->free.lo / 2);
        s->partner_free = count_sub(s->free, s->this_free);
    }
}

/* Without an explicit limit, 100 scopes stay within Nagios 4's 8 KiB. */
START_TEST(test_default_budget_100_scopes)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    FX_OPTS(&o, "-v");
    many(&l, 100, 7);
    out = render(&l, &o);
    ck_assert_uint_le(strlen(out), 8192);
    ck_assert_ptr_nonnull(strstr(out, "CRITICAL: 10.0.0.0/24"));
    ck_assert_ptr_nonnull(strstr(out, "CRITICAL: 10.0.98.0/24"));
    ck_assert_ptr_nonnull(strstr(out, "'10.0.98.0 free'=2%"));
    check_perfdata(out);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* NRPE's 1 KiB: problems survive, OK detail goes first, items stay whole. */
START_TEST(test_budget_1024)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out, *note;
    size_t nperf;

    FX_OPTS(&o, "-v", "--max-output", "1024");
    many(&l, 40, 13);  /* scopes 0, 13, 26, 39 critical */
    out = render(&l, &o);
    ck_assert_uint_le(strlen(out), 1024);
    ck_assert(strncmp(out, "DHCP SCOPE CRITICAL - 4 critical, 0 warning, 36 ok,", 51) == 0);
    ck_assert_ptr_nonnull(strstr(out, "\nCRITICAL: 10.0.39.0/24: 2% free"));
    ck_assert_ptr_nonnull(strstr(out, "'10.0.39.0 free'=2%;20;10;0;100"));
    ck_assert_ptr_null(strstr(out, "\nOK: "));
    note = strstr(out, "\n(output kept within 1024 bytes: ");
    ck_assert_ptr_nonnull(note);
    ck_assert_ptr_nonnull(strstr(note, "36 detail lines and "));
    nperf = check_perfdata(out);
    ck_assert_uint_ge(nperf, 8);
    ck_assert_int_eq(out[strlen(out) - 1], '\n');
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_no_limit)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    FX_OPTS(&o, "-v", "--max-output", "0");
    many(&l, 300, 0);
    out = render(&l, &o);
    ck_assert_uint_gt(strlen(out), 8192);
    ck_assert_ptr_null(strstr(out, "output kept within"));
    ck_assert_uint_eq(check_perfdata(out), 1200);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_unknown_line)
{
    char *out = report_unknown("cannot open /x|y: No such\nfile");

    ck_assert_str_eq(out, "DHCP SCOPE UNKNOWN - cannot open /x/y: No such file\n");
    free(out);
    out = report_problem(STATE_CRITICAL, "dhcpd is not running (no pid file /run/x|y.pid)");
    ck_assert_str_eq(out, "DHCP SCOPE CRITICAL - dhcpd is not running (no pid file /run/x/y.pid)\n");
    free(out);
}
END_TEST

/* A failover state is server text too: in the summary it must not open the perfdata. */
START_TEST(test_summary_failover_state_cleaned)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out, *nl;

    FX_OPTS(&o, "-t", "5");
    fx_scope(&l, 1, 100, 50, 0)->failover = fx_failover(&l, "pair", "bad|state\nx", STATE_WARNING);
    out = render(&l, &o);
    nl = strchr(out, '\n');
    ck_assert_ptr_nonnull(strstr(out, ", failover pair bad/state x | "));
    ck_assert_ptr_eq(strstr(out, " | "), strchr(out, '|') - 1);
    ck_assert_ptr_null(memchr(out, '|', (size_t)(strstr(out, " | ") - out)));
    ck_assert_ptr_nonnull(nl);
    check_perfdata(out);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* Many relationships down at once (a hub server losing its network) must
 * not push the first line past the budget. */
START_TEST(test_budget_many_failovers)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out, name[64];

    FX_OPTS(&o, "--max-output", "1024");
    for (unsigned i = 0; i < 30; i++) {
        snprintf(name, sizeof name, "hub.example.net-branch%02u.example.net", i);
        fx_scope(&l, i, 100, 50, 0)->failover = fx_failover(&l, name, "CommunicationInterrupted",
                                                            STATE_WARNING);
    }
    out = render(&l, &o);
    ck_assert_msg(strlen(out) <= 1024, "%zu bytes: %s", strlen(out), out);
    ck_assert(strncmp(out, "DHCP SCOPE WARNING - 0 critical, 0 warning, 30 ok,", 50) == 0);
    ck_assert_ptr_nonnull(strstr(out, ", failover hub.example.net-branch00.example.net CommunicationInterrupted"));
    ck_assert_ptr_nonnull(strstr(out, " more failover relationships not OK"));
    check_perfdata(out);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* Dropping a scope's failover split is leaving out perfdata too: the note counts it. */
START_TEST(test_budget_counts_dropped_split)
{
    scope_list_t l = { 0 };
    options_t o;
    char *full, *out;
    size_t budget;

    FX_OPTS(&o, "--max-output", "0");
    for (unsigned i = 0; i < 4; i++) {
        scope_t *s = fx_scope(&l, i, 100, 50, 0);

        s->has_free_split = 1;
        s->this_free = count_of(25);
        s->partner_free = count_of(25);
    }
    full = render(&l, &o);
    options_free(&o);
    /* Room for everything but two scopes' split (about 80 bytes each) and the note. */
    budget = strlen(full) - 30;
    {
        char arg[32];

        snprintf(arg, sizeof arg, "%zu", budget);
        FX_OPTS(&o, "--max-output", arg);
    }
    out = render(&l, &o);
    ck_assert_uint_le(strlen(out), budget);
    ck_assert_ptr_null(strstr(out, "'10.0.3.0 this free'"));
    /* Every scope kept its free and used perfdata; what went is the split
     * of the last ones, and the note says exactly that. */
    for (unsigned i = 0; i < 4; i++) {
        char label[48];

        snprintf(label, sizeof label, "'10.0.%u.0 free'=50%%", i);
        ck_assert_ptr_nonnull(strstr(out, label));
    }
    {
        char note[128];
        unsigned lost = 0;

        for (unsigned i = 0; i < 4; i++) {
            char label[48];

            snprintf(label, sizeof label, "'10.0.%u.0 this free'", i);
            lost += strstr(out, label) == NULL;
        }
        ck_assert_uint_ge(lost, 1);
        snprintf(note, sizeof note, "\n(output kept within %zu bytes: the failover split of %u scope%s left out)\n",
                 budget, lost, lost == 1 ? "" : "s");
        ck_assert_msg(strstr(out, note) != NULL, "no '%s' in: %s", note, out);
    }
    free(full);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* With --server-share the summary names the worst scope of those that have
 * a share, even when another's own share is empty. */
START_TEST(test_server_share_summary_keeps_lowest)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    fx_share_pair(&l);
    FX_OPTS(&o, "--server-share", "-v");
    out = render(&l, &o);
    ck_assert_msg(strncmp(out, "DHCP SCOPE OK - 0 critical, 0 warning, 2 ok, lowest 10.0.2.0/24 60% free (30 of 50) | ",
                          86) == 0, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "\nOK: 10.0.1.0/24: no pool addresses, 50 used,"));
    ck_assert_ptr_nonnull(strstr(out, "\nOK: 10.0.2.0/24: 60% free (30 of 50 on this server), 40 used,"));
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* The perfdata threshold fields: a plain lower bound is a number, every
 * other range leaves the field empty. */
START_TEST(test_perfdata_threshold_fields)
{
    static const struct { const char *w, *c, *item; } cases[] = {
        { "6", "3", "'10.0.1.0 free'=50%;6;3;0;100" },
        { "6:", "2.5:", "'10.0.1.0 free'=50%;6;2.5;0;100" },
        { "0:6", "3", "'10.0.1.0 free'=50%;;3;0;100" },
        { "1:1", "~:3", "'10.0.1.0 free'=50%;;;0;100" },
        { "@10:20", "@0:5", "'10.0.1.0 free'=50%;;;0;100" },
        { "~:60", "@3", "'10.0.1.0 free'=50%;;;0;100" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scope_list_t l = { 0 };
        options_t o;
        char *out;

        FX_OPTS(&o, "-w", (char *)cases[i].w, "-c", (char *)cases[i].c);
        fx_scope(&l, 1, 100, 50, 0);
        out = render(&l, &o);
        ck_assert_msg(strstr(out, cases[i].item) != NULL, "-w %s -c %s: %s", cases[i].w, cases[i].c, out);
        free(out);
        scope_list_free(&l);
        options_free(&o);
    }
}
END_TEST

/* used above total (a reservation outside the pools): no maximum it exceeds. */
START_TEST(test_used_beyond_total_has_no_max)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    scope_t *s;

    FX_OPTS(&o, "-t", "5");
    s = fx_scope(&l, 1, 0, 0, 0);
    s->used = count_of(2);
    fx_scope(&l, 2, 10, 5, 0);
    out = render(&l, &o);
    ck_assert_ptr_nonnull(strstr(out, "'10.0.1.0 free'=U;20;10;0;100 '10.0.1.0 used'=2;;;0; "));
    ck_assert_ptr_nonnull(strstr(out, "'10.0.2.0 used'=5;;;0;10"));
    check_perfdata(out);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* IPv6 scopes: RFC 5952 labels, exact counts beyond 64 bits. */
START_TEST(test_ipv6_counts)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    scope_t *s = scope_add(&l);

    ck_assert_int_eq(addr_parse_prefix("2001:0db8:0001:0000::/64", 24, &s->addr), 0);
    s->total = count_pow2(64);
    s->used = count_of(3);
    s->free = count_sub(s->total, s->used);
    FX_OPTS(&o, "-v");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "lowest 2001:db8:1::/64 99.99% free (18446744073709551613 of 18446744073709551616)")
                  != NULL, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "'2001:db8:1:: free'=99.99%;20;10;0;100 "
                                      "'2001:db8:1:: used'=3;;;0;18446744073709551616"));
    check_perfdata(out);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* The note counts scopes whose perfdata went and, apart, those that lost
 * only their split, with thousands separated. */
START_TEST(test_budget_note_counts_both)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out, *note;
    unsigned long perf = 0, extra = 0;

    FX_OPTS(&o, "--max-output", "8192");
    many(&l, 4000, 0);
    out = render(&l, &o);
    ck_assert_uint_le(strlen(out), 8192);
    note = strstr(out, "\n(output kept within 8192 bytes: the perfdata of ");
    ck_assert_ptr_nonnull(note);
    for (unsigned i = 0; i < 4000; i++) {
        char label[48];
        int has_free, has_split;

        snprintf(label, sizeof label, "'10.%u.%u.0 free'", (i >> 8) & 255u, i & 255u);
        has_free = strstr(out, label) != NULL;
        snprintf(label, sizeof label, "'10.%u.%u.0 this free'", (i >> 8) & 255u, i & 255u);
        has_split = strstr(out, label) != NULL;
        perf += !has_free;
        extra += has_free && !has_split;
    }
    ck_assert_uint_gt(perf, 1000);
    {
        char expect[160], a[32], b[32];
        unsigned long v;

        v = perf;
        snprintf(a, sizeof a, "%lu,%03lu", v / 1000, v % 1000);
        if (extra)
            snprintf(expect, sizeof expect, "the perfdata of %s scopes and the failover split of %lu more left out)\n",
                     a, extra);
        else
            snprintf(expect, sizeof expect, "the perfdata of %s scopes left out)\n", a);
        (void)b;
        ck_assert_msg(strstr(note, expect) != NULL, "expected '%s' in '%s'", expect, note);
    }
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* Delegated prefixes: their own labels, their pool named in long output. */
START_TEST(test_pd_scope)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    scope_t *s = scope_add(&l);

    ck_assert_int_eq(addr_parse_prefix("2001:db8:1::/64", 15, &s->addr), 0);
    s->total = count_of(1000);
    s->used = count_of(100);
    s->free = count_of(900);
    s = scope_add(&l);
    ck_assert_int_eq(addr_parse_prefix("2001:db8:1::/64", 15, &s->addr), 0);
    s->kind = SCOPE_PREFIXES;
    ck_assert_int_eq(addr_parse_prefix("2001:db8:100::/40", 17, &s->pd_pool), 0);
    s->pd_delegated = 56;
    s->pd_pools = 2;
    s->total = count_of(256 + 16);
    s->used = count_of(260);
    s->free = count_of(12);
    scope_list_sort(&l);
    FX_OPTS(&o, "-v");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 1 ok, worst 2001:db8:1::/64 PD 4.41% "
                              "free (12 of 272) | ") == out, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "'2001:db8:1:: pd free'=4.41%;20;10;0;100 '2001:db8:1:: pd used'=260;;;0;272"));
    ck_assert_ptr_nonnull(strstr(out, "'2001:db8:1:: free'=90%;20;10;0;100 '2001:db8:1:: used'=100;;;0;1000"));
    ck_assert_ptr_nonnull(strstr(out, "\nCRITICAL: 2001:db8:1::/64 PD 2001:db8:100::/40 as /56 and 1 more pool: "
                                      "4.41% free (12 of 272 prefixes), 260 used\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nOK: 2001:db8:1::/64: 90% free (900 of 1000), 100 used\n"));
    check_perfdata(out);
    free(out);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

/* A pool only some clients may use is judged on its own: full, it makes its
 * scope CRITICAL although the scope has room. */
START_TEST(test_pools)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    scope_t *s = fx_scope(&l, 1, 100, 90, 0);
    scope_pool_t *p = scope_pool_add(s);

    text_copy(p->name, sizeof p->name, "10.0.1.10-10.0.1.99");
    p->total = count_of(90);
    p->free = count_of(90);
    p = scope_pool_add(s);
    text_copy(p->name, sizeof p->name, "10.0.1.200-10.0.1.209");
    text_copy(p->client_class, sizeof p->client_class, "voip");
    p->total = count_of(10);
    p->used = count_of(10);
    p->judged = 1;
    fx_scope(&l, 2, 100, 90, 0);
    FX_OPTS(&o, "-t", "5");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 1 ok, worst 10.0.1.0/24 90% free (90 of 100)")
                  == out, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "\nCRITICAL: 10.0.1.0/24: 90% free (90 of 100), 10 used\n"
                                      "  CRITICAL: pool 10.0.1.200-10.0.1.209 (class voip): 0% free (0 of 10), 10 used\n"));
    ck_assert_ptr_null(strstr(out, "pool 10.0.1.10-"));
    free(out);
    options_free(&o);
    FX_OPTS(&o, "-v");
    out = render(&l, &o);
    ck_assert_ptr_nonnull(strstr(out, "\n  OK: pool 10.0.1.10-10.0.1.99: 100% free (90 of 90), 0 used\n"));
    free(out);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

/* A shared network is one pool: judged on its sums, its members shown under
 * it with -v and never alerting alone, each with its own perfdata. */
START_TEST(test_groups)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    int fo = fx_failover(&l, "pair", "normal", STATE_OK);
    scope_t *s;

    s = fx_split(fx_scope(&l, 1, 100, 2, 1), 1, 0, 1, 0);   /* full member: 2% */
    s->failover = fo;
    strcpy(s->group, "campus");
    s = fx_split(fx_scope(&l, 2, 100, 60, 0), 30, 0, 30, 0);
    s->failover = fo;
    strcpy(s->group, "campus");
    s = fx_scope(&l, 3, 100, 15, 0);                          /* alone: WARNING */
    s = fx_scope(&l, 4, 50, 40, 0);
    strcpy(s->group, "lab's=net");
    FX_OPTS(&o, "-v");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE WARNING - 0 critical, 1 warning, 2 ok, worst 10.0.3.0/24 15% free "
                              "(15 of 100) | ") == out, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "'group campus free'=31%;20;10;0;100 'group campus used'=137;;;0;200 "
                                      "'group campus this free'=31;;;0;200 'group campus partner free'=31;;;0;200 "
                                      "'10.0.1.0 free'=2%;20;10;0;100 '10.0.1.0 used'=97;;;0;100"));
    ck_assert_ptr_nonnull(strstr(out, "'group lab''s_net free'=80%;20;10;0;100"));
    ck_assert_msg(strstr(out, "\nOK: group campus (2 subnets): 31% free (62 of 200), 137 used, 1 declined, "
                              "free this 31 / partner 31, used this 0 / partner 0, failover pair\n"
                              "  member 10.0.1.0/24: 2% free (2 of 100), 97 used, 1 declined, "
                              "free this 1 / partner 1, used this 0 / partner 0, failover pair\n"
                              "  member 10.0.2.0/24: 60% free (60 of 100), 40 used, free this 30 / partner 30, "
                              "used this 0 / partner 0, failover pair\n") != NULL, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "\nOK: group lab's=net (1 subnet): 80% free (40 of 50), 10 used\n"
                                      "  member 10.0.4.0/24: 80% free (40 of 50), 10 used\n"));
    check_perfdata(out);
    free(out);
    options_free(&o);

    /* Without -v an OK group is not listed; --per-subnet judges the members. */
    FX_OPTS(&o, "--per-subnet");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 2 ok, worst 10.0.1.0/24 2% free") == out,
                  "%s", out);
    ck_assert_ptr_null(strstr(out, "group campus"));
    ck_assert_ptr_nonnull(strstr(out, "\nCRITICAL: 10.0.1.0/24 in campus: 2% free (2 of 100)"));
    free(out);
    options_free(&o);

    /* -s naming a member judges it alone; -s naming the group, the group. */
    FX_OPTS(&o, "-s", "10.0.1.0");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 0 ok, worst 10.0.1.0/24 2% free") == out,
                  "%s", out);
    free(out);
    options_free(&o);
    FX_OPTS(&o, "-s", "campus", "-x", "10.0.2.0");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 0 ok, worst group campus 2% free (2 of 100) | "
                              "'group campus free'=2%") == out, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "\nCRITICAL: group campus (1 subnet): 2% free (2 of 100)"));
    free(out);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

/* A member's class-restricted pool that is full makes its group CRITICAL:
 * the report names the pool under the group's line, with -v and without. */
START_TEST(test_group_member_pool)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;
    scope_t *s;
    scope_pool_t *p;

    s = fx_scope(&l, 1, 104, 69, 2);
    strcpy(s->group, "floor1");
    p = scope_pool_add(s);
    strcpy(p->name, "10.0.1.200/30");
    strcpy(p->client_class, "voip");
    p->total = count_of(4);
    p->used = count_of(3);
    p->declined = count_of(1);
    p->judged = 1;
    s = fx_scope(&l, 2, 16, 11, 0);
    strcpy(s->group, "floor1");
    FX_OPTS(&o, "-w", "20", "-c", "10");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 0 ok, worst group floor1 66.66% free") == out,
                  "%s", out);
    ck_assert_msg(strstr(out, "\nCRITICAL: group floor1 (2 subnets): 66.66% free (80 of 120), 38 used, 2 declined\n"
                              "  CRITICAL: pool 10.0.1.200/30 (class voip): 0% free (0 of 4), 3 used, 1 declined\n")
                  != NULL, "%s", out);
    ck_assert_ptr_null(strstr(out, "member"));
    free(out);
    options_free(&o);
    FX_OPTS(&o, "-v");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "\n  member 10.0.1.0/24: 66.34% free (69 of 104), 33 used, 2 declined\n"
                              "  CRITICAL: pool 10.0.1.200/30 (class voip): 0% free (0 of 4), 3 used, 1 declined\n"
                              "  member 10.0.2.0/24: ") != NULL, "%s", out);
    free(out);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

/* --used: thresholds on used space, upper bounds; perfdata stays free %,
 * the thresholds turned into the free-space bounds they mean. */
START_TEST(test_used_thresholds)
{
    scope_list_t l = { 0 };
    options_t o;
    char *out;

    fx_scope(&l, 1, 200, 30, 0);     /* 85% used: WARNING */
    fx_scope(&l, 2, 200, 10, 5);     /* 95% used: CRITICAL */
    fx_scope(&l, 3, 200, 100, 0);    /* 50% used */
    FX_OPTS(&o, "--used", "-w", "80", "-c", "90", "-W", "180", "-C", "~:195");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 1 ok, worst 10.0.2.0/24 5% free (10 of 200)")
                  == out, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "'10.0.2.0 free'=5%;20;10;0;100 '10.0.2.0 used'=185;;;0;200 "
                                      "'10.0.2.0 free count'=10;20;5;0;200"));
    check_perfdata(out);
    free(out);
    options_free(&o);
    /* The defaults with --used are 80 and 90 used. */
    FX_OPTS(&o, "--used");
    out = render(&l, &o);
    ck_assert_msg(strstr(out, "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 1 ok,") == out, "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "'10.0.1.0 free'=15%;20;10;0;100"));
    free(out);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_ok_one_line);
    tcase_add_test(tc, test_problems_in_long_output);
    tcase_add_test(tc, test_failover_only_problem);
    tcase_add_test(tc, test_verbose_lists_ok_scopes);
    tcase_add_test(tc, test_count_perfdata);
    tcase_add_test(tc, test_pct_rounds_down);
    tcase_add_test(tc, test_default_budget_100_scopes);
    tcase_add_test(tc, test_budget_1024);
    tcase_add_test(tc, test_no_limit);
    tcase_add_test(tc, test_unknown_line);
    tcase_add_test(tc, test_summary_failover_state_cleaned);
    tcase_add_test(tc, test_budget_many_failovers);
    tcase_add_test(tc, test_budget_counts_dropped_split);
    tcase_add_test(tc, test_server_share_summary_keeps_lowest);
    tcase_add_test(tc, test_perfdata_threshold_fields);
    tcase_add_test(tc, test_used_beyond_total_has_no_max);
    tcase_add_test(tc, test_ipv6_counts);
    tcase_add_test(tc, test_budget_note_counts_both);
    tcase_add_test(tc, test_pd_scope);
    tcase_add_test(tc, test_pools);
    tcase_add_test(tc, test_groups);
    tcase_add_test(tc, test_group_member_pool);
    tcase_add_test(tc, test_used_thresholds);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(report_suite)
