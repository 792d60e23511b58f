#include <check.h>
#include <string.h>

#include "scope.h"
#include "unit_main.h"

START_TEST(test_addr_parse)
{
    uint32_t a;

    ck_assert_int_eq(scope_addr_parse("10.0.0.0", &a), 0);
    ck_assert_uint_eq(a, 0x0A000000u);
    ck_assert_int_eq(scope_addr_parse("255.255.255.255", &a), 0);
    ck_assert_uint_eq(a, 0xFFFFFFFFu);
    ck_assert_int_eq(scope_addr_parse("0.0.0.0", &a), 0);
    ck_assert_uint_eq(a, 0);
    ck_assert_int_eq(scope_addr_parse("192.0.2.1", &a), 0);
    ck_assert_uint_eq(a, 0xC0000201u);
}
END_TEST

static const char *const bad_addrs[] = {
    "", "10", "10.0.0", "10.0.0.0.0", "256.0.0.0", "10.0.0.-1", "10..0.0", "10.0.0.0 ",
    " 10.0.0.0", "010.0.0.0", "1000.0.0.0", "a.b.c.d", "10.0.0.0/24", "10.0.0.",
};

START_TEST(test_addr_parse_bad)
{
    uint32_t a = 7;

    ck_assert_msg(scope_addr_parse(bad_addrs[_i], &a) == -1, "'%s' accepted", bad_addrs[_i]);
    ck_assert_uint_eq(a, 7);
}
END_TEST

START_TEST(test_addr_format_and_mask)
{
    char buf[16];

    scope_addr_format(0xC0A80100u, buf);
    ck_assert_str_eq(buf, "192.168.1.0");
    scope_addr_format(0xFFFFFFFFu, buf);
    ck_assert_str_eq(buf, "255.255.255.255");
    ck_assert_int_eq(scope_mask_prefix(0xFFFFFF00u), 24);
    ck_assert_int_eq(scope_mask_prefix(0xFFFFFFFFu), 32);
    ck_assert_int_eq(scope_mask_prefix(0), 0);
    ck_assert_int_eq(scope_mask_prefix(0xFFFE0000u), 15);
    ck_assert_int_eq(scope_mask_prefix(0xFF00FF00u), -1);
    ck_assert_int_eq(scope_mask_prefix(0x000000FFu), -1);
}
END_TEST

START_TEST(test_list)
{
    scope_list_t l = { 0 };
    scope_t *s;
    int f;

    for (uint32_t i = 0; i < 1000; i++) {
        s = scope_add(&l);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(s->failover, -1);
        ck_assert_uint_eq(s->total, 0);
        s->addr = 0x0A000000u + ((999 - i) << 8);
        s->prefix = 24;
    }
    scope_list_sort(&l);
    for (size_t i = 1; i < l.count; i++)
        ck_assert(l.items[i - 1].addr < l.items[i].addr);
    f = scope_failover_add(&l);
    ck_assert_int_eq(f, 0);
    scope_text_copy(l.failovers[f].name, sizeof l.failovers[f].name, "fo1");
    f = scope_failover_add(&l);
    scope_text_copy(l.failovers[f].name, sizeof l.failovers[f].name, "fo2");
    ck_assert_int_eq(scope_failover_find(&l, "fo2"), 1);
    ck_assert_int_eq(scope_failover_find(&l, "fo3"), -1);
    scope_list_free(&l);
    ck_assert_uint_eq(l.count, 0);
}
END_TEST

START_TEST(test_text_copy_truncates)
{
    char buf[4];

    scope_text_copy(buf, sizeof buf, "abcdef");
    ck_assert_str_eq(buf, "abc");
    scope_text_copy(buf, sizeof buf, NULL);
    ck_assert_str_eq(buf, "");
}
END_TEST

static Suite *scope_suite(void)
{
    Suite *s = suite_create("scope");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_addr_parse);
    tcase_add_loop_test(tc, test_addr_parse_bad, 0, (int)(sizeof bad_addrs / sizeof bad_addrs[0]));
    tcase_add_test(tc, test_addr_format_and_mask);
    tcase_add_test(tc, test_list);
    tcase_add_test(tc, test_text_copy_truncates);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(scope_suite)
