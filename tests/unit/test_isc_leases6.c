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

/* The dhcpd -6 side of the leases parser: ia-na, ia-ta and ia-pd blocks,
 * dhcpd's rules for which block wins, and the scopes made of them. */

static char err[512];

#define NOW 1800000000 /* 2027-01-15 */

static addr_t ip6(const char *s)
{
    addr_t a;

    ck_assert_msg((strchr(s, '/') ? addr_parse_prefix(s, strlen(s), &a) : addr_parse(s, strlen(s), &a)) == 0, "%s", s);
    return a;
}

static isc_pool6_t pool(const char *lo, const char *hi, enum isc_ia kind, unsigned delegated)
{
    isc_pool6_t p;

    memset(&p, 0, sizeof p);
    p.low = ip6(lo);
    p.high = ip6(hi);
    p.kind = (uint8_t)kind;
    p.delegated = (uint8_t)delegated;
    return p;
}

/* The research setup's dhcpd6.conf (tests/integration/isc6_netns.sh), and
 * a second /56 pool that overlaps the first with /60s. */
static isc_pool6_t pools[5];
static addr_t fixed[3];

static void setup(void)
{
    pools[0] = pool("2001:db8:1::100", "2001:db8:1::1ff", ISC_IA_NA, 128);
    pools[1] = pool("2001:db8:1:0:1::", "2001:db8:1:0:1:ffff:ffff:ffff", ISC_IA_NA, 128);
    pools[2] = pool("2001:db8:1:0:2::", "2001:db8:1:0:2:ffff:ffff:ffff", ISC_IA_TA, 128);
    pools[3] = pool("2001:db8:100::", "2001:db8:1ff:ff:ffff:ffff:ffff:ffff", ISC_IA_PD, 56);
    pools[4] = pool("2001:db8:1ff::", "2001:db8:2ff:ff:ffff:ffff:ffff:ffff", ISC_IA_PD, 60);
    fixed[0] = ip6("2001:db8:1::1f0");
    fixed[1] = ip6("2001:db8:1fd::/56");
    fixed[2] = ip6("2001:db8:1fc::1/56");   /* host bits: names no prefix of the pool */
}

static isc_leases_t *new_parser(void)
{
    isc_leases_t *p = isc_leases_new6("dhcpd6.leases", pools, 5, fixed, 3, err, sizeof err);

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

static enum isc_binding st(isc_leases_t *p, enum isc_ia kind, const char *a, int64_t *ends)
{
    addr_t x = ip6(a);
    int64_t e;

    return isc_leases_get6(p, kind, &x, ends ? ends : &e);
}

static isc_counts6_t count(isc_leases_t *p, int i, int64_t now)
{
    isc_counts6_t c;

    isc_leases_count6(p, &pools[i], now, &c);
    return c;
}

static const char corpus[] =
    "# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
    "# This lease file was written by isc-dhcp-4.4.3-P1 { } ; \"\n"
    "\n"
    "# authoring-byte-order entry is generated, DO NOT DELETE\n"
    "authoring-byte-order little-endian;\n"
    "\n"
    "server-duid \"\\000\\001\\000\\001;{}\";\n"
    "\n"
    "ia-na \"\\001\\001\\000\\000\\000\\003\" {\n"
    "  cltt 6 2026/11/28 23:57:04;\n"
    "  iaaddr 2001:db8:1::100 {\n"
    "    binding state active;\n"
    "    preferred-life 300;\n"
    "    max-life 600;\n"
    "    ends 4 2099/12/31 21:00:00;\n"
    "    set ddns-fwd-name = \"a};{\";\n"
    "    on expiry { set x = \"}\"; }\n"
    "  }\n"
    "}\n"
    "ia-na \"\\002\" { cltt 6 2026/11/28 23:57:04; iaaddr 2001:db8:1::101 { binding state active; ends epoch 1700000000; } }\n"
    "ia-na \"\\003\" { iaaddr 2001:db8:1::102 { binding state abandoned; ends never; } }\n"
    "ia-na \"\\004\" { iaaddr 2001:db8:1::103 { binding state released; ends epoch 1700000000; } }\n"
    "ia-na \"\\005\" { iaaddr 2001:db8:1::104 { binding state expired; ends epoch 1700000000; } }\n"
    "ia-na \"\\006\" {\n"
    "  iaaddr 2001:db8:1::106 { binding state active; ends never; }\n"
    "  iaaddr 2001:db8:1::107 { binding state active; ends never; }\n"
    "}\n"
    "# The same IA later: 106 released, 107 renewed.\n"
    "ia-na \"\\006\" {\n"
    "  iaaddr 2001:db8:1::106 { binding state released; ends never; }\n"
    "  iaaddr 2001:db8:1::107 { binding state active; ends epoch 1900000000; }\n"
    "}\n"
    "# Another IA says 107 expired: dhcpd keeps the active lease of IA 6.\n"
    "ia-na \"\\007\" { iaaddr 2001:db8:1::107 { binding state expired; ends epoch 1700000000; } }\n"
    "# Another IA takes 100 over (active): that one wins.\n"
    "ia-na 08:00:00:00:01:02 { iaaddr 2001:db8:1::100 { binding state active; ends never; } }\n"
    "ia-na \"\\011\" { iaaddr 2001:db8:9::1 { binding state active; ends never; } }\n"
    "# An ia-na address in the temporary pool has no IA_NA pool: not counted.\n"
    "ia-na \"\\012\" { iaaddr 2001:db8:1:0:2::5 { binding state active; ends never; } }\n"
    "ia-ta \"\\013\" { iaaddr 2001:db8:1:0:2::6 { binding state active; ends never; } }\n"
    "ia-pd \"\\014\" {\n"
    "  iaprefix 2001:db8:100::/56 { binding state active; ends never; }\n"
    "  iaprefix 2001:db8:1fe:6000::/56 { binding state active; ends 0 2026/11/29 00:07:05; }\n"
    "}\n"
    "# A /60 where the pool hands out /56s: dhcpd finds no pool for it.\n"
    "ia-pd \"\\015\" { iaprefix 2001:db8:101::/60 { binding state active; ends never; } }\n"
    "# In the overlap the first pool (/56) is the one.\n"
    "ia-pd \"\\016\" { iaprefix 2001:db8:1ff:10::/60 { binding state active; ends never; } }\n"
    "ia-pd \"\\017\" { iaprefix 2001:db8:200:10::/60 { binding state active; ends never; } }\n"
    "# Fixed hosts' address and prefix stay out of the pools.\n"
    "ia-na \"\\020\" { iaaddr 2001:db8:1::1f0 { binding state active; ends never; } }\n"
    "ia-pd \"\\021\" { iaprefix 2001:db8:1fd::/56 { binding state active; ends never; } }\n"
    "ia-na \"\\022\" { iaaddr 2001:db8:1:0:1:7d68:20e8:7291 { binding state active; ends never; } }\n"
    "host dyn { dynamic; fixed-address6 2001:db8:1::150; }\n"
    "ia-na \"\\023\" {\n"
    "  iaaddr 2001:db8:1::1ff {\n"
    "    binding state active;\n"
    "    ends never;\n"
    "  }\n";   /* unfinished: dhcpd was still writing it */

START_TEST(test_states)
{
    isc_leases_t *p = parse_text(corpus, 0);
    int64_t e;
    isc_counts6_t c;

    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::100", &e), ISC_LEASE_ACTIVE);
    ck_assert(e == INT64_MAX);                       /* IA 8's block won */
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::101", &e), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(e, 1700000000);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::102", NULL), ISC_LEASE_ABANDONED);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::103", NULL), ISC_LEASE_RELEASED);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::104", NULL), ISC_LEASE_EXPIRED);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::105", NULL), ISC_LEASE_NONE);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::106", NULL), ISC_LEASE_RELEASED);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::107", &e), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(e, 1900000000);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:9::1", NULL), ISC_LEASE_NONE);          /* outside the pools */
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1:0:2::5", NULL), ISC_LEASE_NONE);      /* in no NA pool */
    ck_assert_int_eq(st(p, ISC_IA_TA, "2001:db8:1:0:2::6", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1:0:2::6", NULL), ISC_LEASE_NONE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:100::", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:1fe:6000::", &e), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(e, 1795910825);                                                    /* 2026-11-29 00:07:05 UTC */
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:101::", NULL), ISC_LEASE_NONE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:1ff:10::", NULL), ISC_LEASE_NONE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:200:10::", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::1f0", NULL), ISC_LEASE_FIXED);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:1fd::", NULL), ISC_LEASE_FIXED);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:1fc::", NULL), ISC_LEASE_NONE);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1:0:1:7d68:20e8:7291", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::1ff", NULL), ISC_LEASE_NONE);        /* unfinished last IA */
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:1::150", NULL), ISC_LEASE_NONE);        /* a leases-file host */

    c = count(p, 0, NOW);
    ck_assert_uint_eq(c.active, 3);                 /* 100, 101, 107 */
    ck_assert_uint_eq(c.active_expired, 1);         /* 101 */
    ck_assert_uint_eq(c.abandoned, 1);
    ck_assert_uint_eq(c.released, 2);
    ck_assert_uint_eq(c.expired, 1);
    ck_assert_uint_eq(c.fixed, 1);
    ck_assert_uint_eq(c.free, 0);
    /* Before 101 ends it is in use; 107 ends in 2030. */
    c = count(p, 0, 1600000000);
    ck_assert_uint_eq(c.active_expired, 0);
    c = count(p, 0, 1950000000);
    ck_assert_uint_eq(c.active_expired, 2);
    c = count(p, 1, NOW);
    ck_assert_uint_eq(c.active, 1);
    c = count(p, 2, NOW);
    ck_assert_uint_eq(c.active, 1);
    c = count(p, 3, NOW);
    ck_assert_uint_eq(c.active, 2);
    ck_assert_uint_eq(c.active_expired, 1);         /* 1fe:6000:: ended in 2026 */
    ck_assert_uint_eq(c.fixed, 1);
    c = count(p, 4, NOW);
    ck_assert_uint_eq(c.active, 1);                 /* 200:10::/60; 1ff:10:: lies in the /56 pool */
    ck_assert_uint_eq(isc_leases_other_family(p), 0);
    ck_assert_uint_eq(isc_leases_npeers(p), 0);
    isc_leases_free(p);
}
END_TEST

/* Everything the parser holds for the corpus's addresses, as text. */
static char *snapshot(isc_leases_t *p, int rc)
{
    static const char *const probe[] = {
        "2001:db8:1::100", "2001:db8:1::101", "2001:db8:1::102", "2001:db8:1::103", "2001:db8:1::104",
        "2001:db8:1::106", "2001:db8:1::107", "2001:db8:1::1f0", "2001:db8:1::1ff", "2001:db8:1:0:2::5",
        "2001:db8:1:0:2::6", "2001:db8:100::", "2001:db8:1fe:6000::", "2001:db8:200:10::", "2001:db8:1fd::",
        "2001:db8:1:0:1:7d68:20e8:7291",
    };
    size_t cap = 8192, len = 0, i;
    char *out = malloc(cap);

    len += (size_t)snprintf(out + len, cap - len, "rc=%d err=%s size=%zu other=%lu\n", rc,
                            rc ? isc_leases_error(p) : "", rc ? 0 : isc_leases_size6(p),
                            rc ? 0 : isc_leases_other_family(p));
    if (rc)
        return out;
    for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        for (int k = ISC_IA_NA; k <= ISC_IA_PD; k++) {
            int64_t e;
            enum isc_binding b = st(p, (enum isc_ia)k, probe[i], &e);

            len += (size_t)snprintf(out + len, cap - len, "%s %d %d %lld\n", probe[i], k, (int)b, (long long)e);
        }
    }
    for (i = 0; i < 5; i++) {
        isc_counts6_t c = count(p, (int)i, NOW);

        len += (size_t)snprintf(out + len, cap - len, "pool %zu %llu %llu %llu %llu %llu %llu %llu\n", i,
                                (unsigned long long)c.active, (unsigned long long)c.active_expired,
                                (unsigned long long)c.expired, (unsigned long long)c.released,
                                (unsigned long long)c.abandoned, (unsigned long long)c.free,
                                (unsigned long long)c.fixed);
    }
    return out;
}

/* Whole, split at every point, and in chunks of 1 to 17 bytes: the same. */
static void check_split_invariance(const char *text)
{
    size_t n = strlen(text), k;
    isc_leases_t *p = new_parser();
    int rc = feed_chunked(p, text, n, 0);
    char *want = snapshot(p, rc);

    isc_leases_free(p);
    for (k = 0; k <= n; k++) {
        char *got;

        p = new_parser();
        rc = isc_leases_feed(p, text, k);
        if (rc == 0)
            rc = isc_leases_feed(p, text + k, n - k);
        if (rc == 0)
            rc = isc_leases_finish(p);
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
    check_split_invariance("ia-na \"a\" {\n iaaddr 2001:db8:1::100 {\n binding state active;\n }\n}\n");
    check_split_invariance("ia-pd \"a\" {\n iaprefix 2001:db8:100::/56 {\n binding state reset;\n ends never;\n }\n}\n");
}
END_TEST

static void expect_error(const char *text, const char *want)
{
    isc_leases_t *p = new_parser();
    int rc = feed_chunked(p, text, strlen(text), 0);

    ck_assert_msg(rc == -1, "accepted: %s", text);
    ck_assert_msg(strcmp(isc_leases_error(p), want) == 0, "got \"%s\", want \"%s\"", isc_leases_error(p), want);
    isc_leases_free(p);
    /* The same in chunks of 3 bytes. */
    p = new_parser();
    ck_assert_int_eq(feed_chunked(p, text, strlen(text), 3), -1);
    ck_assert_str_eq(isc_leases_error(p), want);
    isc_leases_free(p);
}

START_TEST(test_errors)
{
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::100 {\n  ends never;\n }\n}\n",
                 "dhcpd6.leases:4: iaaddr 2001:db8:1::100 has no binding state (dhcpd calls such a file corrupt)");
    expect_error("ia-pd \"a\" {\n iaprefix 2001:db8:100::/56 {\n  binding state active;\n }\n}\n",
                 "dhcpd6.leases:4: iaprefix 2001:db8:100::/56 has no ends (dhcpd calls such a file corrupt)");
    expect_error("\nia-na \"a\" {\n iaaddr 2001:db8:1::10g {\n }\n}\n",
                 "dhcpd6.leases:3: bad IPv6 address \"2001:db8:1::10g\" in iaaddr");
    expect_error("ia-na \"a\" {\n iaaddr 10.0.0.1 {\n }\n}\n", "dhcpd6.leases:2: bad IPv6 address \"10.0.0.1\" in iaaddr");
    expect_error("ia-pd \"a\" {\n iaprefix 2001:db8:100:: {\n }\n}\n",
                 "dhcpd6.leases:2: bad IPv6 prefix \"2001:db8:100::\" in iaprefix");
    expect_error("ia-pd \"a\" {\n iaprefix 2001:db8:100::/129 {\n }\n}\n",
                 "dhcpd6.leases:2: bad IPv6 prefix \"2001:db8:100::/129\" in iaprefix");
    expect_error("ia-pd \"a\" {\n iaprefix 2001:db8:100::1/56 {\n }\n}\n",
                 "dhcpd6.leases:2: iaprefix 2001:db8:100::1/56 has host bits set");
    expect_error("ia-na \"a\" {\n iaprefix 2001:db8:100::/56 {\n }\n}\n",
                 "dhcpd6.leases:2: iaprefix inside an ia-na block (it holds iaaddr blocks)");
    expect_error("ia-pd \"a\" {\n iaaddr 2001:db8:1::1 {\n }\n}\n",
                 "dhcpd6.leases:2: iaaddr inside an ia-pd block (it holds iaprefix blocks)");
    expect_error("ia-ta \"a\" {\n iaaddr {\n }\n}\n", "dhcpd6.leases:2: expected an address after iaaddr");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 x {\n }\n}\n",
                 "dhcpd6.leases:2: unexpected \"x\" after the iaaddr address");
    expect_error("ia-na {\n}\n", "dhcpd6.leases:1: expected the IA's key after ia-na");
    expect_error("ia-na \"a\" \"b\" {\n}\n", "dhcpd6.leases:1: unexpected \"b\" after the ia-na key");
    expect_error("ia-na \"a\" {\n foo {\n }\n}\n",
                 "dhcpd6.leases:2: unexpected \"foo\" block inside an ia-na block (a '}' may be missing)");
    expect_error("ia-na \"a\" {\n {\n }\n}\n", "dhcpd6.leases:2: unexpected '{' inside an ia-na block");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 {\n  binding state active;\n  ends never;\n"
                 "ia-na \"b\" {\n", "dhcpd6.leases:5: ia-na declared inside another block (a '}' is missing before it)");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 {\n  binding state backup;\n  ends never;\n }\n}\n",
                 "dhcpd6.leases:3: binding state backup is not one a DHCPv6 lease has");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 {\n  binding state dormant;\n }\n}\n",
                 "dhcpd6.leases:3: unknown binding state \"dormant\"");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 {\n  ends 4 2099/12/31;\n }\n}\n",
                 "dhcpd6.leases:3: bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 {\n  binding state active;\n  ends never;\n }\n}\n}\n",
                 "dhcpd6.leases:7: unexpected '}' (unbalanced braces)");
    expect_error("ia-na \"a\" {\n iaaddr 2001:db8:1::1 {\n  @@ x;\n }\n}\n", "dhcpd6.leases:3: unexpected \"@@\"");
    expect_error("ia-na \"a\" {\n lease 10.0.0.1 {\n", "dhcpd6.leases:2: lease declared inside another block (a '}' is missing before it)");
}
END_TEST

/* The other family's blocks are skipped and their first line noted. */
START_TEST(test_other_family)
{
    isc_leases_t *p = parse_text("server-duid \"x\";\n\nlease 10.0.0.1 {\n binding state active;\n}\n"
                                 "lease 10.0.0.2 { }\n",
                                 0);
    static const isc_span_t spans[] = { { 0x0A000001u, 0x0A0000FFu } };

    ck_assert_uint_eq(isc_leases_other_family(p), 3);
    ck_assert_uint_eq(isc_leases_size6(p), 2);      /* the two fixed hosts inside the pools */
    isc_leases_free(p);

    p = isc_leases_new("dhcpd.leases", spans, 1, err, sizeof err);
    ck_assert_int_eq(feed_chunked(p, corpus, strlen(corpus), 5), 0);
    ck_assert_uint_eq(isc_leases_other_family(p), 9);
    ck_assert_uint_eq(isc_leases_size6(p), 0);
    isc_leases_free(p);
}
END_TEST

/* Memory follows the leases in the file, not the pools: a /64 range with
 * 20,000 leases holds 20,000 entries; counting a pool that the table's
 * pieces cut (the slow path) agrees with counting its pieces. */
START_TEST(test_memory_follows_leases)
{
    isc_pool6_t big = pool("2001:db8:5::", "2001:db8:5::ffff:ffff:ffff:ffff", ISC_IA_NA, 128);
    isc_pool6_t half = pool("2001:db8:5::", "2001:db8:5::7fff:ffff:ffff:ffff", ISC_IA_NA, 128);
    isc_leases_t *p = isc_leases_new6("dhcpd6.leases", &big, 1, NULL, 0, err, sizeof err);
    size_t cap = 3u << 20, len = 0;
    char *text = malloc(cap);
    isc_counts6_t c, h;
    unsigned i;

    ck_assert_ptr_nonnull(p);
    for (i = 0; i < 20000; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "ia-na \"k%u\" {\n  iaaddr 2001:db8:5:0:%x:%x:%x:1 {\n    binding state %s;\n"
                                "    ends %s;\n  }\n}\n",
                                i, i * 7919u % 65536, i, (i * 31u) & 0xffff, i % 5 ? "active" : "expired",
                                i % 3 ? "never" : "epoch 1700000000");
    ck_assert_int_eq(feed_chunked(p, text, len, 1 << 20), 0);
    ck_assert_uint_eq(isc_leases_size6(p), 20000);
    isc_leases_count6(p, &big, NOW, &c);
    ck_assert_uint_eq(c.active + c.expired, 20000);
    ck_assert_uint_eq(c.expired, 4000);
    ck_assert_uint_eq(c.active, 16000);
    ck_assert_uint_eq(c.active_expired, 5333);    /* active (i % 5) and ending in 2023 (i % 3 == 0) */
    isc_leases_count6(p, &half, NOW, &h);
    ck_assert_uint_gt(h.active, 0);
    ck_assert_uint_lt(h.active, c.active);
    free(text);
    isc_leases_free(p);
}
END_TEST

/* Random bytes from a small alphabet: never a crash, always 0 or -1 with a line. */
START_TEST(test_mutations)
{
    const char alphabet[] = "{};\"#\\ \n:/0a1fia-na-pdiaaddr iaprefix 2001:db8:1::100 binding state active ends never";
    unsigned seed = 999;
    char buf[400];
    int k;

    for (k = 0; k < 20000; k++) {
        size_t n, i;
        isc_leases_t *p = new_parser();
        int rc;

        seed = seed * 1103515245u + 12345u;
        n = (seed >> 8) % sizeof buf;
        if (k % 2 == 0) {
            memcpy(buf, corpus + 300, n);
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
        ck_assert(rc == 0 || (rc == -1 && strncmp(isc_leases_error(p), "dhcpd6.leases:", 14) == 0));
        isc_leases_free(p);
    }
}
END_TEST

static void load_pair(isc_conf_t *conf, isc_leases_t **lp, const char *conf_text, const char *leases_text)
{
    isc_pool6_t v[64];
    addr_t f[16];
    size_t i;

    memset(conf, 0, sizeof *conf);
    ck_assert_msg(isc_conf_parse(conf, "dhcpd6.conf", conf_text, strlen(conf_text), NULL, NULL, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_le(conf->nranges6, 64);
    ck_assert_uint_le(conf->nfixed6, 16);
    for (i = 0; i < conf->nranges6; i++) {
        v[i].low = conf->ranges6[i].low;
        v[i].high = conf->ranges6[i].high;
        v[i].kind = conf->ranges6[i].kind;
        v[i].delegated = conf->ranges6[i].delegated;
    }
    for (i = 0; i < conf->nfixed6; i++)
        f[i] = conf->fixed6[i].addr;
    *lp = isc_leases_new6("dhcpd6.leases", v, conf->nranges6, f, conf->nfixed6, err, sizeof err);
    ck_assert_ptr_nonnull(*lp);
    ck_assert_int_eq(feed_chunked(*lp, leases_text, strlen(leases_text), 7), 0);
}

static const char scopes_conf[] =
    "failover peer \"fo\" { primary; }\n"
    "shared-network \"lab\" {\n"
    "  subnet6 2001:db8:1::/64 {\n"
    "    range6 2001:db8:1::100 2001:db8:1::1ff;\n"
    "    range6 2001:db8:1::180 2001:db8:1::27f;\n"
    "    range6 2001:db8:1:0:1::/80;\n"
    "    range6 2001:db8:1:0:2::/80 temporary;\n"
    "    prefix6 2001:db8:100:: 2001:db8:1ff:: /56;\n"
    "    prefix6 2001:db8:300:: 2001:db8:300:f0:: /60;\n"
    "  }\n"
    "  subnet6 2001:db8:2::/64 { range6 2001:db8:2::/64; }\n"
    "}\n"
    "subnet6 2001:db8:3::/64 { prefix6 2001:db8:3:100:: 2001:db8:3:1ff:: /64; }\n"
    "subnet6 2001:db8:4::/64 { }\n"
    "host a { fixed-address6 2001:db8:1::105; }\n"
    "host b { fixed-prefix6 2001:db8:3:1fe::/64; }\n"
    "host c { fixed-prefix6 2001:db8:1fe::/56; }\n";

static const char scopes_leases[] =
    "ia-na \"1\" { iaaddr 2001:db8:1::100 { binding state active; ends never; } }\n"
    "ia-na \"2\" { iaaddr 2001:db8:1::200 { binding state active; ends epoch 2000; } }\n"
    "ia-na \"3\" { iaaddr 2001:db8:1::201 { binding state abandoned; ends never; } }\n"
    "ia-na \"4\" { iaaddr 2001:db8:1::105 { binding state active; ends never; } }\n"
    "ia-ta \"5\" { iaaddr 2001:db8:1:0:2::abcd { binding state active; ends never; } }\n"
    "ia-na \"6\" { iaaddr 2001:db8:2::1:2:3 { binding state active; ends never; } }\n"
    "ia-pd \"7\" { iaprefix 2001:db8:1fe:6000::/56 { binding state active; ends never; } }\n"
    "ia-pd \"8\" { iaprefix 2001:db8:300:10::/60 { binding state active; ends epoch 5000; } }\n"
    "ia-pd \"9\" { iaprefix 2001:db8:3:1ff::/64 { binding state released; ends never; } }\n"
    "ia-pd \"10\" { iaprefix 2001:db8:3:100::/64 { binding state abandoned; ends never; } }\n";

START_TEST(test_scopes)
{
    isc_conf_t conf;
    isc_leases_t *lp;
    scope_list_t out = { 0 };
    const scope_t *s;
    char buf[ADDR_PREFIX_TEXT_MAX], n[COUNT_TEXT_MAX];

    load_pair(&conf, &lp, scopes_conf, scopes_leases);
    ck_assert_msg(isc_scopes(&conf, lp, 1500, &out, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(out.count, 5);
    ck_assert_uint_eq(out.nfailovers, 0);          /* dhcpd has no failover for DHCPv6 */

    /* 2001:db8:1::/64: 0x100-0x27f once (384), two /80s, one fixed address. */
    s = &out.items[0];
    addr_format_prefix(&s->addr, buf, sizeof buf);
    ck_assert_str_eq(buf, "2001:db8:1::/64");
    ck_assert_int_eq(s->kind, SCOPE_ADDRESSES);
    ck_assert_str_eq(s->group, "lab");
    ck_assert_str_eq(count_format(s->total, n, sizeof n), "562949953421695");   /* 2^49 + 384 - 1 */
    ck_assert_count_eq(s->used, 3);                /* ::100, ::200 (ends at 2000), the TA address */
    ck_assert_count_eq(s->declined, 1);
    ck_assert_str_eq(count_format(s->free, n, sizeof n), "562949953421691");
    ck_assert_int_eq(s->has_free_split, 0);
    ck_assert_int_eq(s->failover, -1);

    /* Its prefixes: 65281 /56s and 16 /60s, one /56 fixed. */
    s = &out.items[1];
    ck_assert_int_eq(s->kind, SCOPE_PREFIXES);
    addr_format_prefix(&s->addr, buf, sizeof buf);
    ck_assert_str_eq(buf, "2001:db8:1::/64");
    ck_assert_str_eq(s->group, "lab");
    ck_assert_count_eq(s->total, 65281 + 16 - 1);
    ck_assert_count_eq(s->used, 2);
    ck_assert_count_eq(s->declined, 0);
    ck_assert_count_eq(s->free, 65281 + 16 - 1 - 2);
    addr_format_prefix(&s->pd_pool, buf, sizeof buf);
    ck_assert_str_eq(buf, "2001:db8:100::/41");     /* dhcpd's first pool of the range */
    ck_assert_uint_eq(s->pd_delegated, 56);
    ck_assert_uint_eq(s->pd_pools, 9 + 1);

    /* A whole /64 as a range: 2^64 addresses, exact. */
    s = &out.items[2];
    ck_assert_int_eq(s->kind, SCOPE_ADDRESSES);
    ck_assert_str_eq(count_format(s->total, n, sizeof n), "18446744073709551616");
    ck_assert_count_eq(s->used, 1);
    ck_assert_str_eq(count_format(s->free, n, sizeof n), "18446744073709551615");

    /* Only prefixes: no address scope. 256 /64s, one fixed. */
    s = &out.items[3];
    ck_assert_int_eq(s->kind, SCOPE_PREFIXES);
    ck_assert_str_eq(s->group, "");
    ck_assert_count_eq(s->total, 255);
    ck_assert_count_eq(s->used, 0);
    ck_assert_count_eq(s->declined, 1);
    ck_assert_count_eq(s->free, 254);
    addr_format_prefix(&s->pd_pool, buf, sizeof buf);
    ck_assert_str_eq(buf, "2001:db8:3:100::/56");
    ck_assert_uint_eq(s->pd_pools, 1);
    ck_assert_uint_eq(s->pd_delegated, 64);

    /* Neither: an address scope without a pool. */
    s = &out.items[4];
    ck_assert_int_eq(s->kind, SCOPE_ADDRESSES);
    ck_assert_count_eq(s->total, 0);

    /* Later, the leases with an end have ended. */
    scope_list_free(&out);
    ck_assert_int_eq(isc_scopes(&conf, lp, 6000, &out, err, sizeof err), 0);
    ck_assert_count_eq(out.items[0].used, 2);
    ck_assert_count_eq(out.items[1].used, 1);
    scope_list_free(&out);
    isc_leases_free(lp);
    isc_conf_free(&conf);
}
END_TEST

/* Pools that reach the ends of the address space, and ranges that overlap
 * in every way, cut and count right. */
START_TEST(test_edges)
{
    isc_pool6_t v[4];
    isc_leases_t *p;
    isc_counts6_t c;
    const char *text =
        "ia-na \"a\" { iaaddr :: { binding state active; ends never; } }\n"
        "ia-na \"b\" { iaaddr ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff { binding state active; ends never; } }\n"
        "ia-na \"c\" { iaaddr 8000:: { binding state active; ends never; } }\n"
        "ia-na \"d\" { iaaddr 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff { binding state abandoned; ends never; } }\n";

    v[0] = pool("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ISC_IA_NA, 128);
    v[1] = pool("8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ISC_IA_NA, 128);
    v[2] = pool("::", "8000::", ISC_IA_NA, 128);
    v[3] = pool("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ISC_IA_PD, 1);
    p = isc_leases_new6("dhcpd6.leases", v, 4, NULL, 0, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(feed_chunked(p, text, strlen(text), 0), 0);
    isc_leases_count6(p, &v[0], NOW, &c);
    ck_assert_uint_eq(c.active, 3);
    ck_assert_uint_eq(c.abandoned, 1);
    isc_leases_count6(p, &v[1], NOW, &c);
    ck_assert_uint_eq(c.active, 2);
    isc_leases_count6(p, &v[2], NOW, &c);
    ck_assert_uint_eq(c.active, 2);
    ck_assert_uint_eq(c.abandoned, 1);
    isc_leases_count6(p, &v[3], NOW, &c);
    ck_assert_uint_eq(c.active, 0);
    isc_leases_free(p);

    /* No pools: every block is outside. */
    p = isc_leases_new6("dhcpd6.leases", NULL, 0, NULL, 0, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(feed_chunked(p, text, strlen(text), 0), 0);
    ck_assert_uint_eq(isc_leases_size6(p), 0);
    isc_leases_free(p);
}
END_TEST

/* Pools wider than a /64 (addresses of a /48, /120 prefixes over two /64s)
 * keep each lease apart, however alike their halves. */
START_TEST(test_wide_pools)
{
    isc_pool6_t v[2];
    isc_leases_t *p;
    isc_counts6_t c;
    const char *text =
        "ia-na \"a\" { iaaddr 2001:db8:3:7::1 { binding state active; ends never; } }\n"
        "ia-na \"b\" { iaaddr 2001:db8:3:8::1 { binding state active; ends never; } }\n"
        "ia-na \"c\" { iaaddr 2001:db8:3:7::2 { binding state abandoned; ends never; } }\n"
        "ia-na \"a\" { iaaddr 2001:db8:3:7::1 { binding state released; ends never; } }\n"
        "ia-pd \"d\" { iaprefix 2001:db8:4::100/120 { binding state active; ends never; } }\n"
        "ia-pd \"e\" { iaprefix 2001:db8:4:1::100/120 { binding state active; ends never; } }\n";
    char bad[1024];

    v[0] = pool("2001:db8:3::", "2001:db8:3:ffff:ffff:ffff:ffff:ffff", ISC_IA_NA, 128);
    v[1] = pool("2001:db8:4::", "2001:db8:4:1:ffff:ffff:ffff:ffff", ISC_IA_PD, 120);
    snprintf(bad, sizeof bad, "%sia-pd \"f\" { iaprefix 2001:db8:4:1::100/64 { binding state active; ends never; } }\n",
             text);
    p = isc_leases_new6("dhcpd6.leases", v, 2, NULL, 0, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(feed_chunked(p, bad, strlen(bad), 5), -1);
    ck_assert_str_eq(isc_leases_error(p), "dhcpd6.leases:7: iaprefix 2001:db8:4:1::100/64 has host bits set");
    isc_leases_free(p);
    p = isc_leases_new6("dhcpd6.leases", v, 2, NULL, 0, err, sizeof err);
    ck_assert_int_eq(feed_chunked(p, text, strlen(text), 5), 0);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:3:7::1", NULL), ISC_LEASE_RELEASED);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:3:8::1", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:3:7::2", NULL), ISC_LEASE_ABANDONED);
    ck_assert_int_eq(st(p, ISC_IA_NA, "2001:db8:3:9::1", NULL), ISC_LEASE_NONE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:4::100", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:4:1::100", NULL), ISC_LEASE_ACTIVE);
    ck_assert_int_eq(st(p, ISC_IA_PD, "2001:db8:4:1::200", NULL), ISC_LEASE_NONE);
    isc_leases_count6(p, &v[0], NOW, &c);
    ck_assert_uint_eq(c.active, 1);
    ck_assert_uint_eq(c.released, 1);
    ck_assert_uint_eq(c.abandoned, 1);
    isc_leases_count6(p, &v[1], NOW, &c);
    ck_assert_uint_eq(c.active, 2);
    ck_assert_uint_eq(isc_leases_size6(p), 5);
    isc_leases_free(p);
}
END_TEST

/* The fast reading of dhcpd's own spelling gives what the general one does:
 * the same file with blanks dhcpd never writes takes the general way. */
START_TEST(test_fast_path_same_as_general)
{
    static const char *const states[] = { "active", "expired", "released", "abandoned", "free" };
    static const char *const ends[] = { "4 2099/12/31 21:00:00", "0 2026/11/29 00:07:05", "6 2000/02/29 23:59:60",
                                        "never", "1 1970/01/01 00:00:00", "3 2024/1/5 01:02:03", "epoch 1900000000" };
    char fast[512], general[512];

    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        for (size_t j = 0; j < sizeof ends / sizeof ends[0]; j++) {
            isc_leases_t *a, *b;
            char *sa, *sb;

            snprintf(fast, sizeof fast, "ia-na \"k\" {\n  iaaddr 2001:db8:1::100 {\n    binding state %s;\n"
                     "    ends %s;\n  }\n}\n", states[i], ends[j]);
            snprintf(general, sizeof general, "ia-na \"k\" {\n\tiaaddr\t2001:db8:1::100\t{\n\tbinding\tstate  %s ;\n"
                     "\tends  %s ;\n\t}\n}\n", states[i], ends[j]);
            a = parse_text(fast, 0);
            b = parse_text(general, 0);
            sa = snapshot(a, 0);
            sb = snapshot(b, 0);
            ck_assert_msg(strcmp(sa, sb) == 0, "%s / %s:\n%s\nvs\n%s", states[i], ends[j], sa, sb);
            ck_assert_int_eq(st(a, ISC_IA_NA, "2001:db8:1::100", NULL), i < 4 ? (int)(i == 0 ? ISC_LEASE_ACTIVE
                             : i == 1 ? ISC_LEASE_EXPIRED : i == 2 ? ISC_LEASE_RELEASED : ISC_LEASE_ABANDONED)
                             : ISC_LEASE_FREE);
            free(sa);
            free(sb);
            isc_leases_free(a);
            isc_leases_free(b);
        }
    }
    /* What the fast way does not take still fails the general way. */
    expect_error("ia-na \"k\" {\n iaaddr 2001:db8:1::100 {\n  binding state backup;\n  ends never;\n }\n}\n",
                 "dhcpd6.leases:3: binding state backup is not one a DHCPv6 lease has");
    expect_error("ia-na \"k\" {\n iaaddr 2001:db8:1::100 {\n  ends 4 2099/13/31 21:00:00;\n }\n}\n",
                 "dhcpd6.leases:3: bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
    expect_error("ia-na \"k\" {\n iaaddr 2001:db8:1::100 {\n  ends 7 2099/12/31 21:00:00;\n }\n}\n",
                 "dhcpd6.leases:3: bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
}
END_TEST

/* isc_addr6_parse reads what addr_parse and addr_parse_prefix read, the
 * same way, IPv6 only. */
START_TEST(test_addr6_parse)
{
    static const char *const cases[] = {
        "2001:db8:1::100", "::", "::1", "1::", "2001:db8::", "2001:0db8:0000:0000:0000:0000:0000:0001",
        "2001:DB8::A", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "::ffff:10.0.0.1",
        "2001:db8::/56", "2001:db8::/0", "2001:db8::/128", "2001:db8::/129", "2001:db8::/056", "2001:db8::/",
        "2001:db8::/5x", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:", ":", "12345::", "2001:db8:::1", "g::",
        "10.0.0.1", "10.0.0.0/8", "", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "2001:db8::1 ",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/64",
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i];
        size_t n = strlen(t);
        addr_t a, b;
        int ra, rb;

        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        ra = isc_addr6_parse(t, n, &a);
        rb = (memchr(t, '/', n) ? addr_parse_prefix(t, n, &b) : addr_parse(t, n, &b)) == 0 && b.family == ADDR_V6 ? 0 : -1;
        ck_assert_msg(ra == rb, "\"%s\": %d, addr_parse %d", t, ra, rb);
        if (ra == 0)
            ck_assert_msg(addr_cmp(&a, &b) == 0, "\"%s\" reads differently", t);
    }
}
END_TEST

static Suite *isc_leases6_suite(void)
{
    Suite *s = suite_create("isc_leases6");
    TCase *tc = tcase_create("parse");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_states);
    tcase_add_test(tc, test_split_invariance);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_other_family);
    tcase_add_test(tc, test_memory_follows_leases);
    tcase_add_test(tc, test_mutations);
    tcase_add_test(tc, test_scopes);
    tcase_add_test(tc, test_edges);
    tcase_add_test(tc, test_wide_pools);
    tcase_add_test(tc, test_fast_path_same_as_general);
    tcase_add_test(tc, test_addr6_parse);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(isc_leases6_suite)
