/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSWIN_SCOPES_H
#define CDS_MSWIN_SCOPES_H

/* Which scopes the mswin source reads, and how their figures enter the
 * model, the same way in both of its clients (dhcpsapi in the .exe, MS-DHCPM
 * over RPC on Linux): plugin/mswin/mswin_scopes.c. No Windows types, so it
 * builds everywhere and is unit-tested natively. */

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "source.h"

/* DHCP_SUBNET_STATE (windows-dhcp-api.md): the states that serve clients. */
#define MSWIN_SUBNET_ENABLED 0u
#define MSWIN_SUBNET_ENABLED_SWITCHED 2u

/* Scope addresses of one family, as the listing or -s gives them. */
typedef struct mswin_addrs {
    addr_t *v;
    size_t n, cap;
} mswin_addrs_t;

/* Appends an address: 0, or -1 when out of memory. */
int mswin_addrs_push(mswin_addrs_t *list, const addr_t *a);

void mswin_addrs_free(mswin_addrs_t *list);

/* The -s patterns that are addresses or prefixes, by family, into v4 and v6
 * (each once). 1: every pattern is one, so only those scopes are read and
 * the listings are skipped; 0: some name a scope otherwise, so every scope
 * is listed (the lists stay empty); or SOURCE_ERROR with a sentence for an
 * address of a family --family (the mask families) leaves out, which could
 * never match. */
int mswin_wanted(const source_ctx_t *ctx, unsigned families, mswin_addrs_t *v4, mswin_addrs_t *v6, char *err,
                 size_t errlen);

/* Whether a scope in this DHCP_SUBNET_STATE is checked: 1 yes, 0 skip it
 * (disabled), or SOURCE_ERROR with a sentence for a disabled scope that -s
 * names (named). server names the host for that sentence. */
int mswin_state_checked(uint32_t state, int include_disabled, int named, const addr_t *a, const char *server,
                        char *err, size_t errlen);

/* The IPv4 scope with this address (host byte order) in a list that
 * scope_list_sort has sorted, or NULL. */
scope_t *mswin_scope_v4(scope_list_t *list, uint32_t addr);

/* A scope's figures from DhcpGetMibInfoV5/V6: in use and free, total their sum. */
void mswin_set_counts(scope_t *s, uint64_t in_use, uint64_t free);

/* DHCP_FAILOVER_STATISTICS, field for field. */
typedef struct mswin_fo_stats {
    uint32_t num_addr, addr_free, addr_in_use;
    uint32_t partner_addr_free, this_addr_free, partner_addr_in_use, this_addr_in_use;
} mswin_fo_stats_t;

/* A failover scope's figures: scope-wide totals and the split between the
 * partners. The same scope lives on both servers, so these are never added
 * to the partner's. */
void mswin_set_fo_stats(scope_t *s, const mswin_fo_stats_t *st);

/* Whether DhcpV4FailoverGetScopeStatistics answering code without
 * statistics means the scope left its relationship since it was listed
 * (success with nothing, or a not-in-failover error): then it is checked
 * as a scope of its own on the MIB figures (failover -1), not an error. */
int mswin_fo_scope_left(uint32_t code);

/* Adds a failover relationship with its mode, this server's role and the
 * state, as DHCP_FAILOVER_RELATIONSHIP numbers them, and its name (UTF-8).
 * Returns its index for the member scopes' failover field, or -1 when out
 * of memory. */
int mswin_add_relationship(scope_list_t *out, const char *name, uint32_t mode, uint32_t server_type,
                           uint32_t state);

#endif
