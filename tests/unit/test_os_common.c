#include <check.h>
#include <string.h>

#include "os_common.h"
#include "unit_main.h"

START_TEST(test_timeout_message)
{
    char buf[OS_MSG_MAX];
    size_t n = os_common_timeout_message(buf, sizeof buf, 10, "reading /var/lib/dhcp/dhcpd.leases");

    ck_assert_str_eq(buf, "DHCP SCOPE UNKNOWN - timed out after 10 s while reading /var/lib/dhcp/dhcpd.leases.\n");
    ck_assert_uint_eq(n, strlen(buf));
    os_common_timeout_message(buf, sizeof buf, 1, "");
    ck_assert_str_eq(buf, "DHCP SCOPE UNKNOWN - timed out after 1 s while starting.\n");
}
END_TEST

/* The stage names paths and servers: a '|' there would open the perfdata. */
START_TEST(test_timeout_message_cleaned)
{
    char buf[OS_MSG_MAX];

    os_common_timeout_message(buf, sizeof buf, 3, "reading /tmp/x|y\nz");
    ck_assert_str_eq(buf, "DHCP SCOPE UNKNOWN - timed out after 3 s while reading /tmp/x/y z.\n");
}
END_TEST

static Suite *os_common_suite(void)
{
    Suite *s = suite_create("os_common");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_timeout_message);
    tcase_add_test(tc, test_timeout_message_cleaned);
    suite_add_tcase(s, tc);
    return s;
}

CDS_UNIT_MAIN(os_common_suite)
