/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_COUNT_H
#define CDS_COUNT_H

/* Address and prefix counts: plugin/count.c. An IPv6 /64 holds 2^64
 * addresses and a prefix-delegation pool can hold more prefixes than 32 bits
 * count, so counts are unsigned 128-bit numbers built from two 64-bit halves
 * (portable C11: no compiler's __int128). They are exact up to 2^128 - 1
 * (COUNT_MAX); arithmetic saturates there instead of wrapping, and a count
 * that reached it is shown as "at least" that (count_saturated). */

#include <stddef.h>
#include <stdint.h>

typedef struct count {
    uint64_t hi, lo;
} count_t;

/* Decimal digits of COUNT_MAX (39) and a NUL. */
#define COUNT_TEXT_MAX 40

static inline count_t count_of(uint64_t v)
{
    count_t c = { 0, v };
    return c;
}

count_t count_add(count_t a, count_t b);   /* saturates at COUNT_MAX */
count_t count_sub(count_t a, count_t b);   /* 0 when b > a */
int count_cmp(count_t a, count_t b);       /* -1, 0 or 1 */
int count_is_zero(count_t a);
int count_saturated(count_t a);            /* a == COUNT_MAX */
count_t count_max(void);

/* a >> n (0 for n >= 128). */
count_t count_shr(count_t a, unsigned n);

/* 2^n; COUNT_MAX for n >= 128. */
count_t count_pow2(unsigned n);

/* The nearest double (exact below 2^53). */
double count_to_double(count_t a);

/* 0 and *out when a fits in 64 bits, else -1. */
int count_to_u64(count_t a, uint64_t *out);

/* Decimal text into buf (COUNT_TEXT_MAX bytes hold any count); returns buf,
 * "" when buflen is too small. */
const char *count_format(count_t a, char *buf, size_t buflen);

/* A whole decimal number of len digits (no sign, no blanks): 0, or -1 when
 * it is not one or exceeds COUNT_MAX. */
int count_parse(const char *text, size_t len, count_t *out);

/* floor(part * 10000 / whole): a percentage in hundredths, rounded down so
 * that no printed value shows more free space than there is. Exact for all
 * counts; 0 when whole is 0; capped at UINT32_MAX. */
uint32_t count_pct_hundredths(count_t part, count_t whole);

#endif
