/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <string.h>

#include "msrpc_creds.h"
#include "unit_main.h"

static int parse(const char *text, msrpc_creds_t *c, char *err, size_t errlen)
{
    return msrpc_creds_parse(text, strlen(text), "/etc/x.cred", c, err, errlen);
}

START_TEST(test_smbclient_format)
{
    msrpc_creds_t c;
    char err[256];

    ck_assert_int_eq(parse("username = monitor\npassword = s3cret pass \ndomain = CORP\n", &c, err, sizeof err), 0);
    ck_assert_str_eq(c.username, "monitor");
    ck_assert_str_eq(c.password, "s3cret pass "); /* blanks after the value stay, as with smbclient */
    ck_assert_str_eq(c.domain, "CORP");
    ck_assert_ptr_null(c.realm);
    msrpc_creds_free(&c);
    ck_assert_int_eq(parse("# c\r\nUserName=CORP\\\\mon\r\n\tPassword =\r\nrealm = R.EXAMPLE\r\ndomain =\r\n",
                           &c, err, sizeof err), 0);
    ck_assert_str_eq(c.username, "CORP\\\\mon");
    ck_assert_str_eq(c.password, "");
    ck_assert_str_eq(c.realm, "R.EXAMPLE");
    ck_assert_ptr_null(c.domain);
    msrpc_creds_free(&c);
    ck_assert_int_eq(parse("username = a\nusername = b\npassword = x=y\n", &c, err, sizeof err), 0);
    ck_assert_str_eq(c.username, "b");
    ck_assert_str_eq(c.password, "x=y");
    msrpc_creds_free(&c);
}
END_TEST

START_TEST(test_errors_name_the_line)
{
    msrpc_creds_t c;
    char err[256];

    ck_assert_int_eq(parse("username = a\npasword = x\n", &c, err, sizeof err), -1);
    ck_assert_str_eq(err, "/etc/x.cred line 2 sets 'pasword': a credentials file has only username, password, "
                          "domain and realm");
    ck_assert_int_eq(parse("username a\n", &c, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "/etc/x.cred line 1 is not 'name = value'"));
    ck_assert_int_eq(parse("password = x\n", &c, err, sizeof err), -1);
    ck_assert_str_eq(err, "/etc/x.cred has no 'username =' line");
    ck_assert_int_eq(parse("username = x\n", &c, err, sizeof err), -1);
    ck_assert_str_eq(err, "/etc/x.cred has no 'password =' line");
    ck_assert_int_eq(msrpc_creds_parse("username = x\npassword = a\0b\n", 27, "/etc/x.cred", &c, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "line 2 holds a NUL byte"));
    ck_assert_ptr_null(c.username);
}
END_TEST

static Suite *msrpc_creds_suite(void)
{
    Suite *s = suite_create("msrpc_creds");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_smbclient_format);
    tcase_add_test(tc, test_errors_name_the_line);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(msrpc_creds_suite)
