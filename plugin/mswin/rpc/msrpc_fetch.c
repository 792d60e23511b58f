#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcpm_ndr.h"
#include "mswin_map.h"
#include "mswin_source.h"
#include "msrpc_conn.h"
#include "os.h"
#include "vec.h"

/* The mswin source outside Windows: what check_dhcp_scope.exe reads through
 * dhcpsapi (plugin/mswin/mswin_source.c), read over MS-DHCPM from Linux, so
 * that the same server data gives the same output. Sentences name the calls
 * by their dhcpsapi names, as the .exe's do.
 *
 * Where the .exe makes one round trip after another, this makes three:
 * the listings (subnets, MIB counters, failover relationships, superscopes)
 * at once, then every scope's subnet info and every failover scope's
 * statistics at once, then nothing. Failures are judged afterwards in the
 * .exe's order, so that the same fault gives the same sentence. */

const char mswin_missing[] = "";

#define MSWIN_PREFERRED_MAX 0xFFFFFFFFu
#define MSWIN_MAX_PAGES 100000u

enum { C_ENUM, C_MIB, C_FO_ENUM, C_SUPER, C_FIRST_COUNT };

typedef struct fetch {
    msrpc_t *m;
    const mswin_options_t *opt;
    const char *host;
    char *err;
    size_t errlen;
} fetch_t;

/* Like the .exe's: a failed call's sentence, SOURCE_DOWN or SOURCE_ERROR. */
static int call_failed(const fetch_t *f, const char *call, uint32_t code, uint32_t scope_addr)
{
    mswin_call_error_t e = { 0 };
    char scope[ADDR_TEXT_MAX];

    e.code = code;
    e.call = call;
    e.failover_call = mswin_is_failover_call(call);
    e.server = f->host;
    if (scope_addr) {
        addr_t a = addr_v4(scope_addr, 32);

        addr_format(&a, scope, sizeof scope);
        e.scope = scope;
    }
    e.account = msrpc_account(f->m);
    e.logon = 1;
    mswin_error_sentence(&e, f->err, f->errlen);
    return mswin_error_is_down(code) ? SOURCE_DOWN : SOURCE_ERROR;
}

/* A call that came back without a reply: as a Win32 code where dhcpsapi
 * would have returned one (access denied as a fault), else its own sentence.
 * Returns 0 and sets *code, or the fetch's result. */
static int transport_status(const fetch_t *f, const msrpc_call_t *c, const char *call, uint32_t *code)
{
    if (c->ntstatus == 0)
        return 0;
    if (msrpc_win32_code(c->ntstatus, code) == 0)
        return 0;
    return msrpc_call_sentence(f->m, call, c->ntstatus, f->err, f->errlen);
}

/* UTF-8 into a fixed field, cut at a character boundary. */
static void utf8_copy(char *dst, size_t dstlen, const char *src)
{
    size_t len = src ? strlen(src) : 0;

    if (len >= dstlen) {
        len = dstlen - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    if (len)
        memcpy(dst, src, len);
    dst[len] = '\0';
}

static int push_addr(uint32_t **addrs, size_t *n, size_t *cap, uint32_t addr)
{
    uint32_t *a = vec_grow(*addrs, cap, *n + 1, sizeof *a);

    if (!a)
        return -1;
    *addrs = a;
    a[(*n)++] = addr;
    return 0;
}

/* -s names addresses or prefixes only: read those scopes, skip the listing
 * (as the .exe does). */
static int wanted_addrs(const source_ctx_t *ctx, uint32_t **addrs, size_t *n)
{
    size_t cap = 0;

    if (ctx->nscopes == 0)
        return 0;
    for (size_t i = 0; i < ctx->nscopes; i++) {
        const char *p = ctx->scopes[i], *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p), j;
        addr_t a;
        uint32_t addr;

        if (addr_parse(p, len, &a) != 0 || a.family != ADDR_V4)
            goto names;
        addr = addr_v4_host(&a);
        for (j = 0; j < *n && (*addrs)[j] != addr; j++)
            ;
        if (j == *n && push_addr(addrs, n, &cap, addr))
            goto names;
    }
    return 1;
names:
    free(*addrs);
    *addrs = NULL;
    *n = 0;
    return 0;
}

static int request(const fetch_t *f, msrpc_call_t *c, enum msrpc_iface iface, uint32_t opnum, int kind,
                   uint32_t arg, uint32_t arg2)
{
    TALLOC_CTX *mem = msrpc_mem(f->m);
    int rc;

    memset(c, 0, sizeof *c);
    c->iface = iface;
    c->opnum = opnum;
    c->name = opnum == DHCPM_OP_ENUM_SUBNETS ? "DhcpEnumSubnets"
            : opnum == DHCPM_OP_GET_SUBNET_INFO ? "DhcpGetSubnetInfo"
            : opnum == DHCPM_OP_GET_MIB_INFO_V5 ? "DhcpGetMibInfoV5"
            : opnum == DHCPM_OP_FO_ENUM_RELATIONSHIP ? "DhcpV4FailoverEnumRelationship"
            : opnum == DHCPM_OP_FO_GET_SCOPE_STATISTICS ? "DhcpV4FailoverGetScopeStatistics"
            : opnum == DHCPM_OP_GET_SUPERSCOPE_INFO_V4 ? "DhcpGetSuperScopeInfoV4" : "a call";
    switch (kind) {
    case 0:
        rc = dhcpm_req_server_only(mem, &c->in);
        break;
    case 1:
        rc = dhcpm_req_enum(mem, arg, arg2, &c->in);
        break;
    default:
        rc = dhcpm_req_ip4(mem, arg, &c->in);
        break;
    }
    if (rc)
        snprintf(f->err, f->errlen, "out of memory while asking %s", f->host);
    return rc ? SOURCE_ERROR : 0;
}

/* The subnet listing, following ERROR_MORE_DATA page by page from the
 * first page's reply (already in c). */
static int list_subnets(const fetch_t *f, msrpc_call_t *c, uint32_t **addrs, size_t *n)
{
    size_t cap = 0;
    char stage[300];

    snprintf(stage, sizeof stage, "listing the scopes of %s (DhcpEnumSubnets)", f->host);
    for (unsigned page = 0; page < MSWIN_MAX_PAGES; page++) {
        dhcpm_enum_subnets_t r;
        uint32_t code = 0;
        int rc;

        if (page > 0) {
            if ((rc = msrpc_run(f->m, c, 1, stage, f->err, f->errlen)))
                return rc;
        }
        if ((rc = transport_status(f, c, "DhcpEnumSubnets", &code)))
            return rc;
        if (!code) {
            if (dhcpm_rep_enum_subnets(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
                return SOURCE_ERROR;
            code = r.status;
        }
        if (code == MSWIN_ERROR_NO_MORE_ITEMS)
            return 0;
        if (code != MSWIN_ERROR_SUCCESS && code != MSWIN_ERROR_MORE_DATA)
            return call_failed(f, "DhcpEnumSubnets", code, 0);
        for (uint32_t i = 0; r.addrs && i < r.n; i++)
            if (push_addr(addrs, n, &cap, r.addrs[i])) {
                snprintf(f->err, f->errlen, "out of memory while reading the scopes");
                return SOURCE_ERROR;
            }
        if (code == MSWIN_ERROR_SUCCESS)
            return 0;
        if (!r.addrs || r.n == 0)
            break;
        if ((rc = request(f, c, MSRPC_DHCPSRV, DHCPM_OP_ENUM_SUBNETS, 1, r.resume, MSWIN_PREFERRED_MAX)))
            return rc;
    }
    snprintf(f->err, f->errlen, "DhcpEnumSubnets on %s kept answering ERROR_MORE_DATA without sending scopes",
             f->host);
    return SOURCE_ERROR;
}

/* The failover relationships, page by page; a server without failover has
 * none. rels collects the decoded pages. */
static int list_relationships(const fetch_t *f, msrpc_call_t *c, dhcpm_fo_enum_t **pages, size_t *npages)
{
    size_t cap = 0;
    char stage[300];

    snprintf(stage, sizeof stage, "listing the failover relationships of %s (DhcpV4FailoverEnumRelationship)",
             f->host);
    for (unsigned page = 0; page < MSWIN_MAX_PAGES; page++) {
        dhcpm_fo_enum_t r, *p;
        uint32_t code = 0;
        int rc;

        if (page > 0 && (rc = msrpc_run(f->m, c, 1, stage, f->err, f->errlen)))
            return rc;
        if ((rc = transport_status(f, c, "DhcpV4FailoverEnumRelationship", &code)))
            return rc;
        if (!code) {
            if (dhcpm_rep_fo_enum(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
                return SOURCE_ERROR;
            code = r.status;
        }
        if (code == MSWIN_ERROR_NO_MORE_ITEMS || mswin_error_kind(code, 1) == MSWIN_ERR_NO_FAILOVER)
            return 0;
        if (code != MSWIN_ERROR_SUCCESS && code != MSWIN_ERROR_MORE_DATA)
            return call_failed(f, "DhcpV4FailoverEnumRelationship", code, 0);
        if (!(p = vec_grow(*pages, &cap, *npages + 1, sizeof *p))) {
            snprintf(f->err, f->errlen, "out of memory while reading the failover relationships");
            return SOURCE_ERROR;
        }
        *pages = p;
        p[(*npages)++] = r;
        if (code == MSWIN_ERROR_SUCCESS)
            return 0;
        if (!r.rels || r.n == 0)
            break;
        if ((rc = request(f, c, MSRPC_DHCPSRV2, DHCPM_OP_FO_ENUM_RELATIONSHIP, 1, r.resume, MSWIN_PREFERRED_MAX)))
            return rc;
    }
    snprintf(f->err, f->errlen, "DhcpV4FailoverEnumRelationship on %s kept answering ERROR_MORE_DATA without "
             "sending failover relationships", f->host);
    return SOURCE_ERROR;
}

static scope_t *find_scope(scope_list_t *list, uint32_t addr)
{
    addr_t a = addr_v4(addr, 32);

    return scope_find(list, &a);
}

/* One scope's DhcpGetSubnetInfo answer, as the .exe's read_subnets takes it. */
static int add_subnet(const fetch_t *f, const msrpc_call_t *c, uint32_t addr, int named, scope_list_t *out)
{
    dhcpm_get_subnet_info_t r = { 0 };
    uint32_t code = 0;
    char text[ADDR_TEXT_MAX];
    addr_t a = addr_v4(addr, 32);
    int rc, enabled, prefix;
    scope_t *s;

    if ((rc = transport_status(f, c, "DhcpGetSubnetInfo", &code)))
        return rc;
    if (!code) {
        if (dhcpm_rep_subnet_info(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
            return SOURCE_ERROR;
        code = r.status;
    }
    if (code != MSWIN_ERROR_SUCCESS || !r.info) {
        /* A scope deleted since the listing is simply gone; one named with
         * -s must exist. */
        if (code == MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT && !named)
            return 0;
        return call_failed(f, "DhcpGetSubnetInfo", code ? code : MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT, addr);
    }
    /* DHCP_SUBNET_STATE: Enabled 0, EnabledSwitched 2. */
    enabled = r.info->state == 0 || r.info->state == 2;
    if (!enabled && !f->opt->include_disabled) {
        if (named) {
            addr_format(&a, text, sizeof text);
            snprintf(f->err, f->errlen, "scope %s is disabled on %s: enable it, or add --include-disabled to "
                     "check it anyway", text, f->host);
            return SOURCE_ERROR;
        }
        return 0;
    }
    if (!(s = scope_add(out))) {
        snprintf(f->err, f->errlen, "out of memory while reading the scopes");
        return SOURCE_ERROR;
    }
    prefix = addr_mask_prefix(r.info->mask);
    s->addr = addr_v4(r.info->address ? r.info->address : addr, prefix < 0 ? 32u : (unsigned)prefix);
    utf8_copy(s->name, sizeof s->name, r.info->name);
    return 0;
}

static int apply_mib(const fetch_t *f, const msrpc_call_t *c, scope_list_t *out)
{
    dhcpm_mib_t r = { 0 };
    uint32_t code = 0;
    int rc;

    if ((rc = transport_status(f, c, "DhcpGetMibInfoV5", &code)))
        return rc;
    if (!code) {
        if (dhcpm_rep_mib(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
            return SOURCE_ERROR;
        code = r.status;
    }
    if (code != MSWIN_ERROR_SUCCESS || !r.has_mib)
        return call_failed(f, "DhcpGetMibInfoV5", code, 0);
    for (uint32_t i = 0; r.scope && i < r.scopes; i++) {
        scope_t *s = find_scope(out, r.scope[i].subnet);

        if (!s)
            continue;
        s->used = count_of(r.scope[i].in_use);
        s->free = count_of(r.scope[i].free);
        s->total = count_add(s->used, s->free);
    }
    return 0;
}

static int add_relationship(const dhcpm_fo_rel_t *r, scope_list_t *out)
{
    int idx = scope_failover_add(out);
    scope_failover_t *fo;

    if (idx < 0)
        return -1;
    fo = &out->failovers[idx];
    utf8_copy(fo->name, sizeof fo->name, r->name);
    text_copy(fo->mode, sizeof fo->mode, mswin_mode_name(r->mode));
    text_copy(fo->role, sizeof fo->role, mswin_role_name(r->server_type));
    mswin_fsm_name(r->state, fo->state, sizeof fo->state);
    fo->plugin_state = mswin_fsm_plugin_state(r->state);
    for (uint32_t i = 0; r->scopes && i < r->nscopes; i++) {
        scope_t *s = find_scope(out, r->scopes[i]);

        if (s)
            s->failover = idx;
    }
    return 0;
}

/* Superscope names: only a label, so a failure costs nothing but them. */
static void apply_superscopes(const fetch_t *f, const msrpc_call_t *c, scope_list_t *out)
{
    dhcpm_superscope_t r = { 0 };
    char ignored[256];

    if (c->ntstatus != 0 || dhcpm_rep_superscope(msrpc_mem(f->m), c->out, c->out_len, &r, ignored, sizeof ignored)
        || r.status != MSWIN_ERROR_SUCCESS)
        return;
    for (uint32_t i = 0; r.entries && i < r.n; i++) {
        scope_t *s = find_scope(out, r.entries[i].subnet);

        if (s)
            utf8_copy(s->group, sizeof s->group, r.entries[i].name);
    }
}

/* One failover scope's statistics, as the .exe's read_failover_stats takes them. */
static int apply_fo_stats(const fetch_t *f, const msrpc_call_t *c, scope_t *s)
{
    dhcpm_fo_stats_t r = { 0 };
    uint32_t code = 0;
    int rc;

    if ((rc = transport_status(f, c, "DhcpV4FailoverGetScopeStatistics", &code)))
        return rc;
    if (!code) {
        if (dhcpm_rep_fo_stats(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
            return SOURCE_ERROR;
        code = r.status;
    }
    if (code != MSWIN_ERROR_SUCCESS || !r.has_stats) {
        /* Left the relationship since it was listed: the MIB figures stand. */
        if (code == MSWIN_ERROR_SUCCESS || mswin_error_kind(code, 1) == MSWIN_ERR_NOT_IN_FAILOVER
            || mswin_error_kind(code, 1) == MSWIN_ERR_NO_FAILOVER) {
            s->failover = -1;
            return 0;
        }
        return call_failed(f, "DhcpV4FailoverGetScopeStatistics", code, addr_v4_host(&s->addr));
    }
    s->total = count_of(r.num_addr);
    s->free = count_of(r.addr_free);
    s->used = count_of(r.addr_in_use);
    s->has_free_split = 1;
    s->this_free = count_of(r.this_addr_free);
    s->partner_free = count_of(r.partner_addr_free);
    s->has_used_split = 1;
    s->this_used = count_of(r.this_addr_in_use);
    s->partner_used = count_of(r.partner_addr_in_use);
    return 0;
}

/* The addresses of every scope in a relationship, once each, for the
 * statistics calls that go out beside the subnet info calls. */
static int failover_addrs(const dhcpm_fo_enum_t *pages, size_t npages, const uint32_t *wanted, size_t nwanted,
                          int named, uint32_t **out, size_t *n)
{
    size_t cap = 0;

    for (size_t p = 0; p < npages; p++)
        for (uint32_t i = 0; pages[p].rels && i < pages[p].n; i++) {
            const dhcpm_fo_rel_t *r = &pages[p].rels[i];

            for (uint32_t k = 0; r->scopes && k < r->nscopes; k++) {
                uint32_t a = r->scopes[k];
                size_t j;

                if (named) {
                    for (j = 0; j < nwanted && wanted[j] != a; j++)
                        ;
                    if (j == nwanted)
                        continue;
                }
                for (j = 0; j < *n && (*out)[j] != a; j++)
                    ;
                if (j == *n && push_addr(out, n, &cap, a))
                    return -1;
            }
        }
    return 0;
}

static int fetch_v4(fetch_t *f, const source_ctx_t *ctx, scope_list_t *out)
{
    msrpc_call_t first[C_FIRST_COUNT], *calls = NULL;
    dhcpm_fo_enum_t *pages = NULL;
    uint32_t *addrs = NULL, *fo_addrs = NULL;
    size_t n = 0, npages = 0, nfo = 0;
    char stage[400], fo_err[1024] = "";
    fetch_t fo = *f;
    int named, rc, fo_rc;

    named = wanted_addrs(ctx, &addrs, &n);
    if ((rc = request(f, &first[C_ENUM], MSRPC_DHCPSRV, DHCPM_OP_ENUM_SUBNETS, 1, 0, MSWIN_PREFERRED_MAX))
        || (rc = request(f, &first[C_MIB], MSRPC_DHCPSRV2, DHCPM_OP_GET_MIB_INFO_V5, 0, 0, 0))
        || (rc = request(f, &first[C_FO_ENUM], MSRPC_DHCPSRV2, DHCPM_OP_FO_ENUM_RELATIONSHIP, 1, 0,
                         MSWIN_PREFERRED_MAX))
        || (rc = request(f, &first[C_SUPER], MSRPC_DHCPSRV, DHCPM_OP_GET_SUPERSCOPE_INFO_V4, 0, 0, 0)))
        goto done;
    snprintf(stage, sizeof stage, "reading the scope list, address counts, failover relationships and "
             "superscopes of %s (DhcpEnumSubnets, DhcpGetMibInfoV5, DhcpV4FailoverEnumRelationship, "
             "DhcpGetSuperScopeInfoV4)", f->host);
    /* With -s by address the listing is not needed (as in the .exe). */
    if ((rc = msrpc_run(f->m, named ? first + 1 : first, named ? C_FIRST_COUNT - 1 : C_FIRST_COUNT, stage,
                        f->err, f->errlen)))
        goto done;
    if (!named && (rc = list_subnets(f, &first[C_ENUM], &addrs, &n)))
        goto done;
    /* Its scope lists decide which statistics to ask for; a failure is
     * told only after the subnets', as the .exe would meet it. */
    fo.err = fo_err;
    fo.errlen = sizeof fo_err;
    fo_rc = list_relationships(&fo, &first[C_FO_ENUM], &pages, &npages);
    if (!fo_rc && failover_addrs(pages, npages, addrs, n, named, &fo_addrs, &nfo)) {
        snprintf(f->err, f->errlen, "out of memory while reading the failover relationships");
        rc = SOURCE_ERROR;
        goto done;
    }
    if (!(calls = calloc(n + nfo ? n + nfo : 1, sizeof *calls))) {
        snprintf(f->err, f->errlen, "out of memory while reading the scopes");
        rc = SOURCE_ERROR;
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if ((rc = request(f, &calls[i], MSRPC_DHCPSRV, DHCPM_OP_GET_SUBNET_INFO, 2, addrs[i], 0)))
            goto done;
    for (size_t i = 0; i < nfo; i++)
        if ((rc = request(f, &calls[n + i], MSRPC_DHCPSRV2, DHCPM_OP_FO_GET_SCOPE_STATISTICS, 2, fo_addrs[i], 0)))
            goto done;
    snprintf(stage, sizeof stage, "reading %zu scopes and the failover statistics of %zu from %s "
             "(DhcpGetSubnetInfo, DhcpV4FailoverGetScopeStatistics)", n, nfo, f->host);
    if (n + nfo && (rc = msrpc_run(f->m, calls, n + nfo, stage, f->err, f->errlen)))
        goto done;
    for (size_t i = 0; i < n; i++)
        if ((rc = add_subnet(f, &calls[i], addrs[i], named, out)))
            goto done;
    scope_list_sort(out);
    if ((rc = apply_mib(f, &first[C_MIB], out)))
        goto done;
    if ((rc = fo_rc) != 0) {
        snprintf(f->err, f->errlen, "%s", fo_err);
        goto done;
    }
    for (size_t p = 0; p < npages; p++)
        for (uint32_t i = 0; pages[p].rels && i < pages[p].n; i++)
            if (add_relationship(&pages[p].rels[i], out)) {
                snprintf(f->err, f->errlen, "out of memory while reading the failover relationships");
                rc = SOURCE_ERROR;
                goto done;
            }
    apply_superscopes(f, &first[C_SUPER], out);
    for (size_t i = 0; i < out->count; i++) {
        scope_t *s = &out->items[i];
        uint32_t a = addr_v4_host(&s->addr);
        size_t j;

        if (s->failover < 0)
            continue;
        for (j = 0; j < nfo && fo_addrs[j] != a; j++)
            ;
        if (j == nfo) {
            s->failover = -1;
            continue;
        }
        if ((rc = apply_fo_stats(f, &calls[n + j], s)))
            goto done;
    }
    rc = 0;
done:
    free(calls);
    free(addrs);
    free(fo_addrs);
    free(pages);
    return rc;
}

int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    const mswin_options_t *opt = opts;
    msrpc_params_t p = { 0 };
    fetch_t f = { 0 };
    unsigned families;
    int rc;

    if (mswin_family(opt->family, &families, err, errlen))
        return SOURCE_ERROR;
    /* TODO(issue DHCPv6): IPv6 scopes through R_DhcpEnumSubnetsV6. */
    if (!(families & MSWIN_FAMILY_V4)) {
        snprintf(err, errlen, "--family %s: this version reads IPv4 scopes only", opt->family);
        return SOURCE_ERROR;
    }
    if (!opt->hostname) {
        snprintf(err, errlen, "--source mswin needs -H SERVER here: the Windows DHCP server to ask over RPC "
                 "(only check_dhcp_scope.exe, on Windows, can ask the computer it runs on)");
        return SOURCE_ERROR;
    }
    p.host = opt->hostname;
    p.port = (unsigned)opt->port;
    p.credentials = opt->credentials;
    p.keytab = opt->keytab;
    p.principal = opt->principal;
    p.verbose = ctx->verbose;
    if ((rc = msrpc_open(&p, &f.m, err, errlen)))
        return rc;
    f.opt = opt;
    f.host = opt->hostname;
    f.err = err;
    f.errlen = errlen;
    rc = fetch_v4(&f, ctx, out);
    msrpc_close(f.m);
    return rc;
}
