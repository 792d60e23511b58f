/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dnsmasq_conf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vec.h"

/* dnsmasq reads its files with fgets into a buffer of MAXDNAME (1025)
 * bytes: a longer line is read as several, and so it is here. */
#define LINE_MAX_BYTES 1024
/* dnsmasq splits a dhcp-range into at most 8 fields after its tags. */
#define RANGE_FIELDS 8
/* More ranges than any DHCP server serves: hostile input stays bounded. */
#define RANGES_MAX 65536
#define FILES_MAX 4096

/* Inside quotes dnsmasq hides the characters that would split or end a
 * value; these stand in for them until a value is taken out. */
#define HIDDEN_COMMA '\x01'
#define HIDDEN_SPACE '\x02'
#define HIDDEN_EQUALS '\x03'
#define HIDDEN_HASH '\x04'

static int fail(char *err, size_t errlen, const char *file, unsigned long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int fail(char *err, size_t errlen, const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    text_at(err, errlen, file, line, fmt, ap);
    va_end(ap);
    return -1;
}

static char unhide(char c)
{
    switch (c) {
    case HIDDEN_COMMA: return ',';
    case HIDDEN_SPACE: return ' ';
    case HIDDEN_EQUALS: return '=';
    case HIDDEN_HASH: return '#';
    default: return c;
    }
}

static void unhide_all(char *s)
{
    for (; *s; s++)
        *s = unhide(*s);
}

/* A value made printable for a message: at most 60 bytes, control bytes as '?'. */
static const char *show(const char *s, char *buf, size_t buflen)
{
    size_t i, n = strlen(s);

    if (n > 60)
        n = 60;
    if (n > buflen - 1)
        n = buflen - 1;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)unhide(s[i]);
        buf[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    buf[n] = '\0';
    return buf;
}

/* Quotes, escapes and comments as dnsmasq's read_file() handles them, in
 * place: blanks become spaces, a '#' after a blank (or first) ends the line,
 * quoted text loses its quotes and has its separators hidden. -1 when a
 * quote is not closed. */
static int clean_line(char *buf)
{
    int white = 1;
    char *p;

    for (p = buf; *p; p++) {
        if (*p == '"') {
            memmove(p, p + 1, strlen(p + 1) + 1);
            for (; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1] && strchr("\"tnebr\\", p[1])) {
                    static const char from[] = "tnbre", to[] = "\t\n\b\r\033";
                    const char *k = strchr(from, p[1]);

                    if (k)
                        p[1] = to[k - from];
                    memmove(p, p + 1, strlen(p + 1) + 1);
                }
                if (*p == ',')
                    *p = HIDDEN_COMMA;
                else if (*p == ' ' || *p == '\t')
                    *p = HIDDEN_SPACE;
                else if (*p == '=')
                    *p = HIDDEN_EQUALS;
                else if (*p == '#')
                    *p = HIDDEN_HASH;
            }
            if (*p == '\0')
                return -1;
            memmove(p, p + 1, strlen(p + 1) + 1);
            /* The byte after the closing quote is looked at next. */
            if (*p == '\0')
                break;
        }
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f') {
            *p = ' ';
            white = 1;
        } else {
            if (white && *p == '#') {
                *p = '\0';
                break;
            }
            white = 0;
        }
    }
    return 0;
}

/* dnsmasq's split(): cuts s at its first ',' and the spaces around it;
 * returns what follows, or NULL when there is no comma. */
static char *split(char *s)
{
    char *comma, *p;

    if (!s || !(comma = strchr(s, ',')))
        return NULL;
    p = comma;
    *comma = ' ';
    for (; *comma == ' '; comma++)
        ;
    for (; p >= s && *p == ' '; p--)
        *p = '\0';
    return comma;
}

static int is_address_char(char c)
{
    return c == ' ' || c == '.' || c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
           || (c >= 'A' && c <= 'F');
}

static int all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int parse_addr(const char *s, int family, addr_t *out)
{
    return addr_parse(s, strlen(s), out) == 0 && out->family == family ? 0 : -1;
}

/* The low 64 bits of an IPv6 address: dnsmasq's addr6part(). */
static uint64_t low64(const addr_t *a)
{
    uint64_t v = 0;

    for (int i = 8; i < 16; i++)
        v = v << 8 | a->bytes[i];
    return v;
}

/* 1 when a and b agree in their first prefix bits. */
static int same_net(const addr_t *a, const addr_t *b, unsigned prefix)
{
    addr_t x = *a, y = *b;

    x.prefix = y.prefix = (uint8_t)prefix;
    addr_mask(&x);
    addr_mask(&y);
    return memcmp(x.bytes, y.bytes, sizeof x.bytes) == 0;
}

/* The lease time field as dnsmasq checks it: "infinite", "deprecated", or
 * digits with an optional s/m/h/d/w suffix. 0 or -1. */
static int lease_time(const char *s, unsigned *flags)
{
    size_t n = strlen(s);
    char digits[32];

    if (strcmp(s, "infinite") == 0)
        return 0;
    if (strcmp(s, "deprecated") == 0) {
        *flags |= DNSMASQ_RANGE_DEPRECATED;
        return 0;
    }
    if (n >= sizeof digits)
        return -1;
    memcpy(digits, s, n + 1);
    if (n > 0 && strchr("wWdDhHmMsS", digits[n - 1]))
        digits[n - 1] = '\0';
    return all_digits(digits) ? 0 : -1;
}

static void append_filter(dnsmasq_range_t *r, const char *tag)
{
    size_t have = strlen(r->filter);

    if (have + 1 >= sizeof r->filter)
        return;
    snprintf(r->filter + have, sizeof r->filter - have, "%s%s", have ? "," : "", tag);
    unhide_all(r->filter + have);
}

static int range_v4(dnsmasq_range_t *r, char **a, int k, int *leasepos, const char *file, unsigned long line,
                    char *err, size_t errlen)
{
    char buf[64];

    r->end = r->start;
    r->prefix = 32;
    if (strcmp(a[1], "static") == 0)
        r->flags |= DNSMASQ_RANGE_STATIC;
    else if (strcmp(a[1], "proxy") == 0)
        r->flags |= DNSMASQ_RANGE_PROXY;
    else if (parse_addr(a[1], ADDR_V4, &r->end) < 0)
        return fail(err, errlen, file, line, "bad dhcp-range: \"%s\" is neither an IPv4 end address nor "
                    "static or proxy", show(a[1], buf, sizeof buf));
    if (addr_cmp(&r->start, &r->end) > 0) {
        addr_t t = r->start;
        r->start = r->end;
        r->end = t;
    }
    if (k >= 3 && strchr(a[2], '.')) {
        addr_t mask;

        if (parse_addr(a[2], ADDR_V4, &mask) == 0) {
            int prefix = addr_mask_prefix(addr_v4_host(&mask));

            if (prefix < 0)
                return fail(err, errlen, file, line, "dhcp-range netmask %s is not a contiguous netmask",
                            show(a[2], buf, sizeof buf));
            r->prefix = (unsigned)prefix;
            r->flags |= DNSMASQ_RANGE_NETMASK;
            *leasepos = 3;
            if (!same_net(&r->start, &r->end, r->prefix))
                return fail(err, errlen, file, line, "inconsistent DHCP range: its start and end are not "
                            "in one subnet of netmask %s", show(a[2], buf, sizeof buf));
            /* A broadcast address may follow; it changes nothing counted. */
            if (k >= 4 && strchr(a[3], '.') && parse_addr(a[3], ADDR_V4, &mask) == 0)
                *leasepos = 4;
        }
    }
    return 0;
}

static int range_v6(dnsmasq_range_t *r, char **a, int k, int *leasepos, const char *file, unsigned long line,
                    char *err, size_t errlen)
{
    static const addr_t zero = { ADDR_V6, 128, { 0 } };
    const char *why = NULL;
    int pos;

    r->prefix = 64;
    r->end = r->start;
    for (pos = 1; pos < k; pos++) {
        if (strcmp(a[pos], "static") == 0)
            r->flags |= DNSMASQ_RANGE_STATIC | DNSMASQ_RANGE_DHCP6;
        else if (strcmp(a[pos], "ra-only") == 0 || strcmp(a[pos], "slaac") == 0
                 || strcmp(a[pos], "ra-names") == 0 || strcmp(a[pos], "ra-advrouter") == 0)
            r->flags |= DNSMASQ_RANGE_RA;
        else if (strcmp(a[pos], "ra-stateless") == 0)
            r->flags |= DNSMASQ_RANGE_STATELESS | DNSMASQ_RANGE_DHCP6 | DNSMASQ_RANGE_RA;
        else if (strcmp(a[pos], "off-link") == 0)
            continue;
        else if (pos == 1 && parse_addr(a[pos], ADDR_V6, &r->end) == 0)
            r->flags |= DNSMASQ_RANGE_DHCP6;
        else if (strncmp(a[pos], "constructor:", 12) == 0) {
            text_copy(r->iface, sizeof r->iface, a[pos] + 12);
            unhide_all(r->iface);
            r->flags |= DNSMASQ_RANGE_TEMPLATE;
        } else
            break;
    }
    /* A bare number up to 128 is the prefix length (an empty field is 0, as atoi makes it). */
    if (pos < k && all_digits(a[pos])) {
        unsigned long v = 0;

        for (const char *d = a[pos]; *d && v <= 128; d++)
            v = v * 10 + (unsigned long)(*d - '0');
        if (v <= 128) {
            r->prefix = (unsigned)v;
            pos++;
        }
    }
    *leasepos = pos;
    if (r->prefix > 64) {
        if (r->flags & DNSMASQ_RANGE_RA)
            why = "prefix length must be exactly 64 for RA subnets";
        else if (r->flags & DNSMASQ_RANGE_TEMPLATE)
            why = "prefix length must be exactly 64 for subnet constructors";
    } else if (r->prefix < 64) {
        why = "prefix length must be at least 64";
    }
    if (!why && !same_net(&r->start, &r->end, r->prefix))
        why = "inconsistent DHCPv6 range: its start and end are not in one subnet of that prefix length";
    if (why)
        return fail(err, errlen, file, line, "%s", why);
    /* dhcp-range=:: serves stateless DHCPv6 on any interface. */
    if (memcmp(r->start.bytes, zero.bytes, 16) == 0 && !(r->flags & DNSMASQ_RANGE_TEMPLATE))
        r->prefix = 0;
    if ((r->flags & DNSMASQ_RANGE_TEMPLATE) && !same_net(&zero, &r->start, r->prefix))
        return fail(err, errlen, file, line, "prefix must be zero with \"constructor:\" argument: write only "
                    "the host part of the addresses (::1,::400,constructor:eth0)");
    if (low64(&r->start) > low64(&r->end)) {
        addr_t t = r->start;
        r->start = r->end;
        r->end = t;
    }
    return 0;
}

/* dhcp-range, field by field as dnsmasq's option.c reads it. */
static int parse_range(dnsmasq_conf_t *conf, size_t self, char *arg, const char *file, unsigned long line,
                       char *err, size_t errlen)
{
    dnsmasq_range_t r;
    char *a[RANGE_FIELDS] = { NULL }, *comma, buf[64];
    int k, leasepos = 2, have_set = 0;

    memset(&r, 0, sizeof r);
    r.file = self;
    r.line = line;
    /* Leading fields are tags until one holds only address characters. */
    for (;;) {
        char *cp;

        for (cp = arg; *cp && is_address_char(*cp); cp++)
            ;
        if (*cp != ',' && (comma = split(arg)) != NULL) {
            if (strncmp(arg, "tag:", 4) == 0 || strncmp(arg, "net:", 4) == 0) {
                if (arg[4])
                    append_filter(&r, arg);
            } else {
                if (have_set)
                    return fail(err, errlen, file, line, "bad dhcp-range: only one tag may be set (%s)",
                                show(arg, buf, sizeof buf));
                have_set = 1;
                text_copy(r.set, sizeof r.set, strncmp(arg, "set:", 4) == 0 ? arg + 4 : arg);
                unhide_all(r.set);
            }
            arg = comma;
        } else {
            a[0] = arg;
            break;
        }
    }
    for (k = 1; k < RANGE_FIELDS; k++)
        if (!(a[k] = split(a[k - 1])))
            break;
    if (k < 2)
        return fail(err, errlen, file, line, "bad dhcp-range: it needs a start address and an end address "
                    "or a mode");
    if (parse_addr(a[0], ADDR_V4, &r.start) == 0) {
        if (range_v4(&r, a, k, &leasepos, file, line, err, errlen) < 0)
            return -1;
    } else if (parse_addr(a[0], ADDR_V6, &r.start) == 0) {
        if (range_v6(&r, a, k, &leasepos, file, line, err, errlen) < 0)
            return -1;
    } else {
        return fail(err, errlen, file, line, "bad dhcp-range: \"%s\" is not a start address",
                    show(a[0], buf, sizeof buf));
    }
    if (leasepos < k) {
        if (leasepos != k - 1)
            return fail(err, errlen, file, line, "bad dhcp-range: \"%s\" is not understood here",
                        show(a[leasepos], buf, sizeof buf));
        /* More fields than dnsmasq splits stay in the last one. */
        if (strchr(a[leasepos], ',') || lease_time(a[leasepos], &r.flags) < 0)
            return fail(err, errlen, file, line, "bad dhcp-range: \"%s\" is not a lease time",
                        show(a[leasepos], buf, sizeof buf));
    }
    /* A deprecated IPv4 range still hands out addresses: dnsmasq reads it
     * for IPv6 only. */
    if (r.start.family == ADDR_V4)
        r.flags &= ~(unsigned)DNSMASQ_RANGE_DEPRECATED;
    if (conf->nranges >= RANGES_MAX)
        return fail(err, errlen, file, line, "more than %d dhcp-range options", RANGES_MAX);
    {
        dnsmasq_range_t *nv = vec_grow(conf->ranges, &conf->ranges_cap, conf->nranges + 1, sizeof *nv);

        if (!nv)
            return fail(err, errlen, file, line, "out of memory");
        conf->ranges = nv;
    }
    conf->ranges[conf->nranges++] = r;
    return 0;
}

static int set_path(char **dst, int *given, const char *value, const char *option, const char *file,
                    unsigned long line, char *err, size_t errlen)
{
    /* dnsmasq refuses a second one in its files ("illegal repeated keyword"). */
    if (*given)
        return fail(err, errlen, file, line, "%s is given twice (dnsmasq refuses to start with that)", option);
    *given = 1;
    free(*dst);
    *dst = NULL;
    if (value && *value) {
        *dst = malloc(strlen(value) + 1);
        if (!*dst)
            return fail(err, errlen, file, line, "out of memory");
        strcpy(*dst, value);
        unhide_all(*dst);
    }
    return 0;
}

static int include_file(dnsmasq_conf_t *conf, const char *arg, const dnsmasq_conf_io_t *io, const char *file,
                        unsigned long line, char *err, size_t errlen)
{
    char *name;
    int rc;

    if (!arg || !*arg || !io || !io->file)
        return 0;
    if (conf->depth >= DNSMASQ_INCLUDE_DEPTH)
        return fail(err, errlen, file, line, "conf-file nested more than %d deep", DNSMASQ_INCLUDE_DEPTH);
    name = malloc(strlen(arg) + 1);
    if (!name)
        return fail(err, errlen, file, line, "out of memory");
    strcpy(name, arg);
    unhide_all(name);
    conf->depth++;
    rc = io->file(io->ctx, conf, file, line, name, err, errlen);
    conf->depth--;
    free(name);
    return rc;
}

static int include_dir(dnsmasq_conf_t *conf, const char *arg, const dnsmasq_conf_io_t *io, const char *file,
                       unsigned long line, char *err, size_t errlen)
{
    dnsmasq_dirspec_t spec;
    char why[256];
    int rc;

    if (dnsmasq_dirspec_parse(arg, &spec, why, sizeof why) < 0)
        return fail(err, errlen, file, line, "%s", why);
    if (!io || !io->dir) {
        dnsmasq_dirspec_free(&spec);
        return 0;
    }
    if (conf->depth >= DNSMASQ_INCLUDE_DEPTH) {
        dnsmasq_dirspec_free(&spec);
        return fail(err, errlen, file, line, "conf-dir nested more than %d deep", DNSMASQ_INCLUDE_DEPTH);
    }
    conf->depth++;
    rc = io->dir(io->ctx, conf, file, line, &spec, err, errlen);
    conf->depth--;
    dnsmasq_dirspec_free(&spec);
    return rc;
}

/* One cleaned line: "name", "name=value" or "name = value". */
static int on_line(dnsmasq_conf_t *conf, size_t self, char *start, const dnsmasq_conf_io_t *io,
                   const char *file, unsigned long line, char *err, size_t errlen)
{
    char *arg = NULL, *p;
    size_t len;

    while (*start == ' ')
        start++;
    for (len = strlen(start); len > 0 && start[len - 1] == ' '; len--)
        ;
    if (len == 0)
        return 0;
    start[len] = '\0';
    if ((p = strchr(start, '=')) != NULL) {
        for (arg = p + 1; *arg == ' '; arg++)
            ;
        for (; p >= start && (*p == ' ' || *p == '='); p--)
            *p = '\0';
    }
    if (strcmp(start, "dhcp-range") == 0) {
        if (!arg)
            return fail(err, errlen, file, line, "dhcp-range needs a value (missing parameter)");
        return parse_range(conf, self, arg, file, line, err, errlen);
    }
    if (strcmp(start, "conf-file") == 0)
        return include_file(conf, arg, io, file, line, err, errlen);
    if (strcmp(start, "conf-dir") == 0) {
        if (!arg)
            return fail(err, errlen, file, line, "conf-dir needs a value (missing parameter)");
        return include_dir(conf, arg, io, file, line, err, errlen);
    }
    if (strcmp(start, "conf-script") == 0)
        return fail(err, errlen, file, line, "conf-script runs a program whose output is configuration: the plugin "
                    "runs no programs, so it cannot know the ranges that adds");
    if (strcmp(start, "dhcp-leasefile") == 0 || strcmp(start, "dhcp-lease") == 0)
        return set_path(&conf->leasefile, &conf->has_leasefile, arg, "dhcp-leasefile", file, line, err, errlen);
    if (strcmp(start, "pid-file") == 0)
        return set_path(&conf->pidfile, &conf->has_pidfile, arg, "pid-file", file, line, err, errlen);
    if (strcmp(start, "leasefile-ro") == 0) {
        conf->leasefile_ro = 1;
        return 0;
    }
    return 0;
}

static int add_file(dnsmasq_conf_t *conf, const char *file, char *err, size_t errlen)
{
    char **nv, *copy;

    if (conf->nfiles >= FILES_MAX) {
        snprintf(err, errlen, "%s: more than %d configuration files", file, FILES_MAX);
        return -1;
    }
    nv = vec_grow(conf->files, &conf->files_cap, conf->nfiles + 1, sizeof *nv);
    copy = malloc(strlen(file) + 1);
    if (!nv || !copy) {
        if (nv)
            conf->files = nv;
        free(copy);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    strcpy(copy, file);
    conf->files = nv;
    conf->files[conf->nfiles++] = copy;
    return 0;
}

int dnsmasq_conf_parse(dnsmasq_conf_t *conf, const char *file, const char *data, size_t len,
                       const dnsmasq_conf_io_t *io, char *err, size_t errlen)
{
    char buf[LINE_MAX_BYTES + 1];
    unsigned long line = 0;
    size_t pos = 0, self;

    if (add_file(conf, file, err, errlen) < 0)
        return -1;
    self = conf->nfiles - 1;
    while (pos < len) {
        size_t n = 0;

        /* As fgets: up to and including the newline, at most LINE_MAX_BYTES. */
        while (pos + n < len && n < LINE_MAX_BYTES) {
            if (data[pos + n++] == '\n')
                break;
        }
        memcpy(buf, data + pos, n);
        buf[n] = '\0';
        pos += n;
        line++;
        if (clean_line(buf) < 0)
            return fail(err, errlen, file, line, "missing \" (a quote is not closed)");
        if (on_line(conf, self, buf, io, file, line, err, errlen) < 0)
            return -1;
    }
    return 0;
}

void dnsmasq_conf_free(dnsmasq_conf_t *conf)
{
    for (size_t i = 0; i < conf->nfiles; i++)
        free(conf->files[i]);
    free(conf->files);
    free(conf->ranges);
    free(conf->leasefile);
    free(conf->pidfile);
    memset(conf, 0, sizeof *conf);
}

int dnsmasq_range_is_pool(const dnsmasq_range_t *r)
{
    if (r->start.family == ADDR_V4)
        return !(r->flags & (DNSMASQ_RANGE_STATIC | DNSMASQ_RANGE_PROXY));
    return (r->flags & DNSMASQ_RANGE_DHCP6)
           && !(r->flags & (DNSMASQ_RANGE_STATIC | DNSMASQ_RANGE_STATELESS | DNSMASQ_RANGE_DEPRECATED));
}

static char *dup_unhidden(const char *s)
{
    char *d = malloc(strlen(s) + 1);

    if (d) {
        strcpy(d, s);
        unhide_all(d);
    }
    return d;
}

int dnsmasq_dirspec_parse(const char *value, dnsmasq_dirspec_t *spec, char *err, size_t errlen)
{
    char *copy = malloc(strlen(value) + 1), *arg, *comma;
    int rc = -1;

    memset(spec, 0, sizeof *spec);
    if (!copy) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    strcpy(copy, value);
    comma = split(copy);
    if (!copy[0]) {
        snprintf(err, errlen, "conf-dir names no directory");
        goto done;
    }
    if (!(spec->dir = dup_unhidden(copy)))
        goto oom;
    for (arg = comma; arg; arg = comma) {
        comma = split(arg);
        if (!arg[0] || strcmp(arg, "*") == 0)
            continue;
        if (spec->nmatch >= DNSMASQ_SUFFIX_MAX || spec->nignore >= DNSMASQ_SUFFIX_MAX) {
            snprintf(err, errlen, "conf-dir has more than %d suffixes", DNSMASQ_SUFFIX_MAX);
            goto done;
        }
        if (arg[0] == '*') {
            if (!(spec->match[spec->nmatch] = dup_unhidden(arg + 1)))
                goto oom;
            spec->nmatch++;
        } else {
            if (!(spec->ignore[spec->nignore] = dup_unhidden(arg)))
                goto oom;
            spec->nignore++;
        }
    }
    rc = 0;
    goto done;
oom:
    snprintf(err, errlen, "out of memory");
done:
    free(copy);
    if (rc < 0)
        dnsmasq_dirspec_free(spec);
    return rc;
}

void dnsmasq_dirspec_free(dnsmasq_dirspec_t *spec)
{
    free(spec->dir);
    for (size_t i = 0; i < spec->nmatch; i++)
        free(spec->match[i]);
    for (size_t i = 0; i < spec->nignore; i++)
        free(spec->ignore[i]);
    memset(spec, 0, sizeof *spec);
}

static int ends_with(const char *name, size_t len, const char *suffix)
{
    size_t ls = strlen(suffix);

    /* As dnsmasq: the name must be longer than the suffix. */
    return len > ls && strcmp(name + len - ls, suffix) == 0;
}

int dnsmasq_dirspec_wants(const dnsmasq_dirspec_t *spec, const char *name)
{
    size_t len = strlen(name), i;

    if (len == 0 || name[len - 1] == '~' || (name[0] == '#' && name[len - 1] == '#') || name[0] == '.')
        return 0;
    if (spec->nmatch) {
        for (i = 0; i < spec->nmatch; i++)
            if (ends_with(name, len, spec->match[i]))
                break;
        if (i == spec->nmatch)
            return 0;
    }
    for (i = 0; i < spec->nignore; i++)
        if (ends_with(name, len, spec->ignore[i]))
            return 0;
    return 1;
}
