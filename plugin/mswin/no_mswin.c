#include <stdio.h>

#include "mswin_source.h"

/* Picked by CMake instead of the dhcpsapi source outside Windows. */
const char mswin_missing[] = "dhcpsapi.dll is in the Windows build only";

int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    (void)opts;
    (void)ctx;
    (void)out;
    snprintf(err, errlen, "this build of check_dhcp_scope has no mswin support: the mswin source works "
             "only in the Windows build (check_dhcp_scope.exe); use -H from a Windows host");
    return -1;
}
