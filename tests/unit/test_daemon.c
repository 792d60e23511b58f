/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"
#include "source.h"
#include "unit_main.h"

static char dir[] = "/tmp/cds-daemon-XXXXXX";
static char pidfile[128];

static void setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(pidfile, sizeof pidfile, "%s/d.pid", dir);
}

static void teardown(void)
{
    remove(pidfile);
    rmdir(dir);
    strcpy(dir, "/tmp/cds-daemon-XXXXXX");
}

static void write_pidfile(const char *text)
{
    FILE *f = fopen(pidfile, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static const char *const test_names[] = { "test_daemon", NULL };
static const char *const other_names[] = { "dhcpd", NULL };

START_TEST(test_running)
{
    char err[256] = "", text[32];

    snprintf(text, sizeof text, "%ld\n", (long)getpid());
    write_pidfile(text);
    ck_assert_msg(daemon_check(pidfile, "test", test_names, err, sizeof err) == 0, "%s", err);
}
END_TEST

START_TEST(test_down)
{
    char err[512] = "", text[32], expect[512];
    pid_t child;

    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
    snprintf(expect, sizeof expect, "dhcpd is not running (no pid file %s)", pidfile);
    ck_assert_str_eq(err, expect);

    /* Another program under the pid: dhcpd died and the pid was reused. */
    snprintf(text, sizeof text, "%ld\n", (long)getpid());
    write_pidfile(text);
    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
    snprintf(expect, sizeof expect, "dhcpd is not running (its pid file %s names process %ld, which is test_daemon)",
             pidfile, (long)getpid());
    ck_assert_str_eq(err, expect);

    /* A process that has ended. */
    child = fork();
    if (child == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(child, NULL, 0), child);
    snprintf(text, sizeof text, "%ld", (long)child);
    write_pidfile(text);
    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
    snprintf(expect, sizeof expect, "dhcpd is not running (its pid file %s names process %ld, which does not exist)",
             pidfile, (long)child);
    ck_assert_str_eq(err, expect);

    /* No process id in it. */
    write_pidfile("");
    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
    ck_assert_ptr_nonnull(strstr(err, "holds no process id"));
    write_pidfile("12ab\n");
    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
    write_pidfile("0\n");
    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
    write_pidfile("99999999999\n");
    ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_DOWN);
}
END_TEST

/* Misuse is not "down": the sentence says what to fix. */
START_TEST(test_unreadable)
{
    char err[512] = "";

    ck_assert_int_eq(daemon_check(dir, "dhcpd", other_names, err, sizeof err), SOURCE_ERROR);
    ck_assert_ptr_nonnull(strstr(err, "it is a directory"));
    ck_assert_ptr_nonnull(strstr(err, "--no-pidfile"));
    if (geteuid() != 0) {
        write_pidfile("1\n");
        chmod(pidfile, 0);
        ck_assert_int_eq(daemon_check(pidfile, "dhcpd", other_names, err, sizeof err), SOURCE_ERROR);
        ck_assert_ptr_nonnull(strstr(err, "Permission denied"));
    }
}
END_TEST

static Suite *daemon_suite(void)
{
    Suite *s = suite_create("daemon");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_running);
    tcase_add_test(tc, test_down);
    tcase_add_test(tc, test_unreadable);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(daemon_suite)
