/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <string.h>

#include "mswin_map.h"
#include "mswin_scopes.h"
#include "states.h"
#include "unit_main.h"

static const struct {
    uint32_t fsm;
    const char *name;
    int state;
} fsm_table[] = {
    { 0, "NoState", STATE_WARNING },
    { 1, "Init", STATE_WARNING },
    { 2, "Startup", STATE_WARNING },
    { 3, "Normal", STATE_OK },
    { 4, "CommunicationInterrupted", STATE_WARNING },
    { 5, "PartnerDown", STATE_CRITICAL },
    { 6, "PotentialConflict", STATE_WARNING },
    { 7, "ConflictDone", STATE_WARNING },
    { 8, "ResolutionInterrupted", STATE_WARNING },
    { 9, "Recover", STATE_WARNING },
    { 10, "RecoverWait", STATE_WARNING },
    { 11, "RecoverDone", STATE_WARNING },
    { 12, "Paused", STATE_WARNING },
    { 13, "Shutdown", STATE_WARNING },
    { 14, "Unknown(14)", STATE_WARNING },
    { 0xFFFFFFFFu, "Unknown(4294967295)", STATE_WARNING },
};

START_TEST(test_fsm)
{
    char buf[48];

    mswin_fsm_name(fsm_table[_i].fsm, buf, sizeof buf);
    ck_assert_str_eq(buf, fsm_table[_i].name);
    ck_assert_int_eq(mswin_fsm_plugin_state(fsm_table[_i].fsm), fsm_table[_i].state);
}
END_TEST

START_TEST(test_mode_role)
{
    ck_assert_str_eq(mswin_mode_name(0), "load-balance");
    ck_assert_str_eq(mswin_mode_name(1), "hot-standby");
    ck_assert_str_eq(mswin_mode_name(2), "");
    ck_assert_str_eq(mswin_role_name(0), "primary");
    ck_assert_str_eq(mswin_role_name(1), "secondary");
    ck_assert_str_eq(mswin_role_name(7), "");
}
END_TEST

/* What a code means from a failover call and from any other call. */
static const struct {
    uint32_t code;
    enum mswin_error_kind kind, failover_kind;
} kinds[] = {
    { 5, MSWIN_ERR_ACCESS, MSWIN_ERR_ACCESS }, { 20121, MSWIN_ERR_ACCESS, MSWIN_ERR_ACCESS },
    { 1722, MSWIN_ERR_UNREACHABLE, MSWIN_ERR_UNREACHABLE }, { 20122, MSWIN_ERR_UNREACHABLE, MSWIN_ERR_UNREACHABLE },
    { 1753, MSWIN_ERR_NOT_RUNNING, MSWIN_ERR_NOT_RUNNING }, { 20123, MSWIN_ERR_NOT_RUNNING, MSWIN_ERR_NOT_RUNNING },
    { 20124, MSWIN_ERR_NAME, MSWIN_ERR_NAME }, { 20005, MSWIN_ERR_NO_SUBNET, MSWIN_ERR_NO_SUBNET },
    { 20115, MSWIN_ERR_NOT_IN_FAILOVER, MSWIN_ERR_NOT_IN_FAILOVER },
    { 20116, MSWIN_ERR_NOT_IN_FAILOVER, MSWIN_ERR_NOT_IN_FAILOVER },
    { 20118, MSWIN_ERR_NO_FAILOVER, MSWIN_ERR_NO_FAILOVER }, { 20134, MSWIN_ERR_NO_FAILOVER, MSWIN_ERR_NO_FAILOVER },
    /* RPC_S_PROCNUM_OUT_OF_RANGE means "no failover" only from a failover call. */
    { 1745, MSWIN_ERR_OTHER, MSWIN_ERR_NO_FAILOVER },
    { 0, MSWIN_ERR_OTHER, MSWIN_ERR_OTHER }, { 87, MSWIN_ERR_OTHER, MSWIN_ERR_OTHER },
    { 1726, MSWIN_ERR_OTHER, MSWIN_ERR_OTHER },
};

START_TEST(test_error_kind)
{
    ck_assert_int_eq(mswin_error_kind(kinds[_i].code, 0), kinds[_i].kind);
    ck_assert_int_eq(mswin_error_kind(kinds[_i].code, 1), kinds[_i].failover_kind);
}
END_TEST

/* The codes that mean "the server is down": SOURCE_DOWN, not SOURCE_ERROR. */
static const struct {
    uint32_t code;
    int down;
} downs[] = {
    { 1722, 1 }, { 1753, 1 }, { 20122, 1 }, { 20123, 1 },
    { 0, 0 }, { 5, 0 }, { 20121, 0 }, { 20124, 0 }, { 20005, 0 }, { 20116, 0 }, { 20134, 0 },
    { 1745, 0 }, { 1726, 0 }, { 87, 0 }, { 0xFFFFFFFFu, 0 },
};

START_TEST(test_error_is_down)
{
    ck_assert_int_eq(mswin_error_is_down(downs[_i].code), downs[_i].down);
}
END_TEST

START_TEST(test_family)
{
    unsigned mask = 0;
    char err[128] = "";

    ck_assert_int_eq(mswin_family(NULL, &mask, err, sizeof err), 0);
    ck_assert_uint_eq(mask, MSWIN_FAMILY_V4);
    ck_assert_int_eq(mswin_family("6", &mask, err, sizeof err), 0);
    ck_assert_uint_eq(mask, MSWIN_FAMILY_V6);
    ck_assert_int_eq(mswin_family("both", &mask, err, sizeof err), 0);
    ck_assert_uint_eq(mask, MSWIN_FAMILY_V4 | MSWIN_FAMILY_V6);
    ck_assert_int_eq(mswin_family("v6", &mask, err, sizeof err), -1);
    ck_assert_str_eq(err, "--family 'v6' is not 4, 6 or both");
}
END_TEST

START_TEST(test_failover_calls)
{
    ck_assert(mswin_is_failover_call("DhcpV4FailoverGetScopeStatistics"));
    ck_assert(mswin_is_failover_call("DhcpV4FailoverEnumRelationship"));
    ck_assert(!mswin_is_failover_call("DhcpGetSubnetInfo"));
    ck_assert(!mswin_is_failover_call("DhcpGetMibInfoV5"));
    ck_assert(!mswin_is_failover_call(NULL));
}
END_TEST

static void sentence_of(const char *call, uint32_t code, const char *server, const char *scope,
                        const char *account, const char *text, char *buf, size_t len)
{
    mswin_call_error_t e = { .code = code, .call = call, .failover_call = mswin_is_failover_call(call),
                             .server = server, .scope = scope, .account = account, .system_text = text };

    mswin_error_sentence(&e, buf, len);
}

static void sentence(uint32_t code, const char *server, const char *scope, const char *account,
                     const char *text, char *buf, size_t len)
{
    sentence_of("DhcpEnumSubnets", code, server, scope, account, text, buf, len);
}

START_TEST(test_sentences)
{
    char buf[512];

    sentence(5, "dhcp01", NULL, "svc-nagios", NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "access denied by the DHCP server on dhcp01 (DhcpEnumSubnets: error 5): "
                          "the account running the check (svc-nagios) must be a member of the DHCP "
                          "Users group on that server");
    sentence(20121, "dhcp01", NULL, "SYSTEM", NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "DHCP Users"));
    ck_assert_ptr_nonnull(strstr(buf, "this computer's account, DOMAIN\\COMPUTER$"));
    sentence(5, NULL, NULL, "SYSTEM", NULL, buf, sizeof buf);
    ck_assert_ptr_null(strstr(buf, "COMPUTER$"));
    ck_assert_ptr_nonnull(strstr(buf, "on this computer"));
    sentence(5, NULL, NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "the account running the check must be"));

    sentence(1722, "10.1.2.3", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "cannot reach the DHCP server on 10.1.2.3 (DhcpEnumSubnets: error 1722"));
    ck_assert_ptr_nonnull(strstr(buf, "TCP 135"));
    ck_assert_ptr_nonnull(strstr(buf, "error 1722, RPC server unavailable)"));
    sentence(20122, "10.1.2.3", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "cannot reach the DHCP server on 10.1.2.3 (DhcpEnumSubnets: error 20122, "
                                      "server not reachable)"));
    sentence(1722, NULL, NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "the DHCP Server service on this computer does not answer"));
    sentence(1753, "dhcp01", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "the DHCP Server service is not running on dhcp01 (DhcpEnumSubnets: error "
                          "1753): start it (Start-Service DHCPServer) or check -H");
    sentence(20124, "nosuch", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "the server name nosuch cannot be resolved (DhcpEnumSubnets: error 20124): "
                          "check -H and DNS");
    sentence(20005, "dhcp01", "10.0.5.0", NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "scope 10.0.5.0 does not exist on dhcp01 (DhcpEnumSubnets: error 20005): check -s");
    sentence_of("DhcpV4FailoverEnumRelationship", 20134, "dhcp01", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(strstr(buf, "does not support failover"));
    ck_assert_ptr_nonnull(strstr(buf, "Windows Server 2012"));
    sentence_of("DhcpV4FailoverGetScopeStatistics", 20116, "dhcp01", "10.0.5.0", NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "scope 10.0.5.0 is not in a failover relationship on dhcp01 "
                          "(DhcpV4FailoverGetScopeStatistics: error 20116)");
    /* Failover and scope codes from calls about neither say only what happened. */
    sentence(20134, "dhcp01", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "DhcpEnumSubnets failed on dhcp01 with error 20134");
    sentence_of("DhcpGetMibInfoV6", 20116, NULL, NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "DhcpGetMibInfoV6 failed on this computer with error 20116");
    sentence_of("DhcpGetMibInfoV5", 20005, NULL, NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "DhcpGetMibInfoV5 failed on this computer with error 20005");
    sentence(1726, "dhcp01", NULL, NULL, "The remote procedure call failed", buf, sizeof buf);
    ck_assert_str_eq(buf, "DhcpEnumSubnets failed on dhcp01 with error 1726: The remote procedure call failed");
    sentence(4242, NULL, NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "DhcpEnumSubnets failed on this computer with error 4242");
}
END_TEST

/* 1745 from a call that is not about failover is reported as what it is. */
START_TEST(test_1745_outside_failover)
{
    char buf[512];

    sentence_of("DhcpGetSubnetInfo", 1745, "dhcp01", NULL, NULL, "The procedure number is out of range",
                buf, sizeof buf);
    ck_assert_str_eq(buf, "DhcpGetSubnetInfo failed on dhcp01 with error 1745: The procedure number is out of range");
    sentence_of("DhcpV4FailoverGetScopeStatistics", 1745, "dhcp01", NULL, NULL, NULL, buf, sizeof buf);
    ck_assert_str_eq(buf, "the DHCP server on dhcp01 does not support failover (DhcpV4FailoverGetScopeStatistics: "
                          "error 1745): Windows Server 2012 or later is needed");
}
END_TEST

/* A short buffer gets the sentence's beginning, terminated, and nothing past it. */
START_TEST(test_sentence_truncates)
{
    char full[512], buf[41];

    sentence(5, "dhcp01", NULL, "svc", NULL, full, sizeof full);
    ck_assert_uint_gt(strlen(full), sizeof buf);
    memset(buf, 'x', sizeof buf);
    sentence(5, "dhcp01", NULL, "svc", NULL, buf, sizeof buf - 1);
    ck_assert_uint_eq(strlen(buf), sizeof buf - 2);
    ck_assert_int_eq(strncmp(buf, full, sizeof buf - 2), 0);
    ck_assert_int_eq(buf[sizeof buf - 1], 'x');
}
END_TEST

/* -s: addresses and prefixes by family, each once; a name means listing all. */
START_TEST(test_wanted)
{
    const char *pats[] = { "10.0.1.0", "10.0.1.0/24", "2001:db8:1::/64", "10.0.2.0" };
    const char *named[] = { "10.0.1.0", "Office" };
    source_ctx_t ctx = { 10, pats, 4, 0 };
    mswin_addrs_t v4 = { 0 }, v6 = { 0 };
    char err[256] = "";

    ck_assert_int_eq(mswin_wanted(&ctx, MSWIN_FAMILY_V4 | MSWIN_FAMILY_V6, &v4, &v6, err, sizeof err), 1);
    ck_assert_uint_eq(v4.n, 2);
    ck_assert_uint_eq(v6.n, 1);
    ck_assert_uint_eq(addr_v4_host(&v4.v[1]), 0x0A000200u);
    mswin_addrs_free(&v4);
    mswin_addrs_free(&v6);
    ck_assert_int_eq(mswin_wanted(&ctx, MSWIN_FAMILY_V4, &v4, &v6, err, sizeof err), SOURCE_ERROR);
    ck_assert_str_eq(err, "-s 2001:db8:1::/64 names an IPv6 scope, but only the server's IPv4 scopes are read: "
                          "use --family 6 or --family both");
    ck_assert_ptr_null(v4.v);
    ctx.scopes = named;
    ctx.nscopes = 2;
    ck_assert_int_eq(mswin_wanted(&ctx, MSWIN_FAMILY_V4, &v4, &v6, err, sizeof err), 0);
    ck_assert_uint_eq(v4.n, 0);
    ctx.nscopes = 0;
    ck_assert_int_eq(mswin_wanted(&ctx, MSWIN_FAMILY_V4, &v4, &v6, err, sizeof err), 0);
}
END_TEST

START_TEST(test_state_checked)
{
    addr_t a = addr_v4(0x0A000900u, 32);
    char err[256] = "";

    ck_assert_int_eq(mswin_state_checked(MSWIN_SUBNET_ENABLED, 0, 0, &a, "dhcp01", err, sizeof err), 1);
    ck_assert_int_eq(mswin_state_checked(MSWIN_SUBNET_ENABLED_SWITCHED, 0, 1, &a, "dhcp01", err, sizeof err), 1);
    ck_assert_int_eq(mswin_state_checked(1, 0, 0, &a, "dhcp01", err, sizeof err), 0);
    ck_assert_int_eq(mswin_state_checked(3, 1, 1, &a, "dhcp01", err, sizeof err), 1);
    ck_assert_int_eq(mswin_state_checked(1, 0, 1, &a, "dhcp01", err, sizeof err), SOURCE_ERROR);
    ck_assert_str_eq(err, "scope 10.0.9.0 is disabled on dhcp01: enable it, or add --include-disabled to check it anyway");
}
END_TEST

/* How both clients put a server's figures into the model. */
#define EQ(c, v) (count_cmp((c), count_of(v)) == 0)

START_TEST(test_model_fill)
{
    scope_list_t list = { 0 };
    scope_t *s;
    const mswin_fo_stats_t st = { .num_addr = 200, .addr_free = 50, .addr_in_use = 150, .partner_addr_free = 20,
                                  .this_addr_free = 30, .partner_addr_in_use = 70, .this_addr_in_use = 80 };
    char name[SCOPE_TEXT_MAX + 8];
    int idx;

    ck_assert_ptr_nonnull(s = scope_add(&list));
    s->addr = addr_v4(0x0A000200u, 24);
    ck_assert_ptr_nonnull(s = scope_add(&list));
    s->addr = addr_v4(0x0A000100u, 24);
    scope_list_sort(&list);
    ck_assert_ptr_eq(mswin_scope_v4(&list, 0x0A000100u), &list.items[0]);
    ck_assert_ptr_eq(mswin_scope_v4(&list, 0x0A000200u), &list.items[1]);
    ck_assert_ptr_null(mswin_scope_v4(&list, 0x0A000300u));

    s = &list.items[0];
    mswin_set_counts(s, 60, 40);
    ck_assert(EQ(s->used, 60) && EQ(s->free, 40));
    ck_assert(EQ(s->total, 100));
    mswin_set_fo_stats(s, &st);
    ck_assert(EQ(s->total, 200) && EQ(s->free, 50));
    ck_assert(EQ(s->used, 150));
    ck_assert(s->has_free_split && EQ(s->this_free, 30) && EQ(s->partner_free, 20));
    ck_assert(s->has_used_split && EQ(s->this_used, 80) && EQ(s->partner_used, 70));

    /* A scope that left its relationship keeps its MIB figures; other codes are errors. */
    ck_assert(mswin_fo_scope_left(0));
    ck_assert(mswin_fo_scope_left(20116));
    ck_assert(mswin_fo_scope_left(20115));
    ck_assert(mswin_fo_scope_left(1745));
    ck_assert(!mswin_fo_scope_left(5));
    ck_assert(!mswin_fo_scope_left(1753));

    idx = mswin_add_relationship(&list, "dhcp01-dhcp02", 1, 0, 3);
    ck_assert_int_eq(idx, 0);
    ck_assert_str_eq(list.failovers[0].name, "dhcp01-dhcp02");
    ck_assert_str_eq(list.failovers[0].mode, "hot-standby");
    ck_assert_str_eq(list.failovers[0].role, "primary");
    ck_assert_str_eq(list.failovers[0].state, "Normal");
    ck_assert_int_eq(list.failovers[0].plugin_state, STATE_OK);
    /* A long name is cut before a character, not inside one ("\xc3\xa9" is e-acute). */
    memset(name, 'a', sizeof name);
    memcpy(name + SCOPE_TEXT_MAX - 2, "\xc3\xa9", 2);
    name[sizeof name - 1] = '\0';
    ck_assert_int_eq(mswin_add_relationship(&list, name, 0, 1, 3), 1);
    ck_assert_uint_eq(strlen(list.failovers[1].name), SCOPE_TEXT_MAX - 2);
    scope_list_free(&list);
}
END_TEST

static Suite *mswin_map_suite(void)
{
    Suite *s = suite_create("mswin_map");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_fsm, 0, (int)(sizeof fsm_table / sizeof fsm_table[0]));
    tcase_add_test(tc, test_mode_role);
    tcase_add_loop_test(tc, test_error_kind, 0, (int)(sizeof kinds / sizeof kinds[0]));
    tcase_add_loop_test(tc, test_error_is_down, 0, (int)(sizeof downs / sizeof downs[0]));
    tcase_add_test(tc, test_family);
    tcase_add_test(tc, test_failover_calls);
    tcase_add_test(tc, test_wanted);
    tcase_add_test(tc, test_state_checked);
    tcase_add_test(tc, test_model_fill);
    tcase_add_test(tc, test_sentences);
    tcase_add_test(tc, test_1745_outside_failover);
    tcase_add_test(tc, test_sentence_truncates);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(mswin_map_suite)
