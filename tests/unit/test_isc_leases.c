/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isc_conf.h"
#include "isc_leases.h"
#include "isc_source.h"
#include "scope.h"
#include "feed.h"
#include "unit_main.h"

static char err[512];

/* 10.0.0.1 - 10.0.0.20 and 10.0.1.1 - 10.0.1.20, the addresses these tests track. */
static const isc_span_t test_spans[] = { { 0x0A000001u, 0x0A000014u }, { 0x0A000101u, 0x0A000114u } };

static uint32_t ip(const char *s)
{
    uint32_t a = 0;

    ck_assert_int_eq(isc_addr_parse(s, strlen(s), &a), 0);
    return a;
}

static isc_leases_t *new_parser(void)
{
    isc_leases_t *p = isc_leases_new("dhcpd.leases", test_spans, 2, err, sizeof err);

    ck_assert_msg(p != NULL, "%s", err);
    return p;
}

static int feed_one(void *p, const char *buf, size_t len)
{
    return isc_leases_feed(p, buf, len);
}

static int finish_one(void *p)
{
    return isc_leases_finish(p);
}

/* Feeds text in chunks of at most chunk bytes (0: whole), then finishes. */
static int feed_chunked(isc_leases_t *p, const char *text, size_t len, size_t chunk)
{
    return fx_feed_chunked(p, feed_one, finish_one, text, len, chunk);
}

static isc_leases_t *parse_text(const char *text, int expect_rc)
{
    isc_leases_t *p = new_parser();
    int rc = feed_chunked(p, text, strlen(text), 0);

    ck_assert_msg(rc == expect_rc, "rc %d: %s", rc, isc_leases_error(p));
    return p;
}

static enum isc_binding state_of(const isc_leases_t *p, const char *addr, int64_t *ends)
{
    int64_t e;

    return isc_leases_get(p, ip(addr), ends ? ends : &e);
}

/* Everything the parser holds, as text, to compare runs. */
static char *snapshot(const isc_leases_t *p, int rc)
{
    size_t cap = 65536, len = 0, s, i;
    char *out = malloc(cap);

    len += (size_t)snprintf(out + len, cap - len, "rc=%d err=%s\n", rc, rc ? isc_leases_error(p) : "");
    for (s = 0; s < 2; s++) {
        for (uint32_t a = test_spans[s].low; a <= test_spans[s].high; a++) {
            int64_t e;
            enum isc_binding st = isc_leases_get(p, a, &e);
            len += (size_t)snprintf(out + len, cap - len, "%08x %d %lld\n", (unsigned)a, (int)st, (long long)e);
        }
    }
    for (i = 0; i < isc_leases_npeers(p); i++) {
        const isc_leases_peer_t *f = isc_leases_peer(p, i);
        len += (size_t)snprintf(out + len, cap - len, "peer %s|%s|%s\n", f->name, f->my_state, f->partner_state);
    }
    return out;
}

static const char corpus[] =
    "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
    "# This lease file was written by isc-dhcp-4.4.3-P1 { } ; \"\n"
    "\n"
    "# authoring-byte-order entry is generated, DO NOT DELETE\n"
    "authoring-byte-order little-endian;\n"
    "server-duid \"\\000\\001\\000\\001;{}\";\n"
    "\n"
    "failover peer \"dhcp-failover\" state {\n"
    "  my state communications-interrupted at 2 2026/11/24 10:00:00;\n"
    "  partner state normal at 2 2026/11/24 10:00:00;\n"
    "  mclt 3600;\n"
    "}\n"
    "lease 10.0.0.1 {\n"
    "  starts 2 2026/11/24 09:00:00;\n"
    "  ends 4 2099/12/31 21:00:00;\n"
    "  tstp 4 2099/12/31 21:00:00;\n"
    "  cltt 2 2026/11/24 09:00:00;\n"
    "  binding state active;\n"
    "  next binding state free;\n"
    "  rewind binding state free;\n"
    "  hardware ethernet 00:16:3e:00:00:01;\n"
    "  uid \"\\001\\000\\026>\\301;}{\\\"\";\n"
    "  set vendor-class-identifier = \"MSFT 5.0 }\";\n"
    "  client-hostname \"pc1 \\\" ; {\";\n"
    "}\n"
    "lease 10.0.0.2 { binding state backup; }\n"
    "lease 10.0.0.3 {\n  binding state abandoned; # comment ; { } \"\n}\n"
    "lease 10.0.0.4 { ends epoch 1700000000; # Tue Nov 14 22:13:20 2023\n binding state active; }\n"
    "lease 10.0.0.5 { ends never; binding state active; on expiry { set x = \"}\"; } }\n"
    "lease 10.0.0.6 { binding state released; }\n"
    "lease 10.0.0.7 { binding state reset; }\n"
    "lease 10.0.0.8 { binding state expired; }\n"
    "lease 10.0.0.9 { binding state free; }\n"
    "lease 10.9.9.9 { binding state active; }\n"
    "ia-na \"\\001\\000\\000\\000\" {\n  cltt 2 2026/11/24 09:00:00;\n"
    "  iaaddr 2001:db8::5 {\n    binding state active;\n    ends never;\n  }\n}\n"
    "host dyn1 { dynamic; hardware ethernet 00:00:00:00:00:01; fixed-address 10.0.0.10; }\n"
    "lease 10.0.0.1 {\n  binding state free;\n}\n"
    "lease 10.0.1.20 { binding state active; ends 0 2020/02/29 23:59:59; }\n"
    "failover peer \"dhcp-failover\" state {\n"
    "  my state partner-down;\n"
    "  partner state communications-interrupted at 2 2026/11/24 11:00:00;\n"
    "}\n"
    "failover peer other state { my state normal; }\n"
    "lease 10.0.0.11 {\n  binding state active;\n  ends 4 2099/12/31 21:0";

START_TEST(test_states)
{
    isc_leases_t *p = parse_text(corpus, 0);
    int64_t e;

    ck_assert_int_eq(state_of(p, "10.0.0.1", &e), ISC_LEASE_FREE);   /* last block wins */
    ck_assert_int_eq(e, 0);
    ck_assert_int_eq(state_of(p, "10.0.0.2", NULL), ISC_LEASE_BACKUP);
    ck_assert_int_eq(state_of(p, "10.0.0.3", NULL), ISC_LEASE_ABANDONED);
    ck_assert_int_eq(state_of(p, "10.0.0.4", &e), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(e, 1700000000);
    ck_assert_int_eq(state_of(p, "10.0.0.5", &e), ISC_LEASE_ACTIVE);
    ck_assert(e == INT64_MAX);
    ck_assert_int_eq(state_of(p, "10.0.0.6", NULL), ISC_LEASE_RELEASED);
    ck_assert_int_eq(state_of(p, "10.0.0.7", NULL), ISC_LEASE_RESET);
    ck_assert_int_eq(state_of(p, "10.0.0.8", NULL), ISC_LEASE_EXPIRED);
    ck_assert_int_eq(state_of(p, "10.0.0.9", NULL), ISC_LEASE_FREE);
    ck_assert_int_eq(state_of(p, "10.0.0.10", NULL), ISC_LEASE_NONE);  /* host blocks are not leases */
    ck_assert_int_eq(state_of(p, "10.0.0.11", NULL), ISC_LEASE_NONE);  /* unfinished last block */
    ck_assert_int_eq(state_of(p, "10.9.9.9", NULL), ISC_LEASE_NONE);   /* outside the spans */
    ck_assert_int_eq(state_of(p, "10.0.1.20", &e), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(e, 1583020799);                                   /* 2020-02-29 23:59:59 UTC */

    ck_assert_uint_eq(isc_leases_npeers(p), 2);
    ck_assert_str_eq(isc_leases_peer(p, 0)->name, "dhcp-failover");
    ck_assert_str_eq(isc_leases_peer(p, 0)->my_state, "partner-down");
    ck_assert_str_eq(isc_leases_peer(p, 0)->partner_state, "communications-interrupted");
    ck_assert_str_eq(isc_leases_find_peer(p, "other")->my_state, "normal");
    ck_assert_str_eq(isc_leases_find_peer(p, "other")->partner_state, "");
    ck_assert_ptr_null(isc_leases_find_peer(p, "nobody"));
    ck_assert_ptr_null(isc_leases_peer(p, 2));
    isc_leases_free(p);
}
END_TEST

START_TEST(test_ends_dates)
{
    isc_leases_t *p = parse_text("lease 10.0.0.1 { binding state active; ends 4 1970/01/01 00:00:00; }\n"
                                 "lease 10.0.0.2 { binding state active; ends 6 2000/03/01 00:00:00; }\n"
                                 "lease 10.0.0.3 { binding state active; ends 4 2099/12/31 21:00:00; }\n"
                                 "lease 10.0.0.4 { binding state active; ends 5 2038/01/19 03:14:08; }\n"
                                 "lease 10.0.0.5 { binding state active; ends epoch 0; }\n"
                                 "lease 10.0.0.6 { binding state active; ends 1 2200/01/01 00:00:00; }\n",
                                 0);
    int64_t e;

    state_of(p, "10.0.0.1", &e);
    ck_assert_int_eq(e, 1);   /* not after the epoch: stored as long past */
    state_of(p, "10.0.0.2", &e);
    ck_assert_int_eq(e, 951868800);
    state_of(p, "10.0.0.3", &e);
    ck_assert_int_eq(e, 4102434000);
    state_of(p, "10.0.0.4", &e);
    ck_assert_int_eq(e, 2147483648);
    state_of(p, "10.0.0.5", &e);
    ck_assert_int_eq(e, 1);
    state_of(p, "10.0.0.6", &e);
    ck_assert_int_eq(e, 0xFFFFFFFEll);  /* clamped, still far in the future */
    isc_leases_free(p);
}
END_TEST

START_TEST(test_implied_state)
{
    /* Old files: no binding state; dhcpd decides by the end time. */
    isc_leases_t *p = parse_text("lease 10.0.0.1 { ends 4 2099/12/31 21:00:00; }\n"
                                 "lease 10.0.0.2 { hardware ethernet 00:00:00:00:00:02; }\n"
                                 "lease 10.0.0.3 { abandoned; }\n"
                                 "lease 10.0.0.4 { abandoned; binding state free; }\n"
                                 "lease 10.0.0.5 { ends 2 2001/01/02 00:00:00; }\n",
                                 0);
    isc_counts_t c;

    ck_assert_int_eq(state_of(p, "10.0.0.1", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(state_of(p, "10.0.0.2", NULL), ISC_LEASE_FREE);
    ck_assert_int_eq(state_of(p, "10.0.0.3", NULL), ISC_LEASE_ABANDONED);
    ck_assert_int_eq(state_of(p, "10.0.0.4", NULL), ISC_LEASE_FREE);
    isc_leases_count(p, ip("10.0.0.1"), ip("10.0.0.5"), 1700000000, &c);
    ck_assert_uint_eq(c.active, 2);
    ck_assert_uint_eq(c.active_expired, 1);
    isc_leases_free(p);
}
END_TEST

START_TEST(test_count)
{
    isc_leases_t *p = parse_text(corpus, 0);
    isc_counts_t c;

    /* 10.0.0.0 - 10.0.1.255 spans both tracked ranges and untracked space. */
    isc_leases_count(p, ip("10.0.0.0"), ip("10.0.1.255"), 1800000000, &c);
    ck_assert_uint_eq(c.total, 512);
    ck_assert_uint_eq(c.free, 2);
    ck_assert_uint_eq(c.active, 3);           /* .4, .5, 10.0.1.20 */
    ck_assert_uint_eq(c.active_expired, 2);   /* .4 (2023) and 10.0.1.20 (2020); .5 never ends */
    ck_assert_uint_eq(c.backup, 1);
    ck_assert_uint_eq(c.abandoned, 1);
    ck_assert_uint_eq(c.released, 1);
    ck_assert_uint_eq(c.reset, 1);
    ck_assert_uint_eq(c.expired, 1);
    ck_assert_uint_eq(c.none, 512 - 10);
    /* Before 10.0.0.4 ends it is still in use. */
    isc_leases_count(p, ip("10.0.0.4"), ip("10.0.0.4"), 1600000000, &c);
    ck_assert_uint_eq(c.total, 1);
    ck_assert_uint_eq(c.active, 1);
    ck_assert_uint_eq(c.active_expired, 0);
    /* At the second it ends it is over. */
    isc_leases_count(p, ip("10.0.0.4"), ip("10.0.0.4"), 1700000000, &c);
    ck_assert_uint_eq(c.active_expired, 1);
    isc_leases_count(p, ip("10.0.0.9"), ip("10.0.0.1"), 0, &c);
    ck_assert_uint_eq(c.total, 0);
    isc_leases_free(p);
}
END_TEST

/* The same text fed at every split point, and byte by byte, gives the same result. */
static void check_split_invariance(const char *text)
{
    size_t n = strlen(text), k;
    isc_leases_t *p = new_parser();
    int rc = feed_chunked(p, text, n, 0);
    char *want = snapshot(p, rc);

    isc_leases_free(p);
    for (k = 0; k <= n; k++) {
        char *got;
        char *a = malloc(k + 1), *b = malloc(n - k + 1);

        memcpy(a, text, k);
        memcpy(b, text + k, n - k);
        p = new_parser();
        rc = isc_leases_feed(p, a, k);
        if (rc == 0)
            rc = isc_leases_feed(p, b, n - k);
        if (rc == 0)
            rc = isc_leases_finish(p);
        free(a);
        free(b);
        got = snapshot(p, rc);
        ck_assert_msg(strcmp(got, want) == 0, "split at %zu differs:\n%s\nvs\n%s", k, got, want);
        free(got);
        isc_leases_free(p);
    }
    for (k = 1; k <= 17; k++) {
        char *got;

        p = new_parser();
        rc = feed_chunked(p, text, n, k);
        got = snapshot(p, rc);
        ck_assert_msg(strcmp(got, want) == 0, "chunks of %zu differ:\n%s\nvs\n%s", k, got, want);
        free(got);
        isc_leases_free(p);
    }
    free(want);
}

START_TEST(test_split_invariance)
{
    check_split_invariance(corpus);
}
END_TEST

START_TEST(test_split_invariance_errors)
{
    check_split_invariance("lease 10.0.0.1 {\n  binding state active;\n}\n\"junk\";\n");
    check_split_invariance("lease 10.0.0.1 {\n  binding state active;\n  ends 4 2099/13/31 21:00:00;\n}\n");
    check_split_invariance("# a \"comment\n\"string\n;\"\nfoo { \"}\" } }\n");
}
END_TEST

static void expect_error(const char *text, const char *want)
{
    isc_leases_t *p = new_parser();
    int rc = feed_chunked(p, text, strlen(text), 0);

    ck_assert_msg(rc == -1, "accepted: %s", text);
    ck_assert_msg(strcmp(isc_leases_error(p), want) == 0, "got \"%s\", want \"%s\"", isc_leases_error(p), want);
    /* Once failed, it stays failed. */
    ck_assert_int_eq(isc_leases_feed(p, "x", 1), -1);
    ck_assert_int_eq(isc_leases_finish(p), -1);
    isc_leases_free(p);
}

START_TEST(test_errors)
{
    expect_error("lease 10.0.0.1 {\n binding state active;\n}\n}\n", "dhcpd.leases:4: unexpected '}' (unbalanced braces)");
    expect_error("\n\nlease 10.0.0.256 {\n}\n", "dhcpd.leases:3: bad address \"10.0.0.256\" in lease");
    expect_error("lease {\n}\n", "dhcpd.leases:1: expected an address after lease");
    expect_error("lease 10.0.0.1 10.0.0.2 {\n}\n", "dhcpd.leases:1: unexpected \"10.0.0.2\" after the lease address");
    expect_error("lease 10.0.0.1 {\n binding state dormant;\n}\n", "dhcpd.leases:2: unknown binding state \"dormant\"");
    expect_error("lease 10.0.0.1 {\n binding active;\n}\n", "dhcpd.leases:2: expected \"binding state STATE\"");
    expect_error("lease 10.0.0.1 {\n ends 4 2099/12/31;\n}\n",
                 "dhcpd.leases:2: bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
    expect_error("lease 10.0.0.1 {\n ends 9 2099/12/31 21:00:00;\n}\n",
                 "dhcpd.leases:2: bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
    expect_error("lease 10.0.0.1 {\n ends 4 2099/12/31 25:00:00;\n}\n",
                 "dhcpd.leases:2: bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
    expect_error("lease 10.0.0.1 {\n ends epoch soon;\n}\n", "dhcpd.leases:2: bad epoch time \"soon\" in ends");
    expect_error("authoring-byte-order little-endian;\n\n12345;\n", "dhcpd.leases:3: unexpected \"12345\"");
    expect_error("\"quoted\" statement;\n", "dhcpd.leases:1: unexpected \"quoted\"");
    expect_error("lease 10.0.0.1 {\n  @@@ garbage;\n}\n", "dhcpd.leases:2: unexpected \"@@@\"");
    expect_error("\n{\n}\n", "dhcpd.leases:2: unexpected '{'");
    expect_error("lease 10.0.0.1 {\n  binding state active;\nlease 10.0.0.2 {\n}\n",
                 "dhcpd.leases:3: lease declared inside another block (a '}' is missing before it)");
}
END_TEST

START_TEST(test_long_statement)
{
    size_t n = 70000, i;
    char *text = malloc(n + 64);
    isc_leases_t *p;

    strcpy(text, "lease 10.0.0.1 {\n client-hostname \"");
    for (i = strlen(text); i < n; i++)
        text[i] = 'a';
    strcpy(text + n, "\";\n}\n");
    expect_error(text, "dhcpd.leases:2: statement longer than 65536 bytes");
    p = new_parser();
    ck_assert_int_eq(feed_chunked(p, text, strlen(text), 4096), -1);
    ck_assert_str_eq(isc_leases_error(p), "dhcpd.leases:2: statement longer than 65536 bytes");
    isc_leases_free(p);
    /* Unfinished at the end of the file, it is just an unfinished statement. */
    text[n] = '\0';
    p = new_parser();
    ck_assert_int_eq(feed_chunked(p, text, strlen(text), 4096), 0);
    isc_leases_free(p);
    free(text);
}
END_TEST

START_TEST(test_span_merge)
{
    isc_span_t s[] = { { 50, 60 }, { 10, 20 }, { 15, 30 }, { 31, 31 }, { 40, 45 }, { 0xFFFFFFF0u, 0xFFFFFFFFu },
                       { 0xFFFFFFFFu, 0xFFFFFFFFu } };
    size_t n = isc_spans_merge(s, sizeof s / sizeof s[0]);
    isc_leases_t *p;

    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(s[0].low, 10);
    ck_assert_uint_eq(s[0].high, 31);
    ck_assert_uint_eq(s[1].low, 40);
    ck_assert_uint_eq(s[2].low, 50);
    ck_assert_uint_eq(s[3].high, 0xFFFFFFFFu);
    ck_assert_uint_eq(isc_spans_merge(s, 0), 0);

    p = isc_leases_new("x", s, n, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    isc_leases_free(p);
    s[1].low = 5;
    ck_assert_ptr_null(isc_leases_new("x", s, n, err, sizeof err));
    s[0].low = 0;
    s[0].high = 0xFFFFFFFFu;
    ck_assert_ptr_null(isc_leases_new("x", s, 1, err, sizeof err));
    ck_assert_str_eq(err, "the ranges of the dhcpd configuration hold more than 67108864 addresses");
    p = isc_leases_new("x", NULL, 0, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(feed_chunked(p, corpus, strlen(corpus), 0), 0);
    isc_leases_free(p);
}
END_TEST

/* Random bytes from a small alphabet: never a crash, always 0 or -1 with a line. */
START_TEST(test_mutations)
{
    const char alphabet[] = "{};\"#\\ \n.0a1lease10.0.0.binding state active";
    unsigned seed = 777;
    char buf[300];
    int k;

    for (k = 0; k < 20000; k++) {
        size_t n, i;
        isc_leases_t *p = new_parser();
        int rc;

        seed = seed * 1103515245u + 12345u;
        n = (seed >> 8) % sizeof buf;
        if (k % 2 == 0) {
            memcpy(buf, corpus, n);
            for (i = 0; i < 4; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[(seed >> 8) % (n + 1) % sizeof buf] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
        } else {
            for (i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[i] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
            }
        }
        rc = feed_chunked(p, buf, n, 1 + k % 7);
        ck_assert(rc == 0 || (rc == -1 && strncmp(isc_leases_error(p), "dhcpd.leases:", 13) == 0));
        isc_leases_free(p);
    }
}
END_TEST

static void load_pair(isc_conf_t *conf, isc_leases_t **lp, const char *conf_text, const char *leases_text)
{
    isc_span_t spans[64];
    size_t i, n;

    memset(conf, 0, sizeof *conf);
    ck_assert_msg(isc_conf_parse(conf, "dhcpd.conf", conf_text, strlen(conf_text), NULL, NULL, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_le(conf->nranges, 64);
    for (i = 0; i < conf->nranges; i++) {
        spans[i].low = conf->ranges[i].low;
        spans[i].high = conf->ranges[i].high;
    }
    n = isc_spans_merge(spans, conf->nranges);
    *lp = isc_leases_new("dhcpd.leases", spans, n, err, sizeof err);
    ck_assert_ptr_nonnull(*lp);
    ck_assert_int_eq(feed_chunked(*lp, leases_text, strlen(leases_text), 7), 0);
}

static const char scopes_conf[] =
    "failover peer \"fo\" { primary; }\n"
    "failover peer \"fo2\" { secondary; }\n"
    "failover peer \"fo3\" { secondary; }\n"
    "shared-network \"net\" {\n"
    "  subnet 10.0.0.0 netmask 255.255.255.0 {\n"
    "    pool { failover peer \"fo\"; range 10.0.0.1 10.0.0.10; range 10.0.0.5 10.0.0.12; }\n"
    "    pool { failover peer \"fo2\"; range 10.0.0.20 10.0.0.21; }\n"
    "  }\n"
    "  subnet 10.0.1.0 netmask 255.255.255.0 { }\n"
    "}\n"
    "subnet 10.0.2.0 netmask 255.255.255.0 {\n"
    "  pool { failover peer \"fo2\"; range 10.0.2.1 10.0.2.4; }\n"
    "}\n"
    "subnet 10.0.3.0 netmask 255.255.255.0 { range 10.0.3.1 10.0.3.4; }\n";

static const char scopes_leases[] =
    "failover peer \"fo\" state { my state normal at 2 2026/11/24 10:00:00; partner state normal; }\n"
    "failover peer \"fo2\" state { my state recover; }\n"
    "lease 10.0.0.1 { binding state active; ends epoch 2000; }\n"
    "lease 10.0.0.2 { binding state active; ends epoch 1000; }\n"
    "lease 10.0.0.3 { binding state abandoned; }\n"
    "lease 10.0.0.4 { binding state backup; }\n"
    "lease 10.0.0.5 { binding state backup; }\n"
    "lease 10.0.0.6 { binding state free; }\n"
    "lease 10.0.0.7 { binding state expired; }\n"
    "lease 10.0.0.12 { binding state active; ends never; }\n"
    "lease 10.0.0.21 { binding state active; }\n"
    "lease 10.0.2.1 { binding state backup; }\n"
    "lease 10.0.2.2 { binding state active; ends epoch 5000; }\n"
    "lease 10.0.3.1 { binding state active; ends epoch 5000; }\n";

START_TEST(test_scopes)
{
    isc_conf_t conf;
    isc_leases_t *lp;
    scope_list_t out = { 0 };
    const scope_t *s;
    const scope_failover_t *f;

    load_pair(&conf, &lp, scopes_conf, scopes_leases);
    ck_assert_msg(isc_scopes(&conf, lp, 1500, &out, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(out.count, 4);
    ck_assert_uint_eq(out.nfailovers, 3);

    s = &out.items[0];
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("10.0.0.0"));
    ck_assert_uint_eq(s->addr.prefix, 24);
    ck_assert_str_eq(s->name, "");
    ck_assert_str_eq(s->group, "net");
    ck_assert_count_eq(s->total, 14);        /* .1-.12 once, plus .20-.21 */
    ck_assert_count_eq(s->used, 3);          /* .1 (ends after now), .12, .21; .2 ended */
    ck_assert_count_eq(s->declined, 1);
    ck_assert_count_eq(s->free, 10);
    ck_assert_int_eq(s->has_free_split, 1);
    ck_assert_count_eq(s->this_free, 8);     /* primary of "fo", the subnet's first peer */
    ck_assert_count_eq(s->partner_free, 2);
    ck_assert_int_eq(s->has_used_split, 0);
    ck_assert_int_eq(s->failover, 0);

    s = &out.items[1];
    ck_assert_str_eq(s->group, "net");
    ck_assert_count_eq(s->total, 0);
    ck_assert_int_eq(s->has_free_split, 0);
    ck_assert_int_eq(s->failover, -1);

    s = &out.items[2];
    ck_assert_str_eq(s->group, "");
    ck_assert_count_eq(s->total, 4);
    ck_assert_count_eq(s->used, 1);
    ck_assert_count_eq(s->free, 3);
    ck_assert_count_eq(s->this_free, 1);     /* secondary: the backup addresses are its own */
    ck_assert_count_eq(s->partner_free, 2);
    ck_assert_int_eq(s->failover, 1);

    s = &out.items[3];
    ck_assert_count_eq(s->total, 4);
    ck_assert_count_eq(s->used, 1);
    ck_assert_count_eq(s->free, 3);
    ck_assert_int_eq(s->has_free_split, 0);

    f = &out.failovers[0];
    ck_assert_str_eq(f->name, "fo");
    ck_assert_str_eq(f->mode, "");
    ck_assert_str_eq(f->role, "primary");
    ck_assert_str_eq(f->state, "normal");
    ck_assert_str_eq(f->partner_state, "normal");
    ck_assert_int_eq(f->plugin_state, STATE_OK);
    f = &out.failovers[1];
    ck_assert_str_eq(f->role, "secondary");
    ck_assert_str_eq(f->state, "recover");
    ck_assert_str_eq(f->partner_state, "");
    ck_assert_int_eq(f->plugin_state, STATE_WARNING);
    f = &out.failovers[2];
    ck_assert_str_eq(f->name, "fo3");
    ck_assert_str_eq(f->state, "unknown");
    ck_assert_int_eq(f->plugin_state, STATE_WARNING);

    /* Later, everything with an end time has ended. */
    scope_list_free(&out);
    ck_assert_int_eq(isc_scopes(&conf, lp, 6000, &out, err, sizeof err), 0);
    ck_assert_count_eq(out.items[0].used, 2);
    ck_assert_count_eq(out.items[2].used, 0);
    ck_assert_count_eq(out.items[3].used, 0);
    scope_list_free(&out);
    isc_leases_free(lp);
    isc_conf_free(&conf);
}
END_TEST

START_TEST(test_failover_table)
{
    static const char *const warn[] = {
        "communications-interrupted", "resolution-interrupted", "potential-conflict", "conflict-done",
        "recover", "recover-wait", "recover-done", "startup", "paused", "shutdown", "unknown-state", "", "bogus",
    };
    size_t i;

    ck_assert_int_eq(isc_failover_plugin_state("normal"), STATE_OK);
    ck_assert_int_eq(isc_failover_plugin_state("partner-down"), STATE_CRITICAL);
    ck_assert_int_eq(isc_failover_plugin_state(NULL), STATE_WARNING);
    for (i = 0; i < sizeof warn / sizeof warn[0]; i++)
        ck_assert_int_eq(isc_failover_plugin_state(warn[i]), STATE_WARNING);
}
END_TEST

static Suite *isc_leases_suite(void)
{
    Suite *s = suite_create("isc_leases");
    TCase *tc = tcase_create("parse");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_states);
    tcase_add_test(tc, test_ends_dates);
    tcase_add_test(tc, test_implied_state);
    tcase_add_test(tc, test_count);
    tcase_add_test(tc, test_split_invariance);
    tcase_add_test(tc, test_split_invariance_errors);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_long_statement);
    tcase_add_test(tc, test_span_merge);
    tcase_add_test(tc, test_mutations);
    tcase_add_test(tc, test_scopes);
    tcase_add_test(tc, test_failover_table);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(isc_leases_suite)
