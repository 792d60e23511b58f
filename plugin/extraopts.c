/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "extraopts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"
#include "readfile.h"
#include "text.h"
#include "vec.h"

#define MAX_INI_BYTES (1u << 20)

const char *const extraopts_default_paths[] = {
    "/usr/local/etc/monitoring-plugins/monitoring-plugins.ini",
    "/usr/local/etc/monitoring-plugins.ini",
    "/etc/monitoring-plugins/monitoring-plugins.ini",
    "/etc/monitoring-plugins.ini",
    "/etc/nagios/plugins.ini",
    "/usr/local/nagios/etc/plugins.ini",
    "/usr/local/etc/nagios/plugins.ini",
    "/etc/opt/nagios/plugins.ini",
    "/etc/nagios-plugins.ini",
    "/usr/local/etc/nagios-plugins.ini",
    "/etc/opt/nagios-plugins.ini",
    NULL
};

/* The names looked for in each $NAGIOS_CONFIG_PATH directory. */
static const char *const default_names[] = {
    "monitoring-plugins.ini", "plugins.ini", "nagios-plugins.ini", NULL
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_';
}

static int list_push(extraopts_list_t *l, const char *key, size_t klen, const char *val,
                     size_t vlen, int has_value, unsigned line)
{
    extraopts_entry_t *e = vec_grow(l->v, &l->cap, l->n + 1, sizeof *e);

    if (!e)
        return -1;
    l->v = e;
    e = &l->v[l->n];
    e->key = text_dup(key, klen);
    e->value = has_value ? text_dup(val, vlen) : NULL;
    e->line = line;
    if (!e->key || (has_value && !e->value)) {
        free(e->key);
        free(e->value);
        return -1;
    }
    l->n++;
    return 0;
}

void extraopts_list_free(extraopts_list_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].key);
        free(l->v[i].value);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

int extraopts_parse(const char *text, size_t len, const char *section, const char *file,
                    extraopts_list_t *out, char *err, size_t errlen)
{
    const char *p = text, *end = text + len;
    unsigned line = 0;
    int in_any = 0, in_ours = 0, found = 0;

    /* Notepad starts a UTF-8 file with a byte order mark. */
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *b = p, *e = nl ? nl : end;

        p = nl ? nl + 1 : end;
        line++;
        if (memchr(b, '\0', (size_t)(e - b))) {
            snprintf(err, errlen, "%s:%u: the line holds a NUL byte; is this an ini file?", file, line);
            return -1;
        }
        while (b < e && is_blank(*b))
            b++;
        while (e > b && is_blank(e[-1]))
            e--;
        if (b == e || *b == '#' || *b == ';')
            continue;
        if (*b == '[') {
            const char *nb = b + 1, *ne = e - 1;

            if (*ne != ']' || ne < nb) {
                snprintf(err, errlen, "%s:%u: a section header must end with ']'", file, line);
                return -1;
            }
            while (nb < ne && is_blank(*nb))
                nb++;
            while (ne > nb && is_blank(ne[-1]))
                ne--;
            in_any = 1;
            in_ours = (size_t)(ne - nb) == strlen(section) && memcmp(nb, section, (size_t)(ne - nb)) == 0;
            found |= in_ours;
            continue;
        }

        const char *eq = memchr(b, '=', (size_t)(e - b));
        const char *ke = eq ? eq : e, *vb = eq ? eq + 1 : e;
        size_t klen;

        while (ke > b && is_blank(ke[-1]))
            ke--;
        while (vb < e && is_blank(*vb))
            vb++;
        klen = (size_t)(ke - b);
        if (klen == 0) {
            snprintf(err, errlen, "%s:%u: a line starts with '=' but needs an option name before it", file, line);
            return -1;
        }
        for (size_t i = 0; i < klen; i++) {
            if (!is_key_char(b[i]) || b[0] == '-') {
                snprintf(err, errlen, "%s:%u: '%.*s' is not an option name (write it without dashes, e.g. scope=10.0.1.0)",
                         file, line, (int)(klen > 60 ? 60 : klen), b);
                return -1;
            }
        }
        if (!in_any) {
            snprintf(err, errlen, "%s:%u: '%.*s' comes before any [section] header", file, line,
                     (int)(klen > 60 ? 60 : klen), b);
            return -1;
        }
        if (!in_ours)
            continue;
        /* "key=" is a flag, as in the Monitoring Plugins. */
        if (list_push(out, b, klen, vb, (size_t)(e - vb), vb < e, line) != 0) {
            snprintf(err, errlen, "out of memory while reading %s", file);
            return -1;
        }
    }
    return found;
}

typedef struct argvec {
    char **v;
    int n;
    size_t cap;
} argvec_t;

static int argvec_add(argvec_t *a, const char *s, size_t n)
{
    char **v = vec_grow(a->v, &a->cap, (size_t)a->n + 2, sizeof *v);

    if (!v)
        return -1;
    a->v = v;
    a->v[a->n] = text_dup(s, n);
    if (!a->v[a->n])
        return -1;
    a->v[++a->n] = NULL;
    return 0;
}

void extraopts_argv_free(int argc, char **argv)
{
    if (!argv)
        return;
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
}

/* Opens path for reading; a missing file is 0 with *f NULL when optional. */
static int open_ini(const char *path, int optional, FILE **f, char *err, size_t errlen)
{
    os_stage("reading the --extra-opts file %s", path);
    *f = fopen(path, "rb");
    if (*f)
        return 0;
    if (optional && errno == ENOENT)
        return 0;
    snprintf(err, errlen, "--extra-opts: cannot open %s: %s", path, strerror(errno));
    return -1;
}

/* Finds the default file: $MP_CONFIG_FILE, $NAGIOS_CONFIG_PATH, the standard
 * paths. Returns 0 with *f open and the path in buf, or -1. */
static int open_default(FILE **f, char *buf, size_t buflen, char *err, size_t errlen)
{
    const char *env = getenv("MP_CONFIG_FILE");

    if (env && env[0]) {
        snprintf(buf, buflen, "%s", env);
        return open_ini(buf, 0, f, err, errlen);
    }
    env = getenv("NAGIOS_CONFIG_PATH");
    while (env && *env) {
        size_t n = strcspn(env, ":");

        for (size_t i = 0; n && default_names[i]; i++) {
            snprintf(buf, buflen, "%.*s/%s", (int)n, env, default_names[i]);
            if (open_ini(buf, 1, f, err, errlen) != 0)
                return -1;
            if (*f)
                return 0;
        }
        env += n;
        if (*env == ':')
            env++;
    }
    for (size_t i = 0; extraopts_default_paths[i]; i++) {
        snprintf(buf, buflen, "%s", extraopts_default_paths[i]);
        if (open_ini(buf, 1, f, err, errlen) != 0)
            return -1;
        if (*f)
            return 0;
    }
    snprintf(err, errlen, "--extra-opts: no file given and none of the standard ones exists "
             "(/etc/monitoring-plugins/monitoring-plugins.ini, /etc/nagios/plugins.ini, ...); "
             "use --extra-opts=[section]@FILE");
    return -1;
}

static int read_all(FILE *f, const char *path, char **text, size_t *len, char *err, size_t errlen)
{
    switch (readfile_all(f, MAX_INI_BYTES, text, len)) {
    case READFILE_OK:
        return 0;
    case READFILE_TOO_BIG:
        snprintf(err, errlen, "--extra-opts: %s is larger than %u bytes; is it the right file?", path,
                 MAX_INI_BYTES);
        return -1;
    case READFILE_NO_MEMORY:
        snprintf(err, errlen, "out of memory while reading %s", path);
        return -1;
    case READFILE_IO:
        break;
    }
    snprintf(err, errlen, "--extra-opts: cannot read %s: %s", path, strerror(errno));
    return -1;
}

/* Appends the options of one --extra-opts locator ("[section][@file]"). */
static int expand_one(argvec_t *a, const char *locator, extraopts_takes_value_fn takes_value,
                      char *err, size_t errlen)
{
    const char *at = strchr(locator, '@');
    size_t slen = at ? (size_t)(at - locator) : strlen(locator);
    char section[256], path[4096];
    extraopts_list_t list = { 0 };
    FILE *f = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (slen >= sizeof section) {
        snprintf(err, errlen, "--extra-opts: the section name is too long");
        return -1;
    }
    if (slen)
        snprintf(section, sizeof section, "%.*s", (int)slen, locator);
    else
        snprintf(section, sizeof section, "%s", EXTRAOPTS_SECTION);
    if (at) {
        if (!at[1]) {
            snprintf(err, errlen, "--extra-opts: no file name after '@'");
            return -1;
        }
        snprintf(path, sizeof path, "%s", at + 1);
        if (open_ini(path, 0, &f, err, errlen) != 0)
            return -1;
    } else if (open_default(&f, path, sizeof path, err, errlen) != 0) {
        return -1;
    }
    rc = read_all(f, path, &text, &len, err, errlen);
    fclose(f);
    if (rc != 0)
        return -1;
    rc = extraopts_parse(text, len, section, path, &list, err, errlen);
    free(text);
    if (rc == 0)
        snprintf(err, errlen, "--extra-opts: section [%s] not found in %s", section, path);
    if (rc <= 0) {
        extraopts_list_free(&list);
        return -1;
    }
    for (size_t i = 0; i < list.n; i++) {
        const extraopts_entry_t *e = &list.v[i];
        int tv = strcmp(e->key, "extra-opts") == 0 ? -2 : takes_value(e->key);
        size_t klen = strlen(e->key);
        char *arg;

        if (tv == -2)
            snprintf(err, errlen, "%s:%u: extra-opts cannot be used inside an ini file", path, e->line);
        else if (tv < 0)
            snprintf(err, errlen, "%s:%u: unknown option '%s' in [%s] (see --help)", path, e->line,
                     e->key, section);
        else if (tv == 1 && !e->value)
            snprintf(err, errlen, "%s:%u: option '%s' needs a value (%s=VALUE)", path, e->line,
                     e->key, e->key);
        else if (tv == 0 && e->value)
            snprintf(err, errlen, "%s:%u: option '%s' takes no value (write '%s' alone)", path,
                     e->line, e->key, e->key);
        if (tv < 0 || (tv == 1) != (e->value != NULL)) {
            extraopts_list_free(&list);
            return -1;
        }
        /* One letter: "-s" "VALUE", so a value is never read as "=VALUE". */
        if (klen == 1) {
            char opt[2] = { '-', e->key[0] };

            rc = argvec_add(a, opt, 2);
            if (rc == 0 && e->value)
                rc = argvec_add(a, e->value, strlen(e->value));
        } else {
            size_t n = klen + 3 + (e->value ? strlen(e->value) + 1 : 0);

            arg = malloc(n);
            if (!arg) {
                rc = -1;
            } else {
                snprintf(arg, n, "--%s%s%s", e->key, e->value ? "=" : "", e->value ? e->value : "");
                rc = argvec_add(a, arg, strlen(arg));
                free(arg);
            }
        }
        if (rc != 0) {
            snprintf(err, errlen, "out of memory while reading %s", path);
            extraopts_list_free(&list);
            return -1;
        }
    }
    extraopts_list_free(&list);
    return 0;
}

int extraopts_expand(int argc, char **argv, extraopts_takes_value_fn takes_value,
                     int *out_argc, char ***out_argv, char *err, size_t errlen)
{
    argvec_t a = { 0 };
    int plain = 0;

    *out_argc = 0;
    *out_argv = NULL;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        int rc;

        if (i > 0 && !plain && strncmp(s, "--extra-opts", 12) == 0 && (s[12] == '\0' || s[12] == '='))
            rc = expand_one(&a, s[12] ? s + 13 : "", takes_value, err, errlen);
        else if ((rc = argvec_add(&a, s, strlen(s))) != 0)
            snprintf(err, errlen, "out of memory while reading the options");
        if (rc != 0) {
            extraopts_argv_free(a.n, a.v);
            return -1;
        }
        if (i > 0 && strcmp(s, "--") == 0)
            plain = 1;
    }
    if (!a.v && argvec_add(&a, "", 0) != 0) {
        snprintf(err, errlen, "out of memory while reading the options");
        return -1;
    }
    *out_argc = a.n;
    *out_argv = a.v;
    return 0;
}
