/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSWIN_API_H
#define CDS_MSWIN_API_H

/* The part of the Windows DHCP Server Management API (dhcpsapi.dll) the mswin
 * source calls, declared by this project from Microsoft's documentation of
 * dhcpsapi.h and [MS-DHCPM]: mingw-w64's dhcpsapi.h lacks the failover and
 * MIB declarations. Every name carries the cds_dhcp_ / CDS_DHCP_ prefix so a
 * future SDK header can never clash with it; members keep Microsoft's names so
 * they can be checked against the documentation. The DLL is loaded at run
 * time (plugin/mswin/mswin_source.c), so only the function pointer types are
 * declared, never the functions. Used by the source and by the test double
 * (tests/mswin_double/). */

#include <stddef.h>
#include <windows.h>

typedef DWORD cds_dhcp_ip_t;        /* host byte order: 10.0.0.0 is 0x0A000000 */
typedef DWORD cds_dhcp_resume_t;

typedef struct cds_dhcp_ip_array {
    DWORD NumElements;
    cds_dhcp_ip_t *Elements;
} cds_dhcp_ip_array_t;

typedef struct cds_dhcp_host_info {
    cds_dhcp_ip_t IpAddress;
    LPWSTR NetBiosName;
    LPWSTR HostName;
} cds_dhcp_host_info_t;

/* DHCP_SUBNET_STATE */
enum {
    CDS_DHCP_SUBNET_ENABLED = 0,
    CDS_DHCP_SUBNET_DISABLED = 1,
    CDS_DHCP_SUBNET_ENABLED_SWITCHED = 2,
    CDS_DHCP_SUBNET_DISABLED_SWITCHED = 3,
    CDS_DHCP_SUBNET_INVALID_STATE = 4
};

typedef struct cds_dhcp_subnet_info {
    cds_dhcp_ip_t SubnetAddress;
    cds_dhcp_ip_t SubnetMask;
    LPWSTR SubnetName;
    LPWSTR SubnetComment;
    cds_dhcp_host_info_t PrimaryHost;
    int SubnetState;                  /* an enum in the SDK: int-sized */
} cds_dhcp_subnet_info_t;

typedef struct cds_dhcp_date_time {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} cds_dhcp_date_time_t;

/* SCOPE_MIB_INFO_V5 (the same layout as SCOPE_MIB_INFO) */
typedef struct cds_dhcp_scope_mib {
    cds_dhcp_ip_t Subnet;
    DWORD NumAddressesInuse;
    DWORD NumAddressesFree;
    DWORD NumPendingOffers;
} cds_dhcp_scope_mib_t;

/* DHCP_MIB_INFO_V5 */
typedef struct cds_dhcp_mib_v5 {
    DWORD Discovers, Offers, Requests, Acks, Naks, Declines, Releases;
    cds_dhcp_date_time_t ServerStartTime;
    DWORD QtnNumLeases, QtnPctQtnLeases, QtnProbationLeases, QtnNonQtnLeases,
          QtnExemptLeases, QtnCapableClients, QtnIASErrors, DelayedOffers,
          ScopesWithDelayedOffers;
    DWORD Scopes;
    cds_dhcp_scope_mib_t *ScopeInfo;
} cds_dhcp_mib_v5_t;

/* DHCP_FAILOVER_MODE, DHCP_FAILOVER_SERVER and FSM_STATE values are in
 * mswin_map.h, which needs no Windows header. */
typedef struct cds_dhcp_fo_stats {
    DWORD NumAddr;
    DWORD AddrFree;
    DWORD AddrInUse;
    DWORD PartnerAddrFree;
    DWORD ThisAddrFree;
    DWORD PartnerAddrInUse;
    DWORD ThisAddrInUse;
} cds_dhcp_fo_stats_t;

typedef struct cds_dhcp_fo_rel {
    cds_dhcp_ip_t PrimaryServer;
    cds_dhcp_ip_t SecondaryServer;
    int Mode;                         /* enums in the SDK: int-sized */
    int ServerType;
    int State;
    int PrevState;
    DWORD Mclt;
    DWORD SafePeriod;
    LPWSTR RelationshipName;
    LPWSTR PrimaryServerName;
    LPWSTR SecondaryServerName;
    cds_dhcp_ip_array_t *pScopes;
    BYTE Percentage;
    LPWSTR SharedSecret;
} cds_dhcp_fo_rel_t;

typedef struct cds_dhcp_fo_rel_array {
    DWORD NumElements;
    cds_dhcp_fo_rel_t *pRelationships;
} cds_dhcp_fo_rel_array_t;

typedef struct cds_dhcp_superscope_entry {
    cds_dhcp_ip_t SubnetAddress;
    DWORD SuperScopeNumber;
    DWORD NextInSuperScope;
    LPWSTR SuperScopeName;
} cds_dhcp_superscope_entry_t;

typedef struct cds_dhcp_superscope_table {
    DWORD cEntries;
    cds_dhcp_superscope_entry_t *pEntries;
} cds_dhcp_superscope_table_t;

/* DHCPv6 (Windows Server 2008 R2 and later). mingw-w64 10's dhcpsapi.h
 * declares DHCP_SUBNET_INFO_V6 but uses DHCPV6_IP_ARRAY without defining it
 * and lacks the MIB types; its import library exports all three functions. */

/* DHCP_IPV6_ADDRESS (also the IPv6 resume handle): the address's first 64
 * bits, most significant first, in HighOrderBits, the last 64 in LowOrderBits. */
typedef struct cds_dhcp_ipv6 {
    ULONGLONG HighOrderBits;
    ULONGLONG LowOrderBits;
} cds_dhcp_ipv6_t;

/* DHCPV6_IP_ARRAY */
typedef struct cds_dhcpv6_ip_array {
    DWORD NumElements;
    cds_dhcp_ipv6_t *Elements;
} cds_dhcpv6_ip_array_t;

/* DHCP_SUBNET_INFO_V6; State holds DHCP_SUBNET_STATE values. */
typedef struct cds_dhcp_subnet_info_v6 {
    cds_dhcp_ipv6_t SubnetAddress;
    ULONG Prefix;                     /* the prefix length */
    USHORT Preference;
    LPWSTR SubnetName;
    LPWSTR SubnetComment;
    DWORD State;
    DWORD ScopeId;
} cds_dhcp_subnet_info_v6_t;

/* SCOPE_MIB_INFO_V6: 64-bit counts, as a /64 holds 2^64 addresses. */
typedef struct cds_dhcp_scope_mib_v6 {
    cds_dhcp_ipv6_t Subnet;
    ULONGLONG NumAddressesInuse;
    ULONGLONG NumAddressesFree;
    ULONGLONG NumPendingAdvertises;
} cds_dhcp_scope_mib_v6_t;

/* DHCP_MIB_INFO_V6 */
typedef struct cds_dhcp_mib_v6 {
    DWORD Solicits, Advertises, Requests, Renews, Rebinds, Replies, Confirms, Declines, Releases,
          Informs;
    cds_dhcp_date_time_t ServerStartTime;
    DWORD Scopes;
    cds_dhcp_scope_mib_v6_t *ScopeInfo;
} cds_dhcp_mib_v6_t;

/* The layouts the documentation implies on x64; a wrong member here would
 * read garbage from the real DLL while the test double, which shares this
 * header, would not notice. */
#if defined(_WIN64)
_Static_assert(sizeof(cds_dhcp_subnet_info_t) == 56, "DHCP_SUBNET_INFO layout");
_Static_assert(offsetof(cds_dhcp_subnet_info_t, SubnetState) == 48, "DHCP_SUBNET_INFO layout");
_Static_assert(offsetof(cds_dhcp_mib_v5_t, Scopes) == 72, "DHCP_MIB_INFO_V5 layout");
_Static_assert(offsetof(cds_dhcp_mib_v5_t, ScopeInfo) == 80, "DHCP_MIB_INFO_V5 layout");
_Static_assert(sizeof(cds_dhcp_fo_stats_t) == 28, "DHCP_FAILOVER_STATISTICS layout");
_Static_assert(offsetof(cds_dhcp_fo_rel_t, RelationshipName) == 32, "DHCP_FAILOVER_RELATIONSHIP layout");
_Static_assert(offsetof(cds_dhcp_fo_rel_t, Percentage) == 64, "DHCP_FAILOVER_RELATIONSHIP layout");
_Static_assert(sizeof(cds_dhcp_fo_rel_t) == 80, "DHCP_FAILOVER_RELATIONSHIP layout");
_Static_assert(sizeof(cds_dhcp_superscope_entry_t) == 24, "DHCP_SUPER_SCOPE_TABLE_ENTRY layout");
_Static_assert(sizeof(cds_dhcp_ipv6_t) == 16, "DHCP_IPV6_ADDRESS layout");
_Static_assert(offsetof(cds_dhcpv6_ip_array_t, Elements) == 8, "DHCPV6_IP_ARRAY layout");
_Static_assert(offsetof(cds_dhcp_subnet_info_v6_t, Preference) == 20, "DHCP_SUBNET_INFO_V6 layout");
_Static_assert(offsetof(cds_dhcp_subnet_info_v6_t, SubnetName) == 24, "DHCP_SUBNET_INFO_V6 layout");
_Static_assert(offsetof(cds_dhcp_subnet_info_v6_t, State) == 40, "DHCP_SUBNET_INFO_V6 layout");
_Static_assert(sizeof(cds_dhcp_subnet_info_v6_t) == 48, "DHCP_SUBNET_INFO_V6 layout");
_Static_assert(sizeof(cds_dhcp_scope_mib_v6_t) == 40, "SCOPE_MIB_INFO_V6 layout");
_Static_assert(offsetof(cds_dhcp_mib_v6_t, ServerStartTime) == 40, "DHCP_MIB_INFO_V6 layout");
_Static_assert(offsetof(cds_dhcp_mib_v6_t, Scopes) == 48, "DHCP_MIB_INFO_V6 layout");
_Static_assert(offsetof(cds_dhcp_mib_v6_t, ScopeInfo) == 56, "DHCP_MIB_INFO_V6 layout");
#endif

/* The functions, all WINAPI; a NULL or empty server means the local one. */
typedef DWORD (WINAPI *cds_dhcp_enum_subnets_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_resume_t *ResumeHandle, DWORD PreferredMaximum, cds_dhcp_ip_array_t **EnumInfo,
    DWORD *ElementsRead, DWORD *ElementsTotal);
typedef DWORD (WINAPI *cds_dhcp_get_subnet_info_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_ip_t SubnetAddress, cds_dhcp_subnet_info_t **SubnetInfo);
typedef DWORD (WINAPI *cds_dhcp_get_mib_info_v5_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_mib_v5_t **MibInfo);
typedef DWORD (WINAPI *cds_dhcp_fo_enum_relationship_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_resume_t *ResumeHandle, DWORD PreferredMaximum, cds_dhcp_fo_rel_array_t **pRelationship,
    DWORD *RelationshipRead, DWORD *RelationshipTotal);
typedef DWORD (WINAPI *cds_dhcp_fo_get_scope_statistics_fn)(WCHAR *ServerIpAddress,
    cds_dhcp_ip_t ScopeId, cds_dhcp_fo_stats_t **pStats);
typedef DWORD (WINAPI *cds_dhcp_get_superscope_info_v4_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_superscope_table_t **SuperScopeTable);
/* DHCPv6; the subnet address travels by value (the x64 convention passes
 * a 16-byte struct as a pointer to a copy, which the compiler does). */
typedef DWORD (WINAPI *cds_dhcp_enum_subnets_v6_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_resume_t *ResumeHandle, DWORD PreferredMaximum, cds_dhcpv6_ip_array_t **EnumInfo,
    DWORD *ElementsRead, DWORD *ElementsTotal);
typedef DWORD (WINAPI *cds_dhcp_get_subnet_info_v6_fn)(WCHAR *ServerIpAddress,
    cds_dhcp_ipv6_t SubnetAddress, cds_dhcp_subnet_info_v6_t **SubnetInfo);
typedef DWORD (WINAPI *cds_dhcp_get_mib_info_v6_fn)(const WCHAR *ServerIpAddress,
    cds_dhcp_mib_v6_t **MibInfo);
typedef VOID (WINAPI *cds_dhcp_rpc_free_memory_fn)(void *BufferPointer);

#endif
