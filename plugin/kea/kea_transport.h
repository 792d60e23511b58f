#ifndef CDS_KEA_TRANSPORT_H
#define CDS_KEA_TRANSPORT_H

/* One Kea command, one reply: plugin/kea/kea_transport.c. Over the
 * kea-dhcp4 unix control socket (--socket) or the Control Agent's HTTP(S)
 * API (--url, libcurl). Knows nothing of what the replies mean. */

#include <stddef.h>

#include "kea_source.h"

/* Replies larger than this are refused rather than read into memory. */
#define KEA_REPLY_MAX ((size_t)64 << 20)

typedef struct kea_conn kea_conn_t;

/* Checks the Kea options (exactly one of --socket / --url; TLS and
 * credentials only with --url), reads the credentials file and prepares
 * the connection; every wait ends within timeout + 1 seconds (0: none).
 * Returns NULL with one sentence in err. */
kea_conn_t *kea_conn_open(const kea_options_t *opt, unsigned timeout, char *err, size_t errlen);

/* Sends {"command": command} (plus "service": ["dhcp4"] to the Control
 * Agent) and returns the whole reply, NUL-terminated, in *reply (caller
 * frees). Returns 0, or -1 with one sentence in err. */
int kea_conn_command(kea_conn_t *c, const char *command, char **reply, size_t *len, char *err, size_t errlen);

void kea_conn_close(kea_conn_t *c);

#endif
