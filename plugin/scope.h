#ifndef CDS_SCOPE_H
#define CDS_SCOPE_H

/* The scope model every source fills and the core evaluates: plugin/scope.c.
 * Addresses are uint32_t in host order (10.0.0.0 is 0x0A000000). */

#include <stddef.h>
#include <stdint.h>

#define SCOPE_TEXT_MAX 128

enum scope_state { STATE_OK = 0, STATE_WARNING = 1, STATE_CRITICAL = 2, STATE_UNKNOWN = 3 };

/* One failover relationship (Windows), failover peer (dhcpd) or HA pair (Kea). */
typedef struct scope_failover {
    char name[SCOPE_TEXT_MAX];       /* relationship / peer name, "" when none */
    char mode[32];                   /* "load-balance", "hot-standby", ...; "" unknown */
    char role[32];                   /* this server's role: "primary", "secondary", ... */
    char state[48];                  /* this server's state, as the server spells it */
    char partner_state[48];          /* "" when unknown */
    int plugin_state;                /* the source's mapping of state to STATE_* */

    /* Filled by evaluation (plugin/eval.c), not by sources. */
    int selected;                    /* a selected scope belongs to it */
} scope_failover_t;

typedef struct scope {
    uint32_t addr;                   /* subnet address */
    uint8_t prefix;                  /* 0..32 */
    uint32_t id;                     /* source's own id (Kea subnet-id), 0 when none */
    char name[SCOPE_TEXT_MAX];       /* scope name / comment, "" when none */
    char group[SCOPE_TEXT_MAX];      /* shared-network / superscope, "" when none */
    uint64_t total;                  /* addresses in its pools */
    uint64_t used;                   /* leased / in use */
    uint64_t free;                   /* available to clients */
    uint64_t declined;               /* declined or abandoned: neither free nor used */
    int has_free_split;              /* this_free / partner_free are known */
    uint64_t this_free, partner_free;
    int has_used_split;              /* this_used / partner_used are known */
    uint64_t this_used, partner_used;
    int failover;                    /* index into scope_list.failovers, -1 none */

    /* Filled by evaluation (plugin/eval.c), not by sources. */
    int selected;                    /* passes -s / -x / --min-size */
    int state;                       /* STATE_* of this scope */
    double free_pct;                 /* of the metric evaluated, 0 when total is 0 */
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

/* Index of the relationship with that name, or -1. */
int scope_failover_find(const scope_list_t *list, const char *name);

void scope_list_free(scope_list_t *list);

/* Sorts scopes by address (then prefix), the order reports use. */
void scope_list_sort(scope_list_t *list);

/* "10.0.1.0" into buf (at least 16 bytes). */
void scope_addr_format(uint32_t addr, char *buf);

/* Strict dotted quad; 0 on success, -1 otherwise. */
int scope_addr_parse(const char *text, uint32_t *out);

/* Prefix length of a contiguous netmask, or -1 when not contiguous. */
int scope_mask_prefix(uint32_t mask);

/* Copies text into a fixed field, truncating, never leaving it unterminated. */
void scope_text_copy(char *dst, size_t dstlen, const char *src);

#endif
