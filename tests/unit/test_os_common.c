/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os.h"
#include "os_common.h"
#include "unit_main.h"

START_TEST(test_timeout_message)
{
    char buf[OS_MSG_MAX];
    size_t n = os_common_timeout_message(buf, sizeof buf, "DHCP SCOPE", 10, "reading /var/lib/dhcp/dhcpd.leases");

    ck_assert_str_eq(buf, "DHCP SCOPE UNKNOWN - timed out after 10 s while reading /var/lib/dhcp/dhcpd.leases.\n");
    ck_assert_uint_eq(n, strlen(buf));
    os_common_timeout_message(buf, sizeof buf, "DHCP SCOPE", 1, "");
    ck_assert_str_eq(buf, "DHCP SCOPE UNKNOWN - timed out after 1 s while starting.\n");
    /* The prefix is the caller's. */
    os_common_timeout_message(buf, sizeof buf, "X", 2, "y");
    ck_assert_str_eq(buf, "X UNKNOWN - timed out after 2 s while y.\n");
}
END_TEST

/* The stage names paths and servers: a '|' there would open the perfdata. */
START_TEST(test_timeout_message_cleaned)
{
    char buf[OS_MSG_MAX];

    os_common_timeout_message(buf, sizeof buf, "DHCP SCOPE", 3, "reading /tmp/x|y\nz");
    ck_assert_str_eq(buf, "DHCP SCOPE UNKNOWN - timed out after 3 s while reading /tmp/x/y z.\n");
}
END_TEST

/* Runs fn in a child with stdout on a pipe: its exit status and output. */
static int in_child(void (*fn)(void), char *out, size_t outlen)
{
    int fds[2], status = 0;
    ssize_t n, got = 0;
    pid_t pid;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        fn();
        _exit(0);
    }
    close(fds[1]);
    while ((n = read(fds[0], out + got, outlen - 1 - (size_t)got)) > 0)
        got += n;
    out[got] = '\0';
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void arm_and_hang(void)
{
    os_stage("waiting for %s", "nothing");
    os_timeout_start("T", 1);
    sleep(5);
}

static void arm_then_disarm(void)
{
    os_timeout_start("T", 1);
    os_timeout_start("T", 0);
    sleep(2);
}

START_TEST(test_watchdog_fires_and_zero_disarms)
{
    char out[OS_MSG_MAX];

    ck_assert_int_eq(in_child(arm_and_hang, out, sizeof out), 3);
    ck_assert_str_eq(out, "T UNKNOWN - timed out after 1 s while waiting for nothing.\n");
    /* os_timeout_start(0) disarms, as os.h promises. */
    ck_assert_int_eq(in_child(arm_then_disarm, out, sizeof out), 0);
    ck_assert_str_eq(out, "");
}
END_TEST

static Suite *os_common_suite(void)
{
    Suite *s = suite_create("os_common");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_timeout_message);
    tcase_add_test(tc, test_timeout_message_cleaned);
    tcase_add_test(tc, test_watchdog_fires_and_zero_disarms);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(os_common_suite)
