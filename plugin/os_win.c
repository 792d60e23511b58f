/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "os.h"

#include <fcntl.h>
#include <io.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "os_common.h"

/* A watchdog thread, not a timer callback: a blocked RPC call in the main
 * thread must not be able to delay it. TerminateProcess, not ExitProcess:
 * ExitProcess waits for the loader lock a hung DLL may hold. One thread
 * serves every arming: it sleeps toward the current deadline in short steps,
 * so a re-arm takes effect at once. A cancel wakes it and waits for it to
 * end, so the process never exits with it inside a system call (Wine then
 * writes "wine client error" to stderr now and then). */
static char stage_buf[2][256];
static volatile LONG stage_cur;
static volatile LONG watchdog_state; /* 0 armed, 1 cancelled, 2 fired */
static volatile LONG64 deadline_ms;  /* GetTickCount64() at which it fires */
static volatile LONG timeout_seconds;
static const char *volatile timeout_prefix = "";
static HANDLE watchdog_thread;
static HANDLE watchdog_wake;         /* set by a cancel: stop sleeping */

static DWORD WINAPI watchdog(LPVOID arg)
{
    char msg[OS_MSG_MAX];
    size_t len;
    DWORD written;

    (void)arg;
    for (;;) {
        LONG64 now = (LONG64)GetTickCount64();
        LONG64 due = InterlockedCompareExchange64(&deadline_ms, 0, 0);
        DWORD step;

        if (watchdog_state != 0)
            return 0;
        if (now >= due)
            break;
        step = due - now < 100 ? (DWORD)(due - now) : 100u;
        if (watchdog_wake)
            WaitForSingleObject(watchdog_wake, step);
        else
            Sleep(step);
    }
    if (InterlockedCompareExchange(&watchdog_state, 2, 0) != 0)
        return 0;
    len = os_common_timeout_message(msg, sizeof msg, timeout_prefix, (unsigned)timeout_seconds,
                                    stage_buf[stage_cur]);
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), msg, (DWORD)len, &written, NULL);
    TerminateProcess(GetCurrentProcess(), 3);
    return 0;
}

/* Ends a cancelled watchdog's thread and waits for it. */
static void watchdog_join(void)
{
    if (!watchdog_thread)
        return;
    SetEvent(watchdog_wake);
    WaitForSingleObject(watchdog_thread, INFINITE);
    CloseHandle(watchdog_thread);
    watchdog_thread = NULL;
}

void os_timeout_start(const char *prefix, unsigned seconds)
{
    if (seconds == 0) {
        os_timeout_cancel();
        return;
    }
    timeout_prefix = prefix ? prefix : "";
    InterlockedExchange(&timeout_seconds, (LONG)seconds);
    InterlockedExchange64(&deadline_ms, (LONG64)GetTickCount64() + (LONG64)seconds * 1000);
    /* A disarmed watchdog's thread has ended or is ending: start a new one. */
    if (InterlockedCompareExchange(&watchdog_state, 1, 1) == 1)
        watchdog_join();
    if (!watchdog_wake)
        watchdog_wake = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!watchdog_thread) {
        ResetEvent(watchdog_wake);
        watchdog_state = 0;
        watchdog_thread = CreateThread(NULL, 0, watchdog, NULL, 0, NULL);
    }
}

void os_timeout_cancel(void)
{
    /* When the watchdog already fired, it owns the exit: wait for it. */
    if (InterlockedCompareExchange(&watchdog_state, 1, 0) == 2)
        Sleep(INFINITE);
    watchdog_join();
}

void os_stage(const char *fmt, ...)
{
    LONG next = !stage_cur;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(stage_buf[next], sizeof stage_buf[next], fmt, ap);
    va_end(ap);
    InterlockedExchange(&stage_cur, next);
}

void os_stdout_binary(void)
{
    _setmode(_fileno(stdout), _O_BINARY);
}

const char *os_default_source(void)
{
    return "mswin";
}

int os_process_name(long pid, char *buf, size_t len)
{
    WCHAR path[MAX_PATH];
    DWORD n = MAX_PATH, code = 0;
    HANDLE h;
    const WCHAR *base;
    int ok;

    if (len == 0 || pid <= 0)
        return OS_NO_PROCESS;
    buf[0] = '\0';
    h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
    if (!h)
        return GetLastError() == ERROR_INVALID_PARAMETER ? OS_NO_PROCESS : OS_NAME_UNKNOWN;
    /* A handle to a process that has ended stays valid: ask whether it runs. */
    if (GetExitCodeProcess(h, &code) && code != STILL_ACTIVE) {
        CloseHandle(h);
        return OS_NO_PROCESS;
    }
    ok = QueryFullProcessImageNameW(h, 0, path, &n);
    CloseHandle(h);
    if (!ok)
        return OS_NAME_UNKNOWN;
    base = wcsrchr(path, L'\\');
    base = base ? base + 1 : path;
    if (WideCharToMultiByte(CP_UTF8, 0, base, -1, buf, (int)len, NULL, NULL) <= 0)
        return OS_NAME_UNKNOWN;
    n = (DWORD)strlen(buf);
    if (n > 4 && _stricmp(buf + n - 4, ".exe") == 0)
        buf[n - 4] = '\0';
    return 0;
}

int os_path_is_separator(char c)
{
    return c == '/' || c == '\\';
}

int os_path_is_absolute(const char *path)
{
    return path[0] == '/' || path[0] == '\\' || (path[0] && path[1] == ':');
}
