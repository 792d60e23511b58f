/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "msrpc_creds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static int name_is(const char *name, size_t len, const char *want)
{
    size_t i;

    for (i = 0; i < len && want[i]; i++)
        if ((name[i] | 0x20) != want[i])
            return 0;
    return i == len && want[i] == '\0';
}

static void wipe(char *s)
{
    if (!s)
        return;
    for (volatile char *p = s; *p; p++)
        *p = '\0';
    free(s);
}

void msrpc_creds_free(msrpc_creds_t *c)
{
    wipe(c->username);
    wipe(c->password);
    wipe(c->domain);
    wipe(c->realm);
    memset(c, 0, sizeof *c);
}

int msrpc_creds_parse(const char *text, size_t len, const char *path, msrpc_creds_t *out, char *err, size_t errlen)
{
    const char *p = text, *end = text + len;
    unsigned line = 0;

    memset(out, 0, sizeof *out);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end, *name, *eq, *v;
        size_t nlen;
        char **field;

        line++;
        if (eol > p && eol[-1] == '\r')
            eol--;
        while (p < eol && (*p == ' ' || *p == '\t'))
            p++;
        if (memchr(p, '\0', (size_t)(eol - p))) {
            snprintf(err, errlen, "%s line %u holds a NUL byte: the credentials file must be text", path, line);
            goto fail;
        }
        if (p == eol || *p == '#' || *p == ';')
            goto next;
        if (!(eq = memchr(p, '=', (size_t)(eol - p)))) {
            snprintf(err, errlen, "%s line %u is not 'name = value' (smbclient -A format: username =, "
                     "password =, domain =)", path, line);
            goto fail;
        }
        name = p;
        nlen = (size_t)(eq - p);
        while (nlen > 0 && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
            nlen--;
        field = name_is(name, nlen, "username") ? &out->username
              : name_is(name, nlen, "password") ? &out->password
              : name_is(name, nlen, "domain") ? &out->domain
              : name_is(name, nlen, "realm") ? &out->realm : NULL;
        if (!field) {
            snprintf(err, errlen, "%s line %u sets '%.*s': a credentials file has only username, "
                     "password, domain and realm", path, line, (int)(nlen > 40 ? 40 : nlen), name);
            goto fail;
        }
        v = eq + 1;
        while (v < eol && (*v == ' ' || *v == '\t'))
            v++;
        /* The last line for a name wins, as with smbclient. */
        wipe(*field);
        if (!(*field = text_dup(v, (size_t)(eol - v)))) {
            snprintf(err, errlen, "out of memory while reading %s", path);
            goto fail;
        }
next:
        p = nl ? nl + 1 : end;
    }
    if (!out->username || !out->username[0]) {
        snprintf(err, errlen, "%s has no 'username =' line", path);
        goto fail;
    }
    if (!out->password) {
        snprintf(err, errlen, "%s has no 'password =' line", path);
        goto fail;
    }
    /* An empty domain or realm means none, as with smbclient. */
    if (out->domain && !out->domain[0]) {
        wipe(out->domain);
        out->domain = NULL;
    }
    if (out->realm && !out->realm[0]) {
        wipe(out->realm);
        out->realm = NULL;
    }
    return 0;
fail:
    msrpc_creds_free(out);
    return -1;
}
