/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints every option the parser knows, one a line: "LONG SHORT SOURCE"
 * (SHORT "-" when none, SOURCE "-" for the options all sources share), from
 * the same tables --help is built from. docs_options.sh compares them with
 * the man page, --help and the Icinga 2 CheckCommand. */

#include <stdio.h>

#include "options.h"

int main(void)
{
    options_info_t info[512];
    size_t n = options_list(info, sizeof info / sizeof info[0]);

    if (n > sizeof info / sizeof info[0]) {
        fprintf(stderr, "options_dump: more than %zu options\n", sizeof info / sizeof info[0]);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        printf("%s %c %s\n", info[i].long_name, info[i].short_name ? info[i].short_name : '-',
               info[i].source ? info[i].source : "-");
    return 0;
}
