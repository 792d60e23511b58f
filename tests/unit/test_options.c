/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isc_source.h"
#include "kea_source.h"
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
    ck_assert_str_eq(o.source->name, "isc");
    ck_assert(o.has_warn_pct && o.has_crit_pct);
    ck_assert(!o.has_warn_count && !o.has_crit_count);
    ck_assert(range_alerts(&o.warn_pct, 19.9) && !range_alerts(&o.warn_pct, 20));
    ck_assert(range_alerts(&o.crit_pct, 9.9) && !range_alerts(&o.crit_pct, 10));
    ck_assert_uint_eq(o.timeout, 10);
    ck_assert_uint_eq(o.max_output, 8192);
    ck_assert_int_eq(o.server_down, STATE_CRITICAL);
    ck_assert_str_eq(((const isc_options_t *)o.source_opts)->config, "/etc/dhcp/dhcpd.conf");
    ck_assert_str_eq(((const isc_options_t *)o.source_opts)->leases, "/var/lib/dhcp/dhcpd.leases");
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
    ck_assert_str_eq(o.source->name, "kea");
    ck_assert_str_eq(((const kea_options_t *)o.source_opts)->socket, "/run/kea.sock");
    ck_assert(o.ignore_failover);
    ck_assert_uint_eq(o.max_output, 1024);
    options_free(&o);
    ck_assert_int_eq(PARSE(&o, err, "--server-down=unknown"), 0);
    ck_assert_int_eq(o.server_down, STATE_UNKNOWN);
    options_free(&o);
}
END_TEST

/* --used: bare numbers are upper bounds, the defaults 80 and 90 used. */
START_TEST(test_used)
{
    options_t o;
    char err[256] = "";

    ck_assert_int_eq(PARSE(&o, err, "-w", "80", "--used", "-c", "90"), 0);
    ck_assert(o.used);
    ck_assert(range_alerts(&o.warn_pct, 80.5) && !range_alerts(&o.warn_pct, 80));
    ck_assert(range_alerts(&o.crit_pct, 91) && !range_alerts(&o.crit_pct, 89));
    options_free(&o);
    ck_assert_int_eq(PARSE(&o, err, "--used"), 0);
    ck_assert(range_alerts(&o.warn_pct, 81) && !range_alerts(&o.warn_pct, 80));
    ck_assert(range_alerts(&o.crit_pct, 91) && !range_alerts(&o.crit_pct, 90));
    options_free(&o);
    /* Equal bounds and ordinary free-space pairs pass the check. */
    ck_assert_int_eq(PARSE(&o, err, "-w", "10", "-c", "10"), 0);
    options_free(&o);
    ck_assert_int_eq(PARSE(&o, err, "-w", "@0:20", "-c", "@0:90"), 0);
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
    const char *args[6];
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
    { { "--server-down", "warning" }, "--server-down 'warning' is neither critical nor unknown" },
    { { "-w", "80", "-c", "90" }, "-w 80 -c 90: critical would fire before warning (below 90 vs below 80 free): "
                                  "these look like used-space thresholds; add --used" },
    { { "-W", "5:", "-C", "50" }, "-W 5: -C 50: critical would fire before warning" },
    { { "--used", "-w", "20", "-c", "10" }, "-w 20 -c 10 with --used: critical would fire before warning (above 10 vs "
                                             "above 20 used): these look like free-space thresholds" },
    { { "--help=yes" }, "takes no value" },
    { { "-s", "" }, "needs a scope" },
    { { "-H", "" }, "needs a server" },
    { { "--socket", "/run/kea.sock" }, "--socket is an option of the kea source, not of isc" },
    { { "--source", "kea", "--config", "x" }, "--config is an option of the isc and dnsmasq sources, not of kea" },
    { { "--include-disabled" }, "--include-disabled is an option of the mswin source, not of isc" },
    { { "--", "extra" }, "unexpected argument 'extra'" },
};

START_TEST(test_bad)
{
    const struct bad_case *c = &bad_cases[_i];
    char *argv[8] = { "check_dhcp_scope" };
    int argc = 1;
    options_t o;
    char err[256] = "";

    for (int i = 0; i < 6 && c->args[i]; i++)
        argv[argc++] = (char *)c->args[i];
    ck_assert_int_eq(options_parse(&o, argc, argv, err, sizeof err), -1);
    ck_assert_msg(strstr(err, c->needle) != NULL, "case %d: '%s' lacks '%s'", _i, err, c->needle);
    options_free(&o);
}
END_TEST

/* The source may come after its options; aliases name the same source. */
START_TEST(test_source_options_in_any_order)
{
    options_t o;
    char err[256] = "";

    ck_assert_int_eq(PARSE(&o, err, "--leases", "/tmp/l", "--source", "dhcpd", "--config=/tmp/c"), 0);
    ck_assert_str_eq(o.source->name, "isc");
    ck_assert_str_eq(((const isc_options_t *)o.source_opts)->config, "/tmp/c");
    ck_assert_str_eq(((const isc_options_t *)o.source_opts)->leases, "/tmp/l");
    options_free(&o);
    ck_assert_int_eq(PARSE(&o, err, "--url", "http://127.0.0.1:8000/", "--source", "kea"), 0);
    ck_assert_str_eq(((const kea_options_t *)o.source_opts)->url, "http://127.0.0.1:8000/");
    ck_assert_ptr_null(((const kea_options_t *)o.source_opts)->socket);
    options_free(&o);
    /* --help needs no valid source options. */
    ck_assert_int_eq(PARSE(&o, err, "--socket", "/x", "--help"), 0);
    ck_assert_int_eq(o.action, OPTIONS_HELP);
    options_free(&o);
}
END_TEST

/* One option name means one thing: every source that has it agrees on
 * whether it takes a value, and no source reuses a common option's name. */
START_TEST(test_option_table_consistent)
{
    options_info_t info[256];
    size_t n = options_list(info, 256);

    ck_assert_uint_lt(n, 256);
    ck_assert_uint_ge(n, 25);
    for (size_t i = 0; i < n; i++) {
        /* --extra-opts is expanded before the parser runs, never passed to it. */
        ck_assert_int_eq(options_takes_value(info[i].long_name),
                         strcmp(info[i].long_name, "extra-opts") == 0 ? -1 : info[i].takes_value);
        if (info[i].short_name) {
            char letter[2] = { info[i].short_name, 0 };

            ck_assert_int_eq(options_takes_value(letter), info[i].takes_value);
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(info[i].long_name, info[j].long_name) == 0)
                ck_assert_msg(info[i].source && info[j].source && info[i].takes_value == info[j].takes_value
                              && info[i].short_name == info[j].short_name,
                              "--%s is declared twice in ways that disagree", info[i].long_name);
            if (info[i].short_name && info[i].short_name == info[j].short_name)
                ck_assert_msg(strcmp(info[i].long_name, info[j].long_name) == 0, "-%c means --%s and --%s",
                              info[i].short_name, info[i].long_name, info[j].long_name);
        }
    }
}
END_TEST

/* --help names every source and every option; --version only the built ones. */
START_TEST(test_help_lists_the_table)
{
    options_info_t info[256];
    size_t n = options_list(info, 256);
    char *help = options_help(), needle[64];

    ck_assert_ptr_nonnull(help);
    for (size_t i = 0; i < n; i++) {
        snprintf(needle, sizeof needle, "--%s", info[i].long_name);
        ck_assert_msg(strstr(help, needle) != NULL, "--help lacks %s", needle);
    }
    for (size_t i = 0; source_table[i]; i++) {
        snprintf(needle, sizeof needle, "\n  %s: ", source_table[i]->name);
        ck_assert_msg(strstr(help, needle) != NULL, "--help lacks the %s source", source_table[i]->name);
        snprintf(needle, sizeof needle, " %s", source_table[i]->name);
        ck_assert_int_eq(strstr(options_version(), needle) != NULL, source_table[i]->missing[0] == '\0');
    }
    free(help);
}
END_TEST

static Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_forms);
    tcase_add_test(tc, test_count_only);
    tcase_add_test(tc, test_used);
    tcase_add_test(tc, test_help_version);
    tcase_add_test(tc, test_source_options_in_any_order);
    tcase_add_test(tc, test_option_table_consistent);
    tcase_add_test(tc, test_help_lists_the_table);
    tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(options_suite)
