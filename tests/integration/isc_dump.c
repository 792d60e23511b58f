/* SPDX-License-Identifier: GPL-3.0-or-later */
/* isc_dump CONFIG LEASES [NOW]: what the ISC source reads, in a form scripts
 * can compare with other tools (dhcpd-pools) and with the ground truth of
 * generated files. One line per range (range6 for dhcpd -6: each range6 and
 * prefix6 with its kind) with the raw binding-state counts of its addresses
 * (lease end times ignored, as dhcpd-pools does, except active_expired), one
 * per scope as isc_fetch fills it, counted at NOW (seconds since the epoch,
 * default: the current time), one per failover peer. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "isc_source.h"

int main(int argc, char **argv)
{
    isc_conf_t conf;
    isc_leases_t *leases = NULL;
    scope_list_t list;
    char err[512], a[ADDR_PREFIX_TEXT_MAX], b[ADDR_PREFIX_TEXT_MAX];
    int64_t now;
    size_t i;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: isc_dump CONFIG LEASES [NOW]\n");
        return 2;
    }
    now = argc == 4 ? (int64_t)strtoll(argv[3], NULL, 10) : (int64_t)time(NULL);
    memset(&conf, 0, sizeof conf);
    memset(&list, 0, sizeof list);
    if (isc_load(argv[1], argv[2], &conf, &leases, err, sizeof err) < 0
        || isc_scopes(&conf, leases, now, &list, err, sizeof err) < 0) {
        fprintf(stderr, "isc_dump: %s\n", err);
        isc_leases_free(leases);
        isc_conf_free(&conf);
        return 1;
    }
    for (i = 0; i < conf.nranges; i++) {
        const isc_range_t *r = &conf.ranges[i];
        isc_counts_t c;

        isc_leases_count(leases, r->low, r->high, now, &c);
        {
        addr_t lo = addr_v4(r->low, 32), hi = addr_v4(r->high, 32);

        addr_format(&lo, a, sizeof a);
        addr_format(&hi, b, sizeof b);
        printf("range %s %s total=%llu active=%llu backup=%llu free=%llu expired=%llu released=%llu "
               "abandoned=%llu reset=%llu none=%llu active_expired=%llu\n",
               a, b, (unsigned long long)c.total, (unsigned long long)c.active, (unsigned long long)c.backup,
               (unsigned long long)c.free, (unsigned long long)c.expired, (unsigned long long)c.released,
               (unsigned long long)c.abandoned, (unsigned long long)c.reset, (unsigned long long)c.none,
               (unsigned long long)c.active_expired);
        }
    }
    for (i = 0; i < conf.nranges6; i++) {
        static const char *const kinds[] = { "na", "ta", "pd" };
        const isc_range6_t *r = &conf.ranges6[i];
        isc_pool6_t pool;
        isc_counts6_t c;
        char sn[ADDR_PREFIX_TEXT_MAX];

        pool.low = r->low;
        pool.high = r->high;
        pool.kind = r->kind;
        pool.delegated = r->delegated;
        isc_leases_count6(leases, &pool, now, &c);
        addr_format(&r->low, a, sizeof a);
        addr_format(&r->high, b, sizeof b);
        addr_format_prefix(&conf.subnets6[r->subnet].net, sn, sizeof sn);
        printf("range6 %s %s kind=%s delegated=%u subnet=%s active=%llu active_expired=%llu expired=%llu "
               "released=%llu abandoned=%llu free=%llu fixed=%llu\n",
               a, b, kinds[r->kind], (unsigned)r->delegated, sn, (unsigned long long)c.active,
               (unsigned long long)c.active_expired, (unsigned long long)c.expired, (unsigned long long)c.released,
               (unsigned long long)c.abandoned, (unsigned long long)c.free, (unsigned long long)c.fixed);
    }
    for (i = 0; i < list.count; i++) {
        const scope_t *s = &list.items[i];
        char n[6][COUNT_TEXT_MAX];

        addr_format_prefix(&s->addr, a, sizeof a);
        printf("scope %s kind=%s", a, s->kind == SCOPE_PREFIXES ? "prefixes" : "addresses");
        if (s->kind == SCOPE_PREFIXES) {
            addr_format_prefix(&s->pd_pool, b, sizeof b);
            printf(" pd_pool=%s pd_delegated=%u pd_pools=%u", b, (unsigned)s->pd_delegated, s->pd_pools);
        }
        printf(" group=%s total=%s used=%s free=%s declined=%s split=%d this_free=%s "
               "partner_free=%s failover=%s\n",
               s->group[0] ? s->group : "-", count_format(s->total, n[0], sizeof n[0]),
               count_format(s->used, n[1], sizeof n[1]), count_format(s->free, n[2], sizeof n[2]),
               count_format(s->declined, n[3], sizeof n[3]), s->has_free_split,
               count_format(s->this_free, n[4], sizeof n[4]), count_format(s->partner_free, n[5], sizeof n[5]),
               s->failover >= 0 ? list.failovers[s->failover].name : "-");
    }
    for (i = 0; i < list.nfailovers; i++) {
        const scope_failover_t *f = &list.failovers[i];

        printf("failover %s role=%s state=%s partner_state=%s plugin_state=%d\n", f->name, f->role, f->state,
               f->partner_state[0] ? f->partner_state : "-", f->plugin_state);
    }
    scope_list_free(&list);
    isc_leases_free(leases);
    isc_conf_free(&conf);
    return 0;
}
