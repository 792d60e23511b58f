/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "text.h"
#include "unit_main.h"
#include "vec.h"

START_TEST(test_text_copy_truncates)
{
    char buf[4];

    text_copy(buf, sizeof buf, "abcdef");
    ck_assert_str_eq(buf, "abc");
    text_copy(buf, sizeof buf, NULL);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_clean)
{
    char buf[32];

    ck_assert_uint_eq(text_clean(buf, sizeof buf, "a|b\nc\td\x7f" "e"), 9);
    ck_assert_str_eq(buf, "a/b c d e");
    ck_assert_uint_eq(text_clean(buf, 4, "abcdef"), 3);
    ck_assert_str_eq(buf, "abc");
    strcpy(buf, "x|y");
    text_clean(buf, sizeof buf, buf);
    ck_assert_str_eq(buf, "x/y");
}
END_TEST

START_TEST(test_dup_and_show)
{
    char buf[6], *d = text_dup("key=value", 3);

    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d, "key");
    free(d);
    /* Only the given bytes, even with an embedded NUL; non-printables as '?'. */
    ck_assert_str_eq(text_show(buf, sizeof buf, "a\tb\0\xff", 5), "a?b??");
    ck_assert_str_eq(text_show(buf, sizeof buf, "abcdefgh", 8), "abcde");
    ck_assert_str_eq(text_show(buf, sizeof buf, "zz", 0), "");
}
END_TEST

START_TEST(test_thousands)
{
    char buf[32];

    ck_assert_str_eq(text_thousands(0, buf, sizeof buf), "0");
    ck_assert_str_eq(text_thousands(999, buf, sizeof buf), "999");
    ck_assert_str_eq(text_thousands(3871, buf, sizeof buf), "3,871");
    ck_assert_str_eq(text_thousands(1000000, buf, sizeof buf), "1,000,000");
    ck_assert_str_eq(text_thousands(18446744073709551615ull, buf, sizeof buf), "18,446,744,073,709,551,615");
}
END_TEST

START_TEST(test_vec_grow)
{
    int *v = NULL;
    size_t cap = 0;

    for (size_t n = 0; n < 1000; n++) {
        int *nv = vec_grow(v, &cap, n + 1, sizeof *v);

        ck_assert_ptr_nonnull(nv);
        ck_assert_uint_ge(cap, n + 1);
        v = nv;
        v[n] = (int)n;
    }
    for (size_t n = 0; n < 1000; n++)
        ck_assert_int_eq(v[n], (int)n);
    /* An impossible size fails and leaves the array as it was. */
    ck_assert_ptr_null(vec_grow(v, &cap, SIZE_MAX / 2, sizeof *v));
    ck_assert_uint_ge(cap, 1000);
    ck_assert_int_eq(v[999], 999);
    free(v);
}
END_TEST

START_TEST(test_sbuf)
{
    sbuf_t b = { 0 };
    char *s;

    s = sb_take(&b);
    ck_assert_str_eq(s, "");
    free(s);
    for (int i = 0; i < 1000; i++)
        sb_add(&b, "%d,", i);
    sb_truncate(&b, 4);
    s = sb_take(&b);
    ck_assert_str_eq(s, "0,1,");
    free(s);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_text_copy_truncates);
    tcase_add_test(tc, test_clean);
    tcase_add_test(tc, test_dup_and_show);
    tcase_add_test(tc, test_thousands);
    tcase_add_test(tc, test_vec_grow);
    tcase_add_test(tc, test_sbuf);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(text_suite)
