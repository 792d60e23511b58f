/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "os.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "os_common.h"

/* The handler may fire while os_stage is rewriting the message, so the
 * message lives in two buffers and the handler writes the one last completed.
 * It is formatted ahead, in os_stage, because snprintf is not async-signal-safe. */
static char stage_text[256];
static char msg_buf[2][OS_MSG_MAX];
static size_t msg_len[2];
static volatile sig_atomic_t msg_cur;
static volatile sig_atomic_t cancelled;
static unsigned timeout_seconds;
static const char *timeout_prefix = "";

static void on_alarm(int sig)
{
    int cur = msg_cur;
    ssize_t w;

    (void)sig;
    if (cancelled)
        return;
    w = write(STDOUT_FILENO, msg_buf[cur], msg_len[cur]);
    (void)w;
    _exit(3);
}

static void prepare_message(void)
{
    int next = !msg_cur;

    msg_len[next] = os_common_timeout_message(msg_buf[next], sizeof msg_buf[next], timeout_prefix,
                                              timeout_seconds, stage_text);
    msg_cur = next;
}

void os_timeout_start(const char *prefix, unsigned seconds)
{
    struct sigaction sa;

    if (seconds == 0) {
        os_timeout_cancel();
        return;
    }
    timeout_prefix = prefix ? prefix : "";
    timeout_seconds = seconds;
    cancelled = 0;
    prepare_message();
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    alarm(seconds);
}

void os_timeout_cancel(void)
{
    cancelled = 1;
    alarm(0);
}

void os_stage(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(stage_text, sizeof stage_text, fmt, ap);
    va_end(ap);
    prepare_message();
}

void os_stdout_binary(void)
{
}

const char *os_default_source(void)
{
    return "isc";
}

/* Linux names a process in /proc/PID/comm (at most 15 bytes of it); other
 * systems only tell whether it exists. */
int os_process_name(long pid, char *buf, size_t len)
{
    char path[64];
    FILE *f;
    size_t n;

    if (len == 0 || pid <= 0 || (long)(pid_t)pid != pid)
        return OS_NO_PROCESS;
    buf[0] = '\0';
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    f = fopen(path, "r");
    if (f) {
        n = fread(buf, 1, len - 1, f);
        fclose(f);
        buf[n] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        return buf[0] ? 0 : OS_NAME_UNKNOWN;
    }
    if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
        return OS_NAME_UNKNOWN;
    return OS_NO_PROCESS;
}

int os_path_is_separator(char c)
{
    return c == '/';
}

int os_path_is_absolute(const char *path)
{
    return path[0] == '/';
}
