/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "scope.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

scope_t *scope_add(scope_list_t *list)
{
    scope_t *items = vec_grow(list->items, &list->cap, list->count + 1, sizeof *items), *s;

    if (!items)
        return NULL;
    list->items = items;
    s = &list->items[list->count++];
    memset(s, 0, sizeof *s);
    s->failover = -1;
    return s;
}

int scope_failover_add(scope_list_t *list)
{
    scope_failover_t *f = vec_grow(list->failovers, &list->fcap, list->nfailovers + 1, sizeof *f);

    if (!f)
        return -1;
    list->failovers = f;
    memset(&list->failovers[list->nfailovers], 0, sizeof list->failovers[0]);
    return (int)list->nfailovers++;
}

scope_pool_t *scope_pool_add(scope_t *s)
{
    scope_pool_t *p = vec_grow(s->pools, &s->pools_cap, s->npools + 1, sizeof *p);

    if (!p)
        return NULL;
    s->pools = p;
    p = &s->pools[s->npools++];
    memset(p, 0, sizeof *p);
    return p;
}

int scope_failover_find(const scope_list_t *list, const char *name)
{
    for (size_t i = 0; i < list->nfailovers; i++)
        if (strcmp(list->failovers[i].name, name) == 0)
            return (int)i;
    return -1;
}

void scope_list_free(scope_list_t *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].pools);
    free(list->items);
    free(list->failovers);
    memset(list, 0, sizeof *list);
}

static int scope_cmp(const void *a, const void *b)
{
    const scope_t *x = a, *y = b;
    int c = addr_cmp(&x->addr, &y->addr);

    if (c)
        return c;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

void scope_list_sort(scope_list_t *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof list->items[0], scope_cmp);
}

/* Compares an address with a scope's, prefix lengths aside. */
static int find_cmp(const void *key, const void *elem)
{
    const addr_t *a = key, *b = &((const scope_t *)elem)->addr;
    int c;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    c = memcmp(a->bytes, b->bytes, sizeof a->bytes);
    return c < 0 ? -1 : c > 0;
}

scope_t *scope_find(scope_list_t *list, const addr_t *addr)
{
    if (list->count == 0)
        return NULL;
    return bsearch(addr, list->items, list->count, sizeof *list->items, find_cmp);
}
