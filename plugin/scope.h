/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_SCOPE_H
#define CDS_SCOPE_H

/* The scope model every source fills and the core reads: plugin/scope.c.
 * A source fills it once; evaluation and the report only read it (their own
 * findings go into eval_result_t). */

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "count.h"
#include "states.h"
#include "text.h"

#define SCOPE_TEXT_MAX 128

/* One failover relationship (Windows), failover peer (dhcpd) or HA pair (Kea). */
typedef struct scope_failover {
    char name[SCOPE_TEXT_MAX];       /* relationship / peer name, "" when none */
    char mode[32];                   /* "load-balance", "hot-standby", ...; "" unknown */
    char role[32];                   /* this server's role: "primary", "secondary", ... */
    char state[48];                  /* this server's state, as the server spells it */
    char partner_state[48];          /* "" when unknown */
    int plugin_state;                /* the source's mapping of state to STATE_* */
} scope_failover_t;

/* One pool of a scope whose figures the server reports apart (Kea's
 * per-pool statistics). */
typedef struct scope_pool {
    char name[SCOPE_TEXT_MAX];       /* how the server names it: "192.0.2.10-192.0.2.109" */
    char client_class[SCOPE_TEXT_MAX]; /* the class(es) it serves, "" when any client may use it */
    count_t total, used, free, declined;
    int judged;                      /* its own free space is evaluated: only its clients can use it */
} scope_pool_t;

/* What a scope's pools hand out. */
enum scope_kind {
    SCOPE_ADDRESSES = 0,             /* addresses (IPv4, DHCPv6 IA_NA and IA_TA) */
    SCOPE_PREFIXES                   /* delegated prefixes (DHCPv6 IA_PD), counted in prefixes */
};

typedef struct scope {
    addr_t addr;                     /* subnet address and prefix length */
    uint8_t kind;                    /* enum scope_kind */
    /* SCOPE_PREFIXES: the first prefix-delegation pool (its prefix, the length
     * it delegates) and how many pools the scope sums up. */
    addr_t pd_pool;
    uint8_t pd_delegated;
    unsigned pd_pools;
    uint32_t id;                     /* source's own id (Kea subnet-id), 0 when none */
    char name[SCOPE_TEXT_MAX];       /* scope name / comment, "" when none */
    char group[SCOPE_TEXT_MAX];      /* shared-network / superscope, "" when none */
    count_t total;                   /* addresses in its pools */
    count_t used;                    /* leased / in use */
    count_t free;                    /* available to clients */
    count_t declined;                /* declined or abandoned: neither free nor used */
    count_t outside;                 /* leases outside the pools (host reservations): the server
                                      * counts them as assigned, but they take nothing from the
                                      * pools; in neither used nor total */
    int has_free_split;              /* this_free / partner_free are known */
    count_t this_free, partner_free;
    int has_used_split;              /* this_used / partner_used are known */
    count_t this_used, partner_used;
    int failover;                    /* index into scope_list.failovers, -1 none */
    scope_pool_t *pools;             /* the pools the server reports apart (owned), or NULL */
    size_t npools, pools_cap;
} scope_t;

typedef struct scope_list {
    scope_t *items;
    size_t count, cap;
    scope_failover_t *failovers;
    size_t nfailovers, fcap;
} scope_list_t;

/* Appends a zeroed scope (failover = -1); NULL when out of memory. */
scope_t *scope_add(scope_list_t *list);

/* Appends a zeroed relationship and returns its index, or -1 when out of memory. */
int scope_failover_add(scope_list_t *list);

/* Appends a zeroed pool to a scope; NULL when out of memory. */
scope_pool_t *scope_pool_add(scope_t *s);

/* Index of the relationship with that name, or -1. */
int scope_failover_find(const scope_list_t *list, const char *name);

void scope_list_free(scope_list_t *list);

/* Sorts scopes by family, address, prefix length, then kind (a subnet's
 * addresses before its delegated prefixes): the order reports use. */
void scope_list_sort(scope_list_t *list);

/* The scope with that address (whatever its prefix length) in a sorted list, or NULL. */
scope_t *scope_find(scope_list_t *list, const addr_t *addr);

#endif
