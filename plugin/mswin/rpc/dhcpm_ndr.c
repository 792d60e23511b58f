/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dhcpm_ndr.h"

#include <stdio.h>
#include <string.h>

#include <ndr.h>

/* NDR_CHECK returns from the enclosing function; these decoders collect
 * what to say about a failure in the pull context's caller instead. */
#define TRY(x)                                                                                                 \
    do {                                                                                                       \
        enum ndr_err_code try_err_ = (x);                                                                      \
        if (try_err_ != NDR_ERR_SUCCESS)                                                                       \
            return try_err_;                                                                                   \
    } while (0)

static int push_done(struct ndr_push *ndr, enum ndr_err_code e, dhcpm_blob_t *out)
{
    DATA_BLOB b;

    if (e != NDR_ERR_SUCCESS)
        return -1;
    b = ndr_push_blob(ndr);
    out->data = b.data;
    out->len = b.length;
    return 0;
}

/* [in, unique, string] DHCP_SRV_HANDLE ServerIpAddress: NULL, which the
 * server does not look at ([MS-DHCPM] 3.1.4). */
static enum ndr_err_code push_server(struct ndr_push *ndr)
{
    return ndr_push_uint32(ndr, NDR_SCALARS, 0);
}

int dhcpm_req_server_only(TALLOC_CTX *mem, dhcpm_blob_t *out)
{
    struct ndr_push *ndr = ndr_push_init_ctx(mem);

    return ndr ? push_done(ndr, push_server(ndr), out) : -1;
}

static enum ndr_err_code push_enum(struct ndr_push *ndr, uint32_t resume, uint32_t preferred_max)
{
    TRY(push_server(ndr));
    TRY(ndr_push_uint32(ndr, NDR_SCALARS, resume)); /* [in,out] ref: the value alone */
    return ndr_push_uint32(ndr, NDR_SCALARS, preferred_max);
}

int dhcpm_req_enum(TALLOC_CTX *mem, uint32_t resume, uint32_t preferred_max, dhcpm_blob_t *out)
{
    struct ndr_push *ndr = ndr_push_init_ctx(mem);

    return ndr ? push_done(ndr, push_enum(ndr, resume, preferred_max), out) : -1;
}

static enum ndr_err_code push_ip4(struct ndr_push *ndr, uint32_t addr)
{
    TRY(push_server(ndr));
    return ndr_push_uint32(ndr, NDR_SCALARS, addr);
}

int dhcpm_req_ip4(TALLOC_CTX *mem, uint32_t addr, dhcpm_blob_t *out)
{
    struct ndr_push *ndr = ndr_push_init_ctx(mem);

    return ndr ? push_done(ndr, push_ip4(ndr, addr), out) : -1;
}

static uint64_t be64(const uint8_t *b)
{
    uint64_t v = 0;

    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

static void put_be64(uint8_t *b, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        b[i] = (uint8_t)v;
}

/* DHCP_IPV6_ADDRESS is {ULONGLONG HighOrderBits, LowOrderBits}: the address's
 * first and last 8 bytes read as numbers, each a hyper (8-aligned). */
static enum ndr_err_code push_ip6_value(struct ndr_push *ndr, const uint8_t addr[16])
{
    TRY(ndr_push_hyper(ndr, NDR_SCALARS, be64(addr)));
    return ndr_push_hyper(ndr, NDR_SCALARS, be64(addr + 8));
}

static enum ndr_err_code push_ip6(struct ndr_push *ndr, const uint8_t addr[16])
{
    TRY(push_server(ndr));
    return push_ip6_value(ndr, addr);
}

int dhcpm_req_ip6(TALLOC_CTX *mem, const uint8_t addr[16], dhcpm_blob_t *out)
{
    struct ndr_push *ndr = ndr_push_init_ctx(mem);

    return ndr ? push_done(ndr, push_ip6(ndr, addr), out) : -1;
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" to the 16 bytes of a GUID on the
 * wire (the first three fields little endian). */
static int uuid_bytes(const char *text, uint8_t out[16])
{
    static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
    uint8_t raw[16];
    int n = 0;

    for (const char *p = text; *p; p++) {
        int hi, lo;

        if (*p == '-')
            continue;
        if (n == 16 || !p[1])
            return -1;
        hi = *p >= 'a' ? *p - 'a' + 10 : *p >= 'A' ? *p - 'A' + 10 : *p - '0';
        lo = p[1] >= 'a' ? p[1] - 'a' + 10 : p[1] >= 'A' ? p[1] - 'A' + 10 : p[1] - '0';
        if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
            return -1;
        raw[n++] = (uint8_t)(hi << 4 | lo);
        p++;
    }
    if (n != 16)
        return -1;
    for (int i = 0; i < 16; i++)
        out[i] = raw[order[i]];
    return 0;
}

#define TOWER_MAX 75

/* An ncacn_ip_tcp protocol tower ([C706] appendix L, [MS-RPCE] 2.2.1.1.7):
 * five floors, each {lhs length, protocol id and data, rhs length, data},
 * lengths little endian, port and address big endian. */
static size_t build_tower(uint8_t *t, const uint8_t iface[16], uint16_t vmajor, uint16_t vminor)
{
    static const uint8_t ndr20[16] = { 0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11,
                                       0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 };
    size_t o = 0;

#define PUT16(v) (t[o++] = (uint8_t)((v) & 0xff), t[o++] = (uint8_t)((v) >> 8))
    PUT16(5);
    PUT16(19), t[o++] = 0x0d, memcpy(t + o, iface, 16), o += 16, PUT16(vmajor), PUT16(2), PUT16(vminor);
    PUT16(19), t[o++] = 0x0d, memcpy(t + o, ndr20, 16), o += 16, PUT16(2), PUT16(2), PUT16(0);
    PUT16(1), t[o++] = 0x0b, PUT16(2), PUT16(0);              /* connection-oriented RPC */
    PUT16(1), t[o++] = 0x07, PUT16(2), t[o++] = 0, t[o++] = 0; /* TCP port 0: any */
    PUT16(1), t[o++] = 0x09, PUT16(4), memset(t + o, 0, 4), o += 4; /* IPv4 0.0.0.0 */
#undef PUT16
    return o;
}

static enum ndr_err_code push_ept_map(struct ndr_push *ndr, const uint8_t *tower, size_t len, uint32_t max)
{
    TRY(ndr_push_uint32(ndr, NDR_SCALARS, 0));          /* [in, ptr] GUID *object: NULL */
    TRY(ndr_push_uint32(ndr, NDR_SCALARS, 0x00020000)); /* [in, ptr] twr_p_t map_tower */
    TRY(ndr_push_uint32(ndr, NDR_SCALARS, (uint32_t)len)); /* conformance of tower_octet_string */
    TRY(ndr_push_uint32(ndr, NDR_SCALARS, (uint32_t)len)); /* tower_length */
    TRY(ndr_push_bytes(ndr, tower, (uint32_t)len));
    TRY(ndr_push_align(ndr, 4));
    TRY(ndr_push_zero(ndr, 20));                         /* [in, out] entry_handle: none yet */
    return ndr_push_uint32(ndr, NDR_SCALARS, max);       /* max_towers */
}

int dhcpm_req_ept_map(TALLOC_CTX *mem, const char *uuid, uint16_t vmajor, uint16_t vminor,
                      uint32_t max_towers, dhcpm_blob_t *out)
{
    struct ndr_push *ndr;
    uint8_t iface[16], tower[TOWER_MAX];
    size_t len;

    if (uuid_bytes(uuid, iface))
        return -1;
    len = build_tower(tower, iface, vmajor, vminor);
    ndr = ndr_push_init_ctx(mem);
    return ndr ? push_done(ndr, push_ept_map(ndr, tower, len, max_towers), out) : -1;
}

/* Replies. */

/* The failure a decoder met, for its sentence. */
typedef struct why {
    const char *what;                /* our own words, or NULL for libndr's */
} why_t;

static enum ndr_err_code fail(why_t *why, const char *what)
{
    why->what = what;
    return NDR_ERR_VALIDATE;
}

static int decoded(struct ndr_pull *ndr, enum ndr_err_code e, const why_t *why, const char *method, char *err,
                   size_t errlen)
{
    if (e == NDR_ERR_SUCCESS)
        return 0;
    snprintf(err, errlen, "the server's %s reply is malformed (at byte %u of %u: %s)", method,
             (unsigned)ndr->offset, (unsigned)ndr->data_size,
             why->what ? why->what : e == NDR_ERR_BUFSIZE ? "it ends too soon" : ndr_map_error2string(e));
    return -1;
}

/* A deferred [string] LPWSTR behind referent ptr: conformant and varying
 * UTF-16 with its NUL, converted to UTF-8. */
static enum ndr_err_code pull_wstr(struct ndr_pull *ndr, uint32_t ptr, char **out)
{
    uint32_t saved = ndr->flags;
    const char *s = NULL;
    enum ndr_err_code e;

    *out = NULL;
    if (ptr == 0)
        return NDR_ERR_SUCCESS;
    ndr->flags = (ndr->flags & ~LIBNDR_STRING_FLAGS) | LIBNDR_FLAG_STR_SIZE4 | LIBNDR_FLAG_STR_LEN4;
    e = ndr_pull_string(ndr, NDR_SCALARS, &s);
    ndr->flags = saved;
    *out = (char *)s;
    return e;
}

/* The conformance of an array of count elements of at least min_size bytes
 * each: it must equal the count that came with it, and fit in what is left. */
static enum ndr_err_code pull_conformance(struct ndr_pull *ndr, uint32_t count, uint32_t min_size, why_t *why)
{
    uint32_t max;

    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &max));
    if (max != count)
        return fail(why, "an array's size differs from its element count");
    if (count > DHCPM_MAX_ELEMENTS || (uint64_t)count * min_size > ndr->data_size - ndr->offset)
        return fail(why, "an array is larger than the reply");
    return NDR_ERR_SUCCESS;
}

static void *array(struct ndr_pull *ndr, size_t size, uint32_t n)
{
    return talloc_zero_size(ndr->current_mem_ctx, size * (n ? n : 1));
}

static enum ndr_err_code pull_ip6(struct ndr_pull *ndr, dhcpm_ip6_t *a)
{
    uint64_t hi, lo;

    TRY(ndr_pull_hyper(ndr, NDR_SCALARS, &hi));
    TRY(ndr_pull_hyper(ndr, NDR_SCALARS, &lo));
    put_be64(a->b, hi);
    put_be64(a->b + 8, lo);
    return NDR_ERR_SUCCESS;
}

/* DHCP_IP_ARRAY {NumElements, [size_is] Elements} with its deferred array. */
static enum ndr_err_code pull_ip_array(struct ndr_pull *ndr, uint32_t *n, uint32_t **elems, why_t *why)
{
    uint32_t ptr;

    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, n));
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    *elems = NULL;
    if (!ptr) {
        if (*n)
            return fail(why, "an address count comes without its addresses");
        return NDR_ERR_SUCCESS;
    }
    TRY(pull_conformance(ndr, *n, 4, why));
    if (!(*elems = array(ndr, sizeof **elems, *n)))
        return NDR_ERR_ALLOC;
    for (uint32_t i = 0; i < *n; i++)
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &(*elems)[i]));
    return NDR_ERR_SUCCESS;
}

/* Every decoder runs on a pull context over the reply. */
typedef enum ndr_err_code (*body_fn)(struct ndr_pull *ndr, void *out, why_t *why);

static int decode(TALLOC_CTX *mem, const uint8_t *data, size_t len, const char *method, body_fn body,
                  void *out, size_t out_size, char *err, size_t errlen)
{
    DATA_BLOB blob = { (uint8_t *)(uintptr_t)data, len };
    struct ndr_pull *ndr;
    why_t why = { NULL };
    int rc;

    memset(out, 0, out_size);
    if (len > UINT32_MAX) {
        snprintf(err, errlen, "the server's %s reply is too large (%zu bytes)", method, len);
        return -1;
    }
    if (!(ndr = ndr_pull_init_blob(&blob, mem))) {
        snprintf(err, errlen, "out of memory while decoding the server's %s reply", method);
        return -1;
    }
    rc = decoded(ndr, body(ndr, out, &why), &why, method, err, errlen);
    talloc_free(ndr);
    return rc;
}

static enum ndr_err_code body_enum_subnets(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_enum_subnets_t *r = o;
    uint32_t ptr;

    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->resume));
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_array = 1;
        TRY(pull_ip_array(ndr, &r->n, &r->addrs, why));
    }
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->read));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->total));
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_enum_subnets(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_enum_subnets_t *out,
                           char *err, size_t errlen)
{
    return decode(mem, data, len, "R_DhcpEnumSubnets", body_enum_subnets, out, sizeof *out, err, errlen);
}

static enum ndr_err_code body_enum_subnets6(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_enum_subnets_t *r = o;
    uint32_t ptr, eptr;

    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->resume));
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_array = 1;
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->n));
        TRY(ndr_pull_generic_ptr(ndr, &eptr));
        if (eptr) {
            TRY(pull_conformance(ndr, r->n, 16, why));
            if (!(r->addrs6 = array(ndr, sizeof *r->addrs6, r->n)))
                return NDR_ERR_ALLOC;
            for (uint32_t i = 0; i < r->n; i++)
                TRY(pull_ip6(ndr, &r->addrs6[i]));
        } else if (r->n) {
            return fail(why, "an address count comes without its addresses");
        }
    }
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->read));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->total));
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_enum_subnets6(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_enum_subnets_t *out,
                            char *err, size_t errlen)
{
    return decode(mem, data, len, "R_DhcpEnumSubnetsV6", body_enum_subnets6, out, sizeof *out, err, errlen);
}

static enum ndr_err_code body_subnet_info(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_get_subnet_info_t *r = o;
    uint32_t ptr, pname, pcomment, pnetbios, phost;
    uint16_t state;
    dhcpm_subnet_info_t *x;

    (void)why;
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        if (!(x = r->info = talloc_zero(ndr->current_mem_ctx, dhcpm_subnet_info_t)))
            return NDR_ERR_ALLOC;
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->address));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->mask));
        TRY(ndr_pull_generic_ptr(ndr, &pname));
        TRY(ndr_pull_generic_ptr(ndr, &pcomment));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->host_ip)); /* PrimaryHost, embedded */
        TRY(ndr_pull_generic_ptr(ndr, &pnetbios));
        TRY(ndr_pull_generic_ptr(ndr, &phost));
        TRY(ndr_pull_uint16(ndr, NDR_SCALARS, &state));
        x->state = state;
        TRY(pull_wstr(ndr, pname, &x->name));
        TRY(pull_wstr(ndr, pcomment, &x->comment));
        TRY(pull_wstr(ndr, pnetbios, &x->host_netbios));
        TRY(pull_wstr(ndr, phost, &x->host_name));
    }
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_subnet_info(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_get_subnet_info_t *out,
                          char *err, size_t errlen)
{
    return decode(mem, data, len, "R_DhcpGetSubnetInfo", body_subnet_info, out, sizeof *out, err, errlen);
}

static enum ndr_err_code body_subnet_info6(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_get_subnet_info6_t *r = o;
    uint32_t ptr, pname, pcomment;
    dhcpm_subnet_info6_t *x;

    (void)why;
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        if (!(x = r->info = talloc_zero(ndr->current_mem_ctx, dhcpm_subnet_info6_t)))
            return NDR_ERR_ALLOC;
        TRY(pull_ip6(ndr, &x->address));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->prefix));
        TRY(ndr_pull_uint16(ndr, NDR_SCALARS, &x->preference));
        TRY(ndr_pull_generic_ptr(ndr, &pname));
        TRY(ndr_pull_generic_ptr(ndr, &pcomment));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->state));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->scope_id));
        TRY(ndr_pull_align(ndr, 8)); /* the structure's trailing alignment */
        TRY(pull_wstr(ndr, pname, &x->name));
        TRY(pull_wstr(ndr, pcomment, &x->comment));
    }
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_subnet_info6(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_get_subnet_info6_t *out,
                           char *err, size_t errlen)
{
    return decode(mem, data, len, "R_DhcpGetSubnetInfoV6", body_subnet_info6, out, sizeof *out, err, errlen);
}

static enum ndr_err_code body_mib(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_mib_t *r = o;
    uint32_t ptr, sptr;
    uint32_t *head[] = { &r->discovers, &r->offers, &r->requests, &r->acks, &r->naks, &r->declines,
                         &r->releases, &r->start_low, &r->start_high };

    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_mib = 1;
        for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
            TRY(ndr_pull_uint32(ndr, NDR_SCALARS, head[i]));
        for (size_t i = 0; i < 7; i++)
            TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->qtn[i]));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->delayed_offers));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scopes_with_delayed_offers));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scopes));
        TRY(ndr_pull_generic_ptr(ndr, &sptr));
        if (sptr) {
            TRY(pull_conformance(ndr, r->scopes, 16, why));
            if (!(r->scope = array(ndr, sizeof *r->scope, r->scopes)))
                return NDR_ERR_ALLOC;
            for (uint32_t i = 0; i < r->scopes; i++) {
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scope[i].subnet));
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scope[i].in_use));
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scope[i].free));
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scope[i].pending));
            }
        } else if (r->scopes) {
            return fail(why, "a scope count comes without the scopes' figures");
        }
    }
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_mib(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_mib_t *out, char *err, size_t errlen)
{
    return decode(mem, data, len, "R_DhcpGetMibInfoV5", body_mib, out, sizeof *out, err, errlen);
}

static enum ndr_err_code body_mib6(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_mib6_t *r = o;
    uint32_t ptr, sptr;

    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_mib = 1;
        for (size_t i = 0; i < 10; i++)
            TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->counters[i]));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->start_low));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->start_high));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->scopes));
        TRY(ndr_pull_generic_ptr(ndr, &sptr));
        if (sptr) {
            TRY(pull_conformance(ndr, r->scopes, 40, why));
            if (!(r->scope = array(ndr, sizeof *r->scope, r->scopes)))
                return NDR_ERR_ALLOC;
            for (uint32_t i = 0; i < r->scopes; i++) {
                TRY(pull_ip6(ndr, &r->scope[i].subnet));
                TRY(ndr_pull_hyper(ndr, NDR_SCALARS, &r->scope[i].in_use));
                TRY(ndr_pull_hyper(ndr, NDR_SCALARS, &r->scope[i].free));
                TRY(ndr_pull_hyper(ndr, NDR_SCALARS, &r->scope[i].pending));
            }
        } else if (r->scopes) {
            return fail(why, "a scope count comes without the scopes' figures");
        }
    }
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_mib6(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_mib6_t *out, char *err, size_t errlen)
{
    return decode(mem, data, len, "R_DhcpGetMibInfoV6", body_mib6, out, sizeof *out, err, errlen);
}

/* The referents of one relationship's embedded pointers. */
typedef struct rel_ptrs {
    uint32_t name, pname, sname, scopes, secret;
} rel_ptrs_t;

/* DHCP_FAILOVER_RELATIONSHIP's scalars: 48 bytes on the wire. */
static enum ndr_err_code pull_rel_scalars(struct ndr_pull *ndr, dhcpm_fo_rel_t *x, rel_ptrs_t *p)
{
    uint16_t e[4];

    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->primary));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->secondary));
    for (int i = 0; i < 4; i++)
        TRY(ndr_pull_uint16(ndr, NDR_SCALARS, &e[i]));
    x->mode = e[0], x->server_type = e[1], x->state = e[2], x->prev_state = e[3];
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->mclt));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &x->safe_period));
    TRY(ndr_pull_generic_ptr(ndr, &p->name));
    TRY(ndr_pull_generic_ptr(ndr, &p->pname));
    TRY(ndr_pull_generic_ptr(ndr, &p->sname));
    TRY(ndr_pull_generic_ptr(ndr, &p->scopes));
    TRY(ndr_pull_uint8(ndr, NDR_SCALARS, &x->percentage));
    return ndr_pull_generic_ptr(ndr, &p->secret); /* aligned to 4: 3 pad bytes before it */
}

static enum ndr_err_code pull_rel_buffers(struct ndr_pull *ndr, dhcpm_fo_rel_t *x, const rel_ptrs_t *p, why_t *why)
{
    TRY(pull_wstr(ndr, p->name, &x->name));
    TRY(pull_wstr(ndr, p->pname, &x->primary_name));
    TRY(pull_wstr(ndr, p->sname, &x->secondary_name));
    if (p->scopes) {
        x->has_scopes = 1;
        TRY(pull_ip_array(ndr, &x->nscopes, &x->scopes, why));
    }
    return pull_wstr(ndr, p->secret, &x->shared_secret);
}

static enum ndr_err_code body_fo_enum(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_fo_enum_t *r = o;
    uint32_t ptr, aptr;

    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->resume));
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_array = 1;
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->n));
        TRY(ndr_pull_generic_ptr(ndr, &aptr));
        if (aptr) {
            rel_ptrs_t *ptrs;

            TRY(pull_conformance(ndr, r->n, 48, why));
            r->rels = array(ndr, sizeof *r->rels, r->n);
            ptrs = array(ndr, sizeof *ptrs, r->n);
            if (!r->rels || !ptrs)
                return NDR_ERR_ALLOC;
            for (uint32_t i = 0; i < r->n; i++)
                TRY(pull_rel_scalars(ndr, &r->rels[i], &ptrs[i]));
            for (uint32_t i = 0; i < r->n; i++)
                TRY(pull_rel_buffers(ndr, &r->rels[i], &ptrs[i], why));
            talloc_free(ptrs);
        } else if (r->n) {
            return fail(why, "a relationship count comes without the relationships");
        }
    }
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->read));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->total));
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_fo_enum(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_fo_enum_t *out, char *err,
                      size_t errlen)
{
    return decode(mem, data, len, "R_DhcpV4FailoverEnumRelationship", body_fo_enum, out, sizeof *out, err,
                  errlen);
}

static enum ndr_err_code body_fo_stats(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_fo_stats_t *r = o;
    uint32_t ptr;
    mswin_fo_stats_t *st = &r->stats;
    uint32_t *f[] = { &st->num_addr, &st->addr_free, &st->addr_in_use, &st->partner_addr_free,
                      &st->this_addr_free, &st->partner_addr_in_use, &st->this_addr_in_use };

    (void)why;
    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_stats = 1;
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            TRY(ndr_pull_uint32(ndr, NDR_SCALARS, f[i]));
    }
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_fo_stats(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_fo_stats_t *out, char *err,
                       size_t errlen)
{
    return decode(mem, data, len, "R_DhcpV4FailoverGetScopeStatistics", body_fo_stats, out, sizeof *out, err,
                  errlen);
}

static enum ndr_err_code body_superscope(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_superscope_t *r = o;
    uint32_t ptr, eptr;

    TRY(ndr_pull_generic_ptr(ndr, &ptr));
    if (ptr) {
        r->has_table = 1;
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->n));
        TRY(ndr_pull_generic_ptr(ndr, &eptr));
        if (eptr) {
            uint32_t *names;

            TRY(pull_conformance(ndr, r->n, 16, why));
            r->entries = array(ndr, sizeof *r->entries, r->n);
            names = array(ndr, sizeof *names, r->n);
            if (!r->entries || !names)
                return NDR_ERR_ALLOC;
            for (uint32_t i = 0; i < r->n; i++) {
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->entries[i].subnet));
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->entries[i].number));
                TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->entries[i].next));
                TRY(ndr_pull_generic_ptr(ndr, &names[i]));
            }
            for (uint32_t i = 0; i < r->n; i++)
                TRY(pull_wstr(ndr, names[i], &r->entries[i].name));
            talloc_free(names);
        } else if (r->n) {
            return fail(why, "an entry count comes without the entries");
        }
    }
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_superscope(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_superscope_t *out, char *err,
                         size_t errlen)
{
    return decode(mem, data, len, "R_DhcpGetSuperScopeInfoV4", body_superscope, out, sizeof *out, err, errlen);
}

/* The TCP port in a tower's floors, if it has one. */
static void tower_port(const uint8_t *t, uint32_t len, dhcpm_ept_map_t *r)
{
    uint32_t o = 2;
    unsigned floors = len >= 2 ? (unsigned)(t[0] | t[1] << 8) : 0;

    for (unsigned f = 0; f < floors && o + 2 <= len; f++) {
        uint32_t lhs = (uint32_t)(t[o] | t[o + 1] << 8), rhs;
        uint8_t proto;

        o += 2;
        if (lhs == 0 || lhs > len - o || len - o - lhs < 2)
            return;
        proto = t[o];
        o += lhs;
        rhs = (uint32_t)(t[o] | t[o + 1] << 8);
        o += 2;
        if (rhs > len - o)
            return;
        if (proto == 0x07 && rhs == 2 && !r->has_port) {
            r->has_port = 1;
            r->port = (uint16_t)(t[o] << 8 | t[o + 1]);
        }
        o += rhs;
    }
}

/* ept_map's out parameters: entry_handle (20 bytes), num_towers, then the
 * conformant varying array of tower pointers and the towers, then status. */
static enum ndr_err_code body_ept_map(struct ndr_pull *ndr, void *o, why_t *why)
{
    dhcpm_ept_map_t *r = o;
    uint8_t handle[20];
    uint32_t max, ofs, actual, *ptrs;

    TRY(ndr_pull_bytes(ndr, handle, sizeof handle));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &r->num_towers));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &max));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &ofs));
    TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &actual));
    if (ofs != 0 || actual > max || actual > 4096 || (uint64_t)actual * 4 > ndr->data_size - ndr->offset)
        return fail(why, "the tower array's bounds are wrong");
    if (!(ptrs = array(ndr, sizeof *ptrs, actual)))
        return NDR_ERR_ALLOC;
    for (uint32_t i = 0; i < actual; i++)
        TRY(ndr_pull_generic_ptr(ndr, &ptrs[i]));
    for (uint32_t i = 0; i < actual; i++) {
        uint32_t tmax, tlen;

        if (!ptrs[i])
            continue;
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &tmax));
        TRY(ndr_pull_uint32(ndr, NDR_SCALARS, &tlen));
        if (tlen != tmax || tlen > ndr->data_size - ndr->offset)
            return fail(why, "a tower's length is wrong");
        tower_port(ndr->data + ndr->offset, tlen, r);
        TRY(ndr_pull_advance(ndr, tlen));
    }
    talloc_free(ptrs);
    return ndr_pull_uint32(ndr, NDR_SCALARS, &r->status);
}

int dhcpm_rep_ept_map(TALLOC_CTX *mem, const uint8_t *data, size_t len, dhcpm_ept_map_t *out, char *err,
                      size_t errlen)
{
    return decode(mem, data, len, "ept_map", body_ept_map, out, sizeof *out, err, errlen);
}
