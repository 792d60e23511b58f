/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mswin_api.h"
#include "mswin_map.h"
#include "mswin_scopes.h"
#include "mswin_source.h"
#include "os.h"
#include "vec.h"

const char mswin_missing[] = "";

/* Ask for everything in one page; servers cap pages themselves and the
 * loops follow ERROR_MORE_DATA. */
#define MSWIN_PREFERRED_MAX 0xFFFFFFFFu
/* A server that keeps saying "more" without sending any is broken, not big. */
#define MSWIN_MAX_PAGES 100000u

/* The loaded DLL, the server asked and where errors go. */
typedef struct mswin {
    HMODULE dll;
    cds_dhcp_enum_subnets_fn enum_subnets;
    cds_dhcp_get_subnet_info_fn get_subnet_info;
    cds_dhcp_get_mib_info_v5_fn get_mib_info_v5;
    cds_dhcp_fo_enum_relationship_fn fo_enum_relationship;       /* NULL: no failover */
    cds_dhcp_fo_get_scope_statistics_fn fo_get_scope_statistics; /* NULL: no failover */
    cds_dhcp_get_superscope_info_v4_fn get_superscope_info_v4;   /* NULL: no superscopes */
    cds_dhcp_enum_subnets_v6_fn enum_subnets_v6;                 /* loaded with --family 6 or both */
    cds_dhcp_get_subnet_info_v6_fn get_subnet_info_v6;
    cds_dhcp_get_mib_info_v6_fn get_mib_info_v6;
    cds_dhcp_rpc_free_memory_fn rpc_free;

    WCHAR *server;            /* NULL: the local server */
    const char *server_text;  /* -H as given, NULL for the local server */
    const char *server_shown; /* for stage texts */
} mswin_t;

/* UTF-16 from the server into a fixed UTF-8 field, cut at a character
 * boundary so a long name never ends in half a character. */
static void utf8_copy(char *dst, size_t dstlen, const WCHAR *src)
{
    char stackbuf[512];
    char *buf = stackbuf;
    int n;

    dst[0] = '\0';
    if (!src || !src[0])
        return;
    n = WideCharToMultiByte(CP_UTF8, 0, src, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return;
    if ((size_t)n > sizeof stackbuf && !(buf = malloc((size_t)n)))
        return;
    if (WideCharToMultiByte(CP_UTF8, 0, src, -1, buf, n, NULL, NULL) > 0)
        text_copy_utf8(dst, dstlen, buf);
    if (buf != stackbuf)
        free(buf);
}

/* The account the check runs as, for the access-denied sentence. */
static void account_name(char *buf, size_t len)
{
    WCHAR name[257];
    DWORD n = sizeof name / sizeof name[0];

    buf[0] = '\0';
    if (GetUserNameW(name, &n))
        utf8_copy(buf, len, name);
}

/* The system's own words for a code, in English where the system has them. */
static void system_text(HMODULE dll, DWORD code, char *buf, size_t len)
{
    WCHAR text[512];
    DWORD flags = FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS
                  | (dll ? FORMAT_MESSAGE_FROM_HMODULE : 0);
    DWORD n = FormatMessageW(flags, dll, code, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US),
                             text, sizeof text / sizeof text[0], NULL);
    size_t end;

    if (n == 0)
        n = FormatMessageW(flags, dll, code, 0, text, sizeof text / sizeof text[0], NULL);
    buf[0] = '\0';
    if (n == 0)
        return;
    utf8_copy(buf, len, text);
    end = strlen(buf);
    while (end > 0 && (buf[end - 1] == '\r' || buf[end - 1] == '\n' || buf[end - 1] == ' '
                       || buf[end - 1] == '.'))
        buf[--end] = '\0';
}

/* Fills err with the sentence for a failed call (scope: the scope it was
 * about, or NULL); returns SOURCE_DOWN when the code says the server is not
 * running or not answering, else SOURCE_ERROR. */
static int call_failed(const mswin_t *m, const char *call, DWORD code, const addr_t *scope_addr, char *err,
                       size_t errlen)
{
    mswin_call_error_t e = { 0 };
    char account[128], text[256], scope[ADDR_TEXT_MAX];
    enum mswin_error_kind kind;

    e.code = code;
    e.call = call;
    e.failover_call = mswin_is_failover_call(call);
    e.server = m->server_text;
    if (scope_addr) {
        addr_format(scope_addr, scope, sizeof scope);
        e.scope = scope;
    }
    kind = mswin_error_kind(code, e.failover_call);
    if (kind == MSWIN_ERR_ACCESS) {
        account_name(account, sizeof account);
        e.account = account[0] ? account : NULL;
    } else {
        /* Used by the sentences that fall back to the call and the code. */
        system_text(m->dll, code, text, sizeof text);
        e.system_text = text;
    }
    mswin_error_sentence(&e, err, errlen);
    return mswin_error_is_down(code) ? SOURCE_DOWN : SOURCE_ERROR;
}

static void rpc_free(const mswin_t *m, void *p)
{
    if (p)
        m->rpc_free(p);
}

/* GetProcAddress's FARPROC, as the generic function pointer any can be
 * converted from without a cast warning. */
typedef void (*mswin_any_fn)(void);

static mswin_any_fn symbol(const mswin_t *m, const char *name)
{
    return (mswin_any_fn)GetProcAddress(m->dll, name);
}

/* The functions a family needs; a NULL slot is one this host's DLL lacks. */
static const char *missing_symbol(const mswin_t *m, unsigned families)
{
    if (!m->rpc_free)
        return "DhcpRpcFreeMemory";
    if (families & MSWIN_FAMILY_V4) {
        if (!m->enum_subnets)
            return "DhcpEnumSubnets";
        if (!m->get_subnet_info)
            return "DhcpGetSubnetInfo";
        if (!m->get_mib_info_v5)
            return "DhcpGetMibInfoV5";
    }
    if (families & MSWIN_FAMILY_V6) {
        if (!m->enum_subnets_v6)
            return "DhcpEnumSubnetsV6";
        if (!m->get_subnet_info_v6)
            return "DhcpGetSubnetInfoV6";
        if (!m->get_mib_info_v6)
            return "DhcpGetMibInfoV6";
    }
    return NULL;
}

/* dhcpsapi.dll ships with the DHCP Server role and the RSAT DHCP tools
 * only: a host without it gets a sentence, not a loader dialog. The
 * application folder is searched before System32 (NSClient++'s scripts
 * folder, and the test double); the current folder and PATH never are. */
static int load(mswin_t *m, unsigned families, char *err, size_t errlen)
{
    const char *lacks;
    DWORD code;

    os_stage("loading dhcpsapi.dll");
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
    m->dll = LoadLibraryExW(L"dhcpsapi.dll", NULL,
                            LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (!m->dll && GetLastError() == ERROR_INVALID_PARAMETER)
        m->dll = LoadLibraryW(L"dhcpsapi.dll");
    if (!m->dll) {
        char text[256];

        code = GetLastError();
        system_text(NULL, code, text, sizeof text);
        snprintf(err, errlen, "cannot load dhcpsapi.dll (error %lu%s%s): run the check on the "
                 "DHCP server itself, or on a host with the DHCP Server Tools (RSAT) installed "
                 "and name the server with -H", (unsigned long)code, text[0] ? ": " : "", text);
        return SOURCE_ERROR;
    }
    m->rpc_free = (cds_dhcp_rpc_free_memory_fn)symbol(m, "DhcpRpcFreeMemory");
    if (families & MSWIN_FAMILY_V4) {
        m->enum_subnets = (cds_dhcp_enum_subnets_fn)symbol(m, "DhcpEnumSubnets");
        m->get_subnet_info = (cds_dhcp_get_subnet_info_fn)symbol(m, "DhcpGetSubnetInfo");
        m->get_mib_info_v5 = (cds_dhcp_get_mib_info_v5_fn)symbol(m, "DhcpGetMibInfoV5");
        m->fo_enum_relationship
            = (cds_dhcp_fo_enum_relationship_fn)symbol(m, "DhcpV4FailoverEnumRelationship");
        m->fo_get_scope_statistics
            = (cds_dhcp_fo_get_scope_statistics_fn)symbol(m, "DhcpV4FailoverGetScopeStatistics");
        m->get_superscope_info_v4
            = (cds_dhcp_get_superscope_info_v4_fn)symbol(m, "DhcpGetSuperScopeInfoV4");
        if (!m->fo_enum_relationship || !m->fo_get_scope_statistics) {
            m->fo_enum_relationship = NULL;
            m->fo_get_scope_statistics = NULL;
        }
    }
    if (families & MSWIN_FAMILY_V6) {
        m->enum_subnets_v6 = (cds_dhcp_enum_subnets_v6_fn)symbol(m, "DhcpEnumSubnetsV6");
        m->get_subnet_info_v6 = (cds_dhcp_get_subnet_info_v6_fn)symbol(m, "DhcpGetSubnetInfoV6");
        m->get_mib_info_v6 = (cds_dhcp_get_mib_info_v6_fn)symbol(m, "DhcpGetMibInfoV6");
    }
    if ((lacks = missing_symbol(m, families))) {
        snprintf(err, errlen, "dhcpsapi.dll on this host lacks %s: install the DHCP Server "
                 "Tools (RSAT) of Windows Server 2012 or later", lacks);
        return SOURCE_ERROR;
    }
    return 0;
}

/* -H arrives in the ANSI code page, as every argv on Windows does. */
static int set_server(mswin_t *m, const char *hostname, char *err, size_t errlen)
{
    int n;

    m->server_text = hostname;
    m->server_shown = hostname ? hostname : "the local DHCP server";
    if (!hostname)
        return 0;
    n = MultiByteToWideChar(CP_ACP, 0, hostname, -1, NULL, 0);
    if (n <= 0 || !(m->server = calloc((size_t)n, sizeof *m->server))
        || MultiByteToWideChar(CP_ACP, 0, hostname, -1, m->server, n) <= 0) {
        snprintf(err, errlen, "cannot use '%s' as a server name", hostname);
        return -1;
    }
    return 0;
}

/* DHCP_IPV6_ADDRESS holds the address as two numbers, most significant first. */
static addr_t addr_of_v6(const cds_dhcp_ipv6_t *ip, unsigned prefix)
{
    addr_t a = { 0 };

    a.family = ADDR_V6;
    a.prefix = (uint8_t)prefix;
    for (unsigned i = 0; i < 8; i++) {
        a.bytes[i] = (uint8_t)(ip->HighOrderBits >> (56 - 8 * i));
        a.bytes[8 + i] = (uint8_t)(ip->LowOrderBits >> (56 - 8 * i));
    }
    return a;
}

static cds_dhcp_ipv6_t v6_of_addr(const addr_t *a)
{
    cds_dhcp_ipv6_t ip = { 0, 0 };

    for (unsigned i = 0; i < 8; i++) {
        ip.HighOrderBits = ip.HighOrderBits << 8 | a->bytes[i];
        ip.LowOrderBits = ip.LowOrderBits << 8 | a->bytes[8 + i];
    }
    return ip;
}

/* A paged enumeration: fetch one page, use it, release it, and follow
 * ERROR_MORE_DATA until ERROR_SUCCESS or ERROR_NO_MORE_ITEMS. */
typedef struct pager {
    const char *call;               /* "DhcpEnumSubnets" */
    const char *stage;              /* "listing the scopes of" */
    const char *what;               /* "scopes" */
    int none_when_unsupported;      /* a server without the feature has no items */
    DWORD (*fetch)(mswin_t *m, cds_dhcp_resume_t *resume, void **page);
    int (*use)(void *page, void *ctx, DWORD *nread); /* -1: out of memory */
    void (*release)(const mswin_t *m, void *page);
} pager_t;

static int paged(mswin_t *m, const pager_t *p, void *ctx, char *err, size_t errlen)
{
    cds_dhcp_resume_t resume = 0;

    for (unsigned page = 0; page < MSWIN_MAX_PAGES; page++) {
        void *data = NULL;
        DWORD nread = 0, rc;

        os_stage("%s %s (%s)", p->stage, m->server_shown, p->call);
        rc = p->fetch(m, &resume, &data);
        if (rc == MSWIN_ERROR_NO_MORE_ITEMS
            || (p->none_when_unsupported && mswin_error_kind(rc, 1) == MSWIN_ERR_NO_FAILOVER)) {
            p->release(m, data);
            return 0;
        }
        if (rc != MSWIN_ERROR_SUCCESS && rc != MSWIN_ERROR_MORE_DATA) {
            p->release(m, data);
            return call_failed(m, p->call, rc, NULL, err, errlen);
        }
        if (data && p->use(data, ctx, &nread)) {
            p->release(m, data);
            snprintf(err, errlen, "out of memory while reading the %s", p->what);
            return SOURCE_ERROR;
        }
        p->release(m, data);
        if (rc == MSWIN_ERROR_SUCCESS)
            return 0;
        if (nread == 0)
            break;
    }
    snprintf(err, errlen, "%s on %s kept answering ERROR_MORE_DATA without sending %s",
             p->call, m->server_shown, p->what);
    return SOURCE_ERROR;
}

static DWORD subnets_fetch(mswin_t *m, cds_dhcp_resume_t *resume, void **page)
{
    cds_dhcp_ip_array_t *arr = NULL;
    DWORD read = 0, total = 0;
    DWORD rc = m->enum_subnets(m->server, resume, MSWIN_PREFERRED_MAX, &arr, &read, &total);

    *page = arr;
    return rc;
}

static int subnets_use(void *page, void *ctx, DWORD *nread)
{
    const cds_dhcp_ip_array_t *arr = page;
    mswin_addrs_t *list = ctx;

    for (DWORD i = 0; arr->Elements && i < arr->NumElements; i++) {
        addr_t a = addr_v4(arr->Elements[i], 32);

        if (mswin_addrs_push(list, &a))
            return -1;
    }
    *nread = arr->NumElements;
    return 0;
}

static void subnets_release(const mswin_t *m, void *page)
{
    cds_dhcp_ip_array_t *arr = page;

    if (!arr)
        return;
    rpc_free(m, arr->Elements);
    rpc_free(m, arr);
}

static const pager_t subnets_pager = {
    "DhcpEnumSubnets", "listing the scopes of", "scopes", 0,
    subnets_fetch, subnets_use, subnets_release,
};

static DWORD subnets_v6_fetch(mswin_t *m, cds_dhcp_resume_t *resume, void **page)
{
    cds_dhcpv6_ip_array_t *arr = NULL;
    DWORD read = 0, total = 0;
    DWORD rc = m->enum_subnets_v6(m->server, resume, MSWIN_PREFERRED_MAX, &arr, &read, &total);

    *page = arr;
    return rc;
}

static int subnets_v6_use(void *page, void *ctx, DWORD *nread)
{
    const cds_dhcpv6_ip_array_t *arr = page;

    for (DWORD i = 0; arr->Elements && i < arr->NumElements; i++) {
        addr_t a = addr_of_v6(&arr->Elements[i], 128);

        if (mswin_addrs_push(ctx, &a))
            return -1;
    }
    *nread = arr->NumElements;
    return 0;
}

static void subnets_v6_release(const mswin_t *m, void *page)
{
    cds_dhcpv6_ip_array_t *arr = page;

    if (!arr)
        return;
    rpc_free(m, arr->Elements);
    rpc_free(m, arr);
}

static const pager_t subnets_v6_pager = {
    "DhcpEnumSubnetsV6", "listing the IPv6 scopes of", "IPv6 scopes", 0,
    subnets_v6_fetch, subnets_v6_use, subnets_v6_release,
};

static void free_subnet_info(const mswin_t *m, cds_dhcp_subnet_info_t *info)
{
    if (!info)
        return;
    rpc_free(m, info->SubnetName);
    rpc_free(m, info->SubnetComment);
    rpc_free(m, info->PrimaryHost.NetBiosName);
    rpc_free(m, info->PrimaryHost.HostName);
    rpc_free(m, info);
}

/* One DhcpGetSubnetInfo per scope: address, mask, name, state. */
static int read_subnets(mswin_t *m, const mswin_options_t *opt, const mswin_addrs_t *addrs, int named,
                        scope_list_t *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < addrs->n; i++) {
        cds_dhcp_subnet_info_t *info = NULL;
        char addr[ADDR_TEXT_MAX];
        uint32_t host = addr_v4_host(&addrs->v[i]);
        DWORD rc;
        int keep, prefix;
        scope_t *s;

        addr_format(&addrs->v[i], addr, sizeof addr);
        os_stage("reading scope %s from %s (DhcpGetSubnetInfo)", addr, m->server_shown);
        rc = m->get_subnet_info(m->server, host, &info);
        if (rc != MSWIN_ERROR_SUCCESS || !info) {
            free_subnet_info(m, info);
            /* A scope deleted since the listing is simply gone; one named
             * with -s must exist. */
            if (rc == MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT && !named)
                continue;
            return call_failed(m, "DhcpGetSubnetInfo", rc ? rc : MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT,
                               &addrs->v[i], err, errlen);
        }
        if ((keep = mswin_state_checked((uint32_t)info->SubnetState, opt->include_disabled, named, &addrs->v[i],
                                        m->server_text ? m->server_text : "this computer", err, errlen)) <= 0) {
            free_subnet_info(m, info);
            if (keep < 0)
                return keep;
            continue;
        }
        if (!(s = scope_add(out))) {
            free_subnet_info(m, info);
            snprintf(err, errlen, "out of memory while reading the scopes");
            return SOURCE_ERROR;
        }
        prefix = addr_mask_prefix(info->SubnetMask);
        s->addr = addr_v4(info->SubnetAddress ? info->SubnetAddress : host, prefix < 0 ? 32u : (unsigned)prefix);
        utf8_copy(s->name, sizeof s->name, info->SubnetName);
        free_subnet_info(m, info);
    }
    return 0;
}

static void free_subnet_info_v6(const mswin_t *m, cds_dhcp_subnet_info_v6_t *info)
{
    if (!info)
        return;
    rpc_free(m, info->SubnetName);
    rpc_free(m, info->SubnetComment);
    rpc_free(m, info);
}

/* One DhcpGetSubnetInfoV6 per IPv6 scope: prefix, its length, name, state. */
static int read_subnets_v6(mswin_t *m, const mswin_options_t *opt, const mswin_addrs_t *addrs, int named,
                           scope_list_t *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < addrs->n; i++) {
        cds_dhcp_subnet_info_v6_t *info = NULL;
        char addr[ADDR_TEXT_MAX];
        DWORD rc;
        int keep;
        scope_t *s;

        addr_format(&addrs->v[i], addr, sizeof addr);
        os_stage("reading IPv6 scope %s from %s (DhcpGetSubnetInfoV6)", addr, m->server_shown);
        rc = m->get_subnet_info_v6(m->server, v6_of_addr(&addrs->v[i]), &info);
        if (rc != MSWIN_ERROR_SUCCESS || !info) {
            free_subnet_info_v6(m, info);
            if (rc == MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT && !named)
                continue;
            return call_failed(m, "DhcpGetSubnetInfoV6", rc ? rc : MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT,
                               &addrs->v[i], err, errlen);
        }
        if (info->Prefix > 128) {
            snprintf(err, errlen, "DhcpGetSubnetInfoV6 on %s reported prefix length %lu for IPv6 scope "
                     "%s, which is not 0 to 128", m->server_shown, (unsigned long)info->Prefix, addr);
            free_subnet_info_v6(m, info);
            return SOURCE_ERROR;
        }
        if ((keep = mswin_state_checked((uint32_t)info->State, opt->include_disabled, named, &addrs->v[i],
                                        m->server_text ? m->server_text : "this computer", err, errlen)) <= 0) {
            free_subnet_info_v6(m, info);
            if (keep < 0)
                return keep;
            continue;
        }
        if (!(s = scope_add(out))) {
            free_subnet_info_v6(m, info);
            snprintf(err, errlen, "out of memory while reading the scopes");
            return SOURCE_ERROR;
        }
        if (info->SubnetAddress.HighOrderBits || info->SubnetAddress.LowOrderBits) {
            s->addr = addr_of_v6(&info->SubnetAddress, info->Prefix);
        } else {
            s->addr = addrs->v[i];
            s->addr.prefix = (uint8_t)info->Prefix;
        }
        utf8_copy(s->name, sizeof s->name, info->SubnetName);
        free_subnet_info_v6(m, info);
    }
    return 0;
}

/* In-use and free of every scope in one call. */
static int read_mib(mswin_t *m, scope_list_t *out, char *err, size_t errlen)
{
    cds_dhcp_mib_v5_t *mib = NULL;
    DWORD rc;

    os_stage("reading the address counts of all scopes from %s (DhcpGetMibInfoV5)", m->server_shown);
    rc = m->get_mib_info_v5(m->server, &mib);
    if (rc != MSWIN_ERROR_SUCCESS || !mib) {
        rpc_free(m, mib ? mib->ScopeInfo : NULL);
        rpc_free(m, mib);
        return call_failed(m, "DhcpGetMibInfoV5", rc, NULL, err, errlen);
    }
    for (DWORD i = 0; mib->ScopeInfo && i < mib->Scopes; i++) {
        const cds_dhcp_scope_mib_t *si = &mib->ScopeInfo[i];
        scope_t *s = mswin_scope_v4(out, si->Subnet);

        if (s)
            mswin_set_counts(s, si->NumAddressesInuse, si->NumAddressesFree);
    }
    rpc_free(m, mib->ScopeInfo);
    rpc_free(m, mib);
    return 0;
}

/* In-use and free of every IPv6 scope in one call, 64-bit counts. */
static int read_mib_v6(mswin_t *m, scope_list_t *out, char *err, size_t errlen)
{
    cds_dhcp_mib_v6_t *mib = NULL;
    DWORD rc;

    os_stage("reading the address counts of all IPv6 scopes from %s (DhcpGetMibInfoV6)", m->server_shown);
    rc = m->get_mib_info_v6(m->server, &mib);
    if (rc != MSWIN_ERROR_SUCCESS || !mib) {
        rpc_free(m, mib ? mib->ScopeInfo : NULL);
        rpc_free(m, mib);
        return call_failed(m, "DhcpGetMibInfoV6", rc, NULL, err, errlen);
    }
    for (DWORD i = 0; mib->ScopeInfo && i < mib->Scopes; i++) {
        const cds_dhcp_scope_mib_v6_t *si = &mib->ScopeInfo[i];
        addr_t a = addr_of_v6(&si->Subnet, 128);
        scope_t *s = scope_find(out, &a);

        if (s)
            mswin_set_counts(s, si->NumAddressesInuse, si->NumAddressesFree);
    }
    rpc_free(m, mib->ScopeInfo);
    rpc_free(m, mib);
    return 0;
}

static void free_relationships(const mswin_t *m, cds_dhcp_fo_rel_array_t *arr)
{
    if (!arr)
        return;
    for (DWORD i = 0; arr->pRelationships && i < arr->NumElements; i++) {
        cds_dhcp_fo_rel_t *r = &arr->pRelationships[i];

        rpc_free(m, r->RelationshipName);
        rpc_free(m, r->PrimaryServerName);
        rpc_free(m, r->SecondaryServerName);
        rpc_free(m, r->SharedSecret);
        if (r->pScopes)
            rpc_free(m, r->pScopes->Elements);
        rpc_free(m, r->pScopes);
    }
    rpc_free(m, arr->pRelationships);
    rpc_free(m, arr);
}

static int add_relationship(const cds_dhcp_fo_rel_t *r, scope_list_t *out)
{
    char name[SCOPE_TEXT_MAX];
    int idx;

    utf8_copy(name, sizeof name, r->RelationshipName);
    idx = mswin_add_relationship(out, name, (uint32_t)r->Mode, (uint32_t)r->ServerType, (uint32_t)r->State);
    if (idx < 0)
        return -1;
    for (DWORD i = 0; r->pScopes && r->pScopes->Elements && i < r->pScopes->NumElements; i++) {
        scope_t *s = mswin_scope_v4(out, r->pScopes->Elements[i]);

        if (s)
            s->failover = idx;
    }
    return 0;
}

static DWORD relationships_fetch(mswin_t *m, cds_dhcp_resume_t *resume, void **page)
{
    cds_dhcp_fo_rel_array_t *arr = NULL;
    DWORD read = 0, total = 0;
    DWORD rc = m->fo_enum_relationship(m->server, resume, MSWIN_PREFERRED_MAX, &arr, &read, &total);

    *page = arr;
    return rc;
}

static int relationships_use(void *page, void *ctx, DWORD *nread)
{
    const cds_dhcp_fo_rel_array_t *arr = page;

    for (DWORD i = 0; arr->pRelationships && i < arr->NumElements; i++)
        if (add_relationship(&arr->pRelationships[i], ctx))
            return -1;
    *nread = arr->NumElements;
    return 0;
}

static void relationships_release(const mswin_t *m, void *page)
{
    free_relationships(m, page);
}

/* A server older than Windows Server 2012 has no relationships. */
static const pager_t relationships_pager = {
    "DhcpV4FailoverEnumRelationship", "listing the failover relationships of",
    "failover relationships", 1, relationships_fetch, relationships_use, relationships_release,
};

/* Superscope names, one call for all scopes. The core judges a
 * superscope's members as one pool (unless --per-subnet), so membership
 * changes the verdict: a server that cannot tell it is an error, not a
 * check of each member alone. */
static int read_superscopes(mswin_t *m, scope_list_t *out, char *err, size_t errlen)
{
    cds_dhcp_superscope_table_t *table = NULL;
    DWORD rc;

    if (!m->get_superscope_info_v4)
        return 0;
    os_stage("reading the superscopes from %s (DhcpGetSuperScopeInfoV4)", m->server_shown);
    rc = m->get_superscope_info_v4(m->server, &table);
    for (DWORD i = 0; rc == MSWIN_ERROR_SUCCESS && table && table->pEntries && i < table->cEntries; i++) {
        scope_t *s = mswin_scope_v4(out, table->pEntries[i].SubnetAddress);

        if (s)
            utf8_copy(s->group, sizeof s->group, table->pEntries[i].SuperScopeName);
    }
    if (table) {
        for (DWORD i = 0; table->pEntries && i < table->cEntries; i++)
            rpc_free(m, table->pEntries[i].SuperScopeName);
        rpc_free(m, table->pEntries);
        rpc_free(m, table);
    }
    return rc == MSWIN_ERROR_SUCCESS ? 0 : call_failed(m, "DhcpGetSuperScopeInfoV4", rc, NULL, err, errlen);
}

/* For a scope in failover the scope-wide figures and the split between the
 * partners come from the failover statistics (mswin_set_fo_stats). */
static int read_failover_stats(mswin_t *m, scope_list_t *out, char *err, size_t errlen)
{
    for (size_t i = 0; i < out->count; i++) {
        scope_t *s = &out->items[i];
        cds_dhcp_fo_stats_t *st = NULL;
        mswin_fo_stats_t fo;
        char addr[ADDR_TEXT_MAX];
        DWORD rc;

        if (s->failover < 0)
            continue;
        addr_format(&s->addr, addr, sizeof addr);
        os_stage("reading the failover statistics of scope %s from %s "
                 "(DhcpV4FailoverGetScopeStatistics)", addr, m->server_shown);
        rc = m->fo_get_scope_statistics(m->server, addr_v4_host(&s->addr), &st);
        if (rc != MSWIN_ERROR_SUCCESS || !st) {
            rpc_free(m, st);
            if (mswin_fo_scope_left(rc)) {
                s->failover = -1;
                continue;
            }
            return call_failed(m, "DhcpV4FailoverGetScopeStatistics", rc, &s->addr, err, errlen);
        }
        fo = (mswin_fo_stats_t){ .num_addr = st->NumAddr, .addr_free = st->AddrFree, .addr_in_use = st->AddrInUse,
                                 .partner_addr_free = st->PartnerAddrFree, .this_addr_free = st->ThisAddrFree,
                                 .partner_addr_in_use = st->PartnerAddrInUse, .this_addr_in_use = st->ThisAddrInUse };
        rpc_free(m, st);
        mswin_set_fo_stats(s, &fo);
    }
    return 0;
}

/* The IPv4 scopes: DhcpEnumSubnets pages (unless -s names them), one
 * DhcpGetSubnetInfo per scope, one DhcpGetMibInfoV5, relationship pages, one
 * DhcpGetSuperScopeInfoV4 and one DhcpV4FailoverGetScopeStatistics per
 * failover scope. */
static int fetch_v4(mswin_t *m, const mswin_options_t *opt, int named, mswin_addrs_t *addrs, scope_list_t *out,
                    char *err, size_t errlen)
{
    int rc;

    if (!named && (rc = paged(m, &subnets_pager, addrs, err, errlen)))
        return rc;
    if ((rc = read_subnets(m, opt, addrs, named, out, err, errlen)))
        return rc;
    scope_list_sort(out);
    if ((rc = read_mib(m, out, err, errlen))
        || (m->fo_enum_relationship && (rc = paged(m, &relationships_pager, out, err, errlen))))
        return rc;
    if ((rc = read_superscopes(m, out, err, errlen)))
        return rc;
    return read_failover_stats(m, out, err, errlen);
}

/* The IPv6 scopes: DhcpEnumSubnetsV6 pages (unless -s names them), one
 * DhcpGetSubnetInfoV6 per scope and one DhcpGetMibInfoV6 when any is
 * checked. Windows has neither failover nor superscopes for DHCPv6. */
static int fetch_v6(mswin_t *m, const mswin_options_t *opt, int named, mswin_addrs_t *addrs, scope_list_t *out,
                    char *err, size_t errlen)
{
    size_t before = out->count;
    int rc;

    if (!named && (rc = paged(m, &subnets_v6_pager, addrs, err, errlen)))
        return rc;
    if ((rc = read_subnets_v6(m, opt, addrs, named, out, err, errlen)))
        return rc;
    if (out->count == before)
        return 0;
    scope_list_sort(out);
    return read_mib_v6(m, out, err, errlen);
}

/* --family picks the IPv4 scopes (the default), the IPv6 ones or both. At
 * most two round trips per scope plus a few, however many scopes there are.
 * Returns 0, SOURCE_ERROR, or SOURCE_DOWN when a call says the server is not
 * running or not answering. */
int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    const mswin_options_t *opt = opts;
    mswin_t m = { 0 };
    mswin_addrs_t v4 = { 0 }, v6 = { 0 };
    unsigned families;
    int named, rc = SOURCE_ERROR;

    if (mswin_family(opt->family, &families, err, errlen))
        return SOURCE_ERROR;
    if (mswin_rpc_only_option(opt)) {
        snprintf(err, errlen, "%s is an option of the Linux build, which logs on to the server over "
                 "the network; check_dhcp_scope.exe asks dhcpsapi as the account it runs as (the "
                 "NSClient++ or Icinga agent service): leave it out", mswin_rpc_only_option(opt));
        return SOURCE_ERROR;
    }
    if ((named = mswin_wanted(ctx, families, &v4, &v6, err, errlen)) < 0)
        return named;
    /* -s naming only scopes of one family needs nothing of the other. */
    if (named)
        families &= (v4.n ? MSWIN_FAMILY_V4 : 0u) | (v6.n ? MSWIN_FAMILY_V6 : 0u);
    if (set_server(&m, opt->hostname, err, errlen) || (rc = load(&m, families, err, errlen)))
        goto done;
    if (families & MSWIN_FAMILY_V4)
        rc = fetch_v4(&m, opt, named, &v4, out, err, errlen);
    if (!rc && (families & MSWIN_FAMILY_V6))
        rc = fetch_v6(&m, opt, named, &v6, out, err, errlen);
done:
    mswin_addrs_free(&v4);
    mswin_addrs_free(&v6);
    free(m.server);
    if (m.dll)
        FreeLibrary(m.dll);
    return rc;
}
