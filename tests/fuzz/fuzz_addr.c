/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "addr.h"
#include "fuzz.h"

/* An address or prefix that parses formats into text that parses back to
 * the same bytes, and formatting honours every buffer size. */
static void check_roundtrip(const addr_t *a)
{
    char text[ADDR_PREFIX_TEXT_MAX], small[ADDR_PREFIX_TEXT_MAX];
    addr_t b;

    FUZZ_ASSERT(a->family == ADDR_V4 || a->family == ADDR_V6);
    FUZZ_ASSERT(a->prefix <= addr_bits(a));
    FUZZ_ASSERT(addr_format_prefix(a, text, sizeof text) == 0);
    FUZZ_ASSERT(addr_parse_prefix(text, strlen(text), &b) == 0);
    FUZZ_ASSERT(addr_cmp(a, &b) == 0);
    for (size_t n = 0; n <= strlen(text) + 1; n++) {
        memset(small, 'x', sizeof small);
        if (addr_format_prefix(a, small, n) == 0)
            FUZZ_ASSERT(n > strlen(text) && strcmp(small, text) == 0);
        else
            FUZZ_ASSERT(n <= strlen(text) && (n == 0 || small[0] == '\0'));
        FUZZ_ASSERT(n >= sizeof small || small[n] == 'x');
    }
    b = *a;
    addr_mask(&b);
    FUZZ_ASSERT(!addr_has_host_bits(&b));
    FUZZ_ASSERT(addr_contains(&b, a));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    addr_t a;

    if (addr_parse(text, size, &a) == 0) {
        FUZZ_ASSERT(a.prefix == addr_bits(&a));
        check_roundtrip(&a);
    }
    if (addr_parse_prefix(text, size, &a) == 0)
        check_roundtrip(&a);
    return 0;
}
