#include <check.h>
#include <string.h>

#include "options.h"
#include "unit_main.h"

#define ARGV(...) ((char *[]){ "check_dhcp_scope", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "check_dhcp_scope", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(o, err, ...) options_parse(o, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), err, sizeof err)

START_TEST(test_defaults)
{
    options_t o;
    char err[256] = "";
    char *argv[] = { "check_dhcp_scope", NULL };

    ck_assert_int_eq(options_parse(&o, 1, argv, err, sizeof err), 0);
    ck_assert_int_eq(o.action, OPTIONS_RUN);
    ck_assert_int_eq(o.source, SOURCE_ISC);
    ck_assert(o.has_warn_pct && o.has_crit_pct);
    ck_assert(!o.has_warn_count && !o.has_crit_count);
    ck_assert(range_alerts(&o.warn_pct, 19.9) && !range_alerts(&o.warn_pct, 20));
    ck_assert(range_alerts(&o.crit_pct, 9.9) && !range_alerts(&o.crit_pct, 10));
    ck_assert_uint_eq(o.timeout, 10);
    ck_assert_uint_eq(o.max_output, 8192);
    ck_assert_str_eq(o.isc_config, "/etc/dhcp/dhcpd.conf");
    ck_assert_str_eq(o.isc_leases, "/var/lib/dhcp/dhcpd.leases");
    options_free(&o);
}
END_TEST

START_TEST(test_forms)
{
    options_t o;
    char err[256] = "";

    ck_assert_int_eq(PARSE(&o, err, "-w", "30", "-c5", "--scope=10.0.1.0", "-s", "10.0.2.0/24",
                           "-x", "lab", "--min-size", "16", "-t", "30", "-vvv", "--source", "kea",
                           "--socket", "/run/kea.sock", "--ignore-failover", "--max-output=1024"), 0);
    ck_assert(range_alerts(&o.warn_pct, 29) && !range_alerts(&o.warn_pct, 30));
    ck_assert(range_alerts(&o.crit_pct, 4) && !range_alerts(&o.crit_pct, 5));
    ck_assert_uint_eq(o.nscopes, 2);
    ck_assert_str_eq(o.scopes[0], "10.0.1.0");
    ck_assert_str_eq(o.scopes[1], "10.0.2.0/24");
    ck_assert_uint_eq(o.nexcludes, 1);
    ck_assert_str_eq(o.excludes[0], "lab");
    ck_assert_uint_eq(o.min_size, 16);
    ck_assert_uint_eq(o.timeout, 30);
    ck_assert_int_eq(o.verbose, 3);
    ck_assert_int_eq(o.source, SOURCE_KEA);
    ck_assert_str_eq(o.kea_socket, "/run/kea.sock");
    ck_assert(o.ignore_failover);
    ck_assert_uint_eq(o.max_output, 1024);
    options_free(&o);
}
END_TEST

/* Setting only count thresholds must not bring back the percentage defaults. */
START_TEST(test_count_only)
{
    options_t o;
    char err[256] = "";

    ck_assert_int_eq(PARSE(&o, err, "-W", "50", "-C", "@0:10"), 0);
    ck_assert(!o.has_warn_pct && !o.has_crit_pct);
    ck_assert(o.has_warn_count && o.has_crit_count);
    ck_assert(range_alerts(&o.warn_count, 49) && !range_alerts(&o.warn_count, 50));
    ck_assert(range_alerts(&o.crit_count, 10) && !range_alerts(&o.crit_count, 11));
    options_free(&o);
}
END_TEST

START_TEST(test_help_version)
{
    options_t o;
    char err[256] = "";
    char *help;

    ck_assert_int_eq(PARSE(&o, err, "-V"), 0);
    ck_assert_int_eq(o.action, OPTIONS_VERSION);
    options_free(&o);
    ck_assert_int_eq(PARSE(&o, err, "-V", "--help"), 0);
    ck_assert_int_eq(o.action, OPTIONS_HELP);
    options_free(&o);
    help = options_help();
    ck_assert_ptr_nonnull(help);
    ck_assert_ptr_nonnull(strstr(help, "--warning"));
    ck_assert_ptr_nonnull(strstr(help, "--max-output"));
    ck_assert_ptr_nonnull(strstr(help, "reserve"));
    free(help);
    ck_assert_ptr_nonnull(strstr(options_version(), "check_dhcp_scope "));
}
END_TEST

struct bad_case {
    const char *args[4];
    const char *needle;
};

static const struct bad_case bad_cases[] = {
    { { "-w", "abc" }, "-w: invalid threshold range 'abc'" },
    { { "--critical=10abc" }, "--critical: invalid threshold range '10abc'" },
    { { "-w", "1,5" }, "'1,5'" },
    { { "-W", "20:10" }, "start is greater" },
    { { "-w" }, "option '-w' needs a value" },
    { { "--scope" }, "option '--scope' needs a value" },
    { { "--bogus" }, "unknown option '--bogus'" },
    { { "-q" }, "unknown option '-q'" },
    { { "stray" }, "unexpected argument 'stray'" },
    { { "-t", "0" }, "not a number of seconds" },
    { { "-t", "-5" }, "not a number of seconds" },
    { { "-t", "10s" }, "not a number of seconds" },
    { { "-t", "99999999999999999999999" }, "not a number of seconds" },
    { { "--min-size", "x" }, "not a whole number" },
    { { "--max-output", "50" }, "at least 128" },
    { { "--source", "dhcpv6" }, "not a known source" },
    { { "--help=yes" }, "takes no value" },
    { { "-s", "" }, "needs a scope" },
    { { "-H", "" }, "needs a server" },
    { { "--", "extra" }, "unexpected argument 'extra'" },
};

START_TEST(test_bad)
{
    const struct bad_case *c = &bad_cases[_i];
    char *argv[6] = { "check_dhcp_scope" };
    int argc = 1;
    options_t o;
    char err[256] = "";

    for (int i = 0; i < 4 && c->args[i]; i++)
        argv[argc++] = (char *)c->args[i];
    ck_assert_int_eq(options_parse(&o, argc, argv, err, sizeof err), -1);
    ck_assert_msg(strstr(err, c->needle) != NULL, "case %d: '%s' lacks '%s'", _i, err, c->needle);
    options_free(&o);
}
END_TEST

static Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_forms);
    tcase_add_test(tc, test_count_only);
    tcase_add_test(tc, test_help_version);
    tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(options_suite)
