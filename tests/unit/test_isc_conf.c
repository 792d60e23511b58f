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

/* A dhcpd -6 configuration is named as such, not "no scopes". */
START_TEST(test_subnet6_only_is_named)
{
    char dir[] = "/tmp/cds-isc-XXXXXX", conf[64], leases[64], e[512] = "";
    isc_options_t o;
    source_ctx_t ctx = { 10, NULL, 0, 0 };
    scope_list_t l = { 0 };
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(conf, sizeof conf, "%s/dhcpd6.conf", dir);
    snprintf(leases, sizeof leases, "%s/dhcpd6.leases", dir);
    f = fopen(conf, "w");
    fputs("subnet6 2001:db8:1::/64 {\n  range6 2001:db8:1::100 2001:db8:1::1ff;\n}\n", f);
    fclose(f);
    f = fopen(leases, "w");
    fclose(f);
    o.config = conf;
    o.leases = leases;
    ck_assert_int_lt(source_isc.fetch(&o, &ctx, &l, e, sizeof e), 0);
    ck_assert_ptr_nonnull(strstr(e, "dhcpd6.conf declares only DHCPv6 subnets (subnet6): it is a DHCPv6 configuration"));
    scope_list_free(&l);
    remove(conf);
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
    tcase_add_test(tc, test_subnet6_only_is_named);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(isc_conf_suite)
