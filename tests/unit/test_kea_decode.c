/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fixtures.h"
#include "kea_decode.h"
#include "kea_source.h"
#include "unit_main.h"

/* Replies live in tests/data/kea (see its README): recorded from Kea 2.2 at
 * the top, constructed from the source of 2.4, 2.6, 3.0 and 3.2 in their
 * folders. CMake passes the path. */
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

/* A count, compared as decimal text (counts past 64 bits). */
#define ck_assert_count_text(c, text)                                                       \
    do {                                                                                    \
        char ck_buf_[COUNT_TEXT_MAX];                                                       \
        ck_assert_str_eq(count_format((c), ck_buf_, sizeof ck_buf_), (text));               \
    } while (0)

static const kea_subnet_t *subnet(const kea_config_t *cfg, uint32_t id)
{
    for (size_t i = 0; i < cfg->count; i++)
        if (cfg->subnets[i].id == id)
            return &cfg->subnets[i];
    ck_abort_msg("no subnet id %u", id);
    return NULL;
}

static uint32_t ip(const char *text)
{
    addr_t a;

    ck_assert_int_eq(addr_parse(text, strlen(text), &a), 0);
    return addr_v4_host(&a);
}

static const char *prefix_text(const addr_t *a, char *buf, size_t len)
{
    addr_format_prefix(a, buf, len);
    return buf;
}

static void decode_config_file(const char *name, kea_config_t *cfg)
{
    char err[256] = "";
    size_t len;
    char *text = load(name, &len);

    ck_assert_msg(kea_decode_config(text, len, cfg, err, sizeof err) == 0, "%s: %s", name, err);
    free(text);
}

static void decode_version_file(const char *name, kea_version_t *v)
{
    char err[256] = "";
    size_t len;
    char *text = load(name, &len);

    ck_assert_msg(kea_decode_version(text, len, v, err, sizeof err) == 0, "%s: %s", name, err);
    free(text);
}

/* Every version's version-get, over a socket, the Control Agent and a
 * daemon's own HTTP socket. */
START_TEST(test_version)
{
    static const struct { const char *file; unsigned major, minor; int counts_declined, pool_stats; } cases[] = {
        { "single-version-get.json", 2, 2, 0, 0 },
        { "v6-version-get.json", 2, 2, 0, 0 },
        { "2.4/v4-version-get.json", 2, 4, 0, 1 },
        { "2.4/ca-version-get-dhcp4.json", 2, 4, 0, 1 },
        { "2.6/v6-version-get.json", 2, 6, 0, 1 },
        { "3.0/v4-version-get.json", 3, 0, 0, 1 },
        { "3.0/http-version-get-v4.json", 3, 0, 0, 1 },
        { "3.2/v4-version-get.json", 3, 2, 1, 1 },
        { "3.2/http-version-get-v4.json", 3, 2, 1, 1 },
    };
    kea_version_t v;
    kea_config_t cfg;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        decode_version_file(cases[i].file, &v);
        ck_assert_msg(v.major == cases[i].major && v.minor == cases[i].minor && v.patch == 0, "%s: %u.%u.%u",
                      cases[i].file, v.major, v.minor, v.patch);
        ck_assert_int_eq(kea_lease_counts_declined(&v), cases[i].counts_declined);
        /* kea_wants_pool_stats needs a subnet with two pool-ids too */
        decode_config_file("3.2/v4-config-get.json", &cfg);
        ck_assert_int_eq(kea_wants_pool_stats(&v, &cfg), cases[i].pool_stats);
        kea_config_free(&cfg);
    }
    v.major = 3;
    v.minor = 1;
    v.patch = 1;
    ck_assert_int_eq(kea_lease_counts_declined(&v), 0);
    v.patch = 2;
    ck_assert_int_eq(kea_lease_counts_declined(&v), 1);
    v.major = 2;
    v.minor = 3;
    v.patch = 7;
    decode_config_file("3.2/v4-config-get.json", &cfg);
    ck_assert_int_eq(kea_wants_pool_stats(&v, &cfg), 0);
    v.patch = 8;
    ck_assert_int_eq(kea_wants_pool_stats(&v, &cfg), 1);
    kea_config_free(&cfg);
    /* One pool per subnet and no reservations: nothing to learn per pool. */
    decode_config_file("single-config-get.json", &cfg);
    ck_assert_int_eq(kea_wants_pool_stats(&v, &cfg), 0);
    kea_config_free(&cfg);
}
END_TEST

START_TEST(test_version_bad)
{
    static const char *const bad[] = {
        "{ \"result\": 0, \"text\": \"Kea\" }",
        "{ \"result\": 0, \"text\": \"2.x\" }",
        "{ \"result\": 0, \"text\": \"2.2\" }",
        "{ \"result\": 0, \"arguments\": { \"extended\": \"tarball\" } }",
        "{ \"result\": 0, \"text\": \"99999.1.1\" }",
    };
    kea_version_t v;
    char err[256];

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(kea_decode_version(bad[i], strlen(bad[i]), &v, err, sizeof err) == KEA_E_FAIL, "%s", bad[i]);
        ck_assert_msg(strncmp(err, "Kea's reply to version-get has no version number MAJOR.MINOR.PATCH: ", 68) == 0,
                      "%s", err);
    }
    /* text without a number: the first line of extended tells */
    {
        static const char ext[] = "{ \"result\": 0, \"text\": \"x\", \"arguments\": { \"extended\": "
                                  "\"2.7.2-git (tarball)\\nlinked with:\" } }";

        ck_assert_int_eq(kea_decode_version(ext, strlen(ext), &v, err, sizeof err), 0);
    }
    ck_assert_uint_eq(v.minor, 7);
}
END_TEST

START_TEST(test_config_recorded)
{
    kea_config_t cfg;
    const kea_subnet_t *s;

    decode_config_file("single-config-get.json", &cfg);
    ck_assert_int_eq(cfg.family, KEA_V4);
    ck_assert_uint_eq(cfg.count, 4);
    ck_assert_int_eq(cfg.ha_configured, 0);
    ck_assert_uint_eq(cfg.nrels, 0);

    s = subnet(&cfg, 1);
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("192.0.2.0"));
    ck_assert_uint_eq(s->addr.prefix, 24);
    ck_assert_str_eq(s->comment, "office");
    ck_assert_str_eq(s->network, "");
    ck_assert_count_eq(s->na_total, 100);
    ck_assert_uint_eq(s->na_pools, 1);
    ck_assert_uint_eq(s->na_groups, 1);
    ck_assert_int_eq(s->relationship, -1);
    ck_assert_str_eq(cfg.pools[s->pool0].text, "192.0.2.10-192.0.2.109");

    /* "198.51.100.0/28" and "198.51.100.100-198.51.100.103" */
    s = subnet(&cfg, 7);
    ck_assert_count_eq(s->na_total, 20);
    ck_assert_uint_eq(s->na_pools, 2);
    ck_assert_uint_eq(s->na_groups, 1);

    s = subnet(&cfg, 9);
    ck_assert_count_eq(s->na_total, 0);
    ck_assert_uint_eq(s->na_pools, 0);
    ck_assert_uint_eq(s->na_groups, 0);

    s = subnet(&cfg, 20);
    ck_assert_str_eq(s->network, "floor-2");
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("10.0.2.0"));
    ck_assert_count_eq(s->na_total, 10);
    kea_config_free(&cfg);
}
END_TEST

START_TEST(test_config_ha_recorded)
{
    kea_config_t cfg;

    decode_config_file("ha-config-get.json", &cfg);
    ck_assert_int_eq(cfg.ha_configured, 1);
    ck_assert_uint_eq(cfg.nrels, 1);
    ck_assert_str_eq(cfg.rels[0].server, "server1");
    ck_assert_str_eq(cfg.rels[0].mode, "load-balancing");
    ck_assert_uint_eq(cfg.rels[0].npeers, 2);
    ck_assert_str_eq(cfg.peers[cfg.rels[0].peer0], "server1");
    ck_assert_str_eq(cfg.peers[cfg.rels[0].peer0 + 1], "server2");
    ck_assert_uint_eq(cfg.count, 1);
    /* One relationship serves every subnet, named or not. */
    ck_assert_int_eq(cfg.subnets[0].relationship, 0);
    kea_config_free(&cfg);
}
END_TEST

/* Kea 2.2's kea-dhcp6: a /48 with a /64 pool (Kea's own total is -1 there). */
START_TEST(test_config_v6_recorded)
{
    kea_config_t cfg;
    const kea_subnet_t *s;
    const kea_pool_t *p;
    char buf[ADDR_PREFIX_TEXT_MAX];

    decode_config_file("v6-config-get.json", &cfg);
    ck_assert_int_eq(cfg.family, KEA_V6);
    ck_assert_uint_eq(cfg.count, 2);
    s = subnet(&cfg, 1);
    ck_assert_str_eq(prefix_text(&s->addr, buf, sizeof buf), "2001:db8:1::/48");
    ck_assert_str_eq(s->network, "lab6");
    /* 2^64 + 256 addresses, exactly */
    ck_assert_count_text(s->na_total, "18446744073709551872");
    ck_assert_uint_eq(s->na_pools, 2);
    /* /40 as /56 and /16 as /64: 2^16 + 2^48 prefixes */
    ck_assert_count_eq(s->pd_total, 281474976776192ull);
    ck_assert_uint_eq(s->pd_pools, 2);
    ck_assert_uint_eq(s->npools, 4);
    p = &cfg.pools[s->pool0 + 2];
    ck_assert_int_eq(p->kind, SCOPE_PREFIXES);
    ck_assert_str_eq(p->text, "2001:db8:8000::/40 as /56");
    ck_assert_str_eq(prefix_text(&p->first, buf, sizeof buf), "2001:db8:8000::/40");
    ck_assert_uint_eq(p->delegated, 56);
    ck_assert_count_eq(p->size, 65536);
    s = subnet(&cfg, 2);
    ck_assert_count_eq(s->na_total, 16);
    ck_assert_count_eq(s->pd_total, 16);
    ck_assert_str_eq(s->network, "");
    kea_config_free(&cfg);
}
END_TEST

/* Kea 2.4 to 3.2: pool-ids, class-restricted pools (client-class until
 * 2.6, client-classes from 2.7.5), reservations, hub-and-spoke HA (2.6+). */
START_TEST(test_config_versions)
{
    static const char *const versions[] = { "2.4", "2.6", "3.0", "3.2" };
    char name[64];

    for (size_t v = 0; v < 4; v++) {
        kea_config_t cfg;
        const kea_subnet_t *s;
        const kea_pool_t *p;
        int hub = v > 0;

        snprintf(name, sizeof name, "%s/v4-config-get.json", versions[v]);
        decode_config_file(name, &cfg);
        ck_assert_int_eq(cfg.family, KEA_V4);
        ck_assert_uint_eq(cfg.count, 3);
        ck_assert_int_eq(cfg.ha_configured, 1);
        ck_assert_uint_eq(cfg.nrels, hub ? 2 : 1);
        s = subnet(&cfg, 1);
        ck_assert_str_eq(s->network, "floor1");
        ck_assert_uint_eq(s->na_pools, 2);
        ck_assert_uint_eq(s->na_groups, 2);
        ck_assert_count_eq(s->na_total, 104);
        /* 192.0.2.5 is reserved outside the pools */
        ck_assert_uint_eq(s->reserved_outside, 1);
        p = &cfg.pools[s->pool0 + 1];
        ck_assert_uint_eq(p->pool_id, 2);
        ck_assert_str_eq(p->text, "192.0.2.200/30");
        ck_assert_str_eq(p->client_class, "voip");
        ck_assert_str_eq(cfg.pools[s->pool0].client_class, "");
        ck_assert_uint_eq(cfg.pools[s->pool0].pool_id, 1);
        ck_assert_uint_eq(subnet(&cfg, 2)->na_groups, 1);
        if (hub) {
            /* the shared network names server2, subnet 3 server4 */
            ck_assert_str_eq(cfg.rels[0].server, "server2");
            ck_assert_str_eq(cfg.rels[1].server, "server4");
            ck_assert_str_eq(cfg.rels[1].mode, "hot-standby");
            ck_assert_int_eq(subnet(&cfg, 1)->relationship, 0);
            ck_assert_int_eq(subnet(&cfg, 2)->relationship, 0);
            ck_assert_int_eq(subnet(&cfg, 3)->relationship, 1);
        } else {
            ck_assert_str_eq(cfg.rels[0].server, "server1");
            ck_assert_int_eq(subnet(&cfg, 3)->relationship, 0);
        }
        kea_config_free(&cfg);

        snprintf(name, sizeof name, "%s/v6-config-get.json", versions[v]);
        decode_config_file(name, &cfg);
        ck_assert_int_eq(cfg.family, KEA_V6);
        s = subnet(&cfg, 1);
        ck_assert_uint_eq(s->na_groups, 2);
        ck_assert_uint_eq(s->pd_groups, 2);
        ck_assert_count_text(s->na_total, "18446744073709551872");
        ck_assert_count_eq(subnet(&cfg, 2)->pd_total, 16);
        kea_config_free(&cfg);
    }
}
END_TEST

typedef int (*stats_fn)(const char *, size_t, int, kea_stats_t *, char *, size_t);

static void decode_stats_file(const char *name, stats_fn fn, int family, kea_stats_t *st)
{
    char err[256] = "";
    size_t len;
    char *text = load(name, &len);

    ck_assert_msg(fn(text, len, family, st, err, sizeof err) == 0, "%s: %s", name, err);
    free(text);
}

static void check_recorded_stats(const char *name, stats_fn fn)
{
    kea_stats_t st;
    const kea_stat_t *r;

    decode_stats_file(name, fn, KEA_V4, &st);
    ck_assert_uint_eq(st.count, 4);
    for (size_t i = 1; i < st.count; i++)
        ck_assert_uint_lt(st.rows[i - 1].subnet_id, st.rows[i].subnet_id);
    /* The server had 30 assigned and 2 declined leases in subnet 1. */
    r = kea_stats_find(&st, 1);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->has_total, 1);
    ck_assert_int_eq(r->total_exact, 1);
    ck_assert_count_eq(r->total, 100);
    ck_assert_uint_eq(kea_stat_used(&st, r), 30);
    ck_assert_uint_eq(kea_stat_taken(&st, r), 32);
    ck_assert_uint_eq(r->declined, 2);
    r = kea_stats_find(&st, 7);
    ck_assert_ptr_nonnull(r);
    ck_assert_count_eq(r->total, 20);
    ck_assert_uint_eq(kea_stat_used(&st, r), 0);
    ck_assert_uint_eq(r->declined, 1);
    r = kea_stats_find(&st, 20);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(kea_stat_used(&st, r), 1);
    ck_assert_ptr_null(kea_stats_find(&st, 2));
    kea_stats_free(&st);
}

START_TEST(test_stat_lease4_recorded)
{
    check_recorded_stats("single-stat-lease4-get.json", kea_decode_stat_lease);
}
END_TEST

START_TEST(test_stat_lease4_control_agent)
{
    check_recorded_stats("ca-stat-lease4-get.json", kea_decode_stat_lease);
}
END_TEST

/* statistic-get-all counts declined leases as assigned too: used subtracts them. */
START_TEST(test_statistics_recorded)
{
    check_recorded_stats("single-statistic-get-all.json", kea_decode_statistics);
}
END_TEST

/* Kea 3.1.2+ counts declined leases in stat-lease4-get's assigned-addresses
 * (ChangeLog 2393): 35 there is 33 in use and 2 declined, as 33 is in 2.4. */
START_TEST(test_stat_lease4_versions)
{
    static const char *const versions[] = { "2.4", "2.6", "3.0", "3.2" };
    char name[64];

    for (size_t v = 0; v < 4; v++) {
        kea_stats_t st;
        kea_version_t ver;
        const kea_stat_t *r;

        snprintf(name, sizeof name, "%s/v4-version-get.json", versions[v]);
        decode_version_file(name, &ver);
        snprintf(name, sizeof name, "%s/v4-stat-lease4-get.json", versions[v]);
        decode_stats_file(name, kea_decode_stat_lease, KEA_V4, &st);
        ck_assert_int_eq(st.assigned_has_declined, 0);
        st.assigned_has_declined = kea_lease_counts_declined(&ver);
        r = kea_stats_find(&st, 1);
        ck_assert_uint_eq(r->assigned, v == 3 ? 35 : 33);
        ck_assert_uint_eq(kea_stat_used(&st, r), 33);
        ck_assert_uint_eq(kea_stat_taken(&st, r), 35);
        ck_assert_uint_eq(r->declined, 2);
        kea_stats_free(&st);
    }
}
END_TEST

/* stat-lease6-get: 2.2's declined-nas, its -1 for a total past int64, and
 * 2.4+'s totals past 2^64 (which json-c does not hold). */
START_TEST(test_stat_lease6)
{
    kea_stats_t st;
    const kea_stat_t *r;

    decode_stats_file("v6-stat-lease6-get.json", kea_decode_stat_lease, KEA_V6, &st);
    ck_assert_uint_eq(st.count, 2);
    r = kea_stats_find(&st, 1);
    ck_assert_int_eq(r->has_total, 1);
    ck_assert_int_eq(r->total_exact, 0);
    ck_assert_uint_eq(r->assigned, 13);
    ck_assert_uint_eq(r->declined, 1);
    ck_assert_int_eq(r->has_pd, 1);
    ck_assert_int_eq(r->pd_total_exact, 1);
    ck_assert_count_eq(r->pd_total, 281474976776192ull);
    ck_assert_uint_eq(r->pd_assigned, 7);
    r = kea_stats_find(&st, 2);
    ck_assert_int_eq(r->total_exact, 1);
    ck_assert_count_eq(r->total, 16);
    kea_stats_free(&st);

    decode_stats_file("3.2/v6-stat-lease6-get.json", kea_decode_stat_lease, KEA_V6, &st);
    r = kea_stats_find(&st, 1);
    /* 18446744073709551871 is past what json-c holds */
    ck_assert_int_eq(r->total_exact, 0);
    ck_assert_uint_eq(r->assigned, 14);
    ck_assert_uint_eq(r->declined, 1);
    kea_stats_free(&st);
}
END_TEST

/* Per-pool statistics (2.4+): pool[P] and pd-pool[P], by pool-id. */
START_TEST(test_statistics_pools)
{
    kea_stats_t st;
    const kea_stat_t *r;

    decode_stats_file("3.2/v4-statistic-get-all.json", kea_decode_statistics, KEA_V4, &st);
    ck_assert_int_eq(st.assigned_has_declined, 1);
    ck_assert_uint_eq(st.count, 3);
    ck_assert_uint_eq(st.npools, 4);
    r = kea_stats_find_pool(&st, 1, SCOPE_ADDRESSES, 2);
    ck_assert_ptr_nonnull(r);
    ck_assert_count_eq(r->total, 4);
    ck_assert_uint_eq(kea_stat_used(&st, r), 3);
    ck_assert_uint_eq(r->declined, 1);
    ck_assert_ptr_nonnull(kea_stats_find_pool(&st, 2, SCOPE_ADDRESSES, 0));
    ck_assert_ptr_null(kea_stats_find_pool(&st, 2, SCOPE_ADDRESSES, 1));
    ck_assert_ptr_null(kea_stats_find_pool(&st, 1, SCOPE_PREFIXES, 2));
    kea_stats_free(&st);

    decode_stats_file("3.2/v6-statistic-get-all.json", kea_decode_statistics, KEA_V6, &st);
    r = kea_stats_find(&st, 1);
    ck_assert_int_eq(r->total_exact, 0);
    ck_assert_int_eq(r->pd_total_exact, 1);
    ck_assert_count_eq(r->pd_total, 281474976776192ull);
    ck_assert_uint_eq(r->pd_assigned, 7);
    r = kea_stats_find_pool(&st, 1, SCOPE_ADDRESSES, 1);
    /* 18446744073709551615, Kea's cap for a /64: the same as json-c's ceiling */
    ck_assert_int_eq(r->total_exact, 0);
    ck_assert_uint_eq(r->assigned, 10);
    r = kea_stats_find_pool(&st, 1, SCOPE_PREFIXES, 2);
    ck_assert_ptr_nonnull(r);
    ck_assert_count_eq(r->total, 281474976710656ull);
    ck_assert_uint_eq(r->assigned, 2);
    kea_stats_free(&st);
}
END_TEST

START_TEST(test_stat_lease4_unsupported)
{
    kea_stats_t st;
    char err[256] = "";
    size_t len;
    char *text = load("nohook-stat-lease4-get.json", &len);

    ck_assert_int_eq(kea_decode_stat_lease(text, len, KEA_V4, &st, err, sizeof err), KEA_E_UNSUPPORTED);
    ck_assert_str_eq(err, "Kea does not support stat-lease4-get (result 2: 'stat-lease4-get' command not supported.)");
    free(text);
}
END_TEST

START_TEST(test_stats_empty_server)
{
    kea_stats_t st;

    /* result 3: no subnets, which is an answer, not an error */
    decode_stats_file("empty-stat-lease4-get.json", kea_decode_stat_lease, KEA_V4, &st);
    ck_assert_uint_eq(st.count, 0);
    ck_assert_ptr_null(kea_stats_find(&st, 1));
    decode_stats_file("empty-statistic-get-all.json", kea_decode_statistics, KEA_V4, &st);
    ck_assert_uint_eq(st.count, 0);
}
END_TEST

/* The Control Agent's words when it cannot reach the daemon: the daemon is down. */
START_TEST(test_agent_daemon_down)
{
    static const char *const files[] = { "ca-result1-service-down.json", "ca-daemon-down-stale-socket.json",
                                         "ca-daemon-stopped-after-running.json", "2.4/ca-daemon-down.json",
                                         "3.0/ca-daemon-down.json" };
    kea_config_t cfg;
    char err[256] = "";
    size_t len;

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *text = load(files[i], &len);

        ck_assert_int_eq(kea_decode_config(text, len, &cfg, err, sizeof err), KEA_E_DOWN);
        ck_assert_msg(strncmp(err, "unable to forward command to the dhcp", 37) == 0, "%s", err);
        free(text);
    }
    {
        char *text = load("ca-result1-service-down.json", &len);

        ck_assert_int_eq(kea_decode_config(text, len, &cfg, err, sizeof err), KEA_E_DOWN);
        ck_assert_str_eq(err, "unable to forward command to the dhcp6 service: No such file or directory. The server "
                              "is likely to be offline");
        free(text);
    }
    /* No socket configured for the service: the agent's setup, not a down daemon. */
    {
        char *text = load("ca-service-not-configured.json", &len);

        ck_assert_int_eq(kea_decode_config(text, len, &cfg, err, sizeof err), KEA_E_FAIL);
        ck_assert_str_eq(err, "Kea answered config-get with result 1: forwarding socket is not configured for the "
                              "server type d2");
        free(text);
    }
    /* A daemon's own HTTP socket (3.1.9+) refusing another daemon's service. */
    {
        char *text = load("3.2/http-service-mismatch.json", &len);
        kea_version_t v;

        ck_assert_int_eq(kea_decode_version(text, len, &v, err, sizeof err), KEA_E_SERVICE);
        ck_assert_msg(strstr(err, "unsupported service 'dhcp6', expected 'dhcp4'") != NULL, "%s", err);
        free(text);
    }
}
END_TEST

static void decode_ha_file(const char *name, kea_ha_list_t *ha)
{
    char err[256] = "";
    size_t len;
    char *text = load(name, &len);

    ck_assert_msg(kea_decode_ha(text, len, ha, err, sizeof err) == 0, "%s: %s", name, err);
    free(text);
}

START_TEST(test_ha_recorded)
{
    kea_ha_list_t ha;
    const kea_ha_t *h;

    decode_ha_file("single-status-get.json", &ha);
    ck_assert_uint_eq(ha.count, 0);

    decode_ha_file("ha-status-get-load-balancing.json", &ha);
    ck_assert_uint_eq(ha.count, 1);
    h = &ha.items[0];
    ck_assert_str_eq(h->mode, "load-balancing");
    ck_assert_str_eq(h->server, "");
    ck_assert_str_eq(h->role, "primary");
    ck_assert_str_eq(h->state, "load-balancing");
    ck_assert_str_eq(h->partner_role, "secondary");
    ck_assert_str_eq(h->partner_state, "ready");
    ck_assert_int_eq(h->communication_interrupted, 0);
    ck_assert_int_eq(h->nscopes, 1);
    ck_assert_int_eq(kea_ha_plugin_state(h), STATE_OK);
    kea_ha_list_free(&ha);

    decode_ha_file("ha-status-get-partner-down.json", &ha);
    h = &ha.items[0];
    ck_assert_str_eq(h->state, "partner-down");
    ck_assert_str_eq(h->partner_state, "unavailable");
    ck_assert_int_eq(h->communication_interrupted, 1);
    ck_assert_int_eq(h->nscopes, 2);
    ck_assert_int_eq(kea_ha_plugin_state(h), STATE_CRITICAL);
    kea_ha_list_free(&ha);

    decode_ha_file("ha-status-get-waiting.json", &ha);
    h = &ha.items[0];
    ck_assert_str_eq(h->role, "secondary");
    ck_assert_str_eq(h->state, "waiting");
    ck_assert_str_eq(h->partner_state, "");
    ck_assert_int_eq(kea_ha_plugin_state(h), STATE_WARNING);
    kea_ha_list_free(&ha);
}
END_TEST

/* Hub and spoke (2.5.5+): one entry per relationship, named. */
START_TEST(test_ha_relationships)
{
    kea_ha_list_t ha;

    decode_ha_file("3.2/v4-partner-down-status-get.json", &ha);
    ck_assert_uint_eq(ha.count, 2);
    ck_assert_str_eq(ha.items[0].server, "server2");
    ck_assert_str_eq(ha.items[0].partner, "server1");
    ck_assert_str_eq(ha.items[0].state, "hot-standby");
    ck_assert_int_eq(kea_ha_plugin_state(&ha.items[0]), STATE_OK);
    ck_assert_str_eq(ha.items[1].server, "server4");
    ck_assert_str_eq(ha.items[1].partner, "server3");
    ck_assert_str_eq(ha.items[1].state, "partner-down");
    ck_assert_int_eq(kea_ha_plugin_state(&ha.items[1]), STATE_CRITICAL);
    kea_ha_list_free(&ha);
    decode_ha_file("2.6/v4-status-get.json", &ha);
    ck_assert_uint_eq(ha.count, 2);
    kea_ha_list_free(&ha);
    decode_ha_file("3.2/v6-status-get.json", &ha);
    ck_assert_uint_eq(ha.count, 0);
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

    ck_assert_int_eq(kea_decode_stat_lease(text, len / 2, KEA_V4, &st, err, sizeof err), KEA_E_FAIL);
    ck_assert_msg(strstr(err, "Kea's reply to stat-lease4-get is not valid JSON: it ends early") == err, "%s", err);
    free(text);
}
END_TEST

typedef struct bad_reply {
    int which;                        /* 0 config, 1 stat-lease4-get, 2 statistic-get-all, 3 status-get,
                                       * 4 stat-lease6-get, 5 statistic-get-all (v6) */
    const char *text;
    const char *err;                  /* the sentence expected, as a prefix */
} bad_reply_t;

#define ROWS4(rows) "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", " \
                    "\"assigned-addresses\", \"declined-addresses\" ], \"rows\": " rows " } } }"
#define ROWS6(rows) "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", " \
                    "\"total-nas\", \"assigned-nas\", \"declined-addresses\", \"total-pds\", \"assigned-pds\" ], " \
                    "\"rows\": " rows " } } }"
#define CFG6(subnets) "{ \"result\": 0, \"arguments\": { \"Dhcp6\": { \"subnet6\": [ " subnets " ] } } }"

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
    { 1, ROWS4("[ 1 ]"), "Kea's reply to stat-lease4-get has a row that is not a list" },
    { 1, ROWS4("[ [ 1, 2 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose declined-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 1, \"2\", 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 1, -2, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 1, 2.5, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 1, 1e30, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 1, 4294967297, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 1, 99999999999999999999999, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose assigned-addresses is not a whole number from 0 to 2^32" },
    { 1, ROWS4("[ [ 4294967296, 1, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose subnet-id is not a whole number from 1 to 4294967295" },
    { 1, ROWS4("[ [ 0, 1, 0 ] ]"),
      "Kea's reply to stat-lease4-get has a row whose subnet-id is not a whole number from 1 to 4294967295" },
    { 4, ROWS6("[ [ 1, 16, 9223372036854775808, 0, 0, 0 ] ]"),
      "Kea's reply to stat-lease6-get has a row whose assigned-nas is not a whole number from 0 to 2^63" },
    { 4, ROWS6("[ [ 1, 16.5, 1, 0, 0, 0 ] ]"),
      "Kea's reply to stat-lease6-get has a row whose total-nas is not a whole number from 0 to 2^128" },
    { 4, ROWS6("[ [ 1, 16, 1, 0, \"x\", 0 ] ]"),
      "Kea's reply to stat-lease6-get has a row whose total-pds is not a whole number from 0 to 2^128" },
    { 4, "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", \"assigned-nas\" ], "
         "\"rows\": [] } } }", "Kea's reply to stat-lease6-get lacks the column declined-addresses" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": 5 } }",
      "Kea's reply to statistic-get-all has subnet[1].assigned-addresses without a [value, time] sample" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": [ ] } }",
      "Kea's reply to statistic-get-all has subnet[1].assigned-addresses without a [value, time] sample" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": [ [ -1, \"t\" ] ] } }",
      "Kea's reply to statistic-get-all has subnet[1].assigned-addresses without a [value, time] sample" },
    { 2, "{ \"result\": 0, \"arguments\": { \"subnet[1].pool[2].total-addresses\": [ [ \"x\", \"t\" ] ] } }",
      "Kea's reply to statistic-get-all has subnet[1].pool[2].total-addresses without a [value, time] sample "
      "holding a whole number from 0 to 2^128" },
    { 5, "{ \"result\": 0, \"arguments\": { \"subnet[1].pd-pool[0].assigned-pds\": [ [ 1.5, \"t\" ] ] } }",
      "Kea's reply to statistic-get-all has subnet[1].pd-pool[0].assigned-pds without a [value, time] sample "
      "holding a whole number from 0 to 2^63" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp5\": { } } }",
      "Kea's reply to config-get lacks arguments.Dhcp4 and arguments.Dhcp6 (is this a Kea DHCP server?)" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Control-agent\": { } } }",
      "Kea's reply to config-get is the Control Agent's own configuration, not a DHCP server's" },
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
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"2001:db8::/64\" } ] } } }",
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
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 3, \"subnet\": \"10.0.0.0/24\", "
         "\"pools\": [ { \"pool\": \"10.0.0.1-10.0.0.9\", \"pool-id\": -1 } ] } ] } } }",
      "Kea's reply to config-get has a pool in subnet id 3 whose pool-id is not a whole number" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"shared-networks\": [ { \"name\": \"n\", \"subnet4\": "
         "[ { \"id\": 3 } ] } ] } } }", "Kea's reply to config-get has subnet id 3 without a valid \"subnet\" prefix" },
    { 0, "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"shared-networks\": 5 } } }",
      "Kea's reply to config-get has shared-networks that are not a list" },
    { 0, CFG6("{ \"id\": 1, \"subnet\": \"2001:db8::/64\", \"pools\": [ { \"pool\": \"10.0.0.1-10.0.0.2\" } ] }"),
      "Kea's reply to config-get has a pool in subnet id 1 that is neither" },
    { 0, CFG6("{ \"id\": 1, \"subnet\": \"2001:db8::/64\", \"pd-pools\": [ { \"prefix\": \"3000::\", "
              "\"prefix-len\": 64, \"delegated-len\": 56 } ] }"),
      "Kea's reply to config-get has a pd-pool in subnet id 1 without an IPv6 prefix, a prefix-len and a "
      "delegated-len from prefix-len to 128" },
    { 0, CFG6("{ \"id\": 1, \"subnet\": \"2001:db8::/64\", \"pd-pools\": [ { \"prefix\": \"3000::\", "
              "\"prefix-len\": 48, \"delegated-len\": 129 } ] }"),
      "Kea's reply to config-get has a pd-pool in subnet id 1 without" },
    { 0, CFG6("{ \"id\": 1, \"subnet\": \"2001:db8::/64\", \"pd-pools\": [ { \"prefix\": \"10.0.0.0\", "
              "\"prefix-len\": 8, \"delegated-len\": 16 } ] }"),
      "Kea's reply to config-get has a pd-pool in subnet id 1 without" },
    { 0, CFG6("{ \"id\": 1, \"subnet\": \"2001:db8::/64\", \"pd-pools\": {} }"),
      "Kea's reply to config-get has subnet id 1 whose pd-pools are not a list" },
    { 3, "{ \"result\": 0, \"arguments\": { \"high-availability\": [ ] } }",
      "Kea's reply to status-get has a high-availability that is not a list of relationships" },
    { 3, "{ \"result\": 0, \"arguments\": { \"high-availability\": { } } }",
      "Kea's reply to status-get has a high-availability that is not a list of relationships" },
    { 3, "{ \"result\": 0, \"arguments\": { \"high-availability\": [ { \"ha-servers\": { \"local\": { \"state\": 1 } } } ] } }",
      "Kea's reply to status-get lacks arguments.high-availability[0].ha-servers.local.state" },
    { 3, "{ \"result\": 0, \"arguments\": { \"high-availability\": [ { \"ha-servers\": { \"local\": { \"state\": \"x\" } } }, "
         "{ } ] } }", "Kea's reply to status-get lacks arguments.high-availability[1].ha-servers.local.state" },
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
    case 1:
    case 2:
    case 4:
    case 5: {
        kea_stats_t st;
        int family = b->which >= 4 ? KEA_V6 : KEA_V4;

        if (b->which == 1 || b->which == 4)
            rc = kea_decode_stat_lease(b->text, strlen(b->text), family, &st, err, sizeof err);
        else
            rc = kea_decode_statistics(b->text, strlen(b->text), family, &st, err, sizeof err);
        ck_assert_ptr_null(st.rows);
        ck_assert_ptr_null(st.pools);
        break;
    }
    default: {
        kea_ha_list_t ha;

        rc = kea_decode_ha(b->text, strlen(b->text), &ha, err, sizeof err);
        ck_assert_ptr_null(ha.items);
        break;
    }
    }
    ck_assert_msg(rc == KEA_E_FAIL, "accepted: %s", b->text);
    ck_assert_msg(strncmp(err, b->err, strlen(b->err)) == 0, "for %s\n  got:  %s\n  want: %s", b->text, err, b->err);
}
END_TEST

START_TEST(test_pool_forms)
{
    static const char text[] =
        "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": ["
        " { \"id\": 5, \"subnet\": \"10.0.0.77/24\", \"pools\": [ { \"pool\": \"10.0.0.1-10.0.0.10\" },"
        "   { \"pool\": \"10.0.0.64/30\" }, { \"pool\": \"10.0.0.200/32\" }, { \"pool\": \"10.0.0.250 - 10.0.0.250\" } ],"
        "   \"reservations\": [ { \"ip-address\": \"10.0.0.20\" }, { \"ip-address\": \"10.0.0.66\" },"
        "     { \"ip-address\": \"10.0.0.11\" }, { \"hw-address\": \"aa:bb:cc:dd:ee:ff\" } ] },"
        " { \"id\": 4000000000, \"subnet\": \"0.0.0.0/0\", \"pools\": [ { \"pool\": \"0.0.0.0/0\" } ],"
        "   \"user-context\": { \"comment\": 5 } } ] } } }";
    static const char text6[] =
        CFG6("{ \"id\": 1, \"subnet\": \"2001:db8::/32\", \"pools\": [ { \"pool\": \"2001:db8::/64\" },"
             " { \"pool\": \"2001:db8:1:: - 2001:db8:1::ff\" }, { \"pool\": \"2001:db8:2::/0\" } ],"
             " \"reservations\": [ { \"ip-addresses\": [ \"2001:db8:1::1\", \"2001:db8:1::100\" ] } ],"
             " \"pd-pools\": [ { \"prefix\": \"3000::\", \"prefix-len\": 0, \"delegated-len\": 128 },"
             "   { \"prefix\": \"2001:db8:ff00::\", \"prefix-len\": 40, \"delegated-len\": 40, \"pool-id\": 7 } ] }");
    kea_config_t cfg;
    char err[256] = "";
    const kea_subnet_t *s;

    ck_assert_msg(kea_decode_config(text, strlen(text), &cfg, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(cfg.count, 2);
    s = subnet(&cfg, 5);
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("10.0.0.0"));
    ck_assert_count_eq(s->na_total, 10 + 4 + 1 + 1);
    ck_assert_uint_eq(s->reserved_outside, 2);
    ck_assert_count_eq(subnet(&cfg, 4000000000u)->na_total, (uint64_t)1 << 32);
    ck_assert_str_eq(subnet(&cfg, 4000000000u)->comment, "");
    kea_config_free(&cfg);

    ck_assert_msg(kea_decode_config(text6, strlen(text6), &cfg, err, sizeof err) == 0, "%s", err);
    s = subnet(&cfg, 1);
    /* 2^64 + 256 + 2^128 saturates at the largest count */
    ck_assert_int_eq(count_saturated(s->na_total), 1);
    /* the /0 pool holds every address: no reservation is outside */
    ck_assert_uint_eq(s->reserved_outside, 0);
    /* 2^128 prefixes saturate too; a pool delegating itself holds one */
    ck_assert_int_eq(count_saturated(s->pd_total), 1);
    ck_assert_uint_eq(s->pd_groups, 2);
    ck_assert_count_eq(cfg.pools[s->pool0 + 4].size, 1);
    ck_assert_uint_eq(cfg.pools[s->pool0 + 4].pool_id, 7);
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

    ck_assert_msg(kea_decode_stat_lease(text, strlen(text), KEA_V4, &st, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(st.count, 2);
    ck_assert_uint_eq(st.rows[0].subnet_id, 2);
    r = kea_stats_find(&st, 12);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->has_total, 0);
    ck_assert_uint_eq(r->assigned, (uint64_t)1 << 32);
    ck_assert_uint_eq(r->declined, 3);
    kea_stats_free(&st);
}
END_TEST

/* Only subnet[N].X, pool[P].X and pd-pool[P].X of the family count. */
START_TEST(test_statistics_names)
{
    static const char text[] =
        "[ { \"result\": 0, \"arguments\": {"
        " \"subnet[3].pool[0].assigned-addresses\": [ [ 9, \"t\" ] ],"
        " \"subnet[3].pool[0].assigned-nas\": [ [ 99, \"t\" ] ],"
        " \"subnet[3].pd-pool[0].assigned-addresses\": [ [ 99, \"t\" ] ],"
        " \"subnet[3].declined-addresses\": [ [ 4, \"t2\" ], [ 1, \"t1\" ] ],"
        " \"subnet[3].assigned-addresses\": [ [ 10, \"t2\" ], [ 2, \"t1\" ] ],"
        " \"subnet[3].total-addresses\": [ [ 50, \"t\" ] ],"
        " \"subnet[x].total-addresses\": [ [ 50, \"t\" ] ],"
        " \"subnet[3]total-addresses\": [ [ 50, \"t\" ] ],"
        " \"subnet[0].total-addresses\": [ [ 50, \"t\" ] ],"
        " \"subnet[4].assigned-addresses\": [ [ 1, \"t\" ] ],"
        " \"subnet[4].declined-addresses\": [ [ 3, \"t\" ] ] } } ]";
    kea_stats_t st;
    char err[256] = "";
    const kea_stat_t *r;

    ck_assert_msg(kea_decode_statistics(text, strlen(text), KEA_V4, &st, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(st.count, 2);
    ck_assert_uint_eq(st.npools, 1);
    ck_assert_uint_eq(kea_stats_find_pool(&st, 3, SCOPE_ADDRESSES, 0)->assigned, 9);
    r = kea_stats_find(&st, 3);
    ck_assert_count_eq(r->total, 50);
    ck_assert_uint_eq(kea_stat_used(&st, r), 6);
    ck_assert_uint_eq(r->declined, 4);
    /* more declined than assigned cannot be: used is clamped at 0, not wrapped */
    r = kea_stats_find(&st, 4);
    ck_assert_int_eq(r->has_total, 0);
    ck_assert_uint_eq(kea_stat_used(&st, r), 0);
    ck_assert_uint_eq(kea_stat_taken(&st, r), 3);
    ck_assert_uint_eq(r->declined, 3);
    kea_stats_free(&st);
}
END_TEST

/* A whole check's replies from the files of one version ("2.4", or "" for
 * the recorded 2.2 at the top) and one prefix. */
static void load_facts(kea_facts_t *f, const char *dir, const char *prefix, const char *status_prefix,
                       int lease_fallback, int pools)
{
    char name[128], err[256] = "";
    const char *sep = dir[0] ? "/" : "";
    size_t len;
    char *text;

    memset(f, 0, sizeof *f);
    snprintf(name, sizeof name, "%s%s%s-version-get.json", dir, sep, prefix);
    decode_version_file(name, &f->version);
    snprintf(name, sizeof name, "%s%s%s-config-get.json", dir, sep, prefix);
    decode_config_file(name, &f->cfg);
    snprintf(name, sizeof name, lease_fallback ? "%s%s%s-statistic-get-all.json" : "%s%s%s-stat-lease%d-get.json", dir,
             sep, prefix, f->cfg.family);
    text = load(name, &len);
    ck_assert_msg((lease_fallback ? kea_decode_statistics : kea_decode_stat_lease)(text, len, f->cfg.family, &f->lease,
                                                                                  err, sizeof err) == 0, "%s", err);
    free(text);
    if (!lease_fallback)
        f->lease.assigned_has_declined = kea_lease_counts_declined(&f->version);
    if (pools) {
        snprintf(name, sizeof name, "%s%s%s-statistic-get-all.json", dir, sep, prefix);
        decode_stats_file(name, kea_decode_statistics, f->cfg.family, &f->pools);
        f->has_pools = 1;
    }
    if (status_prefix) {
        snprintf(name, sizeof name, "%s%s%s-status-get.json", dir, sep, status_prefix);
        decode_ha_file(name, &f->ha);
    }
}

/* A scope of the list by Kea subnet id and kind (the list is in config-get's
 * order: top-level subnets first). */
static const scope_t *scope_by(const scope_list_t *l, uint32_t id, int kind)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].id == id && l->items[i].kind == kind)
            return &l->items[i];
    ck_abort_msg("no scope for subnet id %u", id);
    return NULL;
}

static void fill(scope_list_t *l, kea_facts_t *f)
{
    int rel[4] = { -1, -1, -1, -1 };
    char err[256] = "";

    memset(l, 0, sizeof *l);
    ck_assert_uint_le(f->cfg.nrels, 4);
    ck_assert_int_eq(kea_add_failovers(l, &f->cfg, &f->ha, rel), 0);
    ck_assert_msg(kea_fill_scopes(l, f, rel, err, sizeof err) == 0, "%s", err);
}

/* Decoded replies into the scope model: the recorded single server. */
START_TEST(test_fill_scopes_recorded)
{
    kea_facts_t f;
    scope_list_t l;
    char err[256] = "";
    const scope_t *s;
    int rel = -1;

    load_facts(&f, "", "single", NULL, _i, 0);
    fill(&l, &f);
    ck_assert_uint_eq(l.count, 4);
    ck_assert_uint_eq(l.nfailovers, 0);
    s = &l.items[0];
    ck_assert_uint_eq(s->id, 1);
    ck_assert_int_eq(s->kind, SCOPE_ADDRESSES);
    ck_assert_uint_eq(addr_v4_host(&s->addr), ip("192.0.2.0"));
    ck_assert_uint_eq(s->addr.prefix, 24);
    ck_assert_str_eq(s->name, "office");
    ck_assert_str_eq(s->group, "");
    ck_assert_count_eq(s->total, 100);
    ck_assert_count_eq(s->used, 30);
    ck_assert_count_eq(s->declined, 2);
    ck_assert_count_eq(s->free, 68);
    ck_assert_count_eq(s->outside, 0);
    ck_assert_int_eq(s->failover, -1);
    ck_assert_uint_eq(s->npools, 0);
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
    f.lease.count--;
    ck_assert_int_eq(kea_fill_scopes(&l, &f, &rel, err, sizeof err), -1);
    ck_assert_str_eq(err, "Kea reports no lease statistics for subnet id 20 (10.0.2.0/24); was the "
                          "configuration reloaded during the check?");
    f.lease.count++;
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* Without a total from the statistics, the pools' own size counts. */
START_TEST(test_fill_scopes_pool_total_fallback)
{
    kea_facts_t f;
    scope_list_t l = { 0 };
    char err[256] = "";
    int rel = 0;
    static const char stats[] = ROWS4("[ [ 1, 99, 2 ], [ 7, 0, 0 ], [ 9, 0, 0 ], [ 20, 1, 0 ] ]");

    load_facts(&f, "", "single", NULL, 0, 0);
    kea_stats_free(&f.lease);
    ck_assert_int_eq(kea_decode_stat_lease(stats, strlen(stats), KEA_V4, &f.lease, err, sizeof err), 0);
    ck_assert_int_eq(kea_fill_scopes(&l, &f, &rel, err, sizeof err), 0);
    ck_assert_count_eq(l.items[0].total, 100);
    /* More taken than the pools hold: free is 0, never wrapped. */
    ck_assert_count_eq(l.items[0].free, 0);
    ck_assert_count_eq(l.items[1].total, 20);
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* Kea 2.2's kea-dhcp6: one address scope and one prefix scope per subnet;
 * the /64's total (Kea's -1) counted from the pools, exactly. */
START_TEST(test_fill_scopes_v6_recorded)
{
    kea_facts_t f;
    scope_list_t l;
    const scope_t *s;
    char buf[ADDR_PREFIX_TEXT_MAX];

    load_facts(&f, "", "v6", NULL, _i, 0);
    fill(&l, &f);
    ck_assert_uint_eq(l.count, 4);
    s = scope_by(&l, 1, SCOPE_ADDRESSES);
    ck_assert_str_eq(prefix_text(&s->addr, buf, sizeof buf), "2001:db8:1::/48");
    ck_assert_str_eq(s->group, "lab6");
    ck_assert_count_text(s->total, "18446744073709551872");
    ck_assert_count_eq(s->used, 13);
    ck_assert_count_eq(s->declined, 1);
    ck_assert_count_text(s->free, "18446744073709551858");
    s = scope_by(&l, 1, SCOPE_PREFIXES);
    ck_assert_str_eq(prefix_text(&s->pd_pool, buf, sizeof buf), "2001:db8:8000::/40");
    ck_assert_uint_eq(s->pd_delegated, 56);
    ck_assert_uint_eq(s->pd_pools, 2);
    ck_assert_count_eq(s->total, 281474976776192ull);
    ck_assert_count_eq(s->used, 7);
    ck_assert_count_eq(s->declined, 0);
    ck_assert_count_eq(s->free, 281474976776185ull);
    s = scope_by(&l, 2, SCOPE_ADDRESSES);
    ck_assert_count_eq(s->total, 16);
    ck_assert_count_eq(s->used, 4);
    ck_assert_count_eq(s->free, 11);
    s = scope_by(&l, 2, SCOPE_PREFIXES);
    ck_assert_count_eq(s->total, 16);
    ck_assert_count_eq(s->free, 15);
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* 2.4 to 3.2 with per-pool statistics: the class-restricted pool is judged
 * on its own and is full while its subnet has room; every version counts
 * the same (3.2's stat-lease4-get counts declined leases in assigned). */
START_TEST(test_fill_scopes_pools)
{
    static const char *const versions[] = { "2.4", "2.6", "3.0", "3.2" };
    kea_facts_t f;
    scope_list_t l;
    const scope_t *s;
    const scope_pool_t *p;

    load_facts(&f, versions[_i / 2], "v4", "v4", _i % 2, 1);
    fill(&l, &f);
    ck_assert_uint_eq(l.count, 3);
    s = scope_by(&l, 1, SCOPE_ADDRESSES);
    ck_assert_count_eq(s->total, 104);
    ck_assert_count_eq(s->used, 33);
    ck_assert_count_eq(s->declined, 2);
    ck_assert_count_eq(s->free, 69);
    ck_assert_count_eq(s->outside, 0);
    ck_assert_uint_eq(s->npools, 2);
    p = &s->pools[0];
    ck_assert_str_eq(p->name, "192.0.2.10-192.0.2.109");
    ck_assert_str_eq(p->client_class, "");
    ck_assert_int_eq(p->judged, 0);
    ck_assert_count_eq(p->total, 100);
    ck_assert_count_eq(p->used, 30);
    ck_assert_count_eq(p->declined, 1);
    ck_assert_count_eq(p->free, 69);
    p = &s->pools[1];
    ck_assert_str_eq(p->name, "192.0.2.200/30");
    ck_assert_str_eq(p->client_class, "voip");
    ck_assert_int_eq(p->judged, 1);
    ck_assert_count_eq(p->total, 4);
    ck_assert_count_eq(p->used, 3);
    ck_assert_count_eq(p->free, 0);
    /* one pool-id: the pool is the subnet */
    ck_assert_uint_eq(scope_by(&l, 2, SCOPE_ADDRESSES)->npools, 0);
    ck_assert_count_eq(scope_by(&l, 2, SCOPE_ADDRESSES)->free, 11);
    ck_assert_count_eq(scope_by(&l, 3, SCOPE_ADDRESSES)->free, 19);
    {
        size_t k = (size_t)(scope_by(&l, 1, SCOPE_ADDRESSES) - l.items);
        options_t o;
        eval_result_t res;
        char err[256];

        FX_OPTS(&o, "-w", "20", "-c", "10", "-s", "192.0.2.0");
        ck_assert_int_eq(eval_run(&o, &l, &res, err, sizeof err), 0);
        ck_assert_int_eq(res.scopes[k].pools[1].state, STATE_CRITICAL);
        ck_assert_int_eq(res.scopes[k].state, STATE_CRITICAL);
        eval_result_free(&res);
        options_free(&o);
    }
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* Kea 3.2's kea-dhcp6 with per-pool statistics: totals past 2^64 counted
 * from the pools; pd-pools reported apart. */
START_TEST(test_fill_scopes_v6_pools)
{
    kea_facts_t f;
    scope_list_t l;
    const scope_t *s;

    load_facts(&f, "3.2", "v6", NULL, 0, 1);
    fill(&l, &f);
    ck_assert_uint_eq(l.count, 4);
    s = scope_by(&l, 1, SCOPE_ADDRESSES);
    ck_assert_count_text(s->total, "18446744073709551872");
    /* 3.2: assigned-nas 14 counts the declined one */
    ck_assert_count_eq(s->used, 13);
    ck_assert_count_eq(s->declined, 1);
    ck_assert_uint_eq(s->npools, 2);
    ck_assert_count_text(s->pools[0].total, "18446744073709551616");
    ck_assert_count_eq(s->pools[0].used, 10);
    ck_assert_count_eq(s->pools[1].total, 256);
    ck_assert_count_eq(s->pools[1].used, 3);
    ck_assert_count_eq(s->pools[1].declined, 1);
    s = scope_by(&l, 1, SCOPE_PREFIXES);
    ck_assert_uint_eq(s->npools, 2);
    ck_assert_str_eq(s->pools[0].name, "2001:db8:8000::/40 as /56");
    ck_assert_count_eq(s->pools[0].used, 5);
    ck_assert_count_eq(s->pools[1].total, 281474976710656ull);
    ck_assert_count_eq(s->used, 7);
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* A DHCPv6 subnet with prefix-delegation pools needs the prefix figures:
 * without them the plugin says so rather than count none as used. */
START_TEST(test_fill_scopes_no_pd_figures)
{
    static const char stats[] = "{ \"result\": 0, \"arguments\": { \"result-set\": { \"columns\": [ \"subnet-id\", "
                                "\"assigned-nas\", \"declined-addresses\" ], \"rows\": [ [ 1, 3, 0 ], [ 2, 1, 0 ] ] } } }";
    kea_facts_t f;
    scope_list_t l = { 0 };
    char err[256] = "";
    int rel = -1;

    load_facts(&f, "", "v6", NULL, 0, 0);
    kea_stats_free(&f.lease);
    ck_assert_int_eq(kea_decode_stat_lease(stats, strlen(stats), KEA_V6, &f.lease, err, sizeof err), 0);
    ck_assert_int_eq(kea_fill_scopes(&l, &f, &rel, err, sizeof err), -1);
    ck_assert_str_eq(err, "Kea reports no prefix-delegation statistics for subnet id 2 (2001:db8:2::/64), which has "
                          "prefix-delegation pools");
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* Leases outside the pools: Kea counts them in the subnet, not in a pool. */
START_TEST(test_fill_scopes_outside)
{
    static const char cfg[] =
        "{ \"result\": 0, \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"10.0.0.0/24\","
        " \"pools\": [ { \"pool\": \"10.0.0.10-10.0.0.19\", \"pool-id\": 1 } ],"
        " \"reservations\": [ { \"ip-address\": \"10.0.0.2\" }, { \"ip-address\": \"10.0.0.3\" } ] } ] } } }";
    static const char stats[] = ROWS4("[ [ 1, 10, 0 ] ]");
    static const char pools[] =
        "{ \"result\": 0, \"arguments\": { \"subnet[1].assigned-addresses\": [ [ 10, \"t\" ] ],"
        " \"subnet[1].pool[1].total-addresses\": [ [ 10, \"t\" ] ],"
        " \"subnet[1].pool[1].assigned-addresses\": [ [ 8, \"t\" ] ] } }";
    kea_facts_t f;
    scope_list_t l;
    char err[256] = "";

    memset(&f, 0, sizeof f);
    f.version.major = 2;
    f.version.minor = 4;
    ck_assert_int_eq(kea_decode_config(cfg, strlen(cfg), &f.cfg, err, sizeof err), 0);
    ck_assert_uint_eq(f.cfg.subnets[0].reserved_outside, 2);
    ck_assert_int_eq(kea_wants_pool_stats(&f.version, &f.cfg), 1);
    ck_assert_int_eq(kea_decode_stat_lease(stats, strlen(stats), KEA_V4, &f.lease, err, sizeof err), 0);
    ck_assert_int_eq(kea_decode_statistics(pools, strlen(pools), KEA_V4, &f.pools, err, sizeof err), 0);
    f.has_pools = 1;
    fill(&l, &f);
    /* 10 leases in the subnet, 8 in its only pool: 2 are the reserved ones */
    ck_assert_count_eq(l.items[0].total, 10);
    ck_assert_count_eq(l.items[0].used, 8);
    ck_assert_count_eq(l.items[0].outside, 2);
    ck_assert_count_eq(l.items[0].free, 2);
    /* one pool-id: not listed apart */
    ck_assert_uint_eq(l.items[0].npools, 0);
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

/* The HA relationships: the recorded pair, and 2.6+'s hub and spoke where
 * each relationship marks only its own subnets. */
START_TEST(test_failovers)
{
    static const struct { const char *file, *role, *state, *partner; int plugin; } cases[] = {
        { "ha-status-get-load-balancing.json", "primary", "load-balancing", "ready", STATE_OK },
        { "ha-status-get-partner-down.json", "primary", "partner-down", "unreachable", STATE_CRITICAL },
        { "ha-status-get-waiting.json", "secondary", "waiting", "", STATE_WARNING },
    };
    kea_config_t cfg;
    int rel[2];

    decode_config_file("ha-config-get.json", &cfg);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scope_list_t l = { 0 };
        kea_ha_list_t ha;
        const scope_failover_t *fo;

        decode_ha_file(cases[i].file, &ha);
        ck_assert_int_eq(kea_add_failovers(&l, &cfg, &ha, rel), 0);
        ck_assert_int_eq(rel[0], 0);
        fo = &l.failovers[0];
        ck_assert_str_eq(fo->name, "server1");
        ck_assert_str_eq(fo->mode, "load-balancing");
        ck_assert_str_eq(fo->role, cases[i].role);
        ck_assert_str_eq(fo->state, cases[i].state);
        ck_assert_str_eq(fo->partner_state, cases[i].partner);
        ck_assert_int_eq(fo->plugin_state, cases[i].plugin);
        scope_list_free(&l);
        kea_ha_list_free(&ha);
    }
    {
        /* The hook is configured, but status-get says nothing of it. */
        scope_list_t l = { 0 };
        kea_ha_list_t ha = { 0 };

        ck_assert_int_eq(kea_add_failovers(&l, &cfg, &ha, rel), 0);
        ck_assert_str_eq(l.failovers[0].state, "not reported by status-get");
        ck_assert_str_eq(l.failovers[0].mode, "load-balancing");
        ck_assert_int_eq(l.failovers[0].plugin_state, STATE_WARNING);
        scope_list_free(&l);
    }
    kea_config_free(&cfg);
}
END_TEST

START_TEST(test_hub_and_spoke)
{
    kea_facts_t f;
    scope_list_t l;
    options_t o;
    eval_result_t res;
    char err[256];

    load_facts(&f, "3.2", "v4", "v4-partner-down", 0, 1);
    fill(&l, &f);
    ck_assert_uint_eq(l.nfailovers, 2);
    ck_assert_str_eq(l.failovers[0].name, "server2");
    ck_assert_str_eq(l.failovers[0].state, "hot-standby");
    ck_assert_str_eq(l.failovers[0].role, "standby");
    ck_assert_int_eq(l.failovers[0].plugin_state, STATE_OK);
    ck_assert_str_eq(l.failovers[1].name, "server4");
    ck_assert_str_eq(l.failovers[1].state, "partner-down");
    ck_assert_str_eq(l.failovers[1].partner_state, "unreachable");
    ck_assert_int_eq(l.failovers[1].plugin_state, STATE_CRITICAL);
    /* subnets 1 and 2 (floor1) belong to server2's relationship, 3 to server4's */
    ck_assert_int_eq(scope_by(&l, 1, SCOPE_ADDRESSES)->failover, 0);
    ck_assert_int_eq(scope_by(&l, 2, SCOPE_ADDRESSES)->failover, 0);
    ck_assert_int_eq(scope_by(&l, 3, SCOPE_ADDRESSES)->failover, 1);

    /* server4's partner-down counts for subnet 3 only */
    FX_OPTS(&o, "-s", "2", "-w", "5", "-c", "1");
    ck_assert_int_eq(eval_run(&o, &l, &res, err, sizeof err), 0);
    ck_assert_int_eq(res.state, STATE_OK);
    ck_assert_int_eq(res.failovers[1].selected, 0);
    eval_result_free(&res);
    options_free(&o);
    FX_OPTS(&o, "-s", "3", "-w", "5", "-c", "1");
    ck_assert_int_eq(eval_run(&o, &l, &res, err, sizeof err), 0);
    ck_assert_int_eq(res.state, STATE_CRITICAL);
    ck_assert_int_eq(res.failovers[1].counted, 1);
    eval_result_free(&res);
    options_free(&o);
    scope_list_free(&l);
    kea_facts_free(&f);
}
END_TEST

static Suite *kea_decode_suite(void)
{
    Suite *s = suite_create("kea_decode");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_version_bad);
    tcase_add_test(tc, test_config_recorded);
    tcase_add_test(tc, test_config_ha_recorded);
    tcase_add_test(tc, test_config_v6_recorded);
    tcase_add_test(tc, test_config_versions);
    tcase_add_test(tc, test_stat_lease4_recorded);
    tcase_add_test(tc, test_stat_lease4_control_agent);
    tcase_add_test(tc, test_statistics_recorded);
    tcase_add_test(tc, test_stat_lease4_versions);
    tcase_add_test(tc, test_stat_lease6);
    tcase_add_test(tc, test_statistics_pools);
    tcase_add_test(tc, test_stat_lease4_unsupported);
    tcase_add_test(tc, test_stats_empty_server);
    tcase_add_test(tc, test_agent_daemon_down);
    tcase_add_test(tc, test_ha_recorded);
    tcase_add_test(tc, test_ha_relationships);
    tcase_add_loop_test(tc, test_ha_table, 0, (int)(sizeof ha_table / sizeof ha_table[0]));
    tcase_add_test(tc, test_truncated);
    tcase_add_loop_test(tc, test_bad_replies, 0, (int)(sizeof bad_replies / sizeof bad_replies[0]));
    tcase_add_test(tc, test_pool_forms);
    tcase_add_test(tc, test_columns_by_name);
    tcase_add_test(tc, test_statistics_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("source");
    tcase_add_loop_test(tc, test_fill_scopes_recorded, 0, 2);
    tcase_add_test(tc, test_fill_scopes_pool_total_fallback);
    tcase_add_loop_test(tc, test_fill_scopes_v6_recorded, 0, 2);
    tcase_add_loop_test(tc, test_fill_scopes_pools, 0, 8);
    tcase_add_test(tc, test_fill_scopes_v6_pools);
    tcase_add_test(tc, test_fill_scopes_outside);
    tcase_add_test(tc, test_fill_scopes_no_pd_figures);
    tcase_add_test(tc, test_failovers);
    tcase_add_test(tc, test_hub_and_spoke);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(kea_decode_suite)
