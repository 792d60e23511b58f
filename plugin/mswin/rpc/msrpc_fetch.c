/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcpm_ndr.h"
#include "mswin_map.h"
#include "mswin_scopes.h"
#include "mswin_source.h"
#include "msrpc_conn.h"
#include "os.h"
#include "vec.h"

/* The mswin source outside Windows: what check_dhcp_scope.exe reads through
 * dhcpsapi (plugin/mswin/mswin_source.c), read over MS-DHCPM from Linux, so
 * that the same server data gives the same output. Sentences name the calls
 * by their dhcpsapi names, as the .exe's do.
 *
 * Where the .exe makes one round trip after another, this makes few: the
 * listings of both families (subnets, MIB counters, failover relationships,
 * superscopes, IPv6 subnets and MIB counters) at once, the further pages of
 * a listing, then every scope's subnet info and every failover scope's
 * statistics at once. Failures are judged afterwards in the .exe's order
 * (the IPv4 scopes, then the IPv6 ones), so that the same fault gives the
 * same sentence; a reply the .exe would not have asked for (the IPv6
 * counters of a server without IPv6 scopes) is not looked at. */

#define MSWIN_PREFERRED_MAX 0xFFFFFFFFu
#define MSWIN_MAX_PAGES 100000u

/* The listings, asked for together. */
enum { C_ENUM, C_MIB, C_FO_ENUM, C_SUPER, C_ENUM6, C_MIB6, C_FIRST_COUNT };

typedef struct fetch {
    msrpc_t *m;
    const mswin_options_t *opt;
    const char *host;
    char *err;
    size_t errlen;
} fetch_t;

/* Like the .exe's: a failed call's sentence, SOURCE_DOWN or SOURCE_ERROR;
 * scope_addr is the scope the call was about, or NULL. */
static int call_failed(const fetch_t *f, const char *call, uint32_t code, const addr_t *scope_addr)
{
    mswin_call_error_t e = { 0 };
    char scope[ADDR_TEXT_MAX];

    e.code = code;
    e.call = call;
    e.failover_call = mswin_is_failover_call(call);
    e.server = f->host;
    if (scope_addr) {
        addr_format(scope_addr, scope, sizeof scope);
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

static int push_u32(uint32_t **addrs, size_t *n, size_t *cap, uint32_t addr)
{
    uint32_t *a = vec_grow(*addrs, cap, *n + 1, sizeof *a);

    if (!a)
        return -1;
    *addrs = a;
    a[(*n)++] = addr;
    return 0;
}

static addr_t addr_of_ip6(const dhcpm_ip6_t *ip, unsigned prefix)
{
    addr_t a = { 0 };

    a.family = ADDR_V6;
    a.prefix = (uint8_t)prefix;
    memcpy(a.bytes, ip->b, 16);
    return a;
}

static const char *call_name(uint32_t opnum)
{
    switch (opnum) {
    case DHCPM_OP_ENUM_SUBNETS:
        return "DhcpEnumSubnets";
    case DHCPM_OP_GET_SUBNET_INFO:
        return "DhcpGetSubnetInfo";
    case DHCPM_OP_GET_MIB_INFO_V5:
        return "DhcpGetMibInfoV5";
    case DHCPM_OP_FO_ENUM_RELATIONSHIP:
        return "DhcpV4FailoverEnumRelationship";
    case DHCPM_OP_FO_GET_SCOPE_STATISTICS:
        return "DhcpV4FailoverGetScopeStatistics";
    case DHCPM_OP_GET_SUPERSCOPE_INFO_V4:
        return "DhcpGetSuperScopeInfoV4";
    case DHCPM_OP_ENUM_SUBNETS_V6:
        return "DhcpEnumSubnetsV6";
    case DHCPM_OP_GET_SUBNET_INFO_V6:
        return "DhcpGetSubnetInfoV6";
    case DHCPM_OP_GET_MIB_INFO_V6:
        return "DhcpGetMibInfoV6";
    default:
        return "a call";
    }
}

/* The arguments a request carries. */
enum req_kind { REQ_SERVER_ONLY, REQ_ENUM, REQ_IP4, REQ_IP6 };

static int request(const fetch_t *f, msrpc_call_t *c, enum msrpc_iface iface, uint32_t opnum, enum req_kind kind,
                   uint32_t arg, uint32_t arg2, const addr_t *a6)
{
    TALLOC_CTX *mem = msrpc_mem(f->m);
    int rc;

    memset(c, 0, sizeof *c);
    c->iface = iface;
    c->opnum = opnum;
    c->name = call_name(opnum);
    switch (kind) {
    case REQ_SERVER_ONLY:
        rc = dhcpm_req_server_only(mem, &c->in);
        break;
    case REQ_ENUM:
        rc = dhcpm_req_enum(mem, arg, arg2, &c->in);
        break;
    case REQ_IP4:
        rc = dhcpm_req_ip4(mem, arg, &c->in);
        break;
    default:
        rc = dhcpm_req_ip6(mem, a6->bytes, &c->in);
        break;
    }
    if (rc)
        snprintf(f->err, f->errlen, "out of memory while asking %s", f->host);
    return rc ? SOURCE_ERROR : 0;
}

/* A listing, following ERROR_MORE_DATA page by page from the first page's
 * reply (already in c): the IPv4 or the IPv6 subnets. */
static int list_subnets(const fetch_t *f, msrpc_call_t *c, int v6, mswin_addrs_t *addrs)
{
    const char *call = v6 ? "DhcpEnumSubnetsV6" : "DhcpEnumSubnets";
    char stage[300];

    snprintf(stage, sizeof stage, "listing the %sscopes of %s (%s)", v6 ? "IPv6 " : "", f->host, call);
    for (unsigned page = 0; page < MSWIN_MAX_PAGES; page++) {
        dhcpm_enum_subnets_t r;
        uint32_t code = 0;
        int rc;

        if (page > 0 && (rc = msrpc_run(f->m, c, 1, stage, f->err, f->errlen)))
            return rc;
        if ((rc = transport_status(f, c, call, &code)))
            return rc;
        if (!code) {
            if ((v6 ? dhcpm_rep_enum_subnets6 : dhcpm_rep_enum_subnets)(msrpc_mem(f->m), c->out, c->out_len, &r,
                                                                         f->err, f->errlen))
                return SOURCE_ERROR;
            code = r.status;
        }
        if (code == MSWIN_ERROR_NO_MORE_ITEMS)
            return 0;
        if (code != MSWIN_ERROR_SUCCESS && code != MSWIN_ERROR_MORE_DATA)
            return call_failed(f, call, code, NULL);
        for (uint32_t i = 0; i < r.n && (v6 ? r.addrs6 != NULL : r.addrs != NULL); i++) {
            addr_t a = v6 ? addr_of_ip6(&r.addrs6[i], 128) : addr_v4(r.addrs[i], 32);

            if (mswin_addrs_push(addrs, &a)) {
                snprintf(f->err, f->errlen, "out of memory while reading the %sscopes", v6 ? "IPv6 " : "");
                return SOURCE_ERROR;
            }
        }
        if (code == MSWIN_ERROR_SUCCESS)
            return 0;
        if (r.n == 0 || (v6 ? !r.addrs6 : !r.addrs))
            break;
        if ((rc = request(f, c, v6 ? MSRPC_DHCPSRV2 : MSRPC_DHCPSRV, v6 ? DHCPM_OP_ENUM_SUBNETS_V6
                          : DHCPM_OP_ENUM_SUBNETS, REQ_ENUM, r.resume, MSWIN_PREFERRED_MAX, NULL)))
            return rc;
    }
    snprintf(f->err, f->errlen, "%s on %s kept answering ERROR_MORE_DATA without sending %sscopes", call, f->host,
             v6 ? "IPv6 " : "");
    return SOURCE_ERROR;
}

/* The failover relationships, page by page; a server without failover has
 * none. pages collects the decoded pages. */
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
            return call_failed(f, "DhcpV4FailoverEnumRelationship", code, NULL);
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
        if ((rc = request(f, c, MSRPC_DHCPSRV2, DHCPM_OP_FO_ENUM_RELATIONSHIP, REQ_ENUM, r.resume,
                          MSWIN_PREFERRED_MAX, NULL)))
            return rc;
    }
    snprintf(f->err, f->errlen, "DhcpV4FailoverEnumRelationship on %s kept answering ERROR_MORE_DATA without "
             "sending failover relationships", f->host);
    return SOURCE_ERROR;
}

/* One scope's DhcpGetSubnetInfo answer, as the .exe's read_subnets takes it. */
static int add_subnet(const fetch_t *f, const msrpc_call_t *c, const addr_t *a, int named, scope_list_t *out)
{
    dhcpm_get_subnet_info_t r = { 0 };
    uint32_t code = 0;
    int rc, prefix;
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
        return call_failed(f, "DhcpGetSubnetInfo", code ? code : MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT, a);
    }
    if ((rc = mswin_state_checked(r.info->state, f->opt->include_disabled, named, a, f->host, f->err, f->errlen)) <= 0)
        return rc;
    if (!(s = scope_add(out))) {
        snprintf(f->err, f->errlen, "out of memory while reading the scopes");
        return SOURCE_ERROR;
    }
    prefix = addr_mask_prefix(r.info->mask);
    s->addr = addr_v4(r.info->address ? r.info->address : addr_v4_host(a), prefix < 0 ? 32u : (unsigned)prefix);
    text_copy_utf8(s->name, sizeof s->name, r.info->name);
    return 0;
}

/* One IPv6 scope's DhcpGetSubnetInfoV6 answer, as the .exe's
 * read_subnets_v6 takes it. */
static int add_subnet6(const fetch_t *f, const msrpc_call_t *c, const addr_t *a, int named, scope_list_t *out)
{
    dhcpm_get_subnet_info6_t r = { 0 };
    uint32_t code = 0;
    char text[ADDR_TEXT_MAX];
    static const uint8_t zero[16];
    int rc;
    scope_t *s;

    if ((rc = transport_status(f, c, "DhcpGetSubnetInfoV6", &code)))
        return rc;
    if (!code) {
        if (dhcpm_rep_subnet_info6(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
            return SOURCE_ERROR;
        code = r.status;
    }
    if (code != MSWIN_ERROR_SUCCESS || !r.info) {
        if (code == MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT && !named)
            return 0;
        return call_failed(f, "DhcpGetSubnetInfoV6", code ? code : MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT, a);
    }
    if (r.info->prefix > 128) {
        addr_format(a, text, sizeof text);
        snprintf(f->err, f->errlen, "DhcpGetSubnetInfoV6 on %s reported prefix length %lu for IPv6 scope %s, "
                 "which is not 0 to 128", f->host, (unsigned long)r.info->prefix, text);
        return SOURCE_ERROR;
    }
    if ((rc = mswin_state_checked(r.info->state, f->opt->include_disabled, named, a, f->host, f->err, f->errlen)) <= 0)
        return rc;
    if (!(s = scope_add(out))) {
        snprintf(f->err, f->errlen, "out of memory while reading the scopes");
        return SOURCE_ERROR;
    }
    if (memcmp(r.info->address.b, zero, 16) != 0) {
        s->addr = addr_of_ip6(&r.info->address, r.info->prefix);
    } else {
        s->addr = *a;
        s->addr.prefix = (uint8_t)r.info->prefix;
    }
    text_copy_utf8(s->name, sizeof s->name, r.info->name);
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
        return call_failed(f, "DhcpGetMibInfoV5", code, NULL);
    for (uint32_t i = 0; r.scope && i < r.scopes; i++) {
        scope_t *s = mswin_scope_v4(out, r.scope[i].subnet);

        if (s)
            mswin_set_counts(s, r.scope[i].in_use, r.scope[i].free);
    }
    return 0;
}

/* In-use and free of every IPv6 scope, 64-bit counts. */
static int apply_mib6(const fetch_t *f, const msrpc_call_t *c, scope_list_t *out)
{
    dhcpm_mib6_t r = { 0 };
    uint32_t code = 0;
    int rc;

    if ((rc = transport_status(f, c, "DhcpGetMibInfoV6", &code)))
        return rc;
    if (!code) {
        if (dhcpm_rep_mib6(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
            return SOURCE_ERROR;
        code = r.status;
    }
    if (code != MSWIN_ERROR_SUCCESS || !r.has_mib)
        return call_failed(f, "DhcpGetMibInfoV6", code, NULL);
    for (uint32_t i = 0; r.scope && i < r.scopes; i++) {
        addr_t a = addr_of_ip6(&r.scope[i].subnet, 128);
        scope_t *s = scope_find(out, &a);

        if (s)
            mswin_set_counts(s, r.scope[i].in_use, r.scope[i].free);
    }
    return 0;
}

static int add_relationship(const dhcpm_fo_rel_t *r, scope_list_t *out)
{
    int idx = mswin_add_relationship(out, r->name, r->mode, r->server_type, r->state);

    if (idx < 0)
        return -1;
    for (uint32_t i = 0; r->scopes && i < r->nscopes; i++) {
        scope_t *s = mswin_scope_v4(out, r->scopes[i]);

        if (s)
            s->failover = idx;
    }
    return 0;
}

/* Superscope membership, for every scope in one call. The core judges a
 * superscope's members as one pool (unless --per-subnet), so a server that
 * cannot tell it is an error, as in the .exe. */
static int apply_superscopes(const fetch_t *f, const msrpc_call_t *c, scope_list_t *out)
{
    dhcpm_superscope_t r = { 0 };
    uint32_t code = 0;
    int rc;

    if ((rc = transport_status(f, c, "DhcpGetSuperScopeInfoV4", &code)))
        return rc;
    if (!code) {
        if (dhcpm_rep_superscope(msrpc_mem(f->m), c->out, c->out_len, &r, f->err, f->errlen))
            return SOURCE_ERROR;
        code = r.status;
    }
    if (code != MSWIN_ERROR_SUCCESS)
        return call_failed(f, "DhcpGetSuperScopeInfoV4", code, NULL);
    for (uint32_t i = 0; r.entries && i < r.n; i++) {
        scope_t *s = mswin_scope_v4(out, r.entries[i].subnet);

        if (s)
            text_copy_utf8(s->group, sizeof s->group, r.entries[i].name);
    }
    return 0;
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
        if (mswin_fo_scope_left(code)) {
            s->failover = -1;
            return 0;
        }
        return call_failed(f, "DhcpV4FailoverGetScopeStatistics", code, &s->addr);
    }
    mswin_set_fo_stats(s, &r.stats);
    return 0;
}

/* The addresses of every scope in a relationship, once each (only those -s
 * names, when it names addresses), for the statistics calls that go out
 * beside the subnet info calls. */
static int failover_addrs(const dhcpm_fo_enum_t *pages, size_t npages, const mswin_addrs_t *wanted, int named,
                          uint32_t **out, size_t *n)
{
    size_t cap = 0;

    for (size_t p = 0; p < npages; p++)
        for (uint32_t i = 0; pages[p].rels && i < pages[p].n; i++) {
            const dhcpm_fo_rel_t *r = &pages[p].rels[i];

            for (uint32_t k = 0; r->scopes && k < r->nscopes; k++) {
                uint32_t a = r->scopes[k];
                size_t j;

                if (named) {
                    for (j = 0; j < wanted->n && addr_v4_host(&wanted->v[j]) != a; j++)
                        ;
                    if (j == wanted->n)
                        continue;
                }
                for (j = 0; j < *n && (*out)[j] != a; j++)
                    ;
                if (j == *n && push_u32(out, n, &cap, a))
                    return -1;
            }
        }
    return 0;
}

/* What one fetch asks and keeps. */
typedef struct plan {
    unsigned families;
    int named;                       /* -s names addresses only: no listings */
    mswin_addrs_t v4, v6;              /* the scopes to read */
    msrpc_call_t first[C_FIRST_COUNT];
    int at[C_FIRST_COUNT];           /* each listing's place in first[], or -1 */
    dhcpm_fo_enum_t *pages;          /* failover relationships */
    size_t npages;
    uint32_t *fo_addrs;              /* failover scopes */
    size_t nfo;
    msrpc_call_t *calls;             /* v4.n subnet info, nfo statistics, v6.n IPv6 subnet info */
} plan_t;

static msrpc_call_t *listing(plan_t *p, int which)
{
    return p->at[which] < 0 ? NULL : &p->first[p->at[which]];
}

/* The listings of both families at once. */
static int ask_listings(fetch_t *f, plan_t *p)
{
    static const struct {
        int which;
        unsigned family;
        int listing;                 /* skipped when -s names addresses */
        enum msrpc_iface iface;
        uint32_t opnum;
        enum req_kind kind;
    } all[] = {
        { C_ENUM, MSWIN_FAMILY_V4, 1, MSRPC_DHCPSRV, DHCPM_OP_ENUM_SUBNETS, REQ_ENUM },
        { C_MIB, MSWIN_FAMILY_V4, 0, MSRPC_DHCPSRV2, DHCPM_OP_GET_MIB_INFO_V5, REQ_SERVER_ONLY },
        { C_FO_ENUM, MSWIN_FAMILY_V4, 0, MSRPC_DHCPSRV2, DHCPM_OP_FO_ENUM_RELATIONSHIP, REQ_ENUM },
        { C_SUPER, MSWIN_FAMILY_V4, 0, MSRPC_DHCPSRV, DHCPM_OP_GET_SUPERSCOPE_INFO_V4, REQ_SERVER_ONLY },
        { C_ENUM6, MSWIN_FAMILY_V6, 1, MSRPC_DHCPSRV2, DHCPM_OP_ENUM_SUBNETS_V6, REQ_ENUM },
        { C_MIB6, MSWIN_FAMILY_V6, 0, MSRPC_DHCPSRV2, DHCPM_OP_GET_MIB_INFO_V6, REQ_SERVER_ONLY },
    };
    char stage[600], names[300] = "";
    size_t n = 0, used = 0;
    int rc;

    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        p->at[all[i].which] = -1;
        if (!(p->families & all[i].family) || (all[i].listing && p->named))
            continue;
        if ((rc = request(f, &p->first[n], all[i].iface, all[i].opnum, all[i].kind, 0, MSWIN_PREFERRED_MAX, NULL)))
            return rc;
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", n ? ", " : "", p->first[n].name);
        p->at[all[i].which] = (int)n++;
    }
    snprintf(stage, sizeof stage, "reading %s%s%s of %s (%s)",
             !(p->families & MSWIN_FAMILY_V4) ? ""
             : p->named ? "the address counts, failover relationships and superscopes"
                        : "the scope list, address counts, failover relationships and superscopes",
             p->families == (MSWIN_FAMILY_V4 | MSWIN_FAMILY_V6) ? " and " : "",
             !(p->families & MSWIN_FAMILY_V6) ? "" : p->named ? "the IPv6 address counts"
                                                              : "the IPv6 scope list and address counts",
             f->host, names);
    return msrpc_run(f->m, p->first, n, stage, f->err, f->errlen);
}

/* Every scope's subnet info and every failover scope's statistics at once. */
static int ask_scopes(fetch_t *f, plan_t *p)
{
    size_t n = p->v4.n + p->nfo + p->v6.n;
    char stage[600], v6[60] = "";
    int rc;

    if (!(p->calls = calloc(n ? n : 1, sizeof *p->calls))) {
        snprintf(f->err, f->errlen, "out of memory while reading the scopes");
        return SOURCE_ERROR;
    }
    for (size_t i = 0; i < p->v4.n; i++)
        if ((rc = request(f, &p->calls[i], MSRPC_DHCPSRV, DHCPM_OP_GET_SUBNET_INFO, REQ_IP4,
                          addr_v4_host(&p->v4.v[i]), 0, NULL)))
            return rc;
    for (size_t i = 0; i < p->nfo; i++)
        if ((rc = request(f, &p->calls[p->v4.n + i], MSRPC_DHCPSRV2, DHCPM_OP_FO_GET_SCOPE_STATISTICS, REQ_IP4,
                          p->fo_addrs[i], 0, NULL)))
            return rc;
    for (size_t i = 0; i < p->v6.n; i++)
        if ((rc = request(f, &p->calls[p->v4.n + p->nfo + i], MSRPC_DHCPSRV2, DHCPM_OP_GET_SUBNET_INFO_V6, REQ_IP6,
                          0, 0, &p->v6.v[i])))
            return rc;
    if (!n)
        return 0;
    if (p->v6.n)
        snprintf(v6, sizeof v6, ", %zu IPv6 scopes", p->v6.n);
    snprintf(stage, sizeof stage, "reading %zu scopes%s and the failover statistics of %zu from %s "
             "(DhcpGetSubnetInfo, %sDhcpV4FailoverGetScopeStatistics)", p->v4.n, v6, p->nfo, f->host,
             p->v6.n ? "DhcpGetSubnetInfoV6, " : "");
    return msrpc_run(f->m, p->calls, n, stage, f->err, f->errlen);
}

/* The IPv4 scopes from the answers, judged in the .exe's order: subnet
 * info, MIB counters, relationships, superscopes, failover statistics. */
static int judge_v4(fetch_t *f, plan_t *p, int fo_rc, const char *fo_err, scope_list_t *out)
{
    int rc;

    for (size_t i = 0; i < p->v4.n; i++)
        if ((rc = add_subnet(f, &p->calls[i], &p->v4.v[i], p->named, out)))
            return rc;
    scope_list_sort(out);
    if ((rc = apply_mib(f, listing(p, C_MIB), out)))
        return rc;
    if (fo_rc) {
        snprintf(f->err, f->errlen, "%s", fo_err);
        return fo_rc;
    }
    for (size_t k = 0; k < p->npages; k++)
        for (uint32_t i = 0; p->pages[k].rels && i < p->pages[k].n; i++)
            if (add_relationship(&p->pages[k].rels[i], out)) {
                snprintf(f->err, f->errlen, "out of memory while reading the failover relationships");
                return SOURCE_ERROR;
            }
    if ((rc = apply_superscopes(f, listing(p, C_SUPER), out)))
        return rc;
    for (size_t i = 0; i < out->count; i++) {
        scope_t *s = &out->items[i];
        uint32_t a = addr_v4_host(&s->addr);
        size_t j;

        if (s->failover < 0 || s->addr.family != ADDR_V4)
            continue;
        for (j = 0; j < p->nfo && p->fo_addrs[j] != a; j++)
            ;
        if (j == p->nfo) {
            s->failover = -1;
            continue;
        }
        if ((rc = apply_fo_stats(f, &p->calls[p->v4.n + j], s)))
            return rc;
    }
    return 0;
}

/* The IPv6 scopes, after the IPv4 ones (Windows has no failover and no
 * superscopes for DHCPv6); the counters only when a scope is checked. */
static int judge_v6(fetch_t *f, plan_t *p, scope_list_t *out)
{
    size_t before = out->count;
    int rc;

    for (size_t i = 0; i < p->v6.n; i++)
        if ((rc = add_subnet6(f, &p->calls[p->v4.n + p->nfo + i], &p->v6.v[i], p->named, out)))
            return rc;
    if (out->count == before)
        return 0;
    scope_list_sort(out);
    return apply_mib6(f, listing(p, C_MIB6), out);
}

static int fetch_all(fetch_t *f, plan_t *p, scope_list_t *out)
{
    char fo_err[1024] = "", v6_err[1024] = "";
    fetch_t later = *f;
    int rc, fo_rc = 0, v6_rc = 0;

    if ((rc = ask_listings(f, p)))
        return rc;
    if (p->families & MSWIN_FAMILY_V4) {
        if (!p->named && (rc = list_subnets(f, listing(p, C_ENUM), 0, &p->v4)))
            return rc;
        /* The relationships decide which statistics to ask for; a failure
         * is told only after the subnets', as the .exe would meet it. */
        later.err = fo_err;
        later.errlen = sizeof fo_err;
        fo_rc = list_relationships(&later, listing(p, C_FO_ENUM), &p->pages, &p->npages);
        if (!fo_rc && failover_addrs(p->pages, p->npages, &p->v4, p->named, &p->fo_addrs, &p->nfo)) {
            snprintf(f->err, f->errlen, "out of memory while reading the failover relationships");
            return SOURCE_ERROR;
        }
    }
    /* The .exe lists the IPv6 scopes only once the IPv4 ones are done. */
    if ((p->families & MSWIN_FAMILY_V6) && !p->named) {
        later.err = v6_err;
        later.errlen = sizeof v6_err;
        v6_rc = list_subnets(&later, listing(p, C_ENUM6), 1, &p->v6);
    }
    if ((rc = ask_scopes(f, p)))
        return rc;
    if ((p->families & MSWIN_FAMILY_V4) && (rc = judge_v4(f, p, fo_rc, fo_err, out)))
        return rc;
    if (v6_rc) {
        snprintf(f->err, f->errlen, "%s", v6_err);
        return v6_rc;
    }
    return (p->families & MSWIN_FAMILY_V6) ? judge_v6(f, p, out) : 0;
}

/* The module's one exported symbol (the rest is hidden: C_VISIBILITY_PRESET). */
__attribute__((visibility("default"))) int mswin_rpc_fetch(const void *opts, const source_ctx_t *ctx,
                                                           scope_list_t *out, char *err, size_t errlen)
{
    const mswin_options_t *opt = opts;
    msrpc_params_t params = { 0 };
    plan_t p = { 0 };
    fetch_t f = { 0 };
    int rc;

    if (mswin_family(opt->family, &p.families, err, errlen))
        return SOURCE_ERROR;
    if ((p.named = mswin_wanted(ctx, p.families, &p.v4, &p.v6, err, errlen)) < 0)
        return p.named;
    /* -s naming only scopes of one family needs nothing of the other. */
    if (p.named)
        p.families &= (p.v4.n ? MSWIN_FAMILY_V4 : 0u) | (p.v6.n ? MSWIN_FAMILY_V6 : 0u);
    if (!opt->hostname) {
        snprintf(err, errlen, "--source mswin needs -H SERVER here: the Windows DHCP server to ask over RPC "
                 "(only check_dhcp_scope.exe, on Windows, can ask the computer it runs on)");
        rc = SOURCE_ERROR;
        goto done;
    }
    params.host = opt->hostname;
    params.port = (unsigned)opt->port;
    params.credentials = opt->credentials;
    params.keytab = opt->keytab;
    params.principal = opt->principal;
    params.verbose = ctx->verbose;
    if ((rc = msrpc_open(&params, &f.m, err, errlen)))
        goto done;
    f.opt = opt;
    f.host = opt->hostname;
    f.err = err;
    f.errlen = errlen;
    rc = fetch_all(&f, &p, out);
    msrpc_close(f.m);
done:
    mswin_addrs_free(&p.v4);
    mswin_addrs_free(&p.v6);
    free(p.pages);
    free(p.fo_addrs);
    free(p.calls);
    return rc;
}
