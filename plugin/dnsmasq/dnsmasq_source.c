/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dnsmasq_source.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "daemon.h"
#include "os.h"
#include "readfile.h"
#include "text.h"
#include "vec.h"

/* A dnsmasq configuration file bigger than this is not one. */
#define CONF_MAX ((size_t)16 << 20)
#define IF_INET6_MAX ((size_t)4 << 20)
#define DIR_FILES_MAX 4096

/* Linux address flags (linux/if_addr.h), as /proc/net/if_inet6 shows them. */
#define IFA_TEMPORARY 0x01u
#define IFA_DEPRECATED 0x20u

/* The programs whose pid file counts: dnsmasq, and Pi-hole's FTL, which
 * has dnsmasq built in. */
static const char *const daemon_names[] = { "dnsmasq", "pihole-FTL", NULL };

/* The files read so far: dnsmasq reads a file once, however often it is
 * named, which also ends include loops. */
typedef struct seen {
    unsigned long long dev, ino;
    char *path;
} seen_t;

typedef struct load_ctx {
    seen_t *seen;
    size_t nseen, cap;
} load_ctx_t;

/* 1 when path was read before, 0 when not (now remembered), -1 out of memory. */
static int seen_before(load_ctx_t *c, const char *path, const struct stat *st)
{
    seen_t *nv;

    for (size_t i = 0; i < c->nseen; i++) {
        /* Windows has no inode numbers: the name has to do there. */
        if (st->st_ino != 0 ? c->seen[i].dev == (unsigned long long)st->st_dev
                                  && c->seen[i].ino == (unsigned long long)st->st_ino
                            : strcmp(c->seen[i].path, path) == 0)
            return 1;
    }
    nv = vec_grow(c->seen, &c->cap, c->nseen + 1, sizeof *nv);
    if (!nv)
        return -1;
    c->seen = nv;
    nv[c->nseen].dev = (unsigned long long)st->st_dev;
    nv[c->nseen].ino = (unsigned long long)st->st_ino;
    nv[c->nseen].path = malloc(strlen(path) + 1);
    if (!nv[c->nseen].path)
        return -1;
    strcpy(nv[c->nseen].path, path);
    c->nseen++;
    return 0;
}

static int load_dir(void *vctx, dnsmasq_conf_t *conf, const char *from, unsigned long line,
                    const dnsmasq_dirspec_t *spec, char *err, size_t errlen);
static int load_file(void *vctx, dnsmasq_conf_t *conf, const char *from, unsigned long line, const char *name,
                     char *err, size_t errlen);

/* Reads and parses one configuration file (once). */
static int load_path(load_ctx_t *c, dnsmasq_conf_t *conf, const char *path, char *err, size_t errlen)
{
    dnsmasq_conf_io_t io = { load_file, load_dir, c };
    struct stat st;
    char *data;
    size_t len;
    int rc;

    if (stat(path, &st) == 0) {
        rc = seen_before(c, path, &st);
        if (rc < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (rc > 0)
            return 0;
    }
    if (readfile_whole(path, CONF_MAX, "a dnsmasq configuration", &data, &len, err, errlen) < 0)
        return -1;
    rc = dnsmasq_conf_parse(conf, path, data, len, &io, err, errlen);
    free(data);
    return rc;
}

static int load_file(void *vctx, dnsmasq_conf_t *conf, const char *from, unsigned long line, const char *name,
                     char *err, size_t errlen)
{
    char *path = readfile_relative(from, name);
    int rc;

    (void)line;
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = load_path(vctx, conf, path, err, errlen);
    free(path);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* conf-dir: the directory's regular files that the suffixes let through,
 * in the order of their names, as dnsmasq reads them. */
static int load_dir(void *vctx, dnsmasq_conf_t *conf, const char *from, unsigned long line,
                    const dnsmasq_dirspec_t *spec, char *err, size_t errlen)
{
    char *dir = readfile_relative(from, spec->dir), **names = NULL;
    size_t n = 0, cap = 0, i;
    struct dirent *ent;
    DIR *d;
    int rc = -1;

    if (!dir) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    os_stage("reading the folder %s", dir);
    d = opendir(dir);
    if (!d) {
        if (from)
            snprintf(err, errlen, "%s:%lu: cannot read the conf-dir folder %s: %s", from, line, dir, strerror(errno));
        else
            snprintf(err, errlen, "cannot read the --conf-dir folder %s: %s", dir, strerror(errno));
        free(dir);
        return -1;
    }
    while ((ent = readdir(d)) != NULL) {
        char **nv, *path;
        struct stat st;

        if (!dnsmasq_dirspec_wants(spec, ent->d_name))
            continue;
        if (n >= DIR_FILES_MAX) {
            snprintf(err, errlen, "the folder %s holds more than %d configuration files", dir, DIR_FILES_MAX);
            goto done;
        }
        path = malloc(strlen(dir) + strlen(ent->d_name) + 2);
        if (!path) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
        sprintf(path, "%s%s%s", dir, os_path_is_separator(dir[strlen(dir) - 1]) ? "" : "/", ent->d_name);
        if (stat(path, &st) != 0) {
            snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
            free(path);
            goto done;
        }
        if (!S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        nv = vec_grow(names, &cap, n + 1, sizeof *nv);
        if (!nv) {
            free(path);
            snprintf(err, errlen, "out of memory");
            goto done;
        }
        names = nv;
        names[n++] = path;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, name_cmp);
    for (i = 0; i < n; i++)
        if (load_path(vctx, conf, names[i], err, errlen) < 0)
            goto done;
    rc = 0;
done:
    closedir(d);
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
    return rc;
}

int dnsmasq_load_conf(const char *config, const char *conf_dir, dnsmasq_conf_t *conf, char *err, size_t errlen)
{
    load_ctx_t c = { NULL, 0, 0 };
    int rc = 0;

    if (conf_dir) {
        dnsmasq_dirspec_t spec;
        char why[256];

        if (dnsmasq_dirspec_parse(conf_dir, &spec, why, sizeof why) < 0) {
            snprintf(err, errlen, "--conf-dir: %s", why);
            rc = -1;
        } else {
            rc = load_dir(&c, conf, NULL, 0, &spec, err, errlen);
            dnsmasq_dirspec_free(&spec);
        }
    }
    if (rc == 0)
        rc = load_path(&c, conf, config, err, errlen);
    for (size_t i = 0; i < c.nseen; i++)
        free(c.seen[i].path);
    free(c.seen);
    return rc;
}

static int hex_value(const char *s, size_t len, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (len == 0 || len > 8)
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15)
            return -1;
        v = v * 16 + d;
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* Lines of "ADDRESS(32 hex) IFINDEX PREFIXLEN SCOPE FLAGS NAME", numbers in hex. */
int dnsmasq_if_parse(const char *name, const char *text, size_t len, dnsmasq_ifaddr_t **out, size_t *n, char *err,
                     size_t errlen)
{
    size_t pos = 0, cap = 0;
    unsigned long line = 0;

    *out = NULL;
    *n = 0;
    while (pos < len) {
        const char *f[6], *end = memchr(text + pos, '\n', len - pos);
        size_t fl[6], nf = 0, i = pos, stop = end ? (size_t)(end - text) : len;
        unsigned long prefix, flags, dummy;
        dnsmasq_ifaddr_t *nv, a;

        line++;
        while (i < stop) {
            while (i < stop && (text[i] == ' ' || text[i] == '\t'))
                i++;
            if (i == stop)
                break;
            if (nf == 6) {
                nf = 7;
                break;
            }
            f[nf] = text + i;
            while (i < stop && text[i] != ' ' && text[i] != '\t')
                i++;
            fl[nf] = (size_t)(text + i - f[nf]);
            nf++;
        }
        pos = stop + 1;
        if (nf == 0)
            continue;
        memset(&a, 0, sizeof a);
        if (nf != 6 || fl[0] != 32 || hex_value(f[1], fl[1], 0xFFFFFFFFul, &dummy) < 0
            || hex_value(f[2], fl[2], 128, &prefix) < 0 || hex_value(f[3], fl[3], 0xFFFFFFFFul, &dummy) < 0
            || hex_value(f[4], fl[4], 0xFFFFFFFFul, &flags) < 0 || fl[5] >= sizeof a.name)
            goto bad;
        for (int b = 0; b < 16; b++) {
            unsigned long byte;

            if (hex_value(f[0] + 2 * b, 2, 255, &byte) < 0)
                goto bad;
            a.addr.bytes[b] = (uint8_t)byte;
        }
        a.addr.family = ADDR_V6;
        a.addr.prefix = (uint8_t)prefix;
        a.flags = (unsigned)flags;
        memcpy(a.name, f[5], fl[5]);
        a.name[fl[5]] = '\0';
        nv = vec_grow(*out, &cap, *n + 1, sizeof *nv);
        if (!nv) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        *out = nv;
        nv[(*n)++] = a;
        continue;
bad:
        snprintf(err, errlen, "%s:%lu: not an interface address line as Linux writes them", name, line);
        goto fail;
    }
    return 0;
fail:
    free(*out);
    *out = NULL;
    *n = 0;
    return -1;
}

/* dnsmasq's wildcard_match(): a final '*' matches any rest. */
static int iface_match(const char *pattern, const char *name)
{
    size_t n = strlen(pattern);

    if (n > 0 && pattern[n - 1] == '*')
        return strncmp(pattern, name, n - 1) == 0;
    return strcmp(pattern, name) == 0;
}

/* The addresses dnsmasq builds ranges on: not loopback, link-local or
 * multicast, not a temporary (privacy) or deprecated address. */
static int usable(const dnsmasq_ifaddr_t *a)
{
    static const uint8_t loopback[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    const uint8_t *b = a->addr.bytes;

    if (memcmp(b, loopback, 16) == 0 || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || b[0] == 0xff)
        return 0;
    return !(a->flags & (IFA_TEMPORARY | IFA_DEPRECATED));
}

static int same_range(const dnsmasq_range_t *a, const dnsmasq_range_t *b)
{
    return addr_cmp(&a->start, &b->start) == 0 && addr_cmp(&a->end, &b->end) == 0;
}

static int push_range(dnsmasq_range_t **out, size_t *n, size_t *cap, const dnsmasq_range_t *r)
{
    dnsmasq_range_t *nv = vec_grow(*out, cap, *n + 1, sizeof *nv);

    if (!nv)
        return -1;
    *out = nv;
    nv[(*n)++] = *r;
    return 0;
}

int dnsmasq_expand(const dnsmasq_conf_t *conf, const dnsmasq_ifaddr_t *ifs, size_t nifs, dnsmasq_range_t **out,
                   size_t *n, char *err, size_t errlen)
{
    size_t cap = 0, i, j, k;

    *out = NULL;
    *n = 0;
    for (i = 0; i < conf->nranges; i++) {
        const dnsmasq_range_t *r = &conf->ranges[i];

        /* dhcp-range=:: (prefix length 0) turns on stateless DHCPv6 on every
         * interface: no subnet and no addresses to count. */
        if (r->flags & DNSMASQ_RANGE_TEMPLATE || (r->start.family == ADDR_V6 && r->prefix == 0))
            continue;
        if (push_range(out, n, &cap, r) < 0)
            goto oom;
    }
    for (i = 0; i < conf->nranges; i++) {
        const dnsmasq_range_t *t = &conf->ranges[i];

        if (!(t->flags & DNSMASQ_RANGE_TEMPLATE))
            continue;
        for (j = 0; j < nifs; j++) {
            dnsmasq_range_t r = *t;

            if (!usable(&ifs[j]) || !iface_match(t->iface, ifs[j].name) || t->prefix < ifs[j].addr.prefix)
                continue;
            /* The interface's network part, the template's host part. */
            memcpy(r.start.bytes, ifs[j].addr.bytes, 8);
            memcpy(r.end.bytes, ifs[j].addr.bytes, 8);
            r.flags &= ~(unsigned)DNSMASQ_RANGE_TEMPLATE;
            /* One range per network, and none where a written one is the same. */
            for (k = 0; k < *n; k++)
                if (same_range(&(*out)[k], &r))
                    break;
            if (k < *n)
                continue;
            text_copy(r.iface, sizeof r.iface, ifs[j].name);
            if (push_range(out, n, &cap, &r) < 0)
                goto oom;
        }
    }
    return 0;
oom:
    free(*out);
    *out = NULL;
    *n = 0;
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* The subnet of a range, when dnsmasq's configuration says it: its netmask
 * or prefix length; for an IPv4 range without a netmask, the longest subnet
 * of another range (with one) that holds it. Else the start address alone,
 * *known 0. */
static addr_t range_key(const dnsmasq_range_t *ranges, size_t n, size_t i, int *known)
{
    const dnsmasq_range_t *r = &ranges[i];
    addr_t key = r->start;
    int best = -1;

    *known = 1;
    if (r->start.family == ADDR_V6 || (r->flags & DNSMASQ_RANGE_NETMASK)) {
        key.prefix = (uint8_t)r->prefix;
        addr_mask(&key);
        return key;
    }
    for (size_t j = 0; j < n; j++) {
        addr_t net;

        if (j == i || ranges[j].start.family != ADDR_V4 || !(ranges[j].flags & DNSMASQ_RANGE_NETMASK)
            || (int)ranges[j].prefix <= best)
            continue;
        net = ranges[j].start;
        net.prefix = (uint8_t)ranges[j].prefix;
        addr_mask(&net);
        if (addr_contains(&net, &r->start) && addr_contains(&net, &r->end)) {
            key = net;
            best = (int)ranges[j].prefix;
        }
    }
    if (best < 0) {
        *known = 0;
        key.prefix = 32;
    }
    return key;
}

static dnsmasq_span_t span_of(const addr_t *low, const addr_t *high)
{
    dnsmasq_span_t s;

    s.low = *low;
    s.high = *high;
    s.low.prefix = s.high.prefix = (uint8_t)addr_bits(low);
    return s;
}

int dnsmasq_spans(const dnsmasq_range_t *ranges, size_t n, dnsmasq_span_t **out, size_t *nout)
{
    *out = malloc((n ? n : 1) * sizeof **out);
    *nout = 0;
    if (!*out)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int known;
        addr_t key = range_key(ranges, n, i, &known);

        if (known) {
            addr_t last = addr_last(&key);

            (*out)[i] = span_of(&key, &last);
        } else {
            (*out)[i] = span_of(&ranges[i].start, &ranges[i].end);
        }
    }
    *nout = n;
    return 0;
}

typedef struct keyed {
    addr_t key;
    int known;
    size_t index;
} keyed_t;

static int keyed_cmp(const void *a, const void *b)
{
    const keyed_t *x = a, *y = b;
    int c = addr_cmp(&x->key, &y->key);

    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static count_t count_active(const dnsmasq_leases_t *leases, const dnsmasq_span_t *spans, size_t n, int64_t now)
{
    uint64_t active = 0;

    for (size_t i = 0; i < n; i++) {
        dnsmasq_counts_t c;

        dnsmasq_leases_count(leases, &spans[i].low, &spans[i].high, now, &c);
        active += c.active;
    }
    return count_of(active);
}

static count_t spans_total(const dnsmasq_span_t *spans, size_t n)
{
    count_t total = count_of(0);

    for (size_t i = 0; i < n; i++)
        total = count_add(total, addr_span(&spans[i].low, &spans[i].high));
    return total;
}

/* The set tags of a scope's ranges, each once, joined by ','. */
static void scope_tags(scope_t *s, const dnsmasq_range_t *ranges, const keyed_t *g, size_t ng)
{
    for (size_t i = 0; i < ng; i++) {
        const char *tag = ranges[g[i].index].set;
        size_t j, have = strlen(s->name);

        if (!tag[0])
            continue;
        for (j = 0; j < i; j++)
            if (strcmp(ranges[g[j].index].set, tag) == 0)
                break;
        if (j < i || have + strlen(tag) + 2 > sizeof s->name)
            continue;
        snprintf(s->name + have, sizeof s->name - have, "%s%s", have ? "," : "", tag);
    }
    text_clean(s->name, sizeof s->name, s->name);
}

/* One scope from the ranges g[0..ng) that share a subnet. */
static int one_scope(const dnsmasq_range_t *ranges, const keyed_t *g, size_t ng, const dnsmasq_leases_t *leases,
                     int64_t now, scope_t *s, dnsmasq_span_t *pool, dnsmasq_span_t *own)
{
    size_t npool = 0, nown = 0, i, nfiltered = 0;
    count_t in_pools;

    s->addr = g[0].key;
    scope_tags(s, ranges, g, ng);
    for (i = 0; i < ng; i++) {
        const dnsmasq_range_t *r = &ranges[g[i].index];

        own[nown++] = span_of(&r->start, &r->end);
        if (dnsmasq_range_is_pool(r)) {
            pool[npool++] = span_of(&r->start, &r->end);
            nfiltered += r->filter[0] != '\0';
        }
    }
    /* Overlapping ranges would count their shared addresses twice. */
    npool = dnsmasq_spans_merge(pool, npool);
    s->total = spans_total(pool, npool);
    in_pools = count_active(leases, pool, npool, now);
    s->free = count_sub(s->total, in_pools);
    if (g[0].known) {
        /* Every lease of the subnet is in use, a reserved address outside
         * the ranges too. */
        addr_t last = addr_last(&g[0].key);

        own[0] = span_of(&g[0].key, &last);
        nown = 1;
    } else {
        nown = dnsmasq_spans_merge(own, nown);
    }
    s->used = count_active(leases, own, nown, now);
    /* The ranges apart, with -v or when one that only tagged clients may
     * use runs out. */
    if (npool == 0 || (ng < 2 && nfiltered == 0 && g[0].known))
        return 0;
    for (i = 0; i < ng; i++) {
        const dnsmasq_range_t *r = &ranges[g[i].index];
        char lo[ADDR_TEXT_MAX], hi[ADDR_TEXT_MAX];
        dnsmasq_span_t one;
        scope_pool_t *p;

        if (!dnsmasq_range_is_pool(r))
            continue;
        p = scope_pool_add(s);
        if (!p)
            return -1;
        addr_format(&r->start, lo, sizeof lo);
        addr_format(&r->end, hi, sizeof hi);
        snprintf(p->name, sizeof p->name, "%s-%s", lo, hi);
        text_copy(p->client_class, sizeof p->client_class, r->filter);
        text_clean(p->client_class, sizeof p->client_class, p->client_class);
        one = span_of(&r->start, &r->end);
        p->total = addr_span(&one.low, &one.high);
        p->used = count_active(leases, &one, 1, now);
        p->free = count_sub(p->total, p->used);
        p->judged = r->filter[0] != '\0';
    }
    return 0;
}

int dnsmasq_scopes(const dnsmasq_range_t *ranges, size_t n, const dnsmasq_leases_t *leases, int64_t now,
                   scope_list_t *out, char *err, size_t errlen)
{
    keyed_t *k = malloc((n ? n : 1) * sizeof *k);
    dnsmasq_span_t *pool = malloc((n ? n : 1) * sizeof *pool), *own = malloc((n ? n : 1) * sizeof *own);
    size_t i, j;
    int rc = -1;

    if (!k || !pool || !own) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (i = 0; i < n; i++) {
        k[i].key = range_key(ranges, n, i, &k[i].known);
        k[i].index = i;
    }
    if (n > 1)
        qsort(k, n, sizeof *k, keyed_cmp);
    for (i = 0; i < n; i = j) {
        scope_t *s;

        for (j = i + 1; j < n && addr_cmp(&k[j].key, &k[i].key) == 0; j++)
            ;
        s = scope_add(out);
        if (!s || one_scope(ranges, k + i, j - i, leases, now, s, pool, own) < 0) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
    }
    rc = 0;
done:
    free(k);
    free(pool);
    free(own);
    return rc;
}

static int feed_leases(void *p, const char *buf, size_t len)
{
    return dnsmasq_leases_feed(p, buf, len);
}

static int finish_leases(void *p)
{
    return dnsmasq_leases_finish(p);
}

static const char *leases_error(const void *p)
{
    return dnsmasq_leases_error(p);
}

/* dnsmasq takes a relative name from the folder it was started in (/ for a
 * service); readfile_relative uses the including file's folder instead, the
 * useful base where the plugin runs. */
static int read_leases(const char *path, dnsmasq_leases_t *leases, char *err, size_t errlen)
{
    readfile_sink_t sink = { leases, feed_leases, finish_leases, leases_error };

    return readfile_stream(path, &sink, err, errlen);
}

/* The first range built by constructor: that hands out addresses, or NULL. */
static const dnsmasq_range_t *pool_template(const dnsmasq_conf_t *conf)
{
    for (size_t i = 0; i < conf->nranges; i++)
        if ((conf->ranges[i].flags & DNSMASQ_RANGE_TEMPLATE) && dnsmasq_range_is_pool(&conf->ranges[i]))
            return &conf->ranges[i];
    return NULL;
}

static int has_template(const dnsmasq_conf_t *conf)
{
    for (size_t i = 0; i < conf->nranges; i++)
        if (conf->ranges[i].flags & DNSMASQ_RANGE_TEMPLATE)
            return 1;
    return 0;
}

/* The interfaces' IPv6 addresses, for constructor: ranges. Only the host
 * dnsmasq runs on has them: with --no-pidfile (files copied from elsewhere)
 * a constructed range that hands out addresses cannot be counted. */
static int interfaces(const dnsmasq_options_t *o, const dnsmasq_conf_t *conf, dnsmasq_ifaddr_t **ifs,
                      size_t *nifs, char *err, size_t errlen)
{
    const dnsmasq_range_t *t = pool_template(conf);
    char *data;
    size_t len;
    int rc;

    *ifs = NULL;
    *nifs = 0;
    if (!has_template(conf))
        return 0;
    if (o->no_pidfile) {
        if (!t)
            return 0;
        snprintf(err, errlen, "%s:%lu: dhcp-range takes its addresses from interface %s (constructor:), which "
                 "only the dnsmasq host can tell: run the plugin there, without --no-pidfile",
                 conf->files[t->file], t->line, t->iface);
        return -1;
    }
    if (readfile_whole(DNSMASQ_IF_INET6, IF_INET6_MAX, "a list of interface addresses", &data, &len, err, errlen) < 0) {
        if (!t)
            return 0;
        snprintf(err + strlen(err), errlen - strlen(err), " (dhcp-range at %s:%lu takes its addresses from "
                 "interface %s, constructor:)", conf->files[t->file], t->line, t->iface);
        return -1;
    }
    rc = dnsmasq_if_parse(DNSMASQ_IF_INET6, data, len, ifs, nifs, err, errlen);
    free(data);
    return rc;
}

static int dnsmasq_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    const dnsmasq_options_t *o = opts;
    dnsmasq_conf_t conf;
    dnsmasq_leases_t *leases = NULL;
    dnsmasq_ifaddr_t *ifs = NULL;
    dnsmasq_range_t *ranges = NULL;
    dnsmasq_span_t *spans = NULL;
    size_t nifs = 0, nranges = 0, nspans = 0;
    const char *leases_file, *pidfile;
    int rc = SOURCE_ERROR;

    (void)ctx;
    memset(&conf, 0, sizeof conf);
    if (dnsmasq_load_conf(o->config, o->conf_dir, &conf, err, errlen) < 0)
        goto done;
    if (conf.nranges == 0) {
        snprintf(err, errlen, "%s has no dhcp-range: this dnsmasq hands out no addresses%s", o->config,
                 o->conf_dir ? "" : " (Debian's dnsmasq service reads /etc/dnsmasq.d too: give --conf-dir)");
        goto done;
    }
    leases_file = o->leases ? o->leases : conf.leasefile ? conf.leasefile : DNSMASQ_DEFAULT_LEASES;
    if (conf.leasefile_ro && !o->leases) {
        snprintf(err, errlen, "the configuration sets leasefile-ro: dnsmasq keeps no leases file, so there is "
                 "nothing to count (give --leases if a dhcp-script keeps one)");
        goto done;
    }
    if (!o->no_pidfile) {
        if (!o->pidfile && conf.has_pidfile && !conf.pidfile) {
            snprintf(err, errlen, "the configuration turns dnsmasq's pid file off (pid-file without a file): give "
                     "--pidfile, or --no-pidfile to count without knowing whether dnsmasq runs");
            goto done;
        }
        pidfile = o->pidfile ? o->pidfile : conf.pidfile ? conf.pidfile : DNSMASQ_DEFAULT_PIDFILE;
        rc = daemon_check(pidfile, "dnsmasq", daemon_names, err, errlen);
        if (rc != 0)
            goto done;
        rc = SOURCE_ERROR;
    }
    if (interfaces(o, &conf, &ifs, &nifs, err, errlen) < 0
        || dnsmasq_expand(&conf, ifs, nifs, &ranges, &nranges, err, errlen) < 0)
        goto done;
    if (nranges == 0) {
        snprintf(err, errlen, "dnsmasq serves no subnet now: its only ranges are constructor: ones whose "
                 "interfaces have no global IPv6 address, or dhcp-range=:: (stateless DHCPv6)");
        goto done;
    }
    if (dnsmasq_spans(ranges, nranges, &spans, &nspans) < 0) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    leases = dnsmasq_leases_new(leases_file, spans, nspans, err, errlen);
    if (!leases || read_leases(leases_file, leases, err, errlen) < 0)
        goto done;
    os_stage("counting the leases of %s", leases_file);
    if (dnsmasq_scopes(ranges, nranges, leases, (int64_t)time(NULL), out, err, errlen) < 0)
        goto done;
    rc = 0;
done:
    dnsmasq_leases_free(leases);
    free(spans);
    free(ranges);
    free(ifs);
    dnsmasq_conf_free(&conf);
    return rc;
}

static void dnsmasq_defaults(void *opts)
{
    dnsmasq_options_t *o = opts;

    o->config = DNSMASQ_DEFAULT_CONFIG;
}

static const source_option_t dnsmasq_option_table[] = {
    { 0, "config", "FILE", "dnsmasq.conf (default " DNSMASQ_DEFAULT_CONFIG "), with the files\nits conf-file "
      "and conf-dir name", SOPT_STRING, offsetof(dnsmasq_options_t, config), "a file name", 0 },
    { 0, "conf-dir", "DIR[,SUFFIX...]", "also read this folder, as dnsmasq --conf-dir does\n(Debian's service: "
      "/etc/dnsmasq.d,.dpkg-dist,\n.dpkg-old,.dpkg-new)", SOPT_STRING, offsetof(dnsmasq_options_t, conf_dir),
      "a folder name", 0 },
    { 0, "leases", "FILE", "the leases file (default: dhcp-leasefile of the\nconfiguration, else "
      DNSMASQ_DEFAULT_LEASES ")", SOPT_STRING, offsetof(dnsmasq_options_t, leases), "a file name", 0 },
    { 0, "pidfile", "FILE", "dnsmasq's pid file: no such file or process, or\nanother program, is CRITICAL "
      "'dnsmasq is not\nrunning' (default: pid-file of the configuration,\nelse " DNSMASQ_DEFAULT_PIDFILE ")",
      SOPT_STRING, offsetof(dnsmasq_options_t, pidfile), "a file name", 0 },
    { 0, "no-pidfile", NULL, "do not look for dnsmasq (files copied elsewhere)", SOPT_FLAG,
      offsetof(dnsmasq_options_t, no_pidfile), NULL, 0 },
};

const source_t source_dnsmasq = {
    "dnsmasq", NULL, "dnsmasq (OpenWrt, Pi-hole, OPNsense), from its configuration and leases file", "",
    sizeof(dnsmasq_options_t), dnsmasq_defaults, dnsmasq_option_table,
    sizeof dnsmasq_option_table / sizeof dnsmasq_option_table[0], dnsmasq_fetch,
};
