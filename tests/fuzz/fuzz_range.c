/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "range.h"

/* Formatting a parsed range and parsing that text again must give the same
 * text and the same range: range_format is a faithful, canonical rendering. */
static void check_roundtrip(const range_t *r)
{
    char text[128], again[128], err[256];
    range_t r2;

    range_format(r, text, sizeof text);
    FUZZ_ASSERT(fuzz_terminated(text, sizeof text));
    if (strpbrk(text, "eEinfa") != NULL)
        return; /* %.10g chose an exponent: not a plain number any more */
    FUZZ_ASSERT(range_parse(text, RANGE_BARE_UPPER, 0, &r2, err, sizeof err) == 0);
    range_format(&r2, again, sizeof again);
    FUZZ_ASSERT(strcmp(text, again) == 0);
    FUZZ_ASSERT(r2.inside == r->inside && r2.start_inf == r->start_inf && r2.end_inf == r->end_inf);
}

static void check_range(const range_t *r)
{
    double v;

    FUZZ_ASSERT(r->start_inf || isfinite(r->start));
    FUZZ_ASSERT(r->end_inf || isfinite(r->end));
    FUZZ_ASSERT(r->start_inf || r->end_inf || r->start <= r->end);
    /* Both ends are inclusive. */
    if (!r->start_inf)
        FUZZ_ASSERT(range_alerts(r, r->start) == (r->inside ? 1 : 0));
    if (!r->end_inf)
        FUZZ_ASSERT(range_alerts(r, r->end) == (r->inside ? 1 : 0));
    if (!r->start_inf)
        FUZZ_ASSERT(range_alerts(r, nextafter(r->start, -INFINITY)) == (r->inside ? 0 : 1));
    if (!r->end_inf)
        FUZZ_ASSERT(range_alerts(r, nextafter(r->end, INFINITY)) == (r->inside ? 0 : 1));
    if (range_plain_value(r, &v) == 0)
        FUZZ_ASSERT(isfinite(v));
    {
        /* range_state: critical before warning, and only what the ranges say. */
        double x = r->start_inf ? (r->end_inf ? 0 : r->end) : r->start;
        int alerts = range_alerts(r, x);

        FUZZ_ASSERT(range_state(r, r, x) == (alerts ? STATE_CRITICAL : STATE_OK));
        FUZZ_ASSERT(range_state(r, NULL, x) == (alerts ? STATE_WARNING : STATE_OK));
        FUZZ_ASSERT(range_state(NULL, r, x) == (alerts ? STATE_CRITICAL : STATE_OK));
        FUZZ_ASSERT(range_state(NULL, NULL, x) == STATE_OK);
    }
    check_roundtrip(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text, err[256];
    range_t r;
    int bare, pct;

    if (size > 4096)
        return 0;
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (bare = 0; bare < 2; bare++) {
        for (pct = 0; pct < 2; pct++) {
            memset(err, 'x', sizeof err);
            err[sizeof err - 1] = '\0';
            if (range_parse(text, bare ? RANGE_BARE_LOWER : RANGE_BARE_UPPER, pct, &r, err, sizeof err) == 0) {
                check_range(&r);
            } else {
                FUZZ_ASSERT(fuzz_terminated(err, sizeof err));
                FUZZ_ASSERT(strncmp(err, "invalid threshold range '", 25) == 0);
            }
        }
    }
    /* A NULL error buffer is allowed (options.c's defaults use it). */
    (void)range_parse(text, RANGE_BARE_LOWER, 1, &r, NULL, 0);
    free(text);
    return 0;
}
