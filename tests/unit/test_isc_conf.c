/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isc_conf.h"
#include "isc_source.h"
#include "scope.h"
#include "unit_main.h"

static char err[512];

/* In-memory files for include tests: name -> text. */
typedef struct memfile {
    const char *name;
    const char *text;
} memfile_t;

static const memfile_t *memfiles;

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);

    if (d)
        memcpy(d, s, n);
    return d;
}

static int mem_include(void *ctx, const char *from, const char *name, char **data, size_t *len, char **path,
                       char *e, size_t elen)
{
    const memfile_t *m;
    int *calls = ctx;

    (void)from;
    if (calls)
        (*calls)++;
    for (m = memfiles; m && m->name; m++) {
        if (strcmp(m->name, name) == 0) {
            *data = dup_str(m->text);
            *len = strlen(m->text);
            *path = dup_str(name);
            return 0;
        }
    }
    snprintf(e, elen, "cannot open %s: No such file or directory", name);
    return -1;
}

static int parse(isc_conf_t *c, const char *text)
{
    memset(c, 0, sizeof *c);
    err[0] = '\0';
    return isc_conf_parse(c, "dhcpd.conf", text, strlen(text), mem_include, NULL, err, sizeof err);
}

static uint32_t ip(const char *s)
{
    uint32_t a = 0;

    ck_assert_int_eq(isc_addr_parse(s, strlen(s), &a), 0);
    return a;
}

START_TEST(test_subnet_and_ranges)
{
    isc_conf_t c;
    const char *text =
        "# comment { ; }\n"
        "authoritative;\n"
        "option domain-name \"example.org\";\n"
        "subnet 10.0.0.0 netmask 255.255.255.0 {\n"
        "  option routers 10.0.0.1;\n"
        "  range 10.0.0.10 10.0.0.20;\n"
        "  range dynamic-bootp 10.0.0.30 10.0.0.40;\n"
        "  range 10.0.0.50;\n"
        "  range 10.0.0.90 10.0.0.80;\n"
        "}\n"
        "subnet 192.168.0.0 netmask 255.255.0.0 { }\n";

    ck_assert_msg(parse(&c, text) == 0, "%s", err);
    ck_assert_uint_eq(c.nsubnets, 2);
    ck_assert_uint_eq(c.subnets[0].addr, ip("10.0.0.0"));
    ck_assert_uint_eq(c.subnets[0].mask, ip("255.255.255.0"));
    ck_assert_int_eq(c.subnets[0].prefix, 24);
    ck_assert_str_eq(c.subnets[0].shared, "");
    ck_assert_int_eq(c.subnets[1].prefix, 16);
    ck_assert_uint_eq(c.nranges, 4);
    ck_assert_uint_eq(c.ranges[0].low, ip("10.0.0.10"));
    ck_assert_uint_eq(c.ranges[0].high, ip("10.0.0.20"));
    ck_assert_uint_eq(c.ranges[1].low, ip("10.0.0.30"));
    ck_assert_uint_eq(c.ranges[1].high, ip("10.0.0.40"));
    ck_assert_uint_eq(c.ranges[2].low, ip("10.0.0.50"));
    ck_assert_uint_eq(c.ranges[2].high, ip("10.0.0.50"));
    ck_assert_uint_eq(c.ranges[3].low, ip("10.0.0.80"));
    ck_assert_uint_eq(c.ranges[3].high, ip("10.0.0.90"));
    for (size_t i = 0; i < c.nranges; i++) {
        ck_assert_uint_eq(c.ranges[i].subnet, 0);
        ck_assert_int_eq(c.ranges[i].peer, ISC_NO_PEER);
    }
    ck_assert_uint_eq(c.npeers, 0);
    isc_conf_free(&c);
}
END_TEST

START_TEST(test_failover_pools)
{
    isc_conf_t c;
    const char *text =
        "failover peer \"dhcp-failover\" {\n"
        "  primary;\n"
        "  address 10.0.0.2; port 647;\n"
        "  peer address 10.0.0.3; peer port 647;\n"
        "  mclt 3600; split 128; load balance max seconds 3;\n"
        "}\n"
        "failover peer other { secondary; }\n"
        "subnet 10.1.0.0 netmask 255.255.255.0 {\n"
        "  pool {\n"
        "    failover peer \"dhcp-failover\";\n"
        "    deny dynamic bootp clients;\n"
        "    range 10.1.0.10 10.1.0.99;\n"
        "  }\n"
        "  pool { range 10.1.0.100 10.1.0.109; failover peer \"other\"; }\n"
        "  pool { range 10.1.0.200 10.1.0.209; }\n"
        "}\n";

    ck_assert_msg(parse(&c, text) == 0, "%s", err);
    ck_assert_uint_eq(c.npeers, 2);
    ck_assert_str_eq(c.peers[0].name, "dhcp-failover");
    ck_assert_int_eq(c.peers[0].role, ISC_ROLE_PRIMARY);
    ck_assert_str_eq(c.peers[1].name, "other");
    ck_assert_int_eq(c.peers[1].role, ISC_ROLE_SECONDARY);
    ck_assert_uint_eq(c.nranges, 3);
    ck_assert_int_eq(c.ranges[0].peer, 0);
    ck_assert_int_eq(c.ranges[1].peer, 1);
    ck_assert_int_eq(c.ranges[2].peer, ISC_NO_PEER);
    isc_conf_free(&c);
}
END_TEST

START_TEST(test_shared_networks)
{
    isc_conf_t c;
    const char *text =
        "failover peer \"fo\" { secondary; }\n"
        "shared-network \"office floor 1\" {\n"
        "  option domain-name \"a;b{c}\";\n"
        "  pool {\n"
        "    failover peer \"fo\";\n"
        "    range 10.2.1.10 10.2.1.20;\n"
        "    range 10.2.0.10 10.2.0.20;\n"
        "  }\n"
        "  range 10.2.1.30;\n"
        "  subnet 10.2.0.0 netmask 255.255.255.0 { }\n"
        "  subnet 10.2.1.0 netmask 255.255.255.0 { range 10.2.1.100 10.2.1.110; }\n"
        "}\n"
        "shared-network lab { subnet 10.3.0.0 netmask 255.255.255.128 { range 10.3.0.5 10.3.0.6; } }\n";

    ck_assert_msg(parse(&c, text) == 0, "%s", err);
    ck_assert_uint_eq(c.nsubnets, 3);
    ck_assert_str_eq(c.subnets[0].shared, "office floor 1");
    ck_assert_str_eq(c.subnets[1].shared, "office floor 1");
    ck_assert_str_eq(c.subnets[2].shared, "lab");
    ck_assert_int_eq(c.subnets[2].prefix, 25);
    ck_assert_uint_eq(c.nranges, 5);
    /* Pool ranges go to the subnet that contains them, whatever the order. */
    ck_assert_uint_eq(c.ranges[0].subnet, 1);
    ck_assert_int_eq(c.ranges[0].peer, 0);
    ck_assert_uint_eq(c.ranges[1].subnet, 0);
    ck_assert_int_eq(c.ranges[1].peer, 0);
    ck_assert_uint_eq(c.ranges[2].subnet, 1);
    ck_assert_int_eq(c.ranges[2].peer, ISC_NO_PEER);
    ck_assert_uint_eq(c.ranges[3].subnet, 1);
    ck_assert_uint_eq(c.ranges[4].subnet, 2);
    isc_conf_free(&c);
}
END_TEST

START_TEST(test_group_and_skipped_blocks)
{
    isc_conf_t c;
    const char *text =
        "key \"rndc-key\" { algorithm hmac-sha256; secret \"c2VjcmV0}{;\"; }\n"
        "zone example.org. { primary 127.0.0.1; key rndc-key; }\n"
        "class \"voip\" {\n"
        "  match if substring (option vendor-class-identifier, 0, 4) = \"SIP{\";\n"
        "  subnet 10.99.0.0 netmask 255.255.255.0 { range 10.99.0.1 10.99.0.9; }\n"
        "}\n"
        "subclass \"voip\" 1:00:11:22:33:44:55 { option routers 10.0.0.1; }\n"
        "subclass \"voip\" 1:00:11:22:33:44:56;\n"
        "if option vendor-class-identifier = \"x\\\"}\" {\n"
        "  if exists user-class { range 10.98.0.1; } elsif foo { } else { on commit { set a = \"}\"; } }\n"
        "} elsif known { } else { }\n"
        "on commit { execute (\"/bin/true\", \"{\"); }\n"
        "subnet6 2001:db8::/64 { range6 2001:db8::10 2001:db8::20; pool6 { range6 2001:db8::30/124; } }\n"
        "group {\n"
        "  option domain-name \"g\";\n"
        "  host pc1 { hardware ethernet 00:11:22:33:44:55; fixed-address 10.4.0.5; }\n"
        "  group \"inner\" {\n"
        "    subnet 10.4.0.0 netmask 255.255.255.0 {\n"
        "      host pc2 { fixed-address 10.4.0.6; }\n"
        "      group { range 10.4.0.100 10.4.0.150; }\n"
        "      pool { range 10.4.0.200 10.4.0.210; };\n"
        "    };\n"
        "  }\n"
        "  shared-network g2 { subnet 10.5.0.0 netmask 255.255.0.0 { range 10.5.1.0 10.5.1.255; } }\n"
        "}\n";

    ck_assert_msg(parse(&c, text) == 0, "%s", err);
    ck_assert_uint_eq(c.nsubnets, 2);
    ck_assert_uint_eq(c.subnets[0].addr, ip("10.4.0.0"));
    ck_assert_str_eq(c.subnets[0].shared, "");
    ck_assert_uint_eq(c.subnets[1].addr, ip("10.5.0.0"));
    ck_assert_str_eq(c.subnets[1].shared, "g2");
    ck_assert_uint_eq(c.nranges, 3);
    ck_assert_uint_eq(c.ranges[0].low, ip("10.4.0.100"));
    ck_assert_uint_eq(c.ranges[1].low, ip("10.4.0.200"));
    ck_assert_uint_eq(c.ranges[2].subnet, 1);
    isc_conf_free(&c);
}
END_TEST

START_TEST(test_include)
{
    static const memfile_t files[] = {
        { "peers.conf", "failover peer \"p\" { primary; }\n" },
        { "pools.conf", "# the pools\npool {\n failover peer \"p\";\n range 10.6.0.10 10.6.0.19;\n}\n" },
        { "net.conf", "subnet 10.7.0.0 netmask 255.255.255.0 { include \"pools7.conf\"; }\n" },
        { "pools7.conf", "range 10.7.0.1 10.7.0.2;\n" },
        { "empty.conf", "" },
        { NULL, NULL },
    };
    isc_conf_t c;
    int calls = 0;
    const char *text =
        "include \"peers.conf\";\n"
        "include \"empty.conf\";\n"
        "subnet 10.6.0.0 netmask 255.255.255.0 {\n"
        "  include \"pools.conf\";\n"
        "}\n"
        "shared-network n { include \"net.conf\"; }\n";

    memfiles = files;
    memset(&c, 0, sizeof c);
    ck_assert_msg(isc_conf_parse(&c, "dhcpd.conf", text, strlen(text), mem_include, &calls, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_int_eq(calls, 5);
    ck_assert_uint_eq(c.npeers, 1);
    ck_assert_uint_eq(c.nsubnets, 2);
    ck_assert_str_eq(c.subnets[1].shared, "n");
    ck_assert_uint_eq(c.nranges, 2);
    ck_assert_int_eq(c.ranges[0].peer, 0);
    ck_assert_uint_eq(c.ranges[0].subnet, 0);
    ck_assert_uint_eq(c.ranges[1].subnet, 1);
    isc_conf_free(&c);
    memfiles = NULL;
}
END_TEST

static void expect_error(const char *text, const char *want)
{
    isc_conf_t c;

    ck_assert_msg(parse(&c, text) == -1, "accepted: %s", text);
    ck_assert_msg(strcmp(err, want) == 0, "got \"%s\", want \"%s\"", err, want);
    isc_conf_free(&c);
}

START_TEST(test_errors)
{
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.0.2;\n",
                 "dhcpd.conf:3: end of file inside the block opened on line 1 (missing '}')");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n}\n}\n",
                 "dhcpd.conf:3: unexpected '}' (unbalanced braces)");
    expect_error("host a {\n  option x \"abc;\n}\n", "dhcpd.conf:2: unterminated string");
    expect_error("host a {\n  if x { \n}\n", "dhcpd.conf:4: end of file inside the block opened on line 1 (missing '}')");
    expect_error("\nsubnet 10.0.0.256 netmask 255.255.255.0 { }\n",
                 "dhcpd.conf:2: bad subnet address \"10.0.0.256\"");
    expect_error("subnet 10.0.0.0 netmask 255.0.255.0 { }\n",
                 "dhcpd.conf:1: netmask 255.0.255.0 of subnet 10.0.0.0 is not contiguous");
    expect_error("subnet 10.0.0.1 netmask 255.255.255.0 { }\n",
                 "dhcpd.conf:1: subnet 10.0.0.1 has host bits set for netmask 255.255.255.0");
    expect_error("subnet 10.0.0.0 mask 255.255.255.0 { }\n",
                 "dhcpd.conf:1: expected 'netmask' after subnet 10.0.0.0");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n\n range 10.0.0.1 10.0.0.x;\n}\n",
                 "dhcpd.conf:3: bad address \"10.0.0.x\" in range");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.1.5;\n}\n",
                 "dhcpd.conf:2: range 10.0.0.1 - 10.0.1.5 is outside subnet 10.0.0.0/24");
    expect_error("range 10.0.0.1 10.0.0.5;\n", "dhcpd.conf:1: range 10.0.0.1 - 10.0.0.5 is declared outside any subnet");
    expect_error("shared-network s {\n pool {\n  range 10.9.0.1 10.9.0.5;\n }\n"
                 " subnet 10.0.0.0 netmask 255.255.255.0 { }\n}\n",
                 "dhcpd.conf:3: range 10.9.0.1 - 10.9.0.5 is not inside any subnet of shared-network s");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n pool {\n  failover peer \"nope\";\n"
                 "  range 10.0.0.1 10.0.0.5;\n }\n}\n",
                 "dhcpd.conf:3: failover peer \"nope\" is used by a pool but not declared before it");
    expect_error("failover peer \"x\" {\n address 10.0.0.1;\n}\n",
                 "dhcpd.conf:1: failover peer \"x\" declares neither primary nor secondary");
    expect_error("failover peer \"x\" { primary; }\nfailover peer \"x\" { secondary; }\n",
                 "dhcpd.conf:2: failover peer \"x\" is declared twice");
    expect_error("pool { range 10.0.0.1; }\n", "dhcpd.conf:1: pool is declared outside any subnet or shared-network");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n subnet 10.0.0.0 netmask 255.255.255.0 { }\n}\n",
                 "dhcpd.conf:2: subnet 10.0.0.0 netmask 255.255.255.0 is declared inside another subnet or pool");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n pool { pool { } }\n}\n",
                 "dhcpd.conf:2: pool is declared inside another pool");
    expect_error("shared-network a {\n shared-network b { }\n}\n",
                 "dhcpd.conf:2: shared-network b is declared inside another declaration");
    expect_error("{ }\n", "dhcpd.conf:1: unexpected '{' at the start of a statement");
    expect_error("include \"missing.conf\";\n",
                 "dhcpd.conf:1: cannot open missing.conf: No such file or directory");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.0.2\n}\n",
                 "dhcpd.conf:3: expected ';' after range");
}
END_TEST

START_TEST(test_include_errors)
{
    static const memfile_t files[] = {
        { "a.conf", "# a\ninclude \"b.conf\";\n" },
        { "b.conf", "\n\ninclude \"a.conf\";\n" },
        { "bad.conf", "subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.0.999;\n}\n" },
        { "open.conf", "subnet 10.0.0.0 netmask 255.255.255.0 {\n" },
        { "self.conf", "include \"self.conf\";\n" },
        { NULL, NULL },
    };
    isc_conf_t c;

    memfiles = files;
    expect_error("include \"a.conf\";\n", "b.conf:3: include loop: a.conf is already being read");
    expect_error("include \"self.conf\";\n", "self.conf:1: include loop: self.conf is already being read");
    expect_error("\ninclude \"bad.conf\";\n", "bad.conf:2: bad address \"10.0.0.999\" in range");
    expect_error("include \"open.conf\";\n",
                 "open.conf:2: end of file inside the block opened on line 1 (missing '}')");
    expect_error("include \"dhcpd.conf\";\n", "dhcpd.conf:1: cannot open dhcpd.conf: No such file or directory");
    /* The top file's name takes part in loop detection too. */
    {
        static const memfile_t top[] = { { "dhcpd.conf", "include \"dhcpd.conf\";\n" }, { NULL, NULL } };
        memfiles = top;
        expect_error("include \"dhcpd.conf\";\n", "dhcpd.conf:1: include loop: dhcpd.conf is already being read");
    }
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(isc_conf_parse(&c, "x.conf", "include \"y\";", 12, NULL, NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "x.conf:1: include \"y\" is not supported here");
    isc_conf_free(&c);
    memfiles = NULL;
}
END_TEST

/* Each level includes a differently named next level: only the depth stops it. */
static int deep_include(void *ctx, const char *from, const char *name, char **data, size_t *len, char **path,
                        char *e, size_t elen)
{
    char buf[64];
    int n = atoi(name + 1);

    (void)ctx;
    (void)from;
    (void)e;
    (void)elen;
    snprintf(buf, sizeof buf, "include \"f%d\";\n", n + 1);
    *data = dup_str(buf);
    *len = strlen(buf);
    *path = dup_str(name);
    return 0;
}

START_TEST(test_include_depth)
{
    isc_conf_t c;
    const char *text = "include \"f1\";\n";

    memset(&c, 0, sizeof c);
    ck_assert_int_eq(isc_conf_parse(&c, "dhcpd.conf", text, strlen(text), deep_include, NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "f16:1: includes nested deeper than 16 files");
    isc_conf_free(&c);
}
END_TEST

START_TEST(test_long_tokens_and_nesting)
{
    isc_conf_t c;
    size_t n = 5000, i;
    char *text = malloc(n + 64);

    strcpy(text, "option x \"");
    for (i = strlen(text); i < n; i++)
        text[i] = 'a';
    strcpy(text + n, "\";\n");
    ck_assert_int_eq(parse(&c, text), -1);
    ck_assert_str_eq(err, "dhcpd.conf:1: string longer than 1500 bytes");
    isc_conf_free(&c);

    for (i = 0; i < n; i++)
        text[i] = 'b';
    text[n] = '\0';
    ck_assert_int_eq(parse(&c, text), -1);
    ck_assert_str_eq(err, "dhcpd.conf:1: word longer than 1500 bytes");
    isc_conf_free(&c);

    /* Deep nesting of skipped blocks costs a counter, not the stack. */
    text = realloc(text, 2 * 100000 + 16);
    strcpy(text, "host a ");
    for (i = 0; i < 100000; i++)
        text[7 + i] = '{';
    for (i = 0; i < 100000; i++)
        text[7 + 100000 + i] = '}';
    text[7 + 200000] = '\0';
    ck_assert_msg(parse(&c, text) == 0, "%s", err);
    isc_conf_free(&c);

    /* Nested groups are parsed and capped. */
    text[0] = '\0';
    for (i = 0; i < 70; i++)
        strcat(text, "group {");
    for (i = 0; i < 70; i++)
        strcat(text, "}");
    ck_assert_int_eq(parse(&c, text), -1);
    ck_assert_str_eq(err, "dhcpd.conf:1: blocks nested deeper than 64 levels");
    isc_conf_free(&c);
    free(text);
}
END_TEST

/* Mutations of a valid file must never crash: every result is 0 or -1 with a message. */
START_TEST(test_mutations)
{
    const char *base =
        "failover peer \"f\" { primary; }\n"
        "shared-network \"s\" { pool { failover peer \"f\"; range 10.0.0.5 10.0.0.9; }\n"
        " subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.20; host h { a \"}\"; } } }\n"
        "group { subnet 10.1.0.0 netmask 255.255.0.0 { if a { } else { } } } # x\n";
    size_t n = strlen(base), i;
    char *buf = malloc(n + 1);
    unsigned seed = 12345;
    const char alphabet[] = "{};\"#\\ \n.0a";
    int k;

    for (k = 0; k < 20000; k++) {
        isc_conf_t c;
        int m, rc;

        memcpy(buf, base, n + 1);
        for (m = 0; m < 3; m++) {
            seed = seed * 1103515245u + 12345u;
            i = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            buf[i] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
        }
        seed = seed * 1103515245u + 12345u;
        memset(&c, 0, sizeof c);
        rc = isc_conf_parse(&c, "m.conf", buf, (seed >> 8) % (n + 1), NULL, NULL, err, sizeof err);
        ck_assert(rc == 0 || (rc == -1 && strncmp(err, "m.conf:", 7) == 0));
        isc_conf_free(&c);
    }
    free(buf);
}
END_TEST

START_TEST(test_addr_parse)
{
    uint32_t a;

    ck_assert_int_eq(isc_addr_parse("10.1.2.3 garbage", 8, &a), 0);
    ck_assert_uint_eq(a, ip("10.1.2.3"));
    ck_assert_int_eq(isc_addr_parse("10.1.2.3", 7, &a), -1);
    ck_assert_int_eq(isc_addr_parse("", 0, &a), -1);
    ck_assert_int_eq(isc_addr_parse("255.255.255.2555", 16, &a), -1);
    ck_assert_int_eq(isc_addr_parse("10.1.2", 6, &a), -1);
}
END_TEST

/* dhcpd reads each octet as a decimal number, leading zeros and all (not
 * as octal, as dhcpd-pools does). */
START_TEST(test_leading_zero_octets)
{
    isc_conf_t c;
    uint32_t a;

    ck_assert_int_eq(isc_addr_parse("10.0.0.001", 10, &a), 0);
    ck_assert_uint_eq(a, ip("10.0.0.1"));
    ck_assert_int_eq(isc_addr_parse("010.000.000.010", 15, &a), 0);
    ck_assert_uint_eq(a, ip("10.0.0.10"));
    ck_assert_int_eq(isc_addr_parse("10.0.0.0255", 11, &a), 0);
    ck_assert_uint_eq(a, ip("10.0.0.255"));
    ck_assert_int_eq(isc_addr_parse("10.0.0.0256", 11, &a), -1);
    ck_assert_int_eq(isc_addr_parse("10.0.0.08", 9, &a), 0);
    ck_assert_uint_eq(a, ip("10.0.0.8"));
    memset(&c, 0, sizeof c);
    ck_assert_msg(parse(&c, "subnet 10.0.0.0 netmask 255.255.255.0 {\n"
                            "  range dynamic-bootp 10.0.0.001 10.0.0.010;\n}\n") == 0, "%s", err);
    ck_assert_uint_eq(c.nranges, 1);
    ck_assert_uint_eq(c.ranges[0].low, ip("10.0.0.1"));
    ck_assert_uint_eq(c.ranges[0].high, ip("10.0.0.10"));
    isc_conf_free(&c);
}
END_TEST

static addr_t ip6(const char *s)
{
    addr_t a;

    ck_assert_msg(addr_parse(s, strlen(s), &a) == 0, "%s", s);
    return a;
}

/* Whether a is the address text s. */
static int is6(const addr_t *a, const char *s)
{
    addr_t b = ip6(s);

    return a->family == ADDR_V6 && memcmp(a->bytes, b.bytes, 16) == 0;
}

START_TEST(test_subnet6)
{
    isc_conf_t c;
    const char *text =
        "default-lease-time 600;\n"
        "option dhcp6.name-servers 2001:db8::53;\n"
        "shared-network \"lab\" {\n"
        "  subnet6 2001:db8:1::/64 {\n"
        "    range6 2001:db8:1::100 2001:db8:1::1ff;\n"
        "    range6 2001:db8:1::2ff 2001:db8:1::200;\n"
        "    range6 2001:db8:1:0:1::/80;\n"
        "    range6 2001:db8:1:0:2::/80 temporary;\n"
        "    prefix6 2001:db8:100:: 2001:db8:1ff:: /56;\n"
        "    pool6 { range6 2001:db8:1::300 / 120; prefix6 2001:db8:200:: 2001:db8:200:f0::/60; }\n"
        "  }\n"
        "  subnet6 2001:db8:2:: / 48 {\n"
        "    range6 2001:db8:2:: temporary;\n"
        "    host inside { fixed-address6 2001:db8:2::5; }\n"
        "  }\n"
        "}\n"
        "subnet6 2001:db8:3::/ 64 { }\n"
        "host h1 { hardware ethernet 00:11:22:33:44:55; fixed-address6 2001:db8:1::105; }\n"
        "host h2 { fixed-address6 2001:db8:1::106, 2001:db8:1::107; }\n"
        "host h3 { fixed-address6 h3.example.org; }\n"
        "host \"h4\" { host-identifier option dhcp6.client-id 00:01:00:01:aa:bb; fixed-prefix6 2001:db8:1fe::/56; }\n"
        "group { host h5 { fixed-prefix6 2001:db8:1ff:: / 60; } }\n";

    ck_assert_msg(parse(&c, text) == 0, "%s", err);
    ck_assert_uint_eq(c.nsubnets, 0);
    ck_assert_str_eq(c.first_subnet, "");
    ck_assert_str_eq(c.first_subnet6, "dhcpd.conf:4");
    ck_assert_uint_eq(c.nsubnets6, 3);
    ck_assert(is6(&c.subnets6[0].net, "2001:db8:1::"));
    ck_assert_uint_eq(c.subnets6[0].net.prefix, 64);
    ck_assert_str_eq(c.subnets6[0].shared, "lab");
    ck_assert_uint_eq(c.subnets6[1].net.prefix, 48);
    ck_assert_str_eq(c.subnets6[1].shared, "lab");
    ck_assert(is6(&c.subnets6[2].net, "2001:db8:3::"));
    ck_assert_str_eq(c.subnets6[2].shared, "");

    ck_assert_uint_eq(c.nranges6, 8);
    ck_assert(is6(&c.ranges6[0].low, "2001:db8:1::100") && is6(&c.ranges6[0].high, "2001:db8:1::1ff"));
    ck_assert_int_eq(c.ranges6[0].kind, ISC_IA_NA);
    ck_assert_uint_eq(c.ranges6[0].delegated, 128);
    ck_assert(is6(&c.ranges6[1].low, "2001:db8:1::200") && is6(&c.ranges6[1].high, "2001:db8:1::2ff"));
    ck_assert(is6(&c.ranges6[2].low, "2001:db8:1:0:1::") && is6(&c.ranges6[2].high, "2001:db8:1:0:1:ffff:ffff:ffff"));
    ck_assert_int_eq(c.ranges6[2].kind, ISC_IA_NA);
    ck_assert(is6(&c.ranges6[3].low, "2001:db8:1:0:2::") && is6(&c.ranges6[3].high, "2001:db8:1:0:2:ffff:ffff:ffff"));
    ck_assert_int_eq(c.ranges6[3].kind, ISC_IA_TA);
    /* prefix6 ends with the last prefix's last address. */
    ck_assert(is6(&c.ranges6[4].low, "2001:db8:100::") && is6(&c.ranges6[4].high, "2001:db8:1ff:ff:ffff:ffff:ffff:ffff"));
    ck_assert_int_eq(c.ranges6[4].kind, ISC_IA_PD);
    ck_assert_uint_eq(c.ranges6[4].delegated, 56);
    ck_assert(is6(&c.ranges6[5].low, "2001:db8:1::300") && is6(&c.ranges6[5].high, "2001:db8:1::3ff"));
    ck_assert(is6(&c.ranges6[6].low, "2001:db8:200::") && is6(&c.ranges6[6].high, "2001:db8:200:ff:ffff:ffff:ffff:ffff"));
    ck_assert_uint_eq(c.ranges6[6].delegated, 60);
    /* "range6 ADDRESS temporary" is the /64 at that address. */
    ck_assert(is6(&c.ranges6[7].low, "2001:db8:2::") && is6(&c.ranges6[7].high, "2001:db8:2::ffff:ffff:ffff:ffff"));
    ck_assert_int_eq(c.ranges6[7].kind, ISC_IA_TA);
    for (size_t i = 0; i < 7; i++)
        ck_assert_uint_eq(c.ranges6[i].subnet, 0);
    ck_assert_uint_eq(c.ranges6[7].subnet, 1);

    /* One fixed-address6 each (not a list, not a name) and the prefixes. */
    ck_assert_uint_eq(c.nfixed6, 4);
    ck_assert(is6(&c.fixed6[0].addr, "2001:db8:2::5"));
    ck_assert_uint_eq(c.fixed6[0].addr.prefix, 128);
    ck_assert(is6(&c.fixed6[1].addr, "2001:db8:1::105"));
    ck_assert(is6(&c.fixed6[2].addr, "2001:db8:1fe::"));
    ck_assert_uint_eq(c.fixed6[2].addr.prefix, 56);
    ck_assert(is6(&c.fixed6[3].addr, "2001:db8:1ff::"));
    ck_assert_uint_eq(c.fixed6[3].addr.prefix, 60);
    isc_conf_free(&c);
}
END_TEST

START_TEST(test_subnet6_errors)
{
    expect_error("subnet6 2001:db8:1:: { }\n", "dhcpd.conf:1: expected '/LENGTH' after subnet6 2001:db8:1::");
    expect_error("\nsubnet6 2001:db8:1::/129 { }\n", "dhcpd.conf:2: bad prefix length \"129\" in subnet6");
    expect_error("subnet6 2001:db8:1::/6x4 { }\n", "dhcpd.conf:1: bad prefix length \"6x4\" in subnet6");
    expect_error("subnet6 10.0.0.0/8 { }\n", "dhcpd.conf:1: bad IPv6 address \"10.0.0.0\" in subnet6");
    expect_error("subnet6 2001:db8:::1/64 { }\n", "dhcpd.conf:1: bad IPv6 address \"2001:db8:::1\" in subnet6");
    expect_error("subnet6 2001:db8:1::1/64 { }\n", "dhcpd.conf:1: subnet6 2001:db8:1::1/64 has host bits set");
    expect_error("subnet6 2001:db8:1::/64 ;\n", "dhcpd.conf:1: expected '{' after subnet6 2001:db8:1::/64");
    expect_error("subnet6 2001:db8:1::/64 {\n subnet6 2001:db8:1:1::/64 { }\n}\n",
                 "dhcpd.conf:2: subnet6 2001:db8:1:1::/64 is declared inside another subnet or pool");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n subnet6 2001:db8:1::/64 { }\n}\n",
                 "dhcpd.conf:2: subnet6 2001:db8:1::/64 is declared inside another subnet or pool");
    expect_error("subnet6 2001:db8:1::/64 {\n subnet 10.0.0.0 netmask 255.255.255.0 { }\n}\n",
                 "dhcpd.conf:2: subnet 10.0.0.0 netmask 255.255.255.0 is declared inside another subnet or pool");
    expect_error("subnet6 2001:db8:1::/64 {\n\n range6 2001:db8:2::1 2001:db8:2::5;\n}\n",
                 "dhcpd.conf:3: range6 start address 2001:db8:2::1 is outside subnet6 2001:db8:1::/64");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::1\n 2001:db8:2::5;\n}\n",
                 "dhcpd.conf:2: range6 end address 2001:db8:2::5 is outside subnet6 2001:db8:1::/64");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::/56;\n}\n",
                 "dhcpd.conf:2: range6 2001:db8:1::/56 is larger than subnet6 2001:db8:1::/64");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::8/120;\n}\n",
                 "dhcpd.conf:2: range6 2001:db8:1::8/120 has host bits set");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::8 temporary;\n}\n",
                 "dhcpd.conf:2: range6 2001:db8:1::8/64 has host bits set");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::8/128 temporary;\n}\n",
                 "dhcpd.conf:2: temporary range6 2001:db8:1::8/128 must be a prefix from /64 to /127");
    expect_error("subnet6 2001:db8:1::/48 {\n range6 2001:db8:1::/56 temporary;\n}\n",
                 "dhcpd.conf:2: temporary range6 2001:db8:1::/56 must be a prefix from /64 to /127");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::5;\n}\n",
                 "dhcpd.conf:2: range6 2001:db8:1::5 needs an end address, a /LENGTH or 'temporary'");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::5 zzz;\n}\n",
                 "dhcpd.conf:2: bad IPv6 address \"zzz\" in range6");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::5 2001:db8:1::9 temporary;\n}\n",
                 "dhcpd.conf:2: expected ';' after range6");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 2001:db8:1::5 /;\n}\n",
                 "dhcpd.conf:2: expected a prefix length after '/' in range6");
    expect_error("subnet6 2001:db8:1::/64 {\n range6 { }\n}\n", "dhcpd.conf:2: expected an IPv6 address after range6");
    expect_error("subnet6 2001:db8:1::/64 {\n prefix6 2001:db8:100:: 2001:db8:1ff::;\n}\n",
                 "dhcpd.conf:2: expected '/LENGTH' after prefix6 2001:db8:100:: 2001:db8:1ff::");
    expect_error("subnet6 2001:db8:1::/64 {\n prefix6 2001:db8:100:: 2001:db8:1ff:: /128;\n}\n",
                 "dhcpd.conf:2: prefix6 2001:db8:100:: 2001:db8:1ff:: /128: the delegated length must be from 1 to 127");
    expect_error("subnet6 2001:db8:1::/64 {\n prefix6 2001:db8:100::1 2001:db8:1ff:: /56;\n}\n",
                 "dhcpd.conf:2: prefix6 2001:db8:100::1 2001:db8:1ff:: /56: 2001:db8:100::1 is not the start of a /56 "
                 "prefix");
    expect_error("subnet6 2001:db8:1::/64 {\n prefix6 2001:db8:100:: 2001:db8:1ff:1:: /56;\n}\n",
                 "dhcpd.conf:2: prefix6 2001:db8:100:: 2001:db8:1ff:1:: /56: 2001:db8:1ff:1:: is not the start of a "
                 "/56 prefix");
    expect_error("subnet6 2001:db8:1::/64 {\n prefix6 2001:db8:100::/56 2001:db8:1ff:: /56;\n}\n",
                 "dhcpd.conf:2: prefix6 2001:db8:100::/56 needs an end address before the length");
    expect_error("subnet6 2001:db8:1::/64 {\n prefix6 2001:db8:100:: 2001:db8:1ff:: /56\n}\n",
                 "dhcpd.conf:3: expected ';' after prefix6");
    expect_error("range6 2001:db8::1 2001:db8::2;\n", "dhcpd.conf:1: range6 is declared outside any subnet6");
    expect_error("shared-network s {\n prefix6 2001:db8:100:: 2001:db8:1ff:: /56;\n}\n",
                 "dhcpd.conf:2: prefix6 is declared outside any subnet6");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n range6 2001:db8::1 2001:db8::2;\n}\n",
                 "dhcpd.conf:2: range6 is declared inside subnet 10.0.0.0/24, an IPv4 subnet (it belongs in a subnet6)");
    expect_error("subnet 10.0.0.0 netmask 255.255.255.0 {\n pool6 { }\n}\n",
                 "dhcpd.conf:2: pool6 is declared inside subnet 10.0.0.0/24, an IPv4 subnet (it belongs in a subnet6)");
    expect_error("pool6 { }\n", "dhcpd.conf:1: pool6 is declared outside any subnet6");
    expect_error("subnet6 2001:db8:1::/64 {\n pool6 {\n  pool6 { }\n }\n}\n",
                 "dhcpd.conf:3: pool6 is declared inside another pool");
    expect_error("subnet6 2001:db8:1::/64 {\n range 10.0.0.1 10.0.0.2;\n}\n",
                 "dhcpd.conf:2: range is declared inside subnet6 2001:db8:1::/64 (DHCPv6 ranges are range6)");
    expect_error("subnet6 2001:db8:1::/64 {\n pool { }\n}\n",
                 "dhcpd.conf:2: pool is declared inside subnet6 2001:db8:1::/64 (DHCPv6 pools are pool6)");
    expect_error("subnet6 2001:db8:1::/64 {\n failover peer \"f\" { primary; }\n}\n",
                 "dhcpd.conf:2: failover peer \"f\" is declared inside a subnet or pool");
    expect_error("host a {\n fixed-prefix6 2001:db8:zz::/56;\n}\n",
                 "dhcpd.conf:2: bad IPv6 address \"2001:db8:zz::\" in fixed-prefix6");
    expect_error("host a {\n fixed-prefix6 2001:db8:100::;\n}\n",
                 "dhcpd.conf:2: expected '/LENGTH' after fixed-prefix6 2001:db8:100::");
    expect_error("host a {\n fixed-address6 2001:db8::g;\n}\n",
                 "dhcpd.conf:2: bad IPv6 address \"2001:db8::g\" in fixed-address6");
    expect_error("host a {\n fixed-address6 2001:db8::1\n}\n", "dhcpd.conf:3: expected ';' after fixed-address6");
    expect_error("host a {\n fixed-address6 2001:db8::1;\n", "dhcpd.conf:3: end of file inside the block opened on line 1 "
                 "(missing '}')");
}
END_TEST

/* Hosts the parser reads for their fixed-address6 keep what the old
 * skipping accepted in IPv4 files. */
START_TEST(test_hosts_stay_lenient)
{
    isc_conf_t c;

    ck_assert_msg(parse(&c, "host a;\nhost { }\nhost b c { }\nhost d { if x { fixed-address6 ::1; } }\n"
                            "host e { fixed-address 10.0.0.1; option x \"}\"; }\n") == 0, "%s", err);
    ck_assert_uint_eq(c.nfixed6, 0);
    isc_conf_free(&c);
}
END_TEST

/* Mutations of a DHCPv6 file never crash either. */
START_TEST(test_mutations6)
{
    const char *base =
        "shared-network s { subnet6 2001:db8:1::/64 { range6 2001:db8:1::100 2001:db8:1::1ff;\n"
        " range6 2001:db8:1:0:2::/80 temporary; pool6 { prefix6 2001:db8:100:: 2001:db8:1ff:: /56; } } }\n"
        "subnet6 2001:db8:2::/64 { range6 2001:db8:2:: temporary; }\n"
        "host h { fixed-address6 2001:db8:1::105; fixed-prefix6 2001:db8:1fe::/56; }\n";
    size_t n = strlen(base), i;
    char *buf = malloc(n + 1);
    unsigned seed = 4242;
    const char alphabet[] = "{};\"#\\ \n/:0f1a";
    int k;

    for (k = 0; k < 20000; k++) {
        isc_conf_t c;
        int m, rc;

        memcpy(buf, base, n + 1);
        for (m = 0; m < 3; m++) {
            seed = seed * 1103515245u + 12345u;
            i = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            buf[i] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
        }
        seed = seed * 1103515245u + 12345u;
        memset(&c, 0, sizeof c);
        rc = isc_conf_parse(&c, "m.conf", buf, (seed >> 8) % (n + 1), NULL, NULL, err, sizeof err);
        ck_assert(rc == 0 || (rc == -1 && strncmp(err, "m.conf:", 7) == 0));
        for (size_t r = 0; rc == 0 && r < c.nranges6; r++) {
            ck_assert(addr_cmp(&c.ranges6[r].low, &c.ranges6[r].high) <= 0);
            ck_assert_uint_lt(c.ranges6[r].subnet, c.nsubnets6);
        }
        isc_conf_free(&c);
    }
    free(buf);
}
END_TEST

/* Writes text to dir/name; returns the path in buf. */
static const char *write_file(const char *dir, const char *name, const char *text, char *buf, size_t len)
{
    FILE *f;

    snprintf(buf, len, "%s/%s", dir, name);
    f = fopen(buf, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return buf;
}

/* Fetches with the files given; pidfile NULL means --no-pidfile. */
static int fetch_pid(const char *conf, const char *leases, const char *pidfile, scope_list_t *l, char *e,
                     size_t elen)
{
    isc_options_t o;
    source_ctx_t ctx = { 10, NULL, 0, 0 };

    memset(l, 0, sizeof *l);
    memset(&o, 0, sizeof o);
    e[0] = '\0';
    o.config = conf;
    o.leases = leases;
    o.pidfile = pidfile && pidfile[0] ? pidfile : NULL;
    o.no_pidfile = pidfile == NULL;
    return source_isc.fetch(&o, &ctx, l, e, elen);
}

static int fetch(const char *conf, const char *leases, scope_list_t *l, char *e, size_t elen)
{
    return fetch_pid(conf, leases, NULL, l, e, elen);
}

/* dhcpd refuses a file with both subnet and subnet6 in either mode: so does
 * the plugin, naming both. */
START_TEST(test_mixed_family_refused)
{
    char dir[] = "/tmp/cds-isc-XXXXXX", conf[96], leases[96], e[512];
    scope_list_t l;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_file(dir, "dhcpd.conf",
               "subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }\n"
               "\n"
               "subnet6 2001:db8:1::/64 { range6 2001:db8:1::100 2001:db8:1::1ff; }\n",
               conf, sizeof conf);
    write_file(dir, "dhcpd.leases", "", leases, sizeof leases);
    ck_assert_int_eq(fetch(conf, leases, &l, e, sizeof e), SOURCE_ERROR);
    ck_assert_msg(strstr(e, "dhcpd.conf declares both IPv4 subnets (subnet, ") != NULL, "%s", e);
    ck_assert_msg(strstr(e, "dhcpd.conf:1) and IPv6 subnets (subnet6, ") != NULL, "%s", e);
    ck_assert_msg(strstr(e, "dhcpd.conf:3), which dhcpd refuses in either mode (-4 or -6): check each server "
                            "with its own configuration") != NULL, "%s", e);
    scope_list_free(&l);
    remove(conf);
    remove(leases);
    rmdir(dir);
}
END_TEST

/* A leases file of the other family is a wrong --leases, not empty pools. */
START_TEST(test_leases_of_other_family)
{
    char dir[] = "/tmp/cds-isc-XXXXXX", conf4[96], conf6[96], leases4[96], leases6[96], e[512];
    scope_list_t l;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_file(dir, "dhcpd.conf", "subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.10 10.0.0.20; }\n",
               conf4, sizeof conf4);
    write_file(dir, "dhcpd6.conf", "subnet6 2001:db8:1::/64 { range6 2001:db8:1::100 2001:db8:1::1ff; }\n",
               conf6, sizeof conf6);
    write_file(dir, "dhcpd.leases", "authoring-byte-order little-endian;\n\nlease 10.0.0.10 {\n"
               "  binding state active;\n}\n", leases4, sizeof leases4);
    write_file(dir, "dhcpd6.leases", "server-duid \"x\";\n\nia-na \"k\" {\n  iaaddr 2001:db8:1::100 {\n"
               "    binding state active;\n    ends never;\n  }\n}\n", leases6, sizeof leases6);
    ck_assert_int_eq(fetch(conf6, leases4, &l, e, sizeof e), SOURCE_ERROR);
    ck_assert_msg(strstr(e, "dhcpd.leases:3: a DHCPv4 lease block (lease ADDRESS { }) in the leases of a DHCPv6 "
                            "server (the configuration declares subnet6): --leases must name dhcpd -6's file "
                            "(/var/lib/dhcp/dhcpd6.leases by default)") != NULL, "%s", e);
    scope_list_free(&l);
    ck_assert_int_eq(fetch(conf4, leases6, &l, e, sizeof e), SOURCE_ERROR);
    ck_assert_msg(strstr(e, "dhcpd6.leases:3: a DHCPv6 lease block (ia-na, ia-ta or ia-pd) in the leases of a DHCPv4 "
                            "server (the configuration declares no subnet6): --leases must name dhcpd -4's file "
                            "(/var/lib/dhcp/dhcpd.leases by default)") != NULL, "%s", e);
    scope_list_free(&l);
    /* The right pairs read. */
    ck_assert_msg(fetch(conf6, leases6, &l, e, sizeof e) == 0, "%s", e);
    ck_assert_uint_eq(l.count, 1);
    ck_assert_count_eq(l.items[0].used, 1);
    scope_list_free(&l);
    ck_assert_msg(fetch(conf4, leases4, &l, e, sizeof e) == 0, "%s", e);
    ck_assert_count_eq(l.items[0].used, 1);
    scope_list_free(&l);
    remove(conf4);
    remove(conf6);
    remove(leases4);
    remove(leases6);
    rmdir(dir);
}
END_TEST

/* dhcpd -6 writes its pid where dhcpv6-pid-file-name says, else to
 * /var/run/dhcpd6.pid: a DHCPv6 configuration looks there, an IPv4 one at
 * its own. */
START_TEST(test_pidfile6)
{
    char dir[] = "/tmp/cds-isc-XXXXXX", conf6[96], conf6b[96], conf4[96], leases[96], pid[96], e[512], text[256];
    scope_list_t l;
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_file(dir, "dhcpd6.conf", "subnet6 2001:db8:1::/64 { range6 2001:db8:1::100 2001:db8:1::1ff; }\n",
               conf6, sizeof conf6);
    snprintf(pid, sizeof pid, "%s/dhcpd6.pid", dir);
    snprintf(text, sizeof text, "pid-file-name \"%s/v4.pid\";\ndhcpv6-pid-file-name \"%s\";\n"
             "subnet6 2001:db8:1::/64 { }\n", dir, pid);
    write_file(dir, "named.conf", text, conf6b, sizeof conf6b);
    snprintf(text, sizeof text, "dhcpv6-pid-file-name \"%s\";\nsubnet 10.0.0.0 netmask 255.255.255.0 { }\n", pid);
    write_file(dir, "dhcpd.conf", text, conf4, sizeof conf4);
    write_file(dir, "dhcpd6.leases", "", leases, sizeof leases);
    /* (Unless this machine runs a dhcpd -6 of its own.) */
    if (access(ISC_DEFAULT_PIDFILE6, F_OK) != 0) {
        ck_assert_int_eq(fetch_pid(conf6, leases, "", &l, e, sizeof e), SOURCE_DOWN);
        ck_assert_str_eq(e, "dhcpd is not running (no pid file /var/run/dhcpd6.pid)");
        scope_list_free(&l);
    }
    ck_assert_int_eq(fetch_pid(conf6b, leases, "", &l, e, sizeof e), SOURCE_DOWN);
    ck_assert_msg(strstr(e, "(no pid file /tmp/cds-isc-") && strstr(e, "/dhcpd6.pid)"), "%s", e);
    scope_list_free(&l);
    /* The pid of a running program that is not dhcpd: this test. */
    f = fopen(pid, "w");
    fprintf(f, "%ld\n", (long)getpid());
    fclose(f);
    ck_assert_int_eq(fetch_pid(conf6b, leases, "", &l, e, sizeof e), SOURCE_DOWN);
    ck_assert_msg(strstr(e, "dhcpd is not running (its pid file ") && strstr(e, "which is "), "%s", e);
    scope_list_free(&l);
    /* An IPv4 configuration does not read dhcpd -6's name. */
    if (access(ISC_DEFAULT_PIDFILE, F_OK) != 0) {
        ck_assert_int_eq(fetch_pid(conf4, leases, "", &l, e, sizeof e), SOURCE_DOWN);
        ck_assert_str_eq(e, "dhcpd is not running (no pid file /var/run/dhcpd.pid)");
        scope_list_free(&l);
    }
    remove(pid);
    remove(conf6);
    remove(conf6b);
    remove(conf4);
    remove(leases);
    rmdir(dir);
}
END_TEST

static Suite *isc_conf_suite(void)
{
    Suite *s = suite_create("isc_conf");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, test_subnet_and_ranges);
    tcase_add_test(tc, test_failover_pools);
    tcase_add_test(tc, test_shared_networks);
    tcase_add_test(tc, test_group_and_skipped_blocks);
    tcase_add_test(tc, test_include);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_include_errors);
    tcase_add_test(tc, test_include_depth);
    tcase_add_test(tc, test_long_tokens_and_nesting);
    tcase_add_test(tc, test_mutations);
    tcase_add_test(tc, test_addr_parse);
    tcase_add_test(tc, test_leading_zero_octets);
    tcase_add_test(tc, test_subnet6);
    tcase_add_test(tc, test_subnet6_errors);
    tcase_add_test(tc, test_hosts_stay_lenient);
    tcase_add_test(tc, test_mutations6);
    tcase_add_test(tc, test_mixed_family_refused);
    tcase_add_test(tc, test_leases_of_other_family);
    tcase_add_test(tc, test_pidfile6);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(isc_conf_suite)
