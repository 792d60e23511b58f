#include "os_common.h"

#include <stdio.h>

#include "report.h"

size_t os_common_timeout_message(char *buf, size_t buflen, unsigned seconds, const char *stage)
{
    int n = snprintf(buf, buflen, REPORT_PREFIX " UNKNOWN - timed out after %u s while %s.\n",
                     seconds, stage[0] ? stage : "starting");

    if (n < 0)
        return 0;
    return (size_t)n < buflen ? (size_t)n : buflen - 1;
}
