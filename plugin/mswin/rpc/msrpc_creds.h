/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSRPC_CREDS_H
#define CDS_MSRPC_CREDS_H

/* The --credentials file of the RPC client: smbclient's -A format, one
 * "name = value" a line with the names username, password, domain and realm
 * (any case, blanks around '=' ignored before the value, kept after it, as
 * Samba reads them). plugin/mswin/rpc/msrpc_creds.c; pure, so the unit tests
 * and tests/fuzz/fuzz_msrpc_creds.c feed it text. Stricter than Samba where
 * Samba would silently log on without a password: a line that is not
 * "name = value" or names something else is an error naming its line. */

#include <stddef.h>

typedef struct msrpc_creds {
    char *username;                  /* as written: "user", "DOMAIN\user" or "user@REALM" */
    char *password;
    char *domain;                    /* NULL when the file has none */
    char *realm;                     /* NULL when the file has none */
} msrpc_creds_t;

/* Parses len bytes of text (path only names the file in sentences): 0, or
 * -1 with one sentence in err. */
int msrpc_creds_parse(const char *text, size_t len, const char *path, msrpc_creds_t *out, char *err, size_t errlen);

/* Overwrites the strings before freeing them. */
void msrpc_creds_free(msrpc_creds_t *c);

#endif
