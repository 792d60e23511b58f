/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <string.h>

#include "addr.h"
#include "unit_main.h"

static int parse_v4(const char *text, uint32_t *out)
{
    addr_t a;

    if (addr_parse(text, strlen(text), &a) != 0 || a.family != ADDR_V4)
        return -1;
    *out = addr_v4_host(&a);
    return 0;
}

START_TEST(test_addr_parse)
{
    uint32_t a;

    ck_assert_int_eq(parse_v4("10.0.0.0", &a), 0);
    ck_assert_uint_eq(a, 0x0A000000u);
    ck_assert_int_eq(parse_v4("255.255.255.255", &a), 0);
    ck_assert_uint_eq(a, 0xFFFFFFFFu);
    ck_assert_int_eq(parse_v4("0.0.0.0", &a), 0);
    ck_assert_uint_eq(a, 0);
    ck_assert_int_eq(parse_v4("192.0.2.1", &a), 0);
    ck_assert_uint_eq(a, 0xC0000201u);
}
END_TEST

static const char *const bad_addrs[] = {
    "", "10", "10.0.0", "10.0.0.0.0", "256.0.0.0", "10.0.0.-1", "10..0.0", "10.0.0.0 ",
    " 10.0.0.0", "010.0.0.0", "1000.0.0.0", "a.b.c.d", "10.0.0.0/24", "10.0.0.",
    /* IPv6 */
    ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", "::1:",
    ":1::", "1:2:3:4:5:6:7:8::", "::1.2.3", "::1.2.3.4.5", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0",
    "2001:db8::/64", "::ffff:256.1.1.1", " ::1",
};

START_TEST(test_addr_parse_bad)
{
    addr_t a;

    memset(&a, 7, sizeof a);
    ck_assert_msg(addr_parse(bad_addrs[_i], strlen(bad_addrs[_i]), &a) == -1, "'%s' accepted", bad_addrs[_i]);
    ck_assert_uint_eq(a.family, 7);
}
END_TEST

START_TEST(test_addr_format_and_mask)
{
    char buf[ADDR_TEXT_MAX];
    addr_t a = addr_v4(0xC0A80100u, 24);

    ck_assert_int_eq(addr_format(&a, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "192.168.1.0");
    a = addr_v4(0xFFFFFFFFu, 32);
    ck_assert_int_eq(addr_format(&a, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "255.255.255.255");
    /* The buffer's size is honoured: too small is an error, never an overrun. */
    ck_assert_int_eq(addr_format(&a, buf, 15), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(addr_format(&a, buf, 16), 0);
    ck_assert_int_eq(addr_mask_prefix(0xFFFFFF00u), 24);
    ck_assert_int_eq(addr_mask_prefix(0xFFFFFFFFu), 32);
    ck_assert_int_eq(addr_mask_prefix(0), 0);
    ck_assert_int_eq(addr_mask_prefix(0xFFFE0000u), 15);
    ck_assert_int_eq(addr_mask_prefix(0xFF00FF00u), -1);
    ck_assert_int_eq(addr_mask_prefix(0x000000FFu), -1);
}
END_TEST

/* Text in, RFC 5952 text out. */
static const struct { const char *in, *out; } v6_cases[] = {
    { "2001:db8::1", "2001:db8::1" },
    { "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
    { "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },          /* first of two equal runs */
    { "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },        /* one zero group stays */
    { "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },                 /* the longest run */
    { "::", "::" },
    { "::1", "::1" },
    { "1::", "1::" },
    { "fe80::", "fe80::" },
    { "2001:db8:1::", "2001:db8:1::" },
    { "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
    { "::ffff:c000:0201", "::ffff:192.0.2.1" },
    { "64:ff9b::192.0.2.33", "64:ff9b::c000:221" },
    { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
    { "0:0:0:0:0:ffff:ffff:ffff", "::ffff:255.255.255.255" },
};

START_TEST(test_v6_rfc5952)
{
    addr_t a;
    char buf[ADDR_TEXT_MAX];

    ck_assert_msg(addr_parse(v6_cases[_i].in, strlen(v6_cases[_i].in), &a) == 0, "%s", v6_cases[_i].in);
    ck_assert_int_eq(a.family, ADDR_V6);
    ck_assert_int_eq(a.prefix, 128);
    ck_assert_int_eq(addr_format(&a, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, v6_cases[_i].out);
}
END_TEST

START_TEST(test_prefixes)
{
    addr_t a, b;
    char buf[ADDR_PREFIX_TEXT_MAX];

    ck_assert_int_eq(addr_parse_prefix("2001:db8:100::/40", 17, &a), 0);
    ck_assert_int_eq(a.prefix, 40);
    ck_assert(!addr_has_host_bits(&a));
    ck_assert_int_eq(addr_format_prefix(&a, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "2001:db8:100::/40");
    ck_assert_int_eq(addr_parse_prefix("2001:db8:1::5/64", 16, &a), 0);
    ck_assert(addr_has_host_bits(&a));
    addr_mask(&a);
    ck_assert_int_eq(addr_format_prefix(&a, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "2001:db8:1::/64");
    ck_assert_int_eq(addr_parse("2001:db8:1:0:ffff::1", 20, &b), 0);
    ck_assert(addr_contains(&a, &b));
    ck_assert_int_eq(addr_parse("2001:db8:2::1", 13, &b), 0);
    ck_assert(!addr_contains(&a, &b));
    ck_assert_int_eq(addr_parse_prefix("10.1.2.3/20", 11, &a), 0);
    addr_mask(&a);
    ck_assert_uint_eq(addr_v4_host(&a), 0x0A010000u);
    ck_assert_int_eq(addr_parse_prefix("10.0.0.0/33", 11, &a), -1);
    ck_assert_int_eq(addr_parse_prefix("::/129", 6, &a), -1);
    ck_assert_int_eq(addr_parse_prefix("::/", 3, &a), -1);
    ck_assert_int_eq(addr_parse_prefix("::/01", 5, &a), -1);
    ck_assert_int_eq(addr_parse_prefix("::/0", 4, &a), 0);
    ck_assert_int_eq(addr_parse_prefix("10.0.0.0", 8, &a), -1);
    /* A family's addresses never contain the other's. */
    ck_assert_int_eq(addr_parse_prefix("::/0", 4, &a), 0);
    b = addr_v4(0x0A000001u, 32);
    ck_assert(!addr_contains(&a, &b));
}
END_TEST

START_TEST(test_span_and_order)
{
    addr_t lo, hi;
    char buf[COUNT_TEXT_MAX];

    lo = addr_v4(0x0A000001u, 32);
    hi = addr_v4(0x0A0000FEu, 32);
    ck_assert_str_eq(count_format(addr_span(&lo, &hi), buf, sizeof buf), "254");
    lo = addr_v4(0, 32);
    hi = addr_v4(0xFFFFFFFFu, 32);
    ck_assert_str_eq(count_format(addr_span(&lo, &hi), buf, sizeof buf), "4294967296");
    ck_assert(count_is_zero(addr_span(&hi, &lo)));
    ck_assert_int_eq(addr_parse("2001:db8:1::", 12, &lo), 0);
    ck_assert_int_eq(addr_parse("2001:db8:1::ffff:ffff:ffff:ffff", 31, &hi), 0);
    /* A whole /64: 2^64 addresses, one more than 64 bits hold. */
    ck_assert_str_eq(count_format(addr_span(&lo, &hi), buf, sizeof buf), "18446744073709551616");
    ck_assert_int_eq(addr_parse("::", 2, &lo), 0);
    ck_assert_int_eq(addr_parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", 39, &hi), 0);
    ck_assert_str_eq(count_format(addr_span(&lo, &hi), buf, sizeof buf), "340282366920938463463374607431768211455");
    ck_assert_int_eq(addr_parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 39, &hi), 0);
    ck_assert(count_saturated(addr_span(&lo, &hi)));   /* 2^128 itself: the bound */
    lo = addr_v4(0x0A000000u, 24);
    ck_assert_int_lt(addr_cmp(&lo, &hi), 0);          /* IPv4 sorts first */
    ck_assert(count_is_zero(addr_span(&lo, &hi)));    /* no span across families */
}
END_TEST

START_TEST(test_last_and_number)
{
    addr_t a, last;
    char buf[ADDR_PREFIX_TEXT_MAX];

    ck_assert_int_eq(addr_parse_prefix("2001:db8:100::/40", 17, &a), 0);
    last = addr_last(&a);
    ck_assert_int_eq(addr_format_prefix(&last, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "2001:db8:1ff:ffff:ffff:ffff:ffff:ffff/128");
    ck_assert_int_eq(addr_parse_prefix("10.1.2.0/23", 11, &a), 0);
    last = addr_last(&a);
    ck_assert_uint_eq(addr_v4_host(&last), 0x0A0103FFu);
    ck_assert_uint_eq(last.prefix, 32);
    ck_assert(count_cmp(addr_number(&last), count_of(0x0A0103FFu)) == 0);
    ck_assert_int_eq(addr_parse("::1:0:0:0:5", 11, &a), 0);
    ck_assert(count_cmp(addr_number(&a), count_add(count_pow2(64), count_of(5))) == 0);
}
END_TEST

static Suite *addr_suite(void)
{
    Suite *s = suite_create("addr");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_addr_parse);
    tcase_add_loop_test(tc, test_addr_parse_bad, 0, (int)(sizeof bad_addrs / sizeof bad_addrs[0]));
    tcase_add_test(tc, test_addr_format_and_mask);
    tcase_add_loop_test(tc, test_v6_rfc5952, 0, (int)(sizeof v6_cases / sizeof v6_cases[0]));
    tcase_add_test(tc, test_prefixes);
    tcase_add_test(tc, test_span_and_order);
    tcase_add_test(tc, test_last_and_number);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(addr_suite)
