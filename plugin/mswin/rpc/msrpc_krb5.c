/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "msrpc_krb5.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <krb5/krb5.h>

#include "os.h"

static void krb_error(krb5_context ctx, krb5_error_code code, char *buf, size_t len)
{
    const char *msg = ctx ? krb5_get_error_message(ctx, code) : NULL;

    snprintf(buf, len, "%s", msg ? msg : "unknown Kerberos error");
    if (msg)
        krb5_free_error_message(ctx, msg);
}

static void note_skew(krb5_context ctx, msrpc_krb5_info_t *info)
{
    krb5_timestamp sec = 0;
    krb5_int32 usec = 0;

    if (krb5_get_time_offsets(ctx, &sec, &usec) == 0) {
        info->skew = (long)sec;
        info->skew_known = 1;
    }
}

/* The remaining life of the cache's ticket-granting ticket for its own
 * realm in seconds, or a negative number when it has none. */
static long tgt_life(krb5_context ctx, krb5_ccache cc, krb5_principal client)
{
    krb5_cc_cursor cur;
    krb5_creds creds;
    long best = -1;
    time_t now = time(NULL);

    if (krb5_cc_start_seq_get(ctx, cc, &cur) != 0)
        return -1;
    while (krb5_cc_next_cred(ctx, cc, &cur, &creds) == 0) {
        const krb5_data *realm = krb5_princ_realm(ctx, client);

        if (krb5_princ_size(ctx, creds.server) == 2 && creds.server->data[0].length == 6
            && memcmp(creds.server->data[0].data, "krbtgt", 6) == 0
            && creds.server->data[1].length == realm->length
            && memcmp(creds.server->data[1].data, realm->data, realm->length) == 0) {
            long life = (long)creds.times.endtime - (long)now;

            if (life > best)
                best = life;
        }
        krb5_free_cred_contents(ctx, &creds);
    }
    krb5_cc_end_seq_get(ctx, cc, &cur);
    return best;
}

/* Whether this process has made MSRPC_KRB5_CCACHE (to destroy it at the end). */
static int keyring_made;

/* A fresh MSRPC_KRB5_CCACHE for client: 0, or a Kerberos error code. */
static krb5_error_code keyring_cache(krb5_context ctx, krb5_principal client, krb5_ccache *cc)
{
    krb5_error_code code;

    *cc = NULL;
    if ((code = krb5_cc_resolve(ctx, MSRPC_KRB5_CCACHE, cc)) != 0)
        return code;
    if ((code = krb5_cc_initialize(ctx, *cc, client)) != 0) {
        krb5_cc_close(ctx, *cc);
        *cc = NULL;
        return code;
    }
    keyring_made = 1;
    return 0;
}

int msrpc_krb5_from_keytab(const char *keytab, const char *principal, msrpc_krb5_info_t *info, char *err,
                           size_t errlen)
{
    krb5_context ctx = NULL;
    krb5_principal client = NULL;
    krb5_keytab kt = NULL;
    krb5_ccache cc = NULL;
    krb5_get_init_creds_opt *opts = NULL;
    krb5_creds creds;
    krb5_error_code code;
    char kname[600], why[256];
    int have_creds = 0, rc = -1;

    memset(info, 0, sizeof *info);
    memset(&creds, 0, sizeof creds);
    if (access(keytab, R_OK) != 0) {
        snprintf(err, errlen, "cannot read the keytab %s: %s", keytab, strerror(errno));
        return -1;
    }
    snprintf(info->principal, sizeof info->principal, "%s", principal);
    if ((code = krb5_init_context(&ctx)) != 0) {
        snprintf(err, errlen, "cannot start Kerberos (krb5_init_context: error %ld): check /etc/krb5.conf",
                 (long)code);
        return -1;
    }
    if ((code = krb5_parse_name(ctx, principal, &client)) != 0) {
        krb_error(ctx, code, why, sizeof why);
        snprintf(err, errlen, "--principal '%.100s' is not a Kerberos principal: %s", principal, why);
        goto done;
    }
    snprintf(kname, sizeof kname, "%s%s", keytab[0] == '/' ? "FILE:" : "", keytab);
    if ((code = krb5_kt_resolve(ctx, kname, &kt)) != 0) {
        krb_error(ctx, code, why, sizeof why);
        snprintf(err, errlen, "cannot open the keytab %s: %s", keytab, why);
        goto done;
    }
    if ((code = krb5_get_init_creds_opt_alloc(ctx, &opts)) != 0) {
        snprintf(err, errlen, "out of memory while asking for a Kerberos ticket");
        goto done;
    }
    os_stage("getting a Kerberos ticket for %s from the KDC with the keytab %s", principal, keytab);
    code = krb5_get_init_creds_keytab(ctx, &creds, client, kt, 0, NULL, opts);
    note_skew(ctx, info);
    if (code == KRB5KRB_AP_ERR_SKEW) {
        snprintf(err, errlen, "the KDC refused a ticket for %s: this host's clock differs from the "
                 "domain controller's by more than Kerberos allows (5 minutes); synchronise it (chrony "
                 "or systemd-timesyncd with the domain controllers)", principal);
        goto done;
    }
    if (code != 0) {
        krb_error(ctx, code, why, sizeof why);
        snprintf(err, errlen, "cannot get a Kerberos ticket for %s with the keytab %s: %s%s", principal,
                 keytab, why,
                 code == KRB5_KT_NOTFOUND ? " (the keytab has no key for that principal: check --principal)"
                 : code == KRB5_REALM_UNKNOWN || code == KRB5_REALM_CANT_RESOLVE
                     ? " (name the realm's KDC in /etc/krb5.conf, or enable dns_lookup_kdc)" : "");
        goto done;
    }
    have_creds = 1;
    if ((code = keyring_cache(ctx, client, &cc)) != 0 || (code = krb5_cc_store_cred(ctx, cc, &creds)) != 0) {
        krb_error(ctx, code, why, sizeof why);
        snprintf(err, errlen, "cannot keep the Kerberos ticket for %s in this process's kernel keyring (%s), "
                 "where the plugin hands it to Samba's library without writing a file: allow the keyctl "
                 "and add_key system calls (a container's seccomp profile), or log on with --credentials "
                 "(NTLMv2)", principal, why);
        goto done;
    }
    rc = 0;
done:
    if (have_creds)
        krb5_free_cred_contents(ctx, &creds);
    if (opts)
        krb5_get_init_creds_opt_free(ctx, opts);
    if (kt)
        krb5_kt_close(ctx, kt);
    if (cc)
        krb5_cc_close(ctx, cc);
    if (client)
        krb5_free_principal(ctx, client);
    krb5_free_context(ctx);
    return rc;
}

int msrpc_krb5_from_ccache(char *ccache, size_t ccache_len, msrpc_krb5_info_t *info, char *err, size_t errlen)
{
    krb5_context ctx = NULL;
    krb5_ccache cc = NULL, copy = NULL;
    krb5_principal client = NULL;
    krb5_error_code code;
    char *pname = NULL, *full = NULL, why[256];
    const char *shown;
    long life;
    int rc = -1;

    memset(info, 0, sizeof *info);
    snprintf(ccache, ccache_len, "%s", "");
    if ((code = krb5_init_context(&ctx)) != 0) {
        snprintf(err, errlen, "cannot start Kerberos (krb5_init_context: error %ld): check /etc/krb5.conf",
                 (long)code);
        return -1;
    }
    code = krb5_cc_default(ctx, &cc);
    shown = getenv("KRB5CCNAME") ? getenv("KRB5CCNAME") : "the default ticket cache";
    if (code == 0)
        code = krb5_cc_get_principal(ctx, cc, &client);
    if (code != 0) {
        if (code == KRB5_FCC_NOFILE || code == KRB5_CC_NOTFOUND || code == KRB5_CC_BADNAME)
            snprintf(why, sizeof why, "there is none");
        else
            krb_error(ctx, code, why, sizeof why);
        snprintf(err, errlen, "no credentials to log on with: give --credentials FILE, or --keytab FILE "
                 "with --principal NAME, or a Kerberos ticket cache in KRB5CCNAME (%.200s: %s)", shown, why);
        goto done;
    }
    if (krb5_unparse_name(ctx, client, &pname) == 0) {
        snprintf(info->principal, sizeof info->principal, "%s", pname);
        krb5_free_unparsed_name(ctx, pname);
    }
    note_skew(ctx, info);
    life = tgt_life(ctx, cc, client);
    if (life <= 0) {
        snprintf(err, errlen, "the Kerberos ticket cache %.200s holds no valid ticket-granting ticket for %s%s: "
                 "renew it (kinit, k5start) or use --keytab", shown, info->principal,
                 life == -1 ? "" : " (it has expired)");
        goto done;
    }
    /* Samba adds the service ticket it gets to the cache it is given: a
     * copy in memory takes it instead of the account's cache. */
    if (keyring_cache(ctx, client, &copy) == 0 && krb5_cc_copy_creds(ctx, cc, copy) == 0) {
        snprintf(ccache, ccache_len, "%s", MSRPC_KRB5_CCACHE);
    } else if (krb5_cc_get_full_name(ctx, cc, &full) == 0) {
        snprintf(ccache, ccache_len, "%s", full);
        krb5_free_string(ctx, full);
    }
    rc = 0;
done:
    if (client)
        krb5_free_principal(ctx, client);
    if (copy)
        krb5_cc_close(ctx, copy);
    if (cc)
        krb5_cc_close(ctx, cc);
    krb5_free_context(ctx);
    return rc;
}

void msrpc_krb5_release(void)
{
    krb5_context ctx = NULL;
    krb5_ccache cc = NULL;

    if (!keyring_made || krb5_init_context(&ctx) != 0)
        return;
    if (krb5_cc_resolve(ctx, MSRPC_KRB5_CCACHE, &cc) == 0)
        krb5_cc_destroy(ctx, cc);
    krb5_free_context(ctx);
    keyring_made = 0;
}
