/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plugin's NDR (plugin/mswin/rpc/dhcpm_ndr.c) as a filter, for
 * ndr_crosscheck.py to compare with impacket. One job a line on stdin,
 * one answer a line on stdout:
 *   req server | req enum RESUME MAX | req ip4 ADDR | req ip6 HEX32 | req eptmap UUID
 *       -> the request's bytes in hex
 *   rep METHOD HEX   (METHOD: enum enum6 subnet subnet6 mib mib6 foenum fostats super eptmap)
 *       -> the decoded reply as "key=value" words (strings as hex of their
 *          UTF-8, "-" for NULL), or "error <sentence>" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcpm_ndr.h"

static void hex(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
}

static void str(const char *key, const char *s)
{
    printf(" %s=", key);
    if (!s)
        printf("-");
    else if (!s[0])
        printf("\"\"");
    else
        hex((const uint8_t *)s, strlen(s));
}

static void ip6(const char *key, const dhcpm_ip6_t *a)
{
    printf(" %s=", key);
    hex(a->b, 16);
}

static int unhex(const char *s, uint8_t **out, size_t *n)
{
    size_t len = strlen(s);
    uint8_t *b = malloc(len / 2 + 1);

    if (!b || len % 2)
        return -1;
    for (size_t i = 0; i < len / 2; i++) {
        unsigned v;

        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        b[i] = (uint8_t)v;
    }
    *out = b;
    *n = len / 2;
    return 0;
}

static void request(TALLOC_CTX *mem, char **w, int n)
{
    dhcpm_blob_t b = { 0 };
    int rc = -1;

    if (n >= 2 && strcmp(w[1], "server") == 0)
        rc = dhcpm_req_server_only(mem, &b);
    else if (n >= 4 && strcmp(w[1], "enum") == 0)
        rc = dhcpm_req_enum(mem, (uint32_t)strtoul(w[2], NULL, 0), (uint32_t)strtoul(w[3], NULL, 0), &b);
    else if (n >= 3 && strcmp(w[1], "ip4") == 0)
        rc = dhcpm_req_ip4(mem, (uint32_t)strtoul(w[2], NULL, 0), &b);
    else if (n >= 3 && strcmp(w[1], "ip6") == 0) {
        uint8_t *a;
        size_t len;

        if (unhex(w[2], &a, &len) == 0 && len == 16)
            rc = dhcpm_req_ip6(mem, a, &b);
    } else if (n >= 3 && strcmp(w[1], "eptmap") == 0)
        rc = dhcpm_req_ept_map(mem, w[2], 1, 0, 4, &b);
    if (rc) {
        printf("error bad request job\n");
        return;
    }
    hex(b.data, b.len);
    printf("\n");
}

static void reply(TALLOC_CTX *mem, const char *method, const uint8_t *d, size_t n)
{
    char err[512];
    int rc = -1;

    if (strcmp(method, "enum") == 0 || strcmp(method, "enum6") == 0) {
        dhcpm_enum_subnets_t r;

        rc = method[4] ? dhcpm_rep_enum_subnets6(mem, d, n, &r, err, sizeof err)
                       : dhcpm_rep_enum_subnets(mem, d, n, &r, err, sizeof err);
        if (rc == 0) {
            printf("resume=%u read=%u total=%u status=%u array=%d n=%u", r.resume, r.read, r.total, r.status,
                   r.has_array, r.n);
            for (uint32_t i = 0; r.addrs && i < r.n; i++)
                printf(" a=%u", r.addrs[i]);
            for (uint32_t i = 0; r.addrs6 && i < r.n; i++)
                ip6("a", &r.addrs6[i]);
        }
    } else if (strcmp(method, "subnet") == 0) {
        dhcpm_get_subnet_info_t r;

        if ((rc = dhcpm_rep_subnet_info(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("status=%u info=%d", r.status, r.info != NULL);
            if (r.info) {
                printf(" address=%u mask=%u", r.info->address, r.info->mask);
                str("name", r.info->name);
                str("comment", r.info->comment);
                printf(" host=%u", r.info->host_ip);
                str("netbios", r.info->host_netbios);
                str("hostname", r.info->host_name);
                printf(" state=%u", r.info->state);
            }
        }
    } else if (strcmp(method, "subnet6") == 0) {
        dhcpm_get_subnet_info6_t r;

        if ((rc = dhcpm_rep_subnet_info6(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("status=%u info=%d", r.status, r.info != NULL);
            if (r.info) {
                ip6("address", &r.info->address);
                printf(" prefix=%u preference=%u", r.info->prefix, r.info->preference);
                str("name", r.info->name);
                str("comment", r.info->comment);
                printf(" state=%u scopeid=%u", r.info->state, r.info->scope_id);
            }
        }
    } else if (strcmp(method, "mib") == 0) {
        dhcpm_mib_t r;

        if ((rc = dhcpm_rep_mib(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("status=%u mib=%d", r.status, r.has_mib);
            if (r.has_mib) {
                printf(" discovers=%u offers=%u requests=%u acks=%u naks=%u declines=%u releases=%u start=%u,%u",
                       r.discovers, r.offers, r.requests, r.acks, r.naks, r.declines, r.releases, r.start_low,
                       r.start_high);
                for (int i = 0; i < 7; i++)
                    printf(" qtn%d=%u", i, r.qtn[i]);
                printf(" delayed=%u,%u scopes=%u info=%d", r.delayed_offers, r.scopes_with_delayed_offers,
                       r.scopes, r.scope != NULL);
                for (uint32_t i = 0; r.scope && i < r.scopes; i++)
                    printf(" s=%u,%u,%u,%u", r.scope[i].subnet, r.scope[i].in_use, r.scope[i].free,
                           r.scope[i].pending);
            }
        }
    } else if (strcmp(method, "mib6") == 0) {
        dhcpm_mib6_t r;

        if ((rc = dhcpm_rep_mib6(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("status=%u mib=%d", r.status, r.has_mib);
            if (r.has_mib) {
                for (int i = 0; i < 10; i++)
                    printf(" c%d=%u", i, r.counters[i]);
                printf(" start=%u,%u scopes=%u info=%d", r.start_low, r.start_high, r.scopes, r.scope != NULL);
                for (uint32_t i = 0; r.scope && i < r.scopes; i++) {
                    ip6("s", &r.scope[i].subnet);
                    printf(",%llu,%llu,%llu", (unsigned long long)r.scope[i].in_use,
                           (unsigned long long)r.scope[i].free, (unsigned long long)r.scope[i].pending);
                }
            }
        }
    } else if (strcmp(method, "foenum") == 0) {
        dhcpm_fo_enum_t r;

        if ((rc = dhcpm_rep_fo_enum(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("resume=%u read=%u total=%u status=%u array=%d n=%u", r.resume, r.read, r.total, r.status,
                   r.has_array, r.n);
            for (uint32_t i = 0; r.rels && i < r.n; i++) {
                const dhcpm_fo_rel_t *x = &r.rels[i];

                printf(" | primary=%u secondary=%u mode=%u type=%u state=%u prev=%u mclt=%u safe=%u", x->primary,
                       x->secondary, x->mode, x->server_type, x->state, x->prev_state, x->mclt, x->safe_period);
                str("name", x->name);
                str("pname", x->primary_name);
                str("sname", x->secondary_name);
                printf(" scopes=%d,%u", x->has_scopes, x->nscopes);
                for (uint32_t k = 0; x->scopes && k < x->nscopes; k++)
                    printf(" a=%u", x->scopes[k]);
                printf(" pct=%u", x->percentage);
                str("secret", x->shared_secret);
            }
        }
    } else if (strcmp(method, "fostats") == 0) {
        dhcpm_fo_stats_t r;

        if ((rc = dhcpm_rep_fo_stats(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("status=%u stats=%d", r.status, r.has_stats);
            if (r.has_stats)
                printf(" %u,%u,%u,%u,%u,%u,%u", r.stats.num_addr, r.stats.addr_free, r.stats.addr_in_use,
                       r.stats.partner_addr_free, r.stats.this_addr_free, r.stats.partner_addr_in_use,
                       r.stats.this_addr_in_use);
        }
    } else if (strcmp(method, "super") == 0) {
        dhcpm_superscope_t r;

        if ((rc = dhcpm_rep_superscope(mem, d, n, &r, err, sizeof err)) == 0) {
            printf("status=%u table=%d n=%u", r.status, r.has_table, r.n);
            for (uint32_t i = 0; r.entries && i < r.n; i++) {
                printf(" | subnet=%u number=%u next=%u", r.entries[i].subnet, r.entries[i].number,
                       r.entries[i].next);
                str("name", r.entries[i].name);
            }
        }
    } else if (strcmp(method, "eptmap") == 0) {
        dhcpm_ept_map_t r;

        if ((rc = dhcpm_rep_ept_map(mem, d, n, &r, err, sizeof err)) == 0)
            printf("status=%u towers=%u port=%d,%u", r.status, r.num_towers, r.has_port, r.port);
    } else {
        snprintf(err, sizeof err, "unknown method %s", method);
    }
    if (rc)
        printf("error %s", err);
    printf("\n");
}

int main(void)
{
    static char line[1 << 22];

    while (fgets(line, sizeof line, stdin)) {
        TALLOC_CTX *mem = talloc_new(NULL);
        char *w[8];
        int n = 0;

        for (char *t = strtok(line, " \t\r\n"); t && n < 8; t = strtok(NULL, " \t\r\n"))
            w[n++] = t;
        if (n >= 1 && strcmp(w[0], "req") == 0) {
            request(mem, w, n);
        } else if (n >= 2 && strcmp(w[0], "rep") == 0) {
            uint8_t *d = NULL;
            size_t len = 0;

            if (n >= 3 && unhex(w[2], &d, &len) != 0)
                printf("error bad hex\n");
            else
                reply(mem, w[1], d ? d : (const uint8_t *)"", len);
            free(d);
        } else {
            printf("error bad job\n");
        }
        fflush(stdout);
        talloc_free(mem);
    }
    return 0;
}
