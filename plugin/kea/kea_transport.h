/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_KEA_TRANSPORT_H
#define CDS_KEA_TRANSPORT_H

/* One Kea command, one reply: plugin/kea/kea_transport.c. Over a daemon's
 * unix control socket (--socket), or HTTP(S) (--url, libcurl) to the Kea
 * Control Agent or to a daemon that serves HTTP itself (Kea 2.7.2+). Knows
 * nothing of what the replies mean. */

#include <stddef.h>

#include "kea_source.h"

/* Replies larger than this are refused rather than read into memory. */
#define KEA_REPLY_MAX ((size_t)64 << 20)

typedef struct kea_conn kea_conn_t;

/* Checks the Kea options (exactly one of --socket / --url; TLS and
 * credentials only with --url; --service dhcp4 or dhcp6), reads the
 * credentials file and prepares the connection; every wait ends within
 * timeout + 1 seconds (0: none). Returns NULL with one sentence in err. */
kea_conn_t *kea_conn_open(const kea_options_t *opt, unsigned timeout, char *err, size_t errlen);

/* The most commands one batch sends. */
#define KEA_BATCH_MAX 8

/* One command of a batch: its reply's bytes go to sink(ctx, ...) as they
 * arrive; a sink returning -1 is sent no more (the rest is not read). */
typedef struct kea_call {
    const char *command;
    int (*sink)(void *ctx, const char *data, size_t len);
    void *ctx;
} kea_call_t;

/* Sends each {"command": COMMAND} (over HTTP with "service": [SERVICE]): over
 * the unix socket all at once, each on a connection of its own, over HTTP one
 * after the other on one connection; and feeds each reply, whole, to its
 * sink. Returns 0, SOURCE_DOWN when the daemon is not running or not
 * answering (no socket, connection refused), or SOURCE_ERROR; a sentence in
 * err for both. */
int kea_conn_batch(kea_conn_t *c, kea_call_t *calls, size_t n, char *err, size_t errlen);

/* The daemon as sentences name it: "kea-dhcp4", "kea-dhcp6", or "Kea
 * (kea-dhcp4 or kea-dhcp6)" while neither --service nor a reply told. */
const char *kea_conn_daemon(const kea_conn_t *c);

/* A reply told the family (KEA_V4 or KEA_V6): later sentences name its daemon. */
void kea_conn_set_family(kea_conn_t *c, int family);

/* 1 when a batch's commands go out at once (the unix socket). */
int kea_conn_parallel(const kea_conn_t *c);

/* 1 when --service was given. */
int kea_conn_service_given(const kea_conn_t *c);

/* 1 over HTTP, when requests name a service. */
int kea_conn_sends_service(const kea_conn_t *c);

/* From now on, requests name no service (a daemon's own HTTP socket that
 * refused the default one). */
void kea_conn_drop_service(kea_conn_t *c);

/* The sentence for a daemon the Control Agent could not reach, from the
 * agent's own words. */
void kea_conn_down_sentence(const kea_conn_t *c, const char *agent_words, char *err, size_t errlen);

/* Where the commands go, as sentences show it: the socket path or the URL
 * without any user:password@. */
const char *kea_conn_target(const kea_conn_t *c);

void kea_conn_close(kea_conn_t *c);

#endif
