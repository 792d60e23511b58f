/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSWIN_SOURCE_H
#define CDS_MSWIN_SOURCE_H

/* The mswin source: its options (plugin/mswin/mswin_options.c, in every
 * build) and its fetch: plugin/mswin/mswin_source.c through dhcpsapi.dll in
 * the Windows build; elsewhere MS-DHCPM over DCE/RPC with Samba's client
 * libraries (plugin/mswin/rpc/msrpc_fetch.c), or plugin/mswin/no_mswin.c
 * when the build has no Samba. */

#include "source.h"

typedef struct mswin_options {
    const char *hostname;            /* -H: the DHCP server; NULL for this computer */
    int include_disabled;            /* --include-disabled */
    const char *family;              /* --family: "4" (default), "6" or "both"; see mswin_family() */
    /* The RPC client's own (the Windows build refuses them: the .exe runs
     * as its account). */
    const char *credentials;         /* --credentials: smbclient -A file (username, password, domain) */
    const char *keytab;              /* --keytab: Kerberos keytab, with --principal */
    const char *principal;           /* --principal: the keytab's client principal */
    unsigned long port;              /* --port: the DHCP server's RPC port; 0 asks the endpoint mapper */
} mswin_options_t;

/* The name of the first RPC-only option given, or NULL: the Windows build
 * refuses them with a sentence. */
const char *mswin_rpc_only_option(const mswin_options_t *opt);

int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen);

/* Outside Windows, mswin_fetch (rpc/msrpc_load.c) loads the RPC client, a
 * module in the plugin's folder, and calls its one entry, which has
 * mswin_fetch's contract (rpc/msrpc_fetch.c). */
#define MSWIN_RPC_MODULE "check_dhcp_scope-msrpc.so"
#define MSWIN_RPC_ENTRY "mswin_rpc_fetch"
typedef int mswin_rpc_fetch_fn(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err,
                               size_t errlen);
mswin_rpc_fetch_fn mswin_rpc_fetch;

/* "" when this build has the source, else why not. */
extern const char mswin_missing[];

#endif
