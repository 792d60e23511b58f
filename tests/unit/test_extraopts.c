/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extraopts.h"
#include "options.h"
#include "unit_main.h"

static int parse(const char *text, const char *section, extraopts_list_t *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof *l);
    return extraopts_parse(text, strlen(text), section, "t.ini", l, err, errlen);
}

START_TEST(test_forms)
{
    static const char text[] =
        "# comment\n"
        "; another comment\n"
        "[other]\n"
        "scope=192.168.0.0\n"
        "\n"
        "[check_dhcp_scope]\n"
        "url=https://kea.example:8000/\n"
        "  credentials = /etc/nagios/kea pass  \n"
        "s=10.0.1.0\n"
        "scope = 10.0.2.0/24\n"
        "verbose\n"
        "ignore-failover=\n"
        "warning=@0:5#not a comment\n"
        "[ check_dhcp_scope ]\r\n"
        "critical=5\r\n";
    extraopts_list_t l;
    char err[256] = "";

    ck_assert_int_eq(parse(text, "check_dhcp_scope", &l, err, sizeof err), 1);
    ck_assert_uint_eq(l.n, 8);
    ck_assert_str_eq(l.v[0].key, "url");
    ck_assert_str_eq(l.v[0].value, "https://kea.example:8000/");
    ck_assert_uint_eq(l.v[0].line, 7);
    ck_assert_str_eq(l.v[1].key, "credentials");
    ck_assert_str_eq(l.v[1].value, "/etc/nagios/kea pass");
    ck_assert_str_eq(l.v[2].key, "s");
    ck_assert_str_eq(l.v[2].value, "10.0.1.0");
    ck_assert_str_eq(l.v[3].value, "10.0.2.0/24");
    ck_assert_str_eq(l.v[4].key, "verbose");
    ck_assert_ptr_null(l.v[4].value);
    ck_assert_str_eq(l.v[5].key, "ignore-failover");
    ck_assert_ptr_null(l.v[5].value);
    ck_assert_str_eq(l.v[6].value, "@0:5#not a comment");
    ck_assert_str_eq(l.v[7].key, "critical");
    ck_assert_str_eq(l.v[7].value, "5");
    ck_assert_uint_eq(l.v[7].line, 15);
    extraopts_list_free(&l);

    ck_assert_int_eq(parse(text, "other", &l, err, sizeof err), 1);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_str_eq(l.v[0].value, "192.168.0.0");
    extraopts_list_free(&l);

    ck_assert_int_eq(parse(text, "missing", &l, err, sizeof err), 0);
    ck_assert_uint_eq(l.n, 0);
    extraopts_list_free(&l);
}
END_TEST

START_TEST(test_bom_and_empty_section)
{
    extraopts_list_t l;
    char err[256] = "";

    ck_assert_int_eq(parse("\xEF\xBB\xBF[a]\nx=1\n[b]\n", "a", &l, err, sizeof err), 1);
    ck_assert_uint_eq(l.n, 1);
    extraopts_list_free(&l);
    ck_assert_int_eq(parse("[a]\nx=1\n[b]\n", "b", &l, err, sizeof err), 1);
    ck_assert_uint_eq(l.n, 0);
    extraopts_list_free(&l);
    ck_assert_int_eq(parse("", "b", &l, err, sizeof err), 0);
    extraopts_list_free(&l);
}
END_TEST

struct bad_case {
    const char *text;
    const char *needle;
};

static const struct bad_case bad_cases[] = {
    { "scope=1\n[check_dhcp_scope]\n", "t.ini:1: 'scope' comes before any [section]" },
    { "[check_dhcp_scope\n", "t.ini:1: a section header must end with ']'" },
    { "[a]\n\n = 5\n", "t.ini:3: a line starts with '='" },
    { "[a]\n--scope=5\n", "t.ini:2: '--scope' is not an option name" },
    { "[a]\nmy scope=5\n", "t.ini:2: 'my scope' is not an option name" },
    /* A syntax error in another section still fails the whole file. */
    { "[other]\nbad key\n[check_dhcp_scope]\nscope=1\n",
      "t.ini:2: 'bad key' is not an option name (write it without dashes, e.g. scope=10.0.1.0)" },
};

START_TEST(test_bad)
{
    const struct bad_case *c = &bad_cases[_i];
    extraopts_list_t l;
    char err[256] = "";

    ck_assert_int_eq(parse(c->text, "check_dhcp_scope", &l, err, sizeof err), -1);
    ck_assert_msg(strstr(err, c->needle) != NULL, "case %d: '%s' lacks '%s'", _i, err, c->needle);
    extraopts_list_free(&l);
}
END_TEST

START_TEST(test_nul)
{
    static const char text[] = "[a]\nx=1\0\n";
    extraopts_list_t l = { 0 };
    char err[256] = "";

    ck_assert_int_eq(extraopts_parse(text, sizeof text - 1, "a", "t.ini", &l, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "t.ini:2: the line holds a NUL byte"));
    extraopts_list_free(&l);
}
END_TEST

/* The adapter, on a real file: the options land where --extra-opts stood and
 * go through the real option parser. */
static char ini_path[64];

static void write_ini(const char *text)
{
    int fd;
    FILE *f;

    snprintf(ini_path, sizeof ini_path, "/tmp/cds-extraopts-XXXXXX");
    fd = mkstemp(ini_path);
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(test_expand)
{
    char arg[128], err[256] = "";
    char *argv[] = { "check_dhcp_scope", "-s", "10.0.0.0", arg, "-w", "30", "--", NULL };
    char **out;
    int n;
    options_t o;

    write_ini("[check_dhcp_scope]\ns=10.0.1.0\nscope=10.0.2.0\nwarning=40\nv\nverbose\n"
              "[kea]\nsource=kea\nurl=http://127.0.0.1:8000/\ncredentials=/x\n");
    snprintf(arg, sizeof arg, "--extra-opts=@%s", ini_path);
    ck_assert_int_eq(extraopts_expand(7, argv, options_takes_value, &n, &out, err, sizeof err), 0);
    ck_assert_int_eq(n, 12);
    ck_assert_str_eq(out[0], "check_dhcp_scope");
    ck_assert_str_eq(out[3], "-s");
    ck_assert_str_eq(out[4], "10.0.1.0");
    ck_assert_str_eq(out[5], "--scope=10.0.2.0");
    ck_assert_str_eq(out[6], "--warning=40");
    ck_assert_str_eq(out[7], "-v");
    ck_assert_str_eq(out[8], "--verbose");
    ck_assert_str_eq(out[9], "-w");
    ck_assert_str_eq(out[11], "--");
    ck_assert_ptr_null(out[12]);
    ck_assert_int_eq(options_parse(&o, n, out, err, sizeof err), 0);
    ck_assert_uint_eq(o.nscopes, 3);
    ck_assert_str_eq(o.scopes[0], "10.0.0.0");
    ck_assert_str_eq(o.scopes[2], "10.0.2.0");
    ck_assert_int_eq(o.verbose, 2);
    /* -w 30 after --extra-opts wins over warning=40. */
    ck_assert(range_alerts(&o.warn_pct, 29) && !range_alerts(&o.warn_pct, 30));
    options_free(&o);
    extraopts_argv_free(n, out);

    snprintf(arg, sizeof arg, "--extra-opts=kea@%s", ini_path);
    ck_assert_int_eq(extraopts_expand(4, argv, options_takes_value, &n, &out, err, sizeof err), 0);
    ck_assert_int_eq(n, 6);
    ck_assert_str_eq(out[3], "--source=kea");
    ck_assert_str_eq(out[5], "--credentials=/x");
    extraopts_argv_free(n, out);

    /* The default file comes from $MP_CONFIG_FILE; after "--" nothing expands. */
    setenv("MP_CONFIG_FILE", ini_path, 1);
    {
        char *a2[] = { "check_dhcp_scope", "--extra-opts", "--", "--extra-opts", NULL };

        ck_assert_int_eq(extraopts_expand(4, a2, options_takes_value, &n, &out, err, sizeof err), 0);
        ck_assert_int_eq(n, 9);
        ck_assert_str_eq(out[1], "-s");
        ck_assert_str_eq(out[8], "--extra-opts");
        extraopts_argv_free(n, out);
    }
    unsetenv("MP_CONFIG_FILE");
    unlink(ini_path);
}
END_TEST

struct expand_bad {
    const char *ini;       /* NULL: no file at all */
    const char *locator;   /* after "--extra-opts="; the ini file's path follows when ini is set */
    const char *needle;
};

static const struct expand_bad expand_bad_cases[] = {
    { NULL, "@/nonexistent/cds.ini", "--extra-opts: cannot open /nonexistent/cds.ini: No such file" },
    { "[check_dhcp_scope]\ns=1\n", "kea@", "section [kea] not found in /tmp/cds-extraopts-" },
    { "[check_dhcp_scope]\nbogus=1\n", "@", ":2: unknown option 'bogus' in [check_dhcp_scope]" },
    { "[check_dhcp_scope]\n\nscope\n", "@", ":3: option 'scope' needs a value" },
    { "[check_dhcp_scope]\nignore-failover=yes\n", "@", ":2: option 'ignore-failover' takes no value" },
    { "[check_dhcp_scope]\nextra-opts=x\n", "@", ":2: extra-opts cannot be used inside" },
    { "[check_dhcp_scope\n", "@", ":1: a section header must end with ']'" },
    { NULL, "x@", "no file name after '@'" },
};

START_TEST(test_expand_bad)
{
    const struct expand_bad *c = &expand_bad_cases[_i];
    char arg[160], err[256] = "";
    char *argv[] = { "check_dhcp_scope", arg, NULL };
    char **out = (char **)1;
    int n = -1;

    if (c->ini) {
        write_ini(c->ini);
        snprintf(arg, sizeof arg, "--extra-opts=%s%s", c->locator, ini_path);
    } else {
        snprintf(arg, sizeof arg, "--extra-opts=%s", c->locator);
    }
    ck_assert_int_eq(extraopts_expand(2, argv, options_takes_value, &n, &out, err, sizeof err), -1);
    ck_assert_msg(strstr(err, c->needle) != NULL, "case %d: '%s' lacks '%s'", _i, err, c->needle);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(n, 0);
    if (c->ini)
        unlink(ini_path);
}
END_TEST

START_TEST(test_takes_value)
{
    ck_assert_int_eq(options_takes_value("scope"), 1);
    ck_assert_int_eq(options_takes_value("s"), 1);
    ck_assert_int_eq(options_takes_value("verbose"), 0);
    ck_assert_int_eq(options_takes_value("v"), 0);
    ck_assert_int_eq(options_takes_value("credentials"), 1);
    ck_assert_int_eq(options_takes_value("server-share"), 0);
    ck_assert_int_eq(options_takes_value("q"), -1);
    ck_assert_int_eq(options_takes_value("scop"), -1);
    ck_assert_int_eq(options_takes_value(""), -1);
}
END_TEST

static Suite *extraopts_suite(void)
{
    Suite *s = suite_create("extraopts");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_forms);
    tcase_add_test(tc, test_bom_and_empty_section);
    tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    tcase_add_test(tc, test_nul);
    tcase_add_test(tc, test_expand);
    tcase_add_loop_test(tc, test_expand_bad, 0,
                        (int)(sizeof expand_bad_cases / sizeof expand_bad_cases[0]));
    tcase_add_test(tc, test_takes_value);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(extraopts_suite)
