/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_DNSMASQ_LEASES_H
#define CDS_DNSMASQ_LEASES_H

/* dnsmasq.leases streaming push parser: plugin/dnsmasq/dnsmasq_leases.c.
 * Bytes are fed in chunks split anywhere. The file holds one lease a line,
 * as dnsmasq's lease_update_file() writes it:
 *
 *   EXPIRY MAC IPV4 HOSTNAME CLIENT-ID          an IPv4 lease
 *   duid SERVER-DUID                            once, before the IPv6 leases
 *   EXPIRY [T]IAID IPV6 HOSTNAME CLIENT-DUID    an IPv6 lease (T: a temporary address)
 *
 * EXPIRY is seconds since the epoch, 0 for an infinite lease. dnsmasq
 * rewrites the file in place, so a last line without its newline is one being
 * written and is dropped. Only leases inside the spans given up front are
 * kept (address and expiry), so memory follows the leases of the counted
 * subnets, not the file's size. */

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

/* Below this (1980-01-01) an expiry is no time a clock gave: dnsmasq built
 * with HAVE_BROKEN_RTC writes the lease's length there instead, and such a
 * lease is live while its line is in the file. */
#define DNSMASQ_EXPIRY_CLOCK_MIN 315532800

/* An inclusive address interval of one family. */
typedef struct dnsmasq_span {
    addr_t low, high;
} dnsmasq_span_t;

/* Leases in [low, high]: active ones (infinite, length-only or not yet
 * expired) and expired ones still in the file (dnsmasq counts those free). */
typedef struct dnsmasq_counts {
    uint64_t active, expired;
} dnsmasq_counts_t;

typedef struct dnsmasq_leases dnsmasq_leases_t;

/* Sorts spans and merges overlapping or adjacent ones (of one family) in
 * place; returns the new count. */
size_t dnsmasq_spans_merge(dnsmasq_span_t *spans, size_t n);

/* A parser keeping the leases inside spans (copied; any order, may overlap).
 * name is the file name used in messages. NULL with a sentence in err. */
dnsmasq_leases_t *dnsmasq_leases_new(const char *name, const dnsmasq_span_t *spans, size_t nspans, char *err,
                                     size_t errlen);

/* Consumes len bytes. 0, or -1 once the content is malformed; the sentence
 * ("FILE:LINE: ...") is then in dnsmasq_leases_error(). */
int dnsmasq_leases_feed(dnsmasq_leases_t *p, const char *buf, size_t len);

/* Ends the input (an unfinished last line is dropped) and indexes the leases
 * kept; where one address has several lines, the last one counts. 0 or -1. */
int dnsmasq_leases_finish(dnsmasq_leases_t *p);

const char *dnsmasq_leases_error(const dnsmasq_leases_t *p);

/* Counts the leases in [low, high] (one family) as of now, after finish. */
void dnsmasq_leases_count(const dnsmasq_leases_t *p, const addr_t *low, const addr_t *high, int64_t now,
                          dnsmasq_counts_t *out);

/* Lease lines read (IPv4 and IPv6, inside the spans or not), and the leases kept. */
uint64_t dnsmasq_leases_lines(const dnsmasq_leases_t *p);
size_t dnsmasq_leases_kept(const dnsmasq_leases_t *p);

void dnsmasq_leases_free(dnsmasq_leases_t *p);

#endif
