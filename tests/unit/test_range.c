/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "range.h"
#include "unit_main.h"

static range_t parse_ok(const char *text, enum range_bare bare)
{
    range_t r;
    char err[160] = "";

    ck_assert_msg(range_parse(text, bare, 1, &r, err, sizeof err) == 0, "'%s' rejected: %s", text, err);
    return r;
}

/* The table of plugin-conventions.md, read the Monitoring Plugins way. */
START_TEST(test_conventions_table)
{
    range_t r;

    r = parse_ok("10", RANGE_BARE_UPPER);
    ck_assert(range_alerts(&r, -0.5));
    ck_assert(!range_alerts(&r, 0));
    ck_assert(!range_alerts(&r, 10));
    ck_assert(range_alerts(&r, 10.01));

    r = parse_ok("10:", RANGE_BARE_UPPER);
    ck_assert(range_alerts(&r, 9.99));
    ck_assert(!range_alerts(&r, 10));
    ck_assert(!range_alerts(&r, 1e12));

    r = parse_ok("~:10", RANGE_BARE_UPPER);
    ck_assert(!range_alerts(&r, -1e12));
    ck_assert(!range_alerts(&r, 10));
    ck_assert(range_alerts(&r, 10.5));

    r = parse_ok("10:20", RANGE_BARE_UPPER);
    ck_assert(range_alerts(&r, 9));
    ck_assert(!range_alerts(&r, 10));
    ck_assert(!range_alerts(&r, 20));
    ck_assert(range_alerts(&r, 21));

    r = parse_ok("@10:20", RANGE_BARE_UPPER);
    ck_assert(!range_alerts(&r, 9.9));
    ck_assert(range_alerts(&r, 10));
    ck_assert(range_alerts(&r, 15));
    ck_assert(range_alerts(&r, 20));
    ck_assert(!range_alerts(&r, 20.1));
}
END_TEST

/* For free metrics a bare number is a lower bound, as in check_disk. */
START_TEST(test_bare_lower_bound)
{
    range_t r = parse_ok("20", RANGE_BARE_LOWER);

    ck_assert(range_alerts(&r, 19.99));
    ck_assert(!range_alerts(&r, 20));
    ck_assert(!range_alerts(&r, 100));

    r = parse_ok("20%", RANGE_BARE_LOWER);
    ck_assert(range_alerts(&r, 19));
    ck_assert(!range_alerts(&r, 21));

    /* Anything with ':', '@' or '~' is a full range even for free metrics. */
    r = parse_ok("@10", RANGE_BARE_LOWER);
    ck_assert(range_alerts(&r, 5));
    ck_assert(!range_alerts(&r, 11));
    r = parse_ok("~:10", RANGE_BARE_LOWER);
    ck_assert(range_alerts(&r, 11));
    r = parse_ok("5:10", RANGE_BARE_LOWER);
    ck_assert(range_alerts(&r, 4));
    ck_assert(range_alerts(&r, 11));
}
END_TEST

START_TEST(test_numbers)
{
    range_t r = parse_ok("-5:-1.5", RANGE_BARE_UPPER);

    ck_assert(range_alerts(&r, -6));
    ck_assert(!range_alerts(&r, -5));
    ck_assert(!range_alerts(&r, -1.5));
    ck_assert(range_alerts(&r, -1.4));
    r = parse_ok("+2.5:", RANGE_BARE_UPPER);
    ck_assert(range_alerts(&r, 2.4));
    r = parse_ok("0.5", RANGE_BARE_LOWER);
    ck_assert(range_alerts(&r, 0.4));
    r = parse_ok("~:", RANGE_BARE_UPPER);
    ck_assert(!range_alerts(&r, -1e300));
    ck_assert(!range_alerts(&r, 1e300));
    r = parse_ok(":7", RANGE_BARE_LOWER);
    ck_assert(range_alerts(&r, -1));
    ck_assert(range_alerts(&r, 8));
    ck_assert(!range_alerts(&r, 0));
    r = parse_ok("5:5", RANGE_BARE_UPPER);
    ck_assert(!range_alerts(&r, 5));
    ck_assert(range_alerts(&r, 5.01));
}
END_TEST

static const char *const bad[] = {
    "", "abc", "10abc", "1,5", "20:10", "nan", "inf", "-inf", "1e3", "0x10", "10::",
    ":", "@", "@:", "~", "~10", "10~", "10:~", " 10", "10 ", "%", "10%%", "1.2.3",
    "--5", ".", "-", "5:abc", "abc:5", "@@5", "5@", "1e308:", "10:5%",
    "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
};

START_TEST(test_errors)
{
    const char *text = bad[_i];
    range_t r;
    char err[200] = "";

    ck_assert_msg(range_parse(text, RANGE_BARE_LOWER, 1, &r, err, sizeof err) == -1,
                  "'%s' was accepted", text);
    ck_assert_msg(strstr(err, "invalid threshold range") != NULL, "message: %s", err);
    if (strlen(text) < 60)
        ck_assert_msg(strstr(err, text) != NULL, "message does not quote '%s': %s", text, err);
}
END_TEST

START_TEST(test_percent_only_when_allowed)
{
    range_t r;
    char err[160];

    ck_assert_int_eq(range_parse("20%", RANGE_BARE_LOWER, 0, &r, err, sizeof err), -1);
    ck_assert_int_eq(range_parse("20%", RANGE_BARE_LOWER, 1, &r, err, sizeof err), 0);
    ck_assert_int_eq(range_parse("@10:20%", RANGE_BARE_LOWER, 1, &r, err, sizeof err), 0);
    ck_assert(r.inside);
    ck_assert(r.start == 10 && r.end == 20);
}
END_TEST

START_TEST(test_null_error_buffer)
{
    range_t r;

    ck_assert_int_eq(range_parse("bad", RANGE_BARE_LOWER, 1, &r, NULL, 0), -1);
    ck_assert_int_eq(range_parse(NULL, RANGE_BARE_LOWER, 1, &r, NULL, 0), -1);
}
END_TEST

START_TEST(test_plain_value_and_format)
{
    range_t r;
    double v;
    char buf[64];

    r = parse_ok("20", RANGE_BARE_LOWER);
    ck_assert_int_eq(range_plain_value(&r, &v), 0);
    ck_assert(v == 20);
    range_format(&r, buf, sizeof buf);
    ck_assert_str_eq(buf, "20:");

    r = parse_ok("10", RANGE_BARE_UPPER);
    ck_assert_int_eq(range_plain_value(&r, &v), 0);
    ck_assert(v == 10);
    range_format(&r, buf, sizeof buf);
    ck_assert_str_eq(buf, "0:10");

    r = parse_ok("~:7.5", RANGE_BARE_UPPER);
    ck_assert_int_eq(range_plain_value(&r, &v), 0);
    ck_assert(v == 7.5);
    range_format(&r, buf, sizeof buf);
    ck_assert_str_eq(buf, "~:7.5");

    r = parse_ok("@10:20", RANGE_BARE_UPPER);
    ck_assert_int_eq(range_plain_value(&r, &v), -1);
    range_format(&r, buf, sizeof buf);
    ck_assert_str_eq(buf, "@10:20");
    r = parse_ok("@0:0", RANGE_BARE_UPPER);
    ck_assert_int_eq(range_plain_value(&r, &v), -1);
    r = parse_ok("@5", RANGE_BARE_LOWER);
    ck_assert_int_eq(range_plain_value(&r, &v), -1);
}
END_TEST

START_TEST(test_state)
{
    range_t w = parse_ok("20", RANGE_BARE_LOWER), c = parse_ok("10", RANGE_BARE_LOWER);

    ck_assert_int_eq(range_state(&w, &c, 50), 0);
    ck_assert_int_eq(range_state(&w, &c, 20), 0);
    ck_assert_int_eq(range_state(&w, &c, 19.9), 1);
    ck_assert_int_eq(range_state(&w, &c, 10), 1);
    ck_assert_int_eq(range_state(&w, &c, 9.99), 2);
    ck_assert_int_eq(range_state(NULL, &c, 15), 0);
    ck_assert_int_eq(range_state(&w, NULL, 5), 1);
    ck_assert_int_eq(range_state(NULL, NULL, -5), 0);
}
END_TEST

static Suite *range_suite(void)
{
    Suite *s = suite_create("range");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_conventions_table);
    tcase_add_test(tc, test_bare_lower_bound);
    tcase_add_test(tc, test_numbers);
    tcase_add_loop_test(tc, test_errors, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, test_percent_only_when_allowed);
    tcase_add_test(tc, test_null_error_buffer);
    tcase_add_test(tc, test_plain_value_and_format);
    tcase_add_test(tc, test_state);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(range_suite)
