#define _POSIX_C_SOURCE 200809L
#include "msrpc_krb5.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <krb5/krb5.h>

#include "os.h"

/* A cached ticket is used again only while it has this much life left. */
#define MSRPC_KRB5_MIN_LIFE 600

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

/* $TMPDIR/cds-krb5cc-UID: made 0700 if missing; refused unless it is a
 * folder of ours that no one else can read. */
static int cache_dir(char *buf, size_t len, char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    struct stat st;

    if (!tmp || tmp[0] != '/')
        tmp = "/tmp";
    if ((size_t)snprintf(buf, len, "%s/cds-krb5cc-%lu", tmp, (unsigned long)geteuid()) >= len) {
        snprintf(err, errlen, "TMPDIR is too long for the Kerberos ticket cache folder");
        return -1;
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot make the Kerberos ticket cache folder %s: %s", buf, strerror(errno));
        return -1;
    }
    if (lstat(buf, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077)) {
        snprintf(err, errlen, "%s must be a folder of this user's that no one else can open (mode 0700) "
                 "to hold the ticket from --keytab", buf);
        return -1;
    }
    return 0;
}

/* FNV-1a over keytab and principal: one cache per pair. */
static unsigned long long pair_hash(const char *keytab, const char *principal)
{
    unsigned long long h = 14695981039346656037ULL;

    for (const char *s = keytab; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h = (h ^ 0xffu) * 1099511628211ULL;
    for (const char *s = principal; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

int msrpc_krb5_from_keytab(const char *keytab, const char *principal, char *ccache, size_t ccache_len,
                           msrpc_krb5_info_t *info, char *err, size_t errlen)
{
    krb5_context ctx = NULL;
    krb5_principal client = NULL, cached = NULL;
    krb5_keytab kt = NULL;
    krb5_ccache cc = NULL;
    krb5_get_init_creds_opt *opts = NULL;
    krb5_creds creds;
    krb5_error_code code;
    char dir[512], path[600], tmp[640], kname[600], why[256];
    int have_creds = 0, rc = -1;

    memset(info, 0, sizeof *info);
    memset(&creds, 0, sizeof creds);
    if (access(keytab, R_OK) != 0) {
        snprintf(err, errlen, "cannot read the keytab %s: %s", keytab, strerror(errno));
        return -1;
    }
    if (cache_dir(dir, sizeof dir, err, errlen))
        return -1;
    snprintf(path, sizeof path, "%s/%016llx", dir, pair_hash(keytab, principal));
    snprintf(ccache, ccache_len, "FILE:%s", path);
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
    /* A ticket from an earlier run that still has life left serves again. */
    if (krb5_cc_resolve(ctx, ccache, &cc) == 0) {
        if (krb5_cc_get_principal(ctx, cc, &cached) == 0 && krb5_principal_compare(ctx, cached, client)
            && tgt_life(ctx, cc, client) > MSRPC_KRB5_MIN_LIFE) {
            note_skew(ctx, info);
            rc = 0;
            goto done;
        }
        krb5_cc_close(ctx, cc);
        cc = NULL;
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
    /* Written aside and renamed into place, so that a check running at the
     * same time never reads half a cache. */
    snprintf(tmp, sizeof tmp, "FILE:%s.%ld", path, (long)getpid());
    if ((code = krb5_cc_resolve(ctx, tmp, &cc)) != 0 || (code = krb5_cc_initialize(ctx, cc, client)) != 0
        || (code = krb5_cc_store_cred(ctx, cc, &creds)) != 0) {
        krb_error(ctx, code, why, sizeof why);
        snprintf(err, errlen, "cannot write the Kerberos ticket cache %s: %s", tmp + 5, why);
        if (cc)
            krb5_cc_destroy(ctx, cc);
        cc = NULL;
        goto done;
    }
    krb5_cc_close(ctx, cc);
    cc = NULL;
    if (rename(tmp + 5, path) != 0) {
        snprintf(err, errlen, "cannot move the Kerberos ticket cache into %s: %s", path, strerror(errno));
        unlink(tmp + 5);
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
    if (cached)
        krb5_free_principal(ctx, cached);
    if (client)
        krb5_free_principal(ctx, client);
    krb5_free_context(ctx);
    return rc;
}

int msrpc_krb5_check_ccache(const char *name, msrpc_krb5_info_t *info, char *err, size_t errlen)
{
    krb5_context ctx = NULL;
    krb5_ccache cc = NULL;
    krb5_principal client = NULL;
    krb5_error_code code;
    char *pname = NULL, why[256];
    const char *shown;
    long life;
    int rc = -1;

    memset(info, 0, sizeof *info);
    if ((code = krb5_init_context(&ctx)) != 0) {
        snprintf(err, errlen, "cannot start Kerberos (krb5_init_context: error %ld): check /etc/krb5.conf",
                 (long)code);
        return -1;
    }
    code = name ? krb5_cc_resolve(ctx, name, &cc) : krb5_cc_default(ctx, &cc);
    shown = name ? name : getenv("KRB5CCNAME") ? getenv("KRB5CCNAME") : "the default ticket cache";
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
    rc = 0;
done:
    if (client)
        krb5_free_principal(ctx, client);
    if (cc)
        krb5_cc_close(ctx, cc);
    krb5_free_context(ctx);
    return rc;
}
