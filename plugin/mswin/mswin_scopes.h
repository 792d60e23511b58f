/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSWIN_SCOPES_H
#define CDS_MSWIN_SCOPES_H

/* Which scopes the mswin source reads, the same way in both of its clients
 * (dhcpsapi in the .exe, MS-DHCPM over RPC on Linux): plugin/mswin/mswin_scopes.c.
 * No Windows types, so it builds everywhere and is unit-tested natively. */

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

#endif
