/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TEST DOUBLE of dhcpsapi.dll, the Windows DHCP Server Management API.
 *
 * This is not Microsoft code and talks to no DHCP server. It is this
 * project's own implementation of the documented contract of the functions
 * check_dhcp_scope.exe calls (Microsoft's dhcpsapi.h documentation and
 * [MS-DHCPM]): DhcpEnumSubnets, DhcpGetSubnetInfo, DhcpGetMibInfoV5,
 * DhcpV4FailoverEnumRelationship, DhcpV4FailoverGetScopeStatistics,
 * DhcpGetSuperScopeInfoV4, the DHCPv6 calls DhcpEnumSubnetsV6,
 * DhcpGetSubnetInfoV6 and DhcpGetMibInfoV6, and DhcpRpcFreeMemory. Built as
 * dhcpsapi.dll and placed beside the .exe under Wine
 * (tests/integration/mswin_wine.sh), it serves IPv4 and IPv6 scopes and
 * failover relationships from a fixture file, pages enumerations
 * (ERROR_MORE_DATA, resume handles), hands out nested buffers that must each
 * be freed with DhcpRpcFreeMemory, counts calls, allocations and frees, and
 * fails or hangs on request.
 *
 * Environment:
 *   CDS_DOUBLE_FIXTURE  the fixture file (Windows path; "Z:/tmp/x" under Wine)
 *   CDS_DOUBLE_COUNTS   where to write "call NAME N", "allocs N", "frees N",
 *                       "badfrees N", "server NAME" (the last -H seen) and
 *                       "decimal C" (the user locale's decimal separator)
 *                       lines when the process ends (or before a hang)
 *
 * Fixture lines ('#' starts a comment; names in double quotes, UTF-8; one
 * item per line, tokens separated by blanks; numbers are decimal):
 *   server NAME          the only remote name that answers; any other -H gets
 *                        RPC_S_SERVER_UNAVAILABLE (NULL/"" is always local)
 *   maxpage N            at most N items per enumeration page (default 500),
 *                        IPv4 and IPv6 enumerations alike
 *   scope ADDR MASK "NAME" enabled|disabled inuse=N free=N [pending=N]
 *                        an IPv4 scope (counts up to 2^32 - 1)
 *   scope6 PREFIX/LEN "NAME" enabled|disabled inuse=N free=N [pending=N]
 *                        an IPv6 scope: PREFIX in any IPv6 text form
 *                        (2001:db8:1::), LEN 0 to 128; counts up to 2^64 - 1
 *                        (SCOPE_MIB_INFO_V6's ULONGLONGs). Served in fixture
 *                        order by DhcpEnumSubnetsV6, DhcpGetSubnetInfoV6
 *                        (by exact address) and DhcpGetMibInfoV6
 *   relationship "NAME" mode=loadbalance|hotstandby role=primary|secondary
 *                state=STATE scopes=ADDR,ADDR,...
 *                (STATE: normal, partnerdown, communicationinterrupted, ...
 *                as FSM_STATE without underscores, or a number)
 *   stats ADDR num=N free=N inuse=N thisfree=N partnerfree=N thisinuse=N
 *         partnerinuse=N     (a failover scope without one gets its scope's
 *                             figures split half and half)
 *   superscope "NAME" ADDR,ADDR,...
 *   fail FUNCTION CODE [scope=ADDR]   return CODE from FUNCTION (only for
 *                                     that scope: an IPv4 address for
 *                                     DhcpGetSubnetInfo and the failover
 *                                     statistics, an IPv6 one for
 *                                     DhcpGetSubnetInfoV6)
 *   hang FUNCTION                     never return from FUNCTION
 * The first fail/hang line for a call applies; FUNCTION is one of the names
 * above. A malformed fixture makes every call fail with ERROR_INVALID_DATA
 * and is named in the counts file ("fixture-error").
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Before windows.h (in mswin_api.h): inet_pton parses the fixture's IPv6 text. */
#include <winsock2.h>
#include <ws2tcpip.h>

#include "mswin_api.h"

#define DOUBLE_MAX_LIST 8
#define DOUBLE_MAX_FAULTS 16

enum fn {
    FN_ENUM_SUBNETS, FN_GET_SUBNET_INFO, FN_GET_MIB_V5, FN_FO_ENUM, FN_FO_STATS, FN_SUPERSCOPE,
    FN_ENUM_SUBNETS_V6, FN_GET_SUBNET_INFO_V6, FN_GET_MIB_V6, FN_FREE, FN_COUNT
};

static const char *const fn_names[FN_COUNT] = {
    "DhcpEnumSubnets", "DhcpGetSubnetInfo", "DhcpGetMibInfoV5", "DhcpV4FailoverEnumRelationship",
    "DhcpV4FailoverGetScopeStatistics", "DhcpGetSuperScopeInfoV4", "DhcpEnumSubnetsV6",
    "DhcpGetSubnetInfoV6", "DhcpGetMibInfoV6", "DhcpRpcFreeMemory",
};

typedef struct dscope {
    DWORD addr, mask, state, inuse, free, pending;
    char name[128];
    int rel;              /* index into rels, -1 none */
    int super;            /* index into supers, -1 none */
    int has_stats;
    cds_dhcp_fo_stats_t stats;
} dscope_t;

typedef struct dscope6 {
    cds_dhcp_ipv6_t addr;
    ULONG prefix;
    DWORD state;
    ULONGLONG inuse, free, pending;
    char name[128];
} dscope6_t;

typedef struct drel {
    char name[128];
    int mode, role, state;
    DWORD *scopes;
    DWORD nscopes;
} drel_t;

typedef struct dfault {
    int fn;
    DWORD code;
    DWORD scope;          /* 0: every call */
    int has_scope6;       /* only calls about scope6 */
    cds_dhcp_ipv6_t scope6;
    int hang;
} dfault_t;

static struct {
    int loaded;
    char error[256];      /* a fixture error: every call fails */
    char server[128];
    DWORD maxpage;
    dscope_t *scopes;
    DWORD nscopes, scap;
    dscope6_t *scopes6;
    DWORD nscopes6, scap6;
    drel_t *rels;
    DWORD nrels, rcap;
    char (*supers)[128];
    DWORD nsupers, supcap;
    dfault_t faults[DOUBLE_MAX_FAULTS];
    int nfaults;
    long calls[FN_COUNT];
    long allocs, frees, badfrees;
    char last_server[128];
} d;

/* Every buffer handed out carries a header, so DhcpRpcFreeMemory can tell
 * its own blocks from anything else it is given. */
#define BLOCK_MAGIC 0x44424C45u
typedef union block {
    DWORD magic;
    long double align;
} block_t;

static void *dalloc(size_t n)
{
    block_t *b = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *b + n);

    if (!b)
        return NULL;
    b->magic = BLOCK_MAGIC;
    d.allocs++;
    return b + 1;
}

static WCHAR *dwstr(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    WCHAR *w = n > 0 ? dalloc((size_t)n * sizeof *w) : NULL;

    if (w)
        MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, n);
    return w;
}

/* Milliseconds since 1970 by the system clock (under Wine, the host's). */
static unsigned long long unix_ms(void)
{
    FILETIME ft;
    ULARGE_INTEGER u;

    GetSystemTimeAsFileTime(&ft);
    u.LowPart = ft.dwLowDateTime;
    u.HighPart = ft.dwHighDateTime;
    return (u.QuadPart - 116444736000000000ULL) / 10000u;
}

/* When the plugin loaded this DLL: just after it armed its watchdog, so a
 * test can time the watchdog without Wine's own start-up in the figure. */
static unsigned long long loaded_ms;

static void write_counts(void)
{
    char path[MAX_PATH], buf[4096], decimal[8];
    int len = 0;
    HANDLE h;
    DWORD written;

    if (!GetEnvironmentVariableA("CDS_DOUBLE_COUNTS", path, sizeof path))
        return;
    for (int i = 0; i < FN_COUNT; i++)
        len += snprintf(buf + len, sizeof buf - (size_t)len, "call %s %ld\n", fn_names[i], d.calls[i]);
    len += snprintf(buf + len, sizeof buf - (size_t)len, "allocs %ld\nfrees %ld\nbadfrees %ld\nserver %s\n",
                    d.allocs, d.frees, d.badfrees, d.last_server[0] ? d.last_server : "(local)");
    if (GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDECIMAL, decimal, sizeof decimal))
        len += snprintf(buf + len, sizeof buf - (size_t)len, "decimal %s\n", decimal);
    if (d.error[0])
        len += snprintf(buf + len, sizeof buf - (size_t)len, "fixture-error %s\n", d.error);
    len += snprintf(buf + len, sizeof buf - (size_t)len, "loaded_ms %llu\n", loaded_ms);
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return;
    WriteFile(h, buf, (DWORD)len, &written, NULL);
    CloseHandle(h);
}

static int parse_addr(const char *s, DWORD *out)
{
    unsigned a, b, c, e;
    char extra;

    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &e, &extra) != 4 || a > 255 || b > 255 || c > 255
        || e > 255)
        return -1;
    *out = (DWORD)(a << 24 | b << 16 | c << 8 | e);
    return 0;
}

/* Splits a line into tokens; a token in double quotes keeps its spaces. */
static int tokenize(char *line, char **tok, int max)
{
    int n = 0;
    char *p = line;

    while (*p && n < max) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p || *p == '#')
            break;
        if (*p == '"') {
            tok[n++] = ++p;
            while (*p && *p != '"')
                p++;
        } else {
            tok[n++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                p++;
        }
        if (*p)
            *p++ = '\0';
    }
    return n;
}

/* "key=value" among tokens: the value, or NULL. */
static const char *kv(char **tok, int n, const char *key)
{
    size_t len = strlen(key);

    for (int i = 0; i < n; i++)
        if (strncmp(tok[i], key, len) == 0 && tok[i][len] == '=')
            return tok[i] + len + 1;
    return NULL;
}

static DWORD kv_num(char **tok, int n, const char *key, DWORD dflt)
{
    const char *v = kv(tok, n, key);

    return v ? (DWORD)strtoul(v, NULL, 10) : dflt;
}

/* A 64-bit count; 0 when absent, -1 when not a whole decimal number. */
static int kv_u64(char **tok, int n, const char *key, ULONGLONG *out)
{
    const char *v = kv(tok, n, key);
    char *end;

    *out = 0;
    if (!v)
        return 0;
    if (*v < '0' || *v > '9')
        return -1;
    *out = strtoull(v, &end, 10);
    return *end ? -1 : 0;
}

/* IPv6 text to DHCP_IPV6_ADDRESS: the first eight bytes, most significant
 * first, in HighOrderBits. */
static int parse_addr6(const char *s, cds_dhcp_ipv6_t *out)
{
    unsigned char b[16];

    if (inet_pton(AF_INET6, s, b) != 1)
        return -1;
    out->HighOrderBits = out->LowOrderBits = 0;
    for (int i = 0; i < 8; i++) {
        out->HighOrderBits = out->HighOrderBits << 8 | b[i];
        out->LowOrderBits = out->LowOrderBits << 8 | b[8 + i];
    }
    return 0;
}

static int same6(const cds_dhcp_ipv6_t *a, const cds_dhcp_ipv6_t *b)
{
    return a->HighOrderBits == b->HighOrderBits && a->LowOrderBits == b->LowOrderBits;
}

static int fn_index(const char *name)
{
    for (int i = 0; i < FN_COUNT; i++)
        if (strcmp(fn_names[i], name) == 0)
            return i;
    return -1;
}

static int fsm_value(const char *s)
{
    static const char *const names[] = {
        "nostate", "init", "startup", "normal", "communicationinterrupted", "partnerdown",
        "potentialconflict", "conflictdone", "resolutioninterrupted", "recover", "recoverwait",
        "recoverdone", "paused", "shutdown",
    };

    if (s[0] >= '0' && s[0] <= '9')
        return atoi(s);
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

static dscope_t *find(DWORD addr)
{
    for (DWORD i = 0; i < d.nscopes; i++)
        if (d.scopes[i].addr == addr)
            return &d.scopes[i];
    return NULL;
}

static dscope6_t *find6(const cds_dhcp_ipv6_t *addr)
{
    for (DWORD i = 0; i < d.nscopes6; i++)
        if (same6(&d.scopes6[i].addr, addr))
            return &d.scopes6[i];
    return NULL;
}

/* "a,b,c" into a malloc'ed address list. */
static int parse_addr_list(const char *s, DWORD **out, DWORD *n)
{
    char buf[16];

    *out = NULL;
    *n = 0;
    while (s && *s) {
        size_t len = strcspn(s, ",");
        DWORD *a;

        if (len >= sizeof buf)
            return -1;
        memcpy(buf, s, len);
        buf[len] = '\0';
        if (!(a = realloc(*out, (*n + 1) * sizeof *a)))
            return -1;
        *out = a;
        if (parse_addr(buf, &a[*n]))
            return -1;
        (*n)++;
        s += len + (s[len] == ',');
    }
    return 0;
}

static int grow(void **arr, DWORD *cap, DWORD n, size_t size)
{
    if (n < *cap)
        return 0;
    DWORD c = *cap ? *cap * 2 : 64;
    void *p = realloc(*arr, c * size);

    if (!p)
        return -1;
    *arr = p;
    *cap = c;
    return 0;
}

static const char *parse_line(char **tok, int n)
{
    if (strcmp(tok[0], "server") == 0 && n == 2) {
        snprintf(d.server, sizeof d.server, "%s", tok[1]);
    } else if (strcmp(tok[0], "maxpage") == 0 && n == 2) {
        d.maxpage = (DWORD)strtoul(tok[1], NULL, 10);
    } else if (strcmp(tok[0], "scope") == 0 && n >= 5) {
        dscope_t *s;

        if (grow((void **)&d.scopes, &d.scap, d.nscopes, sizeof *d.scopes))
            return "out of memory";
        s = &d.scopes[d.nscopes];
        memset(s, 0, sizeof *s);
        if (parse_addr(tok[1], &s->addr) || parse_addr(tok[2], &s->mask))
            return "bad scope address or mask";
        snprintf(s->name, sizeof s->name, "%s", tok[3]);
        s->state = strcmp(tok[4], "disabled") == 0 ? CDS_DHCP_SUBNET_DISABLED : CDS_DHCP_SUBNET_ENABLED;
        s->inuse = kv_num(tok, n, "inuse", 0);
        s->free = kv_num(tok, n, "free", 0);
        s->pending = kv_num(tok, n, "pending", 0);
        s->rel = s->super = -1;
        d.nscopes++;
    } else if (strcmp(tok[0], "scope6") == 0 && n >= 4) {
        dscope6_t *s;
        char text[64], *slash, *end;
        unsigned long len;

        if (grow((void **)&d.scopes6, &d.scap6, d.nscopes6, sizeof *d.scopes6))
            return "out of memory";
        s = &d.scopes6[d.nscopes6];
        memset(s, 0, sizeof *s);
        snprintf(text, sizeof text, "%s", tok[1]);
        if (!(slash = strchr(text, '/')))
            return "scope6 needs PREFIX/LEN";
        *slash = '\0';
        len = strtoul(slash + 1, &end, 10);
        if (parse_addr6(text, &s->addr) || slash[1] < '0' || slash[1] > '9' || *end || len > 128)
            return "bad scope6 prefix or length";
        s->prefix = (ULONG)len;
        if (find6(&s->addr))
            return "scope6 declared twice";
        snprintf(s->name, sizeof s->name, "%s", tok[2]);
        if (strcmp(tok[3], "enabled") != 0 && strcmp(tok[3], "disabled") != 0)
            return "scope6 must be enabled or disabled";
        s->state = tok[3][0] == 'd' ? CDS_DHCP_SUBNET_DISABLED : CDS_DHCP_SUBNET_ENABLED;
        if (kv_u64(tok, n, "inuse", &s->inuse) || kv_u64(tok, n, "free", &s->free)
            || kv_u64(tok, n, "pending", &s->pending))
            return "bad scope6 count";
        d.nscopes6++;
    } else if (strcmp(tok[0], "relationship") == 0 && n >= 2) {
        drel_t *r;
        const char *mode = kv(tok, n, "mode"), *role = kv(tok, n, "role");

        if (grow((void **)&d.rels, &d.rcap, d.nrels, sizeof *d.rels))
            return "out of memory";
        r = &d.rels[d.nrels];
        memset(r, 0, sizeof *r);
        snprintf(r->name, sizeof r->name, "%s", tok[1]);
        r->mode = !mode || strcmp(mode, "loadbalance") == 0 ? 0 : strcmp(mode, "hotstandby") == 0 ? 1 : atoi(mode);
        r->role = !role || strcmp(role, "primary") == 0 ? 0 : strcmp(role, "secondary") == 0 ? 1 : atoi(role);
        r->state = fsm_value(kv(tok, n, "state") ? kv(tok, n, "state") : "normal");
        if (r->state < 0)
            return "unknown failover state";
        if (parse_addr_list(kv(tok, n, "scopes"), &r->scopes, &r->nscopes))
            return "bad scopes= list";
        for (DWORD i = 0; i < r->nscopes; i++) {
            dscope_t *s = find(r->scopes[i]);

            if (!s)
                return "relationship names a scope not declared before it";
            s->rel = (int)d.nrels;
        }
        d.nrels++;
    } else if (strcmp(tok[0], "stats") == 0 && n >= 2) {
        DWORD addr;
        dscope_t *s;

        if (parse_addr(tok[1], &addr) || !(s = find(addr)))
            return "stats for an undeclared scope";
        s->has_stats = 1;
        s->stats.NumAddr = kv_num(tok, n, "num", 0);
        s->stats.AddrFree = kv_num(tok, n, "free", 0);
        s->stats.AddrInUse = kv_num(tok, n, "inuse", 0);
        s->stats.ThisAddrFree = kv_num(tok, n, "thisfree", 0);
        s->stats.PartnerAddrFree = kv_num(tok, n, "partnerfree", 0);
        s->stats.ThisAddrInUse = kv_num(tok, n, "thisinuse", 0);
        s->stats.PartnerAddrInUse = kv_num(tok, n, "partnerinuse", 0);
    } else if (strcmp(tok[0], "superscope") == 0 && n == 3) {
        DWORD *addrs, na;

        if (grow((void **)&d.supers, &d.supcap, d.nsupers, sizeof *d.supers))
            return "out of memory";
        snprintf(d.supers[d.nsupers], sizeof d.supers[0], "%s", tok[1]);
        if (parse_addr_list(tok[2], &addrs, &na))
            return "bad superscope address list";
        for (DWORD i = 0; i < na; i++) {
            dscope_t *s = find(addrs[i]);

            if (!s) {
                free(addrs);
                return "superscope names an undeclared scope";
            }
            s->super = (int)d.nsupers;
        }
        free(addrs);
        d.nsupers++;
    } else if ((strcmp(tok[0], "fail") == 0 && n >= 3) || (strcmp(tok[0], "hang") == 0 && n == 2)) {
        dfault_t *f = &d.faults[d.nfaults];
        const char *scope = kv(tok, n, "scope");

        if (d.nfaults == DOUBLE_MAX_FAULTS)
            return "too many fail/hang lines";
        memset(f, 0, sizeof *f);
        if ((f->fn = fn_index(tok[1])) < 0)
            return "unknown function";
        f->hang = tok[0][0] == 'h';
        f->code = f->hang ? 0 : (DWORD)strtoul(tok[2], NULL, 10);
        if (scope && strchr(scope, ':')) {
            if (parse_addr6(scope, &f->scope6))
                return "bad scope= address";
            f->has_scope6 = 1;
        } else if (scope && parse_addr(scope, &f->scope)) {
            return "bad scope= address";
        }
        d.nfaults++;
    } else {
        return "unknown line";
    }
    return NULL;
}

static void load_fixture(void)
{
    static char line[1 << 17];
    char path[MAX_PATH];
    int lineno = 0;
    FILE *fp;

    d.loaded = 1;
    d.maxpage = 500;
    if (!GetEnvironmentVariableA("CDS_DOUBLE_FIXTURE", path, sizeof path)) {
        snprintf(d.error, sizeof d.error, "CDS_DOUBLE_FIXTURE is not set");
        return;
    }
    if (!(fp = fopen(path, "r"))) {
        snprintf(d.error, sizeof d.error, "cannot open %s", path);
        return;
    }
    while (fgets(line, sizeof line, fp)) {
        char *tok[DOUBLE_MAX_LIST + 8];
        int n = tokenize(line, tok, (int)(sizeof tok / sizeof tok[0]));
        const char *why;

        lineno++;
        if (n == 0)
            continue;
        if ((why = parse_line(tok, n))) {
            snprintf(d.error, sizeof d.error, "%s line %d: %s", path, lineno, why);
            break;
        }
    }
    fclose(fp);
}

/* Counts the call, then applies the fixture's faults and the server name.
 * scope6: the IPv6 scope the call is about, or NULL. Returns ERROR_SUCCESS
 * to go on, or the code the call must return. */
static DWORD enter6(int fn, const WCHAR *server, DWORD scope, const cds_dhcp_ipv6_t *scope6)
{
    if (!d.loaded)
        load_fixture();
    d.calls[fn]++;
    if (server && server[0])
        WideCharToMultiByte(CP_UTF8, 0, server, -1, d.last_server, sizeof d.last_server, NULL, NULL);
    for (int i = 0; i < d.nfaults; i++) {
        const dfault_t *f = &d.faults[i];

        if (f->fn != fn || (f->scope && f->scope != scope)
            || (f->has_scope6 && (!scope6 || !same6(&f->scope6, scope6))))
            continue;
        if (f->hang) {
            write_counts();
            Sleep(INFINITE);
        }
        return f->code;
    }
    if (d.error[0])
        return ERROR_INVALID_DATA;
    if (server && server[0]) {
        WCHAR want[128];

        if (!d.server[0] || !MultiByteToWideChar(CP_UTF8, 0, d.server, -1, want, 128)
            || CompareStringOrdinal(server, -1, want, -1, TRUE) != CSTR_EQUAL)
            return RPC_S_SERVER_UNAVAILABLE;
    }
    return ERROR_SUCCESS;
}

static DWORD enter(int fn, const WCHAR *server, DWORD scope)
{
    return enter6(fn, server, scope, NULL);
}

/* The paging contract the enumerations share: a page starts at the resume
 * handle and holds at most PreferredMaximum (and maxpage) items; past the
 * end is ERROR_NO_MORE_ITEMS. */
static DWORD page_begin(const cds_dhcp_resume_t *resume, DWORD preferred, DWORD total, DWORD *start,
                        DWORD *n)
{
    *start = *resume;
    if (*start >= total)
        return ERROR_NO_MORE_ITEMS;
    *n = total - *start;
    if (*n > preferred)
        *n = preferred;
    if (*n > d.maxpage)
        *n = d.maxpage;
    return *n ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

/* ERROR_MORE_DATA while items remain, ERROR_SUCCESS with the last page. */
static DWORD page_end(cds_dhcp_resume_t *resume, DWORD start, DWORD n, DWORD total, DWORD *read,
                      DWORD *left)
{
    *read = n;
    *left = total - start - n;
    *resume = start + n;
    return start + n < total ? ERROR_MORE_DATA : ERROR_SUCCESS;
}

DWORD WINAPI DhcpEnumSubnets(const WCHAR *ServerIpAddress,
    cds_dhcp_resume_t *ResumeHandle, DWORD PreferredMaximum, cds_dhcp_ip_array_t **EnumInfo,
    DWORD *ElementsRead, DWORD *ElementsTotal)
{
    DWORD rc = enter(FN_ENUM_SUBNETS, ServerIpAddress, 0), start, n;
    cds_dhcp_ip_array_t *arr;

    if (rc)
        return rc;
    if (!ResumeHandle || !EnumInfo || !ElementsRead || !ElementsTotal)
        return ERROR_INVALID_PARAMETER;
    *EnumInfo = NULL;
    *ElementsRead = *ElementsTotal = 0;
    if ((rc = page_begin(ResumeHandle, PreferredMaximum, d.nscopes, &start, &n)))
        return rc;
    if (!(arr = dalloc(sizeof *arr)) || !(arr->Elements = dalloc(n * sizeof *arr->Elements)))
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < n; i++)
        arr->Elements[i] = d.scopes[start + i].addr;
    arr->NumElements = n;
    *EnumInfo = arr;
    return page_end(ResumeHandle, start, n, d.nscopes, ElementsRead, ElementsTotal);
}

DWORD WINAPI DhcpGetSubnetInfo(const WCHAR *ServerIpAddress,
    cds_dhcp_ip_t SubnetAddress, cds_dhcp_subnet_info_t **SubnetInfo)
{
    DWORD rc = enter(FN_GET_SUBNET_INFO, ServerIpAddress, SubnetAddress);
    const dscope_t *s;
    cds_dhcp_subnet_info_t *info;

    if (rc)
        return rc;
    if (!SubnetInfo)
        return ERROR_INVALID_PARAMETER;
    *SubnetInfo = NULL;
    if (!(s = find(SubnetAddress)))
        return 20005; /* ERROR_DHCP_SUBNET_NOT_PRESENT */
    if (!(info = dalloc(sizeof *info)))
        return ERROR_NOT_ENOUGH_MEMORY;
    info->SubnetAddress = s->addr;
    info->SubnetMask = s->mask;
    info->SubnetName = dwstr(s->name);
    info->SubnetComment = dwstr("served by the test double");
    info->PrimaryHost.IpAddress = 0x7F000001u;
    info->PrimaryHost.NetBiosName = dwstr("DOUBLE");
    info->PrimaryHost.HostName = dwstr("double.example");
    info->SubnetState = (int)s->state;
    *SubnetInfo = info;
    return ERROR_SUCCESS;
}

DWORD WINAPI DhcpGetMibInfoV5(const WCHAR *ServerIpAddress,
    cds_dhcp_mib_v5_t **MibInfo)
{
    DWORD rc = enter(FN_GET_MIB_V5, ServerIpAddress, 0);
    cds_dhcp_mib_v5_t *mib;

    if (rc)
        return rc;
    if (!MibInfo)
        return ERROR_INVALID_PARAMETER;
    *MibInfo = NULL;
    if (!(mib = dalloc(sizeof *mib)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if (d.nscopes && !(mib->ScopeInfo = dalloc(d.nscopes * sizeof *mib->ScopeInfo)))
        return ERROR_NOT_ENOUGH_MEMORY;
    mib->Discovers = 1000;
    mib->Offers = 990;
    mib->Scopes = d.nscopes;
    for (DWORD i = 0; i < d.nscopes; i++) {
        mib->ScopeInfo[i].Subnet = d.scopes[i].addr;
        mib->ScopeInfo[i].NumAddressesInuse = d.scopes[i].inuse;
        mib->ScopeInfo[i].NumAddressesFree = d.scopes[i].free;
        mib->ScopeInfo[i].NumPendingOffers = d.scopes[i].pending;
    }
    *MibInfo = mib;
    return ERROR_SUCCESS;
}

static int fill_relationship(cds_dhcp_fo_rel_t *out, const drel_t *r)
{
    out->PrimaryServer = 0xC0000201u;
    out->SecondaryServer = 0xC0000202u;
    out->Mode = r->mode;
    out->ServerType = r->role;
    out->State = r->state;
    out->PrevState = 3;
    out->Mclt = 3600;
    out->SafePeriod = 0;
    out->RelationshipName = dwstr(r->name);
    out->PrimaryServerName = dwstr("dhcp-a.example");
    out->SecondaryServerName = dwstr("dhcp-b.example");
    out->Percentage = r->mode ? 5 : 50;
    out->SharedSecret = dwstr("not-a-secret");
    if (!(out->pScopes = dalloc(sizeof *out->pScopes)))
        return -1;
    if (r->nscopes && !(out->pScopes->Elements = dalloc(r->nscopes * sizeof *out->pScopes->Elements)))
        return -1;
    for (DWORD i = 0; i < r->nscopes; i++)
        out->pScopes->Elements[i] = r->scopes[i];
    out->pScopes->NumElements = r->nscopes;
    return 0;
}

DWORD WINAPI DhcpV4FailoverEnumRelationship(const WCHAR *ServerIpAddress,
    cds_dhcp_resume_t *ResumeHandle, DWORD PreferredMaximum, cds_dhcp_fo_rel_array_t **pRelationship,
    DWORD *RelationshipRead, DWORD *RelationshipTotal)
{
    DWORD rc = enter(FN_FO_ENUM, ServerIpAddress, 0), start, n;
    cds_dhcp_fo_rel_array_t *arr;

    if (rc)
        return rc;
    if (!ResumeHandle || !pRelationship || !RelationshipRead || !RelationshipTotal)
        return ERROR_INVALID_PARAMETER;
    *pRelationship = NULL;
    *RelationshipRead = *RelationshipTotal = 0;
    if ((rc = page_begin(ResumeHandle, PreferredMaximum, d.nrels, &start, &n)))
        return rc;
    if (!(arr = dalloc(sizeof *arr)) || !(arr->pRelationships = dalloc(n * sizeof *arr->pRelationships)))
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < n; i++)
        if (fill_relationship(&arr->pRelationships[i], &d.rels[start + i]))
            return ERROR_NOT_ENOUGH_MEMORY;
    arr->NumElements = n;
    *pRelationship = arr;
    return page_end(ResumeHandle, start, n, d.nrels, RelationshipRead, RelationshipTotal);
}

DWORD WINAPI DhcpV4FailoverGetScopeStatistics(WCHAR *ServerIpAddress,
    cds_dhcp_ip_t ScopeId, cds_dhcp_fo_stats_t **pStats)
{
    DWORD rc = enter(FN_FO_STATS, ServerIpAddress, ScopeId);
    const dscope_t *s;
    cds_dhcp_fo_stats_t *st;

    if (rc)
        return rc;
    if (!pStats)
        return ERROR_INVALID_PARAMETER;
    *pStats = NULL;
    if (!(s = find(ScopeId)))
        return 20005; /* ERROR_DHCP_SUBNET_NOT_PRESENT */
    if (s->rel < 0)
        return 20116; /* ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP */
    if (!(st = dalloc(sizeof *st)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if (s->has_stats) {
        *st = s->stats;
    } else {
        st->NumAddr = s->inuse + s->free;
        st->AddrFree = s->free;
        st->AddrInUse = s->inuse;
        st->ThisAddrFree = s->free / 2;
        st->PartnerAddrFree = s->free - s->free / 2;
        st->ThisAddrInUse = s->inuse / 2;
        st->PartnerAddrInUse = s->inuse - s->inuse / 2;
    }
    *pStats = st;
    return ERROR_SUCCESS;
}

DWORD WINAPI DhcpGetSuperScopeInfoV4(const WCHAR *ServerIpAddress,
    cds_dhcp_superscope_table_t **SuperScopeTable)
{
    DWORD rc = enter(FN_SUPERSCOPE, ServerIpAddress, 0);
    cds_dhcp_superscope_table_t *t;

    if (rc)
        return rc;
    if (!SuperScopeTable)
        return ERROR_INVALID_PARAMETER;
    *SuperScopeTable = NULL;
    if (!(t = dalloc(sizeof *t)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if (d.nscopes && !(t->pEntries = dalloc(d.nscopes * sizeof *t->pEntries)))
        return ERROR_NOT_ENOUGH_MEMORY;
    t->cEntries = d.nscopes;
    for (DWORD i = 0; i < d.nscopes; i++) {
        cds_dhcp_superscope_entry_t *e = &t->pEntries[i];

        e->SubnetAddress = d.scopes[i].addr;
        e->SuperScopeNumber = i;
        e->NextInSuperScope = 0xFFFFFFFFu;
        e->SuperScopeName = d.scopes[i].super >= 0 ? dwstr(d.supers[d.scopes[i].super]) : NULL;
    }
    *SuperScopeTable = t;
    return ERROR_SUCCESS;
}

DWORD WINAPI DhcpEnumSubnetsV6(const WCHAR *ServerIpAddress,
    cds_dhcp_resume_t *ResumeHandle, DWORD PreferredMaximum, cds_dhcpv6_ip_array_t **EnumInfo,
    DWORD *ElementsRead, DWORD *ElementsTotal)
{
    DWORD rc = enter(FN_ENUM_SUBNETS_V6, ServerIpAddress, 0), start, n;
    cds_dhcpv6_ip_array_t *arr;

    if (rc)
        return rc;
    if (!ResumeHandle || !EnumInfo || !ElementsRead || !ElementsTotal)
        return ERROR_INVALID_PARAMETER;
    *EnumInfo = NULL;
    *ElementsRead = *ElementsTotal = 0;
    if ((rc = page_begin(ResumeHandle, PreferredMaximum, d.nscopes6, &start, &n)))
        return rc;
    if (!(arr = dalloc(sizeof *arr)) || !(arr->Elements = dalloc(n * sizeof *arr->Elements)))
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < n; i++)
        arr->Elements[i] = d.scopes6[start + i].addr;
    arr->NumElements = n;
    *EnumInfo = arr;
    return page_end(ResumeHandle, start, n, d.nscopes6, ElementsRead, ElementsTotal);
}

DWORD WINAPI DhcpGetSubnetInfoV6(WCHAR *ServerIpAddress,
    cds_dhcp_ipv6_t SubnetAddress, cds_dhcp_subnet_info_v6_t **SubnetInfo)
{
    DWORD rc = enter6(FN_GET_SUBNET_INFO_V6, ServerIpAddress, 0, &SubnetAddress);
    const dscope6_t *s;
    cds_dhcp_subnet_info_v6_t *info;

    if (rc)
        return rc;
    if (!SubnetInfo)
        return ERROR_INVALID_PARAMETER;
    *SubnetInfo = NULL;
    if (!(s = find6(&SubnetAddress)))
        return 20005; /* ERROR_DHCP_SUBNET_NOT_PRESENT */
    if (!(info = dalloc(sizeof *info)))
        return ERROR_NOT_ENOUGH_MEMORY;
    info->SubnetAddress = s->addr;
    info->Prefix = s->prefix;
    info->Preference = 0;
    info->SubnetName = dwstr(s->name);
    info->SubnetComment = dwstr("served by the test double");
    info->State = s->state;
    info->ScopeId = (DWORD)(s - d.scopes6) + 1;
    *SubnetInfo = info;
    return ERROR_SUCCESS;
}

DWORD WINAPI DhcpGetMibInfoV6(const WCHAR *ServerIpAddress, cds_dhcp_mib_v6_t **MibInfo)
{
    DWORD rc = enter(FN_GET_MIB_V6, ServerIpAddress, 0);
    cds_dhcp_mib_v6_t *mib;

    if (rc)
        return rc;
    if (!MibInfo)
        return ERROR_INVALID_PARAMETER;
    *MibInfo = NULL;
    if (!(mib = dalloc(sizeof *mib)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if (d.nscopes6 && !(mib->ScopeInfo = dalloc(d.nscopes6 * sizeof *mib->ScopeInfo)))
        return ERROR_NOT_ENOUGH_MEMORY;
    mib->Solicits = 500;
    mib->Advertises = 495;
    mib->Scopes = d.nscopes6;
    for (DWORD i = 0; i < d.nscopes6; i++) {
        mib->ScopeInfo[i].Subnet = d.scopes6[i].addr;
        mib->ScopeInfo[i].NumAddressesInuse = d.scopes6[i].inuse;
        mib->ScopeInfo[i].NumAddressesFree = d.scopes6[i].free;
        mib->ScopeInfo[i].NumPendingAdvertises = d.scopes6[i].pending;
    }
    *MibInfo = mib;
    return ERROR_SUCCESS;
}

VOID WINAPI DhcpRpcFreeMemory(void *BufferPointer)
{
    block_t *b;

    d.calls[FN_FREE]++;
    if (!BufferPointer)
        return;
    b = (block_t *)BufferPointer - 1;
    if (b->magic != BLOCK_MAGIC) {
        d.badfrees++;
        return;
    }
    b->magic = 0;
    HeapFree(GetProcessHeap(), 0, b);
    d.frees++;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        loaded_ms = unix_ms();
    if (reason == DLL_PROCESS_DETACH)
        write_counts();
    return TRUE;
}
