/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_DHCPM_NDR_H
#define CDS_DHCPM_NDR_H

/* NDR (NDR20, little endian) of the MS-DHCPM methods the mswin source calls
 * and of the endpoint mapper's ept_map, written on Samba's libndr push and
 * pull primitives from the IDL in [MS-DHCPM] section 6 and [C706]:
 * plugin/mswin/rpc/dhcpm_ndr.c. No I/O: requests are built into buffers,
 * replies decoded from buffers, so tests/fuzz/fuzz_dhcpm_ndr.c and the
 * impacket cross-check (tests/msrpc/ndr_crosscheck.py) feed it bytes.
 *
 * The IDL rules that matter here: every method's first parameter is the
 * [in, unique, string] server name (sent as NULL, the server ignores it);
 * top-level [in,out] resume handles are [ref] (no referent on the wire);
 * [out] LPX *p is a [ref] to a [unique] pointer (a referent, then X); enums
 * without [v1_enum] travel as 16 bits; embedded pointers are deferred to the
 * end of the structure that holds them, in field order. */

#include <stddef.h>
#include <stdint.h>

#include <talloc.h>

#include "mswin_scopes.h"

/* The interfaces ([MS-DHCPM] 2.1) and the endpoint mapper ([C706] appendix
 * O), as "uuid" text for a tower and as numbers for a syntax id. */
#define DHCPM_DHCPSRV_UUID "6bffd098-a112-3610-9833-46c3f874532d"
#define DHCPM_DHCPSRV2_UUID "5b821720-f63b-11d0-aad2-00c04fc324db"
#define DHCPM_EPM_UUID "e1af8308-5d1f-11c9-91a4-08002b14a0fa"

/* Opnums: dhcpsrv ... */
#define DHCPM_OP_GET_SUBNET_INFO 2
#define DHCPM_OP_ENUM_SUBNETS 3
#define DHCPM_OP_GET_SUPERSCOPE_INFO_V4 37
/* ... dhcpsrv2 ... */
#define DHCPM_OP_ENUM_SUBNETS_V6 58
#define DHCPM_OP_GET_SUBNET_INFO_V6 63
#define DHCPM_OP_GET_MIB_INFO_V6 68
#define DHCPM_OP_GET_MIB_INFO_V5 81
#define DHCPM_OP_FO_ENUM_RELATIONSHIP 93
#define DHCPM_OP_FO_GET_SCOPE_STATISTICS 97
/* ... and ept_map. */
#define DHCPM_OP_EPT_MAP 3

/* ept_map's status when nothing is registered for the interface. */
#define DHCPM_EPT_S_NOT_REGISTERED 0x16c9a0d6u

/* A decoded reply never holds more than this many elements of one array,
 * whatever a server claims. */
#define DHCPM_MAX_ELEMENTS 1000000u

/* An encoded request: talloc'ed under the caller's context. */
typedef struct dhcpm_blob {
    uint8_t *data;
    size_t len;
} dhcpm_blob_t;

/* Requests: 0, or -1 when out of memory. */
/* R_DhcpGetSuperScopeInfoV4, R_DhcpGetMibInfoV5, R_DhcpGetMibInfoV6: the server name only. */
int dhcpm_req_server_only(TALLOC_CTX *mem, dhcpm_blob_t *out);
/* R_DhcpEnumSubnets, R_DhcpEnumSubnetsV6, R_DhcpV4FailoverEnumRelationship. */
int dhcpm_req_enum(TALLOC_CTX *mem, uint32_t resume, uint32_t preferred_max, dhcpm_blob_t *out);
/* R_DhcpGetSubnetInfo, R_DhcpV4FailoverGetScopeStatistics: one IPv4 address (host order). */
int dhcpm_req_ip4(TALLOC_CTX *mem, uint32_t addr, dhcpm_blob_t *out);
/* R_DhcpGetSubnetInfoV6: one IPv6 address (network byte order). */
int dhcpm_req_ip6(TALLOC_CTX *mem, const uint8_t addr[16], dhcpm_blob_t *out);
/* ept_map for an ncacn_ip_tcp tower of interface uuid (text) version vmajor.vminor. */
int dhcpm_req_ept_map(TALLOC_CTX *mem, const char *uuid, uint16_t vmajor, uint16_t vminor,
                      uint32_t max_towers, dhcpm_blob_t *out);

/* Replies. Each decoder returns 0 and fills its struct (strings and arrays
 * talloc'ed under mem; strings UTF-8, NULL where the server sent a NULL
 * pointer), or -1 with one sentence naming the method, the byte offset and
 * what is wrong in err. The method's own status is in ->status: the [out]
 * pointers may be NULL whenever it is not 0. */

typedef struct dhcpm_ip6 {
    uint8_t b[16];                   /* network byte order */
} dhcpm_ip6_t;

/* R_DhcpEnumSubnets (IPv4 addresses, host order) and R_DhcpEnumSubnetsV6. */
typedef struct dhcpm_enum_subnets {
    uint32_t resume, read, total, status;
    int has_array;                   /* EnumInfo was not NULL */
    uint32_t n;
    uint32_t *addrs;                 /* v4 */
    dhcpm_ip6_t *addrs6;             /* v6 */
} dhcpm_enum_subnets_t;

typedef struct dhcpm_subnet_info {
    uint32_t address, mask;
    char *name, *comment;
    uint32_t host_ip;
    char *host_netbios, *host_name;
    uint32_t state;                  /* DHCP_SUBNET_STATE */
} dhcpm_subnet_info_t;

typedef struct dhcpm_get_subnet_info {
    uint32_t status;
    dhcpm_subnet_info_t *info;       /* NULL when the server sent none */
} dhcpm_get_subnet_info_t;

typedef struct dhcpm_subnet_info6 {
    dhcpm_ip6_t address;
    uint32_t prefix;
    uint16_t preference;
    char *name, *comment;
    uint32_t state, scope_id;
} dhcpm_subnet_info6_t;

typedef struct dhcpm_get_subnet_info6 {
    uint32_t status;
    dhcpm_subnet_info6_t *info;
} dhcpm_get_subnet_info6_t;

typedef struct dhcpm_scope_mib {
    uint32_t subnet, in_use, free, pending;
} dhcpm_scope_mib_t;

/* R_DhcpGetMibInfoV5: the counters the plugin reads, and every scope's figures. */
typedef struct dhcpm_mib {
    uint32_t status;
    int has_mib;
    uint32_t discovers, offers, requests, acks, naks, declines, releases;
    uint32_t start_low, start_high;
    uint32_t qtn[7];
    uint32_t delayed_offers, scopes_with_delayed_offers;
    uint32_t scopes;
    dhcpm_scope_mib_t *scope;        /* scopes entries, or NULL */
} dhcpm_mib_t;

typedef struct dhcpm_scope_mib6 {
    dhcpm_ip6_t subnet;
    uint64_t in_use, free, pending;
} dhcpm_scope_mib6_t;

/* R_DhcpGetMibInfoV6. */
typedef struct dhcpm_mib6 {
    uint32_t status;
    int has_mib;
    uint32_t counters[10];           /* Solicits ... Informs */
    uint32_t start_low, start_high;
    uint32_t scopes;
    dhcpm_scope_mib6_t *scope;
} dhcpm_mib6_t;

typedef struct dhcpm_fo_rel {
    uint32_t primary, secondary;
    uint32_t mode, server_type, state, prev_state;   /* 16-bit enums on the wire */
    uint32_t mclt, safe_period;
    char *name, *primary_name, *secondary_name;
    int has_scopes;
    uint32_t nscopes;
    uint32_t *scopes;
    uint8_t percentage;
    char *shared_secret;
} dhcpm_fo_rel_t;

/* R_DhcpV4FailoverEnumRelationship. */
typedef struct dhcpm_fo_enum {
    uint32_t resume, read, total, status;
    int has_array;
    uint32_t n;
    dhcpm_fo_rel_t *rels;
} dhcpm_fo_enum_t;

/* R_DhcpV4FailoverGetScopeStatistics. */
typedef struct dhcpm_fo_stats {
    uint32_t status;
    int has_stats;
    mswin_fo_stats_t stats;
} dhcpm_fo_stats_t;

typedef struct dhcpm_superscope_entry {
    uint32_t subnet, number, next;
    char *name;
} dhcpm_superscope_entry_t;

/* R_DhcpGetSuperScopeInfoV4. */
typedef struct dhcpm_superscope {
    uint32_t status;
    int has_table;
    uint32_t n;
    dhcpm_superscope_entry_t *entries;
} dhcpm_superscope_t;

/* ept_map: the first TCP port among the towers returned. */
typedef struct dhcpm_ept_map {
    uint32_t status;
    uint32_t num_towers;
    int has_port;
    uint16_t port;
} dhcpm_ept_map_t;

int dhcpm_rep_enum_subnets(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_enum_subnets_t *out,
                           char *err, size_t errlen);
int dhcpm_rep_enum_subnets6(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_enum_subnets_t *out,
                            char *err, size_t errlen);
int dhcpm_rep_subnet_info(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_get_subnet_info_t *out,
                          char *err, size_t errlen);
int dhcpm_rep_subnet_info6(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_get_subnet_info6_t *out,
                           char *err, size_t errlen);
int dhcpm_rep_mib(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_mib_t *out, char *err, size_t errlen);
int dhcpm_rep_mib6(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_mib6_t *out, char *err, size_t errlen);
int dhcpm_rep_fo_enum(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_fo_enum_t *out, char *err,
                      size_t errlen);
int dhcpm_rep_fo_stats(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_fo_stats_t *out, char *err,
                       size_t errlen);
int dhcpm_rep_superscope(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_superscope_t *out, char *err,
                         size_t errlen);
int dhcpm_rep_ept_map(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_ept_map_t *out, char *err,
                      size_t errlen);

#endif
