/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stddef.h>

#include "kea_source.h"

static const source_option_t kea_option_table[] = {
    { 0, "socket", "PATH", "unix control socket of kea-dhcp4 or kea-dhcp6", SOPT_STRING,
      offsetof(kea_options_t, socket), "a socket path", 0 },
    { 0, "url", "URL", "Kea Control Agent, or a Kea daemon's own HTTP socket\n(2.7.2+; http:// or https://)",
      SOPT_STRING, offsetof(kea_options_t, url), "a URL", 0 },
    { 0, "service", "dhcp4|dhcp6", "the daemon the Control Agent forwards to (default\ndhcp4); a daemon's own "
      "socket answers for itself", SOPT_STRING, offsetof(kea_options_t, service), "dhcp4 or dhcp6", 0 },
    { 0, "credentials", "FILE", "file holding user:password for HTTP basic auth", SOPT_STRING,
      offsetof(kea_options_t, credentials), "a file name", 0 },
    { 0, "cacert", "FILE", "CA bundle to verify the server's certificate", SOPT_STRING,
      offsetof(kea_options_t, cacert), "a file name", 0 },
    { 0, "cert", "FILE", "client certificate (mutual TLS)", SOPT_STRING, offsetof(kea_options_t, cert),
      "a file name", 0 },
    { 0, "key", "FILE", "the client certificate's key", SOPT_STRING, offsetof(kea_options_t, key),
      "a file name", 0 },
};

const source_t source_kea = {
    "kea", NULL, "ISC Kea (DHCPv4 and DHCPv6), over a control socket or HTTP", kea_missing,
    sizeof(kea_options_t), NULL, kea_option_table, sizeof kea_option_table / sizeof kea_option_table[0],
    kea_fetch,
};
