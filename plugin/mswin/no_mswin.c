/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "mswin_source.h"

/* Picked by CMake outside Windows when the build has no Samba client
 * libraries for the RPC client. */
const char mswin_missing[] = "built without Samba's client libraries (samba-dev) for MS-DHCPM over RPC";

int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    (void)opts;
    (void)ctx;
    (void)out;
    snprintf(err, errlen, "this build of check_dhcp_scope has no mswin support: it was built without "
             "Samba's client libraries, which it needs to ask a Windows DHCP server over RPC; "
             "rebuild it with samba-dev and libkrb5-dev installed (-DCDS_WITH_MSRPC=ON), or run "
             "check_dhcp_scope.exe on Windows");
    return SOURCE_ERROR;
}
