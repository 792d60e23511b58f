/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dnsmasq_conf.h"
#include "fuzz.h"

/* The configuration parser on any bytes: it returns 0 or a "FILE:LINE:"
 * sentence, never crashes, and every range it keeps is one dnsmasq could
 * serve (one family, start <= end, a prefix length dnsmasq allows, strings
 * terminated). conf-file= goes through a callback that parses a second
 * text, so includes and their nesting run too; conf-dir values are split
 * and matched against a few names. */

static const char included[] = "dhcp-range=set:inc,10.9.0.10,10.9.0.20,255.255.255.0,1h\nconf-file=again.conf\n";

static int on_file(void *ctx, dnsmasq_conf_t *conf, const char *from, unsigned long line, const char *name,
                   char *err, size_t errlen)
{
    (void)ctx;
    (void)from;
    (void)line;
    (void)name;
    if (conf->depth > 3)
        return 0;
    return dnsmasq_conf_parse(conf, "included.conf", included, sizeof included - 1, NULL, err, errlen);
}

static int on_dir(void *ctx, dnsmasq_conf_t *conf, const char *from, unsigned long line,
                  const dnsmasq_dirspec_t *spec, char *err, size_t errlen)
{
    static const char *const names[] = { "a.conf", ".hidden", "b.conf~", "#c#", "d.bak", "e", "f.conf.bak" };

    (void)ctx;
    (void)conf;
    (void)from;
    (void)line;
    (void)err;
    (void)errlen;
    FUZZ_ASSERT(spec->dir && spec->dir[0]);
    FUZZ_ASSERT(spec->nmatch <= DNSMASQ_SUFFIX_MAX && spec->nignore <= DNSMASQ_SUFFIX_MAX);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int wants = dnsmasq_dirspec_wants(spec, names[i]);

        FUZZ_ASSERT(wants == 0 || wants == 1);
        if (names[i][0] == '.' || names[i][0] == '#' || names[i][strlen(names[i]) - 1] == '~')
            FUZZ_ASSERT(!wants);
    }
    return 0;
}

static void check_range(const dnsmasq_conf_t *conf, const dnsmasq_range_t *r)
{
    FUZZ_ASSERT(r->start.family == r->end.family);
    FUZZ_ASSERT(r->start.family == ADDR_V4 || r->start.family == ADDR_V6);
    FUZZ_ASSERT(addr_cmp(&r->start, &r->end) <= 0);
    FUZZ_ASSERT(r->file < conf->nfiles);
    FUZZ_ASSERT(r->line >= 1);
    FUZZ_ASSERT(fuzz_terminated(r->set, sizeof r->set));
    FUZZ_ASSERT(fuzz_terminated(r->filter, sizeof r->filter));
    FUZZ_ASSERT(fuzz_terminated(r->iface, sizeof r->iface));
    if (r->start.family == ADDR_V4) {
        FUZZ_ASSERT(r->prefix <= 32);
        FUZZ_ASSERT(!(r->flags & DNSMASQ_RANGE_TEMPLATE));
        if (r->flags & DNSMASQ_RANGE_NETMASK) {
            addr_t a = r->start, b = r->end;

            a.prefix = b.prefix = (uint8_t)r->prefix;
            addr_mask(&a);
            addr_mask(&b);
            FUZZ_ASSERT(addr_cmp(&a, &b) == 0);
        } else {
            FUZZ_ASSERT(r->prefix == 32);
        }
    } else {
        FUZZ_ASSERT(r->prefix == 0 || (r->prefix >= 64 && r->prefix <= 128));
        if (r->flags & DNSMASQ_RANGE_TEMPLATE)
            FUZZ_ASSERT(r->prefix == 64 || !(r->flags & DNSMASQ_RANGE_RA));
    }
    FUZZ_ASSERT(dnsmasq_range_is_pool(r) == 0 || dnsmasq_range_is_pool(r) == 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dnsmasq_conf_io_t io = { on_file, on_dir, NULL };
    dnsmasq_conf_t conf;
    char err[512];
    int rc;

    if (size > 65536)
        return 0;
    memset(&conf, 0, sizeof conf);
    err[0] = '\0';
    rc = dnsmasq_conf_parse(&conf, "dnsmasq.conf", (const char *)data, size, &io, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc < 0) {
        FUZZ_ASSERT(err[0] != '\0');
        FUZZ_ASSERT(strncmp(err, "dnsmasq.conf:", 13) == 0 || strncmp(err, "included.conf:", 14) == 0);
    }
    FUZZ_ASSERT(conf.depth == 0);
    for (size_t i = 0; i < conf.nranges; i++)
        check_range(&conf, &conf.ranges[i]);
    if (conf.leasefile)
        FUZZ_ASSERT(conf.has_leasefile && conf.leasefile[0]);
    if (conf.pidfile)
        FUZZ_ASSERT(conf.has_pidfile && conf.pidfile[0]);
    dnsmasq_conf_free(&conf);
    return 0;
}
