#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kea_source.h"
#include "kea_transport.h"

const char kea_missing[] = "";

/* The decoders behind one signature, so that kea_run can serve them all. */
typedef int (*kea_decoder_fn)(const char *text, size_t len, void *out, char *err, size_t errlen);

static int decode_config(const char *t, size_t n, void *o, char *e, size_t el)
{
    return kea_decode_config(t, n, o, e, el);
}

static int decode_lease4(const char *t, size_t n, void *o, char *e, size_t el)
{
    return kea_decode_stat_lease4(t, n, o, e, el);
}

static int decode_stats(const char *t, size_t n, void *o, char *e, size_t el)
{
    return kea_decode_statistics(t, n, o, e, el);
}

static int decode_ha(const char *t, size_t n, void *o, char *e, size_t el)
{
    return kea_decode_ha(t, n, o, e, el);
}

/* Sends one command and decodes its reply: 0, KEA_E_UNSUPPORTED or -1. */
static int kea_run(kea_conn_t *conn, const char *command, kea_decoder_fn decode, void *out, char *err,
                   size_t errlen)
{
    char *reply;
    size_t len;
    int rc;

    if (kea_conn_command(conn, command, &reply, &len, err, errlen) != 0)
        return -1;
    rc = decode(reply, len, out, err, errlen);
    free(reply);
    return rc;
}

int kea_add_failover(scope_list_t *out, const kea_config_t *cfg, const kea_ha_t *ha)
{
    int idx = scope_failover_add(out);
    scope_failover_t *f;

    if (idx < 0)
        return -1;
    f = &out->failovers[idx];
    text_copy(f->name, sizeof f->name, cfg->ha_server[0] ? cfg->ha_server : "ha");
    if (!ha->present) {
        /* The hook is configured but status-get does not report on it. */
        text_copy(f->mode, sizeof f->mode, cfg->ha_mode);
        text_copy(f->state, sizeof f->state, "not reported by status-get");
        f->plugin_state = STATE_WARNING;
        return idx;
    }
    text_copy(f->mode, sizeof f->mode, ha->mode);
    text_copy(f->role, sizeof f->role, ha->role);
    text_copy(f->state, sizeof f->state, ha->state);
    if (ha->communication_interrupted) {
        if (ha->partner_state[0] && strcmp(ha->partner_state, "unavailable") != 0)
            snprintf(f->partner_state, sizeof f->partner_state, "unreachable (last: %.24s)", ha->partner_state);
        else
            text_copy(f->partner_state, sizeof f->partner_state, "unreachable");
    } else {
        text_copy(f->partner_state, sizeof f->partner_state, ha->partner_state);
    }
    f->plugin_state = kea_ha_plugin_state(ha);
    return idx;
}

int kea_fill_scopes(scope_list_t *out, const kea_config_t *cfg, kea_stats_t *stats, int failover, char *err,
                    size_t errlen)
{
    for (size_t i = 0; i < cfg->count; i++) {
        const kea_subnet_t *sn = &cfg->subnets[i];
        const kea_stat_t *st = kea_stats_find(stats, sn->id);
        scope_t *s;
        count_t taken;

        if (!st) {
            char addr[ADDR_PREFIX_TEXT_MAX];

            addr_format_prefix(&sn->addr, addr, sizeof addr);
            snprintf(err, errlen, "Kea reports no lease statistics for subnet id %u (%s); was the "
                     "configuration reloaded during the check?", sn->id, addr);
            return -1;
        }
        s = scope_add(out);
        if (!s) {
            snprintf(err, errlen, "out of memory while listing Kea's subnets");
            return -1;
        }
        s->addr = sn->addr;
        s->id = sn->id;
        text_copy(s->name, sizeof s->name, sn->comment);
        text_copy(s->group, sizeof s->group, sn->network);
        /* Kea's own count, when it sends one, is what its allocator uses. */
        s->total = st->has_total ? count_of(st->total) : sn->pool_total;
        s->used = count_of(st->used);
        s->declined = count_of(st->declined);
        taken = count_add(s->used, s->declined);
        s->free = count_sub(s->total, taken);
        s->failover = failover;
    }
    return 0;
}

int kea_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    kea_config_t cfg = { 0 };
    kea_stats_t stats = { 0 };
    kea_ha_t ha = { 0 };
    kea_conn_t *conn;
    int rc, failover = -1;

    conn = kea_conn_open(opts, ctx->timeout, err, errlen);
    if (!conn)
        return -1;
    rc = kea_run(conn, "config-get", decode_config, &cfg, err, errlen);
    if (rc == 0) {
        rc = kea_run(conn, "stat-lease4-get", decode_lease4, &stats, err, errlen);
        /* Without the stat_cmds hook the built-in statistics say the same. */
        if (rc == KEA_E_UNSUPPORTED)
            rc = kea_run(conn, "statistic-get-all", decode_stats, &stats, err, errlen);
    }
    if (rc == 0) {
        rc = kea_run(conn, "status-get", decode_ha, &ha, err, errlen);
        /* A Kea older than status-get: no HA state, which kea_add_failover says. */
        if (rc == KEA_E_UNSUPPORTED)
            rc = 0;
    }
    kea_conn_close(conn);

    if (rc == 0 && (ha.present || cfg.ha_configured)) {
        failover = kea_add_failover(out, &cfg, &ha);
        if (failover < 0) {
            snprintf(err, errlen, "out of memory while reading Kea's HA state");
            rc = -1;
        }
    }
    if (rc == 0)
        rc = kea_fill_scopes(out, &cfg, &stats, failover, err, errlen);
    kea_config_free(&cfg);
    kea_stats_free(&stats);
    return rc == 0 ? 0 : -1;
}
