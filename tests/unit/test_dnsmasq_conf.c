/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsmasq_conf.h"
#include "unit_main.h"

static char err[512];

static dnsmasq_conf_t parse_ok(const char *text)
{
    dnsmasq_conf_t c;

    memset(&c, 0, sizeof c);
    ck_assert_msg(dnsmasq_conf_parse(&c, "dnsmasq.conf", text, strlen(text), NULL, err, sizeof err) == 0, "%s",
                  err);
    return c;
}

/* Parses text that must fail; err then holds the sentence. */
static void parse_bad(const char *text, const char *expect)
{
    dnsmasq_conf_t c;

    memset(&c, 0, sizeof c);
    err[0] = '\0';
    ck_assert_int_eq(dnsmasq_conf_parse(&c, "dnsmasq.conf", text, strlen(text), NULL, err, sizeof err), -1);
    ck_assert_msg(strstr(err, expect) != NULL, "'%s' lacks '%s'", err, expect);
    dnsmasq_conf_free(&c);
}

static const char *text_of(const addr_t *a)
{
    static char buf[4][ADDR_PREFIX_TEXT_MAX];
    static int i;

    i = (i + 1) % 4;
    addr_format(a, buf[i], sizeof buf[i]);
    return buf[i];
}

START_TEST(test_ipv4_forms)
{
    dnsmasq_conf_t c = parse_ok(
        "# a comment\n"
        "dhcp-range=set:lan,192.168.1.100,192.168.1.249,255.255.255.0,12h\n"
        "  dhcp-range = tag:!groupb , set:poolA, 10.0.0.100, 10.0.0.119 ,255.255.255.0, 10m # after\n"
        "dhcp-range=net:old,tag:x,10.0.0.200,10.0.0.219,255.255.255.0,10.0.0.255,infinite\n"
        "dhcp-range=10.0.3.9,10.0.3.1\n"
        "dhcp-range=set:fixed,198.18.1.0,static,255.255.255.0,10m\n"
        "dhcp-range=10.0.2.0,proxy\n"
        "dhcp-range=guest,172.16.0.10,172.16.0.20,45\n");
    const dnsmasq_range_t *r = c.ranges;

    ck_assert_uint_eq(c.nranges, 7);
    ck_assert_str_eq(text_of(&r[0].start), "192.168.1.100");
    ck_assert_str_eq(text_of(&r[0].end), "192.168.1.249");
    ck_assert_uint_eq(r[0].prefix, 24);
    ck_assert_str_eq(r[0].set, "lan");
    ck_assert_str_eq(r[0].filter, "");
    ck_assert(r[0].flags & DNSMASQ_RANGE_NETMASK);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[0]), 1);
    ck_assert_uint_eq(r[0].line, 2);
    ck_assert_str_eq(c.files[r[0].file], "dnsmasq.conf");
    /* Blanks around '=' and ',' and a trailing comment are dnsmasq's. */
    ck_assert_str_eq(r[1].set, "poolA");
    ck_assert_str_eq(r[1].filter, "tag:!groupb");
    ck_assert_str_eq(text_of(&r[1].end), "10.0.0.119");
    ck_assert_str_eq(r[2].filter, "net:old,tag:x");
    ck_assert_str_eq(r[2].set, "");
    /* Start and end the wrong way round are swapped; no netmask: /32. */
    ck_assert_str_eq(text_of(&r[3].start), "10.0.3.1");
    ck_assert_str_eq(text_of(&r[3].end), "10.0.3.9");
    ck_assert_uint_eq(r[3].prefix, 32);
    ck_assert(!(r[3].flags & DNSMASQ_RANGE_NETMASK));
    ck_assert(r[4].flags & DNSMASQ_RANGE_STATIC);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[4]), 0);
    ck_assert_str_eq(text_of(&r[4].end), "198.18.1.0");
    ck_assert(r[5].flags & DNSMASQ_RANGE_PROXY);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[5]), 0);
    /* A bare word before the addresses is the tag it sets. */
    ck_assert_str_eq(r[6].set, "guest");
    dnsmasq_conf_free(&c);
}
END_TEST

START_TEST(test_ipv6_forms)
{
    dnsmasq_conf_t c = parse_ok(
        "dhcp-range=set:v6pool,2001:db8:1::100,2001:db8:1::1ff,64,10m\n"
        "dhcp-range=2001:db8:2::1ff,2001:db8:2::100\n"
        "dhcp-range=::1,::400,constructor:eth*,ra-names,64,12h\n"
        "dhcp-range=::,constructor:br0,ra-stateless\n"
        "dhcp-range=2001:db8:3::,ra-only\n"
        "dhcp-range=2001:db8:4::,slaac,off-link\n"
        "dhcp-range=2001:db8:5::10,2001:db8:5::20,80,deprecated\n"
        "dhcp-range=::,static\n"
        "dhcp-range=2001:db8:6::10,2001:db8:6::20,static\n"
        "dhcp-range=2001:db8:7::10,2001:db8:7::20,slaac\n");
    const dnsmasq_range_t *r = c.ranges;

    ck_assert_uint_eq(c.nranges, 10);
    ck_assert_uint_eq(r[0].prefix, 64);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[0]), 1);
    ck_assert_str_eq(text_of(&r[1].start), "2001:db8:2::100");
    ck_assert_uint_eq(r[1].prefix, 64);
    ck_assert(r[2].flags & DNSMASQ_RANGE_TEMPLATE);
    ck_assert_str_eq(r[2].iface, "eth*");
    ck_assert_str_eq(text_of(&r[2].end), "::400");
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[2]), 1);
    /* No end address, stateless, RA-only, static, deprecated: no addresses. */
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[3]), 0);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[4]), 0);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[5]), 0);
    ck_assert_uint_eq(r[6].prefix, 80);
    ck_assert(r[6].flags & DNSMASQ_RANGE_DEPRECATED);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[6]), 0);
    ck_assert_uint_eq(r[7].prefix, 0);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[7]), 0);
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[8]), 0);
    /* An address range with SLAAC beside it still hands out addresses. */
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[9]), 1);
    dnsmasq_conf_free(&c);
}
END_TEST

START_TEST(test_quotes_and_long_lines)
{
    char *text = malloc(1200 + 64);
    dnsmasq_conf_t c;

    /* A quoted comma is no separator: the first field is one tag. */
    c = parse_ok("dhcp-range=\"a,b\",10.0.0.1,10.0.0.2\n"
                 "dhcp-range=set:\"x y\",10.0.1.1,10.0.1.2 #\"not a quote\n"
                 "dhcp-leasefile=\"/tmp/with space.leases\"\n"
                 "pid-file=/run/x.pid\n"
                 "leasefile-ro\n");
    ck_assert_uint_eq(c.nranges, 2);
    ck_assert_str_eq(c.ranges[0].set, "a,b");
    ck_assert_str_eq(c.ranges[1].set, "x y");
    ck_assert_str_eq(c.leasefile, "/tmp/with space.leases");
    ck_assert_str_eq(c.pidfile, "/run/x.pid");
    ck_assert_int_eq(c.leasefile_ro, 1);
    dnsmasq_conf_free(&c);
    /* dnsmasq reads lines in pieces of 1024 bytes: the rest of a long
     * comment is a line of its own, and here a range. */
    memset(text, '#', 1024);
    strcpy(text + 1024, "dhcp-range=10.0.0.1,10.0.0.9\n");
    c = parse_ok(text);
    ck_assert_uint_eq(c.nranges, 1);
    ck_assert_uint_eq(c.ranges[0].line, 2);
    dnsmasq_conf_free(&c);
    free(text);
    c = parse_ok("pid-file\n");
    ck_assert_int_eq(c.has_pidfile, 1);
    ck_assert_ptr_null(c.pidfile);
    dnsmasq_conf_free(&c);
}
END_TEST

START_TEST(test_errors)
{
    parse_bad("\n\ndhcp-range=10.0.0.1,10.0.1.1,255.255.255.0\n", "dnsmasq.conf:3: inconsistent DHCP range");
    parse_bad("dhcp-range=set:a,set:b,10.0.0.1,10.0.0.9\n", "dnsmasq.conf:1: bad dhcp-range: only one tag");
    parse_bad("dhcp-range=10.0.0.1\n", "dnsmasq.conf:1: bad dhcp-range: it needs");
    parse_bad("dhcp-range=10.0.0.1,bogus\n", "is neither an IPv4 end address");
    parse_bad("dhcp-range=cafe,10.0.0.1,10.0.0.9\n", "\"cafe\" is not a start address");
    parse_bad("dhcp-range=10.0.0.1,10.0.0.9,255.255.255.0,1h,extra\n", "is not understood here");
    parse_bad("dhcp-range=10.0.0.1,10.0.0.9,12x\n", "\"12x\" is not a lease time");
    parse_bad("dhcp-range=10.0.0.1,10.0.0.9,255.0.255.0\n", "not a contiguous netmask");
    parse_bad("dhcp-range=2001:db8::1,2001:db8::9,48\n", "prefix length must be at least 64");
    parse_bad("dhcp-range=2001:db8::,ra-only,80\n", "exactly 64 for RA subnets");
    parse_bad("dhcp-range=2001:db8::1,2001:db8:1::9\n", "inconsistent DHCPv6 range");
    parse_bad("dhcp-range=2001:db8::1,2001:db8::9,constructor:eth0\n", "prefix must be zero with \"constructor:\"");
    parse_bad("dhcp-range=\"10.0.0.1,10.0.0.9\n", "dnsmasq.conf:1: missing \"");
    parse_bad("dhcp-range\n", "dhcp-range needs a value");
    parse_bad("conf-dir\n", "conf-dir needs a value");
    parse_bad("conf-script=/bin/true\n", "conf-script runs a program");
    parse_bad("dhcp-leasefile=/a\ndhcp-lease=/b\n", "dnsmasq.conf:2: dhcp-leasefile is given twice");
    parse_bad("pid-file=/a\npid-file=/b\n", "pid-file is given twice");
}
END_TEST

/* The include callbacks, recording what they were asked. */
static char asked[1024];

static int on_file(void *ctx, dnsmasq_conf_t *conf, const char *from, unsigned long line, const char *name,
                   char *e, size_t elen)
{
    static const char sub[] = "dhcp-range=10.9.0.1,10.9.0.9\n";

    (void)ctx;
    snprintf(asked + strlen(asked), sizeof asked - strlen(asked), "file %s:%lu %s (depth %zu);", from, line, name,
             conf->depth);
    return dnsmasq_conf_parse(conf, name, sub, sizeof sub - 1, NULL, e, elen);
}

static int on_dir(void *ctx, dnsmasq_conf_t *conf, const char *from, unsigned long line,
                  const dnsmasq_dirspec_t *spec, char *e, size_t elen)
{
    (void)ctx;
    (void)conf;
    (void)e;
    (void)elen;
    snprintf(asked + strlen(asked), sizeof asked - strlen(asked), "dir %s:%lu %s %zu %zu;", from, line, spec->dir,
             spec->nmatch, spec->nignore);
    return 0;
}

START_TEST(test_includes)
{
    dnsmasq_conf_io_t io = { on_file, on_dir, NULL };
    const char text[] = "conf-file=/etc/more.conf\nconf-file\nconf-dir=/etc/dnsmasq.d,*.conf,.bak,*\n"
                        "dhcp-range=10.0.0.1,10.0.0.9\n";
    dnsmasq_conf_t c;

    memset(&c, 0, sizeof c);
    asked[0] = '\0';
    ck_assert_msg(dnsmasq_conf_parse(&c, "main.conf", text, sizeof text - 1, &io, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(asked, "file main.conf:1 /etc/more.conf (depth 1);dir main.conf:3 /etc/dnsmasq.d 1 1;");
    ck_assert_uint_eq(c.nranges, 2);
    /* Each range names its own file, whatever came between. */
    ck_assert_str_eq(c.files[c.ranges[0].file], "/etc/more.conf");
    ck_assert_str_eq(c.files[c.ranges[1].file], "main.conf");
    ck_assert_uint_eq(c.ranges[1].line, 4);
    ck_assert_uint_eq(c.depth, 0);
    dnsmasq_conf_free(&c);
}
END_TEST

START_TEST(test_dirspec)
{
    dnsmasq_dirspec_t s;

    ck_assert_int_eq(dnsmasq_dirspec_parse("/etc/dnsmasq.d,.dpkg-dist,.dpkg-old,.dpkg-new", &s, err, sizeof err), 0);
    ck_assert_str_eq(s.dir, "/etc/dnsmasq.d");
    ck_assert_uint_eq(s.nignore, 3);
    ck_assert_uint_eq(s.nmatch, 0);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "01-dhcp.conf"), 1);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "README"), 1);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "01-dhcp.conf.dpkg-old"), 0);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, ".hidden"), 0);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "backup~"), 0);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "#autosave#"), 0);
    dnsmasq_dirspec_free(&s);
    ck_assert_int_eq(dnsmasq_dirspec_parse("/etc/dnsmasq.d, *.conf ,*.dhcp", &s, err, sizeof err), 0);
    ck_assert_uint_eq(s.nmatch, 2);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "a.conf"), 1);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "b.dhcp"), 1);
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, "c.conf.bak"), 0);
    /* As dnsmasq: the name must be longer than the suffix. */
    ck_assert_int_eq(dnsmasq_dirspec_wants(&s, ".conf"), 0);
    dnsmasq_dirspec_free(&s);
    ck_assert_int_eq(dnsmasq_dirspec_parse(",*.conf", &s, err, sizeof err), -1);
    ck_assert_str_eq(err, "conf-dir names no directory");
}
END_TEST

static Suite *dnsmasq_conf_suite(void)
{
    Suite *s = suite_create("dnsmasq_conf");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_ipv4_forms);
    tcase_add_test(tc, test_ipv6_forms);
    tcase_add_test(tc, test_quotes_and_long_lines);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_includes);
    tcase_add_test(tc, test_dirspec);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(dnsmasq_conf_suite)
