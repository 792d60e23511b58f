/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_OS_COMMON_H
#define CDS_OS_COMMON_H

/* What os_posix.c and os_win.c share: the stage text and the timeout message,
 * both prepared ahead so the watchdog only has to write bytes. */

#include <stddef.h>

#define OS_MSG_MAX 512

/* Formats "<prefix> UNKNOWN - timed out after N s while STAGE.\n" into buf,
 * cleaned as all plugin output is (text_clean); returns its length. */
size_t os_common_timeout_message(char *buf, size_t buflen, const char *prefix, unsigned seconds,
                                 const char *stage);

#endif
