/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_ADDR_H
#define CDS_ADDR_H

/* Addresses and prefixes of both families: plugin/addr.c. Parsers take text
 * and its length, formatters a buffer and its size (the shape of
 * uv_inet_ntop), so no caller guesses a length. IPv6 text is written as
 * RFC 5952 says (lowercase, no leading zeros, the longest run of zero groups
 * as "::"). */

#include <stddef.h>
#include <stdint.h>

#include "count.h"

enum addr_family { ADDR_NONE = 0, ADDR_V4 = 4, ADDR_V6 = 6 };

typedef struct addr {
    uint8_t family;          /* ADDR_V4 or ADDR_V6 */
    uint8_t prefix;          /* 0..32 or 0..128; a single address has the full length */
    uint8_t bytes[16];       /* network order; IPv4 in bytes[0..3], the rest zero */
} addr_t;

/* "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" and a NUL (INET6_ADDRSTRLEN),
 * and with "/128". */
#define ADDR_TEXT_MAX 46
#define ADDR_PREFIX_TEXT_MAX 50

/* An IPv4 address given in host order (10.0.0.0 is 0x0A000000). */
addr_t addr_v4(uint32_t host, unsigned prefix);

/* The IPv4 address in host order (0 for IPv6). */
uint32_t addr_v4_host(const addr_t *a);

/* 32 or 128: the bits of the family (0 for ADDR_NONE). */
unsigned addr_bits(const addr_t *a);

/* A strict address: a dotted quad without leading zeros, or IPv6 (hex
 * groups, one "::", a dotted quad at the end; no zone). The prefix is set to
 * the full length. 0, or -1 when text[0..len) is not one. */
int addr_parse(const char *text, size_t len, addr_t *out);

/* "ADDRESS/LENGTH" with LENGTH within the family: 0 or -1. Host bits may be
 * set (addr_has_host_bits tells). */
int addr_parse_prefix(const char *text, size_t len, addr_t *out);

/* The address alone into dst[size]: 0, or -1 ("" in dst) when it does not fit. */
int addr_format(const addr_t *a, char *dst, size_t size);

/* "ADDRESS/LENGTH" into dst[size]: 0, or -1 ("" in dst) when it does not fit. */
int addr_format_prefix(const addr_t *a, char *dst, size_t size);

/* Orders by family, then address, then prefix length. */
int addr_cmp(const addr_t *a, const addr_t *b);

/* 1 when a and b are the same address of the same family, whatever their prefixes. */
int addr_same(const addr_t *a, const addr_t *b);

/* 1 when a has bits set beyond its prefix length. */
int addr_has_host_bits(const addr_t *a);

/* Clears the bits beyond the prefix length. */
void addr_mask(addr_t *a);

/* 1 when a (same family) lies inside net's prefix. */
int addr_contains(const addr_t *net, const addr_t *a);

/* The last address of a's prefix (all host bits set), with the full length. */
addr_t addr_last(const addr_t *a);

/* The address as a number (IPv4 below 2^32). */
count_t addr_number(const addr_t *a);

/* hi - lo + 1 addresses (lo <= hi, same family); 0 otherwise. */
count_t addr_span(const addr_t *lo, const addr_t *hi);

/* Prefix length of a contiguous IPv4 netmask (host order), or -1. */
int addr_mask_prefix(uint32_t mask);

#endif
