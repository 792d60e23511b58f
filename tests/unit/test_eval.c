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
    ck_assert(l.items[4].free_pct == 9.5);
    ck_assert_int_eq(l.items[2].state, STATE_WARNING);
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
    ck_assert_int_eq(l.items[0].state, STATE_WARNING);
    ck_assert_int_eq(r.state, STATE_CRITICAL);
    ck_assert_int_eq(r.worst, 2);
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
    ck_assert_int_eq(l.items[0].state, STATE_OK);
    ck_assert(l.items[0].free_pct == 0);
    ck_assert_uint_eq(r.nselected, 2);
    ck_assert_int_eq(r.worst, 1);
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
    ck_assert(l.items[0].selected);
    ck_assert(!l.items[1].selected);
    ck_assert(l.items[2].selected);
    ck_assert(l.items[3].selected);
    ck_assert(!l.items[4].selected);
    ck_assert_uint_eq(r.nselected, 3);
    ck_assert_uint_eq(r.ncritical, 1);
    scope_list_free(&l);
    options_free(&o);
}
END_TEST

START_TEST(test_prefix_must_match_exactly)
{
    scope_t s = { .addr = 0x0A000100u, .prefix = 24 };

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
    options_free(&o);
    FX_OPTS(&o, "--min-size", "999");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.nselected, 1);
    scope_list_free(&l);
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "the server reports no scopes");
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
    ck_assert(l.failovers[down].selected);
    ck_assert(!l.failovers[unused].selected);
    options_free(&o);

    /* Switched off: shown, not evaluated. */
    FX_OPTS(&o, "--ignore-failover");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_OK);
    ck_assert_uint_eq(r.nfailover_bad, 1);
    options_free(&o);

    /* A relationship no selected scope belongs to does not count. */
    FX_OPTS(&o, "-s", "10.0.2.0");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_OK);
    ck_assert_uint_eq(r.nfailover_bad, 0);
    ck_assert(!l.failovers[down].selected);
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
    scope_t *s = fx_scope(&l, 1, 100, 50, 0);

    s->has_free_split = s->has_used_split = 1;
    s->this_free = 5;
    s->partner_free = 45;
    s->this_used = 45;
    s->partner_used = 5;
    FX_OPTS(&o, "-w", "20");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.state, STATE_OK);
    options_free(&o);
    FX_OPTS(&o, "-w", "20", "--server-share");
    ck_assert_int_eq(eval_run(&o, &l, &r, err, sizeof err), 0);
    ck_assert(l.items[0].free_pct == 10.0);
    ck_assert_int_eq(r.state, STATE_WARNING);
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
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(eval_suite)
