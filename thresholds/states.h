/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_STATES_H
#define CDS_STATES_H

/* The plugin states and their order, as the Monitoring Plugins' states.h
 * names them. Header only. */

enum plugin_state { STATE_OK = 0, STATE_WARNING = 1, STATE_CRITICAL = 2, STATE_UNKNOWN = 3 };

/* The worse of two states: CRITICAL, then UNKNOWN, then WARNING, then OK
 * (the Monitoring Plugins' max_state_alt order: a check that could not
 * measure one thing is worse than a warning about another). */
static inline int max_state(int a, int b)
{
    static const int rank[] = { 0, 1, 3, 2 };

    if (a < STATE_OK || a > STATE_UNKNOWN)
        return b;
    if (b < STATE_OK || b > STATE_UNKNOWN)
        return a;
    return rank[a] >= rank[b] ? a : b;
}

#endif
