#ifndef CDS_MSWIN_SOURCE_H
#define CDS_MSWIN_SOURCE_H

/* The mswin source: its options (plugin/mswin/mswin_options.c, in every
 * build) and its fetch (plugin/mswin/mswin_source.c through dhcpsapi.dll in
 * the Windows build; plugin/mswin/no_mswin.c elsewhere). */

#include "source.h"

typedef struct mswin_options {
    const char *hostname;            /* -H: the DHCP server; NULL for this computer */
    int include_disabled;            /* --include-disabled */
    const char *family;              /* --family: "4" (default), "6" or "both"; see mswin_family() */
} mswin_options_t;

int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen);

/* "" when this build has the source, else why not. */
extern const char mswin_missing[];

#endif
