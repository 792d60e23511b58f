/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dnsmasq_source.h"
#include "unit_main.h"

#define NOW 1800000000

static char err[1024];
static char base[64];                /* made once by the parent: a failed test leaves nothing behind */
static char dir[128];                /* each test's own folder in it */

static void mk(const char *name, const char *text)
{
    char path[256];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static const char *at(const char *name)
{
    static char path[4][256];
    static int i;

    i = (i + 1) % 4;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
}

static void base_setup(void)
{
    snprintf(base, sizeof base, "/tmp/cds-dnsmasq-XXXXXX");
    if (!mkdtemp(base))
        abort();
}

static void base_teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", base);
}

static void setup(void)
{
    char sub[192];

    snprintf(dir, sizeof dir, "%s/tXXXXXX", base);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/d", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
}

static const char *text_of(const addr_t *a)
{
    static char buf[4][ADDR_PREFIX_TEXT_MAX];
    static int i;

    i = (i + 1) % 4;
    addr_format_prefix(a, buf[i], sizeof buf[i]);
    return buf[i];
}

START_TEST(test_load_includes)
{
    dnsmasq_conf_t c;
    char text[768];

    snprintf(text, sizeof text,
             "conf-file=more.conf\nconf-dir=%s/d,*.conf\nconf-file=%s/main.conf\ndhcp-range=10.0.0.1,10.0.0.9\n", dir,
             dir);
    mk("main.conf", text);
    /* Relative to the including file's folder; naming main.conf again reads nothing. */
    mk("more.conf", "dhcp-range=10.0.1.1,10.0.1.9\nconf-file=main.conf\n");
    mk("d/20-b.conf", "dhcp-range=10.0.3.1,10.0.3.9\n");
    mk("d/10-a.conf", "dhcp-range=10.0.2.1,10.0.2.9\n");
    mk("d/30-c.conf.bak", "dhcp-range=10.0.4.1,10.0.4.9\n");
    mk("d/.hidden.conf", "dhcp-range=10.0.5.1,10.0.5.9\n");
    memset(&c, 0, sizeof c);
    ck_assert_msg(dnsmasq_load_conf(at("main.conf"), NULL, &c, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(c.nranges, 4);
    /* In dnsmasq's order: the include, the folder by name, then the rest. */
    ck_assert_str_eq(text_of(&c.ranges[0].start), "10.0.1.1/32");
    ck_assert_str_eq(text_of(&c.ranges[1].start), "10.0.2.1/32");
    ck_assert_str_eq(text_of(&c.ranges[2].start), "10.0.3.1/32");
    ck_assert_str_eq(text_of(&c.ranges[3].start), "10.0.0.1/32");
    ck_assert_str_eq(c.files[c.ranges[1].file], at("d/10-a.conf"));
    dnsmasq_conf_free(&c);

    /* --conf-dir as Debian's service passes it, read before the file. */
    mk("plain.conf", "dhcp-range=10.0.9.1,10.0.9.9\n");
    mk("d/40-d.conf.dpkg-old", "dhcp-range=10.0.6.1,10.0.6.9\n");
    snprintf(text, sizeof text, "%s/d,.dpkg-dist,.dpkg-old,.dpkg-new", dir);
    memset(&c, 0, sizeof c);
    ck_assert_msg(dnsmasq_load_conf(at("plain.conf"), text, &c, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(c.nranges, 4);
    ck_assert_str_eq(text_of(&c.ranges[0].start), "10.0.2.1/32");
    ck_assert_str_eq(text_of(&c.ranges[2].start), "10.0.4.1/32");
    ck_assert_str_eq(text_of(&c.ranges[3].start), "10.0.9.1/32");
    dnsmasq_conf_free(&c);
}
END_TEST

START_TEST(test_load_errors)
{
    dnsmasq_conf_t c;
    char expect[512];

    mk("a.conf", "\nconf-dir=missing\n");
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(dnsmasq_load_conf(at("a.conf"), NULL, &c, err, sizeof err), -1);
    snprintf(expect, sizeof expect, "%s:2: cannot read the conf-dir folder %s: No such file or directory",
             at("a.conf"), at("missing"));
    ck_assert_str_eq(err, expect);
    dnsmasq_conf_free(&c);

    mk("b.conf", "conf-file=nope.conf\n");
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(dnsmasq_load_conf(at("b.conf"), NULL, &c, err, sizeof err), -1);
    snprintf(expect, sizeof expect, "cannot open %s: No such file or directory", at("nope.conf"));
    ck_assert_str_eq(err, expect);
    dnsmasq_conf_free(&c);

    mk("d/bad.conf", "dhcp-range=10.0.0.1\n");
    mk("c.conf", "conf-dir=d\n");
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(dnsmasq_load_conf(at("c.conf"), NULL, &c, err, sizeof err), -1);
    snprintf(expect, sizeof expect, "%s:1: bad dhcp-range", at("d/bad.conf"));
    ck_assert_msg(strncmp(err, expect, strlen(expect)) == 0, "%s", err);
    dnsmasq_conf_free(&c);

    memset(&c, 0, sizeof c);
    ck_assert_int_eq(dnsmasq_load_conf(dir, NULL, &c, err, sizeof err), -1);
    snprintf(expect, sizeof expect, "%s is a directory", dir);
    ck_assert_str_eq(err, expect);
    dnsmasq_conf_free(&c);
}
END_TEST

static const char if_inet6[] =
    "00000000000000000000000000000001 01 80 10 80       lo\n"
    "fe800000000000000000000000000001 02 40 20 80      br0\n"
    "20010db8000100000000000000000001 02 40 00 80      br0\n"
    "20010db8000200000000000000000001 02 40 00 20      br0\n"
    "20010db8000300001234567812345678 02 40 00 01      br0\n"
    "20010db8000400000000000000000001 03 40 00 80     eth1\n"
    "20010db8000500000000000000000001 04 30 00 80     eth2\n"
    "20010db8000600000000000000000001 05 40 00 80     wan0\n";

START_TEST(test_if_parse)
{
    dnsmasq_ifaddr_t *ifs;
    size_t n;

    ck_assert_msg(dnsmasq_if_parse("if_inet6", if_inet6, sizeof if_inet6 - 1, &ifs, &n, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_uint_eq(n, 8);
    ck_assert_str_eq(ifs[2].name, "br0");
    ck_assert_str_eq(text_of(&ifs[2].addr), "2001:db8:1::1/64");
    ck_assert_uint_eq(ifs[3].flags, 0x20);
    ck_assert_str_eq(text_of(&ifs[6].addr), "2001:db8:5::1/48");
    free(ifs);
    ck_assert_int_eq(dnsmasq_if_parse("if_inet6", "20010db8 02 40 00 80 br0\n", 25, &ifs, &n, err, sizeof err), -1);
    ck_assert_str_eq(err, "if_inet6:1: not an interface address line as Linux writes them");
}
END_TEST

static dnsmasq_conf_t conf_of(const char *text)
{
    dnsmasq_conf_t c;

    memset(&c, 0, sizeof c);
    ck_assert_msg(dnsmasq_conf_parse(&c, "dnsmasq.conf", text, strlen(text), NULL, err, sizeof err) == 0, "%s", err);
    return c;
}

START_TEST(test_expand)
{
    dnsmasq_conf_t c = conf_of("dhcp-range=::100,::1ff,constructor:br*,64,1h\n"
                               "dhcp-range=2001:db8:1::100,2001:db8:1::1ff\n"
                               "dhcp-range=::,static\n"
                               "dhcp-range=::10,::20,constructor:eth*\n"
                               "dhcp-range=::,constructor:wan0,ra-stateless\n");
    dnsmasq_ifaddr_t *ifs;
    dnsmasq_range_t *r;
    size_t n, nr;

    ck_assert_int_eq(dnsmasq_if_parse("if_inet6", if_inet6, sizeof if_inet6 - 1, &ifs, &n, err, sizeof err), 0);
    ck_assert_msg(dnsmasq_expand(&c, ifs, n, &r, &nr, err, sizeof err) == 0, "%s", err);
    /* br0: its :1 range is written already, :2 is deprecated, :3 temporary;
     * eth1's /64 and eth2's /48 (no longer than the template's 64, as
     * dnsmasq needs); wan0's stateless range is kept, with no addresses;
     * dhcp-range=:: is no subnet. */
    ck_assert_uint_eq(nr, 4);
    ck_assert_str_eq(text_of(&r[0].start), "2001:db8:1::100/128");
    ck_assert_str_eq(text_of(&r[1].start), "2001:db8:4::10/128");
    ck_assert_str_eq(text_of(&r[1].end), "2001:db8:4::20/128");
    ck_assert_str_eq(r[1].iface, "eth1");
    ck_assert(!(r[1].flags & DNSMASQ_RANGE_TEMPLATE));
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[1]), 1);
    ck_assert_str_eq(text_of(&r[2].start), "2001:db8:5::10/128");
    ck_assert_str_eq(text_of(&r[3].start), "2001:db8:6::/128");
    ck_assert_int_eq(dnsmasq_range_is_pool(&r[3]), 0);
    free(r);
    free(ifs);
    dnsmasq_conf_free(&c);
}
END_TEST

/* The scopes of a configuration and a leases file, counted at NOW. */
static void scopes_of(const char *conf_text, const char *leases_text, scope_list_t *out)
{
    dnsmasq_conf_t c = conf_of(conf_text);
    dnsmasq_span_t *spans;
    dnsmasq_leases_t *p;
    size_t nspans;

    ck_assert_int_eq(dnsmasq_spans(c.ranges, c.nranges, &spans, &nspans), 0);
    p = dnsmasq_leases_new("dnsmasq.leases", spans, nspans, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(dnsmasq_leases_feed(p, leases_text, strlen(leases_text)), 0);
    ck_assert_int_eq(dnsmasq_leases_finish(p), 0);
    memset(out, 0, sizeof *out);
    ck_assert_msg(dnsmasq_scopes(c.ranges, c.nranges, p, NOW, out, err, sizeof err) == 0, "%s", err);
    scope_list_sort(out);
    dnsmasq_leases_free(p);
    free(spans);
    dnsmasq_conf_free(&c);
}

START_TEST(test_scopes)
{
    scope_list_t l;
    const scope_t *s;

    scopes_of("dhcp-range=set:poolA,tag:!groupb,198.18.0.100,198.18.0.119,255.255.255.0,10m\n"
              "dhcp-range=set:poolB,tag:groupb,198.18.0.200,198.18.0.219,255.255.255.0,10m\n"
              "dhcp-range=set:poolA,198.18.0.110,198.18.0.129,255.255.255.0\n"
              "dhcp-range=set:fixednet,198.18.1.0,static,255.255.255.0,10m\n"
              "dhcp-range=198.18.2.10,198.18.2.19,1h\n"
              "dhcp-range=198.18.0.150,198.18.0.159\n"
              "dhcp-range=set:v6pool,2001:db8:1::100,2001:db8:1::1ff,64,10m\n"
              "dhcp-range=2001:db8:9::,ra-only\n",
              "1800000100 02:cd:00:00:04:04 198.18.0.203 c4 *\n"
              "1800000100 02:cd:00:00:03:01 198.18.0.50 reserved1 *\n"
              "1800000100 02:cd:00:00:03:02 198.18.0.102 c2 *\n"
              "1700000000 02:cd:00:00:03:03 198.18.0.103 expired *\n"
              "1800000100 02:cd:00:00:03:09 198.18.0.115 both *\n"
              "1800000100 02:cd:00:00:03:05 198.18.1.10 fixed5 *\n"
              "1800000100 02:cd:00:00:03:06 198.18.2.10 nomask *\n"
              "1800000100 02:cd:00:00:03:07 198.18.2.30 outside *\n"
              "duid 00:01\n"
              "1800000100 774 2001:db8:1::198 * 00:03\n"
              "1800000100 775 2001:db8:1::77 reserved7 00:03\n",
              &l);
    ck_assert_uint_eq(l.count, 5);
    /* Three ranges (two overlapping) and one without a netmask inside the
     * same /24: one scope; the reservation .50 is used, not in the total. */
    s = &l.items[0];
    ck_assert_str_eq(text_of(&s->addr), "198.18.0.0/24");
    ck_assert_str_eq(s->name, "poolA,poolB");
    ck_assert_str_eq(s->group, "");
    ck_assert_count_eq(s->total, 20 + 20 + 10 + 10);
    ck_assert_count_eq(s->used, 4);
    ck_assert_count_eq(s->free, 60 - 3);
    ck_assert_uint_eq(s->npools, 4);
    ck_assert_str_eq(s->pools[0].name, "198.18.0.100-198.18.0.119");
    ck_assert_str_eq(s->pools[0].client_class, "tag:!groupb");
    ck_assert_int_eq(s->pools[0].judged, 1);
    ck_assert_count_eq(s->pools[0].used, 2);
    ck_assert_count_eq(s->pools[0].free, 18);
    ck_assert_count_eq(s->pools[1].used, 1);
    ck_assert_int_eq(s->pools[2].judged, 0);
    ck_assert_count_eq(s->pools[2].used, 1);
    /* A static range: reported, no pool addresses, its leases used. */
    s = &l.items[1];
    ck_assert_str_eq(text_of(&s->addr), "198.18.1.0/24");
    ck_assert_count_eq(s->total, 0);
    ck_assert_count_eq(s->used, 1);
    ck_assert_uint_eq(s->npools, 0);
    /* No netmask and no other range to tell the subnet: the start address. */
    s = &l.items[2];
    ck_assert_str_eq(text_of(&s->addr), "198.18.2.10/32");
    ck_assert_count_eq(s->total, 10);
    ck_assert_count_eq(s->used, 1);
    ck_assert_count_eq(s->free, 9);
    ck_assert_uint_eq(s->npools, 1);
    ck_assert_str_eq(s->pools[0].name, "198.18.2.10-198.18.2.19");
    s = &l.items[3];
    ck_assert_str_eq(text_of(&s->addr), "2001:db8:1::/64");
    ck_assert_count_eq(s->total, 256);
    ck_assert_count_eq(s->used, 2);
    ck_assert_count_eq(s->free, 255);
    ck_assert_uint_eq(s->npools, 0);
    s = &l.items[4];
    ck_assert_str_eq(text_of(&s->addr), "2001:db8:9::/64");
    ck_assert_count_eq(s->total, 0);
    scope_list_free(&l);
}
END_TEST

START_TEST(test_big_ipv6_range)
{
    scope_list_t l;
    char buf[COUNT_TEXT_MAX];

    scopes_of("dhcp-range=2001:db8::,2001:db8::ffff:ffff:ffff:ffff,64\n",
              "1800000100 1 2001:db8::5 * 00:03\n", &l);
    ck_assert_uint_eq(l.count, 1);
    ck_assert_str_eq(count_format(l.items[0].total, buf, sizeof buf), "18446744073709551616");
    ck_assert_str_eq(count_format(l.items[0].free, buf, sizeof buf), "18446744073709551615");
    scope_list_free(&l);
}
END_TEST

static int fetch(const char *conf, const char *leases, const char *pidfile, int no_pidfile, scope_list_t *l)
{
    dnsmasq_options_t o;
    source_ctx_t ctx = { 10, NULL, 0, 0 };

    memset(&o, 0, sizeof o);
    o.config = conf;
    o.leases = leases;
    o.pidfile = pidfile;
    o.no_pidfile = no_pidfile;
    memset(l, 0, sizeof *l);
    err[0] = '\0';
    return source_dnsmasq.fetch(&o, &ctx, l, err, sizeof err);
}

START_TEST(test_fetch)
{
    scope_list_t l;
    char text[512], expect[512];
    FILE *f;

    snprintf(text, sizeof text, "dhcp-leasefile=%s/x.leases\npid-file=%s/x.pid\n"
                                "dhcp-range=10.0.0.1,10.0.0.10,255.255.255.0\n", dir, dir);
    mk("x.conf", text);
    mk("x.leases", "4000000000 02:00:00:00:00:01 10.0.0.1 * *\n");
    /* The leases file the configuration names. */
    ck_assert_msg(fetch(at("x.conf"), NULL, NULL, 1, &l) == 0, "%s", err);
    ck_assert_uint_eq(l.count, 1);
    ck_assert_count_eq(l.items[0].used, 1);
    scope_list_free(&l);
    /* Its pid file: missing, then naming this test program. */
    ck_assert_int_eq(fetch(at("x.conf"), NULL, NULL, 0, &l), SOURCE_DOWN);
    snprintf(expect, sizeof expect, "dnsmasq is not running (no pid file %s)", at("x.pid"));
    ck_assert_str_eq(err, expect);
    scope_list_free(&l);
    f = fopen(at("x.pid"), "w");
    fprintf(f, "%ld\n", (long)getpid());
    fclose(f);
    ck_assert_int_eq(fetch(at("x.conf"), NULL, NULL, 0, &l), SOURCE_DOWN);
    ck_assert_msg(strstr(err, "which is test_dnsmasq_s") != NULL, "%s", err);
    scope_list_free(&l);
    /* --pidfile before the configuration's. */
    ck_assert_int_eq(fetch(at("x.conf"), NULL, at("other.pid"), 0, &l), SOURCE_DOWN);
    snprintf(expect, sizeof expect, "dnsmasq is not running (no pid file %s)", at("other.pid"));
    ck_assert_str_eq(err, expect);
    scope_list_free(&l);
    /* A malformed lease: the file and the line. */
    mk("bad.leases", "4000000000 02:00:00:00:00:01 10.0.0.1 * *\n4000000000 02:00:00:00:00:01 10.0.0.x * *\n");
    ck_assert_int_eq(fetch(at("x.conf"), at("bad.leases"), NULL, 1, &l), SOURCE_ERROR);
    snprintf(expect, sizeof expect, "%s:2: bad address \"10.0.0.x\"", at("bad.leases"));
    ck_assert_str_eq(err, expect);
    scope_list_free(&l);
}
END_TEST

START_TEST(test_fetch_refusals)
{
    scope_list_t l;

    mk("none.conf", "dhcp-authoritative\n");
    ck_assert_int_eq(fetch(at("none.conf"), NULL, NULL, 1, &l), SOURCE_ERROR);
    ck_assert_msg(strstr(err, "has no dhcp-range: this dnsmasq hands out no addresses") != NULL, "%s", err);
    scope_list_free(&l);
    mk("ro.conf", "leasefile-ro\ndhcp-range=10.0.0.1,10.0.0.9\n");
    ck_assert_int_eq(fetch(at("ro.conf"), NULL, NULL, 1, &l), SOURCE_ERROR);
    ck_assert_msg(strstr(err, "leasefile-ro") != NULL, "%s", err);
    scope_list_free(&l);
    mk("nopid.conf", "pid-file\ndhcp-range=10.0.0.1,10.0.0.9\n");
    ck_assert_int_eq(fetch(at("nopid.conf"), NULL, NULL, 0, &l), SOURCE_ERROR);
    ck_assert_msg(strstr(err, "turns dnsmasq's pid file off") != NULL, "%s", err);
    scope_list_free(&l);
    mk("ctor.conf", "\ndhcp-range=::1,::400,constructor:eth0\n");
    mk("empty.leases", "");
    ck_assert_int_eq(fetch(at("ctor.conf"), at("empty.leases"), NULL, 1, &l), SOURCE_ERROR);
    ck_assert_msg(strstr(err, "ctor.conf:2: dhcp-range takes its addresses from interface eth0 (constructor:)")
                      != NULL, "%s", err);
    scope_list_free(&l);
}
END_TEST

static Suite *dnsmasq_source_suite(void)
{
    Suite *s = suite_create("dnsmasq_source");
    TCase *tc = tcase_create("core");

    tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_load_includes);
    tcase_add_test(tc, test_load_errors);
    tcase_add_test(tc, test_if_parse);
    tcase_add_test(tc, test_expand);
    tcase_add_test(tc, test_scopes);
    tcase_add_test(tc, test_big_ipv6_range);
    tcase_add_test(tc, test_fetch);
    tcase_add_test(tc, test_fetch_refusals);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(dnsmasq_source_suite)
