/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "daemon.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "os.h"
#include "source.h"

/* A pid file holds a decimal number and a newline; anything else is not one. */
static long parse_pid(const char *text)
{
    long pid = 0;
    const char *p = text;

    while (*p == ' ' || *p == '\t')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        pid = pid * 10 + (*p - '0');
        if (pid > 0x7FFFFFFFL)
            return -1;
    }
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return *p || pid == 0 ? -1 : pid;
}

int daemon_check(const char *pidfile, const char *daemon, const char *const *names, char *err, size_t errlen)
{
    char text[64], name[256];
    struct stat st;
    size_t n;
    long pid;
    FILE *f;
    int rc;

    os_stage("reading the pid file %s", pidfile);
    if (stat(pidfile, &st) != 0 && errno == ENOENT) {
        snprintf(err, errlen, "%s is not running (no pid file %s)", daemon, pidfile);
        return SOURCE_DOWN;
    }
    f = fopen(pidfile, "r");
    if (!f || (stat(pidfile, &st) == 0 && S_ISDIR(st.st_mode))) {
        snprintf(err, errlen, "cannot read the pid file %s: %s (give the daemon's pid file with --pidfile, or "
                 "--no-pidfile for copied files)", pidfile, f ? "it is a directory" : strerror(errno));
        if (f)
            fclose(f);
        return SOURCE_ERROR;
    }
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    pid = n < sizeof text - 1 ? parse_pid(text) : -1;
    if (pid < 0) {
        snprintf(err, errlen, "%s is not running (its pid file %s holds no process id)", daemon, pidfile);
        return SOURCE_DOWN;
    }
    rc = os_process_name(pid, name, sizeof name);
    if (rc == OS_NO_PROCESS) {
        snprintf(err, errlen, "%s is not running (its pid file %s names process %ld, which does not exist)", daemon,
                 pidfile, pid);
        return SOURCE_DOWN;
    }
    /* Where the name cannot be read, a live process has to do. */
    if (rc == OS_NAME_UNKNOWN)
        return 0;
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return 0;
    snprintf(err, errlen, "%s is not running (its pid file %s names process %ld, which is %.60s)", daemon, pidfile,
             pid, name);
    return SOURCE_DOWN;
}
