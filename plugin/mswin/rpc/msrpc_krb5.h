#ifndef CDS_MSRPC_KRB5_H
#define CDS_MSRPC_KRB5_H

/* What the RPC client needs from MIT Kerberos (libkrb5), apart from Samba's
 * own Kerberos, which only logs on with a password or a ticket cache:
 * a ticket from a keytab, and a look at a ticket cache before Samba uses it.
 * plugin/mswin/rpc/msrpc_krb5.c; it includes no Samba header (Samba's
 * bundled Heimdal declares the same names). */

#include <stddef.h>

typedef struct msrpc_krb5_info {
    char principal[256];             /* the cache's client principal */
    long skew;                       /* KDC clock minus ours, in seconds, when known */
    int skew_known;
} msrpc_krb5_info_t;

/* A ticket-granting ticket for principal from keytab, in a ticket cache the
 * plugin keeps for this user, principal and keytab (a FILE cache in
 * $TMPDIR/cds-krb5cc-UID/, mode 0600 in a 0700 folder) and reuses while it
 * has more than ten minutes left, so that checks every minute do not each
 * ask the KDC. Its name ("FILE:/...") goes to ccache. 0, or -1 with one
 * sentence in err; info tells the clock skew the KDC showed. */
int msrpc_krb5_from_keytab(const char *keytab, const char *principal, char *ccache, size_t ccache_len,
                           msrpc_krb5_info_t *info, char *err, size_t errlen);

/* Checks the ticket cache name (NULL: KRB5CCNAME, else the default) holds a
 * ticket-granting ticket that has not expired: 0, or -1 with one sentence. */
int msrpc_krb5_check_ccache(const char *name, msrpc_krb5_info_t *info, char *err, size_t errlen);

#endif
