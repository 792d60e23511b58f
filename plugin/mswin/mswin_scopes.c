/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mswin_scopes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mswin_map.h"
#include "vec.h"

int mswin_addrs_push(mswin_addrs_t *list, const addr_t *a)
{
    addr_t *v = vec_grow(list->v, &list->cap, list->n + 1, sizeof *v);

    if (!v)
        return -1;
    list->v = v;
    v[list->n++] = *a;
    return 0;
}

void mswin_addrs_free(mswin_addrs_t *list)
{
    free(list->v);
    list->v = NULL;
    list->n = list->cap = 0;
}

int mswin_wanted(const source_ctx_t *ctx, unsigned families, mswin_addrs_t *v4, mswin_addrs_t *v6, char *err,
                 size_t errlen)
{
    int all = ctx->nscopes > 0;

    for (size_t i = 0; i < ctx->nscopes; i++) {
        const char *p = ctx->scopes[i], *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p), j;
        mswin_addrs_t *list;
        addr_t a;

        if (addr_parse(p, len, &a) != 0) {
            all = 0;
            continue;
        }
        if (!(families & (a.family == ADDR_V4 ? MSWIN_FAMILY_V4 : MSWIN_FAMILY_V6))) {
            int v = a.family == ADDR_V4 ? 4 : 6;

            snprintf(err, errlen, "-s %.60s names an IPv%d scope, but only the server's IPv%d scopes "
                     "are read: use --family %d or --family both", p, v, 10 - v, v);
            mswin_addrs_free(v4);
            mswin_addrs_free(v6);
            return SOURCE_ERROR;
        }
        list = a.family == ADDR_V4 ? v4 : v6;
        for (j = 0; j < list->n && !addr_same(&list->v[j], &a); j++)
            ;
        if (j == list->n && mswin_addrs_push(list, &a)) {
            snprintf(err, errlen, "out of memory while reading -s");
            mswin_addrs_free(v4);
            mswin_addrs_free(v6);
            return SOURCE_ERROR;
        }
    }
    if (!all) {
        mswin_addrs_free(v4);
        mswin_addrs_free(v6);
    }
    return all;
}

int mswin_state_checked(uint32_t state, int include_disabled, int named, const addr_t *a, const char *server,
                        char *err, size_t errlen)
{
    char text[ADDR_TEXT_MAX];

    if (state == MSWIN_SUBNET_ENABLED || state == MSWIN_SUBNET_ENABLED_SWITCHED || include_disabled)
        return 1;
    if (named) {
        addr_format(a, text, sizeof text);
        snprintf(err, errlen, "scope %s is disabled on %s: enable it, or add --include-disabled to check it "
                 "anyway", text, server);
        return SOURCE_ERROR;
    }
    return 0;
}
