/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "count.h"


count_t count_max(void)
{
    count_t c = { UINT64_MAX, UINT64_MAX };
    return c;
}

count_t count_add(count_t a, count_t b)
{
    count_t r;
    uint64_t carry;

    r.lo = a.lo + b.lo;
    carry = r.lo < a.lo;
    if (a.hi > UINT64_MAX - b.hi || a.hi + b.hi > UINT64_MAX - carry)
        return count_max();
    r.hi = a.hi + b.hi + carry;
    return r;
}

count_t count_sub(count_t a, count_t b)
{
    count_t r;

    if (count_cmp(a, b) <= 0)
        return count_of(0);
    r.lo = a.lo - b.lo;
    r.hi = a.hi - b.hi - (a.lo < b.lo);
    return r;
}

int count_cmp(count_t a, count_t b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

int count_is_zero(count_t a)
{
    return a.hi == 0 && a.lo == 0;
}

int count_saturated(count_t a)
{
    return a.hi == UINT64_MAX && a.lo == UINT64_MAX;
}

count_t count_shr(count_t a, unsigned n)
{
    if (n >= 128)
        return count_of(0);
    if (n >= 64) {
        a.lo = a.hi >> (n - 64);
        a.hi = 0;
    } else if (n > 0) {
        a.lo = a.lo >> n | a.hi << (64 - n);
        a.hi >>= n;
    }
    return a;
}

count_t count_pow2(unsigned n)
{
    count_t c = { 0, 0 };

    if (n >= 128)
        return count_max();
    if (n >= 64)
        c.hi = (uint64_t)1 << (n - 64);
    else
        c.lo = (uint64_t)1 << n;
    return c;
}

double count_to_double(count_t a)
{
    return (double)a.hi * 18446744073709551616.0 + (double)a.lo;
}

int count_to_u64(count_t a, uint64_t *out)
{
    if (a.hi)
        return -1;
    *out = a.lo;
    return 0;
}

/* Divides a by 10 in place and returns the remainder. */
static unsigned divmod10(count_t *a)
{
    uint64_t hi = a->hi / 10, rem = a->hi % 10, lo = 0;

    /* The low half in two 32-bit steps, so that no step overflows. */
    for (int shift = 32; shift >= 0; shift -= 32) {
        uint64_t cur = (rem << 32) | ((a->lo >> shift) & 0xFFFFFFFFu);

        lo |= (cur / 10) << shift;
        rem = cur % 10;
    }
    a->hi = hi;
    a->lo = lo;
    return (unsigned)rem;
}

const char *count_format(count_t a, char *buf, size_t buflen)
{
    char tmp[COUNT_TEXT_MAX];
    size_t n = 0;

    do {
        tmp[n++] = (char)('0' + divmod10(&a));
    } while (!count_is_zero(a));
    if (buflen <= n) {
        if (buflen)
            buf[0] = '\0';
        return buf;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

/* a * m + add, or -1 on overflow past 128 bits. */
static int mul_add(count_t *a, uint32_t m, uint32_t add)
{
    uint64_t lo_lo = (a->lo & 0xFFFFFFFFu) * m + add;
    uint64_t lo_hi = (a->lo >> 32) * m + (lo_lo >> 32);
    uint64_t hi_lo = (a->hi & 0xFFFFFFFFu) * m + (lo_hi >> 32);
    uint64_t hi_hi = (a->hi >> 32) * m + (hi_lo >> 32);

    if (hi_hi >> 32)
        return -1;
    a->lo = (lo_lo & 0xFFFFFFFFu) | (lo_hi << 32);
    a->hi = (hi_lo & 0xFFFFFFFFu) | (hi_hi << 32);
    return 0;
}

int count_parse(const char *text, size_t len, count_t *out)
{
    count_t c = { 0, 0 };

    if (len == 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9' || mul_add(&c, 10, (uint32_t)(text[i] - '0')) != 0)
            return -1;
    }
    *out = c;
    return 0;
}

uint32_t count_pct_hundredths(count_t part, count_t whole)
{
    /* part * 10000 needs up to 142 bits: three 64-bit words, w[0] lowest. */
    uint64_t w[3], q = 0;
    count_t rem = { 0, 0 };
    uint64_t carry;

    if (count_is_zero(whole))
        return 0;
    if (part.hi == 0 && whole.hi == 0 && part.lo <= UINT64_MAX / 10000) {
        q = part.lo * 10000 / whole.lo;
        return q > UINT32_MAX ? UINT32_MAX : (uint32_t)q;
    }
    {
        uint64_t a0 = (part.lo & 0xFFFFFFFFu) * 10000;
        uint64_t a1 = (part.lo >> 32) * 10000 + (a0 >> 32);
        uint64_t a2 = (part.hi & 0xFFFFFFFFu) * 10000 + (a1 >> 32);
        uint64_t a3 = (part.hi >> 32) * 10000 + (a2 >> 32);

        w[0] = (a0 & 0xFFFFFFFFu) | (a1 << 32);
        w[1] = (a2 & 0xFFFFFFFFu) | (a3 << 32);
        w[2] = a3 >> 32;
    }
    /* Schoolbook binary long division: 192 steps of shift and subtract. */
    for (int bit = 191; bit >= 0; bit--) {
        carry = rem.hi >> 63;
        rem.hi = (rem.hi << 1) | (rem.lo >> 63);
        rem.lo = (rem.lo << 1) | ((w[bit / 64] >> (bit % 64)) & 1u);
        if (carry || count_cmp(rem, whole) >= 0) {
            count_t r2;

            r2.lo = rem.lo - whole.lo;
            r2.hi = rem.hi - whole.hi - (rem.lo < whole.lo);
            rem = r2;
            if (bit >= 32 || q > UINT32_MAX)
                return UINT32_MAX;
            q |= (uint64_t)1 << bit;
        }
    }
    return q > UINT32_MAX ? UINT32_MAX : (uint32_t)q;
}
