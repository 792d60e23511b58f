/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <string.h>

#include "scope.h"
#include "unit_main.h"

START_TEST(test_list)
{
    scope_list_t l = { 0 };
    scope_t *s;
    int f;

    for (uint32_t i = 0; i < 1000; i++) {
        s = scope_add(&l);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(s->failover, -1);
        ck_assert(count_is_zero(s->total));
        s->addr = addr_v4(0x0A000000u + ((999 - i) << 8), 24);
    }
    scope_list_sort(&l);
    for (size_t i = 1; i < l.count; i++)
        ck_assert(addr_cmp(&l.items[i - 1].addr, &l.items[i].addr) < 0);
    f = scope_failover_add(&l);
    ck_assert_int_eq(f, 0);
    text_copy(l.failovers[f].name, sizeof l.failovers[f].name, "fo1");
    f = scope_failover_add(&l);
    text_copy(l.failovers[f].name, sizeof l.failovers[f].name, "fo2");
    ck_assert_int_eq(scope_failover_find(&l, "fo2"), 1);
    ck_assert_int_eq(scope_failover_find(&l, "fo3"), -1);
    scope_list_free(&l);
    ck_assert_uint_eq(l.count, 0);
}
END_TEST

/* IPv4 before IPv6, each by address, then shorter prefix first; scope_find
 * ignores prefix lengths. */
START_TEST(test_sort_and_find_both_families)
{
    scope_list_t l = { 0 };
    addr_t a;

    ck_assert_int_eq(addr_parse_prefix("2001:db8:1::/64", 15, &a), 0);
    scope_add(&l)->addr = a;
    ck_assert_int_eq(addr_parse_prefix("10.0.1.0/24", 11, &a), 0);
    scope_add(&l)->addr = a;
    ck_assert_int_eq(addr_parse_prefix("2001:db8::/48", 13, &a), 0);
    scope_add(&l)->addr = a;
    ck_assert_int_eq(addr_parse_prefix("10.0.1.0/23", 11, &a), 0);
    scope_add(&l)->addr = a;
    scope_list_sort(&l);
    ck_assert_int_eq(l.items[0].addr.family, ADDR_V4);
    ck_assert_int_eq(l.items[0].addr.prefix, 23);
    ck_assert_int_eq(l.items[1].addr.prefix, 24);
    ck_assert_int_eq(l.items[2].addr.prefix, 48);
    ck_assert_int_eq(l.items[3].addr.prefix, 64);
    ck_assert_int_eq(addr_parse("2001:db8:1::", 12, &a), 0);
    ck_assert_ptr_eq(scope_find(&l, &a), &l.items[3]);
    ck_assert_int_eq(addr_parse("2001:db8:2::", 12, &a), 0);
    ck_assert_ptr_null(scope_find(&l, &a));
    scope_list_free(&l);
}
END_TEST

static Suite *scope_suite(void)
{
    Suite *s = suite_create("scope");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_list);
    tcase_add_test(tc, test_sort_and_find_both_families);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(scope_suite)
