/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_DAEMON_H
#define CDS_DAEMON_H

/* Is the DHCP daemon running? plugin/daemon.c, for the sources that read
 * files a daemon writes (a leases file keeps its last state after the daemon
 * died, so the files alone cannot tell). */

#include <stddef.h>

/* Reads the pid file and looks at the process it names. 0 when it runs a
 * program called one of names (NULL-terminated); SOURCE_DOWN with "dhcpd is
 * not running (no pid file /run/dhcp-server/dhcpd.pid)" and the like, daemon
 * being the name the sentence uses; SOURCE_ERROR when the pid file cannot
 * be read for another reason (permission denied, a directory). */
int daemon_check(const char *pidfile, const char *daemon, const char *const *names, char *err, size_t errlen);

#endif
