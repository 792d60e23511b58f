/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kea_source.h"
#include "vec.h"

/* Decoded replies into the scope model: no I/O, so that the unit tests and
 * the fuzzer run it on any reply. */

int kea_lease_counts_declined(const kea_version_t *v)
{
    return kea_version_at_least(v, 3, 1, 2);
}

int kea_wants_pool_stats(const kea_version_t *v, const kea_config_t *cfg)
{
    if (!kea_version_at_least(v, 2, 3, 8))
        return 0;
    for (size_t i = 0; i < cfg->count; i++) {
        const kea_subnet_t *s = &cfg->subnets[i];

        if (s->na_groups > 1 || s->pd_groups > 1 || s->reserved_outside > 0)
            return 1;
    }
    return 0;
}

/* The status-get entry of configured relationship r, or NULL. Kea 2.5.5+
 * names each entry's servers; before, there is one relationship and one entry. */
static const kea_ha_t *ha_entry(const kea_config_t *cfg, const kea_ha_list_t *ha, size_t r)
{
    const kea_rel_t *rel = &cfg->rels[r];

    for (size_t i = 0; i < ha->count; i++) {
        const kea_ha_t *h = &ha->items[i];

        if (h->server[0] && strcmp(h->server, rel->server) == 0)
            return h;
    }
    if (r < ha->count && !ha->items[r].server[0])
        return &ha->items[r];
    return NULL;
}

/* A failover relationship from its configuration and its status (NULL: not reported). */
static int add_failover(scope_list_t *out, const char *name, const char *mode, const kea_ha_t *h)
{
    int idx = scope_failover_add(out);
    scope_failover_t *f;

    if (idx < 0)
        return -1;
    f = &out->failovers[idx];
    text_copy(f->name, sizeof f->name, name[0] ? name : "ha");
    text_copy(f->mode, sizeof f->mode, h && h->mode[0] ? h->mode : mode);
    if (!h) {
        /* The hook is configured but status-get does not report on it. */
        text_copy(f->state, sizeof f->state, "not reported by status-get");
        f->plugin_state = STATE_WARNING;
        return idx;
    }
    text_copy(f->role, sizeof f->role, h->role);
    text_copy(f->state, sizeof f->state, h->state);
    if (h->communication_interrupted) {
        if (h->partner_state[0] && strcmp(h->partner_state, "unavailable") != 0)
            snprintf(f->partner_state, sizeof f->partner_state, "unreachable (last: %.24s)", h->partner_state);
        else
            text_copy(f->partner_state, sizeof f->partner_state, "unreachable");
    } else {
        text_copy(f->partner_state, sizeof f->partner_state, h->partner_state);
    }
    f->plugin_state = kea_ha_plugin_state(h);
    return idx;
}

int kea_add_failovers(scope_list_t *out, const kea_config_t *cfg, const kea_ha_list_t *ha, int *rel_failover)
{
    rel_failover[0] = -1;
    if (cfg->nrels == 0) {
        /* The hook without relationships we could read, or HA that only
         * status-get shows: one relationship for every subnet. */
        if (!cfg->ha_configured && ha->count == 0)
            return 0;
        rel_failover[0] = add_failover(out, ha->count ? ha->items[0].server : "", "", ha->count ? &ha->items[0] : NULL);
        return rel_failover[0] < 0 ? -1 : 0;
    }
    for (size_t r = 0; r < cfg->nrels; r++) {
        rel_failover[r] = add_failover(out, cfg->rels[r].server, cfg->rels[r].mode, ha_entry(cfg, ha, r));
        if (rel_failover[r] < 0)
            return -1;
    }
    return 0;
}

/* The figures of one pool-id's pools of a kind into a scope pool. */
static int add_pool_group(scope_t *s, const kea_config_t *cfg, const kea_subnet_t *sn, size_t first,
                          const kea_stats_t *st, const kea_stat_t *row)
{
    const kea_pool_t *p0 = &cfg->pools[first];
    scope_pool_t *p = scope_pool_add(s);
    count_t size = count_of(0), taken;
    size_t len = 0, more = 0;
    int same_class = p0->client_class[0] != '\0';

    if (!p)
        return -1;
    for (size_t i = first; i < sn->pool0 + sn->npools; i++) {
        const kea_pool_t *q = &cfg->pools[i];

        if (q->kind != p0->kind || q->pool_id != p0->pool_id)
            continue;
        size = count_add(size, q->size);
        if (strcmp(q->client_class, p0->client_class) != 0)
            same_class = 0;
        if (!more && len + strlen(q->text) + 3 < sizeof p->name - 16) {
            len += (size_t)snprintf(p->name + len, sizeof p->name - len, "%s%s", len ? ", " : "", q->text);
        } else {
            more++;
        }
    }
    if (more)
        snprintf(p->name + len, sizeof p->name - len, " and %zu more", more);
    /* Only the clients of its class may use it: it can run out while its
     * subnet has room, so it is judged on its own. */
    if (same_class) {
        text_copy(p->client_class, sizeof p->client_class, p0->client_class);
        p->judged = 1;
    }
    p->total = row->has_total && row->total_exact ? row->total : size;
    p->used = count_of(kea_stat_used(st, row));
    p->declined = p0->kind == SCOPE_ADDRESSES ? count_of(row->declined) : count_of(0);
    taken = count_add(p->used, p->declined);
    p->free = count_sub(p->total, taken);
    return 0;
}

/* The pools of a kind that Kea reports apart (one scope pool per pool-id),
 * and the leases Kea counts in the subnet but in none of its pools: *outside.
 * Nothing when the subnet's pools share one pool-id (then the pool figures
 * are the subnet's) or Kea sent no figures for one of them. */
static int add_pools(scope_t *s, const kea_config_t *cfg, const kea_subnet_t *sn, int kind, const kea_stats_t *st,
                     uint64_t subnet_taken, uint64_t *outside)
{
    uint64_t taken = 0;
    unsigned groups = kind == SCOPE_ADDRESSES ? sn->na_groups : sn->pd_groups;

    *outside = 0;
    if (groups == 0)
        return 0;
    for (size_t i = sn->pool0; i < sn->pool0 + sn->npools; i++) {
        const kea_pool_t *p = &cfg->pools[i];

        if (p->kind == kind && !kea_stats_find_pool(st, sn->id, kind, p->pool_id))
            return 0;
    }
    for (size_t i = sn->pool0; i < sn->pool0 + sn->npools; i++) {
        const kea_pool_t *p = &cfg->pools[i];
        const kea_stat_t *row;
        size_t j;

        if (p->kind != kind)
            continue;
        for (j = sn->pool0; j < i; j++)
            if (cfg->pools[j].kind == kind && cfg->pools[j].pool_id == p->pool_id)
                break;
        if (j < i)
            continue;
        row = kea_stats_find_pool(st, sn->id, kind, p->pool_id);
        taken += kea_stat_taken(st, row);
        if (groups > 1 && add_pool_group(s, cfg, sn, i, st, row) != 0)
            return -1;
    }
    *outside = subnet_taken > taken ? subnet_taken - taken : 0;
    return 0;
}

/* used and free of a scope, after the leases outside its pools are set apart. */
static void settle(scope_t *s, uint64_t used, uint64_t outside)
{
    if (outside > used)
        outside = used;
    s->outside = count_of(outside);
    s->used = count_of(used - outside);
    s->free = count_sub(s->total, count_add(s->used, s->declined));
}

static scope_t *new_scope(scope_list_t *out, const kea_subnet_t *sn, int kind, int failover, char *err,
                          size_t errlen)
{
    scope_t *s = scope_add(out);

    if (!s) {
        snprintf(err, errlen, "out of memory while listing Kea's subnets");
        return NULL;
    }
    s->addr = sn->addr;
    s->kind = (uint8_t)kind;
    s->id = sn->id;
    text_copy(s->name, sizeof s->name, sn->comment);
    text_copy(s->group, sizeof s->group, sn->network);
    s->failover = failover;
    return s;
}

int kea_fill_scopes(scope_list_t *out, const kea_facts_t *facts, const int *rel_failover, char *err,
                    size_t errlen)
{
    const kea_config_t *cfg = &facts->cfg;
    const kea_stats_t *lease = &facts->lease;
    const kea_stats_t *pools = facts->has_pools ? &facts->pools : NULL;
    size_t need = out->count + cfg->count;
    scope_t *items;

    /* Room for every scope at once rather than growing as they come. */
    for (size_t i = 0; i < cfg->count; i++)
        need += cfg->subnets[i].pd_pools > 0;
    items = vec_grow(out->items, &out->cap, need, sizeof *items);
    if (!items)
        goto oom;
    out->items = items;
    for (size_t i = 0; i < cfg->count; i++) {
        const kea_subnet_t *sn = &cfg->subnets[i];
        const kea_stat_t *st = kea_stats_find(lease, sn->id);
        int failover = cfg->nrels == 0 ? rel_failover[0] : sn->relationship >= 0 ? rel_failover[sn->relationship] : -1;
        uint64_t outside = 0;
        scope_t *s;

        if (!st || !st->has_assigned) {
            char addr[ADDR_PREFIX_TEXT_MAX];

            addr_format_prefix(&sn->addr, addr, sizeof addr);
            snprintf(err, errlen, "Kea reports no lease statistics for subnet id %u (%s); was the "
                     "configuration reloaded during the check?", sn->id, addr);
            return -1;
        }
        /* A DHCPv6 subnet with prefix-delegation pools only has no address scope. */
        if (cfg->family == KEA_V4 || sn->na_pools > 0 || sn->pd_pools == 0) {
            s = new_scope(out, sn, SCOPE_ADDRESSES, failover, err, errlen);
            if (!s)
                return -1;
            /* Kea's own total, when exact, is what its allocator counts. */
            s->total = st->has_total && st->total_exact ? st->total : sn->na_total;
            s->declined = count_of(st->declined);
            if (pools && add_pools(s, cfg, sn, SCOPE_ADDRESSES, pools, kea_stat_taken(lease, st), &outside) != 0)
                goto oom;
            settle(s, kea_stat_used(lease, st), outside);
        }
        if (sn->pd_pools > 0) {
            const kea_pool_t *first = NULL;

            if (!st->has_pd) {
                char addr[ADDR_PREFIX_TEXT_MAX];

                addr_format_prefix(&sn->addr, addr, sizeof addr);
                snprintf(err, errlen, "Kea reports no prefix-delegation statistics for subnet id %u (%s), which "
                         "has prefix-delegation pools", sn->id, addr);
                return -1;
            }

            s = new_scope(out, sn, SCOPE_PREFIXES, failover, err, errlen);
            if (!s)
                return -1;
            for (size_t k = sn->pool0; !first && k < sn->pool0 + sn->npools; k++)
                if (cfg->pools[k].kind == SCOPE_PREFIXES)
                    first = &cfg->pools[k];
            s->pd_pool = first->first;
            s->pd_delegated = first->delegated;
            s->pd_pools = sn->pd_pools;
            s->total = st->has_pd && st->pd_total_exact ? st->pd_total : sn->pd_total;
            outside = 0;
            if (pools && add_pools(s, cfg, sn, SCOPE_PREFIXES, pools, st->pd_assigned, &outside) != 0)
                goto oom;
            settle(s, st->pd_assigned, outside);
        }
    }
    return 0;
oom:
    snprintf(err, errlen, "out of memory while listing Kea's pools");
    return -1;
}

void kea_facts_free(kea_facts_t *facts)
{
    kea_config_free(&facts->cfg);
    kea_stats_free(&facts->lease);
    kea_stats_free(&facts->pools);
    kea_ha_list_free(&facts->ha);
    memset(facts, 0, sizeof *facts);
}
