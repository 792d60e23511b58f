/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mswin_scopes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mswin_map.h"
#include "text.h"
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

scope_t *mswin_scope_v4(scope_list_t *list, uint32_t addr)
{
    addr_t a = addr_v4(addr, 32);

    return scope_find(list, &a);
}

void mswin_set_counts(scope_t *s, uint64_t in_use, uint64_t free)
{
    s->used = count_of(in_use);
    s->free = count_of(free);
    s->total = count_add(s->used, s->free);
}

void mswin_set_fo_stats(scope_t *s, const mswin_fo_stats_t *st)
{
    s->total = count_of(st->num_addr);
    s->free = count_of(st->addr_free);
    s->used = count_of(st->addr_in_use);
    s->has_free_split = 1;
    s->this_free = count_of(st->this_addr_free);
    s->partner_free = count_of(st->partner_addr_free);
    s->has_used_split = 1;
    s->this_used = count_of(st->this_addr_in_use);
    s->partner_used = count_of(st->partner_addr_in_use);
}

int mswin_fo_scope_left(uint32_t code)
{
    return code == MSWIN_ERROR_SUCCESS || mswin_error_kind(code, 1) == MSWIN_ERR_NOT_IN_FAILOVER
           || mswin_error_kind(code, 1) == MSWIN_ERR_NO_FAILOVER;
}

int mswin_add_relationship(scope_list_t *out, const char *name, uint32_t mode, uint32_t server_type,
                           uint32_t state)
{
    int idx = scope_failover_add(out);
    scope_failover_t *fo;

    if (idx < 0)
        return -1;
    fo = &out->failovers[idx];
    text_copy_utf8(fo->name, sizeof fo->name, name);
    text_copy(fo->mode, sizeof fo->mode, mswin_mode_name(mode));
    text_copy(fo->role, sizeof fo->role, mswin_role_name(server_type));
    mswin_fsm_name(state, fo->state, sizeof fo->state);
    fo->plugin_state = mswin_fsm_plugin_state(state);
    return idx;
}
