/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fixtures.h"
#include "unit_main.h"

START_TEST(test_default_thresholds)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];

    FX_OPTS(&o, "-v");
    fx_scope(&l, 1, 100, 50, 0);   /* 50% OK */
    fx_scope(&l, 2, 100, 20, 0);   /* 20% OK: the bound is inclusive */
    fx_scope(&l, 3, 100, 19, 1);   /* 19% WARNING */
    fx_scope(&l, 4, 100, 10, 0);   /* 10% WARNING */
    fx_scope(&l, 5, 200, 19, 0);   /* 9.5% CRITICAL */
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_CRITICAL);
    ck_assert_uint_eq(r.nok, 2);
    ck_assert_uint_eq(r.nwarning, 2);
    ck_assert_uint_eq(r.ncritical, 1);
    ck_assert_int_eq(r.worst, 4);
    ck_assert(r.scopes[4].pct == 9.5);
    ck_assert_uint_eq(r.scopes[4].pct_hundredths, 950);
    ck_assert_int_eq(r.scopes[2].state, STATE_WARNING);
    ck_assert_int_eq(r.scopes[2].pct_state, STATE_WARNING);
    ck_assert_int_eq(r.scopes[2].count_state, STATE_OK);
    eval_result_free(&r);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_count_thresholds_and_worst)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];

    FX_OPTS(&o, "-W", "20", "-C", "5");
    fx_scope(&l, 1, 1000, 15, 0);   /* 1.5%, but only counts are checked: WARNING */
    fx_scope(&l, 2, 10, 4, 0);      /* CRITICAL */
    fx_scope(&l, 3, 10, 3, 0);      /* CRITICAL, less free: the worst */
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.scopes[0].state, STATE_WARNING);
    ck_assert_int_eq(r.scopes[0].count_state, STATE_WARNING);
    ck_assert_int_eq(r.state, STATE_CRITICAL);
    ck_assert_int_eq(r.worst, 2);
    eval_result_free(&r);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_empty_pool_is_reported_not_divided)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];

    FX_OPTS(&o, "-w", "50");
    fx_scope(&l, 1, 0, 0, 0);
    fx_scope(&l, 2, 100, 80, 0);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.scopes[0].state, STATE_OK);
    ck_assert(r.scopes[0].pct == 0);
    ck_assert_uint_eq(r.nselected, 2);
    ck_assert_int_eq(r.worst, 1);
    eval_result_free(&r);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_selection)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];
    scope_t *s;

    FX_OPTS(&o, "-s", "10.0.1.0", "-s", "10.0.2.0/24", "-s", "7", "-s", "Lab", "-x", "10.0.2.0");
    fx_scope(&l, 1, 100, 1, 0);
    fx_scope(&l, 2, 100, 1, 0);
    s = fx_scope(&l, 3, 100, 50, 0);
    s->id = 7;
    s = fx_scope(&l, 4, 100, 50, 0);
    strcpy(s->name, "Lab");
    fx_scope(&l, 5, 100, 1, 0);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert(r.scopes[0].selected);
    ck_assert(!r.scopes[1].selected);
    ck_assert(r.scopes[2].selected);
    ck_assert(r.scopes[3].selected);
    ck_assert(!r.scopes[4].selected);
    ck_assert_uint_eq(r.nselected, 3);
    ck_assert_uint_eq(r.ncritical, 1);
    eval_result_free(&r);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_prefix_must_match_exactly)
{
    scope_t s = { .addr = addr_v4(0x0A000100u, 24) };

    ck_assert(eval_scope_matches(&s, "10.0.1.0"));
    ck_assert(eval_scope_matches(&s, "10.0.1.0/24"));
    ck_assert(!eval_scope_matches(&s, "10.0.1.0/25"));
    ck_assert(!eval_scope_matches(&s, "10.0.1.0/"));
    ck_assert(!eval_scope_matches(&s, "10.0.1.1"));
    ck_assert(!eval_scope_matches(&s, "0"));
    ck_assert(!eval_scope_matches(&s, ""));
}
END_TEST

START_TEST(test_unknown_scope_is_an_error)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256] = "";

    FX_OPTS(&o, "-s", "10.9.9.0");
    fx_scope(&l, 1, 100, 50, 0);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "scope '10.9.9.0' was not found on the server (it reports 1 scope)");
    eval_result_free(&r);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_nothing_left)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256] = "";

    FX_OPTS(&o, "--min-size", "1000");
    fx_scope(&l, 1, 100, 50, 0);
    fx_scope(&l, 2, 999, 50, 0);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "all 2 were excluded"));
    eval_result_free(&r);
    options_free(&o);
    FX_OPTS(&o, "--min-size", "999");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.nselected, 1);
    eval_result_free(&r);
    scope_list_free(&l);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "the server reports no scopes");
    eval_result_free(&r);
    options_free(&o);
}
END_TEST

/* With -s, the scopes it did not name were never candidates: the sentence
 * counts those -s named, not every scope on the server. */
START_TEST(test_nothing_left_after_scope)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256] = "";

    FX_OPTS(&o, "-s", "10.0.1.0", "--min-size", "1000");
    fx_scope(&l, 1, 100, 50, 0);
    fx_scope(&l, 2, 5000, 50, 0);
    fx_scope(&l, 3, 5000, 50, 0);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "no scope is left to check: the 1 scope that -s names was excluded by -x or --min-size");
    eval_result_free(&r);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

START_TEST(test_failover_state)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];
    int down = fx_failover(&l, "fo-down", "partner-down", STATE_CRITICAL);
    int unused = fx_failover(&l, "fo-unused", "recover", STATE_WARNING);

    FX_OPTS(&o, "-v");
    fx_scope(&l, 1, 100, 50, 0)->failover = down;
    fx_scope(&l, 2, 100, 50, 0);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_CRITICAL);
    ck_assert_uint_eq(r.nfailover_bad, 1);
    ck_assert_uint_eq(r.nok, 2);
    ck_assert(r.failovers[down].selected);
    ck_assert(r.failovers[down].counted);
    ck_assert(!r.failovers[unused].selected);
    eval_result_free(&r);
    options_free(&o);

    /* Switched off: shown, not evaluated. */
    FX_OPTS(&o, "--ignore-failover");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_OK);
    ck_assert_uint_eq(r.nfailover_bad, 1);
    ck_assert(!r.failovers[down].counted);
    eval_result_free(&r);
    options_free(&o);

    /* A relationship no selected scope belongs to does not count. */
    FX_OPTS(&o, "-s", "10.0.2.0");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_OK);
    ck_assert_uint_eq(r.nfailover_bad, 0);
    ck_assert(!r.failovers[down].selected);
    eval_result_free(&r);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

START_TEST(test_server_share)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];

    fx_split(fx_scope(&l, 1, 100, 50, 0), 5, 45, 45, 5);
    FX_OPTS(&o, "-w", "20");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_OK);
    ck_assert(!r.scopes[0].share);
    eval_result_free(&r);
    options_free(&o);
    FX_OPTS(&o, "-w", "20", "--server-share");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert(r.scopes[0].pct == 10.0);
    ck_assert(r.scopes[0].share);
    ck_assert_uint_eq(r.scopes[0].total.lo, 50);
    ck_assert_int_eq(r.state, STATE_WARNING);
    eval_result_free(&r);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

/* With --server-share, a scope whose own share is empty (no addresses on
 * this server) has nothing to run out of: it is not the "worst", and the
 * scope that is keeps its place in the summary. */
START_TEST(test_server_share_empty_share_is_not_worst)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];

    fx_share_pair(&l);
    FX_OPTS(&o, "--server-share");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert(count_is_zero(r.scopes[0].total));
    ck_assert_int_eq(r.worst, 1);
    ck_assert(r.scopes[1].pct == 60.0);
    eval_result_free(&r);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

/* Evaluation only reads the list the source filled. */
START_TEST(test_list_untouched)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];
    scope_t *copy;

    FX_OPTS(&o, "-s", "10.0.1.0", "-W", "60");
    fx_scope(&l, 1, 100, 50, 0)->failover = fx_failover(&l, "fo", "recover", STATE_WARNING);
    fx_scope(&l, 2, 100, 5, 0);
    copy = malloc(l.count * sizeof *copy);
    memcpy(copy, l.items, l.count * sizeof *copy);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_WARNING);
    ck_assert_int_eq(memcmp(copy, l.items, l.count * sizeof *copy), 0);
    free(copy);
    eval_result_free(&r);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

/* IPv6 scopes: selected by address or prefix, counted beyond 64 bits. */
START_TEST(test_ipv6_scopes)
{
    scope_list_t l = { 0 };
    options_t o;
    eval_result_t r;
    char err[256];
    scope_t *s = scope_add(&l);

    ck_assert_int_eq(addr_parse_prefix("2001:db8:1::/64", 15, &s->addr), 0);
    s->total = count_pow2(64);
    s->free = count_pow2(60);
    s->used = count_sub(s->total, s->free);
    s = scope_add(&l);
    ck_assert_int_eq(addr_parse_prefix("2001:db8:2::/64", 15, &s->addr), 0);
    s->total = count_pow2(64);
    s->free = count_sub(count_pow2(64), count_of(1));
    s->used = count_of(1);
    FX_OPTS(&o, "-s", "2001:db8:1::", "-s", "2001:DB8:2:0::/64", "-w", "20", "-c", "5");
    ck_assert(eval_scope_matches(&l.items[0], "2001:db8:1:0:0:0:0:0"));
    ck_assert(!eval_scope_matches(&l.items[0], "2001:db8:1::/48"));
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.nselected, 2);
    ck_assert_int_eq(r.scopes[0].state, STATE_WARNING);
    ck_assert_uint_eq(r.scopes[0].pct_hundredths, 625);
    ck_assert_int_eq(r.scopes[1].state, STATE_OK);
    ck_assert_uint_eq(r.scopes[1].pct_hundredths, 9999);
    ck_assert_int_eq(r.worst, 0);
    eval_result_free(&r);
    options_free(&o);
    scope_list_free(&l);
}
END_TEST

static Suite *eval_suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_default_thresholds);
    tcase_add_test(tc, test_count_thresholds_and_worst);
    tcase_add_test(tc, test_empty_pool_is_reported_not_divided);
    tcase_add_test(tc, test_selection);
    tcase_add_test(tc, test_prefix_must_match_exactly);
    tcase_add_test(tc, test_unknown_scope_is_an_error);
    tcase_add_test(tc, test_nothing_left);
    tcase_add_test(tc, test_nothing_left_after_scope);
    tcase_add_test(tc, test_failover_state);
    tcase_add_test(tc, test_server_share);
    tcase_add_test(tc, test_server_share_empty_share_is_not_worst);
    tcase_add_test(tc, test_list_untouched);
    tcase_add_test(tc, test_ipv6_scopes);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(eval_suite)
