#include "os_common.h"

#include <stdio.h>

#include "report.h"

size_t os_common_timeout_message(char *buf, size_t buflen, unsigned seconds, const char *stage)
{
    int n = snprintf(buf, buflen, REPORT_PREFIX " UNKNOWN - timed out after %u s while %s.\n",
                     seconds, stage[0] ? stage : "starting");
    size_t len;

    if (n < 0)
        return 0;
    len = (size_t)n < buflen ? (size_t)n : buflen - 1;
    /* The stage names paths and servers: keep them from opening perfdata or
     * a line of their own, as report.c does for every other text. */
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char c = (unsigned char)buf[i];

        buf[i] = c == '|' ? '/' : (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    return len;
}
