/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "os_common.h"

#include <stdio.h>

#include "text.h"

size_t os_common_timeout_message(char *buf, size_t buflen, const char *prefix, unsigned seconds,
                                 const char *stage)
{
    char line[OS_MSG_MAX];
    size_t len;

    if (buflen < 2)
        return 0;
    snprintf(line, sizeof line, "%s UNKNOWN - timed out after %u s while %s.", prefix ? prefix : "",
             seconds, stage[0] ? stage : "starting");
    /* The stage names paths and servers: keep them from opening perfdata or
     * a line of their own. */
    len = text_clean(buf, buflen - 1, line);
    buf[len++] = '\n';
    buf[len] = '\0';
    return len;
}
