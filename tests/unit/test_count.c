/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <string.h>

#include "count.h"
#include "unit_main.h"

static count_t parse(const char *text)
{
    count_t c;

    ck_assert_msg(count_parse(text, strlen(text), &c) == 0, "'%s' not parsed", text);
    return c;
}

static const char *fmt(count_t c)
{
    static char buf[COUNT_TEXT_MAX];

    return count_format(c, buf, sizeof buf);
}

#define MAX128 "340282366920938463463374607431768211455"

START_TEST(test_format_parse)
{
    ck_assert_str_eq(fmt(count_of(0)), "0");
    ck_assert_str_eq(fmt(count_of(UINT64_MAX)), "18446744073709551615");
    ck_assert_str_eq(fmt(count_pow2(64)), "18446744073709551616");
    ck_assert_str_eq(fmt(count_pow2(100)), "1267650600228229401496703205376");
    ck_assert_str_eq(fmt(count_max()), MAX128);
    ck_assert(count_cmp(parse(MAX128), count_max()) == 0);
    ck_assert(count_cmp(parse("18446744073709551616"), count_pow2(64)) == 0);
    ck_assert_str_eq(fmt(parse("000123")), "123");
    ck_assert_int_eq(count_parse("340282366920938463463374607431768211456", 39, &(count_t){ 0, 0 }), -1);
    ck_assert_int_eq(count_parse("", 0, &(count_t){ 0, 0 }), -1);
    ck_assert_int_eq(count_parse("-1", 2, &(count_t){ 0, 0 }), -1);
    ck_assert_int_eq(count_parse("1e3", 3, &(count_t){ 0, 0 }), -1);
    ck_assert_int_eq(count_parse("12 ", 3, &(count_t){ 0, 0 }), -1);
    {
        char small[5];

        ck_assert_str_eq(count_format(count_of(12345), small, sizeof small), "");
        ck_assert_str_eq(count_format(count_of(1234), small, sizeof small), "1234");
    }
}
END_TEST

START_TEST(test_arithmetic_saturates)
{
    count_t a = count_of(UINT64_MAX);

    ck_assert(count_cmp(count_add(a, count_of(1)), count_pow2(64)) == 0);
    ck_assert(count_cmp(count_sub(count_pow2(64), count_of(1)), a) == 0);
    ck_assert(count_is_zero(count_sub(count_of(3), count_of(5))));
    ck_assert(count_saturated(count_add(count_max(), count_of(1))));
    ck_assert(count_saturated(count_add(count_pow2(127), count_pow2(127))));
    ck_assert(!count_saturated(count_add(count_pow2(127), count_sub(count_pow2(127), count_of(2)))));
    ck_assert(count_saturated(count_pow2(128)));
    ck_assert(count_cmp(count_shr(count_pow2(100), 36), count_pow2(64)) == 0);
    ck_assert(count_cmp(count_shr(count_pow2(100), 99), count_of(2)) == 0);
    ck_assert(count_cmp(count_shr(count_max(), 64), count_of(UINT64_MAX)) == 0);
    ck_assert(count_is_zero(count_shr(count_max(), 128)));
    ck_assert(count_cmp(count_shr(count_of(12), 0), count_of(12)) == 0);
    ck_assert_int_lt(count_cmp(count_pow2(64), count_pow2(65)), 0);
    ck_assert_int_gt(count_cmp(count_pow2(64), count_of(UINT64_MAX)), 0);
    ck_assert(count_to_double(count_pow2(64)) == 18446744073709551616.0);
    {
        uint64_t v;

        ck_assert_int_eq(count_to_u64(count_of(42), &v), 0);
        ck_assert_uint_eq(v, 42);
        ck_assert_int_eq(count_to_u64(count_pow2(64), &v), -1);
    }
}
END_TEST

/* Percentages in hundredths are exact and rounded down, however large. */
START_TEST(test_pct_hundredths)
{
    ck_assert_uint_eq(count_pct_hundredths(count_of(1), count_of(3)), 3333);
    ck_assert_uint_eq(count_pct_hundredths(count_of(2), count_of(3)), 6666);
    ck_assert_uint_eq(count_pct_hundredths(count_of(999), count_of(10000)), 999);
    ck_assert_uint_eq(count_pct_hundredths(count_of(20), count_of(300)), 666);
    ck_assert_uint_eq(count_pct_hundredths(count_of(5), count_of(5)), 10000);
    ck_assert_uint_eq(count_pct_hundredths(count_of(0), count_of(5)), 0);
    ck_assert_uint_eq(count_pct_hundredths(count_of(5), count_of(0)), 0);
    /* 2^64 - 1 of 2^64: 99.99%, not the 100% a double would round to. */
    ck_assert_uint_eq(count_pct_hundredths(count_of(UINT64_MAX), count_pow2(64)), 9999);
    ck_assert_uint_eq(count_pct_hundredths(count_pow2(127), count_max()), 5000);
    ck_assert_uint_eq(count_pct_hundredths(count_sub(count_max(), count_of(1)), count_max()), 9999);
    ck_assert_uint_eq(count_pct_hundredths(count_max(), count_max()), 10000);
    /* A /64 with 2^60 free: 6.25%. */
    ck_assert_uint_eq(count_pct_hundredths(count_pow2(60), count_pow2(64)), 625);
    /* 1 free of 2^64: 0 after rounding down, never negative or wrapped. */
    ck_assert_uint_eq(count_pct_hundredths(count_of(1), count_pow2(64)), 0);
    /* More than the whole (a source's inconsistency) stays a number. */
    ck_assert_uint_eq(count_pct_hundredths(count_pow2(100), count_of(1)), UINT32_MAX);
    ck_assert_uint_eq(count_pct_hundredths(count_of(3), count_of(2)), 15000);
}
END_TEST

static Suite *count_suite(void)
{
    Suite *s = suite_create("count");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_format_parse);
    tcase_add_test(tc, test_arithmetic_saturates);
    tcase_add_test(tc, test_pct_hundredths);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(count_suite)
