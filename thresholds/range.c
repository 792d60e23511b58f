/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "range.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANGE_TEXT_MAX 64

/* A plain decimal: optional sign, digits, optional fraction. No exponents, no
 * hex, no "inf"/"nan", no locale: strtod accepts all of those, so it is only
 * called on text this has already vetted. */
static int parse_number(const char *s, size_t len, double *out)
{
    size_t i = 0, digits = 0;
    char buf[RANGE_TEXT_MAX];

    if (len == 0 || len >= sizeof buf)
        return -1;
    if (s[i] == '-' || s[i] == '+')
        i++;
    while (i < len && isdigit((unsigned char)s[i])) {
        i++;
        digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && isdigit((unsigned char)s[i])) {
            i++;
            digits++;
        }
    }
    if (i != len || digits == 0)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    *out = strtod(buf, NULL);
    return isfinite(*out) ? 0 : -1;
}

static void set_err(char *err, size_t errlen, const char *text, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "invalid threshold range '%s': %s", text, why);
}

int range_parse(const char *text, enum range_bare bare, int allow_percent,
                range_t *out, char *err, size_t errlen)
{
    const char *p, *colon;
    size_t len;
    range_t r = { 0, 0, 0, 1, 0 };
    int full;

    if (!text || !*text) {
        set_err(err, errlen, text ? text : "", "it is empty");
        return -1;
    }
    len = strlen(text);
    if (len >= RANGE_TEXT_MAX) {
        set_err(err, errlen, text, "it is too long");
        return -1;
    }
    p = text;
    full = strpbrk(text, ":@~") != NULL;
    if (*p == '@') {
        r.inside = 1;
        p++;
        len--;
    }
    if (allow_percent && len > 0 && p[len - 1] == '%')
        len--;
    if (len == 0) {
        set_err(err, errlen, text, "it has no bounds");
        return -1;
    }
    colon = memchr(p, ':', len);
    if (colon) {
        size_t slen = (size_t)(colon - p), elen = len - slen - 1;
        const char *e = colon + 1;

        if (slen == 0 && elen == 0) {
            set_err(err, errlen, text, "it has no bounds");
            return -1;
        }
        if (memchr(e, ':', elen)) {
            set_err(err, errlen, text, "it has more than one ':'");
            return -1;
        }
        if (slen == 1 && p[0] == '~') {
            r.start_inf = 1;
        } else if (slen == 0) {
            r.start = 0;
        } else if (parse_number(p, slen, &r.start) != 0) {
            set_err(err, errlen, text, "the start is not a plain number");
            return -1;
        }
        if (elen == 0) {
            r.end_inf = 1;
        } else if (parse_number(e, elen, &r.end) != 0) {
            set_err(err, errlen, text, "the end is not a plain number");
            return -1;
        } else {
            r.end_inf = 0;
        }
    } else {
        double v;

        if (parse_number(p, len, &v) != 0) {
            set_err(err, errlen, text, "it is not a number or a range");
            return -1;
        }
        if (bare == RANGE_BARE_LOWER && !full) {
            r.start = v;
            r.end_inf = 1;
        } else {
            r.start = 0;
            r.end = v;
            r.end_inf = 0;
        }
    }
    if (!r.start_inf && !r.end_inf && r.start > r.end) {
        set_err(err, errlen, text, "the start is greater than the end");
        return -1;
    }
    *out = r;
    return 0;
}

int range_alerts(const range_t *r, double x)
{
    int inside = (r->start_inf || x >= r->start) && (r->end_inf || x <= r->end);

    return r->inside ? inside : !inside;
}

int range_plain_value(const range_t *r, double *out)
{
    /* A plain number in perfdata means "alert outside"; an '@' range has none. */
    if (r->inside)
        return -1;
    if (r->end_inf && !r->start_inf) {
        *out = r->start;
        return 0;
    }
    if (!r->end_inf && (r->start_inf || r->start == 0)) {
        *out = r->end;
        return 0;
    }
    return -1;
}

int range_lower_bound(const range_t *r, double *out)
{
    if (r->inside || r->start_inf || !r->end_inf)
        return -1;
    *out = r->start;
    return 0;
}

static void format_number(double v, char *buf, size_t len)
{
    snprintf(buf, len, "%.10g", v);
}

void range_format(const range_t *r, char *buf, size_t buflen)
{
    char s[32] = "", e[32] = "";

    if (r->start_inf)
        snprintf(s, sizeof s, "~");
    else
        format_number(r->start, s, sizeof s);
    if (!r->end_inf)
        format_number(r->end, e, sizeof e);
    snprintf(buf, buflen, "%s%s:%s", r->inside ? "@" : "", s, e);
}

int range_state(const range_t *warn, const range_t *crit, double x)
{
    if (crit && range_alerts(crit, x))
        return STATE_CRITICAL;
    if (warn && range_alerts(warn, x))
        return STATE_WARNING;
    return STATE_OK;
}
