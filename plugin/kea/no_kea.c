/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "kea_source.h"

/* Picked by CMake instead of the Kea source when json-c or libcurl is missing. */
const char kea_missing[] = "it was built without json-c and libcurl (CDS_WITH_KEA)";

int kea_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    (void)opts;
    (void)ctx;
    (void)out;
    snprintf(err, errlen, "this build of check_dhcp_scope has no Kea support: %s", kea_missing);
    return -1;
}
