#include <stddef.h>

#include "mswin_source.h"

static const source_option_t mswin_option_table[] = {
    { 'H', "hostname", "SERVER", "DHCP server name or address (default: this server)", SOPT_STRING,
      offsetof(mswin_options_t, hostname), "a server name or address", 0 },
    { 0, "include-disabled", NULL, "also check disabled scopes", SOPT_FLAG,
      offsetof(mswin_options_t, include_disabled), NULL, 0 },
    { 0, "family", "4|6|both", "the server's IPv4 scopes (the default), its IPv6\nscopes, or both",
      SOPT_STRING, offsetof(mswin_options_t, family), "4, 6 or both", 0 },
};

const source_t source_mswin = {
    "mswin", "windows", "Windows DHCP Server, through dhcpsapi (the default on Windows)", mswin_missing,
    sizeof(mswin_options_t), NULL, mswin_option_table, sizeof mswin_option_table / sizeof mswin_option_table[0],
    mswin_fetch,
};
