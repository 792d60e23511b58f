#define _POSIX_C_SOURCE 200809L
#include "os.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "os_common.h"

/* The handler may fire while os_stage is rewriting the stage, so the stage
 * lives in two buffers and the handler reads the one last completed. */
static char stage_buf[2][256];
static volatile sig_atomic_t stage_cur;
static volatile sig_atomic_t cancelled;
static unsigned timeout_seconds;

static void on_alarm(int sig)
{
    char msg[OS_MSG_MAX];
    size_t len;
    ssize_t w;

    (void)sig;
    if (cancelled)
        return;
    len = os_common_timeout_message(msg, sizeof msg, timeout_seconds, stage_buf[stage_cur]);
    w = write(STDOUT_FILENO, msg, len);
    (void)w;
    _exit(3);
}

void os_timeout_start(unsigned seconds)
{
    struct sigaction sa;

    timeout_seconds = seconds;
    cancelled = 0;
    if (seconds == 0)
        return;
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
    int next = !stage_cur;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(stage_buf[next], sizeof stage_buf[next], fmt, ap);
    va_end(ap);
    stage_cur = next;
}

void os_stdout_binary(void)
{
}
