/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fuzz.h"
#include "kea_decode.h"
#include "kea_source.h"

/* Every decoder gets every input, for both families: a recorded reply to one
 * command is a good malformed reply to the others. What decodes is then
 * turned into scopes, as the fetch does. */

static void check_rc(int rc, const char *err, size_t errlen)
{
    FUZZ_ASSERT(rc == 0 || rc == KEA_E_FAIL || rc == KEA_E_UNSUPPORTED || rc == KEA_E_DOWN || rc == KEA_E_SERVICE);
    if (rc != 0)
        FUZZ_ASSERT(fuzz_terminated(err, errlen) && err[0] != '\0');
}

static void check_rows(const kea_stats_t *st, const kea_stat_t *rows, size_t n, int pools)
{
    for (size_t i = 0; i < n; i++) {
        const kea_stat_t *found;

        /* Sorted: the finds are binary searches. */
        if (i > 0)
            FUZZ_ASSERT(rows[i - 1].subnet_id <= rows[i].subnet_id);
        FUZZ_ASSERT(rows[i].total_exact || count_is_zero(rows[i].total));
        found = pools ? kea_stats_find_pool(st, rows[i].subnet_id, rows[i].kind, rows[i].pool_id)
                      : kea_stats_find(st, rows[i].subnet_id);
        FUZZ_ASSERT(found != NULL && found->subnet_id == rows[i].subnet_id);
        FUZZ_ASSERT(kea_stat_used(st, &rows[i]) <= kea_stat_taken(st, &rows[i]));
    }
}

static void check_stats(const kea_stats_t *st)
{
    FUZZ_ASSERT(st->count == 0 || st->rows != NULL);
    FUZZ_ASSERT(st->npools == 0 || st->pools != NULL);
    check_rows(st, st->rows, st->count, 0);
    check_rows(st, st->pools, st->npools, 1);
}

static void check_config(const kea_config_t *cfg)
{
    unsigned bits = cfg->family == KEA_V6 ? 128 : 32;

    FUZZ_ASSERT(cfg->family == KEA_V4 || cfg->family == KEA_V6);
    FUZZ_ASSERT(cfg->count == 0 || cfg->subnets != NULL);
    for (size_t i = 0; i < cfg->count; i++) {
        const kea_subnet_t *s = &cfg->subnets[i];

        FUZZ_ASSERT(s->addr.family == (cfg->family == KEA_V6 ? ADDR_V6 : ADDR_V4) && s->addr.prefix <= bits);
        FUZZ_ASSERT(!addr_has_host_bits(&s->addr));
        FUZZ_ASSERT(s->na_pools || count_is_zero(s->na_total));
        FUZZ_ASSERT(s->pd_pools || count_is_zero(s->pd_total));
        FUZZ_ASSERT(s->na_groups <= s->na_pools && s->pd_groups <= s->pd_pools);
        FUZZ_ASSERT(s->na_pools + s->pd_pools == s->npools && s->pool0 + s->npools <= cfg->npools);
        FUZZ_ASSERT(s->relationship >= -1 && (s->relationship < 0 || (size_t)s->relationship < cfg->nrels));
        FUZZ_ASSERT(fuzz_terminated(s->network, sizeof s->network));
        FUZZ_ASSERT(fuzz_terminated(s->comment, sizeof s->comment));
    }
    for (size_t i = 0; i < cfg->npools; i++) {
        FUZZ_ASSERT(fuzz_terminated(cfg->pools[i].text, sizeof cfg->pools[i].text));
        FUZZ_ASSERT(fuzz_terminated(cfg->pools[i].client_class, sizeof cfg->pools[i].client_class));
        FUZZ_ASSERT(cfg->pools[i].kind == SCOPE_ADDRESSES
                    || (cfg->pools[i].kind == SCOPE_PREFIXES && cfg->pools[i].delegated >= cfg->pools[i].first.prefix));
    }
    for (size_t r = 0; r < cfg->nrels; r++) {
        FUZZ_ASSERT(fuzz_terminated(cfg->rels[r].server, sizeof cfg->rels[r].server));
        FUZZ_ASSERT(fuzz_terminated(cfg->rels[r].mode, sizeof cfg->rels[r].mode));
        FUZZ_ASSERT(cfg->rels[r].peer0 + cfg->rels[r].npeers <= cfg->npeers);
    }
}

/* The scopes the fetch would make of a configuration and these statistics:
 * a subnet the statistics lack is a sentence; anything else holds counts
 * that add up. */
static void check_fill(kea_facts_t *f)
{
    scope_list_t l;
    int rel[8];
    char err[256];
    int rc;

    if (f->cfg.nrels > 8)
        return;
    memset(&l, 0, sizeof l);
    FUZZ_ASSERT(kea_add_failovers(&l, &f->cfg, &f->ha, rel) == 0);
    memset(err, 'x', sizeof err);
    rc = kea_fill_scopes(&l, f, rel, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || (rc == -1 && fuzz_terminated(err, sizeof err)));
    for (size_t i = 0; rc == 0 && i < l.count; i++) {
        const scope_t *s = &l.items[i];

        FUZZ_ASSERT(count_cmp(count_add(count_add(s->used, s->declined), s->free), s->total) <= 0
                    || count_is_zero(s->free));
        FUZZ_ASSERT(s->failover >= -1 && (s->failover < 0 || (size_t)s->failover < l.nfailovers));
        for (size_t k = 0; k < s->npools; k++)
            FUZZ_ASSERT(fuzz_terminated(s->pools[k].name, sizeof s->pools[k].name));
    }
    for (size_t k = 0; k < l.nfailovers; k++) {
        int st = l.failovers[k].plugin_state;

        FUZZ_ASSERT(st == STATE_OK || st == STATE_WARNING || st == STATE_CRITICAL);
    }
    scope_list_free(&l);
}

/* The reply fed in pieces, as the transport does, must decode as the whole:
 * the same outcome and, when it decodes, the same configuration. (A
 * malformed reply may be described differently: where json-c gives up
 * inside a number can depend on where the input was cut.) */
static void check_pieces(const char *text, size_t size, int whole_rc, const kea_config_t *whole)
{
    kea_reply_t *r = kea_reply_new();
    kea_config_t cfg;
    char err[512];
    size_t at = 0, step = size > 2 ? (unsigned char)text[0] % (size / 2) + 1 : 1;
    int rc;

    if (!r)
        return;
    while (at < size) {
        size_t n = size - at < step ? size - at : step;

        if (kea_reply_feed(r, text + at, n) != 0)
            break;
        at += n;
        step = step * 3 + 1;
    }
    memset(err, 'x', sizeof err);
    rc = kea_decode_config_reply(r, &cfg, err, sizeof err);
    FUZZ_ASSERT(rc == whole_rc);
    if (rc != 0) {
        FUZZ_ASSERT(fuzz_terminated(err, sizeof err) && err[0] != '\0');
    } else {
        FUZZ_ASSERT(cfg.family == whole->family && cfg.count == whole->count && cfg.npools == whole->npools
                    && cfg.nrels == whole->nrels);
        for (size_t i = 0; i < cfg.count; i++)
            FUZZ_ASSERT(cfg.subnets[i].id == whole->subnets[i].id
                        && count_cmp(cfg.subnets[i].na_total, whole->subnets[i].na_total) == 0
                        && count_cmp(cfg.subnets[i].pd_total, whole->subnets[i].pd_total) == 0);
    }
    kea_config_free(&cfg);
    kea_reply_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char err[512];
    kea_facts_t f;
    kea_version_t v;
    int rc, config_rc;

    if (size > (1u << 20))
        return 0;

    memset(err, 'x', sizeof err);
    rc = kea_decode_version(text, size, &v, err, sizeof err);
    check_rc(rc, err, sizeof err);

    memset(&f, 0, sizeof f);
    f.version.major = 3;
    f.version.minor = 2;
    memset(err, 'x', sizeof err);
    config_rc = kea_decode_config(text, size, &f.cfg, err, sizeof err);
    check_rc(config_rc, err, sizeof err);
    if (config_rc == 0)
        check_config(&f.cfg);
    else
        FUZZ_ASSERT(f.cfg.subnets == NULL && f.cfg.pools == NULL);
    check_pieces(text, size, config_rc, &f.cfg);

    for (int family = KEA_V4; family <= KEA_V6; family += KEA_V6 - KEA_V4) {
        for (int i = 0; i < 2; i++) {
            kea_stats_t st;

            memset(err, 'x', sizeof err);
            rc = (i == 0 ? kea_decode_stat_lease : kea_decode_statistics)(text, size, family, &st, err, sizeof err);
            check_rc(rc, err, sizeof err);
            if (rc == 0) {
                check_stats(&st);
                /* The same reply as the statistics of the configuration
                 * (a config-get holds none, so this mostly checks that a
                 * subnet without them is a sentence). */
                if (config_rc == 0 && f.cfg.family == family) {
                    f.lease = st;
                    f.pools = st;
                    f.has_pools = i;
                    check_fill(&f);
                    memset(&f.lease, 0, sizeof f.lease);
                    memset(&f.pools, 0, sizeof f.pools);
                }
            }
            kea_stats_free(&st);
        }
    }

    memset(err, 'x', sizeof err);
    rc = kea_decode_ha(text, size, &f.ha, err, sizeof err);
    check_rc(rc, err, sizeof err);
    if (rc == 0) {
        for (size_t i = 0; i < f.ha.count; i++) {
            const kea_ha_t *h = &f.ha.items[i];
            int state;

            FUZZ_ASSERT(fuzz_terminated(h->mode, sizeof h->mode));
            FUZZ_ASSERT(fuzz_terminated(h->server, sizeof h->server));
            FUZZ_ASSERT(fuzz_terminated(h->partner, sizeof h->partner));
            FUZZ_ASSERT(fuzz_terminated(h->role, sizeof h->role));
            FUZZ_ASSERT(fuzz_terminated(h->state, sizeof h->state));
            FUZZ_ASSERT(fuzz_terminated(h->partner_role, sizeof h->partner_role));
            FUZZ_ASSERT(fuzz_terminated(h->partner_state, sizeof h->partner_state));
            state = kea_ha_plugin_state(h);
            FUZZ_ASSERT(state == STATE_OK || state == STATE_WARNING || state == STATE_CRITICAL);
        }
        if (config_rc == 0) {
            scope_list_t l;
            int rel[8];

            if (f.cfg.nrels <= 8) {
                memset(&l, 0, sizeof l);
                FUZZ_ASSERT(kea_add_failovers(&l, &f.cfg, &f.ha, rel) == 0);
                scope_list_free(&l);
            }
        }
    }
    kea_facts_free(&f);
    return 0;
}
