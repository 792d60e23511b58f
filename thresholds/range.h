/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_RANGE_H
#define CDS_RANGE_H

/* Monitoring Plugins threshold ranges: [@][start:][end], both ends inclusive.
 * Pure C, no I/O: thresholds/range.c. */

#include <stddef.h>

#include "states.h"

typedef struct range {
    double start;      /* ignored when start_inf */
    double end;        /* ignored when end_inf */
    int start_inf;     /* "~": start is -infinity */
    int end_inf;       /* "N:": end is +infinity */
    int inside;        /* "@": alert when x is inside [start, end] */
} range_t;

/* How a bare number (no ':', '@' or '~') is read. */
enum range_bare {
    RANGE_BARE_UPPER, /* "10" means 0:10, the Monitoring Plugins rule */
    RANGE_BARE_LOWER  /* "10" means 10:, for "free" metrics as in check_disk */
};

/* Parses text strictly; a trailing '%' is accepted and dropped when allow_percent.
 * Returns 0, or -1 with a sentence quoting the bad text in err. */
int range_parse(const char *text, enum range_bare bare, int allow_percent,
                range_t *out, char *err, size_t errlen);

/* 1 when x is outside the range (inside, for '@'), else 0. */
int range_alerts(const range_t *r, double x);

/* The single plain number graphers can draw for this range (the bound that is
 * not infinite), or -1 when the range has two finite ends or none, or is an
 * '@' range (a plain number cannot say "alert inside"). */
int range_plain_value(const range_t *r, double *out);

/* The start of a range that alerts only below it ("N:", not '@'), or -1 for
 * any other range: what a perfdata threshold field of a "free" metric may
 * carry as a plain number without a grapher misreading its direction. */
int range_lower_bound(const range_t *r, double *out);

/* Canonical text of the range, e.g. "20:", "@10:20", "~:5", into buf. */
void range_format(const range_t *r, char *buf, size_t buflen);

/* STATE_OK, STATE_WARNING or STATE_CRITICAL for x against optional ranges. */
int range_state(const range_t *warn, const range_t *crit, double x);

#endif
