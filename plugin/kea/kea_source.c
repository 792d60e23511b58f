#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kea_source.h"
#include "kea_transport.h"

const char kea_missing[] = "";

/* The decoders behind one signature, so that run() can serve them all. */
typedef int (*kea_decoder_fn)(const char *text, size_t len, int family, void *out, char *err, size_t errlen);

static int decode_version(const char *t, size_t n, int family, void *o, char *e, size_t el)
{
    (void)family;
    return kea_decode_version(t, n, o, e, el);
}

static int decode_config(const char *t, size_t n, int family, void *o, char *e, size_t el)
{
    (void)family;
    return kea_decode_config(t, n, o, e, el);
}

static int decode_lease(const char *t, size_t n, int family, void *o, char *e, size_t el)
{
    return kea_decode_stat_lease(t, n, family, o, e, el);
}

static int decode_stats(const char *t, size_t n, int family, void *o, char *e, size_t el)
{
    return kea_decode_statistics(t, n, family, o, e, el);
}

static int decode_ha(const char *t, size_t n, int family, void *o, char *e, size_t el)
{
    (void)family;
    return kea_decode_ha(t, n, o, e, el);
}

/* Sends one command and decodes its reply: 0, KEA_E_UNSUPPORTED,
 * KEA_E_SERVICE, SOURCE_DOWN or SOURCE_ERROR. */
static int run(kea_conn_t *conn, const char *command, kea_decoder_fn decode, int family, void *out, char *err,
               size_t errlen)
{
    char *reply;
    size_t len;
    int rc;

    rc = kea_conn_command(conn, command, &reply, &len, err, errlen);
    if (rc != 0)
        return rc;
    rc = decode(reply, len, family, out, err, errlen);
    free(reply);
    if (rc == KEA_E_DOWN) {
        char words[512];

        text_copy(words, sizeof words, err);
        kea_conn_down_sentence(conn, words, err, errlen);
        return SOURCE_DOWN;
    }
    return rc == KEA_E_FAIL ? SOURCE_ERROR : rc;
}

/* Everything the check asks Kea, in order: version-get, config-get,
 * stat-lease4-get or stat-lease6-get (statistic-get-all without the
 * stat_cmds hook), statistic-get-all when per-pool figures add something,
 * and status-get when the HA hook is loaded. */
static int ask(kea_conn_t *conn, const kea_options_t *opt, kea_facts_t *f, char *err, size_t errlen)
{
    int rc = run(conn, "version-get", decode_version, 0, &f->version, err, errlen);

    /* A daemon's own HTTP socket (3.1.9+) refuses a service other than its
     * own; without --service the reply, not the default, tells the family. */
    if (rc == KEA_E_SERVICE && kea_conn_sends_service(conn) && !kea_conn_service_given(conn)) {
        kea_conn_drop_service(conn);
        kea_conn_set_family(conn, 0);
        rc = run(conn, "version-get", decode_version, 0, &f->version, err, errlen);
    }
    if (rc != 0)
        return rc == SOURCE_DOWN ? SOURCE_DOWN : SOURCE_ERROR;
    rc = run(conn, "config-get", decode_config, 0, &f->cfg, err, errlen);
    if (rc != 0)
        return rc == SOURCE_DOWN ? SOURCE_DOWN : SOURCE_ERROR;
    if (opt->service && (strcmp(opt->service, "dhcp6") == 0) != (f->cfg.family == KEA_V6)) {
        snprintf(err, errlen, "--service asks for %s, but %s answers with a %s configuration (a Kea daemon that "
                 "serves HTTP itself answers for itself, whatever the service)", kea_conn_daemon(conn),
                 kea_conn_target(conn), f->cfg.family == KEA_V6 ? "Dhcp6" : "Dhcp4");
        return SOURCE_ERROR;
    }
    kea_conn_set_family(conn, f->cfg.family);

    rc = run(conn, f->cfg.family == KEA_V6 ? "stat-lease6-get" : "stat-lease4-get", decode_lease, f->cfg.family,
             &f->lease, err, errlen);
    if (rc == 0) {
        f->lease.assigned_has_declined = kea_lease_counts_declined(&f->version);
    } else if (rc == KEA_E_UNSUPPORTED) {
        /* Without the stat_cmds hook the built-in statistics tell the same,
         * and per-pool figures with them. */
        rc = run(conn, "statistic-get-all", decode_stats, f->cfg.family, &f->lease, err, errlen);
        if (rc == 0 && kea_version_at_least(&f->version, 2, 3, 8)) {
            f->pools = f->lease;
            f->pools.rows = NULL;
            f->pools.count = f->pools.cap = 0;
            f->lease.pools = NULL;
            f->lease.npools = f->lease.pcap = 0;
            f->has_pools = 1;
        }
    }
    if (rc == 0 && !f->has_pools && kea_wants_pool_stats(&f->version, &f->cfg)) {
        rc = run(conn, "statistic-get-all", decode_stats, f->cfg.family, &f->pools, err, errlen);
        f->has_pools = rc == 0;
    }
    if (rc != 0)
        return rc == SOURCE_DOWN ? SOURCE_DOWN : SOURCE_ERROR;
    if (f->cfg.ha_configured) {
        rc = run(conn, "status-get", decode_ha, 0, &f->ha, err, errlen);
        /* A Kea older than status-get: no HA state, which the failover says. */
        if (rc != 0 && rc != KEA_E_UNSUPPORTED)
            return rc == SOURCE_DOWN ? SOURCE_DOWN : SOURCE_ERROR;
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
