/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "isc_source.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon.h"
#include "os.h"
#include "readfile.h"
#include "source.h"

/* A dhcpd.conf (or one include) bigger than this is not a configuration. */
#define CONF_MAX ((size_t)64 << 20)

/* An include statement's file, whole, relative names resolved against the
 * including file's folder. */
static int include_file(void *ctx, const char *from, const char *name, char **data, size_t *len, char **path,
                        char *err, size_t errlen)
{
    (void)ctx;
    *path = readfile_relative(from, name);
    if (!*path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return readfile_whole(*path, CONF_MAX, "a dhcpd configuration", data, len, err, errlen);
}

static int feed_leases(void *p, const char *buf, size_t len)
{
    return isc_leases_feed(p, buf, len);
}

static int finish_leases(void *p)
{
    return isc_leases_finish(p);
}

static const char *leases_error(const void *p)
{
    return isc_leases_error(p);
}

static int read_leases(const char *path, isc_leases_t *leases, char *err, size_t errlen)
{
    readfile_sink_t sink = { leases, feed_leases, finish_leases, leases_error };

    return readfile_stream(path, &sink, err, errlen);
}

/* dhcpd -4 reads subnet, dhcpd -6 subnet6, and each refuses a file with the
 * other's: so does the plugin, rather than count half of it. */
static int check_family(const isc_conf_t *conf, const char *config, char *err, size_t errlen)
{
    if (!conf->first_subnet[0] || !conf->first_subnet6[0])
        return 0;
    snprintf(err, errlen, "%s declares both IPv4 subnets (subnet, %s) and IPv6 subnets (subnet6, %s), which "
             "dhcpd refuses in either mode (-4 or -6): check each server with its own configuration",
             config, conf->first_subnet, conf->first_subnet6);
    return -1;
}

/* The parser for a dhcpd -6 configuration: its pools in declaration order
 * and its hosts' fixed addresses and prefixes. */
static isc_leases_t *new_parser6(const isc_conf_t *conf, const char *leases_file, char *err, size_t errlen)
{
    isc_pool6_t *pools = malloc((conf->nranges6 ? conf->nranges6 : 1) * sizeof *pools);
    addr_t *fixed = malloc((conf->nfixed6 ? conf->nfixed6 : 1) * sizeof *fixed);
    isc_leases_t *p = NULL;
    size_t i;

    if (!pools || !fixed) {
        snprintf(err, errlen, "out of memory");
    } else {
        for (i = 0; i < conf->nranges6; i++) {
            pools[i].low = conf->ranges6[i].low;
            pools[i].high = conf->ranges6[i].high;
            pools[i].kind = conf->ranges6[i].kind;
            pools[i].delegated = conf->ranges6[i].delegated;
        }
        for (i = 0; i < conf->nfixed6; i++)
            fixed[i] = conf->fixed6[i].addr;
        p = isc_leases_new6(leases_file, pools, conf->nranges6, fixed, conf->nfixed6, err, errlen);
    }
    free(pools);
    free(fixed);
    return p;
}

/* A leases file of the other family is a wrong --leases: counting it would
 * show every pool empty. */
static int check_leases_family(const isc_conf_t *conf, const char *leases_file, const isc_leases_t *leases,
                               char *err, size_t errlen)
{
    unsigned long line = isc_leases_other_family(leases);

    if (!line)
        return 0;
    if (conf->nsubnets6)
        snprintf(err, errlen, "%s:%lu: a DHCPv4 lease block (lease ADDRESS { }) in the leases of a DHCPv6 "
                 "server (the configuration declares subnet6): --leases must name dhcpd -6's file "
                 "(/var/lib/dhcp/dhcpd6.leases by default)", leases_file, line);
    else
        snprintf(err, errlen, "%s:%lu: a DHCPv6 lease block (ia-na, ia-ta or ia-pd) in the leases of a DHCPv4 "
                 "server (the configuration declares no subnet6): --leases must name dhcpd -4's file "
                 "(/var/lib/dhcp/dhcpd.leases by default)", leases_file, line);
    return -1;
}

int isc_load_conf(const char *config, isc_conf_t *conf, char *err, size_t errlen)
{
    char *data;
    size_t len;
    int rc;

    if (!config || !*config) {
        snprintf(err, errlen, "the ISC source needs --config");
        return -1;
    }
    if (readfile_whole(config, CONF_MAX, "a dhcpd configuration", &data, &len, err, errlen) < 0)
        return -1;
    rc = isc_conf_parse(conf, config, data, len, include_file, NULL, err, errlen);
    free(data);
    if (rc < 0 || check_family(conf, config, err, errlen) < 0)
        return -1;
    return 0;
}

int isc_load_leases(const isc_conf_t *conf, const char *leases_file, isc_leases_t **leases, char *err,
                    size_t errlen)
{
    isc_span_t *spans;
    size_t i, n;

    *leases = NULL;
    if (!leases_file || !*leases_file) {
        snprintf(err, errlen, "the ISC source needs --leases");
        return -1;
    }
    if (conf->nsubnets6) {
        *leases = new_parser6(conf, leases_file, err, errlen);
        if (!*leases)
            return -1;
        goto read;
    }
    spans = malloc((conf->nranges ? conf->nranges : 1) * sizeof *spans);
    if (!spans) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (i = 0; i < conf->nranges; i++) {
        spans[i].low = conf->ranges[i].low;
        spans[i].high = conf->ranges[i].high;
    }
    n = isc_spans_merge(spans, conf->nranges);
    *leases = isc_leases_new(leases_file, spans, n, err, errlen);
    free(spans);
    if (!*leases)
        return -1;
read:
    if (read_leases(leases_file, *leases, err, errlen) < 0
        || check_leases_family(conf, leases_file, *leases, err, errlen) < 0) {
        isc_leases_free(*leases);
        *leases = NULL;
        return -1;
    }
    return 0;
}

int isc_load(const char *config, const char *leases_file, isc_conf_t *conf, isc_leases_t **leases, char *err,
             size_t errlen)
{
    *leases = NULL;
    if (isc_load_conf(config, conf, err, errlen) < 0)
        return -1;
    return isc_load_leases(conf, leases_file, leases, err, errlen);
}

/* How a dhcpd failover state maps onto the plugin's states:
 *
 *   normal                        OK        both servers serve their share
 *   partner-down                  CRITICAL  the partner is declared dead: one
 *                                           server left, no redundancy
 *   communications-interrupted    WARNING   the rest: degraded or in transition
 *   resolution-interrupted        WARNING
 *   potential-conflict            WARNING
 *   conflict-done                 WARNING
 *   recover, recover-wait,        WARNING
 *   recover-done                  WARNING
 *   startup, paused, shutdown     WARNING
 *   unknown-state                 WARNING
 *   no state recorded, any other  WARNING
 */
int isc_failover_plugin_state(const char *state)
{
    if (state && strcmp(state, "normal") == 0)
        return STATE_OK;
    if (state && strcmp(state, "partner-down") == 0)
        return STATE_CRITICAL;
    return STATE_WARNING;
}

static const char *role_name(enum isc_role role)
{
    return role == ISC_ROLE_PRIMARY ? "primary" : role == ISC_ROLE_SECONDARY ? "secondary" : "";
}

static int add_failovers(const isc_conf_t *conf, const isc_leases_t *leases, scope_list_t *out, int *index,
                         char *err, size_t errlen)
{
    size_t i;

    for (i = 0; i < conf->npeers; i++) {
        const isc_peer_t *peer = &conf->peers[i];
        const isc_leases_peer_t *lp = isc_leases_find_peer(leases, peer->name);
        const char *state = lp && lp->my_state[0] ? lp->my_state : "unknown";
        scope_failover_t *f;
        int fi = scope_failover_add(out);

        if (fi < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        index[i] = fi;
        f = &out->failovers[fi];
        text_copy(f->name, sizeof f->name, peer->name);
        f->mode[0] = '\0';
        text_copy(f->role, sizeof f->role, role_name(peer->role));
        text_copy(f->state, sizeof f->state, state);
        text_copy(f->partner_state, sizeof f->partner_state, lp ? lp->partner_state : "");
        f->plugin_state = isc_failover_plugin_state(lp ? lp->my_state : NULL);
    }
    return 0;
}

/* How many prefixes of length len [low, high] holds, exactly: high - low
 * fits in 128 bits even where high - low + 1 does not. */
static count_t prefixes_in(const addr_t *low, const addr_t *high, unsigned len)
{
    count_t d = count_sub(addr_number(high), addr_number(low));

    return count_add(count_shr(d, 128 - len), count_of(1));
}

/* The largest CIDR block that starts at a and ends at or before high, as
 * dhcpd cuts a range into pools (range2cidr): its length. */
static unsigned cidr_len(const addr_t *a, const addr_t *high)
{
    unsigned len;

    for (len = 0; len < 128; len++) {
        addr_t p = *a, last;

        p.prefix = (uint8_t)len;
        if (addr_has_host_bits(&p))
            continue;
        last = addr_last(&p);
        if (count_cmp(addr_number(&last), addr_number(high)) <= 0)
            return len;
    }
    return 128;
}

/* The pools dhcpd makes of [low, high]: how many, and the first one. */
static unsigned cidr_blocks(const addr_t *low, const addr_t *high, addr_t *first)
{
    addr_t a = *low;
    unsigned n = 0;

    for (;;) {
        unsigned len = cidr_len(&a, high), i;
        addr_t last;

        a.prefix = (uint8_t)len;
        if (n++ == 0)
            *first = a;
        last = addr_last(&a);
        if (addr_cmp(&last, high) >= 0)
            return n;
        for (i = 16; i-- > 0;)
            if (++last.bytes[i] != 0)
                break;
        a = last;
        a.prefix = 128;
    }
}

static int pool6_cmp(const void *x, const void *y)
{
    const isc_pool6_t *a = x, *b = y;
    int c;

    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->delegated != b->delegated)
        return a->delegated < b->delegated ? -1 : 1;
    c = addr_cmp(&a->low, &b->low);
    return c ? c : addr_cmp(&a->high, &b->high);
}

/* Sorts and merges overlapping pools of the same kind and length, so that
 * an address two range6 share counts once. Returns the new count. */
static size_t pools6_merge(isc_pool6_t *v, size_t n)
{
    size_t i, out = 0;

    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, pool6_cmp);
    for (i = 1; i < n; i++) {
        isc_pool6_t *last = &v[out];

        if (v[i].kind == last->kind && v[i].delegated == last->delegated
            && addr_cmp(&v[i].low, &last->high) <= 0) {
            if (addr_cmp(&v[i].high, &last->high) > 0)
                last->high = v[i].high;
        } else {
            v[++out] = v[i];
        }
    }
    return out + 1;
}

/* Fills one DHCPv6 scope from its merged pools. */
static void fill6(scope_t *s, isc_leases_t *leases, const isc_pool6_t *pools, size_t n, int64_t now)
{
    count_t total = count_of(0), fixed = count_of(0), used = count_of(0), declined = count_of(0);

    for (size_t k = 0; k < n; k++) {
        isc_counts6_t c;

        if (pools[k].kind == ISC_IA_PD)
            total = count_add(total, prefixes_in(&pools[k].low, &pools[k].high, pools[k].delegated));
        else
            total = count_add(total, addr_span(&pools[k].low, &pools[k].high));
        isc_leases_count6(leases, &pools[k], now, &c);
        fixed = count_add(fixed, count_of(c.fixed));
        used = count_add(used, count_of(c.active - c.active_expired));
        declined = count_add(declined, count_of(c.abandoned));
    }
    /* A fixed host's address or prefix is not the pool's to hand out. */
    s->total = count_sub(total, fixed);
    s->used = used;
    s->declined = declined;
    s->free = count_sub(count_sub(s->total, used), declined);
}

/* Per subnet6: one scope for its addresses (range6, temporary ones too)
 * and one for its delegated prefixes (prefix6), counted in prefixes. A
 * subnet6 with neither is shown as an address scope without a pool, as a
 * subnet without a range is. dhcpd has no failover for DHCPv6. */
static int isc_scopes6(const isc_conf_t *conf, isc_leases_t *leases, int64_t now, scope_list_t *out, char *err,
                       size_t errlen)
{
    isc_pool6_t *pools = malloc((conf->nranges6 ? conf->nranges6 : 1) * sizeof *pools);
    size_t *first = calloc(conf->nsubnets6 + 1, sizeof *first);
    size_t *order = malloc((conf->nranges6 ? conf->nranges6 : 1) * sizeof *order);
    size_t i, j;
    int rc = -1;

    if (!pools || !first || !order) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (j = 0; j < conf->nranges6; j++)
        first[conf->ranges6[j].subnet + 1]++;
    for (i = 0; i < conf->nsubnets6; i++)
        first[i + 1] += first[i];
    for (j = 0; j < conf->nranges6; j++)
        order[first[conf->ranges6[j].subnet]++] = j;
    for (i = conf->nsubnets6; i > 0; i--)
        first[i] = first[i - 1];
    first[0] = 0;
    for (i = 0; i < conf->nsubnets6; i++) {
        const isc_subnet6_t *sn = &conf->subnets6[i];
        size_t naddr = 0, npd = 0, k;
        const isc_range6_t *first_pd = NULL;
        unsigned blocks = 0;
        addr_t block, pd_first;
        scope_t *s;

        /* Address pools first, then prefix pools, each in declaration order. */
        for (k = first[i]; k < first[i + 1]; k++) {
            const isc_range6_t *r = &conf->ranges6[order[k]];

            if (r->kind == ISC_IA_PD)
                continue;
            pools[naddr].low = r->low;
            pools[naddr].high = r->high;
            pools[naddr].kind = r->kind;
            pools[naddr++].delegated = r->delegated;
        }
        for (k = first[i]; k < first[i + 1]; k++) {
            const isc_range6_t *r = &conf->ranges6[order[k]];

            if (r->kind != ISC_IA_PD)
                continue;
            if (!first_pd)
                first_pd = r;
            blocks += cidr_blocks(&r->low, &r->high, npd == 0 ? &pd_first : &block);
            pools[naddr + npd].low = r->low;
            pools[naddr + npd].high = r->high;
            pools[naddr + npd].kind = r->kind;
            pools[naddr + npd++].delegated = r->delegated;
        }
        if (naddr > 0 || npd == 0) {
            s = scope_add(out);
            if (!s) {
                snprintf(err, errlen, "out of memory");
                goto done;
            }
            s->addr = sn->net;
            s->kind = SCOPE_ADDRESSES;
            text_copy(s->group, sizeof s->group, sn->shared);
            fill6(s, leases, pools, pools6_merge(pools, naddr), now);
        }
        if (npd > 0) {
            s = scope_add(out);
            if (!s) {
                snprintf(err, errlen, "out of memory");
                goto done;
            }
            s->addr = sn->net;
            s->kind = SCOPE_PREFIXES;
            s->pd_pool = pd_first;
            s->pd_delegated = first_pd->delegated;
            s->pd_pools = blocks;
            text_copy(s->group, sizeof s->group, sn->shared);
            fill6(s, leases, pools + naddr, pools6_merge(pools + naddr, npd), now);
        }
    }
    rc = 0;
done:
    free(pools);
    free(first);
    free(order);
    return rc;
}

int isc_scopes(const isc_conf_t *conf, isc_leases_t *leases, int64_t now, scope_list_t *out, char *err,
               size_t errlen)
{
    isc_span_t *spans = malloc((conf->nranges ? conf->nranges : 1) * sizeof *spans);
    int *fo_index = malloc((conf->npeers ? conf->npeers : 1) * sizeof *fo_index);
    /* Ranges grouped by subnet, in declaration order within each: thousands
     * of subnets must not mean thousands of passes over every range. */
    size_t *first = calloc(conf->nsubnets + 1, sizeof *first);
    size_t *order = malloc((conf->nranges ? conf->nranges : 1) * sizeof *order);
    size_t i, j;
    int rc = -1;

    if (conf->nsubnets6) {
        rc = isc_scopes6(conf, leases, now, out, err, errlen);
        goto done;
    }
    if (!spans || !fo_index || !first || !order) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (j = 0; j < conf->nranges; j++)
        first[conf->ranges[j].subnet + 1]++;
    for (i = 0; i < conf->nsubnets; i++)
        first[i + 1] += first[i];
    for (j = 0; j < conf->nranges; j++)
        order[first[conf->ranges[j].subnet]++] = j;
    for (i = conf->nsubnets; i > 0; i--)
        first[i] = first[i - 1];
    first[0] = 0;
    if (add_failovers(conf, leases, out, fo_index, err, errlen) < 0)
        goto done;
    for (i = 0; i < conf->nsubnets; i++) {
        const isc_subnet_t *sn = &conf->subnets[i];
        isc_counts_t sum, c;
        int peer = ISC_NO_PEER;
        size_t n = 0, k;
        scope_t *s;

        memset(&sum, 0, sizeof sum);
        for (k = first[i]; k < first[i + 1]; k++) {
            const isc_range_t *r = &conf->ranges[order[k]];

            spans[n].low = r->low;
            spans[n].high = r->high;
            n++;
            if (peer == ISC_NO_PEER)
                peer = r->peer;
        }
        /* Overlapping ranges would count their shared addresses twice. */
        n = isc_spans_merge(spans, n);
        for (k = 0; k < n; k++) {
            isc_leases_count(leases, spans[k].low, spans[k].high, now, &c);
            sum.total += c.total;
            sum.active += c.active;
            sum.active_expired += c.active_expired;
            sum.abandoned += c.abandoned;
            sum.backup += c.backup;
        }
        s = scope_add(out);
        if (!s) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
        s->addr = addr_v4(sn->addr, (unsigned)sn->prefix);
        text_copy(s->group, sizeof s->group, sn->shared);
        s->total = count_of(sum.total);
        s->used = count_of(sum.active - sum.active_expired);
        s->declined = count_of(sum.abandoned);
        s->free = count_of(sum.total - (sum.active - sum.active_expired) - sum.abandoned);
        if (peer != ISC_NO_PEER) {
            /* In a failover pool dhcpd gives 'free' addresses to the primary
             * and 'backup' ones to the secondary. */
            count_t backup = count_of(sum.backup);

            s->has_free_split = 1;
            if (conf->peers[peer].role == ISC_ROLE_SECONDARY) {
                s->this_free = backup;
                s->partner_free = count_sub(s->free, backup);
            } else {
                s->this_free = count_sub(s->free, backup);
                s->partner_free = backup;
            }
            s->failover = fo_index[peer];
        }
    }
    rc = 0;
done:
    free(spans);
    free(fo_index);
    free(first);
    free(order);
    return rc;
}

/* A leases file keeps its last state after dhcpd died: whether dhcpd runs
 * comes from its pid file (--pidfile, else the configuration's
 * pid-file-name, else Debian's default; dhcpd -6 has a name and a default
 * of its own). */
static int check_daemon(const isc_options_t *o, const isc_conf_t *conf, char *err, size_t errlen)
{
    static const char *const names[] = { "dhcpd", NULL };
    const char *pidfile = o->pidfile;

    if (!pidfile && conf->nsubnets6)
        pidfile = conf->pid_file6[0] ? conf->pid_file6 : ISC_DEFAULT_PIDFILE6;
    else if (!pidfile)
        pidfile = conf->pid_file[0] ? conf->pid_file : ISC_DEFAULT_PIDFILE;

    if (o->no_pidfile)
        return 0;
    return daemon_check(pidfile, "dhcpd", names, err, errlen);
}

static int isc_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    const isc_options_t *o = opts;
    isc_conf_t conf;
    isc_leases_t *leases = NULL;
    int rc;

    (void)ctx;
    memset(&conf, 0, sizeof conf);
    rc = isc_load_conf(o->config, &conf, err, errlen);
    if (rc == 0)
        rc = check_daemon(o, &conf, err, errlen);
    if (rc == 0)
        rc = isc_load_leases(&conf, o->leases, &leases, err, errlen);
    if (rc == 0)
        rc = isc_scopes(&conf, leases, (int64_t)time(NULL), out, err, errlen);
    isc_leases_free(leases);
    isc_conf_free(&conf);
    return rc;
}

static void isc_defaults(void *opts)
{
    isc_options_t *o = opts;

    o->config = "/etc/dhcp/dhcpd.conf";
    o->leases = "/var/lib/dhcp/dhcpd.leases";
}

static const source_option_t isc_option_table[] = {
    { 0, "config", "FILE", "dhcpd.conf (default /etc/dhcp/dhcpd.conf)", SOPT_STRING,
      offsetof(isc_options_t, config), "a file name", 0 },
    { 0, "leases", "FILE", "dhcpd.leases (default /var/lib/dhcp/dhcpd.leases)", SOPT_STRING,
      offsetof(isc_options_t, leases), "a file name", 0 },
    { 0, "pidfile", "FILE", "dhcpd's pid file: no such file or process, or\nanother program, is CRITICAL "
      "'dhcpd is not\nrunning' (default: pid-file-name of dhcpd.conf,\nelse " ISC_DEFAULT_PIDFILE "; for a "
      "DHCPv6\nconfiguration dhcpv6-pid-file-name, else\n" ISC_DEFAULT_PIDFILE6 ")",
      SOPT_STRING, offsetof(isc_options_t, pidfile), "a file name", 0 },
    { 0, "no-pidfile", NULL, "do not look for dhcpd (files copied elsewhere)", SOPT_FLAG,
      offsetof(isc_options_t, no_pidfile), NULL, 0 },
};

const source_t source_isc = {
    "isc", "dhcpd", "ISC dhcpd, from its dhcpd.conf and dhcpd.leases", "",
    sizeof(isc_options_t), isc_defaults, isc_option_table,
    sizeof isc_option_table / sizeof isc_option_table[0], isc_fetch,
};
