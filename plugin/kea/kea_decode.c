/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "kea_decode.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

/* Kea's config-get nests user-context freely; json-c's default of 32 is too tight. */
#define KEA_JSON_DEPTH 128

/* No IPv4 count can exceed the whole address space. */
#define KEA_V4_COUNT_MAX ((uint64_t)1 << 32)
/* Kea keeps lease counts in int64 statistics. */
#define KEA_V6_COUNT_MAX ((uint64_t)INT64_MAX)

static uint64_t count_max_of(int family)
{
    return family == KEA_V6 ? KEA_V6_COUNT_MAX : KEA_V4_COUNT_MAX;
}

int kea_version_at_least(const kea_version_t *v, unsigned major, unsigned minor, unsigned patch)
{
    if (v->major != major)
        return v->major > major;
    if (v->minor != minor)
        return v->minor > minor;
    return v->patch >= patch;
}

/* The server's own words, shortened so that one sentence stays one line. */
static const char *kea_text(json_object *obj, char *buf, size_t len)
{
    json_object *t;

    if (json_object_object_get_ex(obj, "text", &t) && json_object_is_type(t, json_type_string))
        text_copy(buf, len, json_object_get_string(t));
    else
        text_copy(buf, len, "(no text)");
    return buf;
}

struct kea_reply {
    json_tokener *tok;
    json_object *doc;                /* the value, once complete */
    size_t len;                      /* bytes fed */
    size_t end;                      /* where the value ended */
    enum json_tokener_error jerr;    /* json_tokener_continue until the value is complete */
    size_t err_at;                   /* where json-c gave up, or where more text began */
    int more_text;                   /* something other than blanks after the value */
    int nul;                         /* json-c met a NUL byte, which it takes for the end */
};

kea_reply_t *kea_reply_new(void)
{
    kea_reply_t *r = calloc(1, sizeof *r);

    if (!r)
        return NULL;
    r->tok = json_tokener_new_ex(KEA_JSON_DEPTH);
    if (!r->tok) {
        free(r);
        return NULL;
    }
    /* Kea writes RFC 8259 JSON: strict (no comments, single quotes, NaN or
     * trailing commas), and json-c stops at the end of the value, so that
     * what follows it is judged here the same however the reply was cut. */
    json_tokener_set_flags(r->tok, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS);
    r->jerr = json_tokener_continue;
    return r;
}

static int blank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\0';
}

/* Bytes after the value, the first of them at offset at: blanks only. */
static int after_value(kea_reply_t *r, const char *data, size_t n, size_t at)
{
    for (size_t i = 0; i < n; i++) {
        if (!blank(data[i])) {
            r->more_text = 1;
            r->err_at = at + i;
            return -1;
        }
    }
    return 0;
}

int kea_reply_feed(void *reply, const char *data, size_t n)
{
    kea_reply_t *r = reply;

    while (n > 0) {
        /* json-c takes an int length: chunks of at most 1 MiB. */
        size_t chunk = n < ((size_t)1 << 20) ? n : (size_t)1 << 20;
        size_t used;

        if (r->more_text || (r->jerr != json_tokener_continue && r->jerr != json_tokener_success))
            return -1;
        if (r->doc) {
            if (after_value(r, data, chunk, r->len) != 0)
                return -1;
        } else {
            r->doc = json_tokener_parse_ex(r->tok, data, (int)chunk);
            r->jerr = json_tokener_get_error(r->tok);
            used = json_tokener_get_parse_end(r->tok);
            if (r->jerr == json_tokener_success) {
                r->end = r->len + used;
                if (after_value(r, data + used, chunk - used, r->end) != 0) {
                    r->len += chunk;
                    return -1;
                }
            } else if (r->jerr != json_tokener_continue) {
                r->err_at = r->len + used;
                /* Given a length, json-c reports the end of input only for a
                 * NUL byte in it: the first, where it stopped reading. */
                if (r->jerr == json_tokener_error_parse_eof) {
                    const char *nul = memchr(data, '\0', chunk);

                    r->nul = 1;
                    if (nul)
                        r->err_at = r->len + (size_t)(nul - data);
                }
                r->len += chunk;
                return -1;
            }
        }
        r->len += chunk;
        data += chunk;
        n -= chunk;
    }
    return 0;
}

void kea_reply_free(kea_reply_t *r)
{
    if (!r)
        return;
    json_object_put(r->doc);
    json_tokener_free(r->tok);
    free(r);
}

/* The reply is all there: the value is complete and valid. */
static int reply_end(kea_reply_t *r, const char *command, char *err, size_t errlen)
{
    if (r->len == 0) {
        snprintf(err, errlen, "Kea sent an empty reply to %s", command);
        return KEA_E_FAIL;
    }
    /* A bare number could go on; a NUL tells json-c it ends. */
    if (!r->doc && r->jerr == json_tokener_continue) {
        r->doc = json_tokener_parse_ex(r->tok, "", 1);
        r->jerr = json_tokener_get_error(r->tok);
        r->err_at = r->len;
    }
    if (r->nul) {
        snprintf(err, errlen, "Kea's reply to %s is not valid JSON (a NUL byte at byte %zu)", command, r->err_at);
        return KEA_E_FAIL;
    }
    if (r->jerr == json_tokener_continue || r->jerr == json_tokener_error_parse_eof) {
        snprintf(err, errlen, "Kea's reply to %s is not valid JSON: it ends early, after %zu bytes (truncated?)",
                 command, r->len);
        return KEA_E_FAIL;
    }
    if (!r->doc || r->jerr != json_tokener_success) {
        snprintf(err, errlen, "Kea's reply to %s is not valid JSON (%s at byte %zu)", command,
                 json_tokener_error_desc(r->jerr), r->err_at);
        return KEA_E_FAIL;
    }
    /* A reply is an object or a list; where json-c ends a bare number or
     * word depends on where the input was cut, so that is said first. */
    if (!json_object_is_type(r->doc, json_type_object) && !json_object_is_type(r->doc, json_type_array)) {
        snprintf(err, errlen, "Kea's reply to %s is not a JSON object", command);
        return KEA_E_FAIL;
    }
    if (r->more_text) {
        snprintf(err, errlen, "Kea's reply to %s is not valid JSON (more text at byte %zu)", command, r->err_at);
        return KEA_E_FAIL;
    }
    return 0;
}

/* Checks one whole reply and unwraps the envelope. On 0, *root is the reply's
 * (kea_reply_free releases it) and *args is arguments (NULL when the reply
 * has none). */
static int kea_answer(kea_reply_t *reply, const char *command, json_object **root, json_object **args, char *err,
                      size_t errlen)
{
    json_object *doc, *obj, *res;
    char words[200];
    int64_t result;
    int rc;

    *root = *args = NULL;
    rc = reply_end(reply, command, err, errlen);
    if (rc != 0)
        return rc;
    doc = reply->doc;
    obj = doc;
    if (json_object_is_type(doc, json_type_array)) {
        /* One answer per service; we name one service at most. */
        if (json_object_array_length(doc) == 0) {
            snprintf(err, errlen, "Kea's reply to %s is an empty list (no answer from the service)", command);
            return KEA_E_FAIL;
        }
        obj = json_object_array_get_idx(doc, 0);
    }
    if (!json_object_is_type(obj, json_type_object)) {
        snprintf(err, errlen, "Kea's reply to %s is not a JSON object", command);
        return KEA_E_FAIL;
    }
    if (!json_object_object_get_ex(obj, "result", &res) || !json_object_is_type(res, json_type_int)) {
        snprintf(err, errlen, "Kea's reply to %s lacks a numeric result", command);
        return KEA_E_FAIL;
    }
    result = json_object_get_int64(res);
    if (result == 2) {
        snprintf(err, errlen, "Kea does not support %s (result 2: %s)", command, kea_text(obj, words, sizeof words));
        return KEA_E_UNSUPPORTED;
    }
    if (result != 0 && result != 3) {
        rc = KEA_E_FAIL;
        kea_text(obj, words, sizeof words);
        /* The Control Agent's words (ca_command_mgr.cc, the same from 2.2 to
         * 3.1.7) when the daemon's socket is missing or refuses; and a
         * daemon's HTTP socket (3.1.9+) refusing another daemon's service. */
        if (result == 1 && strncmp(words, "unable to forward command to the ", 33) == 0) {
            text_copy(err, errlen, words);
            rc = KEA_E_DOWN;
        } else {
            if (result == 1 && strncmp(words, "unsupported service '", 21) == 0)
                rc = KEA_E_SERVICE;
            snprintf(err, errlen, "Kea answered %s with result %lld: %s", command, (long long)result, words);
        }
        return rc;
    }
    /* result 3 is "empty": a valid answer with nothing in it. */
    if (result == 0)
        json_object_object_get_ex(obj, "arguments", args);
    if (*args && !json_object_is_type(*args, json_type_object)) {
        snprintf(err, errlen, "Kea's reply to %s has arguments that are not an object", command);
        return KEA_E_FAIL;
    }
    *root = doc;
    return 0;
}

/* A child of the given type, or NULL (absent or another type). */
static json_object *get_typed(json_object *obj, const char *key, json_type type)
{
    json_object *v;

    if (obj && json_object_object_get_ex(obj, key, &v) && json_object_is_type(v, type))
        return v;
    return NULL;
}

/* 1 when obj has key at all (of whatever type). */
static int has_key(json_object *obj, const char *key)
{
    return obj && json_object_object_get_ex(obj, key, NULL);
}

static void copy_string(json_object *obj, const char *key, char *dst, size_t len)
{
    json_object *v = get_typed(obj, key, json_type_string);

    text_copy(dst, len, v ? json_object_get_string(v) : "");
}

/* A whole number from 0 to max (max < UINT64_MAX). json-c turns integers
 * past 64 bits into UINT64_MAX and past int64 below zero into INT64_MIN, so
 * the bounds catch those too. -1 for negatives, fractions, non-numbers and
 * larger values. */
static int get_uint(json_object *v, uint64_t max, uint64_t *out)
{
    uint64_t n;

    if (!v || !json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0)
        return -1;
    n = json_object_get_uint64(v);
    if (n > max)
        return -1;
    *out = n;
    return 0;
}

/* A total (total-addresses, -nas, -pds): exact when json-c holds it exactly.
 * Kea 2.2 keeps these in int64 and sends -1 (or another negative number) for
 * a figure past it; Kea 2.4+ sends 128-bit integers, of which json-c keeps
 * those below 2^64 - 1 and turns larger ones into UINT64_MAX. A total that
 * is not exact is 0 with *exact = 0: the caller counts the pools itself.
 * -1 when it is not an integer at all. */
static int get_total(json_object *v, count_t *out, uint8_t *exact)
{
    uint64_t n;

    if (!v || !json_object_is_type(v, json_type_int))
        return -1;
    *out = count_of(0);
    *exact = 0;
    if (json_object_get_int64(v) < 0)
        return 0;
    n = json_object_get_uint64(v);
    if (n == UINT64_MAX)
        return 0;
    *out = count_of(n);
    *exact = 1;
    return 0;
}

int kea_decode_version_reply(kea_reply_t *reply, kea_version_t *out, char *err, size_t errlen)
{
    json_object *root, *args, *obj, *t;
    const char *s = NULL;
    unsigned v[3] = { 0, 0, 0 };
    char words[80];
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(reply, "version-get", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    obj = json_object_is_type(root, json_type_array) ? json_object_array_get_idx(root, 0) : root;
    t = get_typed(obj, "text", json_type_string);
    if (t && json_object_get_string(t)[0] >= '0' && json_object_get_string(t)[0] <= '9')
        s = json_object_get_string(t);
    else if ((t = get_typed(args, "extended", json_type_string)) != NULL)
        s = json_object_get_string(t);
    for (int i = 0; s && i < 3; i++) {
        char *end;
        unsigned long n;

        if (*s < '0' || *s > '9') {
            s = NULL;
            break;
        }
        n = strtoul(s, &end, 10);
        if (n > 9999) {
            s = NULL;
            break;
        }
        v[i] = (unsigned)n;
        s = end;
        if (i < 2) {
            if (*s != '.') {
                s = NULL;
                break;
            }
            s++;
        }
    }
    if (!s) {
        t = get_typed(obj, "text", json_type_string);
        text_copy(words, sizeof words, t ? json_object_get_string(t) : "(no text)");
        snprintf(err, errlen, "Kea's reply to version-get has no version number MAJOR.MINOR.PATCH: %s", words);
        return KEA_E_FAIL;
    }
    out->major = v[0];
    out->minor = v[1];
    out->patch = v[2];
    return 0;
}

/* What decoding config-get needs at hand. */
typedef struct cfg_ctx {
    kea_config_t *cfg;
    const char *list_key;            /* "subnet4" or "subnet6" */
    char *err;
    size_t errlen;
} cfg_ctx_t;

/* Copies text without blanks; -1 when it does not fit. */
static int strip_blanks(const char *text, char *buf, size_t len)
{
    size_t j = 0;

    for (; *text; text++) {
        if (*text == ' ' || *text == '\t')
            continue;
        if (j + 1 >= len)
            return -1;
        buf[j++] = *text;
    }
    buf[j] = '\0';
    return 0;
}

/* A pool, "FIRST - LAST" or "ADDRESS/LEN", of the family: its first and
 * last address and its size. */
static int pool_range(const char *text, int family, kea_pool_t *p)
{
    char buf[128];
    char *dash;
    addr_t a;
    unsigned bits = family == KEA_V6 ? 128 : 32;

    if (strip_blanks(text, buf, sizeof buf) != 0)
        return -1;
    dash = strchr(buf, '-');
    if (dash) {
        *dash = '\0';
        if (addr_parse(buf, strlen(buf), &p->first) != 0 || addr_parse(dash + 1, strlen(dash + 1), &p->last) != 0
            || p->first.family != family || p->last.family != family || addr_cmp(&p->last, &p->first) < 0)
            return -1;
        p->size = addr_span(&p->first, &p->last);
        return 0;
    }
    if (addr_parse_prefix(buf, strlen(buf), &a) != 0 || a.family != family)
        return -1;
    addr_mask(&a);
    p->first = a;
    p->first.prefix = (uint8_t)bits;
    p->last = p->first;
    for (unsigned b = a.prefix; b < bits; b++)
        p->last.bytes[b / 8] |= (uint8_t)(0x80u >> (b % 8));
    p->size = count_pow2(bits - a.prefix);
    return 0;
}

/* The class restriction of a pool: "client-class" (a name, Kea up to 2.6) or
 * "client-classes" (a list, Kea 2.7.5+); "" when any client may use it. */
static void class_of(json_object *obj, char *buf, size_t len)
{
    json_object *list = get_typed(obj, "client-classes", json_type_array);
    size_t n;

    copy_string(obj, "client-class", buf, len);
    if (buf[0] || !list)
        return;
    n = 0;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *c = json_object_array_get_idx(list, i);
        int w;

        if (!json_object_is_type(c, json_type_string))
            continue;
        w = snprintf(buf + n, len - n, "%s%s", n ? ", " : "", json_object_get_string(c));
        if (w < 0 || (size_t)w >= len - n) {
            buf[len - 1] = '\0';
            return;
        }
        n += (size_t)w;
    }
}

static int get_pool_id(json_object *pool, uint32_t *id)
{
    uint64_t n = 0;

    if (has_key(pool, "pool-id") && get_uint(get_typed(pool, "pool-id", json_type_int), UINT32_MAX, &n) != 0)
        return -1;
    *id = (uint32_t)n;
    return 0;
}

static kea_pool_t *new_pool(cfg_ctx_t *x, kea_subnet_t *s)
{
    kea_config_t *cfg = x->cfg;
    kea_pool_t *p = vec_grow(cfg->pools, &cfg->caps[1], cfg->npools + 1, sizeof *p);

    if (!p) {
        snprintf(x->err, x->errlen, "out of memory while decoding Kea's config-get reply");
        return NULL;
    }
    cfg->pools = p;
    p = &cfg->pools[cfg->npools++];
    memset(p, 0, offsetof(kea_pool_t, text));
    p->text[0] = '\0';
    s->npools++;
    return p;
}

/* The address pools ("pools") of a subnet. */
static int add_pools(cfg_ctx_t *x, kea_subnet_t *s, json_object *sn)
{
    json_object *pools = get_typed(sn, "pools", json_type_array);

    if (has_key(sn, "pools") && !pools) {
        snprintf(x->err, x->errlen, "Kea's reply to config-get has subnet id %u whose pools are not a list", s->id);
        return -1;
    }
    for (size_t i = 0; pools && i < json_object_array_length(pools); i++) {
        json_object *po = json_object_array_get_idx(pools, i);
        json_object *pv = get_typed(po, "pool", json_type_string);
        kea_pool_t *p = new_pool(x, s);

        if (!p)
            return -1;
        p->kind = SCOPE_ADDRESSES;
        if (!pv || pool_range(json_object_get_string(pv), x->cfg->family, p) != 0) {
            snprintf(x->err, x->errlen, "Kea's reply to config-get has a pool in subnet id %u that is neither "
                     "'FIRST - LAST' nor 'ADDRESS/LEN': %.60s", s->id, pv ? json_object_get_string(pv) : "(none)");
            return -1;
        }
        if (get_pool_id(po, &p->pool_id) != 0) {
            snprintf(x->err, x->errlen, "Kea's reply to config-get has a pool in subnet id %u whose pool-id is "
                     "not a whole number from 0 to 4294967295", s->id);
            return -1;
        }
        text_copy(p->text, sizeof p->text, json_object_get_string(pv));
        class_of(po, p->client_class, sizeof p->client_class);
        s->na_total = count_add(s->na_total, p->size);
        s->na_pools++;
    }
    return 0;
}

/* The prefix-delegation pools ("pd-pools") of a subnet6. */
static int add_pd_pools(cfg_ctx_t *x, kea_subnet_t *s, json_object *sn)
{
    json_object *pools = get_typed(sn, "pd-pools", json_type_array);

    if (has_key(sn, "pd-pools") && !pools) {
        snprintf(x->err, x->errlen, "Kea's reply to config-get has subnet id %u whose pd-pools are not a list", s->id);
        return -1;
    }
    for (size_t i = 0; pools && i < json_object_array_length(pools); i++) {
        json_object *po = json_object_array_get_idx(pools, i);
        json_object *pv = get_typed(po, "prefix", json_type_string);
        uint64_t plen, dlen;
        kea_pool_t *p = new_pool(x, s);
        char addr[ADDR_PREFIX_TEXT_MAX];

        if (!p)
            return -1;
        p->kind = SCOPE_PREFIXES;
        if (!pv || addr_parse(json_object_get_string(pv), strlen(json_object_get_string(pv)), &p->first) != 0
            || p->first.family != ADDR_V6 || get_uint(get_typed(po, "prefix-len", json_type_int), 128, &plen) != 0
            || get_uint(get_typed(po, "delegated-len", json_type_int), 128, &dlen) != 0 || dlen < plen) {
            snprintf(x->err, x->errlen, "Kea's reply to config-get has a pd-pool in subnet id %u without an IPv6 "
                     "prefix, a prefix-len and a delegated-len from prefix-len to 128", s->id);
            return -1;
        }
        if (get_pool_id(po, &p->pool_id) != 0) {
            snprintf(x->err, x->errlen, "Kea's reply to config-get has a pd-pool in subnet id %u whose pool-id is "
                     "not a whole number from 0 to 4294967295", s->id);
            return -1;
        }
        p->first.prefix = (uint8_t)plen;
        addr_mask(&p->first);
        p->last = p->first;
        p->delegated = (uint8_t)dlen;
        p->size = count_pow2((unsigned)(dlen - plen));
        addr_format_prefix(&p->first, addr, sizeof addr);
        snprintf(p->text, sizeof p->text, "%s as /%u", addr, (unsigned)dlen);
        class_of(po, p->client_class, sizeof p->client_class);
        s->pd_total = count_add(s->pd_total, p->size);
        s->pd_pools++;
    }
    return 0;
}

/* How many distinct pool-ids the subnet's pools of a kind have. */
static unsigned count_groups(const kea_config_t *cfg, const kea_subnet_t *s, int kind)
{
    unsigned groups = 0;

    for (size_t i = s->pool0; i < s->pool0 + s->npools; i++) {
        size_t j;

        if (cfg->pools[i].kind != kind)
            continue;
        for (j = s->pool0; j < i; j++)
            if (cfg->pools[j].kind == kind && cfg->pools[j].pool_id == cfg->pools[i].pool_id)
                break;
        groups += j == i;
    }
    return groups;
}

static int in_pools(const kea_config_t *cfg, const kea_subnet_t *s, const addr_t *a)
{
    for (size_t i = s->pool0; i < s->pool0 + s->npools; i++) {
        const kea_pool_t *p = &cfg->pools[i];

        if (p->kind == SCOPE_ADDRESSES && addr_cmp(a, &p->first) >= 0 && addr_cmp(a, &p->last) <= 0)
            return 1;
    }
    return 0;
}

static void count_outside(const kea_config_t *cfg, kea_subnet_t *s, const char *text)
{
    addr_t a;

    if (addr_parse(text, strlen(text), &a) == 0 && !in_pools(cfg, s, &a))
        s->reserved_outside++;
}

/* Host reservations in the subnet whose address lies outside its pools: v4
 * "ip-address", v6 "ip-addresses". Reservations in a host database are not
 * in config-get. */
static void add_reservations(const kea_config_t *cfg, kea_subnet_t *s, json_object *sn)
{
    json_object *list = get_typed(sn, "reservations", json_type_array);

    for (size_t i = 0; list && i < json_object_array_length(list); i++) {
        json_object *r = json_object_array_get_idx(list, i);
        json_object *v = get_typed(r, "ip-address", json_type_string);
        json_object *addrs = get_typed(r, "ip-addresses", json_type_array);

        if (v)
            count_outside(cfg, s, json_object_get_string(v));
        for (size_t k = 0; addrs && k < json_object_array_length(addrs); k++) {
            json_object *a = json_object_array_get_idx(addrs, k);

            if (json_object_is_type(a, json_type_string))
                count_outside(cfg, s, json_object_get_string(a));
        }
    }
}

/* The relationship whose peers include name, or -1. */
static int rel_of_peer(const kea_config_t *cfg, const char *name)
{
    for (size_t r = 0; r < cfg->nrels; r++)
        for (size_t k = cfg->rels[r].peer0; k < cfg->rels[r].peer0 + cfg->rels[r].npeers; k++)
            if (strcmp(cfg->peers[k], name) == 0)
                return (int)r;
    return -1;
}

/* The relationship serving a subnet: the peer its user-context (or its shared
 * network's) names with ha-server-name; with one relationship, that one when
 * neither names a peer (HAConfig::getSubnetServerName). */
static int subnet_rel(const kea_config_t *cfg, json_object *ctx, json_object *net_ctx)
{
    json_object *name = get_typed(ctx, "ha-server-name", json_type_string);

    if (!name)
        name = get_typed(net_ctx, "ha-server-name", json_type_string);
    if (name)
        return rel_of_peer(cfg, json_object_get_string(name));
    return cfg->nrels == 1 ? 0 : -1;
}

static int add_subnet(cfg_ctx_t *x, json_object *sn, const char *network, json_object *net_ctx)
{
    kea_config_t *cfg = x->cfg;
    kea_subnet_t *s;
    json_object *prefixv, *ctx;
    uint64_t id;

    if (get_uint(get_typed(sn, "id", json_type_int), UINT32_MAX, &id) != 0 || id == 0) {
        snprintf(x->err, x->errlen, "Kea's reply to config-get has a %s entry without a valid id", x->list_key);
        return -1;
    }
    s = vec_grow(cfg->subnets, &cfg->caps[0], cfg->count + 1, sizeof *s);
    if (!s) {
        snprintf(x->err, x->errlen, "out of memory while decoding Kea's config-get reply");
        return -1;
    }
    cfg->subnets = s;
    s = &cfg->subnets[cfg->count];
    memset(s, 0, offsetof(kea_subnet_t, network));
    memset((char *)s + offsetof(kea_subnet_t, relationship), 0, sizeof *s - offsetof(kea_subnet_t, relationship));
    s->id = (uint32_t)id;
    prefixv = get_typed(sn, "subnet", json_type_string);
    if (!prefixv || addr_parse_prefix(json_object_get_string(prefixv), strlen(json_object_get_string(prefixv)),
                                      &s->addr) != 0 || s->addr.family != cfg->family) {
        snprintf(x->err, x->errlen, "Kea's reply to config-get has subnet id %u without a valid \"subnet\" prefix",
                 s->id);
        return -1;
    }
    addr_mask(&s->addr);
    text_copy(s->network, sizeof s->network, network);
    ctx = get_typed(sn, "user-context", json_type_object);
    copy_string(ctx, "comment", s->comment, sizeof s->comment);
    s->relationship = subnet_rel(cfg, ctx, net_ctx);
    s->pool0 = cfg->npools;
    cfg->count++;
    if (add_pools(x, s, sn) != 0)
        return -1;
    if (cfg->family == KEA_V6 && add_pd_pools(x, s, sn) != 0)
        return -1;
    s->na_groups = count_groups(cfg, s, SCOPE_ADDRESSES);
    s->pd_groups = count_groups(cfg, s, SCOPE_PREFIXES);
    add_reservations(cfg, s, sn);
    return 0;
}

static int add_subnet_list(cfg_ctx_t *x, json_object *parent, const char *network, json_object *net_ctx)
{
    json_object *list = get_typed(parent, x->list_key, json_type_array);

    if (has_key(parent, x->list_key) && !list) {
        snprintf(x->err, x->errlen, "Kea's reply to config-get has a %s that is not a list", x->list_key);
        return -1;
    }
    for (size_t i = 0; list && i < json_object_array_length(list); i++) {
        json_object *sn = json_object_array_get_idx(list, i);

        if (!json_object_is_type(sn, json_type_object)) {
            snprintf(x->err, x->errlen, "Kea's reply to config-get has a %s entry that is not an object", x->list_key);
            return -1;
        }
        if (add_subnet(x, sn, network, net_ctx) != 0)
            return -1;
    }
    return 0;
}

/* One relationship of the HA hook's high-availability list. */
static int add_rel(cfg_ctx_t *x, json_object *rel)
{
    kea_config_t *cfg = x->cfg;
    json_object *peers = get_typed(rel, "peers", json_type_array);
    kea_rel_t *r = vec_grow(cfg->rels, &cfg->caps[2], cfg->nrels + 1, sizeof *r);

    if (!r)
        goto oom;
    cfg->rels = r;
    r = &cfg->rels[cfg->nrels++];
    copy_string(rel, "this-server-name", r->server, sizeof r->server);
    copy_string(rel, "mode", r->mode, sizeof r->mode);
    r->peer0 = cfg->npeers;
    r->npeers = 0;
    for (size_t i = 0; peers && i < json_object_array_length(peers); i++) {
        json_object *name = get_typed(json_object_array_get_idx(peers, i), "name", json_type_string);
        char(*p)[SCOPE_TEXT_MAX];

        if (!name)
            continue;
        p = vec_grow(cfg->peers, &cfg->caps[3], cfg->npeers + 1, sizeof *p);
        if (!p)
            goto oom;
        cfg->peers = p;
        text_copy(cfg->peers[cfg->npeers++], SCOPE_TEXT_MAX, json_object_get_string(name));
        r->npeers++;
    }
    return 0;
oom:
    snprintf(x->err, x->errlen, "out of memory while decoding Kea's config-get reply");
    return -1;
}

/* The HA hook and its relationships, if the hook is loaded. */
static int decode_ha_config(cfg_ctx_t *x, json_object *dhcp)
{
    json_object *hooks = get_typed(dhcp, "hooks-libraries", json_type_array);

    for (size_t i = 0; hooks && i < json_object_array_length(hooks); i++) {
        json_object *hook = json_object_array_get_idx(hooks, i);
        json_object *lib = get_typed(hook, "library", json_type_string);
        json_object *params, *rels;

        /* Kea 3.0+ may name it without a directory ("libdhcp_ha.so"). */
        if (!lib || !strstr(json_object_get_string(lib), "libdhcp_ha"))
            continue;
        x->cfg->ha_configured = 1;
        params = get_typed(hook, "parameters", json_type_object);
        rels = get_typed(params, "high-availability", json_type_array);
        for (size_t r = 0; rels && r < json_object_array_length(rels); r++)
            if (add_rel(x, json_object_array_get_idx(rels, r)) != 0)
                return -1;
        return 0;
    }
    return 0;
}

static size_t list_length(json_object *parent, const char *key)
{
    json_object *list = get_typed(parent, key, json_type_array);

    return list ? json_object_array_length(list) : 0;
}

/* Room for every subnet (and a pool each) at once rather than growing as
 * they come. */
static int presize(cfg_ctx_t *x, json_object *dhcp, json_object *networks)
{
    kea_config_t *cfg = x->cfg;
    size_t n = list_length(dhcp, x->list_key);
    void *p;

    for (size_t i = 0; networks && i < json_object_array_length(networks); i++)
        n += list_length(json_object_array_get_idx(networks, i), x->list_key);
    if (n == 0)
        return 0;
    p = vec_grow(cfg->subnets, &cfg->caps[0], n, sizeof *cfg->subnets);
    if (p)
        cfg->subnets = p;
    p = p ? vec_grow(cfg->pools, &cfg->caps[1], n, sizeof *cfg->pools) : NULL;
    if (!p) {
        snprintf(x->err, x->errlen, "out of memory while decoding Kea's config-get reply");
        return -1;
    }
    cfg->pools = p;
    return 0;
}

int kea_decode_config_reply(kea_reply_t *reply, kea_config_t *out, char *err, size_t errlen)
{
    json_object *root, *args, *dhcp, *networks;
    cfg_ctx_t x = { out, "subnet4", err, errlen };
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(reply, "config-get", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    out->family = KEA_V4;
    dhcp = get_typed(args, "Dhcp4", json_type_object);
    if (!dhcp && (dhcp = get_typed(args, "Dhcp6", json_type_object)) != NULL) {
        out->family = KEA_V6;
        x.list_key = "subnet6";
    }
    if (!dhcp) {
        if (has_key(args, "Control-agent"))
            snprintf(err, errlen, "Kea's reply to config-get is the Control Agent's own configuration, not a DHCP "
                     "server's");
        else
            snprintf(err, errlen, "Kea's reply to config-get lacks arguments.Dhcp4 and arguments.Dhcp6 (is this a "
                     "Kea DHCP server?)");
        return KEA_E_FAIL;
    }
    rc = decode_ha_config(&x, dhcp);
    networks = get_typed(dhcp, "shared-networks", json_type_array);
    if (rc == 0)
        rc = presize(&x, dhcp, networks);
    if (rc == 0)
        rc = add_subnet_list(&x, dhcp, "", NULL);
    if (rc == 0 && has_key(dhcp, "shared-networks") && !networks) {
        snprintf(err, errlen, "Kea's reply to config-get has shared-networks that are not a list");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && networks && i < json_object_array_length(networks); i++) {
        json_object *net = json_object_array_get_idx(networks, i);
        json_object *name = get_typed(net, "name", json_type_string);

        if (!json_object_is_type(net, json_type_object)) {
            snprintf(err, errlen, "Kea's reply to config-get has a shared network that is not an object");
            rc = -1;
            break;
        }
        rc = add_subnet_list(&x, net, name ? json_object_get_string(name) : "",
                             get_typed(net, "user-context", json_type_object));
    }
    if (rc != 0) {
        kea_config_free(out);
        return KEA_E_FAIL;
    }
    return 0;
}

static int row_cmp(const void *a, const void *b)
{
    const kea_stat_t *x = a, *y = b;

    if (x->subnet_id != y->subnet_id)
        return x->subnet_id < y->subnet_id ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return (x->pool_id > y->pool_id) - (x->pool_id < y->pool_id);
}

/* A zeroed row appended to the subnet rows or the pool rows. */
static kea_stat_t *new_row(kea_stats_t *st, int pool)
{
    kea_stat_t **rows = pool ? &st->pools : &st->rows;
    size_t *n = pool ? &st->npools : &st->count;
    kea_stat_t *p = vec_grow(*rows, pool ? &st->pcap : &st->cap, *n + 1, sizeof *p);

    if (!p)
        return NULL;
    *rows = p;
    p = &p[(*n)++];
    memset(p, 0, sizeof *p);
    return p;
}

static long column_index(json_object *columns, const char *name)
{
    for (size_t i = 0; i < json_object_array_length(columns); i++) {
        json_object *c = json_object_array_get_idx(columns, i);

        if (json_object_is_type(c, json_type_string) && strcmp(json_object_get_string(c), name) == 0)
            return (long)i;
    }
    return -1;
}

enum { COL_ID, COL_TOTAL, COL_ASSIGNED, COL_DECLINED, COL_PD_TOTAL, COL_PD_ASSIGNED, NCOLS };

int kea_decode_stat_lease_reply(kea_reply_t *reply, int family, kea_stats_t *out, char *err, size_t errlen)
{
    static const char *const names4[NCOLS] = { "subnet-id", "total-addresses", "assigned-addresses",
                                               "declined-addresses", NULL, NULL };
    static const char *const names6[NCOLS] = { "subnet-id", "total-nas", "assigned-nas", "declined-addresses",
                                               "total-pds", "assigned-pds" };
    const char *const *names = family == KEA_V6 ? names6 : names4;
    const char *command = family == KEA_V6 ? "stat-lease6-get" : "stat-lease4-get";
    uint64_t max = count_max_of(family);
    json_object *root, *args, *set, *columns, *rows;
    long col[NCOLS];
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(reply, command, &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    if (!args) {
        return 0;
    }
    set = get_typed(args, "result-set", json_type_object);
    columns = get_typed(set, "columns", json_type_array);
    rows = get_typed(set, "rows", json_type_array);
    if (!columns || !rows) {
        snprintf(err, errlen, "Kea's reply to %s lacks arguments.result-set.%s", command, columns ? "rows" : "columns");
        return KEA_E_FAIL;
    }
    for (size_t c = 0; c < NCOLS; c++) {
        col[c] = names[c] ? column_index(columns, names[c]) : -1;
        /* Kea 2.2's stat-lease6-get calls it declined-nas (renamed in 2.4.0). */
        if (c == COL_DECLINED && col[c] < 0 && family == KEA_V6)
            col[c] = column_index(columns, "declined-nas");
        if (col[c] < 0 && (c == COL_ID || c == COL_ASSIGNED || c == COL_DECLINED)) {
            snprintf(err, errlen, "Kea's reply to %s lacks the column %s", command, names[c]);
            return KEA_E_FAIL;
        }
    }
    for (size_t r = 0; r < json_object_array_length(rows); r++) {
        json_object *row = json_object_array_get_idx(rows, r);
        uint64_t id = 0;
        kea_stat_t *s;

        if (!json_object_is_type(row, json_type_array)) {
            snprintf(err, errlen, "Kea's reply to %s has a row that is not a list", command);
            rc = KEA_E_FAIL;
            break;
        }
        if (get_uint(json_object_array_get_idx(row, (size_t)col[COL_ID]), UINT32_MAX, &id) != 0 || id == 0) {
            snprintf(err, errlen, "Kea's reply to %s has a row whose subnet-id is not a whole number from 1 to "
                     "4294967295", command);
            rc = KEA_E_FAIL;
            break;
        }
        s = new_row(out, 0);
        if (!s) {
            snprintf(err, errlen, "out of memory while decoding Kea's %s reply", command);
            rc = KEA_E_FAIL;
            break;
        }
        s->subnet_id = (uint32_t)id;
        for (int c = COL_TOTAL; c < NCOLS && rc == 0; c++) {
            json_object *v;
            int bad;

            if (col[c] < 0)
                continue;
            v = json_object_array_get_idx(row, (size_t)col[c]);
            switch (c) {
            case COL_TOTAL:
                bad = get_total(v, &s->total, &s->total_exact);
                s->has_total = 1;
                break;
            case COL_PD_TOTAL:
                bad = get_total(v, &s->pd_total, &s->pd_total_exact);
                s->has_pd = 1;
                break;
            case COL_ASSIGNED:
                bad = get_uint(v, max, &s->assigned);
                s->has_assigned = 1;
                break;
            case COL_DECLINED:
                bad = get_uint(v, max, &s->declined);
                break;
            default:
                bad = get_uint(v, max, &s->pd_assigned);
                s->has_pd = 1;
                break;
            }
            if (bad) {
                snprintf(err, errlen, "Kea's reply to %s has a row whose %s is not a whole number from 0 to %s",
                         command, c == COL_DECLINED ? json_object_get_string(json_object_array_get_idx(columns,
                                                                             (size_t)col[c])) : names[c],
                         c == COL_TOTAL || c == COL_PD_TOTAL ? "2^128" : family == KEA_V6 ? "2^63" : "2^32");
                rc = KEA_E_FAIL;
            }
        }
        if (rc != 0)
            break;
    }
    if (rc != 0) {
        kea_stats_free(out);
        return KEA_E_FAIL;
    }
    /* qsort's pointer must not be NULL, even for no rows. */
    if (out->count > 0)
        qsort(out->rows, out->count, sizeof *out->rows, row_cmp);
    return 0;
}

enum { F_TOTAL, F_ASSIGNED, F_DECLINED, F_PD_TOTAL, F_PD_ASSIGNED };
enum { L_SUBNET, L_POOL, L_PD_POOL };

typedef struct sample {
    uint32_t subnet_id, pool_id;
    uint8_t level, field, exact;
    count_t value;
} sample_t;

static int sample_cmp(const void *a, const void *b)
{
    const sample_t *x = a, *y = b;

    if (x->subnet_id != y->subnet_id)
        return x->subnet_id < y->subnet_id ? -1 : 1;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    if (x->pool_id != y->pool_id)
        return x->pool_id < y->pool_id ? -1 : 1;
    return (x->field > y->field) - (x->field < y->field);
}

/* "[12]." -> 12 and the text after the dot; NULL when key is not that. */
static const char *bracket_number(const char *key, uint32_t *n)
{
    unsigned long v;
    char *end;

    if (key[0] != '[' || key[1] < '0' || key[1] > '9')
        return NULL;
    v = strtoul(key + 1, &end, 10);
    if (end[0] != ']' || end[1] != '.' || v > UINT32_MAX)
        return NULL;
    *n = (uint32_t)v;
    return end + 2;
}

/* "subnet[12].pool[3].assigned-nas" -> subnet 12, level pool, pool-id 3,
 * F_ASSIGNED. -1 for any statistic the plugin does not read. */
static int statistic_name(const char *key, int family, sample_t *s)
{
    static const char *const names4[] = { "total-addresses", "assigned-addresses", "declined-addresses" };
    static const char *const names6[] = { "total-nas", "assigned-nas", "declined-addresses", "total-pds",
                                          "assigned-pds" };
    const char *const *names = family == KEA_V6 ? names6 : names4;
    int n = family == KEA_V6 ? 5 : 3;
    const char *rest;

    if (strncmp(key, "subnet", 6) != 0 || !(rest = bracket_number(key + 6, &s->subnet_id)) || s->subnet_id == 0)
        return -1;
    s->level = L_SUBNET;
    s->pool_id = 0;
    if (strncmp(rest, "pool[", 5) == 0) {
        s->level = L_POOL;
        rest = bracket_number(rest + 4, &s->pool_id);
    } else if (strncmp(rest, "pd-pool[", 8) == 0) {
        s->level = L_PD_POOL;
        rest = bracket_number(rest + 7, &s->pool_id);
    }
    if (!rest)
        return -1;
    for (int k = 0; k < n; k++) {
        if (strcmp(rest, names[k]) != 0)
            continue;
        /* pool[P] has address figures only, pd-pool[P] prefix figures only. */
        if ((s->level == L_POOL && k >= F_PD_TOTAL) || (s->level == L_PD_POOL && k < F_PD_TOTAL))
            return -1;
        s->field = (uint8_t)k;
        return 0;
    }
    return -1;
}

/* The newest sample of a statistic: [[value, "timestamp"], ...]. */
static json_object *newest_sample(json_object *samples)
{
    json_object *first;

    if (!json_object_is_type(samples, json_type_array) || json_object_array_length(samples) == 0)
        return NULL;
    first = json_object_array_get_idx(samples, 0);
    if (!json_object_is_type(first, json_type_array) || json_object_array_length(first) == 0)
        return NULL;
    return json_object_array_get_idx(first, 0);
}

/* Puts one sample into its row. */
static void apply_sample(kea_stat_t *row, const sample_t *s)
{
    uint64_t v = s->value.lo;
    int field = s->field;

    /* A pd-pool row keeps its prefix figures where pool rows keep theirs. */
    if (s->level == L_PD_POOL)
        field = field == F_PD_TOTAL ? F_TOTAL : F_ASSIGNED;
    switch (field) {
    case F_TOTAL:
        row->total = s->value;
        row->total_exact = s->exact;
        row->has_total = 1;
        break;
    case F_ASSIGNED:
        row->assigned = v;
        row->has_assigned = 1;
        break;
    case F_DECLINED:
        row->declined = v;
        break;
    case F_PD_TOTAL:
        row->pd_total = s->value;
        row->pd_total_exact = s->exact;
        row->has_pd = 1;
        break;
    default:
        row->pd_assigned = v;
        row->has_pd = 1;
        break;
    }
}

int kea_decode_statistics_reply(kea_reply_t *reply, int family, kea_stats_t *out, char *err, size_t errlen)
{
    json_object *root, *args;
    sample_t *samples = NULL;
    size_t n = 0, cap = 0;
    uint64_t max = count_max_of(family);
    int rc;

    memset(out, 0, sizeof *out);
    out->assigned_has_declined = 1;
    rc = kea_answer(reply, "statistic-get-all", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    if (!args) {
        return 0;
    }
    json_object_object_foreach(args, key, val) {
        sample_t s;
        json_object *v;
        int bad;

        if (statistic_name(key, family, &s) != 0)
            continue;
        v = newest_sample(val);
        if (s.field == F_TOTAL || s.field == F_PD_TOTAL) {
            bad = get_total(v, &s.value, &s.exact);
        } else {
            bad = get_uint(v, max, &s.value.lo);
            s.value.hi = 0;
            s.exact = 1;
        }
        if (bad) {
            snprintf(err, errlen, "Kea's reply to statistic-get-all has %.60s without a [value, time] sample "
                     "holding a whole number from 0 to %s", key,
                     s.field == F_TOTAL || s.field == F_PD_TOTAL ? "2^128" : family == KEA_V6 ? "2^63" : "2^32");
            rc = KEA_E_FAIL;
            break;
        }
        {
            sample_t *p = vec_grow(samples, &cap, n + 1, sizeof *p);

            if (!p) {
                snprintf(err, errlen, "out of memory while decoding Kea's statistic-get-all reply");
                rc = KEA_E_FAIL;
                break;
            }
            samples = p;
        }
        samples[n++] = s;
    }
    if (rc == 0 && n > 0)
        qsort(samples, n, sizeof *samples, sample_cmp);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const sample_t *s = &samples[i];
        int pool = s->level != L_SUBNET;
        kea_stat_t *rows = pool ? out->pools : out->rows;
        size_t count = pool ? out->npools : out->count;
        kea_stat_t *row = count ? &rows[count - 1] : NULL;
        uint8_t kind = s->level == L_PD_POOL ? SCOPE_PREFIXES : SCOPE_ADDRESSES;

        if (!row || row->subnet_id != s->subnet_id || (pool && (row->kind != kind || row->pool_id != s->pool_id))) {
            row = new_row(out, pool);
            if (!row) {
                snprintf(err, errlen, "out of memory while decoding Kea's statistic-get-all reply");
                rc = KEA_E_FAIL;
                break;
            }
            row->subnet_id = s->subnet_id;
            row->pool_id = s->pool_id;
            row->kind = pool ? kind : SCOPE_ADDRESSES;
        }
        apply_sample(row, s);
    }
    free(samples);
    if (rc != 0) {
        kea_stats_free(out);
        return KEA_E_FAIL;
    }
    return 0;
}

int kea_decode_ha_reply(kea_reply_t *reply, kea_ha_list_t *out, char *err, size_t errlen)
{
    json_object *root, *args, *rels;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(reply, "status-get", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    if (!has_key(args, "high-availability")) {
        return 0;
    }
    rels = get_typed(args, "high-availability", json_type_array);
    if (!rels || json_object_array_length(rels) == 0) {
        snprintf(err, errlen, "Kea's reply to status-get has a high-availability that is not a list of relationships");
        return KEA_E_FAIL;
    }
    for (size_t i = 0; i < json_object_array_length(rels); i++) {
        json_object *rel = json_object_array_get_idx(rels, i);
        json_object *servers = get_typed(rel, "ha-servers", json_type_object);
        json_object *local = get_typed(servers, "local", json_type_object);
        json_object *remote = get_typed(servers, "remote", json_type_object);
        json_object *scopes, *ci;
        kea_ha_t *h;

        if (!local || !get_typed(local, "state", json_type_string)) {
            snprintf(err, errlen, "Kea's reply to status-get lacks arguments.high-availability[%zu].ha-servers.local.state",
                     i);
            rc = KEA_E_FAIL;
            break;
        }
        h = vec_grow(out->items, &cap, out->count + 1, sizeof *h);
        if (!h) {
            snprintf(err, errlen, "out of memory while decoding Kea's status-get reply");
            rc = KEA_E_FAIL;
            break;
        }
        out->items = h;
        h = &out->items[out->count++];
        memset(h, 0, sizeof *h);
        copy_string(rel, "ha-mode", h->mode, sizeof h->mode);
        copy_string(local, "server-name", h->server, sizeof h->server);
        copy_string(local, "role", h->role, sizeof h->role);
        copy_string(local, "state", h->state, sizeof h->state);
        scopes = get_typed(local, "scopes", json_type_array);
        h->nscopes = scopes ? (int)json_object_array_length(scopes) : 0;
        if (remote) {
            h->has_partner = 1;
            copy_string(remote, "server-name", h->partner, sizeof h->partner);
            copy_string(remote, "role", h->partner_role, sizeof h->partner_role);
            copy_string(remote, "last-state", h->partner_state, sizeof h->partner_state);
            ci = get_typed(remote, "communication-interrupted", json_type_boolean);
            h->communication_interrupted = ci && json_object_get_boolean(ci);
        }
    }
    if (rc != 0) {
        kea_ha_list_free(out);
        return KEA_E_FAIL;
    }
    return 0;
}

/* The text decoders: the whole reply at once. */
#define KEA_TEXT_DECODER(call)                                                                  \
    do {                                                                                        \
        kea_reply_t *reply = kea_reply_new();                                                   \
        int rc_;                                                                                \
                                                                                                \
        if (!reply) {                                                                           \
            snprintf(err, errlen, "out of memory while decoding Kea's reply");                  \
            return KEA_E_FAIL;                                                                  \
        }                                                                                       \
        kea_reply_feed(reply, text, len);                                                       \
        rc_ = (call);                                                                           \
        kea_reply_free(reply);                                                                  \
        return rc_;                                                                             \
    } while (0)

int kea_decode_version(const char *text, size_t len, kea_version_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    KEA_TEXT_DECODER(kea_decode_version_reply(reply, out, err, errlen));
}

int kea_decode_config(const char *text, size_t len, kea_config_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    KEA_TEXT_DECODER(kea_decode_config_reply(reply, out, err, errlen));
}

int kea_decode_stat_lease(const char *text, size_t len, int family, kea_stats_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    KEA_TEXT_DECODER(kea_decode_stat_lease_reply(reply, family, out, err, errlen));
}

int kea_decode_statistics(const char *text, size_t len, int family, kea_stats_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    KEA_TEXT_DECODER(kea_decode_statistics_reply(reply, family, out, err, errlen));
}

int kea_decode_ha(const char *text, size_t len, kea_ha_list_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    KEA_TEXT_DECODER(kea_decode_ha_reply(reply, out, err, errlen));
}

int kea_ha_plugin_state(const kea_ha_t *ha)
{
    static const char *const ok[] = { "load-balancing", "hot-standby", "passive-backup", "backup" };
    static const char *const critical[] = { "partner-down", "terminated" };

    for (size_t i = 0; i < sizeof critical / sizeof critical[0]; i++)
        if (strcmp(ha->state, critical[i]) == 0)
            return STATE_CRITICAL;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcmp(ha->state, ok[i]) == 0)
            /* hot-standby stays in its state for a while after losing the
             * partner: the interrupted link is the early sign. */
            return ha->communication_interrupted ? STATE_WARNING : STATE_OK;
    /* waiting, syncing, ready, communication-recovery, in-maintenance,
     * partner-in-maintenance and any state a later Kea adds. */
    return STATE_WARNING;
}

const kea_stat_t *kea_stats_find(const kea_stats_t *stats, uint32_t id)
{
    kea_stat_t key;

    if (stats->count == 0)
        return NULL;
    memset(&key, 0, sizeof key);
    key.subnet_id = id;
    return bsearch(&key, stats->rows, stats->count, sizeof *stats->rows, row_cmp);
}

const kea_stat_t *kea_stats_find_pool(const kea_stats_t *stats, uint32_t subnet_id, int kind, uint32_t pool_id)
{
    kea_stat_t key;

    if (stats->npools == 0)
        return NULL;
    memset(&key, 0, sizeof key);
    key.subnet_id = subnet_id;
    key.kind = (uint8_t)kind;
    key.pool_id = pool_id;
    return bsearch(&key, stats->pools, stats->npools, sizeof *stats->pools, row_cmp);
}

uint64_t kea_stat_taken(const kea_stats_t *stats, const kea_stat_t *row)
{
    if (stats->assigned_has_declined)
        return row->assigned > row->declined ? row->assigned : row->declined;
    return row->assigned + row->declined;
}

uint64_t kea_stat_used(const kea_stats_t *stats, const kea_stat_t *row)
{
    if (!stats->assigned_has_declined)
        return row->assigned;
    return row->assigned > row->declined ? row->assigned - row->declined : 0;
}

void kea_config_free(kea_config_t *cfg)
{
    free(cfg->subnets);
    free(cfg->pools);
    free(cfg->rels);
    free(cfg->peers);
    memset(cfg, 0, sizeof *cfg);
}

void kea_stats_free(kea_stats_t *stats)
{
    free(stats->rows);
    free(stats->pools);
    memset(stats, 0, sizeof *stats);
}

void kea_ha_list_free(kea_ha_list_t *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
