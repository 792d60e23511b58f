#define _POSIX_C_SOURCE 200809L
#include "os.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
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
