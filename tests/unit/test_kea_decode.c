#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kea_decode.h"
#include "kea_source.h"
#include "unit_main.h"

/* Recorded replies live in tests/data/kea (see its README); CMake passes the path. */
static char *load(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    char *buf;
    long n;

    snprintf(path, sizeof path, "%s/%s", CDS_KEA_DATA, name);
    f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static const kea_subnet_t *subnet(const kea_config_t *cfg, uint32_t id)
{
    for (size_t i = 0; i < cfg->count; i++)
        if (cfg->subnets[i].id == id)
            return &cfg->subnets[i];
    return NULL;
}

static uint32_t ip(const char *text)
{
    addr_t a;

    ck_assert_int_eq(addr_parse(text, strlen(text), &a), 0);
    return addr_v4_host(&a);
}

START_TEST(test_config_recorded)
{
    kea_config_t cfg;
    char err[256] = "";
    size_t len;
    char *text = load("single-config-get.json", &len);
    const kea_subnet_t *s;

    ck_assert_int_eq(kea_decode_config(text, len, &cfg, err, sizeof err), 0);
    ck_assert_uint_eq(cfg.count, 4);
    ck_assert_int_eq(cfg.ha_configured, 0);

    s = subnet(&cfg, 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("192.0.2.0"));
    ck_assert_uint_eq(s->addr.prefix, 24);
    ck_assert_str_eq(s->comment, "office");
    ck_assert_str_eq(s->network, "");
    ck_assert_count_eq(s->pool_total, 100);
    ck_assert_int_eq(s->has_pools, 1);

    /* "198.51.100.0/28" and "198.51.100.100-198.51.100.103" */
    s = subnet(&cfg, 7);
    ck_assert_ptr_nonnull(s);
    ck_assert_count_eq(s->pool_total, 20);

    s = subnet(&cfg, 9);
    ck_assert_ptr_nonnull(s);
    ck_assert_count_eq(s->pool_total, 0);
    ck_assert_int_eq(s->has_pools, 0);

    s = subnet(&cfg, 20);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->network, "floor-2");
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("10.0.2.0"));
    ck_assert_count_eq(s->pool_total, 10);
    kea_config_free(&cfg);
    free(text);
}
END_TEST

START_TEST(test_config_ha_recorded)
{
    kea_config_t cfg;
    char err[256] = "";
    size_t len;
    char *text = load("ha-config-get.json", &len);

    ck_assert_int_eq(kea_decode_config(text, len, &cfg, err, sizeof err), 0);
    ck_assert_int_eq(cfg.ha_configured, 1);
    ck_assert_str_eq(cfg.ha_server, "server1");
    ck_assert_str_eq(cfg.ha_mode, "load-balancing");
    ck_assert_uint_eq(cfg.count, 1);
    kea_config_free(&cfg);
    free(text);
}
END_TEST

static void check_recorded_stats(const char *name, int (*decode)(const char *, size_t, kea_stats_t *, char *, size_t))
{
    kea_stats_t st;
    char err[256] = "";
    size_t len;
    char *text = load(name, &len);
    const kea_stat_t *r;

    ck_assert_msg(decode(text, len, &st, err, sizeof err) == 0, "%s: %s", name, err);
    ck_assert_uint_eq(st.count, 4);
    for (size_t i = 1; i < st.count; i++)
        ck_assert_uint_lt(st.rows[i - 1].id, st.rows[i].id);
    /* The server had 30 assigned and 2 declined leases in subnet 1. */
    r = kea_stats_find(&st, 1);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->has_total, 1);
    ck_assert_uint_eq(r->total, 100);
    ck_assert_uint_eq(r->used, 30);
    ck_assert_uint_eq(r->declined, 2);
    r = kea_stats_find(&st, 7);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(r->total, 20);
    ck_assert_uint_eq(r->used, 0);
    ck_assert_uint_eq(r->declined, 1);
    r = kea_stats_find(&st, 20);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(r->used, 1);
    ck_assert_ptr_null(kea_stats_find(&st, 2));
    kea_stats_free(&st);
    free(text);
}

START_TEST(test_stat_lease4_recorded)
{
    check_recorded_stats("single-stat-lease4-get.json", kea_decode_stat_lease4);
}
END_TEST

START_TEST(test_stat_lease4_control_agent)
{
    check_recorded_stats("ca-stat-lease4-get.json", kea_decode_stat_lease4);
}
END_TEST

/* statistic-get-all counts declined leases as assigned too: the decoder subtracts. */
START_TEST(test_statistics_recorded)
{
    check_recorded_stats("single-statistic-get-all.json", kea_decode_statistics);
}
END_TEST

START_TEST(test_stat_lease4_unsupported)
{
    kea_stats_t st;
    char err[256] = "";
    size_t len;
    char *text = load("nohook-stat-lease4-get.json", &len);

    ck_assert_int_eq(kea_decode_stat_lease4(text, len, &st, err, sizeof err), KEA_E_UNSUPPORTED);
    ck_assert_str_eq(err, "Kea does not support stat-lease4-get (result 2: 'stat-lease4-get' command not supported.)");
    free(text);
}
END_TEST

START_TEST(test_stats_empty_server)
{
    kea_stats_t st;
    char err[256] = "";
    size_t len;
    char *text = load("empty-stat-lease4-get.json", &len);

    /* result 3: no subnets, which is an answer, not an error */
    ck_assert_int_eq(kea_decode_stat_lease4(text, len, &st, err, sizeof err), 0);
    ck_assert_uint_eq(st.count, 0);
    ck_assert_ptr_null(kea_stats_find(&st, 1));
    free(text);
    text = load("empty-statistic-get-all.json", &len);
    ck_assert_int_eq(kea_decode_statistics(text, len, &st, err, sizeof err), 0);
    ck_assert_uint_eq(st.count, 0);
    free(text);
}
END_TEST

START_TEST(test_result1)
{
    kea_config_t cfg;
    char err[256] = "";
    size_t len;
    char *text = load("ca-result1-service-down.json", &len);

    ck_assert_int_eq(kea_decode_config(text, len, &cfg, err, sizeof err), -1);
    ck_assert_str_eq(err, "Kea answered config-get with result 1: unable to forward command to the dhcp6 service: "
                          "No such file or directory. The server is likely to be offline");
    free(text);
}
END_TEST

START_TEST(test_ha_recorded)
{
    kea_ha_t ha;
    char err[256] = "";
    size_t len;
    char *text = load("single-status-get.json", &len);

    ck_assert_int_eq(kea_decode_ha(text, len, &ha, err, sizeof err), 0);
    ck_assert_int_eq(ha.present, 0);
    ck_assert_int_eq(kea_ha_plugin_state(&ha), STATE_OK);
    free(text);

    text = load("ha-status-get-load-balancing.json", &len);
    ck_assert_int_eq(kea_decode_ha(text, len, &ha, err, sizeof err), 0);
    ck_assert_int_eq(ha.present, 1);
    ck_assert_str_eq(ha.mode, "load-balancing");
    ck_assert_str_eq(ha.role, "primary");
    ck_assert_str_eq(ha.state, "load-balancing");
    ck_assert_str_eq(ha.partner_role, "secondary");
    ck_assert_str_eq(ha.partner_state, "ready");
    ck_assert_int_eq(ha.communication_interrupted, 0);
    ck_assert_int_eq(ha.nscopes, 1);
    ck_assert_int_eq(kea_ha_plugin_state(&ha), STATE_OK);
    free(text);

    text = load("ha-status-get-partner-down.json", &len);
    ck_assert_int_eq(kea_decode_ha(text, len, &ha, err, sizeof err), 0);
    ck_assert_str_eq(ha.state, "partner-down");
    ck_assert_str_eq(ha.partner_state, "unavailable");
    ck_assert_int_eq(ha.communication_interrupted, 1);
    ck_assert_int_eq(ha.nscopes, 2);
    ck_assert_int_eq(kea_ha_plugin_state(&ha), STATE_CRITICAL);
    free(text);

    text = load("ha-status-get-waiting.json", &len);
    ck_assert_int_eq(kea_decode_ha(text, len, &ha, err, sizeof err), 0);
    ck_assert_str_eq(ha.role, "secondary");
    ck_assert_str_eq(ha.state, "waiting");
    ck_assert_str_eq(ha.partner_state, "");
    ck_assert_int_eq(kea_ha_plugin_state(&ha), STATE_WARNING);
    free(text);
}
END_TEST

static const struct {
    const char *state;
    int interrupted;
    int expect;
} ha_table[] = {
    { "load-balancing", 0, STATE_OK },
    { "hot-standby", 0, STATE_OK },
    { "passive-backup", 0, STATE_OK },
    { "backup", 0, STATE_OK },
    { "hot-standby", 1, STATE_WARNING },
    { "load-balancing", 1, STATE_WARNING },
    { "partner-down", 0, STATE_CRITICAL },
    { "partner-down", 1, STATE_CRITICAL },
    { "terminated", 0, STATE_CRITICAL },
    { "waiting", 0, STATE_WARNING },
    { "syncing", 0, STATE_WARNING },
    { "ready", 0, STATE_WARNING },
    { "communication-recovery", 1, STATE_WARNING },
    { "in-maintenance", 0, STATE_WARNING },
    { "partner-in-maintenance", 0, STATE_WARNING },
    { "some-future-state", 0, STATE_WARNING },
    { "", 0, STATE_WARNING },
};

START_TEST(test_ha_table)
{
    kea_ha_t ha;

    memset(&ha, 0, sizeof ha);
    ha.present = 1;
    text_copy(ha.state, sizeof ha.state, ha_table[_i].state);
    ha.communication_interrupted = ha_table[_i].interrupted;
    ck_assert_msg(kea_ha_plugin_state(&ha) == ha_table[_i].expect, "%s (interrupted %d)", ha_table[_i].state,
                  ha_table[_i].interrupted);
}
END_TEST

START_TEST(test_truncated)
{
    kea_stats_t st;
    char err[256] = "";
    size_t len;
    char *text = load("single-stat-lease4-get.json", &len);

    ck_assert_int_eq(kea_decode_stat_lease4(text, len / 2, &st, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "Kea's reply to stat-lease4-get is not valid JSON: it ends early") == err, "%s", err);
    free(text);
}
END_TEST

typedef struct bad_reply {
    int which;                        /* 0 config, 1 stat-lease4-get, 2 statistic-get-all, 3 status-get */
    const char *text;
    const char *err;                  /* the sentence expected, as a prefix */
} bad_reply_t;

static const bad_reply_t bad_replies[] = {
    { 1, "", "Kea sent an empty reply to stat-lease4-get" },
    { 1, "{ \"result\": 0, ", "Kea's reply to stat-lease4-get is not valid JSON: it ends early" },
    { 1, "{ result: 0 }", "Kea's reply to stat-lease4-get is not valid JSON (" },
    { 1, "{ \"result\": 0 } trailing", "Kea's reply to stat-lease4-get is not valid JSON (more text at byte 16)" },
    { 1, "<html>502 Bad Gateway</html>", "Kea's reply to stat-lease4-get is not valid JSON (" },
    { 1, "[]", "Kea's reply to stat-lease4-get is an empty list" },
    { 1, "42", "Kea's reply to stat-lease4-get is not a JSON object" },
    { 1, "[ 42 ]", "Kea's reply to stat-lease4-get is not a JSON object" },
    { 1, "{ \"text\": \"hi\" }", "Kea's reply to stat-lease4-get lacks a numeric result" },
    { 1, "{ \"result\": \"0\" }", "Kea's reply to stat-lease4-get lacks a numeric result" },
    { 1, "{ \"result\": 1, \"text\": \"boom\" }", "Kea answered stat-lease4-get with result 1: boom" },
    { 1, "{ \"result\": 1 }", "Kea answered stat-lease4-get with result 1: (no text)" },
    { 1, "{ \"result\": 4, \"text\": \"?\" }", "Kea answered stat-lease4-get with result 4: ?" },
    { 1, "{ \"result\": 0, \"arguments\": [] }", "Kea's reply to stat-lease4-get has arguments that are not an object" },
    { 1, "{ \"result\": 0, \"arguments\": { } }", "Kea's reply to stat-lease4-get lacks arguments.result-set.columns" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"rows\": [] } } }",
      "Kea's reply to stat-lease4-get lacks arguments.result-set.columns" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [] } } }",
      "Kea's reply to stat-lease4-get lacks arguments.result-set.rows" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"declined-addresses\" ], "
         "\"rows\": [] } } }", "Kea's reply to stat-lease4-get lacks the column assigned-addresses" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ 1 ] } } }",
      "Kea's reply to stat-lease4-get has a row that is not a list" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, 2 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose declined-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, \"2\", 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, -2, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, 2.5, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, 1e30, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, 4294967297, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 1, 99999999999999999999999, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 4294967296, 1, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose subnet-id is not a whole number from 1 to 4294967295" },
    { 1, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-addresses\", "
         "\"declined-addresses\" ], \"rows\": [ [ 0, 1, 0 ] ] } } }",
      "Kea's reply to stat-lease4-get has a row whose subnet-id is not a whole number from 1 to 4294967295" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": 5 } }",
      "Kea's reply to statistic-get-all has subnet[1].assigned-addresses without a [value, time] sample" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": [ ] } }",
      "Kea's reply to statistic-get-all has subnet[1].assigned-addresses without a [value, time] sample" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": [ [ -1, \"t\" ] ] } }",
      "Kea's reply to statistic-get-all has subnet[1].assigned-addresses without a [value, time] sample" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp6\": { } } }",
      "Kea's reply to config-get lacks arguments.Dhcp4 (is this a DHCPv4 server?)" },
    { 0, "{ \"result\": 0 }", "Kea's reply to config-get lacks arguments.Dhcp4" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": {} } } }",
      "Kea's reply to config-get has a subnet4 that is not a list" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ 1 ] } } }",
      "Kea's reply to config-get has a subnet4 entry that is not an object" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"subnet\": \"10.0.0.0/24\" } ] } } }",
      "Kea's reply to config-get has a subnet4 entry without a valid id" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": \"1\", \"subnet\": \"10.0.0.0/24\" } ] } } }",
      "Kea's reply to config-get has a subnet4 entry without a valid id" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"10.0.0.0/33\" } ] } } }",
      "Kea's reply to config-get has subnet id 3 without a valid \"subnet\" prefix" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"10.0.0.0\" } ] } } }",
      "Kea's reply to config-get has subnet id 3 without a valid \"subnet\" prefix" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"10.0.0.0/24\", "
         "\"pools\": {} } ] } } }", "Kea's reply to config-get has subnet id 3 whose pools are not a list" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"10.0.0.0/24\", "
         "\"pools\": [ { \"pool\": \"10.0.0.9 - 10.0.0.1\" } ] } ] } } }",
      "Kea's reply to config-get has a pool in subnet id 3 that is neither 'FIRST - LAST' nor 'ADDRESS/LEN': "
      "10.0.0.9 - 10.0.0.1" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"10.0.0.0/24\", "
         "\"pools\": [ { \"pool\": 7 } ] } ] } } }",
      "Kea's reply to config-get has a pool in subnet id 3 that is neither 'FIRST - LAST' nor 'ADDRESS/LEN': (none)" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"shared-networks\": [ { \"name\": \"n\", \"subnet4\": "
         "[ { \"id\": 3 } ] } ] } } }", "Kea's reply to config-get has subnet id 3 without a valid \"subnet\" prefix" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"shared-networks\": 5 } } }",
      "Kea's reply to config-get has shared-networks that are not a list" },
    { 3, "{ \"result\": 0, \"arguments\": { \"high-availability\": [ ] } }",
      "Kea's reply to status-get lacks arguments.high-availability[0].ha-servers.local.state" },
    { 3, "{ \"result\": 0, \"arguments\": { \"high-availability\": [ { \"ha-servers\": { \"local\": { \"state\": 1 } } } ] } }",
      "Kea's reply to status-get lacks arguments.high-availability[0].ha-servers.local.state" },
};

START_TEST(test_bad_replies)
{
    const bad_reply_t *b = &bad_replies[_i];
    char err[512] = "";
    int rc;

    switch (b->which) {
    case 0: {
        kea_config_t cfg;

        rc = kea_decode_config(b->text, strlen(b->text), &cfg, err, sizeof err);
        ck_assert_ptr_null(cfg.subnets);
        break;
    }
    case 1: {
        kea_stats_t st;

        rc = kea_decode_stat_lease4(b->text, strlen(b->text), &st, err, sizeof err);
        ck_assert_ptr_null(st.rows);
        break;
    }
    case 2: {
        kea_stats_t st;

        rc = kea_decode_statistics(b->text, strlen(b->text), &st, err, sizeof err);
        ck_assert_ptr_null(st.rows);
        break;
    }
    default: {
        kea_ha_t ha;

        rc = kea_decode_ha(b->text, strlen(b->text), &ha, err, sizeof err);
        break;
    }
    }
    ck_assert_msg(rc == -1, "accepted: %s", b->text);
    ck_assert_msg(strncmp(err, b->err, strlen(b->err)) == 0, "for %s\n  got:  %s\n  want: %s", b->text, err, b->err);
}
END_TEST

START_TEST(test_pool_forms)
{
    static const char text[] =
        "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": ["
        " { \"id\": 5, \"subnet\": \"10.0.0.77/24\", \"pools\": [ { \"pool\": \"10.0.0.1-10.0.0.10\" },"
        "   { \"pool\": \"10.0.0.64/30\" }, { \"pool\": \"10.0.0.200/32\" }, { \"pool\": \"10.0.0.250 - 10.0.0.250\" } ] },"
        " { \"id\": 4000000000, \"subnet\": \"0.0.0.0/0\", \"pools\": [ { \"pool\": \"0.0.0.0/0\" } ],"
        "   \"user-context\": { \"comment\": 5 } } ] } } }";
    kea_config_t cfg;
    char err[256] = "";

    ck_assert_msg(kea_decode_config(text, strlen(text), &cfg, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(cfg.count, 2);
    ck_assert_uint_eq(addr_v4_host(&subnet(&cfg, 5)->addr), ip("10.0.0.0"));
    ck_assert_count_eq(subnet(&cfg, 5)->pool_total, 10 + 4 + 1 + 1);
    ck_assert_count_eq(subnet(&cfg, 4000000000u)->pool_total, (uint64_t)1 << 32);
    ck_assert_str_eq(subnet(&cfg, 4000000000u)->comment, "");
    kea_config_free(&cfg);
}
END_TEST

/* Columns are found by name: another order, extra columns and huge counts. */
START_TEST(test_columns_by_name)
{
    static const char text[] =
        "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"declined-addresses\", \"future\","
        " \"assigned-addresses\", \"subnet-id\" ], \"rows\": [ [ 3, \"x\", 4294967296, 12 ], [ 0, 1, 5, 2 ] ] } } }";
    kea_stats_t st;
    char err[256] = "";
    const kea_stat_t *r;

    ck_assert_msg(kea_decode_stat_lease4(text, strlen(text), &st, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(st.count, 2);
    ck_assert_uint_eq(st.rows[0].id, 2);
    r = kea_stats_find(&st, 12);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->has_total, 0);
    ck_assert_uint_eq(r->used, (uint64_t)1 << 32);
    ck_assert_uint_eq(r->declined, 3);
    kea_stats_free(&st);
}
END_TEST

/* Later Kea versions add pool statistics; only subnet[N].X counts. */
START_TEST(test_statistics_ignores_pools)
{
    static const char text[] =
        "[ { \"result\": 0, \"arguments\": {"
        " \"subnet[3].pool[0].assigned-addresses\": [ [ 99, \"t\" ] ],"
        " \"subnet[3].declined-addresses\": [ [ 4, \"t2\" ], [ 1, \"t1\" ] ],"
        " \"subnet[3].assigned-addresses\": [ [ 10, \"t2\" ], [ 2, \"t1\" ] ],"
        " \"subnet[3].total-addresses\": [ [ 50, \"t\" ] ],"
        " \"subnet[x].total-addresses\": [ [ 50, \"t\" ] ],"
        " \"subnet[4].assigned-addresses\": [ [ 1, \"t\" ] ],"
        " \"subnet[4].declined-addresses\": [ [ 3, \"t\" ] ] } } ]";
    kea_stats_t st;
    char err[256] = "";
    const kea_stat_t *r;

    ck_assert_msg(kea_decode_statistics(text, strlen(text), &st, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(st.count, 2);
    r = kea_stats_find(&st, 3);
    ck_assert_uint_eq(r->total, 50);
    ck_assert_uint_eq(r->used, 6);
    ck_assert_uint_eq(r->declined, 4);
    /* more declined than assigned cannot be: used is clamped at 0, not wrapped */
    r = kea_stats_find(&st, 4);
    ck_assert_int_eq(r->has_total, 0);
    ck_assert_uint_eq(r->used, 0);
    ck_assert_uint_eq(r->declined, 3);
    kea_stats_free(&st);
}
END_TEST


/* Decoded replies into the scope model: the recorded single server. */
START_TEST(test_fill_scopes_recorded)
{
    kea_config_t cfg;
    kea_stats_t st;
    scope_list_t l = { 0 };
    char err[256] = "";
    size_t len;
    char *cfg_text = load("single-config-get.json", &len);
    char *st_text;
    const scope_t *s;

    ck_assert_int_eq(kea_decode_config(cfg_text, len, &cfg, err, sizeof err), 0);
    st_text = load("single-stat-lease4-get.json", &len);
    ck_assert_int_eq(kea_decode_stat_lease4(st_text, len, &st, err, sizeof err), 0);
    ck_assert_msg(kea_fill_scopes(&l, &cfg, &st, -1, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(l.count, 4);
    ck_assert_uint_eq(l.nfailovers, 0);
    s = &l.items[0];
    ck_assert_uint_eq(s->id, 1);
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("192.0.2.0"));
    ck_assert_uint_eq(s->addr.prefix, 24);
    ck_assert_str_eq(s->name, "office");
    ck_assert_str_eq(s->group, "");
    ck_assert_count_eq(s->total, 100);
    ck_assert_count_eq(s->used, 30);
    ck_assert_count_eq(s->declined, 2);
    ck_assert_count_eq(s->free, 68);
    ck_assert_int_eq(s->failover, -1);
    s = &l.items[1];
    ck_assert_uint_eq(s->id, 7);
    ck_assert_count_eq(s->total, 20);
    ck_assert_count_eq(s->declined, 1);
    ck_assert_count_eq(s->free, 19);
    s = &l.items[2];
    ck_assert_uint_eq(s->id, 9);
    ck_assert_count_eq(s->total, 0);
    ck_assert_count_eq(s->free, 0);
    s = &l.items[3];
    ck_assert_uint_eq(s->id, 20);
    ck_assert_str_eq(s->group, "floor-2");
    ck_assert_count_eq(s->total, 10);
    ck_assert_count_eq(s->used, 1);
    ck_assert_count_eq(s->free, 9);
    scope_list_free(&l);

    /* A subnet the statistics lack: the configuration changed in between. */
    st.count--;
    ck_assert_int_eq(kea_fill_scopes(&l, &cfg, &st, -1, err, sizeof err), -1);
    ck_assert_str_eq(err, "Kea reports no lease statistics for subnet id 20 (10.0.2.0/24); was the "
                          "configuration reloaded during the check?");
    st.count++;
    scope_list_free(&l);
    kea_stats_free(&st);
    kea_config_free(&cfg);
    free(cfg_text);
    free(st_text);
}
END_TEST

/* Without a total from the statistics, the pools' own size counts. */
START_TEST(test_fill_scopes_pool_total_fallback)
{
    kea_config_t cfg;
    kea_stats_t st;
    scope_list_t l = { 0 };
    char err[256] = "";
    size_t len;
    char *cfg_text = load("single-config-get.json", &len);
    static const char stats[] =
        "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", "
        "\"assigned-addresses\", \"declined-addresses\" ], \"rows\": [ [ 1, 99, 2 ], [ 7, 0, 0 ], [ 9, 0, 0 ],"
        " [ 20, 1, 0 ] ] } } }";

    ck_assert_int_eq(kea_decode_config(cfg_text, len, &cfg, err, sizeof err), 0);
    ck_assert_int_eq(kea_decode_stat_lease4(stats, strlen(stats), &st, err, sizeof err), 0);
    ck_assert_int_eq(kea_fill_scopes(&l, &cfg, &st, 0, err, sizeof err), 0);
    ck_assert_count_eq(l.items[0].total, 100);
    /* More taken than the pools hold: free is 0, never wrapped. */
    ck_assert_count_eq(l.items[0].free, 0);
    ck_assert_count_eq(l.items[1].total, 20);
    ck_assert_int_eq(l.items[1].failover, 0);
    scope_list_free(&l);
    kea_stats_free(&st);
    kea_config_free(&cfg);
    free(cfg_text);
}
END_TEST

/* The HA relationship from the recorded pair's config-get and status-get. */
START_TEST(test_add_failover_recorded)
{
    /* The waiting one is the secondary, started alone (tests/data/kea/README.md). */
    static const struct { const char *file, *role, *state, *partner; int plugin; } cases[] = {
        { "ha-status-get-load-balancing.json", "primary", "load-balancing", "ready", STATE_OK },
        { "ha-status-get-partner-down.json", "primary", "partner-down", "unreachable", STATE_CRITICAL },
        { "ha-status-get-waiting.json", "secondary", "waiting", "", STATE_WARNING },
    };
    kea_config_t cfg;
    char err[256] = "";
    size_t len;
    char *cfg_text = load("ha-config-get.json", &len);

    ck_assert_int_eq(kea_decode_config(cfg_text, len, &cfg, err, sizeof err), 0);
    ck_assert_str_eq(cfg.ha_server, "server1");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scope_list_t l = { 0 };
        kea_ha_t ha;
        char *text = load(cases[i].file, &len);
        const scope_failover_t *f;

        ck_assert_int_eq(kea_decode_ha(text, len, &ha, err, sizeof err), 0);
        ck_assert_int_eq(kea_add_failover(&l, &cfg, &ha), 0);
        f = &l.failovers[0];
        ck_assert_str_eq(f->name, "server1");
        ck_assert_str_eq(f->mode, "load-balancing");
        ck_assert_str_eq(f->role, cases[i].role);
        ck_assert_str_eq(f->state, cases[i].state);
        ck_assert_str_eq(f->partner_state, cases[i].partner);
        ck_assert_int_eq(f->plugin_state, cases[i].plugin);
        scope_list_free(&l);
        free(text);
    }
    {
        /* The hook is configured, but status-get says nothing of it. */
        scope_list_t l = { 0 };
        kea_ha_t ha;

        memset(&ha, 0, sizeof ha);
        ck_assert_int_eq(kea_add_failover(&l, &cfg, &ha), 0);
        ck_assert_str_eq(l.failovers[0].state, "not reported by status-get");
        ck_assert_str_eq(l.failovers[0].mode, "load-balancing");
        ck_assert_int_eq(l.failovers[0].plugin_state, STATE_WARNING);
        scope_list_free(&l);
    }
    kea_config_free(&cfg);
    free(cfg_text);
}
END_TEST

static Suite *kea_decode_suite(void)
{
    Suite *s = suite_create("kea_decode");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_config_recorded);
    tcase_add_test(tc, test_config_ha_recorded);
    tcase_add_test(tc, test_stat_lease4_recorded);
    tcase_add_test(tc, test_stat_lease4_control_agent);
    tcase_add_test(tc, test_statistics_recorded);
    tcase_add_test(tc, test_stat_lease4_unsupported);
    tcase_add_test(tc, test_stats_empty_server);
    tcase_add_test(tc, test_result1);
    tcase_add_test(tc, test_ha_recorded);
    tcase_add_loop_test(tc, test_ha_table, 0, (int)(sizeof ha_table / sizeof ha_table[0]));
    tcase_add_test(tc, test_truncated);
    tcase_add_loop_test(tc, test_bad_replies, 0, (int)(sizeof bad_replies / sizeof bad_replies[0]));
    tcase_add_test(tc, test_pool_forms);
    tcase_add_test(tc, test_columns_by_name);
    tcase_add_test(tc, test_statistics_ignores_pools);
    suite_add_tcase(s, tc);
    tc = tcase_create("source");
    tcase_add_test(tc, test_fill_scopes_recorded);
    tcase_add_test(tc, test_fill_scopes_pool_total_fallback);
    tcase_add_test(tc, test_add_failover_recorded);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(kea_decode_suite)
