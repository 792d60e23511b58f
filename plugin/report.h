/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_REPORT_H
#define CDS_REPORT_H

/* The plugin's output: plugin/report.c. Pure: formats the scope list and the
 * evaluation's result into text, prints nothing, decides nothing. */

#include <stddef.h>

#include "eval.h"
#include "options.h"
#include "scope.h"

#define REPORT_PREFIX "DHCP SCOPE"

/* The whole output (first line, long output, perfdata), "\n"-terminated,
 * within opt->max_output bytes when that is not 0. malloc'ed; NULL when out
 * of memory. */
char *report_render(const options_t *opt, const scope_list_t *list, const eval_result_t *res);

/* "DHCP SCOPE UNKNOWN - <sentence>\n" (malloc'ed). */
char *report_unknown(const char *sentence);

/* "DHCP SCOPE <STATE> - <sentence>\n" (malloc'ed): a check that ended
 * before there were scopes to report, such as a server that is down. */
char *report_problem(int state, const char *sentence);

/* "OK", "WARNING", "CRITICAL" or "UNKNOWN". */
const char *report_state_name(int state);

#endif
