#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "version.h"

#define DEFAULT_MAX_OUTPUT 8192u

enum opt_id {
    O_HELP, O_VERSION, O_VERBOSE, O_WARN, O_CRIT, O_WARN_COUNT, O_CRIT_COUNT,
    O_SCOPE, O_EXCLUDE, O_MIN_SIZE, O_TIMEOUT, O_IGNORE_FAILOVER, O_MAX_OUTPUT,
    O_SOURCE, O_CONFIG, O_LEASES, O_SOCKET, O_URL, O_CREDENTIALS, O_CACERT, O_CERT,
    O_KEY, O_HOSTNAME, O_INCLUDE_DISABLED, O_SERVER_SHARE
};

typedef struct opt_def {
    enum opt_id id;
    char short_name;      /* 0 when none */
    const char *long_name;
    int takes_value;
} opt_def_t;

static const opt_def_t opt_defs[] = {
    { O_HELP, 'h', "help", 0 },
    { O_VERSION, 'V', "version", 0 },
    { O_VERBOSE, 'v', "verbose", 0 },
    { O_WARN, 'w', "warning", 1 },
    { O_CRIT, 'c', "critical", 1 },
    { O_WARN_COUNT, 'W', "warning-count", 1 },
    { O_CRIT_COUNT, 'C', "critical-count", 1 },
    { O_SCOPE, 's', "scope", 1 },
    { O_EXCLUDE, 'x', "exclude", 1 },
    { O_MIN_SIZE, 0, "min-size", 1 },
    { O_TIMEOUT, 't', "timeout", 1 },
    { O_IGNORE_FAILOVER, 0, "ignore-failover", 0 },
    { O_MAX_OUTPUT, 0, "max-output", 1 },
    { O_SOURCE, 0, "source", 1 },
    { O_CONFIG, 0, "config", 1 },
    { O_LEASES, 0, "leases", 1 },
    { O_SOCKET, 0, "socket", 1 },
    { O_URL, 0, "url", 1 },
    { O_CREDENTIALS, 0, "credentials", 1 },
    { O_CACERT, 0, "cacert", 1 },
    { O_CERT, 0, "cert", 1 },
    { O_KEY, 0, "key", 1 },
    { O_HOSTNAME, 'H', "hostname", 1 },
    { O_INCLUDE_DISABLED, 0, "include-disabled", 0 },
    { O_SERVER_SHARE, 0, "server-share", 0 },
};

#define NOPTS (sizeof opt_defs / sizeof opt_defs[0])

static const opt_def_t *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (strlen(opt_defs[i].long_name) == len && strncmp(opt_defs[i].long_name, name, len) == 0)
            return &opt_defs[i];
    return NULL;
}

static const opt_def_t *find_short(char c)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (opt_defs[i].short_name == c)
            return &opt_defs[i];
    return NULL;
}

/* A whole unsigned decimal number within max. */
static int parse_uint(const char *text, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;

    if (!text[0] || text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

static int push(const char ***arr, size_t *n, const char *value)
{
    const char **a = realloc((void *)*arr, (*n + 1) * sizeof *a);

    if (!a)
        return -1;
    a[(*n)++] = value;
    *arr = a;
    return 0;
}

static int apply(options_t *o, const opt_def_t *d, const char *shown, const char *v,
                 char *err, size_t errlen)
{
    unsigned long long n;

    switch (d->id) {
    case O_HELP:
        o->action = OPTIONS_HELP;
        return 0;
    case O_VERSION:
        if (o->action != OPTIONS_HELP)
            o->action = OPTIONS_VERSION;
        return 0;
    case O_VERBOSE:
        o->verbose++;
        return 0;
    case O_WARN:
    case O_CRIT:
    case O_WARN_COUNT:
    case O_CRIT_COUNT: {
        int pct = d->id == O_WARN || d->id == O_CRIT;
        range_t *r = d->id == O_WARN ? &o->warn_pct : d->id == O_CRIT ? &o->crit_pct
                   : d->id == O_WARN_COUNT ? &o->warn_count : &o->crit_count;
        int *has = d->id == O_WARN ? &o->has_warn_pct : d->id == O_CRIT ? &o->has_crit_pct
                 : d->id == O_WARN_COUNT ? &o->has_warn_count : &o->has_crit_count;
        char why[160];

        if (range_parse(v, RANGE_BARE_LOWER, pct, r, why, sizeof why) != 0) {
            snprintf(err, errlen, "%s: %s", shown, why);
            return -1;
        }
        *has = 1;
        return 0;
    }
    case O_SCOPE:
    case O_EXCLUDE:
        if (!v[0]) {
            snprintf(err, errlen, "%s needs a scope address, prefix, id or name", shown);
            return -1;
        }
        if (d->id == O_SCOPE ? push(&o->scopes, &o->nscopes, v) : push(&o->excludes, &o->nexcludes, v)) {
            snprintf(err, errlen, "out of memory while reading the options");
            return -1;
        }
        return 0;
    case O_MIN_SIZE:
        if (parse_uint(v, UINT64_MAX, &n)) {
            snprintf(err, errlen, "%s '%s' is not a whole number of addresses", shown, v);
            return -1;
        }
        o->min_size = n;
        return 0;
    case O_TIMEOUT:
        if (parse_uint(v, 86400, &n) || n == 0) {
            snprintf(err, errlen, "%s '%s' is not a number of seconds from 1 to 86400", shown, v);
            return -1;
        }
        o->timeout = (unsigned)n;
        return 0;
    case O_IGNORE_FAILOVER:
        o->ignore_failover = 1;
        return 0;
    case O_MAX_OUTPUT:
        if (parse_uint(v, 1u << 30, &n) || (n != 0 && n < 128)) {
            snprintf(err, errlen, "%s '%s' is not a byte count of at least 128 (or 0 for no limit)", shown, v);
            return -1;
        }
        o->max_output = (size_t)n;
        return 0;
    case O_SOURCE:
        if (strcmp(v, "isc") == 0 || strcmp(v, "dhcpd") == 0)
            o->source = SOURCE_ISC;
        else if (strcmp(v, "kea") == 0)
            o->source = SOURCE_KEA;
        else if (strcmp(v, "mswin") == 0 || strcmp(v, "windows") == 0)
            o->source = SOURCE_MSWIN;
        else {
            snprintf(err, errlen, "%s '%s' is not a known source (isc, kea or mswin)", shown, v);
            return -1;
        }
        return 0;
    case O_CONFIG: o->isc_config = v; return 0;
    case O_LEASES: o->isc_leases = v; return 0;
    case O_SOCKET: o->kea_socket = v; return 0;
    case O_URL: o->kea_url = v; return 0;
    case O_CREDENTIALS: o->kea_credentials = v; return 0;
    case O_CACERT: o->kea_cacert = v; return 0;
    case O_CERT: o->kea_cert = v; return 0;
    case O_KEY: o->kea_key = v; return 0;
    case O_HOSTNAME:
        if (!v[0]) {
            snprintf(err, errlen, "%s needs a server name or address", shown);
            return -1;
        }
        o->hostname = v;
        return 0;
    case O_INCLUDE_DISABLED: o->include_disabled = 1; return 0;
    case O_SERVER_SHARE: o->server_share = 1; return 0;
    }
    return 0;
}

static void set_defaults(options_t *o)
{
    memset(o, 0, sizeof *o);
    o->action = OPTIONS_RUN;
#ifdef _WIN32
    o->source = SOURCE_MSWIN;
#else
    o->source = SOURCE_ISC;
#endif
    o->timeout = OPTIONS_DEFAULT_TIMEOUT;
    o->max_output = DEFAULT_MAX_OUTPUT;
    o->isc_config = "/etc/dhcp/dhcpd.conf";
    o->isc_leases = "/var/lib/dhcp/dhcpd.leases";
}

/* Thresholds fall back to the defaults only when neither kind was given: an
 * admin who sets only -W/-C asked for count thresholds alone. */
static void default_thresholds(options_t *o)
{
    if (o->has_warn_pct || o->has_crit_pct || o->has_warn_count || o->has_crit_count)
        return;
    range_parse("20", RANGE_BARE_LOWER, 1, &o->warn_pct, NULL, 0);
    range_parse("10", RANGE_BARE_LOWER, 1, &o->crit_pct, NULL, 0);
    o->has_warn_pct = o->has_crit_pct = 1;
}

int options_parse(options_t *o, int argc, char **argv, char *err, size_t errlen)
{
    int i;

    set_defaults(o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--") == 0) {
            if (i + 1 < argc) {
                snprintf(err, errlen, "unexpected argument '%s' (options start with '-')", argv[i + 1]);
                return -1;
            }
            break;
        }
        if (a[0] == '-' && a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const opt_def_t *d = find_long(name, len);
            const char *v = NULL;

            if (!d) {
                snprintf(err, errlen, "unknown option '--%.*s' (see --help)", (int)(len > 60 ? 60 : len), name);
                return -1;
            }
            if (d->takes_value) {
                if (eq)
                    v = eq + 1;
                else if (i + 1 < argc)
                    v = argv[++i];
                else {
                    snprintf(err, errlen, "option '--%s' needs a value", d->long_name);
                    return -1;
                }
            } else if (eq) {
                snprintf(err, errlen, "option '--%s' takes no value", d->long_name);
                return -1;
            }
            char shown[64];
            snprintf(shown, sizeof shown, "--%s", d->long_name);
            if (apply(o, d, shown, v, err, errlen))
                return -1;
        } else if (a[0] == '-' && a[1] != '\0') {
            for (const char *p = a + 1; *p; p++) {
                const opt_def_t *d = find_short(*p);
                char shown[4] = { '-', *p, 0, 0 };
                const char *v = NULL;

                if (!d) {
                    if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
                        snprintf(err, errlen, "unknown option in '%.40s' (see --help)", a);
                    else
                        snprintf(err, errlen, "unknown option '-%c' (see --help)", *p);
                    return -1;
                }
                if (d->takes_value) {
                    if (p[1])
                        v = p + 1;
                    else if (i + 1 < argc)
                        v = argv[++i];
                    else {
                        snprintf(err, errlen, "option '-%c' needs a value", *p);
                        return -1;
                    }
                    if (apply(o, d, shown, v, err, errlen))
                        return -1;
                    break;
                }
                if (apply(o, d, shown, NULL, err, errlen))
                    return -1;
            }
        } else {
            snprintf(err, errlen, "unexpected argument '%.60s' (options start with '-')", a);
            return -1;
        }
    }
    default_thresholds(o);
    return 0;
}

int options_takes_value(const char *name)
{
    const opt_def_t *d = name[0] && !name[1] ? find_short(name[0]) : find_long(name, strlen(name));

    return d ? d->takes_value : -1;
}

void options_free(options_t *o)
{
    free((void *)o->scopes);
    free((void *)o->excludes);
    o->scopes = o->excludes = NULL;
    o->nscopes = o->nexcludes = 0;
}

const char *options_version(void)
{
    return "check_dhcp_scope " CDS_VERSION " (sources: isc"
#ifdef CDS_HAVE_KEA
           ", kea"
#endif
#ifdef _WIN32
           ", mswin"
#endif
           ")";
}

static const char help_text[] =
    "Checks that no DHCP scope is running out of free addresses and that the\n"
    "server's failover / HA partnership is healthy.\n"
    "\n"
    "Usage: check_dhcp_scope [--source isc|kea|mswin] [-w RANGE] [-c RANGE]\n"
    "                        [-W RANGE] [-C RANGE] [-s SCOPE]... [-x SCOPE]...\n"
    "                        [source options] [-t SECONDS] [-v]...\n"
    "\n"
    "Thresholds (each scope is checked on its own; the worst scope decides):\n"
    "  -w, --warning=RANGE         free-address % (default 20: warn below 20%)\n"
    "  -c, --critical=RANGE        free-address % (default 10: critical below 10%)\n"
    "  -W, --warning-count=RANGE   free-address count (no default)\n"
    "  -C, --critical-count=RANGE  free-address count (no default)\n"
    "  The defaults apply only when none of -w, -c, -W, -C is given.\n"
    "  RANGE is [@][START:][END] as in the Monitoring Plugins, both ends inclusive:\n"
    "  alert when the value is outside START..END ('@': inside), '~' is -infinity,\n"
    "  an empty END is +infinity. A bare number N is a lower bound (the same as\n"
    "  'N:'), as for check_disk: -w 20 warns when less than 20% is free. A '%'\n"
    "  after -w/-c values is allowed. Examples: -w 20 -c 10; -W 50: -C 10:;\n"
    "  -C @0:5 (critical with 5 or fewer free addresses).\n"
    "\n"
    "Scopes:\n"
    "  -s, --scope=SCOPE     check only this scope (repeatable): subnet address\n"
    "                        (10.0.1.0), prefix (10.0.1.0/24), source id (Kea\n"
    "                        subnet id) or exact name. A -s that matches nothing\n"
    "                        is UNKNOWN.\n"
    "  -x, --exclude=SCOPE   skip this scope (repeatable, same forms)\n"
    "      --min-size=N      skip scopes with fewer than N pool addresses\n"
    "\n"
    "Failover / HA:\n"
    "      --ignore-failover show the failover or HA state but do not let it\n"
    "                        change the result. Otherwise: normal OK, partner-down\n"
    "                        CRITICAL, any interrupted, recovering, paused or\n"
    "                        unknown state WARNING (see the manual for each source).\n"
    "      --server-share    evaluate this server's own free addresses instead of\n"
    "                        the scope-wide figure: mswin, free this / (free this\n"
    "                        + used this); isc, free this / all pool addresses.\n"
    "                        On a hot-standby standby that share is only the\n"
    "                        reserve (5% by default): set thresholds for that.\n"
    "\n"
    "Sources:\n"
    "      --source=NAME     isc (ISC dhcpd files), kea (ISC Kea) or mswin\n"
    "                        (Windows DHCP Server; the default on Windows).\n"
    "                        The default elsewhere is isc.\n"
    "  isc:\n"
    "      --config=FILE     dhcpd.conf (default /etc/dhcp/dhcpd.conf)\n"
    "      --leases=FILE     dhcpd.leases (default /var/lib/dhcp/dhcpd.leases)\n"
    "  kea:\n"
    "      --socket=PATH     kea-dhcp4 unix control socket\n"
    "      --url=URL         Kea Control Agent (http:// or https://)\n"
    "      --credentials=FILE  file holding user:password for HTTP basic auth\n"
    "      --cacert=FILE     CA bundle to verify the agent's certificate\n"
    "      --cert=FILE, --key=FILE  client certificate and key (mutual TLS)\n"
    "  mswin:\n"
    "  -H, --hostname=SERVER DHCP server name or address (default: this server)\n"
    "      --include-disabled  also check disabled scopes\n"
    "\n"
    "Output:\n"
    "  -v, --verbose         list every scope, not only those that are not OK\n"
    "      --max-output=BYTES  keep the whole output within BYTES (default 8192,\n"
    "                        Nagios 4's limit; use 1024 for NRPE / NSClient++;\n"
    "                        0 = no limit). Detail of OK scopes goes first, then\n"
    "                        their perfdata; the output says what was left out.\n"
    "  -t, --timeout=SECONDS give up with UNKNOWN after SECONDS (default 10)\n"
    "\n"
    "Options from a file:\n"
    "      --extra-opts=[SECTION][@FILE]  read the options of [SECTION] (default\n"
    "                        check_dhcp_scope) of an ini FILE where this option\n"
    "                        stands: later arguments override them, repeated -s\n"
    "                        add up. Keeps passwords and long scope lists off the\n"
    "                        command line. One 'name=value' or flag 'name' a line,\n"
    "                        e.g. 'scope=10.0.1.0'. FILE defaults to\n"
    "                        $MP_CONFIG_FILE, else the first of\n"
    "                        /etc/monitoring-plugins/monitoring-plugins.ini,\n"
    "                        /etc/nagios/plugins.ini, ... (see the manual).\n"
    "  -h, --help            this text;  -V, --version  the version\n"
    "\n"
    "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for --help and\n"
    "--version, as the Monitoring Plugins guidelines say).\n"
    "Perfdata per scope, labelled by subnet address only (stable across runs):\n"
    "'ADDR free'=PCT%;W;C;0;100 'ADDR used'=N;;;0;TOTAL; with -W/-C also\n"
    "'ADDR free count'=N;W;C;0;TOTAL; with failover 'ADDR this free'=N and\n"
    "'ADDR partner free'=N.\n";

char *options_help(void)
{
    size_t vlen = strlen(options_version());
    char *s = malloc(vlen + 2 + sizeof help_text);

    if (!s)
        return NULL;
    memcpy(s, options_version(), vlen);
    s[vlen] = '\n';
    memcpy(s + vlen + 1, help_text, sizeof help_text);
    return s;
}
