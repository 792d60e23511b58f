#ifndef CDS_SOURCE_H
#define CDS_SOURCE_H

/* Source adapters: each is the only place that knows its server. A fetch fills
 * the scope list (scopes and failover relationships) and returns 0, or returns
 * -1 with one sentence an admin can act on in err. Sources call os_stage()
 * before each step that can block so a timeout can name it. */

#include <stddef.h>

#include "options.h"
#include "scope.h"

/* plugin/isc/isc_source.c */
int isc_fetch(const options_t *opt, scope_list_t *out, char *err, size_t errlen);

/* plugin/kea/kea_source.c (only when built with json-c and libcurl) */
int kea_fetch(const options_t *opt, scope_list_t *out, char *err, size_t errlen);

/* plugin/mswin/mswin_source.c (only in the Windows build) */
int mswin_fetch(const options_t *opt, scope_list_t *out, char *err, size_t errlen);

#endif
