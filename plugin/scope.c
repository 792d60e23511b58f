#include "scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

scope_t *scope_add(scope_list_t *list)
{
    scope_t *s;

    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        scope_t *items = realloc(list->items, cap * sizeof *items);

        if (!items)
            return NULL;
        list->items = items;
        list->cap = cap;
    }
    s = &list->items[list->count++];
    memset(s, 0, sizeof *s);
    s->failover = -1;
    return s;
}

int scope_failover_add(scope_list_t *list)
{
    if (list->nfailovers == list->fcap) {
        size_t cap = list->fcap ? list->fcap * 2 : 8;
        scope_failover_t *f = realloc(list->failovers, cap * sizeof *f);

        if (!f)
            return -1;
        list->failovers = f;
        list->fcap = cap;
    }
    memset(&list->failovers[list->nfailovers], 0, sizeof list->failovers[0]);
    return (int)list->nfailovers++;
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
    free(list->items);
    free(list->failovers);
    memset(list, 0, sizeof *list);
}

static int scope_cmp(const void *a, const void *b)
{
    const scope_t *x = a, *y = b;

    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    if (x->prefix != y->prefix)
        return x->prefix < y->prefix ? -1 : 1;
    return 0;
}

void scope_list_sort(scope_list_t *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof list->items[0], scope_cmp);
}

void scope_addr_format(uint32_t addr, char *buf)
{
    snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(addr >> 24), (unsigned)(addr >> 16) & 255u,
             (unsigned)(addr >> 8) & 255u, (unsigned)addr & 255u);
}

int scope_addr_parse(const char *text, uint32_t *out)
{
    uint32_t addr = 0;
    const char *p = text;

    for (int part = 0; part < 4; part++) {
        unsigned v = 0;
        int digits = 0;

        if (part > 0) {
            if (*p != '.')
                return -1;
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            if (digits == 3)
                return -1;
            v = v * 10 + (unsigned)(*p - '0');
            digits++;
            p++;
        }
        if (digits == 0 || v > 255 || (digits > 1 && p[-digits] == '0'))
            return -1;
        addr = (addr << 8) | v;
    }
    if (*p != '\0')
        return -1;
    *out = addr;
    return 0;
}

int scope_mask_prefix(uint32_t mask)
{
    int prefix = 0;

    while (prefix < 32 && (mask & (0x80000000u >> prefix)))
        prefix++;
    if (prefix < 32 && (mask << prefix) != 0)
        return -1;
    return prefix;
}

void scope_text_copy(char *dst, size_t dstlen, const char *src)
{
    size_t n;

    if (dstlen == 0)
        return;
    n = src ? strlen(src) : 0;
    if (n >= dstlen)
        n = dstlen - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}
