/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSRPC_KRB5_H
#define CDS_MSRPC_KRB5_H

/* What the RPC client needs from MIT Kerberos (libkrb5), apart from Samba's
 * own Kerberos, which only logs on with a password or a ticket cache:
 * a ticket from a keytab, and a look at a ticket cache before Samba uses it.
 * plugin/mswin/rpc/msrpc_krb5.c; it includes no Samba header (Samba's
 * bundled Heimdal declares the same names).
 *
 * The tickets reach Samba through a credential cache in this process's
 * kernel keyring (KEYRING:process:...), which MIT Kerberos and Samba's
 * Heimdal both read and write in the same way: no file is written, and the
 * cache ends with the process. (An MIT MEMORY: cache would not do: Samba's
 * Heimdal has its own, invisible to MIT.) */

#include <stddef.h>

/* The name of the process-keyring cache: one per process. */
#define MSRPC_KRB5_CCACHE "KEYRING:process:check_dhcp_scope"

typedef struct msrpc_krb5_info {
    char principal[256];             /* the cache's client principal */
    long skew;                       /* KDC clock minus ours, in seconds, when known */
    int skew_known;
} msrpc_krb5_info_t;

/* A ticket-granting ticket for principal from keytab, asked of the KDC,
 * stored in MSRPC_KRB5_CCACHE. 0, or -1 with one sentence in err (also
 * when the kernel has no keyrings for this process); info tells the clock
 * skew the KDC showed. */
int msrpc_krb5_from_keytab(const char *keytab, const char *principal, msrpc_krb5_info_t *info, char *err,
                           size_t errlen);

/* Checks that the ticket cache (KRB5CCNAME, else the default) holds a
 * ticket-granting ticket that has not expired, and copies its tickets into
 * MSRPC_KRB5_CCACHE, so that the service ticket Samba asks for is kept there
 * and not added to that cache. The cache Samba is to use goes to ccache:
 * the copy, or when the kernel has no keyrings for this process the cache
 * itself. 0, or -1 with one sentence. */
int msrpc_krb5_from_ccache(char *ccache, size_t ccache_len, msrpc_krb5_info_t *info, char *err, size_t errlen);

/* Destroys MSRPC_KRB5_CCACHE if this process made it. */
void msrpc_krb5_release(void);

#endif
