/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stddef.h>

#include "mswin_source.h"

static const source_option_t mswin_option_table[] = {
    { 'H', "hostname", "SERVER", "DHCP server name or address (default on Windows:\nthis server; required elsewhere)",
      SOPT_STRING, offsetof(mswin_options_t, hostname), "a server name or address", 0 },
    { 0, "include-disabled", NULL, "also check disabled scopes", SOPT_FLAG,
      offsetof(mswin_options_t, include_disabled), NULL, 0 },
    { 0, "family", "4|6|both", "the server's IPv4 scopes (the default), its IPv6\nscopes, or both",
      SOPT_STRING, offsetof(mswin_options_t, family), "4, 6 or both", 0 },
    { 0, "credentials", "FILE",
      "(Linux) log on with the account in FILE, smbclient -A\n"
      "format: username =, password =, domain = lines; the\n"
      "file must not be readable by others. Without it and\n"
      "--keytab: the Kerberos ticket cache (KRB5CCNAME)",
      SOPT_STRING, offsetof(mswin_options_t, credentials), "a file name", 0 },
    { 0, "keytab", "FILE", "(Linux) log on with Kerberos from this keytab,\nas --principal",
      SOPT_STRING, offsetof(mswin_options_t, keytab), "a file name", 0 },
    { 0, "principal", "NAME", "(Linux) the keytab's principal, e.g.\nmonitor$@CORP.EXAMPLE.COM",
      SOPT_STRING, offsetof(mswin_options_t, principal), "a Kerberos principal", 0 },
    { 0, "port", "N", "(Linux) the DHCP server's RPC port, if pinned;\ndefault: ask its endpoint mapper on TCP 135",
      SOPT_UINT, offsetof(mswin_options_t, port), NULL, 65535 },
};

const source_t source_mswin = {
    "mswin", "windows",
    "Windows DHCP Server: through dhcpsapi in check_dhcp_scope.exe (its default\n"
    "    source), over authenticated DCE/RPC (MS-DHCPM) elsewhere", mswin_missing,
    sizeof(mswin_options_t), NULL, mswin_option_table, sizeof mswin_option_table / sizeof mswin_option_table[0],
    mswin_fetch,
};

const char *mswin_rpc_only_option(const mswin_options_t *opt)
{
    if (opt->credentials)
        return "--credentials";
    if (opt->keytab)
        return "--keytab";
    if (opt->principal)
        return "--principal";
    if (opt->port)
        return "--port";
    return NULL;
}
