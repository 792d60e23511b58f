/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "isc_conf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "text.h"
#include "vec.h"

/* dhcpd's own lexer refuses longer tokens, so a longer one is not a valid file. */
#define TOKEN_MAX 1500
#define NEST_MAX 64

enum tok_kind { TK_EOF, TK_WORD, TK_STRING, TK_LBRACE, TK_RBRACE, TK_SEMI };

typedef struct token {
    enum tok_kind kind;
    unsigned long line;
    size_t len;
    char text[TOKEN_MAX + 1];
} token_t;

typedef struct lexer {
    const char *file;
    const char *p, *end;
    unsigned long line;
    int ungot;
    token_t tok;
} lexer_t;

/* A range declared in a shared-network outside its subnets: which subnet owns
 * it is known only once the shared-network's last subnet has been read. */
typedef struct pending {
    size_t range;
    char where[320];
} pending_t;

typedef struct parser {
    isc_conf_t *conf;
    isc_include_fn include;
    void *ctx;
    char *err;
    size_t errlen;
    const char *files[ISC_INCLUDE_DEPTH + 1];
    size_t nfiles;
    unsigned nest;
    pending_t *pending;
    size_t npending, pending_cap;
} parser_t;

typedef struct ctx {
    long subnet;                     /* index into subnets, -1 outside one */
    long subnet6;                    /* index into subnets6, -1 outside one */
    int in_pool6;
    int in_shared;
    char shared[ISC_NAME_MAX];
    int in_pool;
    int pool_peer;
    size_t pool_first_range;
} ctx_t;

static int fail(parser_t *p, const char *file, unsigned long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail(parser_t *p, const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    text_at(p->err, p->errlen, file, line, fmt, ap);
    va_end(ap);
    return -1;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_word_end(unsigned char c)
{
    return is_space(c) || c == '\n' || c == '{' || c == '}' || c == ';' || c == '"' || c == '#';
}

static int lex_next(parser_t *p, lexer_t *lx)
{
    token_t *t = &lx->tok;
    unsigned char c;

    if (lx->ungot) {
        lx->ungot = 0;
        return 0;
    }
    t->len = 0;
    t->text[0] = '\0';
    for (;;) {
        if (lx->p >= lx->end) {
            t->kind = TK_EOF;
            t->line = lx->line;
            return 0;
        }
        c = (unsigned char)*lx->p;
        if (c == '\n') {
            lx->line++;
            lx->p++;
        } else if (is_space(c)) {
            lx->p++;
        } else if (c == '#') {
            const char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
            lx->p = nl ? nl : lx->end;
        } else {
            break;
        }
    }
    t->line = lx->line;
    if (c == '{' || c == '}' || c == ';') {
        t->kind = c == '{' ? TK_LBRACE : c == '}' ? TK_RBRACE : TK_SEMI;
        t->text[0] = (char)c;
        t->text[1] = '\0';
        t->len = 1;
        lx->p++;
        return 0;
    }
    if (c == '"') {
        t->kind = TK_STRING;
        lx->p++;
        for (;;) {
            unsigned char ch;

            if (lx->p >= lx->end)
                return fail(p, lx->file, t->line, "unterminated string");
            ch = (unsigned char)*lx->p++;
            if (ch == '"')
                break;
            if (ch == '\n')
                lx->line++;
            if (ch == '\\') {
                unsigned char esc;

                if (lx->p >= lx->end)
                    return fail(p, lx->file, t->line, "unterminated string");
                esc = (unsigned char)*lx->p++;
                if (esc == '\n')
                    lx->line++;
                /* Only the escapes that matter for names are decoded; the
                 * rest keep their backslash, which is harmless for skipping. */
                if (esc != '"' && esc != '\\') {
                    if (t->len >= TOKEN_MAX)
                        return fail(p, lx->file, t->line, "string longer than %d bytes", TOKEN_MAX);
                    t->text[t->len++] = '\\';
                }
                ch = esc;
            }
            if (t->len >= TOKEN_MAX)
                return fail(p, lx->file, t->line, "string longer than %d bytes", TOKEN_MAX);
            t->text[t->len++] = (char)ch;
        }
        t->text[t->len] = '\0';
        return 0;
    }
    t->kind = TK_WORD;
    while (lx->p < lx->end && !is_word_end((unsigned char)*lx->p)) {
        if (t->len >= TOKEN_MAX)
            return fail(p, lx->file, t->line, "word longer than %d bytes", TOKEN_MAX);
        t->text[t->len++] = *lx->p++;
    }
    t->text[t->len] = '\0';
    return 0;
}

static int tok_is(const lexer_t *lx, const char *word)
{
    return lx->tok.kind == TK_WORD && strcmp(lx->tok.text, word) == 0;
}

/* dhcpd reads each octet as a decimal number, leading zeros and all
 * ("10.0.0.010" is 10.0.0.10), so this does too. */
int isc_addr_parse(const char *text, size_t len, uint32_t *out)
{
    const char *p = text, *end = text + len;
    uint32_t addr = 0;

    if (len == 0 || len > 64)
        return -1;
    for (int part = 0; part < 4; part++) {
        unsigned v = 0;
        int digits = 0;

        if (part > 0) {
            if (p == end || *p != '.')
                return -1;
            p++;
        }
        while (p < end && *p >= '0' && *p <= '9') {
            v = v * 10 + (unsigned)(*p - '0');
            if (v > 255)
                return -1;
            digits++;
            p++;
        }
        if (digits == 0)
            return -1;
        addr = addr << 8 | v;
    }
    if (p != end)
        return -1;
    *out = addr;
    return 0;
}

/* Hex digit values, 16 for anything else. */
static const uint8_t hexval[256] = {
    ['0'] = 0, ['1'] = 1, ['2'] = 2, ['3'] = 3, ['4'] = 4, ['5'] = 5, ['6'] = 6, ['7'] = 7, ['8'] = 8,
    ['9'] = 9, ['a'] = 10, ['b'] = 11, ['c'] = 12, ['d'] = 13, ['e'] = 14, ['f'] = 15, ['A'] = 10,
    ['B'] = 11, ['C'] = 12, ['D'] = 13, ['E'] = 14, ['F'] = 15,
};

static int hex_digit(unsigned char c)
{
    return c == '0' || hexval[c] != 0;
}

/* Hex groups with at most one "::": what inet_ntop writes. -1 for anything
 * else, which addr_parse then judges. */
static int v6_groups(const char *s, size_t n, uint8_t out[16])
{
    uint16_t w[8];
    int nw = 0, gap = -1;
    size_t i = 0;

    if (n < 2 || n > 39)
        return -1;
    if (s[0] == ':') {
        if (s[1] != ':')
            return -1;
        gap = 0;
        i = 2;
    }
    while (i < n) {
        size_t start = i;
        unsigned v = 0;

        while (i < n && i - start < 4 && hex_digit((unsigned char)s[i]))
            v = v << 4 | hexval[(unsigned char)s[i++]];
        if (i == start || nw == 8)
            return -1;
        w[nw++] = (uint16_t)v;
        if (i == n)
            break;
        if (s[i++] != ':' || i == n)
            return -1;
        if (s[i] == ':') {
            if (gap >= 0)
                return -1;
            gap = nw;
            i++;
        }
    }
    if (gap < 0 ? nw != 8 : nw > 7)
        return -1;
    memset(out, 0, 16);
    for (int k = 0; k < nw; k++) {
        int at = gap >= 0 && k >= gap ? 8 - (nw - k) : k;

        out[2 * at] = (uint8_t)(w[k] >> 8);
        out[2 * at + 1] = (uint8_t)w[k];
    }
    return 0;
}

int isc_addr6_parse(const char *text, size_t len, addr_t *out)
{
    const char *slash = memchr(text, '/', len);
    size_t alen = slash ? (size_t)(slash - text) : len;
    addr_t a;

    memset(&a, 0, sizeof a);
    if (v6_groups(text, alen, a.bytes) < 0) {
        if ((slash ? addr_parse_prefix(text, len, &a) : addr_parse(text, len, &a)) < 0 || a.family != ADDR_V6)
            return -1;
        *out = a;
        return 0;
    }
    a.family = ADDR_V6;
    a.prefix = 128;
    if (slash) {
        const char *p = slash + 1, *end = text + len;
        unsigned v = 0;

        /* As addr_parse_prefix: 1 to 3 digits, no leading zero, at most 128. */
        if (p == end || end - p > 3 || (end - p > 1 && *p == '0'))
            return -1;
        for (; p < end; p++) {
            if (*p < '0' || *p > '9')
                return -1;
            v = v * 10 + (unsigned)(*p - '0');
        }
        if (v > 128)
            return -1;
        a.prefix = (uint8_t)v;
    }
    *out = a;
    return 0;
}

static void addr_text(uint32_t a, char *buf, size_t len)
{
    addr_t x = addr_v4(a, 32);

    addr_format(&x, buf, len);
}

static int skip_block(parser_t *p, lexer_t *lx, unsigned long open_line)
{
    size_t depth = 1;

    for (;;) {
        if (lex_next(p, lx) < 0)
            return -1;
        switch (lx->tok.kind) {
        case TK_LBRACE:
            depth++;
            break;
        case TK_RBRACE:
            if (--depth == 0)
                return 0;
            break;
        case TK_EOF:
            return fail(p, lx->file, lx->tok.line,
                        "end of file inside the block opened on line %lu (missing '}')", open_line);
        default:
            break;
        }
    }
}

/* Skips the rest of a statement we do not interpret: up to its ';' or through
 * its block. A '}' before either ends the enclosing block, so it is put back. */
static int skip_statement(parser_t *p, lexer_t *lx)
{
    for (;;) {
        if (lex_next(p, lx) < 0)
            return -1;
        switch (lx->tok.kind) {
        case TK_SEMI:
            return 0;
        case TK_LBRACE:
            return skip_block(p, lx, lx->tok.line);
        case TK_RBRACE:
        case TK_EOF:
            lx->ungot = 1;
            return 0;
        default:
            break;
        }
    }
}

static int expect(parser_t *p, lexer_t *lx, enum tok_kind kind, const char *what, const char *after)
{
    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != kind)
        return fail(p, lx->file, lx->tok.line, "expected %s after %s", what, after);
    return 0;
}

static int find_peer(const isc_conf_t *conf, const char *name)
{
    size_t i;

    for (i = 0; i < conf->npeers; i++)
        if (strcmp(conf->peers[i].name, name) == 0)
            return (int)i;
    return ISC_NO_PEER;
}

static const char *subnet6_text(const isc_conf_t *conf, long i, char *buf, size_t len)
{
    addr_format_prefix(&conf->subnets6[i].net, buf, len);
    return buf;
}

/* The last address of a's prefix (its host bits all set). */
static addr_t prefix_last(const addr_t *a)
{
    addr_t r = *a;
    unsigned p = a->prefix;

    for (unsigned i = p / 8; i < 16; i++)
        r.bytes[i] |= (uint8_t)(0xFFu >> (i == p / 8 ? p % 8 : 0));
    r.prefix = 128;
    return r;
}

static int is_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* An IPv6 address with an optional prefix length, as dhcpd reads it: the
 * length may be attached ("2001:db8::/64") or apart ("2001:db8:: / 64").
 * *len is -1 when there is none. what names the statement in messages. */
static int read_addr6(parser_t *p, lexer_t *lx, const char *what, addr_t *a, int *len)
{
    char text[TOKEN_MAX + 1], lentext[TOKEN_MAX + 1];
    const char *slash;
    unsigned long line;
    size_t n;
    int has_len = 0;

    *len = -1;
    if (lex_next(p, lx) < 0)
        return -1;
    line = lx->tok.line;
    if (lx->tok.kind != TK_WORD)
        return fail(p, lx->file, line, "expected an IPv6 address after %s", what);
    memcpy(text, lx->tok.text, lx->tok.len + 1);
    n = lx->tok.len;
    lentext[0] = '\0';
    slash = memchr(text, '/', n);
    if (slash) {
        has_len = 1;
        memcpy(lentext, slash + 1, n - (size_t)(slash - text));
        n = (size_t)(slash - text);
        text[n] = '\0';
    } else {
        if (lex_next(p, lx) < 0)
            return -1;
        if (lx->tok.kind == TK_WORD && lx->tok.text[0] == '/') {
            has_len = 1;
            memcpy(lentext, lx->tok.text + 1, lx->tok.len);
        } else {
            lx->ungot = 1;
        }
    }
    if (has_len && !lentext[0]) {
        if (lex_next(p, lx) < 0)
            return -1;
        if (lx->tok.kind != TK_WORD)
            return fail(p, lx->file, lx->tok.line, "expected a prefix length after '/' in %s", what);
        memcpy(lentext, lx->tok.text, lx->tok.len + 1);
    }
    if (!memchr(text, ':', n) || addr_parse(text, n, a) < 0)
        return fail(p, lx->file, line, "bad IPv6 address \"%.60s\" in %s", text, what);
    if (has_len) {
        if (!is_digits(lentext) || strlen(lentext) > 3 || atoi(lentext) > 128)
            return fail(p, lx->file, line, "bad prefix length \"%.20s\" in %s", lentext, what);
        *len = atoi(lentext);
    }
    return 0;
}

static int parse_statements(parser_t *p, lexer_t *lx, ctx_t *c, int in_block, unsigned long open_line);

static int parse_body(parser_t *p, lexer_t *lx, ctx_t *c, unsigned long open_line)
{
    int rc;

    if (p->nest >= NEST_MAX)
        return fail(p, lx->file, open_line, "blocks nested deeper than %d levels", NEST_MAX);
    p->nest++;
    rc = parse_statements(p, lx, c, 1, open_line);
    p->nest--;
    return rc;
}

static int parse_subnet(parser_t *p, lexer_t *lx, ctx_t *c)
{
    isc_conf_t *conf = p->conf;
    unsigned long line = lx->tok.line;
    uint32_t addr, mask;
    char atext[16], mtext[16], after[64];
    int prefix;
    isc_subnet_t *s;
    ctx_t child;
    void *nv;

    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_WORD || isc_addr_parse(lx->tok.text, lx->tok.len, &addr) < 0)
        return fail(p, lx->file, lx->tok.line, "bad subnet address \"%.40s\"", lx->tok.text);
    addr_text(addr, atext, sizeof atext);
    snprintf(after, sizeof after, "subnet %s", atext);
    if (lex_next(p, lx) < 0)
        return -1;
    if (!tok_is(lx, "netmask"))
        return fail(p, lx->file, lx->tok.line, "expected 'netmask' after %s", after);
    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_WORD || isc_addr_parse(lx->tok.text, lx->tok.len, &mask) < 0)
        return fail(p, lx->file, lx->tok.line, "bad netmask \"%.40s\" for %s", lx->tok.text, after);
    addr_text(mask, mtext, sizeof mtext);
    prefix = addr_mask_prefix(mask);
    if (prefix < 0)
        return fail(p, lx->file, lx->tok.line, "netmask %s of %s is not contiguous", mtext, after);
    if (addr & ~mask)
        return fail(p, lx->file, lx->tok.line, "%s has host bits set for netmask %s", after, mtext);
    snprintf(after, sizeof after, "subnet %s netmask %s", atext, mtext);
    if (expect(p, lx, TK_LBRACE, "'{'", after) < 0)
        return -1;
    if (c->subnet >= 0 || c->in_pool || c->subnet6 >= 0 || c->in_pool6)
        return fail(p, lx->file, line, "%s is declared inside another subnet or pool", after);
    if (!conf->first_subnet[0])
        snprintf(conf->first_subnet, sizeof conf->first_subnet, "%s:%lu", lx->file, line);
    nv = vec_grow(conf->subnets, &conf->subnets_cap, conf->nsubnets + 1, sizeof *conf->subnets);
    if (!nv)
        return fail(p, lx->file, line, "out of memory");
    conf->subnets = nv;
    s = &conf->subnets[conf->nsubnets];
    memset(s, 0, sizeof *s);
    s->addr = addr;
    s->mask = mask;
    s->prefix = prefix;
    if (c->in_shared)
        text_copy(s->shared, sizeof s->shared, c->shared);
    child = *c;
    child.subnet = (long)conf->nsubnets++;
    return parse_body(p, lx, &child, line);
}

static int resolve_pending(parser_t *p, size_t first_pending, size_t first_subnet, const char *shared)
{
    isc_conf_t *conf = p->conf;
    size_t i, j;

    for (i = first_pending; i < p->npending; i++) {
        isc_range_t *r = &conf->ranges[p->pending[i].range];
        char lo[16], hi[16];

        for (j = first_subnet; j < conf->nsubnets; j++) {
            const isc_subnet_t *s = &conf->subnets[j];

            if ((r->low & s->mask) == s->addr && (r->high & s->mask) == s->addr) {
                r->subnet = j;
                break;
            }
        }
        if (j == conf->nsubnets) {
            addr_text(r->low, lo, sizeof lo);
            addr_text(r->high, hi, sizeof hi);
            if (p->errlen)
                snprintf(p->err, p->errlen, "%s: range %s - %s is not inside any subnet of shared-network %s",
                         p->pending[i].where, lo, hi, shared);
            return -1;
        }
    }
    p->npending = first_pending;
    return 0;
}

static int parse_shared(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    size_t first_subnet = p->conf->nsubnets, first_pending = p->npending;
    ctx_t child;

    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_WORD && lx->tok.kind != TK_STRING)
        return fail(p, lx->file, lx->tok.line, "expected a name after shared-network");
    child = *c;
    text_copy(child.shared, sizeof child.shared, lx->tok.text);
    if (expect(p, lx, TK_LBRACE, "'{'", "the shared-network name") < 0)
        return -1;
    if (c->in_shared || c->subnet >= 0 || c->in_pool || c->subnet6 >= 0 || c->in_pool6)
        return fail(p, lx->file, line, "shared-network %s is declared inside another declaration",
                    child.shared);
    child.in_shared = 1;
    if (parse_body(p, lx, &child, line) < 0)
        return -1;
    return resolve_pending(p, first_pending, first_subnet, child.shared);
}

static int parse_group(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    ctx_t child;

    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind == TK_WORD || lx->tok.kind == TK_STRING) {
        if (lex_next(p, lx) < 0)
            return -1;
    }
    if (lx->tok.kind != TK_LBRACE)
        return fail(p, lx->file, lx->tok.line, "expected '{' after group");
    child = *c;
    return parse_body(p, lx, &child, line);
}

static int parse_pool(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    isc_conf_t *conf = p->conf;
    char sn[ADDR_PREFIX_TEXT_MAX];
    ctx_t child;
    size_t i;

    if (expect(p, lx, TK_LBRACE, "'{'", "pool") < 0)
        return -1;
    if (c->in_pool || c->in_pool6)
        return fail(p, lx->file, line, "pool is declared inside another pool");
    if (c->subnet6 >= 0)
        return fail(p, lx->file, line, "pool is declared inside subnet6 %s (DHCPv6 pools are pool6)",
                    subnet6_text(p->conf, c->subnet6, sn, sizeof sn));
    if (c->subnet < 0 && !c->in_shared)
        return fail(p, lx->file, line, "pool is declared outside any subnet or shared-network");
    child = *c;
    child.in_pool = 1;
    child.pool_peer = ISC_NO_PEER;
    child.pool_first_range = conf->nranges;
    if (parse_body(p, lx, &child, line) < 0)
        return -1;
    /* The failover statement may follow the ranges, so peers are set last. */
    for (i = child.pool_first_range; i < conf->nranges; i++)
        conf->ranges[i].peer = child.pool_peer;
    return 0;
}

static int parse_range(parser_t *p, lexer_t *lx, ctx_t *c)
{
    isc_conf_t *conf = p->conf;
    unsigned long line = lx->tok.line;
    uint32_t low, high;
    char lo[16], hi[16], sn[ADDR_PREFIX_TEXT_MAX];
    isc_range_t *r;
    void *nv;

    if (c->subnet6 >= 0)
        return fail(p, lx->file, line, "range is declared inside subnet6 %s (DHCPv6 ranges are range6)",
                    subnet6_text(conf, c->subnet6, sn, sizeof sn));
    if (lex_next(p, lx) < 0)
        return -1;
    if (tok_is(lx, "dynamic-bootp") && lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_WORD || isc_addr_parse(lx->tok.text, lx->tok.len, &low) < 0)
        return fail(p, lx->file, lx->tok.line, "bad address \"%.40s\" in range", lx->tok.text);
    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind == TK_SEMI) {
        high = low;
    } else {
        if (lx->tok.kind != TK_WORD || isc_addr_parse(lx->tok.text, lx->tok.len, &high) < 0)
            return fail(p, lx->file, lx->tok.line, "bad address \"%.40s\" in range", lx->tok.text);
        if (expect(p, lx, TK_SEMI, "';'", "range") < 0)
            return -1;
    }
    if (low > high) {
        uint32_t t = low;
        low = high;
        high = t;
    }
    addr_text(low, lo, sizeof lo);
    addr_text(high, hi, sizeof hi);
    if (c->subnet >= 0) {
        const isc_subnet_t *s = &conf->subnets[c->subnet];
        char sa[16];

        if ((low & s->mask) != s->addr || (high & s->mask) != s->addr) {
            addr_text(s->addr, sa, sizeof sa);
            return fail(p, lx->file, line, "range %s - %s is outside subnet %s/%d", lo, hi, sa, s->prefix);
        }
    } else if (!c->in_shared) {
        return fail(p, lx->file, line, "range %s - %s is declared outside any subnet", lo, hi);
    }
    nv = vec_grow(conf->ranges, &conf->ranges_cap, conf->nranges + 1, sizeof *conf->ranges);
    if (!nv)
        return fail(p, lx->file, line, "out of memory");
    conf->ranges = nv;
    r = &conf->ranges[conf->nranges];
    r->low = low;
    r->high = high;
    r->peer = ISC_NO_PEER;
    r->subnet = c->subnet >= 0 ? (size_t)c->subnet : 0;
    if (c->subnet < 0) {
        pending_t *pd;

        nv = vec_grow(p->pending, &p->pending_cap, p->npending + 1, sizeof *p->pending);
        if (!nv)
            return fail(p, lx->file, line, "out of memory");
        p->pending = nv;
        pd = &p->pending[p->npending++];
        pd->range = conf->nranges;
        snprintf(pd->where, sizeof pd->where, "%s:%lu", lx->file, line);
    }
    conf->nranges++;
    return 0;
}

static int parse_peer_decl(parser_t *p, lexer_t *lx, const char *name, unsigned long line)
{
    isc_conf_t *conf = p->conf;
    enum isc_role role = ISC_ROLE_NONE;
    isc_peer_t *peer;
    void *nv;

    if (find_peer(conf, name) != ISC_NO_PEER)
        return fail(p, lx->file, line, "failover peer \"%s\" is declared twice", name);
    for (;;) {
        if (lex_next(p, lx) < 0)
            return -1;
        if (lx->tok.kind == TK_RBRACE)
            break;
        if (lx->tok.kind == TK_EOF)
            return fail(p, lx->file, lx->tok.line,
                        "end of file inside the block opened on line %lu (missing '}')", line);
        if (lx->tok.kind == TK_SEMI)
            continue;
        if (lx->tok.kind == TK_LBRACE) {
            if (skip_block(p, lx, lx->tok.line) < 0)
                return -1;
            continue;
        }
        if (tok_is(lx, "primary") || tok_is(lx, "secondary")) {
            role = lx->tok.text[0] == 'p' ? ISC_ROLE_PRIMARY : ISC_ROLE_SECONDARY;
            if (expect(p, lx, TK_SEMI, "';'", role == ISC_ROLE_PRIMARY ? "primary" : "secondary") < 0)
                return -1;
            continue;
        }
        if (skip_statement(p, lx) < 0)
            return -1;
    }
    if (role == ISC_ROLE_NONE)
        return fail(p, lx->file, line, "failover peer \"%s\" declares neither primary nor secondary", name);
    nv = vec_grow(conf->peers, &conf->peers_cap, conf->npeers + 1, sizeof *conf->peers);
    if (!nv)
        return fail(p, lx->file, line, "out of memory");
    conf->peers = nv;
    peer = &conf->peers[conf->npeers++];
    memset(peer, 0, sizeof *peer);
    text_copy(peer->name, sizeof peer->name, name);
    peer->role = role;
    return 0;
}

static int parse_failover(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    char name[ISC_NAME_MAX];
    int idx;

    if (lex_next(p, lx) < 0)
        return -1;
    if (!tok_is(lx, "peer")) {
        lx->ungot = 1;
        return skip_statement(p, lx);
    }
    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_WORD && lx->tok.kind != TK_STRING)
        return fail(p, lx->file, lx->tok.line, "expected a name after failover peer");
    if (lx->tok.len >= sizeof name)
        return fail(p, lx->file, lx->tok.line, "failover peer name longer than %d bytes", ISC_NAME_MAX - 1);
    memcpy(name, lx->tok.text, lx->tok.len + 1);
    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind == TK_LBRACE) {
        if (c->in_pool || c->subnet >= 0 || c->in_pool6 || c->subnet6 >= 0)
            return fail(p, lx->file, line, "failover peer \"%s\" is declared inside a subnet or pool", name);
        return parse_peer_decl(p, lx, name, line);
    }
    if (lx->tok.kind == TK_SEMI) {
        if (!c->in_pool)
            return 0;
        idx = find_peer(p->conf, name);
        if (idx == ISC_NO_PEER)
            return fail(p, lx->file, line, "failover peer \"%s\" is used by a pool but not declared before it",
                        name);
        c->pool_peer = idx;
        return 0;
    }
    lx->ungot = 1;
    return skip_statement(p, lx);
}

static int parse_include(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    char name[TOKEN_MAX + 1], msg[512];
    char *data = NULL, *path = NULL;
    size_t len = 0, i;
    lexer_t *sub;
    int rc;

    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_STRING && lx->tok.kind != TK_WORD)
        return fail(p, lx->file, lx->tok.line, "expected a file name after include");
    memcpy(name, lx->tok.text, lx->tok.len + 1);
    if (expect(p, lx, TK_SEMI, "';'", "the include file name") < 0)
        return -1;
    if (!p->include)
        return fail(p, lx->file, line, "include \"%.200s\" is not supported here", name);
    if (p->nfiles > ISC_INCLUDE_DEPTH)
        return fail(p, lx->file, line, "includes nested deeper than %d files", ISC_INCLUDE_DEPTH);
    msg[0] = '\0';
    if (p->include(p->ctx, lx->file, name, &data, &len, &path, msg, sizeof msg) < 0) {
        free(data);
        free(path);
        return fail(p, lx->file, line, "%s", msg[0] ? msg : "cannot read the included file");
    }
    if (!path) {
        free(data);
        return fail(p, lx->file, line, "out of memory");
    }
    for (i = 0; i < p->nfiles; i++) {
        if (strcmp(p->files[i], path) == 0) {
            rc = fail(p, lx->file, line, "include loop: %.300s is already being read", path);
            free(data);
            free(path);
            return rc;
        }
    }
    sub = calloc(1, sizeof *sub);
    if (!sub) {
        free(data);
        free(path);
        return fail(p, lx->file, line, "out of memory");
    }
    sub->file = path;
    sub->p = data ? data : "";
    sub->end = sub->p + (data ? len : 0);
    sub->line = 1;
    p->files[p->nfiles++] = path;
    rc = parse_statements(p, sub, c, 0, 0);
    p->nfiles--;
    free(sub);
    free(data);
    free(path);
    return rc;
}

/* pid-file-name "FILE"; (dhcpv6-pid-file-name for dhcpd -6) where dhcpd
 * writes its pid (the plugin reads it to tell whether dhcpd runs). */
static int parse_pid_file(parser_t *p, lexer_t *lx, char *dst, size_t dstlen, const char *what)
{
    char after[64];

    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_STRING && lx->tok.kind != TK_WORD)
        return fail(p, lx->file, lx->tok.line, "expected a file name after %s", what);
    text_copy(dst, dstlen, lx->tok.text);
    snprintf(after, sizeof after, "the %s file name", what);
    return expect(p, lx, TK_SEMI, "';'", after);
}

static int parse_subnet6(parser_t *p, lexer_t *lx, ctx_t *c)
{
    isc_conf_t *conf = p->conf;
    unsigned long line = lx->tok.line;
    char text[ADDR_PREFIX_TEXT_MAX], after[ADDR_PREFIX_TEXT_MAX + 16];
    isc_subnet6_t *s;
    addr_t net;
    ctx_t child;
    void *nv;
    int len;

    if (read_addr6(p, lx, "subnet6", &net, &len) < 0)
        return -1;
    addr_format(&net, text, sizeof text);
    if (len < 0)
        return fail(p, lx->file, line, "expected '/LENGTH' after subnet6 %s", text);
    net.prefix = (uint8_t)len;
    addr_format_prefix(&net, text, sizeof text);
    if (addr_has_host_bits(&net))
        return fail(p, lx->file, line, "subnet6 %s has host bits set", text);
    snprintf(after, sizeof after, "subnet6 %s", text);
    if (expect(p, lx, TK_LBRACE, "'{'", after) < 0)
        return -1;
    if (c->subnet >= 0 || c->in_pool || c->subnet6 >= 0 || c->in_pool6)
        return fail(p, lx->file, line, "%s is declared inside another subnet or pool", after);
    if (!conf->first_subnet6[0])
        snprintf(conf->first_subnet6, sizeof conf->first_subnet6, "%s:%lu", lx->file, line);
    nv = vec_grow(conf->subnets6, &conf->subnets6_cap, conf->nsubnets6 + 1, sizeof *conf->subnets6);
    if (!nv)
        return fail(p, lx->file, line, "out of memory");
    conf->subnets6 = nv;
    s = &conf->subnets6[conf->nsubnets6];
    memset(s, 0, sizeof *s);
    s->net = net;
    if (c->in_shared)
        text_copy(s->shared, sizeof s->shared, c->shared);
    child = *c;
    child.subnet6 = (long)conf->nsubnets6++;
    return parse_body(p, lx, &child, line);
}

/* Where a range6 or prefix6 may stand: in a subnet6 or its pool6s. */
static int check_in_subnet6(parser_t *p, const lexer_t *lx, const ctx_t *c, const char *what, unsigned long line)
{
    char sn[ADDR_PREFIX_TEXT_MAX];

    if (c->subnet6 >= 0)
        return 0;
    if (c->subnet >= 0) {
        addr_t a = addr_v4(p->conf->subnets[c->subnet].addr, (unsigned)p->conf->subnets[c->subnet].prefix);

        addr_format_prefix(&a, sn, sizeof sn);
        return fail(p, lx->file, line, "%s is declared inside subnet %s, an IPv4 subnet (it belongs in a subnet6)",
                    what, sn);
    }
    return fail(p, lx->file, line, "%s is declared outside any subnet6", what);
}

static int add_range6(parser_t *p, const lexer_t *lx, const ctx_t *c, unsigned long line, const addr_t *low,
                      const addr_t *high, enum isc_ia kind, unsigned delegated)
{
    isc_conf_t *conf = p->conf;
    isc_range6_t *r;
    void *nv;

    nv = vec_grow(conf->ranges6, &conf->ranges6_cap, conf->nranges6 + 1, sizeof *conf->ranges6);
    if (!nv)
        return fail(p, lx->file, line, "out of memory");
    conf->ranges6 = nv;
    r = &conf->ranges6[conf->nranges6++];
    memset(r, 0, sizeof *r);
    r->low = *low;
    r->high = *high;
    r->low.prefix = r->high.prefix = 128;
    if (addr_cmp(&r->low, &r->high) > 0) {
        addr_t t = r->low;
        r->low = r->high;
        r->high = t;
    }
    r->subnet = (size_t)c->subnet6;
    r->kind = (uint8_t)kind;
    r->delegated = (uint8_t)delegated;
    return 0;
}

/* range6 LOW HIGH; range6 PREFIX/LEN [temporary]; range6 ADDRESS temporary;
 * with dhcpd's checks: inside the subnet6, no host bits in a prefix, a
 * temporary one /64 or longer but not one address. */
static int parse_range6(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    const isc_subnet6_t *s;
    char a[ADDR_PREFIX_TEXT_MAX], b[ADDR_PREFIX_TEXT_MAX], sn[ADDR_PREFIX_TEXT_MAX];
    enum isc_ia kind = ISC_IA_NA;
    addr_t lo, hi;
    int len;

    if (check_in_subnet6(p, lx, c, "range6", line) < 0)
        return -1;
    s = &p->conf->subnets6[c->subnet6];
    addr_format_prefix(&s->net, sn, sizeof sn);
    if (read_addr6(p, lx, "range6", &lo, &len) < 0)
        return -1;
    addr_format(&lo, a, sizeof a);
    if (!addr_contains(&s->net, &lo))
        return fail(p, lx->file, line, "range6 start address %s is outside subnet6 %s", a, sn);
    if (lex_next(p, lx) < 0)
        return -1;
    if (len >= 0 || tok_is(lx, "temporary")) {
        int explicit_len = len >= 0;

        if (len < 0) {
            len = 64;               /* dhcpd's length for "range6 ADDRESS temporary" */
            kind = ISC_IA_TA;
        } else if (tok_is(lx, "temporary")) {
            kind = ISC_IA_TA;
        } else {
            lx->ungot = 1;
        }
        lo.prefix = (uint8_t)len;
        addr_format_prefix(&lo, a, sizeof a);
        if (explicit_len && len < s->net.prefix)
            return fail(p, lx->file, line, "range6 %s is larger than subnet6 %s", a, sn);
        if (addr_has_host_bits(&lo))
            return fail(p, lx->file, line, "range6 %s has host bits set", a);
        if (kind == ISC_IA_TA && (len < 64 || len == 128))
            return fail(p, lx->file, line, "temporary range6 %s must be a prefix from /64 to /127", a);
        hi = prefix_last(&lo);
        if (expect(p, lx, TK_SEMI, "';'", "range6") < 0)
            return -1;
        return add_range6(p, lx, c, line, &lo, &hi, kind, 128);
    }
    if (lx->tok.kind != TK_WORD)
        return fail(p, lx->file, line, "range6 %s needs an end address, a /LENGTH or 'temporary'", a);
    if (!memchr(lx->tok.text, ':', lx->tok.len) || addr_parse(lx->tok.text, lx->tok.len, &hi) < 0)
        return fail(p, lx->file, lx->tok.line, "bad IPv6 address \"%.60s\" in range6", lx->tok.text);
    addr_format(&hi, b, sizeof b);
    if (!addr_contains(&s->net, &hi))
        return fail(p, lx->file, line, "range6 end address %s is outside subnet6 %s", b, sn);
    if (expect(p, lx, TK_SEMI, "';'", "range6") < 0)
        return -1;
    return add_range6(p, lx, c, line, &lo, &hi, ISC_IA_NA, 128);
}

/* prefix6 LOW HIGH /LEN: the prefixes of length LEN from the one at LOW to
 * the one at HIGH. dhcpd does not require them inside the subnet6. */
static int parse_prefix6(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    char a[ADDR_PREFIX_TEXT_MAX], b[ADDR_PREFIX_TEXT_MAX];
    addr_t lo, hi, last;
    int len;

    if (check_in_subnet6(p, lx, c, "prefix6", line) < 0)
        return -1;
    if (read_addr6(p, lx, "prefix6", &lo, &len) < 0)
        return -1;
    addr_format(&lo, a, sizeof a);
    if (len >= 0)
        return fail(p, lx->file, line, "prefix6 %s/%d needs an end address before the length", a, len);
    if (read_addr6(p, lx, "prefix6", &hi, &len) < 0)
        return -1;
    addr_format(&hi, b, sizeof b);
    if (len < 0)
        return fail(p, lx->file, line, "expected '/LENGTH' after prefix6 %s %s", a, b);
    if (len < 1 || len > 127)
        return fail(p, lx->file, line, "prefix6 %s %s /%d: the delegated length must be from 1 to 127", a, b, len);
    lo.prefix = hi.prefix = (uint8_t)len;
    if (addr_has_host_bits(&lo))
        return fail(p, lx->file, line, "prefix6 %s %s /%d: %s is not the start of a /%d prefix", a, b, len, a, len);
    if (addr_has_host_bits(&hi))
        return fail(p, lx->file, line, "prefix6 %s %s /%d: %s is not the start of a /%d prefix", a, b, len, b, len);
    if (expect(p, lx, TK_SEMI, "';'", "prefix6") < 0)
        return -1;
    if (addr_cmp(&lo, &hi) > 0) {
        addr_t t = lo;
        lo = hi;
        hi = t;
    }
    last = prefix_last(&hi);
    return add_range6(p, lx, c, line, &lo, &last, ISC_IA_PD, (unsigned)len);
}

static int parse_pool6(parser_t *p, lexer_t *lx, ctx_t *c)
{
    unsigned long line = lx->tok.line;
    ctx_t child;

    if (expect(p, lx, TK_LBRACE, "'{'", "pool6") < 0)
        return -1;
    if (c->in_pool || c->in_pool6)
        return fail(p, lx->file, line, "pool6 is declared inside another pool");
    if (check_in_subnet6(p, lx, c, "pool6", line) < 0)
        return -1;
    child = *c;
    child.in_pool6 = 1;
    return parse_body(p, lx, &child, line);
}

static int add_fixed6(parser_t *p, const lexer_t *lx, unsigned long line, const addr_t *a)
{
    isc_conf_t *conf = p->conf;
    void *nv = vec_grow(conf->fixed6, &conf->fixed6_cap, conf->nfixed6 + 1, sizeof *conf->fixed6);

    if (!nv)
        return fail(p, lx->file, line, "out of memory");
    conf->fixed6 = nv;
    conf->fixed6[conf->nfixed6++].addr = *a;
    return 0;
}

/* fixed-address6 LIST; Only a host with exactly one address is kept out of
 * the pools: dhcpd skips a list (mark_hosts_unavailable wants 16 bytes), and
 * a name is resolved at run time. */
static int parse_fixed_address6(parser_t *p, lexer_t *lx)
{
    unsigned long line = lx->tok.line;
    char first[TOKEN_MAX + 1] = "";
    size_t words = 0;
    addr_t a;

    for (;;) {
        if (lex_next(p, lx) < 0)
            return -1;
        if (lx->tok.kind == TK_SEMI)
            break;
        if (lx->tok.kind != TK_WORD && lx->tok.kind != TK_STRING)
            return fail(p, lx->file, lx->tok.line, "expected ';' after fixed-address6");
        if (words++ == 0)
            memcpy(first, lx->tok.text, lx->tok.len + 1);
    }
    if (words != 1 || strchr(first, ',') || !strchr(first, ':'))
        return 0;
    if (addr_parse(first, strlen(first), &a) < 0)
        return fail(p, lx->file, line, "bad IPv6 address \"%.60s\" in fixed-address6", first);
    return add_fixed6(p, lx, line, &a);
}

static int parse_fixed_prefix6(parser_t *p, lexer_t *lx)
{
    unsigned long line = lx->tok.line;
    char text[ADDR_PREFIX_TEXT_MAX];
    addr_t a;
    int len;

    if (read_addr6(p, lx, "fixed-prefix6", &a, &len) < 0)
        return -1;
    addr_format(&a, text, sizeof text);
    if (len < 0)
        return fail(p, lx->file, line, "expected '/LENGTH' after fixed-prefix6 %s", text);
    if (expect(p, lx, TK_SEMI, "';'", "fixed-prefix6") < 0)
        return -1;
    a.prefix = (uint8_t)len;
    return add_fixed6(p, lx, line, &a);
}

/* host NAME { ... }: only fixed-address6 and fixed-prefix6 matter here. */
static int parse_host(parser_t *p, lexer_t *lx)
{
    unsigned long line = lx->tok.line;

    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_WORD && lx->tok.kind != TK_STRING) {
        lx->ungot = 1;
        return skip_statement(p, lx);
    }
    if (lex_next(p, lx) < 0)
        return -1;
    if (lx->tok.kind != TK_LBRACE) {
        lx->ungot = 1;
        return skip_statement(p, lx);
    }
    for (;;) {
        int rc = 0;

        if (lex_next(p, lx) < 0)
            return -1;
        switch (lx->tok.kind) {
        case TK_RBRACE:
            return 0;
        case TK_EOF:
            return fail(p, lx->file, lx->tok.line,
                        "end of file inside the block opened on line %lu (missing '}')", line);
        case TK_SEMI:
            break;
        case TK_LBRACE:
            rc = skip_block(p, lx, lx->tok.line);
            break;
        default:
            if (tok_is(lx, "fixed-address6"))
                rc = parse_fixed_address6(p, lx);
            else if (tok_is(lx, "fixed-prefix6"))
                rc = parse_fixed_prefix6(p, lx);
            else
                rc = skip_statement(p, lx);
            break;
        }
        if (rc < 0)
            return -1;
    }
}

static int parse_statements(parser_t *p, lexer_t *lx, ctx_t *c, int in_block, unsigned long open_line)
{
    for (;;) {
        int rc;

        if (lex_next(p, lx) < 0)
            return -1;
        switch (lx->tok.kind) {
        case TK_EOF:
            if (in_block)
                return fail(p, lx->file, lx->tok.line,
                            "end of file inside the block opened on line %lu (missing '}')", open_line);
            return 0;
        case TK_RBRACE:
            if (in_block)
                return 0;
            return fail(p, lx->file, lx->tok.line, "unexpected '}' (unbalanced braces)");
        case TK_SEMI:
            continue;
        case TK_LBRACE:
            return fail(p, lx->file, lx->tok.line, "unexpected '{' at the start of a statement");
        case TK_STRING:
            rc = skip_statement(p, lx);
            break;
        case TK_WORD:
            if (tok_is(lx, "subnet"))
                rc = parse_subnet(p, lx, c);
            else if (tok_is(lx, "subnet6"))
                rc = parse_subnet6(p, lx, c);
            else if (tok_is(lx, "range6"))
                rc = parse_range6(p, lx, c);
            else if (tok_is(lx, "prefix6"))
                rc = parse_prefix6(p, lx, c);
            else if (tok_is(lx, "pool6"))
                rc = parse_pool6(p, lx, c);
            else if (tok_is(lx, "host"))
                rc = parse_host(p, lx);
            else if (tok_is(lx, "shared-network"))
                rc = parse_shared(p, lx, c);
            else if (tok_is(lx, "group"))
                rc = parse_group(p, lx, c);
            else if (tok_is(lx, "pool"))
                rc = parse_pool(p, lx, c);
            else if (tok_is(lx, "range"))
                rc = parse_range(p, lx, c);
            else if (tok_is(lx, "failover"))
                rc = parse_failover(p, lx, c);
            else if (tok_is(lx, "pid-file-name"))
                rc = parse_pid_file(p, lx, p->conf->pid_file, sizeof p->conf->pid_file, "pid-file-name");
            else if (tok_is(lx, "dhcpv6-pid-file-name"))
                rc = parse_pid_file(p, lx, p->conf->pid_file6, sizeof p->conf->pid_file6, "dhcpv6-pid-file-name");
            else if (tok_is(lx, "include"))
                rc = parse_include(p, lx, c);
            else
                rc = skip_statement(p, lx);
            break;
        default:
            rc = skip_statement(p, lx);
            break;
        }
        if (rc < 0)
            return -1;
    }
}

int isc_conf_parse(isc_conf_t *conf, const char *file, const char *data, size_t len,
                   isc_include_fn include, void *ctx, char *err, size_t errlen)
{
    parser_t p;
    lexer_t *lx;
    ctx_t top;
    int rc;

    if (errlen)
        err[0] = '\0';
    memset(&p, 0, sizeof p);
    p.conf = conf;
    p.include = include;
    p.ctx = ctx;
    p.err = err;
    p.errlen = errlen;
    p.files[p.nfiles++] = file;
    lx = calloc(1, sizeof *lx);
    if (!lx) {
        if (errlen)
            snprintf(err, errlen, "%s: out of memory", file);
        return -1;
    }
    lx->file = file;
    lx->p = data ? data : "";
    lx->end = lx->p + (data ? len : 0);
    lx->line = 1;
    memset(&top, 0, sizeof top);
    top.subnet = -1;
    top.subnet6 = -1;
    top.pool_peer = ISC_NO_PEER;
    rc = parse_statements(&p, lx, &top, 0, 0);
    free(lx);
    free(p.pending);
    return rc;
}

void isc_conf_free(isc_conf_t *conf)
{
    free(conf->subnets);
    free(conf->ranges);
    free(conf->peers);
    free(conf->subnets6);
    free(conf->ranges6);
    free(conf->fixed6);
    memset(conf, 0, sizeof *conf);
}
