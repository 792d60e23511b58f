/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kea_source.h"
#include "kea_transport.h"

const char kea_missing[] = "";

/* The replies of the last check. Freeing a reply's parse tree is a fifth of
 * the plugin's work with 1,000 subnets (json-c allocates every key and value
 * apart) and buys nothing in a process that ends after one check: the last
 * check's replies are kept, reachable, until the process ends; a next check
 * in the same process frees them first. */
static struct {
    kea_reply_t *replies[16];
    size_t n;
} kept;

static void keep_reply(kea_reply_t *r)
{
    if (kept.n < sizeof kept.replies / sizeof kept.replies[0])
        kept.replies[kept.n++] = r;
    else
        kea_reply_free(r);
}

static void free_kept(void)
{
    for (size_t i = 0; i < kept.n; i++)
        kea_reply_free(kept.replies[i]);
    kept.n = 0;
}

/* One command of a batch: its reply as it is read. */
typedef struct step {
    const char *command;
    kea_reply_t *reply;
} step_t;

/* Sends the commands at once and reads every reply. 0, SOURCE_DOWN or
 * SOURCE_ERROR (then the replies are freed). */
static int ask_batch(kea_conn_t *conn, step_t *steps, size_t n, char *err, size_t errlen)
{
    kea_call_t calls[KEA_BATCH_MAX];
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        steps[i].reply = kea_reply_new();
        if (!steps[i].reply) {
            snprintf(err, errlen, "out of memory while asking Kea");
            rc = SOURCE_ERROR;
        }
        calls[i].command = steps[i].command;
        calls[i].sink = kea_reply_feed;
        calls[i].ctx = steps[i].reply;
    }
    if (rc == 0)
        rc = kea_conn_batch(conn, calls, n, err, errlen);
    if (rc != 0) {
        for (size_t i = 0; i < n; i++) {
            kea_reply_free(steps[i].reply);
            steps[i].reply = NULL;
        }
    }
    return rc;
}

/* A decoder's code as the fetch returns it: KEA_E_UNSUPPORTED and
 * KEA_E_SERVICE stay for the caller to act on; the Control Agent's word that
 * the daemon is unreachable is SOURCE_DOWN. */
static int outcome(kea_conn_t *conn, int rc, char *err, size_t errlen)
{
    if (rc == KEA_E_DOWN) {
        char words[512];

        text_copy(words, sizeof words, err);
        kea_conn_down_sentence(conn, words, err, errlen);
        return SOURCE_DOWN;
    }
    return rc == KEA_E_FAIL ? SOURCE_ERROR : rc;
}

static int final(int rc)
{
    return rc == 0 ? 0 : rc == SOURCE_DOWN ? SOURCE_DOWN : SOURCE_ERROR;
}

static const char *lease_command(int family)
{
    return family == KEA_V6 ? "stat-lease6-get" : "stat-lease4-get";
}

/* What the check asks Kea. First, at once: version-get, config-get and the
 * lease statistics of the family expected (DHCPv4 while nothing says
 * otherwise), so that Kea prepares the statistics while config-get's reply
 * is being parsed. Then what those replies call for, at once: the right
 * family's statistics, statistic-get-all (without the stat_cmds hook, or
 * for per-pool figures on Kea 2.4+) and status-get (with the HA hook). */
static int ask(kea_conn_t *conn, const kea_options_t *opt, kea_facts_t *f, char *err, size_t errlen)
{
    step_t first[3], more[3];
    int guess = opt->service && strcmp(opt->service, "dhcp6") == 0 ? KEA_V6 : KEA_V4;
    int rc, lease_rc = 0, need_lease, need_stats, nmore = 0, retried = 0;
    size_t nfirst;

again:
    first[0].command = "config-get";
    first[1].command = "version-get";
    first[2].command = lease_command(guess);
    first[2].reply = NULL;
    /* Over HTTP the commands go one after the other: guessing would only
     * cost a command. */
    nfirst = kea_conn_parallel(conn) ? 3 : 2;
    if (nfirst == 2)
        guess = 0;
    rc = ask_batch(conn, first, nfirst, err, errlen);
    if (rc != 0)
        return final(rc);
    rc = outcome(conn, kea_decode_version_reply(first[1].reply, &f->version, err, errlen), err, errlen);
    /* A daemon's own HTTP socket (3.1.9+) refuses a service other than its
     * own; without --service the reply, not the default, tells the family. */
    if (rc == KEA_E_SERVICE && !retried && kea_conn_sends_service(conn) && !kea_conn_service_given(conn)) {
        for (size_t i = 0; i < nfirst; i++)
            kea_reply_free(first[i].reply);
        kea_conn_drop_service(conn);
        kea_conn_set_family(conn, 0);
        retried = 1;
        goto again;
    }
    if (rc == 0)
        rc = outcome(conn, kea_decode_config_reply(first[0].reply, &f->cfg, err, errlen), err, errlen);
    if (rc == 0 && opt->service && (strcmp(opt->service, "dhcp6") == 0) != (f->cfg.family == KEA_V6)) {
        snprintf(err, errlen, "--service asks for %s, but %s answers with a %s configuration (a Kea daemon that "
                 "serves HTTP itself answers for itself, whatever the service)", kea_conn_daemon(conn),
                 kea_conn_target(conn), f->cfg.family == KEA_V6 ? "Dhcp6" : "Dhcp4");
        rc = SOURCE_ERROR;
    }
    need_lease = rc == 0 && f->cfg.family != guess;
    if (rc == 0 && !need_lease) {
        kea_conn_set_family(conn, f->cfg.family);
        lease_rc = outcome(conn, kea_decode_stat_lease_reply(first[2].reply, f->cfg.family, &f->lease, err, errlen),
                           err, errlen);
        if (lease_rc != 0 && lease_rc != KEA_E_UNSUPPORTED)
            rc = lease_rc;
        f->lease.assigned_has_declined = kea_lease_counts_declined(&f->version);
    }
    for (size_t i = 0; i < nfirst; i++)
        keep_reply(first[i].reply);
    if (rc != 0)
        return final(rc);
    kea_conn_set_family(conn, f->cfg.family);

    /* Without the stat_cmds hook statistic-get-all tells the same, with
     * per-pool figures on 2.4+; with it, statistic-get-all only for those. */
    need_stats = lease_rc == KEA_E_UNSUPPORTED || kea_wants_pool_stats(&f->version, &f->cfg);
    if (need_lease)
        more[nmore++].command = lease_command(f->cfg.family);
    if (need_stats)
        more[nmore++].command = "statistic-get-all";
    if (f->cfg.ha_configured)
        more[nmore++].command = "status-get";
    if (nmore == 0)
        goto done;
    rc = ask_batch(conn, more, (size_t)nmore, err, errlen);
    if (rc != 0)
        return final(rc);
    for (int i = 0; i < nmore && rc == 0; i++) {
        const char *cmd = more[i].command;

        if (strcmp(cmd, "status-get") == 0) {
            rc = outcome(conn, kea_decode_ha_reply(more[i].reply, &f->ha, err, errlen), err, errlen);
            /* A Kea older than status-get: no HA state, which the failover says. */
            if (rc == KEA_E_UNSUPPORTED)
                rc = 0;
        } else if (strcmp(cmd, "statistic-get-all") == 0) {
            rc = outcome(conn, kea_decode_statistics_reply(more[i].reply, f->cfg.family, &f->pools, err, errlen),
                         err, errlen);
            f->has_pools = rc == 0;
        } else {
            lease_rc = outcome(conn, kea_decode_stat_lease_reply(more[i].reply, f->cfg.family, &f->lease, err,
                                                                 errlen), err, errlen);
            if (lease_rc != 0 && lease_rc != KEA_E_UNSUPPORTED)
                rc = lease_rc;
            f->lease.assigned_has_declined = kea_lease_counts_declined(&f->version);
        }
    }
    for (int i = 0; i < nmore; i++)
        keep_reply(more[i].reply);
    if (rc != 0)
        return final(rc);
    if (lease_rc == KEA_E_UNSUPPORTED && !f->has_pools) {
        /* The right family's stat-lease*-get came only now, unsupported. */
        step_t stats = { "statistic-get-all", NULL };

        rc = ask_batch(conn, &stats, 1, err, errlen);
        if (rc != 0)
            return final(rc);
        rc = outcome(conn, kea_decode_statistics_reply(stats.reply, f->cfg.family, &f->pools, err, errlen), err,
                     errlen);
        keep_reply(stats.reply);
        if (rc != 0)
            return final(rc);
        f->has_pools = 1;
    }
done:
    if (lease_rc == KEA_E_UNSUPPORTED) {
        /* statistic-get-all stands in for the lease statistics; its per-pool
         * figures count only on a Kea that has them. */
        kea_stats_free(&f->lease);
        f->lease = f->pools;
        f->pools.rows = NULL;
        f->pools.count = f->pools.cap = 0;
        f->lease.pools = NULL;
        f->lease.npools = f->lease.pcap = 0;
        f->has_pools = kea_version_at_least(&f->version, 2, 3, 8);
        if (!f->has_pools)
            kea_stats_free(&f->pools);
    }
    return 0;
}

int kea_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    kea_facts_t facts;
    kea_conn_t *conn;
    int *rel_failover = NULL;
    int rc;

    memset(&facts, 0, sizeof facts);
    free_kept();
    conn = kea_conn_open(opts, ctx->timeout, err, errlen);
    if (!conn)
        return SOURCE_ERROR;
    rc = ask(conn, opts, &facts, err, errlen);
    kea_conn_close(conn);
    if (rc == 0) {
        rel_failover = calloc(facts.cfg.nrels ? facts.cfg.nrels : 1, sizeof *rel_failover);
        if (!rel_failover || kea_add_failovers(out, &facts.cfg, &facts.ha, rel_failover) != 0) {
            snprintf(err, errlen, "out of memory while reading Kea's HA state");
            rc = SOURCE_ERROR;
        }
    }
    if (rc == 0 && kea_fill_scopes(out, &facts, rel_failover, err, errlen) != 0)
        rc = SOURCE_ERROR;
    free(rel_failover);
    kea_facts_free(&facts);
    return rc;
}
