#include <stddef.h>

#include "kea_source.h"

static const source_option_t kea_option_table[] = {
    { 0, "socket", "PATH", "kea-dhcp4 unix control socket", SOPT_STRING, offsetof(kea_options_t, socket),
      "a socket path", 0 },
    { 0, "url", "URL", "Kea Control Agent (http:// or https://)", SOPT_STRING, offsetof(kea_options_t, url),
      "a URL", 0 },
    { 0, "credentials", "FILE", "file holding user:password for HTTP basic auth", SOPT_STRING,
      offsetof(kea_options_t, credentials), "a file name", 0 },
    { 0, "cacert", "FILE", "CA bundle to verify the agent's certificate", SOPT_STRING,
      offsetof(kea_options_t, cacert), "a file name", 0 },
    { 0, "cert", "FILE", "client certificate (mutual TLS)", SOPT_STRING, offsetof(kea_options_t, cert),
      "a file name", 0 },
    { 0, "key", "FILE", "the client certificate's key", SOPT_STRING, offsetof(kea_options_t, key),
      "a file name", 0 },
};

const source_t source_kea = {
    "kea", NULL, "ISC Kea, over its control socket or the Control Agent", kea_missing,
    sizeof(kea_options_t), NULL, kea_option_table, sizeof kea_option_table / sizeof kea_option_table[0],
    kea_fetch,
};
