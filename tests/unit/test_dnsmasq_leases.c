/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsmasq_leases.h"
#include "feed.h"
#include "unit_main.h"

#define NOW 1800000000

static char err[512];

static addr_t ad(const char *s)
{
    addr_t a;

    ck_assert_msg(addr_parse(s, strlen(s), &a) == 0, "%s", s);
    return a;
}

static dnsmasq_leases_t *new_parser(void)
{
    dnsmasq_span_t spans[3];
    dnsmasq_leases_t *p;

    spans[0].low = ad("10.0.0.0");
    spans[0].high = ad("10.0.0.255");
    spans[1].low = ad("2001:db8:1::");
    spans[1].high = ad("2001:db8:1::ffff:ffff:ffff:ffff");
    /* Overlapping the first: merged, not counted twice. */
    spans[2].low = ad("10.0.0.128");
    spans[2].high = ad("10.0.1.9");
    p = dnsmasq_leases_new("dnsmasq.leases", spans, 3, err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    return p;
}

static int feed_one(void *p, const char *buf, size_t len)
{
    return dnsmasq_leases_feed(p, buf, len);
}

static int finish_one(void *p)
{
    return dnsmasq_leases_finish(p);
}

/* Feeds text in chunks of at most chunk bytes (0: whole), then finishes. */
static int feed_n(dnsmasq_leases_t *p, const char *text, size_t len, size_t chunk)
{
    return fx_feed_chunked(p, feed_one, finish_one, text, len, chunk);
}

static int feed_chunked(dnsmasq_leases_t *p, const char *text, size_t chunk)
{
    return feed_n(p, text, strlen(text), chunk);
}

static dnsmasq_counts_t count(const dnsmasq_leases_t *p, const char *lo, const char *hi)
{
    addr_t l = ad(lo), h = ad(hi);
    dnsmasq_counts_t c;

    dnsmasq_leases_count(p, &l, &h, NOW, &c);
    return c;
}

static const char file[] =
    "1800000100 02:cd:00:00:04:04 10.0.0.203 udhcpc-c4 01:02:cd:00:00:04:04\n"
    "1800000100 02:cd:00:00:03:01 10.0.0.50 reserved1 01:02:cd:00:00:03:01\n"
    "1700000000 02:cd:00:00:03:02 10.0.0.102 expired *\n"
    "0 02:cd:00:00:03:05 10.0.0.10 infinite *\n"
    "43200 02:cd:00:00:03:06 10.0.0.11 broken-rtc *\n"
    "1800000000 02:cd:00:00:03:07 10.0.0.12 ends-now *\n"
    "1800000100 00- 10.0.1.5 no-mac *\n"
    "1800000100 20-01:02:03:04:05:06:07:08:09:0a 10.0.1.6 infiniband *\n"
    "1800000100 02:cd:00:00:03:08 192.168.9.9 elsewhere *\r\n"
    "\n"
    "duid 00:01:00:01:32:9e:26:fb:0a:21:84:08:49:7a\n"
    "1800000100 774 2001:db8:1::198 * 00:03:00:01:02:cd:00:00:03:06\n"
    "1700000000 775 2001:db8:1::77 reserved7 00:03:00:01:02:cd:00:00:03:07\n"
    "1800000100 T776 2001:db8:1::1b5 * 00:03:00:01:02:cd:00:00:03:08\n"
    "1800000100 777 2001:db8:2::1 * 00:03\n"
    "1800000100 02:cd:00:00:03:03 10.0.0.5 cut-off-by-a-rewrite";

START_TEST(test_counts)
{
    dnsmasq_leases_t *p = new_parser();
    dnsmasq_counts_t c;

    ck_assert_msg(feed_chunked(p, file, 0) == 0, "%s", dnsmasq_leases_error(p));
    /* 13 lease lines; the cut last one is dnsmasq still writing. */
    ck_assert_uint_eq(dnsmasq_leases_lines(p), 13);
    /* 192.168.9.9 and 2001:db8:2::1 are outside the spans. */
    ck_assert_uint_eq(dnsmasq_leases_kept(p), 11);
    c = count(p, "10.0.0.0", "10.0.0.255");
    /* 0 is infinite, 43200 a HAVE_BROKEN_RTC length, 1800000000 has ended. */
    ck_assert_uint_eq(c.active, 4);
    ck_assert_uint_eq(c.expired, 2);
    c = count(p, "10.0.1.0", "10.0.1.255");
    ck_assert_uint_eq(c.active, 2);
    c = count(p, "10.0.0.5", "10.0.0.5");
    ck_assert_uint_eq(c.active + c.expired, 0);
    c = count(p, "2001:db8:1::", "2001:db8:1::ffff:ffff:ffff:ffff");
    ck_assert_uint_eq(c.active, 2);
    ck_assert_uint_eq(c.expired, 1);
    c = count(p, "2001:db8:1::100", "2001:db8:1::1ff");
    ck_assert_uint_eq(c.active, 2);
    ck_assert_uint_eq(c.expired, 0);
    dnsmasq_leases_free(p);
}
END_TEST

START_TEST(test_chunks_agree)
{
    static const size_t sizes[] = { 1, 2, 3, 7, 64, 1000 };

    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        dnsmasq_leases_t *p = new_parser();
        dnsmasq_counts_t c;

        ck_assert_int_eq(feed_chunked(p, file, sizes[i]), 0);
        ck_assert_uint_eq(dnsmasq_leases_lines(p), 13);
        ck_assert_uint_eq(dnsmasq_leases_kept(p), 11);
        c = count(p, "10.0.0.0", "10.0.1.255");
        ck_assert_uint_eq(c.active, 6);
        ck_assert_uint_eq(c.expired, 2);
        dnsmasq_leases_free(p);
    }
}
END_TEST

START_TEST(test_last_line_wins)
{
    dnsmasq_leases_t *p = new_parser();
    dnsmasq_counts_t c;

    ck_assert_int_eq(feed_chunked(p,
                                  "1800000100 02:cd:00:00:00:01 10.0.0.9 a *\n"
                                  "1700000000 02:cd:00:00:00:02 10.0.0.9 b *\n"
                                  "1700000000 02:cd:00:00:00:01 10.0.0.8 a *\n"
                                  "0 02:cd:00:00:00:02 10.0.0.8 b *\n",
                                  0),
                     0);
    ck_assert_uint_eq(dnsmasq_leases_kept(p), 2);
    c = count(p, "10.0.0.9", "10.0.0.9");
    ck_assert_uint_eq(c.expired, 1);
    c = count(p, "10.0.0.8", "10.0.0.8");
    ck_assert_uint_eq(c.active, 1);
    dnsmasq_leases_free(p);
}
END_TEST

static void bad_n(const char *text, size_t len, const char *expect)
{
    dnsmasq_leases_t *p = new_parser();

    ck_assert_int_eq(feed_n(p, text, len, 0), -1);
    ck_assert_msg(strstr(dnsmasq_leases_error(p), expect) != NULL, "'%s' lacks '%s'", dnsmasq_leases_error(p),
                  expect);
    dnsmasq_leases_free(p);
    /* Byte by byte: the same sentence. */
    p = new_parser();
    ck_assert_int_eq(feed_n(p, text, len, 1), -1);
    ck_assert_msg(strstr(dnsmasq_leases_error(p), expect) != NULL, "'%s' lacks '%s'", dnsmasq_leases_error(p),
                  expect);
    dnsmasq_leases_free(p);
}

static void bad(const char *text, const char *expect)
{
    bad_n(text, strlen(text), expect);
}

START_TEST(test_malformed)
{
    char *longline = malloc(5000);

    bad("1800000100 02:cd:00:00:00:01 10.0.0.9 a *\n1800000100 02:cd:00:00:00:01 10.0.0.9 a\n",
        "dnsmasq.leases:2: expected 5 fields (EXPIRY MAC-OR-IAID ADDRESS HOSTNAME CLIENT-ID), found 4");
    bad("\n\n1800000100 02:cd:00:00:00:01 10.0.0.9 a * extra\n", "dnsmasq.leases:3: expected 5 fields");
    bad("18x0000100 02:cd:00:00:00:01 10.0.0.9 a *\n", "dnsmasq.leases:1: bad expiry time \"18x0000100\"");
    bad("-1 02:cd:00:00:00:01 10.0.0.9 a *\n", "bad expiry time \"-1\"");
    bad("99999999999999999999 02:cd 10.0.0.9 a *\n", "bad expiry time");
    bad("1800000100 02:cd:00:00:00:01 10.0.0.256 a *\n", "dnsmasq.leases:1: bad address \"10.0.0.256\"");
    bad("1800000100 X774 2001:db8:1::1 * 00:03\n", "bad IAID \"X774\"");
    bad("1800000100 4294967296 2001:db8:1::1 * 00:03\n", "bad IAID");
    bad("duid\n", "dnsmasq.leases:1: expected \"duid SERVER-DUID\"");
    bad("# a comment\n", "expected 5 fields");
    {
        static const char nul[] = "1800000100 02:cd:00:00:00:01 10.0.0.9 a *\n18000\0000100 02 10.0.0.9 a *\n";

        bad_n(nul, sizeof nul - 1, "dnsmasq.leases:2: NUL byte in the file");
    }
    memset(longline, 'a', 4999);
    longline[4999] = '\0';
    bad(longline, "dnsmasq.leases:1: line longer than 4096 bytes");
    free(longline);
}
END_TEST

START_TEST(test_spans_merge)
{
    dnsmasq_span_t s[4];

    s[0].low = ad("10.0.0.10");
    s[0].high = ad("10.0.0.20");
    s[1].low = ad("10.0.0.21");
    s[1].high = ad("10.0.0.30");
    s[2].low = ad("255.255.255.0");
    s[2].high = ad("255.255.255.255");
    s[3].low = ad("::");
    s[3].high = ad("::1");
    ck_assert_uint_eq(dnsmasq_spans_merge(s, 4), 3);
    ck_assert_int_eq(addr_cmp(&s[0].high, &(addr_t){ 0 }) != 0, 1);
    {
        char buf[ADDR_TEXT_MAX];

        addr_format(&s[0].high, buf, sizeof buf);
        ck_assert_str_eq(buf, "10.0.0.30");
        /* The last IPv4 address does not run into IPv6. */
        ck_assert_int_eq(s[2].low.family, ADDR_V6);
        ck_assert_int_eq(s[1].low.family, ADDR_V4);
    }
}
END_TEST

static Suite *dnsmasq_leases_suite(void)
{
    Suite *s = suite_create("dnsmasq_leases");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_counts);
    tcase_add_test(tc, test_chunks_agree);
    tcase_add_test(tc, test_last_line_wins);
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_spans_merge);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(dnsmasq_leases_suite)
