/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "isc_leases.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "isc_conf.h"
#include "isc_table6.h"
#include "text.h"
#include "vec.h"

/* The longest statement carried from one chunk to the next. Real statements
 * are under a few hundred bytes; the cap keeps hostile input bounded. */
#define CARRY_MAX 65536
/* 5 bytes per tracked address: 2^26 addresses is 320 MiB, far beyond any
 * real set of dhcpd pools. */
#define ADDRS_MAX ((size_t)1 << 26)
#define PEERS_MAX 4096

/* Stored end times (plugin/isc/isc_table6.h): 32 bits of seconds. */
#define ENDS_NONE ISC_ENDS_NONE
#define ENDS_NEVER ISC_ENDS_NEVER
#define ENDS_LAST ISC_ENDS_LAST

/* The DHCPv6 steps stay out of line, and the two small steps both families
 * call are inlined everywhere: the IPv4 path compiles as it did before the
 * DHCPv6 steps existed, and a DHCPv4 file costs what it did (callgrind: the
 * same instructions within 0.2%). */
#if defined(__GNUC__)
#define V6_STEP __attribute__((noinline))
#define SHARED_STEP __attribute__((always_inline)) inline
#else
#define V6_STEP
#define SHARED_STEP inline
#endif

enum lex_state { LX_NORMAL, LX_STRING, LX_ESC, LX_COMMENT };
enum block { BLK_NONE, BLK_LEASE, BLK_FOSTATE, BLK_IA, BLK_SKIP };
enum tok_kind { T_END, T_WORD, T_STRING };

typedef struct pending6 {
    uint8_t addr[16];
    uint8_t plen, state;
    uint32_t ends;
} pending6_t;

struct isc_leases {
    char name[256];
    isc_span_t *spans;
    size_t *base;                    /* index of each span's first address */
    size_t nspans, hint;
    uint8_t *state;
    uint32_t *ends;
    size_t naddr;
    isc_leases_peer_t *peers;
    size_t npeers, peers_cap;

    enum lex_state lex;
    /* Lines are counted only when an error needs one: line is the number of
     * the chunk's first line, carry_line that of the carried statement's. */
    unsigned long line, carry_line;
    const char *chunk, *term;        /* the chunk being fed, the terminator being handled */
    char *carry;
    size_t carry_len;
    int carrying, carry_over, text_in_carry;

    enum block blk;
    size_t depth;
    size_t cur;                      /* index of the lease being read, SIZE_MAX untracked */
    uint8_t cur_state;
    int cur_has_state, cur_abandoned;
    uint32_t cur_ends;
    isc_leases_peer_t fo;

    /* dhcpd -6 (isc_leases_new6): the table, and the IA block being read.
     * Its iaaddr or iaprefix blocks wait in pending until the IA's '}', so
     * that an unfinished last IA counts for nothing. */
    int v6;
    isc_table6_t *table;
    uint8_t ia_kind;
    uint32_t ia_hash;
    int in_sub;
    uint8_t sub_addr[16];
    uint8_t sub_plen;
    pending6_t *pending;
    size_t npending, pending_cap;
    unsigned long other_line;        /* the first block of the other family */

    int failed;
    char err[384];
};

typedef struct cursor {
    const char *p, *end;
} cursor_t;

typedef struct tok {
    enum tok_kind kind;
    const char *s;
    size_t len;
} tok_t;

static const char *const binding_names[] = {
    NULL, "free", "active", "expired", "released", "abandoned", "reset", "backup"
};

static int fail(isc_leases_t *p, unsigned long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(isc_leases_t *p, unsigned long line, const char *fmt, ...)
{
    va_list ap;

    p->failed = 1;
    va_start(ap, fmt);
    text_at(p->err, sizeof p->err, p->name, line, fmt, ap);
    va_end(ap);
    return -1;
}

static size_t count_nl(const char *s, const char *end)
{
    size_t n = 0;

#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n');

    while (end - s >= 64) {
        /* Byte-wise counters (cmpeq gives -1 per match) that cannot wrap in
         * 63 rounds of 4, summed with psadbw. */
        __m128i acc = _mm_setzero_si128();
        int i;

        for (i = 0; i < 63 && end - s >= 64; i++, s += 64) {
            __m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)s), nl);
            __m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 16)), nl);
            __m128i c = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 32)), nl);
            __m128i d = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 48)), nl);
            acc = _mm_sub_epi8(acc, _mm_add_epi8(_mm_add_epi8(a, b), _mm_add_epi8(c, d)));
        }
        acc = _mm_sad_epu8(acc, _mm_setzero_si128());
        n += (size_t)_mm_cvtsi128_si32(acc) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
    }
#endif
    for (; s < end; s++)
        n += *s == '\n';
    return n;
}

/* The line of a byte of the statement being handled: at points into its
 * text, or is NULL for its terminator. */
static unsigned long line_of(const isc_leases_t *p, const char *at)
{
    if (!at)
        return p->line + (unsigned long)count_nl(p->chunk, p->term);
    if (p->text_in_carry)
        return p->carry_line + (unsigned long)count_nl(p->carry, at);
    return p->line + (unsigned long)count_nl(p->chunk, at);
}

/* A token made printable for a message. */
static const char *show(const tok_t *t, char *buf, size_t buflen)
{
    return t->kind == T_END ? "end of statement" : text_show(buf, buflen, t->s, t->len);
}

/* Byte classes for the tokeniser, by table: these tests run per byte. */
#define CL_BLANK 1                   /* space, tab, CR, LF, FF, VT */
#define CL_WORD_END 2                /* blank, '#' or '"' */
#define CL_ALPHA 4
#define CL_DULL 8                    /* a letter no lease statement we read starts with */
#define CL_STOP 16                   /* where the scanner stops: ; { } " # */
#define LETTER(c) [c] = CL_ALPHA | CL_DULL
#define BLANK (CL_BLANK | CL_WORD_END)
#define STARTS_TEXT (CL_WORD_END | CL_STOP)   /* '#' and '"': a word ends, the scanner stops */
static const unsigned char byte_class[256] = {
    [' '] = BLANK, ['\t'] = BLANK, ['\r'] = BLANK, ['\n'] = BLANK, ['\f'] = BLANK, ['\v'] = BLANK,
    ['#'] = STARTS_TEXT, ['"'] = STARTS_TEXT,
    [';'] = CL_STOP, ['{'] = CL_STOP, ['}'] = CL_STOP,
    ['a'] = CL_ALPHA, ['b'] = CL_ALPHA, LETTER('c'), LETTER('d'), ['e'] = CL_ALPHA, LETTER('f'),
    LETTER('g'), LETTER('h'), LETTER('i'), LETTER('j'), LETTER('k'), LETTER('l'), LETTER('m'),
    LETTER('n'), LETTER('o'), LETTER('p'), LETTER('q'), LETTER('r'), LETTER('s'), LETTER('t'),
    LETTER('u'), LETTER('v'), LETTER('w'), LETTER('x'), LETTER('y'), LETTER('z'),
    LETTER('A'), LETTER('B'), LETTER('C'), LETTER('D'), LETTER('E'), LETTER('F'), LETTER('G'),
    LETTER('H'), LETTER('I'), LETTER('J'), LETTER('K'), LETTER('L'), LETTER('M'), LETTER('N'),
    LETTER('O'), LETTER('P'), LETTER('Q'), LETTER('R'), LETTER('S'), LETTER('T'), LETTER('U'),
    LETTER('V'), LETTER('W'), LETTER('X'), LETTER('Y'), LETTER('Z'),
};
#undef LETTER
#undef BLANK
#undef STARTS_TEXT

static int is_alpha(unsigned char c)
{
    return byte_class[c] & CL_ALPHA;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Whether the run of backslashes just before q (not reaching before from)
 * is odd, i.e. whether the byte at q is escaped. */
static int escaped(const char *from, const char *q)
{
    size_t n = 0;

    while (q > from && q[-1] == '\\') {
        q--;
        n++;
    }
    return (int)(n & 1);
}

/* Tokens of one statement's text. The scanner has already cut the text at a
 * terminator outside strings and comments, so only words, strings, blanks and
 * comments remain. */
static void next_tok(cursor_t *c, tok_t *t)
{
    while (c->p < c->end) {
        unsigned char ch = (unsigned char)*c->p;

        if (byte_class[ch] & CL_BLANK) {
            c->p++;
        } else if (ch == '#') {
            const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
            c->p = nl ? nl : c->end;
        } else {
            break;
        }
    }
    if (c->p >= c->end) {
        t->kind = T_END;
        t->s = c->end;
        t->len = 0;
        return;
    }
    if (*c->p == '"') {
        /* Keys of DHCPv6 IAs run to 60 bytes and more: quotes are found
         * with memchr, and a quote counts when the backslashes before it
         * are even. */
        const char *quote;

        t->kind = T_STRING;
        t->s = ++c->p;
        for (;;) {
            quote = memchr(c->p, '"', (size_t)(c->end - c->p));
            if (!quote) {
                c->p = c->end;
                break;
            }
            c->p = quote + 1;
            if (!escaped(t->s, quote)) {
                c->p = quote;
                break;
            }
        }
        t->len = (size_t)(c->p - t->s);
        if (c->p < c->end)
            c->p++;
        return;
    }
    t->kind = T_WORD;
    t->s = c->p;
    while (c->p < c->end && !(byte_class[(unsigned char)*c->p] & CL_WORD_END))
        c->p++;
    t->len = (size_t)(c->p - t->s);
}

static int tok_eq(const tok_t *t, const char *word, size_t n)
{
    return t->kind == T_WORD && t->len == n && memcmp(t->s, word, n) == 0;
}

/* With a literal, so that the compare is inlined: this runs per lease. */
#define tok_is(t, lit) tok_eq((t), lit, sizeof lit - 1)

/* Copies a string token, undoing \" and \\ escapes, truncating. */
static void tok_copy(const tok_t *t, char *dst, size_t dstlen)
{
    size_t i, n = 0;

    for (i = 0; i < t->len && n + 1 < dstlen; i++) {
        char ch = t->s[i];
        if (ch == '\\' && t->kind == T_STRING && i + 1 < t->len && (t->s[i + 1] == '"' || t->s[i + 1] == '\\'))
            ch = t->s[++i];
        dst[n++] = ch;
    }
    dst[n] = '\0';
}

/* The span holding a, or SIZE_MAX. */
static size_t span_find(const isc_leases_t *p, uint32_t a)
{
    size_t lo = 0, hi = p->nspans;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (a < p->spans[mid].low)
            hi = mid;
        else if (a > p->spans[mid].high)
            lo = mid + 1;
        else
            return mid;
    }
    return SIZE_MAX;
}

/* Index of a in the state arrays, or SIZE_MAX. Leases come grouped by pool,
 * so the last span found is usually the next one's too. */
static size_t span_index(isc_leases_t *p, uint32_t a)
{
    size_t h = p->hint;

    if (h >= p->nspans || a < p->spans[h].low || a > p->spans[h].high) {
        h = span_find(p, a);
        if (h == SIZE_MAX)
            return SIZE_MAX;
        p->hint = h;
    }
    return p->base[h] + (a - p->spans[h].low);
}

/* Parses an unsigned decimal of exactly len digits, with a bound. */
static int parse_uint(const char *s, size_t len, int64_t max, int64_t *out)
{
    int64_t v = 0;
    size_t i;

    if (len == 0 || len > 18)
        return -1;
    for (i = 0; i < len; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
 * algorithm), so that UTC times need neither timegm nor the TZ variable. */
static SHARED_STEP int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "YYYY/MM/DD" and "HH:MM:SS" as dhcpd writes them, in UTC. */
static int parse_date(const tok_t *date, const tok_t *time, int64_t *out)
{
    const char *d = date->s, *t = time->s;
    int64_t y, mo, da, h, mi, se;

    if (date->kind != T_WORD || time->kind != T_WORD || date->len < 8 || time->len != 8)
        return -1;
    {
        const char *s1 = memchr(d, '/', date->len);
        const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(d + date->len - s1 - 1)) : NULL;

        if (!s1 || !s2)
            return -1;
        if (parse_uint(d, (size_t)(s1 - d), 9999, &y) < 0
            || parse_uint(s1 + 1, (size_t)(s2 - s1 - 1), 12, &mo) < 0
            || parse_uint(s2 + 1, (size_t)(d + date->len - s2 - 1), 31, &da) < 0 || mo < 1 || da < 1)
            return -1;
    }
    if (t[2] != ':' || t[5] != ':' || parse_uint(t, 2, 23, &h) < 0 || parse_uint(t + 3, 2, 59, &mi) < 0
        || parse_uint(t + 6, 2, 60, &se) < 0)
        return -1;
    *out = days_from_civil(y, mo, da) * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

static uint32_t ends_encode(int64_t t)
{
    if (t <= 0)
        return 1;
    if (t >= (int64_t)ENDS_LAST)
        return ENDS_LAST;
    return (uint32_t)t;
}

static int parse_ends(isc_leases_t *p, cursor_t *c)
{
    tok_t t2, t3, t4;
    char buf[48];
    int64_t v;

    next_tok(c, &t2);
    if (tok_is(&t2, "never")) {
        p->cur_ends = ENDS_NEVER;
        return 0;
    }
    next_tok(c, &t3);
    if (tok_is(&t2, "epoch")) {
        if (t3.kind != T_WORD || parse_uint(t3.s, t3.len, INT64_MAX / 16, &v) < 0)
            return fail(p, line_of(p, t3.s), "bad epoch time \"%s\" in ends", show(&t3, buf, sizeof buf));
        p->cur_ends = ends_encode(v);
        return 0;
    }
    next_tok(c, &t4);
    if (t2.kind != T_WORD || t2.len != 1 || t2.s[0] < '0' || t2.s[0] > '6' || parse_date(&t3, &t4, &v) < 0)
        return fail(p, line_of(p, t2.s), "bad time in ends (expected \"W YYYY/MM/DD HH:MM:SS\", \"epoch N\" or \"never\")");
    p->cur_ends = ends_encode(v);
    return 0;
}

static int lease_statement(isc_leases_t *p, cursor_t *c, const tok_t *t1)
{
    tok_t t2, t3;
    char buf[48];
    size_t i;

    if (tok_is(t1, "binding")) {
        next_tok(c, &t2);
        next_tok(c, &t3);
        if (!tok_is(&t2, "state") || t3.kind != T_WORD)
            return fail(p, line_of(p, t1->s), "expected \"binding state STATE\"");
        for (i = 1; i < sizeof binding_names / sizeof binding_names[0]; i++) {
            if (tok_eq(&t3, binding_names[i], strlen(binding_names[i]))) {
                p->cur_state = (uint8_t)i;
                p->cur_has_state = 1;
                return 0;
            }
        }
        return fail(p, line_of(p, t3.s), "unknown binding state \"%s\"", show(&t3, buf, sizeof buf));
    }
    if (tok_is(t1, "ends"))
        return parse_ends(p, c);
    if (tok_is(t1, "abandoned"))
        p->cur_abandoned = 1;
    return 0;
}

static void fostate_statement(isc_leases_t *p, cursor_t *c, const tok_t *t1)
{
    tok_t t2, t3;
    char *dst;

    if (tok_is(t1, "my"))
        dst = p->fo.my_state;
    else if (tok_is(t1, "partner"))
        dst = p->fo.partner_state;
    else
        return;
    next_tok(c, &t2);
    next_tok(c, &t3);
    if (tok_is(&t2, "state") && t3.kind == T_WORD)
        tok_copy(&t3, dst, ISC_STATE_MAX);
}

/* After a statement of an iaaddr or iaprefix block: dhcpd -6 knows five of
 * the binding states and calls a file with another one corrupt. */
V6_STEP static int check_sub_state(isc_leases_t *p, const tok_t *t1)
{
    if (tok_is(t1, "binding") && (p->cur_state == ISC_LEASE_RESET || p->cur_state == ISC_LEASE_BACKUP))
        return fail(p, line_of(p, t1->s), "binding state %s is not one a DHCPv6 lease has",
                    binding_names[p->cur_state]);
    return 0;
}

/* A statement ended by ';' (or the text before a '}'). */
static int semi_statement(isc_leases_t *p, cursor_t *c, const tok_t *t1)
{
    char buf[48];

    if (p->depth > 1 && !(p->blk == BLK_IA && p->depth == 2))
        return 0;
    if (t1->kind == T_END)
        return 0;
    if (t1->kind != T_WORD || !is_alpha((unsigned char)t1->s[0]))
        return fail(p, line_of(p, t1->s), "unexpected \"%s\"", show(t1, buf, sizeof buf));
    /* One call for both families' leases keeps lease_statement inlined. */
    if (p->blk == BLK_LEASE || (p->blk == BLK_IA && p->depth == 2)) {
        if (lease_statement(p, c, t1) < 0)
            return -1;
        return p->blk == BLK_IA ? check_sub_state(p, t1) : 0;
    }
    if (p->blk == BLK_FOSTATE)
        fostate_statement(p, c, t1);
    return 0;
}

/* "ia-na", "ia-ta" or "ia-pd": 0 with the kind, else -1. */
static int ia_word(const tok_t *t, uint8_t *kind)
{
    if (t->kind != T_WORD || t->len != 5 || memcmp(t->s, "ia-", 3) != 0)
        return -1;
    if (t->s[3] == 'n' && t->s[4] == 'a')
        *kind = ISC_IA_NA;
    else if (t->s[3] == 't' && t->s[4] == 'a')
        *kind = ISC_IA_TA;
    else if (t->s[3] == 'p' && t->s[4] == 'd')
        *kind = ISC_IA_PD;
    else
        return -1;
    return 0;
}

V6_STEP static void note_other(isc_leases_t *p, const tok_t *t1)
{
    if (!p->other_line)
        p->other_line = line_of(p, t1->s);
}

/* A hash of an IA's key as written, a word at a time (keys run to 60 bytes
 * and more, one per block): dhcpd writes one key the same way each time, so
 * equal text is the same IA. */
static uint32_t key_hash(const tok_t *t)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ t->len, w;
    size_t i = 0;

    for (; i + 8 <= t->len; i += 8) {
        memcpy(&w, t->s + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 29;
    }
    if (i < t->len) {
        w = 0;
        memcpy(&w, t->s + i, t->len - i);
        h = (h ^ w) * 0x94D049BB133111EBu;
    }
    h ^= h >> 32;
    return (uint32_t)h;
}

static const char *const ia_names[] = { "ia-na", "ia-ta", "ia-pd" };

V6_STEP static int open_ia(isc_leases_t *p, cursor_t *c, const tok_t *t1, uint8_t kind)
{
    tok_t t2, t3;
    char buf[48];

    next_tok(c, &t2);
    if (t2.kind == T_END)
        return fail(p, line_of(p, t1->s), "expected the IA's key after %s", ia_names[kind]);
    next_tok(c, &t3);
    if (t3.kind != T_END)
        return fail(p, line_of(p, t3.s), "unexpected \"%s\" after the %s key", show(&t3, buf, sizeof buf),
                    ia_names[kind]);
    p->blk = BLK_IA;
    p->ia_kind = kind;
    p->ia_hash = key_hash(&t2);
    p->in_sub = 0;
    p->npending = 0;
    return 0;
}

/* iaaddr ADDRESS { (in ia-na and ia-ta) or iaprefix PREFIX/LENGTH { (in ia-pd). */
V6_STEP static int open_sub(isc_leases_t *p, cursor_t *c, const tok_t *t1)
{
    const char *want = p->ia_kind == ISC_IA_PD ? "iaprefix" : "iaaddr";
    tok_t t2, t3;
    char buf[64];
    addr_t a;

    if (!tok_eq(t1, want, strlen(want))) {
        if (tok_is(t1, "iaaddr") || tok_is(t1, "iaprefix"))
            return fail(p, line_of(p, t1->s), "%s inside an %s block (it holds %s blocks)",
                        show(t1, buf, sizeof buf), ia_names[p->ia_kind], want);
        if (t1->kind == T_END)
            return fail(p, line_of(p, NULL), "unexpected '{' inside an %s block", ia_names[p->ia_kind]);
        return fail(p, line_of(p, t1->s), "unexpected \"%s\" block inside an %s block (a '}' may be missing)",
                    show(t1, buf, sizeof buf), ia_names[p->ia_kind]);
    }
    next_tok(c, &t2);
    if (t2.kind == T_END)
        return fail(p, line_of(p, NULL), "expected an address after %s", want);
    if (t2.kind != T_WORD || isc_addr6_parse(t2.s, t2.len, &a) < 0
        || (p->ia_kind == ISC_IA_PD) != (memchr(t2.s, '/', t2.len) != NULL))
        return fail(p, line_of(p, t2.s), "bad IPv6 %s \"%s\" in %s", p->ia_kind == ISC_IA_PD ? "prefix" : "address",
                    show(&t2, buf, sizeof buf), want);
    if (p->ia_kind == ISC_IA_PD && addr_has_host_bits(&a))
        return fail(p, line_of(p, t2.s), "%s %s has host bits set", want, show(&t2, buf, sizeof buf));
    next_tok(c, &t3);
    if (t3.kind != T_END)
        return fail(p, line_of(p, t3.s), "unexpected \"%s\" after the %s address", show(&t3, buf, sizeof buf), want);
    memcpy(p->sub_addr, a.bytes, 16);
    p->sub_plen = a.prefix;
    /* The lease is stored when its IA ends, some hundred bytes on: by then
     * the table's slot for it is in the cache. */
    isc_table6_prefetch(p->table, (enum isc_ia)p->ia_kind, a.bytes);
    p->in_sub = 1;
    p->depth = 2;
    p->cur_state = ISC_LEASE_NONE;
    p->cur_has_state = 0;
    p->cur_ends = ENDS_NONE;
    return 0;
}

/* The end of an iaaddr or iaprefix: dhcpd wants both a state and an end. */
V6_STEP static int close_sub(isc_leases_t *p)
{
    pending6_t *pd;
    addr_t a;
    char text[ADDR_PREFIX_TEXT_MAX];
    const char *what = p->ia_kind == ISC_IA_PD ? "iaprefix" : "iaaddr";

    p->in_sub = 0;
    if (!p->cur_has_state || p->cur_ends == ENDS_NONE) {
        memset(&a, 0, sizeof a);
        a.family = ADDR_V6;
        a.prefix = p->sub_plen;
        memcpy(a.bytes, p->sub_addr, 16);
        if (p->ia_kind == ISC_IA_PD)
            addr_format_prefix(&a, text, sizeof text);
        else
            addr_format(&a, text, sizeof text);
        return fail(p, line_of(p, NULL), "%s %s has no %s (dhcpd calls such a file corrupt)", what, text,
                    p->cur_has_state ? "ends" : "binding state");
    }
    pd = vec_grow(p->pending, &p->pending_cap, p->npending + 1, sizeof *pd);
    if (!pd)
        return fail(p, line_of(p, NULL), "out of memory");
    p->pending = pd;
    pd = &p->pending[p->npending++];
    memcpy(pd->addr, p->sub_addr, 16);
    pd->plen = p->sub_plen;
    pd->state = p->cur_state;
    pd->ends = p->cur_ends;
    return 0;
}

V6_STEP static int commit_ia(isc_leases_t *p)
{
    for (size_t i = 0; i < p->npending; i++) {
        const pending6_t *pd = &p->pending[i];

        if (isc_table6_apply(p->table, (enum isc_ia)p->ia_kind, pd->addr, pd->plen, (enum isc_binding)pd->state,
                             pd->ends, p->ia_hash) < 0) {
            if (isc_table6_size(p->table) >= ISC_TABLE6_MAX)
                return fail(p, line_of(p, NULL), "more than %lu DHCPv6 leases inside the pools",
                            (unsigned long)ISC_TABLE6_MAX);
            return fail(p, line_of(p, NULL), "out of memory");
        }
    }
    p->npending = 0;
    return 0;
}

static int open_block(isc_leases_t *p, cursor_t *c, const tok_t *t1)
{
    tok_t t2, t3, t4;
    char buf[48];
    uint32_t addr;

    if (p->depth > 0) {
        uint8_t k;

        /* A lease inside a block means a '}' went missing: counting on would
         * swallow the rest of the file silently. */
        if (tok_is(t1, "lease"))
            return fail(p, line_of(p, t1->s), "lease declared inside another block (a '}' is missing before it)");
        if (p->blk == BLK_IA) {
            if (p->depth == 1)
                return open_sub(p, c, t1);
            if (ia_word(t1, &k) == 0 || tok_is(t1, "iaaddr") || tok_is(t1, "iaprefix"))
                return fail(p, line_of(p, t1->s), "%s declared inside another block (a '}' is missing before it)",
                            show(t1, buf, sizeof buf));
        }
        p->depth++;
        return 0;
    }
    if (t1->kind == T_END)
        return fail(p, line_of(p, NULL), "unexpected '{'");
    if (t1->kind != T_WORD || !is_alpha((unsigned char)t1->s[0]))
        return fail(p, line_of(p, t1->s), "unexpected \"%s\"", show(t1, buf, sizeof buf));
    p->depth = 1;
    if (tok_is(t1, "lease") && !p->v6) {
        next_tok(c, &t2);
        if (t2.kind == T_END)
            return fail(p, line_of(p, NULL), "expected an address after lease");
        if (t2.kind != T_WORD || isc_addr_parse(t2.s, t2.len, &addr) < 0)
            return fail(p, line_of(p, t2.s), "bad address \"%s\" in lease", show(&t2, buf, sizeof buf));
        next_tok(c, &t3);
        if (t3.kind != T_END)
            return fail(p, line_of(p, t3.s), "unexpected \"%s\" after the lease address", show(&t3, buf, sizeof buf));
        p->blk = BLK_LEASE;
        p->cur = span_index(p, addr);
        p->cur_state = ISC_LEASE_NONE;
        p->cur_has_state = 0;
        p->cur_abandoned = 0;
        p->cur_ends = ENDS_NONE;
        return 0;
    }
    {
        uint8_t kind;

        if (ia_word(t1, &kind) == 0) {
            if (p->v6)
                return open_ia(p, c, t1, kind);
            note_other(p, t1);
        } else if (p->v6 && tok_is(t1, "lease")) {
            note_other(p, t1);
        }
    }
    if (tok_is(t1, "failover")) {
        next_tok(c, &t2);
        next_tok(c, &t3);
        next_tok(c, &t4);
        if (tok_is(&t2, "peer") && (t3.kind == T_STRING || t3.kind == T_WORD) && tok_is(&t4, "state")) {
            p->blk = BLK_FOSTATE;
            memset(&p->fo, 0, sizeof p->fo);
            tok_copy(&t3, p->fo.name, sizeof p->fo.name);
            return 0;
        }
    }
    p->blk = BLK_SKIP;
    return 0;
}

static int commit_peer(isc_leases_t *p)
{
    isc_leases_peer_t *nv;
    size_t i;

    for (i = 0; i < p->npeers; i++) {
        if (strcmp(p->peers[i].name, p->fo.name) == 0) {
            p->peers[i] = p->fo;
            return 0;
        }
    }
    if (p->npeers >= PEERS_MAX)
        return fail(p, line_of(p, NULL), "more than %d failover peer state blocks", PEERS_MAX);
    nv = vec_grow(p->peers, &p->peers_cap, p->npeers + 1, sizeof *nv);
    if (!nv)
        return fail(p, line_of(p, NULL), "out of memory");
    p->peers = nv;
    p->peers[p->npeers++] = p->fo;
    return 0;
}

static int close_block(isc_leases_t *p)
{
    if (p->depth == 0)
        return fail(p, line_of(p, NULL), "unexpected '}' (unbalanced braces)");
    if (--p->depth > 0) {
        if (p->blk == BLK_IA && p->depth == 1 && p->in_sub)
            return close_sub(p);
        return 0;
    }
    if (p->blk == BLK_LEASE && p->cur != SIZE_MAX) {
        uint8_t st = p->cur_state;

        /* Without a binding state dhcpd decides by the end time: active while
         * it lasts, free without one. */
        if (!p->cur_has_state)
            st = p->cur_abandoned ? ISC_LEASE_ABANDONED : p->cur_ends != ENDS_NONE ? ISC_LEASE_ACTIVE : ISC_LEASE_FREE;
        p->state[p->cur] = st;
        p->ends[p->cur] = p->cur_ends;
    } else if (p->blk == BLK_FOSTATE) {
        if (commit_peer(p) < 0)
            return -1;
    } else if (p->blk == BLK_IA) {
        if (commit_ia(p) < 0)
            return -1;
    }
    p->blk = BLK_NONE;
    return 0;
}

/* Whether a lease statement cannot matter: most of them (starts, tstp, cltt,
 * hardware, uid, ...) start with a letter other than those of binding, ends
 * and abandoned, which is enough to know without tokenising. */
static SHARED_STEP int dull(const char *s, const char *e)
{
    if (e - s > 3 && s[0] == '\n' && s[1] == ' ' && s[2] == ' ')
        s += 3;                      /* dhcpd's own line start */
    while (s < e && (byte_class[(unsigned char)*s] & CL_BLANK))
        s++;
    return s < e && (byte_class[(unsigned char)*s] & CL_DULL);
}

/* The two digits at s as a number, or -1. */
static int two_digits(const char *s)
{
    return is_digit((unsigned char)s[0]) && is_digit((unsigned char)s[1]) ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* An iaaddr's binding state and end as dhcpd writes them, exactly
 * ("binding state active", "ends 4 2099/12/31 21:00:00", "ends never"), read
 * without tokens: a DHCPv6 file has one of each per lease. 1 when done; 0
 * leaves the statement to the general way, with its checks and messages. */
static int sub_fast(isc_leases_t *p, const char *s, size_t n)
{
    static const uint8_t v6_states[] = { ISC_LEASE_FREE, ISC_LEASE_ACTIVE, ISC_LEASE_EXPIRED, ISC_LEASE_RELEASED,
                                         ISC_LEASE_ABANDONED };
    const char *e = s + n;
    size_t len;

    while (s < e && (*s == '\n' || *s == ' '))
        s++;
    len = (size_t)(e - s);
    if (len > 14 && memcmp(s, "binding state ", 14) == 0) {
        for (size_t i = 0; i < sizeof v6_states; i++) {
            const char *name = binding_names[v6_states[i]];

            if (strlen(name) == len - 14 && memcmp(s + 14, name, len - 14) == 0) {
                p->cur_state = v6_states[i];
                p->cur_has_state = 1;
                return 1;
            }
        }
        return 0;
    }
    if (len == 10 && memcmp(s, "ends never", 10) == 0) {
        p->cur_ends = ENDS_NEVER;
        return 1;
    }
    if (len == 26 && memcmp(s, "ends ", 5) == 0 && s[5] >= '0' && s[5] <= '6' && s[6] == ' ' && s[11] == '/'
        && s[14] == '/' && s[17] == ' ' && s[20] == ':' && s[23] == ':') {
        int c = two_digits(s + 7), y = two_digits(s + 9), mo = two_digits(s + 12), d = two_digits(s + 15);
        int h = two_digits(s + 18), mi = two_digits(s + 21), se = two_digits(s + 24);

        if (c < 0 || y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59
            || se < 0 || se > 60)
            return 0;
        p->cur_ends = ends_encode(days_from_civil(c * 100 + y, mo, d) * 86400 + h * 3600 + mi * 60 + se);
        return 1;
    }
    return 0;
}

/* A statement of an IA block that needs no tokens: one that cannot matter,
 * or an iaaddr's state or end in dhcpd's own spelling. */
static int ia_skip(isc_leases_t *p, const char *s, size_t n)
{
    return dull(s, s + n) || (p->depth == 2 && sub_fast(p, s, n));
}

/* One statement's text s[0..n), ended by term (';', '{' or '}'). */
static int on_statement(isc_leases_t *p, const char *s, size_t n, char term)
{
    cursor_t c;
    tok_t t1;

    if (p->blk == BLK_SKIP) {
        if (term == '{')
            p->depth++;
        else if (term == '}' && --p->depth == 0)
            p->blk = BLK_NONE;
        return 0;
    }
    if (p->blk == BLK_LEASE && term == ';' && p->depth == 1 && dull(s, s + n))
        return 0;
    if (p->blk == BLK_IA && term == ';' && ia_skip(p, s, n))
        return 0;
    c.p = s;
    c.end = s + n;
    next_tok(&c, &t1);
    if (term == '{')
        return open_block(p, &c, &t1);
    if (semi_statement(p, &c, &t1) < 0)
        return -1;
    return term == '}' ? close_block(p) : 0;
}

static void carry_append(isc_leases_t *p, const char *s, size_t n)
{
    if (p->carry_over || n > CARRY_MAX - p->carry_len) {
        p->carry_over = 1;
        return;
    }
    memcpy(p->carry + p->carry_len, s, n);
    p->carry_len += n;
}

static int dispatch(isc_leases_t *p, const char *stmt, const char *pos, char term)
{
    const char *s = stmt;
    size_t n = (size_t)(pos - stmt);
    int rc;

    p->term = pos;
    p->text_in_carry = p->carrying;
    if (p->carrying) {
        carry_append(p, stmt, n);
        s = p->carry;
        n = p->carry_len;
    }
    if (p->carry_over || n > CARRY_MAX)
        return fail(p, line_of(p, NULL), "statement longer than %d bytes", CARRY_MAX);
    rc = on_statement(p, s, n, term);
    p->carrying = 0;
    p->carry_len = 0;
    return rc;
}

#if defined(__GNUC__)
#define ctz32(x) ((unsigned)__builtin_ctz(x))
#else
static unsigned ctz32(unsigned x)
{
    unsigned n = 0;
    while (!(x & 1u)) {
        x >>= 1;
        n++;
    }
    return n;
}
#endif

/* The next ';', '{', '}', '"' or '#' at or after pos, or end. This loop is
 * where the time goes. */
static const char *scan(const char *pos, const char *end)
{
#ifdef __SSE2__
    const __m128i semi = _mm_set1_epi8(';'), lbr = _mm_set1_epi8('{'), rbr = _mm_set1_epi8('}');
    const __m128i quote = _mm_set1_epi8('"'), hash = _mm_set1_epi8('#');

    while (end - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)pos);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, semi), _mm_cmpeq_epi8(v, lbr)),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, rbr), _mm_cmpeq_epi8(v, quote)),
                                              _mm_cmpeq_epi8(v, hash)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);

        if (mask)
            return pos + ctz32(mask);
        pos += 16;
    }
#endif
    while (pos < end && !(byte_class[(unsigned char)*pos] & CL_STOP))
        pos++;
    return pos;
}

/* Inside a string: finds its closing quote. An escape cut by the chunk's
 * end is finished by the next chunk's first byte (LX_ESC). */
static const char *skip_string(isc_leases_t *p, const char *pos, const char *end)
{
    const char *from = pos;

    for (;;) {
        const char *q = memchr(pos, '"', (size_t)(end - pos));

        if (!q) {
            if (escaped(from, end))
                p->lex = LX_ESC;
            return end;
        }
        if (!escaped(from, q)) {
            p->lex = LX_NORMAL;
            return q + 1;
        }
        pos = q + 1;
    }
}

static int feed(isc_leases_t *p, const char *buf, size_t len)
{
    const char *pos = buf, *end = buf + len, *stmt = buf;

    if (len == 0)
        return 0;
    p->chunk = buf;
    while (pos < end) {
        switch (p->lex) {
        case LX_COMMENT: {
            const char *nl = memchr(pos, '\n', (size_t)(end - pos));
            if (!nl) {
                pos = end;
            } else {
                pos = nl + 1;
                p->lex = LX_NORMAL;
            }
            break;
        }
        case LX_ESC:
            pos++;
            p->lex = LX_STRING;
            break;
        case LX_STRING:
            pos = skip_string(p, pos, end);
            break;
        case LX_NORMAL:
            pos = scan(pos, end);
            if (pos == end)
                break;
            if (*pos == '"') {
                p->lex = LX_STRING;
                pos++;
            } else if (*pos == '#') {
                p->lex = LX_COMMENT;
                pos++;
            } else {
                if (dispatch(p, stmt, pos, *pos) < 0)
                    return -1;
                stmt = ++pos;
            }
            break;
        }
    }
    if (stmt < end) {
        if (!p->carrying) {
            p->line += (unsigned long)count_nl(buf, stmt);
            p->carry_line = p->line;
            p->carrying = 1;
            buf = stmt;
        }
        carry_append(p, stmt, (size_t)(end - stmt));
    }
    p->line += (unsigned long)count_nl(buf, end);
    return 0;
}

/* dhcpd writes only text. NUL bytes are what a crash leaves where the size
 * was written before the data, or a damaged disk block; skipping them could
 * silently drop the blocks around them, so they end the parse. */
int isc_leases_feed(isc_leases_t *p, const char *buf, size_t len)
{
    const char *nul;

    if (p->failed)
        return -1;
    nul = memchr(buf, '\0', len);
    if (!nul)
        return feed(p, buf, len);
    if (feed(p, buf, (size_t)(nul - buf)) < 0)
        return -1;
    return fail(p, p->line, "NUL byte in the file: it is damaged (dhcpd writes only text)");
}

int isc_leases_finish(isc_leases_t *p)
{
    if (p->failed)
        return -1;
    /* Whatever is still open is the part dhcpd has not finished writing. */
    p->carrying = 0;
    p->carry_len = 0;
    p->carry_over = 0;
    p->lex = LX_NORMAL;
    p->blk = BLK_NONE;
    p->depth = 0;
    p->in_sub = 0;
    p->npending = 0;
    return 0;
}

const char *isc_leases_error(const isc_leases_t *p)
{
    return p->err;
}

static int span_cmp(const void *a, const void *b)
{
    const isc_span_t *x = a, *y = b;

    return x->low < y->low ? -1 : x->low > y->low;
}

size_t isc_spans_merge(isc_span_t *spans, size_t n)
{
    size_t i, out;

    if (n > 1)
        qsort(spans, n, sizeof *spans, span_cmp);
    if (n == 0)
        return 0;
    out = 0;
    for (i = 1; i < n; i++) {
        if (spans[out].high == UINT32_MAX || spans[i].low <= spans[out].high + 1) {
            if (spans[i].high > spans[out].high)
                spans[out].high = spans[i].high;
        } else {
            spans[++out] = spans[i];
        }
    }
    return out + 1;
}

isc_leases_t *isc_leases_new(const char *name, const isc_span_t *spans, size_t nspans, char *err, size_t errlen)
{
    isc_leases_t *p;
    uint64_t total = 0;
    size_t i;

    for (i = 0; i < nspans; i++) {
        if (spans[i].low > spans[i].high || (i > 0 && spans[i].low <= spans[i - 1].high)) {
            snprintf(err, errlen, "%s: internal error: address spans are not sorted and disjoint", name);
            return NULL;
        }
        total += (uint64_t)(spans[i].high - spans[i].low) + 1;
        if (total > ADDRS_MAX) {
            snprintf(err, errlen, "the ranges of the dhcpd configuration hold more than %lu addresses",
                     (unsigned long)ADDRS_MAX);
            return NULL;
        }
    }
    p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    text_copy(p->name, sizeof p->name, name);
    p->spans = malloc((nspans ? nspans : 1) * sizeof *p->spans);
    p->base = malloc((nspans ? nspans : 1) * sizeof *p->base);
    p->state = calloc(total ? (size_t)total : 1, 1);
    p->ends = calloc(total ? (size_t)total : 1, sizeof *p->ends);
    p->carry = malloc(CARRY_MAX);
    if (!p->spans || !p->base || !p->state || !p->ends || !p->carry) {
        isc_leases_free(p);
        snprintf(err, errlen, "out of memory for %lu addresses", (unsigned long)total);
        return NULL;
    }
    total = 0;
    for (i = 0; i < nspans; i++) {
        p->spans[i] = spans[i];
        p->base[i] = (size_t)total;
        total += (uint64_t)(spans[i].high - spans[i].low) + 1;
    }
    p->nspans = nspans;
    p->naddr = (size_t)total;
    p->line = 1;
    p->cur = SIZE_MAX;
    return p;
}

enum isc_binding isc_leases_get(const isc_leases_t *p, uint32_t addr, int64_t *ends)
{
    size_t h = span_find(p, addr), i;
    uint32_t e;

    *ends = 0;
    if (h == SIZE_MAX)
        return ISC_LEASE_NONE;
    i = p->base[h] + (addr - p->spans[h].low);
    e = p->ends[i];
    *ends = e == ENDS_NEVER ? INT64_MAX : (int64_t)e;
    return (enum isc_binding)p->state[i];
}

void isc_leases_count(const isc_leases_t *p, uint32_t low, uint32_t high, int64_t now, isc_counts_t *out)
{
    size_t lo = 0, hi = p->nspans, s;
    uint64_t covered = 0;

    memset(out, 0, sizeof *out);
    if (low > high)
        return;
    out->total = (uint64_t)(high - low) + 1;
    /* First span that ends at or after low. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->spans[mid].high < low)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (s = lo; s < p->nspans && p->spans[s].low <= high; s++) {
        uint32_t a = p->spans[s].low > low ? p->spans[s].low : low;
        uint32_t b = p->spans[s].high < high ? p->spans[s].high : high;
        size_t i = p->base[s] + (a - p->spans[s].low), last = p->base[s] + (b - p->spans[s].low);

        covered += (uint64_t)(b - a) + 1;
        for (; i <= last; i++) {
            switch (p->state[i]) {
            case ISC_LEASE_FREE: out->free++; break;
            case ISC_LEASE_ACTIVE: {
                uint32_t e = p->ends[i];
                out->active++;
                if (e != ENDS_NONE && e != ENDS_NEVER && (int64_t)e <= now)
                    out->active_expired++;
                break;
            }
            case ISC_LEASE_EXPIRED: out->expired++; break;
            case ISC_LEASE_RELEASED: out->released++; break;
            case ISC_LEASE_ABANDONED: out->abandoned++; break;
            case ISC_LEASE_RESET: out->reset++; break;
            case ISC_LEASE_BACKUP: out->backup++; break;
            default: out->none++; break;
            }
        }
    }
    out->none += out->total - covered;
}

isc_leases_t *isc_leases_new6(const char *name, const isc_pool6_t *pools, size_t npools, const addr_t *fixed,
                              size_t nfixed, char *err, size_t errlen)
{
    isc_leases_t *p = isc_leases_new(name, NULL, 0, err, errlen);
    size_t i;

    if (!p)
        return NULL;
    p->v6 = 1;
    p->table = isc_table6_new(pools, npools, err, errlen);
    if (!p->table) {
        isc_leases_free(p);
        return NULL;
    }
    for (i = 0; i < nfixed; i++) {
        if (isc_table6_fix(p->table, &fixed[i]) < 0) {
            snprintf(err, errlen, "out of memory for the fixed DHCPv6 hosts");
            isc_leases_free(p);
            return NULL;
        }
    }
    return p;
}

enum isc_binding isc_leases_get6(isc_leases_t *p, enum isc_ia kind, const addr_t *a, int64_t *ends)
{
    uint32_t e = ENDS_NONE;
    enum isc_binding st = p->table ? isc_table6_get(p->table, kind, a->bytes, &e) : ISC_LEASE_NONE;

    *ends = e == ENDS_NEVER ? INT64_MAX : (int64_t)e;
    return st;
}

void isc_leases_count6(isc_leases_t *p, const isc_pool6_t *range, int64_t now, isc_counts6_t *out)
{
    if (p->table)
        isc_table6_count(p->table, range, now, out);
    else
        memset(out, 0, sizeof *out);
}

size_t isc_leases_size6(const isc_leases_t *p)
{
    return p->table ? isc_table6_size(p->table) : 0;
}

unsigned long isc_leases_other_family(const isc_leases_t *p)
{
    return p->other_line;
}

size_t isc_leases_npeers(const isc_leases_t *p)
{
    return p->npeers;
}

const isc_leases_peer_t *isc_leases_peer(const isc_leases_t *p, size_t i)
{
    return i < p->npeers ? &p->peers[i] : NULL;
}

const isc_leases_peer_t *isc_leases_find_peer(const isc_leases_t *p, const char *name)
{
    size_t i;

    for (i = 0; i < p->npeers; i++)
        if (strcmp(p->peers[i].name, name) == 0)
            return &p->peers[i];
    return NULL;
}

void isc_leases_free(isc_leases_t *p)
{
    if (!p)
        return;
    free(p->spans);
    free(p->base);
    free(p->state);
    free(p->ends);
    free(p->carry);
    free(p->peers);
    free(p->pending);
    isc_table6_free(p->table);
    free(p);
}
