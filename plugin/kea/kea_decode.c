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
#define KEA_COUNT_MAX ((uint64_t)1 << 32)

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

/* Parses one reply and unwraps the envelope. On 0, *root is to be released by
 * the caller and *args is arguments (NULL when the reply has none). */
static int kea_answer(const char *text, size_t len, const char *command, json_object **root,
                      json_object **args, char *err, size_t errlen)
{
    json_tokener *tok;
    json_object *doc, *obj, *res;
    enum json_tokener_error jerr;
    size_t used;
    char words[200];
    int64_t result;

    *root = *args = NULL;
    if (len == 0) {
        snprintf(err, errlen, "Kea sent an empty reply to %s", command);
        return -1;
    }
    if (len > INT_MAX) {
        snprintf(err, errlen, "Kea's reply to %s is too large to decode (%zu bytes)", command, len);
        return -1;
    }
    tok = json_tokener_new_ex(KEA_JSON_DEPTH);
    if (!tok) {
        snprintf(err, errlen, "out of memory while decoding Kea's reply to %s", command);
        return -1;
    }
    doc = json_tokener_parse_ex(tok, text, (int)len);
    jerr = json_tokener_get_error(tok);
    used = json_tokener_get_parse_end(tok);
    /* A bare number could go on; the terminating NUL tells json-c it ends. */
    if (jerr == json_tokener_continue) {
        doc = json_tokener_parse_ex(tok, "", 1);
        jerr = json_tokener_get_error(tok);
        used = len;
    }
    json_tokener_free(tok);
    if (jerr == json_tokener_continue || jerr == json_tokener_error_parse_eof) {
        json_object_put(doc);
        snprintf(err, errlen, "Kea's reply to %s is not valid JSON: it ends early, after %zu bytes (truncated?)",
                 command, len);
        return -1;
    }
    if (!doc || jerr != json_tokener_success) {
        json_object_put(doc);
        snprintf(err, errlen, "Kea's reply to %s is not valid JSON (%s at byte %zu)", command,
                 json_tokener_error_desc(jerr), used);
        return -1;
    }
    for (size_t i = used; i < len; i++) {
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t' && text[i] != '\0') {
            json_object_put(doc);
            snprintf(err, errlen, "Kea's reply to %s is not valid JSON (more text at byte %zu)", command, used);
            return -1;
        }
    }

    obj = doc;
    if (json_object_is_type(doc, json_type_array)) {
        /* The Control Agent: one answer per service; we ask only dhcp4. */
        if (json_object_array_length(doc) == 0) {
            json_object_put(doc);
            snprintf(err, errlen, "Kea's reply to %s is an empty list (no answer from the dhcp4 service)", command);
            return -1;
        }
        obj = json_object_array_get_idx(doc, 0);
    }
    if (!json_object_is_type(obj, json_type_object)) {
        json_object_put(doc);
        snprintf(err, errlen, "Kea's reply to %s is not a JSON object", command);
        return -1;
    }
    if (!json_object_object_get_ex(obj, "result", &res) || !json_object_is_type(res, json_type_int)) {
        json_object_put(doc);
        snprintf(err, errlen, "Kea's reply to %s lacks a numeric result", command);
        return -1;
    }
    result = json_object_get_int64(res);
    if (result == 2) {
        snprintf(err, errlen, "Kea does not support %s (result 2: %s)", command,
                 kea_text(obj, words, sizeof words));
        json_object_put(doc);
        return KEA_E_UNSUPPORTED;
    }
    if (result != 0 && result != 3) {
        snprintf(err, errlen, "Kea answered %s with result %lld: %s", command, (long long)result,
                 kea_text(obj, words, sizeof words));
        json_object_put(doc);
        return -1;
    }
    /* result 3 is "empty": a valid answer with nothing in it. */
    if (result == 0)
        json_object_object_get_ex(obj, "arguments", args);
    if (*args && !json_object_is_type(*args, json_type_object)) {
        json_object_put(doc);
        snprintf(err, errlen, "Kea's reply to %s has arguments that are not an object", command);
        return -1;
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

/* A count of IPv4 addresses: a whole number from 0 to 2^32. json-c turns
 * numbers too large for 64 bits into UINT64_MAX, so the bound also catches
 * those. -1 for negatives, fractions, non-numbers and larger values. */
static int get_count(json_object *v, uint64_t *out)
{
    uint64_t n;

    if (!v || !json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0)
        return -1;
    n = json_object_get_uint64(v);
    if (n > KEA_COUNT_MAX)
        return -1;
    *out = n;
    return 0;
}

/* "a.b.c.d/n" -> the address (masked) and its prefix length. */
static int parse_prefix(const char *text, addr_t *out)
{
    if (addr_parse_prefix(text, strlen(text), out) != 0 || out->family != ADDR_V4)
        return -1;
    addr_mask(out);
    return 0;
}

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

/* A pool, "FIRST - LAST" or "ADDRESS/LEN", to its number of addresses. */
static int pool_size(const char *text, count_t *size)
{
    char buf[64];
    char *dash;
    addr_t first, last;

    if (strip_blanks(text, buf, sizeof buf) != 0)
        return -1;
    dash = strchr(buf, '-');
    if (dash) {
        *dash = '\0';
        if (addr_parse(buf, strlen(buf), &first) != 0 || addr_parse(dash + 1, strlen(dash + 1), &last) != 0
            || first.family != ADDR_V4 || last.family != ADDR_V4 || addr_cmp(&last, &first) < 0)
            return -1;
        *size = addr_span(&first, &last);
        return 0;
    }
    if (parse_prefix(buf, &first) != 0)
        return -1;
    *size = count_pow2(32u - first.prefix);
    return 0;
}

static int add_subnet(kea_config_t *cfg, size_t *cap, json_object *sn, const char *network,
                      char *err, size_t errlen)
{
    kea_subnet_t *s;
    json_object *idv, *prefixv, *pools, *ctx;
    uint64_t id;

    idv = get_typed(sn, "id", json_type_int);
    if (!idv || get_count(idv, &id) != 0 || id == 0 || id > UINT32_MAX) {
        snprintf(err, errlen, "Kea's reply to config-get has a subnet4 entry without a valid id");
        return -1;
    }
    s = vec_grow(cfg->subnets, cap, cfg->count + 1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory while decoding Kea's config-get reply");
        return -1;
    }
    cfg->subnets = s;
    s = &cfg->subnets[cfg->count];
    memset(s, 0, sizeof *s);
    s->id = (uint32_t)id;
    prefixv = get_typed(sn, "subnet", json_type_string);
    if (!prefixv || parse_prefix(json_object_get_string(prefixv), &s->addr) != 0) {
        snprintf(err, errlen, "Kea's reply to config-get has subnet id %u without a valid \"subnet\" prefix",
                 s->id);
        return -1;
    }
    text_copy(s->network, sizeof s->network, network);
    ctx = get_typed(sn, "user-context", json_type_object);
    copy_string(ctx, "comment", s->comment, sizeof s->comment);
    pools = get_typed(sn, "pools", json_type_array);
    if (has_key(sn, "pools") && !pools) {
        snprintf(err, errlen, "Kea's reply to config-get has subnet id %u whose pools are not a list", s->id);
        return -1;
    }
    for (size_t i = 0; pools && i < json_object_array_length(pools); i++) {
        json_object *pv = get_typed(json_object_array_get_idx(pools, i), "pool", json_type_string);
        count_t size;

        if (!pv || pool_size(json_object_get_string(pv), &size) != 0) {
            snprintf(err, errlen, "Kea's reply to config-get has a pool in subnet id %u that is neither "
                     "'FIRST - LAST' nor 'ADDRESS/LEN': %.60s", s->id, pv ? json_object_get_string(pv) : "(none)");
            return -1;
        }
        s->pool_total = count_add(s->pool_total, size);
        s->has_pools = 1;
    }
    cfg->count++;
    return 0;
}

static int add_subnet_list(kea_config_t *cfg, size_t *cap, json_object *parent, const char *network,
                           char *err, size_t errlen)
{
    json_object *list = get_typed(parent, "subnet4", json_type_array);

    if (has_key(parent, "subnet4") && !list) {
        snprintf(err, errlen, "Kea's reply to config-get has a subnet4 that is not a list");
        return -1;
    }
    for (size_t i = 0; list && i < json_object_array_length(list); i++) {
        json_object *sn = json_object_array_get_idx(list, i);

        if (!json_object_is_type(sn, json_type_object)) {
            snprintf(err, errlen, "Kea's reply to config-get has a subnet4 entry that is not an object");
            return -1;
        }
        if (add_subnet(cfg, cap, sn, network, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* The HA hook's parameters, if the hook is loaded. */
static void decode_ha_config(json_object *dhcp4, kea_config_t *cfg)
{
    json_object *hooks = get_typed(dhcp4, "hooks-libraries", json_type_array);

    for (size_t i = 0; hooks && i < json_object_array_length(hooks); i++) {
        json_object *hook = json_object_array_get_idx(hooks, i);
        json_object *lib = get_typed(hook, "library", json_type_string);
        json_object *params, *rels, *rel;

        if (!lib || !strstr(json_object_get_string(lib), "libdhcp_ha"))
            continue;
        cfg->ha_configured = 1;
        params = get_typed(hook, "parameters", json_type_object);
        rels = get_typed(params, "high-availability", json_type_array);
        rel = rels && json_object_array_length(rels) > 0 ? json_object_array_get_idx(rels, 0) : NULL;
        copy_string(rel, "this-server-name", cfg->ha_server, sizeof cfg->ha_server);
        copy_string(rel, "mode", cfg->ha_mode, sizeof cfg->ha_mode);
        return;
    }
}

int kea_decode_config(const char *text, size_t len, kea_config_t *out, char *err, size_t errlen)
{
    json_object *root, *args, *dhcp4, *networks;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(text, len, "config-get", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    dhcp4 = get_typed(args, "Dhcp4", json_type_object);
    if (!dhcp4) {
        json_object_put(root);
        snprintf(err, errlen, "Kea's reply to config-get lacks arguments.Dhcp4 (is this a DHCPv4 server?)");
        return -1;
    }
    rc = add_subnet_list(out, &cap, dhcp4, "", err, errlen);
    networks = get_typed(dhcp4, "shared-networks", json_type_array);
    if (rc == 0 && has_key(dhcp4, "shared-networks") && !networks) {
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
        rc = add_subnet_list(out, &cap, net, name ? json_object_get_string(name) : "", err, errlen);
    }
    if (rc == 0)
        decode_ha_config(dhcp4, out);
    json_object_put(root);
    if (rc != 0)
        kea_config_free(out);
    return rc;
}

static int stat_cmp(const void *a, const void *b)
{
    uint32_t x = ((const kea_stat_t *)a)->id, y = ((const kea_stat_t *)b)->id;

    return x < y ? -1 : x > y;
}

static int stats_grow(kea_stats_t *st, size_t *cap)
{
    kea_stat_t *p = vec_grow(st->rows, cap, st->count + 1, sizeof *p);

    if (!p)
        return -1;
    st->rows = p;
    return 0;
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

int kea_decode_stat_lease4(const char *text, size_t len, kea_stats_t *out, char *err, size_t errlen)
{
    static const char *const names[] = { "subnet-id", "total-addresses", "assigned-addresses",
                                         "declined-addresses" };
    json_object *root, *args, *set, *columns, *rows;
    long col[4];
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(text, len, "stat-lease4-get", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    if (!args) {
        json_object_put(root);
        return 0;
    }
    set = get_typed(args, "result-set", json_type_object);
    columns = get_typed(set, "columns", json_type_array);
    rows = get_typed(set, "rows", json_type_array);
    if (!columns || !rows) {
        json_object_put(root);
        snprintf(err, errlen, "Kea's reply to stat-lease4-get lacks arguments.result-set.%s",
                 columns ? "rows" : "columns");
        return -1;
    }
    for (size_t c = 0; c < 4; c++) {
        col[c] = column_index(columns, names[c]);
        if (col[c] < 0 && c != 1) {
            json_object_put(root);
            snprintf(err, errlen, "Kea's reply to stat-lease4-get lacks the column %s", names[c]);
            return -1;
        }
    }
    for (size_t r = 0; r < json_object_array_length(rows); r++) {
        json_object *row = json_object_array_get_idx(rows, r);
        uint64_t v[4] = { 0 };
        kea_stat_t *s;

        if (!json_object_is_type(row, json_type_array)) {
            snprintf(err, errlen, "Kea's reply to stat-lease4-get has a row that is not a list");
            rc = -1;
            break;
        }
        for (size_t c = 0; c < 4 && rc == 0; c++) {
            if (col[c] < 0)
                continue;
            if (get_count(json_object_array_get_idx(row, (size_t)col[c]), &v[c]) != 0
                || (c == 0 && (v[0] == 0 || v[0] > UINT32_MAX))) {
                snprintf(err, errlen, "Kea's reply to stat-lease4-get has a row whose %s is not a "
                         "whole number from %s", names[c], c == 0 ? "1 to 4294967295" : "0 to 2^32");
                rc = -1;
            }
        }
        if (rc != 0)
            break;
        if (stats_grow(out, &cap) != 0) {
            snprintf(err, errlen, "out of memory while decoding Kea's stat-lease4-get reply");
            rc = -1;
            break;
        }
        s = &out->rows[out->count++];
        s->id = (uint32_t)v[0];
        s->has_total = col[1] >= 0;
        s->total = v[1];
        s->used = v[2];
        s->declined = v[3];
    }
    json_object_put(root);
    if (rc != 0) {
        kea_stats_free(out);
        return -1;
    }
    /* qsort's pointer must not be NULL, even for no rows. */
    if (out->count > 0)
        qsort(out->rows, out->count, sizeof *out->rows, stat_cmp);
    return 0;
}

enum { ST_TOTAL, ST_ASSIGNED, ST_DECLINED };

typedef struct stat_sample {
    uint32_t id;
    int kind;
    uint64_t value;
} stat_sample_t;

static int sample_cmp(const void *a, const void *b)
{
    const stat_sample_t *x = a, *y = b;

    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* "subnet[12].assigned-addresses" -> 12 and ST_ASSIGNED; -1 for any other statistic. */
static int statistic_name(const char *key, uint32_t *id, int *kind)
{
    static const char *const kinds[] = { "total-addresses", "assigned-addresses", "declined-addresses" };
    unsigned long n;
    char *end;

    if (strncmp(key, "subnet[", 7) != 0 || key[7] < '0' || key[7] > '9')
        return -1;
    n = strtoul(key + 7, &end, 10);
    if (end[0] != ']' || end[1] != '.' || n == 0 || n > UINT32_MAX)
        return -1;
    for (int k = 0; k < 3; k++) {
        if (strcmp(end + 2, kinds[k]) == 0) {
            *id = (uint32_t)n;
            *kind = k;
            return 0;
        }
    }
    return -1;
}

/* The newest sample of a statistic: [[value, "timestamp"], ...]. */
static int newest_sample(json_object *samples, uint64_t *value)
{
    json_object *first;

    if (!json_object_is_type(samples, json_type_array) || json_object_array_length(samples) == 0)
        return -1;
    first = json_object_array_get_idx(samples, 0);
    if (!json_object_is_type(first, json_type_array) || json_object_array_length(first) == 0)
        return -1;
    return get_count(json_object_array_get_idx(first, 0), value);
}

int kea_decode_statistics(const char *text, size_t len, kea_stats_t *out, char *err, size_t errlen)
{
    json_object *root, *args;
    stat_sample_t *samples = NULL;
    size_t n = 0, cap = 0, scap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(text, len, "statistic-get-all", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    if (!args) {
        json_object_put(root);
        return 0;
    }
    json_object_object_foreach(args, key, val) {
        stat_sample_t s;

        if (statistic_name(key, &s.id, &s.kind) != 0)
            continue;
        if (newest_sample(val, &s.value) != 0) {
            snprintf(err, errlen, "Kea's reply to statistic-get-all has %.60s without a [value, time] sample "
                     "holding a whole number from 0 to 2^32", key);
            rc = -1;
            break;
        }
        {
            stat_sample_t *p = vec_grow(samples, &cap, n + 1, sizeof *p);

            if (!p) {
                snprintf(err, errlen, "out of memory while decoding Kea's statistic-get-all reply");
                rc = -1;
                break;
            }
            samples = p;
        }
        samples[n++] = s;
    }
    json_object_put(root);
    if (rc == 0 && n > 0)
        qsort(samples, n, sizeof *samples, sample_cmp);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        kea_stat_t *row;
        uint64_t assigned;

        if (out->count == 0 || out->rows[out->count - 1].id != samples[i].id) {
            if (stats_grow(out, &scap) != 0) {
                snprintf(err, errlen, "out of memory while decoding Kea's statistic-get-all reply");
                rc = -1;
                break;
            }
            row = &out->rows[out->count++];
            memset(row, 0, sizeof *row);
            row->id = samples[i].id;
        }
        row = &out->rows[out->count - 1];
        switch (samples[i].kind) {
        case ST_TOTAL:
            row->total = samples[i].value;
            row->has_total = 1;
            break;
        case ST_ASSIGNED:
            /* Here assigned counts declined leases too; samples are sorted so
             * declined (a later kind) is not known yet: keep it and fix below. */
            row->used = samples[i].value;
            break;
        default:
            row->declined = samples[i].value;
            assigned = row->used;
            row->used = assigned > row->declined ? assigned - row->declined : 0;
            break;
        }
    }
    free(samples);
    if (rc != 0) {
        kea_stats_free(out);
        return -1;
    }
    return 0;
}

int kea_decode_ha(const char *text, size_t len, kea_ha_t *out, char *err, size_t errlen)
{
    json_object *root, *args, *rels, *rel, *servers, *local, *remote, *scopes, *ci;
    int rc;

    memset(out, 0, sizeof *out);
    rc = kea_answer(text, len, "status-get", &root, &args, err, errlen);
    if (rc != 0)
        return rc;
    if (!has_key(args, "high-availability")) {
        json_object_put(root);
        return 0;
    }
    rels = get_typed(args, "high-availability", json_type_array);
    rel = rels && json_object_array_length(rels) > 0 ? json_object_array_get_idx(rels, 0) : NULL;
    servers = get_typed(rel, "ha-servers", json_type_object);
    local = get_typed(servers, "local", json_type_object);
    if (!local || !get_typed(local, "state", json_type_string)) {
        json_object_put(root);
        snprintf(err, errlen, "Kea's reply to status-get lacks arguments.high-availability[0].ha-servers.local.state");
        return -1;
    }
    out->present = 1;
    copy_string(rel, "ha-mode", out->mode, sizeof out->mode);
    copy_string(local, "role", out->role, sizeof out->role);
    copy_string(local, "state", out->state, sizeof out->state);
    scopes = get_typed(local, "scopes", json_type_array);
    out->nscopes = scopes ? (int)json_object_array_length(scopes) : 0;
    remote = get_typed(servers, "remote", json_type_object);
    if (remote) {
        out->has_partner = 1;
        copy_string(remote, "role", out->partner_role, sizeof out->partner_role);
        copy_string(remote, "last-state", out->partner_state, sizeof out->partner_state);
        ci = get_typed(remote, "communication-interrupted", json_type_boolean);
        out->communication_interrupted = ci && json_object_get_boolean(ci);
    }
    json_object_put(root);
    return 0;
}

int kea_ha_plugin_state(const kea_ha_t *ha)
{
    static const char *const ok[] = { "load-balancing", "hot-standby", "passive-backup", "backup" };
    static const char *const critical[] = { "partner-down", "terminated" };

    if (!ha->present)
        return STATE_OK;
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

const kea_stat_t *kea_stats_find(kea_stats_t *stats, uint32_t id)
{
    kea_stat_t key;

    key.id = id;
    if (stats->count == 0)
        return NULL;
    return bsearch(&key, stats->rows, stats->count, sizeof *stats->rows, stat_cmp);
}

void kea_config_free(kea_config_t *cfg)
{
    free(cfg->subnets);
    memset(cfg, 0, sizeof *cfg);
}

void kea_stats_free(kea_stats_t *stats)
{
    free(stats->rows);
    memset(stats, 0, sizeof *stats);
}
