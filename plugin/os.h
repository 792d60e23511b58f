/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_OS_H
#define CDS_OS_H

/* The few things that differ between POSIX and Windows: plugin/os_posix.c and
 * plugin/os_win.c; CMake picks one. */

#include <stddef.h>

/* Arms a watchdog: after seconds the process prints
 * "<prefix> UNKNOWN - timed out after N s while <stage>." and exits 3,
 * whatever the thread that is blocked is doing. Called again, it re-arms
 * the watchdog to fire seconds from now; seconds 0 disarms it. prefix must
 * outlive the watchdog (a string literal). */
void os_timeout_start(const char *prefix, unsigned seconds);

/* Disarms the watchdog once the result is known, so it cannot cut into the
 * output being printed. */
void os_timeout_cancel(void);

/* Names what the plugin is doing now, for the timeout message
 * ("reading /var/lib/dhcp/dhcpd.leases"). printf-style. */
void os_stage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Sets stdout to binary mode (Windows: no "\r\n" translation). */
void os_stdout_binary(void);

/* The name of the program process pid runs ("dhcpd"; on Windows without
 * ".exe") into buf: 0; OS_NO_PROCESS when there is no such process;
 * OS_NAME_UNKNOWN when it exists but its name cannot be read here. */
#define OS_NO_PROCESS (-1)
#define OS_NAME_UNKNOWN (-2)
int os_process_name(long pid, char *buf, size_t len);

/* Path syntax: whether c separates folders ('/'; also '\\' on Windows), and
 * whether a path is absolute (also "C:..." and "\\..." on Windows). */
int os_path_is_separator(char c);
int os_path_is_absolute(const char *path);

/* The source used without --source: "mswin" on Windows, "isc" elsewhere. */
const char *os_default_source(void);

#endif
