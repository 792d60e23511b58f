/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "fuzz.h"
#include "isc_conf.h"

/* The input is a set of files separated by NUL bytes: part 0 is dhcpd.conf,
 * `include "N";` reads part N, `include "missing";` fails, and any other name
 * picks a part by its length, so that loops and deep nesting are easy to reach. */
#define MAX_PARTS 8
/* A file that includes the next one twice, 16 deep, is a real if silly
 * configuration that takes 2^16 parses; the harness cuts that short. */
#define MAX_INCLUDES 64

typedef struct parts {
    const char *p[MAX_PARTS];
    size_t len[MAX_PARTS];
    size_t n;
    size_t includes;
} parts_t;

static int fake_include(void *ctx, const char *from, const char *name, char **data, size_t *len,
                        char **path, char *err, size_t errlen)
{
    parts_t *parts = ctx;
    size_t idx;
    char buf[32];

    FUZZ_ASSERT(from != NULL && name != NULL);
    *data = NULL;
    *len = 0;
    *path = NULL;
    if (++parts->includes > MAX_INCLUDES || strcmp(name, "missing") == 0) {
        snprintf(err, errlen, "cannot open %s: No such file or directory", name);
        return -1;
    }
    if (name[0] >= '0' && name[0] <= '9' && name[1] == '\0')
        idx = (size_t)(name[0] - '0') % parts->n;
    else
        idx = strlen(name) % parts->n;
    snprintf(buf, sizeof buf, "part%zu", idx);
    *path = strdup(buf);
    if (parts->len[idx]) {
        *data = malloc(parts->len[idx]);
        if (*data)
            memcpy(*data, parts->p[idx], parts->len[idx]);
    }
    if (!*path || (parts->len[idx] && !*data)) {
        free(*path);
        free(*data);
        *path = NULL;
        *data = NULL;
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *len = parts->len[idx];
    return 0;
}

static void check_conf(const isc_conf_t *conf)
{
    size_t i;

    for (i = 0; i < conf->nsubnets; i++) {
        const isc_subnet_t *s = &conf->subnets[i];

        FUZZ_ASSERT(s->prefix >= 0 && s->prefix <= 32);
        FUZZ_ASSERT(fuzz_terminated(s->shared, sizeof s->shared));
    }
    for (i = 0; i < conf->nranges; i++) {
        const isc_range_t *r = &conf->ranges[i];

        FUZZ_ASSERT(r->low <= r->high);
        FUZZ_ASSERT(r->subnet < conf->nsubnets);
        FUZZ_ASSERT(r->peer == ISC_NO_PEER || (r->peer >= 0 && (size_t)r->peer < conf->npeers));
    }
    for (i = 0; i < conf->nsubnets6; i++) {
        const isc_subnet6_t *s = &conf->subnets6[i];

        FUZZ_ASSERT(s->net.family == ADDR_V6 && s->net.prefix <= 128 && !addr_has_host_bits(&s->net));
        FUZZ_ASSERT(fuzz_terminated(s->shared, sizeof s->shared));
    }
    for (i = 0; i < conf->nranges6; i++) {
        const isc_range6_t *r = &conf->ranges6[i];

        FUZZ_ASSERT(r->low.family == ADDR_V6 && r->high.family == ADDR_V6);
        FUZZ_ASSERT(r->low.prefix == 128 && r->high.prefix == 128);
        FUZZ_ASSERT(addr_cmp(&r->low, &r->high) <= 0);
        FUZZ_ASSERT(r->subnet < conf->nsubnets6);
        FUZZ_ASSERT(r->kind <= ISC_IA_PD);
        if (r->kind == ISC_IA_PD) {
            /* Whole prefixes: low starts one, high ends one. */
            addr_t lo = r->low, hi = r->high;

            FUZZ_ASSERT(r->delegated >= 1 && r->delegated <= 127);
            lo.prefix = r->delegated;
            FUZZ_ASSERT(!addr_has_host_bits(&lo));
            for (unsigned b = r->delegated; b < 128; b++)
                FUZZ_ASSERT(hi.bytes[b / 8] & (0x80u >> (b % 8)));
        } else {
            FUZZ_ASSERT(r->delegated == 128);
            /* A range6 lies in its subnet6 where it starts. */
            FUZZ_ASSERT(addr_contains(&conf->subnets6[r->subnet].net, &r->low));
        }
    }
    for (i = 0; i < conf->nfixed6; i++)
        FUZZ_ASSERT(conf->fixed6[i].addr.family == ADDR_V6 && conf->fixed6[i].addr.prefix <= 128);
    /* Both families' first places are known exactly when each has a subnet. */
    FUZZ_ASSERT(fuzz_terminated(conf->first_subnet, sizeof conf->first_subnet));
    FUZZ_ASSERT(fuzz_terminated(conf->first_subnet6, sizeof conf->first_subnet6));
    FUZZ_ASSERT((conf->nsubnets > 0) == (conf->first_subnet[0] != '\0'));
    FUZZ_ASSERT((conf->nsubnets6 > 0) == (conf->first_subnet6[0] != '\0'));
    for (i = 0; i < conf->npeers; i++) {
        FUZZ_ASSERT(fuzz_terminated(conf->peers[i].name, sizeof conf->peers[i].name));
        FUZZ_ASSERT(conf->peers[i].role == ISC_ROLE_NONE || conf->peers[i].role == ISC_ROLE_PRIMARY ||
                    conf->peers[i].role == ISC_ROLE_SECONDARY);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parts_t parts;
    isc_conf_t conf;
    char err[512];
    const char *p = (const char *)data, *end = p + size;
    int rc;

    memset(&parts, 0, sizeof parts);
    while (parts.n < MAX_PARTS) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));

        parts.p[parts.n] = p;
        if (!nul || parts.n == MAX_PARTS - 1) {
            parts.len[parts.n++] = (size_t)(end - p);
            break;
        }
        parts.len[parts.n++] = (size_t)(nul - p);
        p = nul + 1;
    }

    memset(&conf, 0, sizeof conf);
    memset(err, 'x', sizeof err);
    rc = isc_conf_parse(&conf, "dhcpd.conf", parts.p[0], parts.len[0], fake_include, &parts, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    FUZZ_ASSERT(fuzz_terminated(err, sizeof err));
    if (rc == 0)
        check_conf(&conf);
    else
        FUZZ_ASSERT(err[0] != '\0');
    isc_conf_free(&conf);

    /* Without an include callback, include is an error, never a crash. */
    memset(&conf, 0, sizeof conf);
    rc = isc_conf_parse(&conf, "dhcpd.conf", parts.p[0], parts.len[0], NULL, NULL, err, sizeof err);
    if (rc == 0)
        check_conf(&conf);
    isc_conf_free(&conf);
    return 0;
}
