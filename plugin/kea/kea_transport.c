/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "kea_transport.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "os.h"
#include "text.h"

struct kea_conn {
    const kea_options_t *opt;
    unsigned timeout;
    int family;                      /* KEA_V4, KEA_V6, or 0 while unknown */
    int service_given;               /* --service was given */
    int send_service;                /* HTTP requests name the service */
    const char *service;             /* "dhcp4" or "dhcp6" */
    char target[256];                /* for sentences: the socket path or the URL without user:password@ */
    CURL *curl;
    int curl_global;                 /* curl_global_init succeeded */
    struct curl_slist *headers;
    char userpwd[512];
    char curl_err[CURL_ERROR_SIZE];
};

/* libcurl, loaded only when --url needs it: most checks use the unix socket,
 * and loading libcurl with the thirty-odd libraries it links (TLS, HTTP/2,
 * LDAP, SSH, IDN ...) costs every run about 3 ms of CPU, a fifth of what a
 * check of 1,000 subnets costs in all (bench/bench_kea.py). */
static struct {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *curl);
    CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *curl);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} kc;

#define KEA_LIBCURL "libcurl.so.4"

static int curl_load(char *err, size_t errlen)
{
    static const char *const names[] = { "curl_global_init", "curl_global_cleanup", "curl_easy_init",
                                         "curl_easy_setopt", "curl_easy_perform", "curl_easy_getinfo",
                                         "curl_easy_cleanup", "curl_easy_strerror", "curl_slist_append",
                                         "curl_slist_free_all" };
    void *syms[sizeof names / sizeof names[0]];
    void *lib;

    if (kc.global_init)
        return 0;
    /* Kept loaded until the process ends, as a linked library would be. */
    lib = dlopen(KEA_LIBCURL, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(err, errlen, "--url needs libcurl (%s), which cannot be loaded: %s", KEA_LIBCURL, dlerror());
        return -1;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        syms[i] = dlsym(lib, names[i]);
        if (!syms[i]) {
            snprintf(err, errlen, "%s lacks %s", KEA_LIBCURL, names[i]);
            return -1;
        }
    }
    /* POSIX lets a dlsym result become a function pointer (XSH dlsym). */
    memcpy(&kc.global_init, &syms[0], sizeof syms[0]);
    memcpy(&kc.global_cleanup, &syms[1], sizeof syms[1]);
    memcpy(&kc.easy_init, &syms[2], sizeof syms[2]);
    memcpy(&kc.easy_setopt, &syms[3], sizeof syms[3]);
    memcpy(&kc.easy_perform, &syms[4], sizeof syms[4]);
    memcpy(&kc.easy_getinfo, &syms[5], sizeof syms[5]);
    memcpy(&kc.easy_cleanup, &syms[6], sizeof syms[6]);
    memcpy(&kc.easy_strerror, &syms[7], sizeof syms[7]);
    memcpy(&kc.slist_append, &syms[8], sizeof syms[8]);
    memcpy(&kc.slist_free_all, &syms[9], sizeof syms[9]);
    return 0;
}

/* One reply on its way in: where its bytes go, and how many came. */
typedef struct kea_in {
    kea_call_t *call;
    size_t got;
    int too_large;                   /* past KEA_REPLY_MAX */
    int stopped;                     /* the sink wants no more: the reply cannot be valid */
} kea_in_t;

/* Hands n bytes to the call's sink; -1 when reading must stop. */
static int take(kea_in_t *in, const char *data, size_t n)
{
    if (in->stopped)
        return 0;
    if (n > KEA_REPLY_MAX - in->got) {
        in->too_large = 1;
        return -1;
    }
    in->got += n;
    if (in->call->sink(in->call->ctx, data, n) != 0)
        in->stopped = 1;
    return 0;
}

/* The URL as it may be shown: without any user:password@. */
static void redact_url(const char *url, char *out, size_t len)
{
    const char *scheme = strstr(url, "://");
    const char *host = scheme ? scheme + 3 : url;
    const char *end = host + strcspn(host, "/?#");
    const char *at = NULL;

    for (const char *p = host; p < end; p++)
        if (*p == '@')
            at = p;
    if (!at) {
        text_copy(out, len, url);
        return;
    }
    snprintf(out, len, "%.*s%s", (int)(host - url), url, at + 1);
}

/* The first line of the credentials file, "user:password", into c->userpwd. */
static int read_credentials(kea_conn_t *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f) {
        snprintf(err, errlen, "cannot read the credentials file %s: %s", path, strerror(errno));
        return -1;
    }
    if (!fgets(c->userpwd, sizeof c->userpwd, f))
        c->userpwd[0] = '\0';
    fclose(f);
    n = strcspn(c->userpwd, "\r\n");
    c->userpwd[n] = '\0';
    if (n == 0 || !strchr(c->userpwd, ':') || c->userpwd[0] == ':') {
        memset(c->userpwd, 0, sizeof c->userpwd);
        snprintf(err, errlen, "the credentials file %s must hold user:password on its first line", path);
        return -1;
    }
    return 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
    kea_in_t *in = userdata;

    if (take(in, data, size * nmemb) != 0)
        return 0;
    return size * nmemb;
}

static int http_setup(kea_conn_t *c, char *err, size_t errlen)
{
    const kea_options_t *opt = c->opt;

    if (strncmp(opt->url, "http://", 7) != 0 && strncmp(opt->url, "https://", 8) != 0) {
        snprintf(err, errlen, "--url must start with http:// or https:// (the Kea Control Agent, or a Kea daemon's "
                 "own HTTP control socket), not '%.60s'", c->target);
        return -1;
    }
    if (opt->credentials && read_credentials(c, opt->credentials, err, errlen) != 0)
        return -1;
    if (curl_load(err, errlen) != 0)
        return -1;
    c->curl_global = kc.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!c->curl_global || !(c->curl = kc.easy_init())) {
        snprintf(err, errlen, "cannot initialise libcurl");
        return -1;
    }
    c->headers = kc.slist_append(NULL, "Content-Type: application/json");
    if (!c->headers) {
        snprintf(err, errlen, "out of memory while preparing the HTTP request");
        return -1;
    }
    kc.easy_setopt(c->curl, CURLOPT_URL, opt->url);
#if LIBCURL_VERSION_NUM >= 0x075500
    kc.easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    kc.easy_setopt(c->curl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    kc.easy_setopt(c->curl, CURLOPT_HTTPHEADER, c->headers);
    kc.easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->curl_err);
    /* The SIGALRM watchdog is the main guard, and its message names the
     * stage; libcurl must not use signals of its own, and its timeout (like
     * the socket's) is a second guard a second later. */
    kc.easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
    if (c->timeout)
        kc.easy_setopt(c->curl, CURLOPT_TIMEOUT, (long)c->timeout + 1);
    kc.easy_setopt(c->curl, CURLOPT_SSL_VERIFYPEER, 1L);
    kc.easy_setopt(c->curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (opt->cacert)
        kc.easy_setopt(c->curl, CURLOPT_CAINFO, opt->cacert);
    if (opt->cert)
        kc.easy_setopt(c->curl, CURLOPT_SSLCERT, opt->cert);
    if (opt->key)
        kc.easy_setopt(c->curl, CURLOPT_SSLKEY, opt->key);
    if (c->userpwd[0]) {
        kc.easy_setopt(c->curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        kc.easy_setopt(c->curl, CURLOPT_USERPWD, c->userpwd);
    }
    return 0;
}

kea_conn_t *kea_conn_open(const kea_options_t *opt, unsigned timeout, char *err, size_t errlen)
{
    kea_conn_t *c;

    if (!!opt->socket == !!opt->url) {
        snprintf(err, errlen, "the kea source needs exactly one of --socket PATH (a Kea daemon's unix control "
                 "socket) or --url URL (the Kea Control Agent, or a daemon's own HTTP control socket)");
        return NULL;
    }
    if (opt->socket && (opt->credentials || opt->cacert || opt->cert || opt->key)) {
        snprintf(err, errlen, "--credentials, --cacert, --cert and --key apply only to --url (HTTP), not to "
                 "--socket");
        return NULL;
    }
    if (opt->service && strcmp(opt->service, "dhcp4") != 0 && strcmp(opt->service, "dhcp6") != 0) {
        snprintf(err, errlen, "--service must be dhcp4 or dhcp6, not '%.40s'", opt->service);
        return NULL;
    }
    if (opt->key && !opt->cert) {
        snprintf(err, errlen, "--key needs --cert (the client certificate it belongs to)");
        return NULL;
    }
    c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->opt = opt;
    c->timeout = timeout;
    c->service_given = opt->service != NULL;
    c->service = opt->service ? opt->service : "dhcp4";
    if (opt->service)
        c->family = strcmp(opt->service, "dhcp6") == 0 ? KEA_V6 : KEA_V4;
    if (opt->socket) {
        text_copy(c->target, sizeof c->target, opt->socket);
        return c;
    }
    redact_url(opt->url, c->target, sizeof c->target);
    /* The Control Agent needs a service to forward to; without --service it
     * is kea-dhcp4, whose name sentences then use. */
    c->send_service = 1;
    c->family = c->family ? c->family : KEA_V4;
    if (http_setup(c, err, errlen) != 0) {
        kea_conn_close(c);
        return NULL;
    }
    return c;
}

const char *kea_conn_daemon(const kea_conn_t *c)
{
    if (c->family == KEA_V6)
        return "kea-dhcp6";
    if (c->family == KEA_V4)
        return "kea-dhcp4";
    return "Kea (kea-dhcp4 or kea-dhcp6)";
}

void kea_conn_set_family(kea_conn_t *c, int family)
{
    c->family = family;
}

int kea_conn_parallel(const kea_conn_t *c)
{
    return c->curl == NULL;
}

int kea_conn_service_given(const kea_conn_t *c)
{
    return c->service_given;
}

int kea_conn_sends_service(const kea_conn_t *c)
{
    return c->send_service;
}

void kea_conn_drop_service(kea_conn_t *c)
{
    c->send_service = 0;
}

const char *kea_conn_target(const kea_conn_t *c)
{
    return c->target;
}

void kea_conn_down_sentence(const kea_conn_t *c, const char *agent_words, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s is not running or not answering on %s (the Kea Control Agent there says: %s)",
             kea_conn_daemon(c), c->target, agent_words);
}

/* A socket that is missing or refuses: the daemon is not running. */
static int connect_error(const kea_conn_t *c, int e, char *err, size_t errlen)
{
    switch (e) {
    case ENOENT:
        snprintf(err, errlen, "%s is not running or not answering on %s (the socket does not exist; if the "
                 "daemon runs, this is not the socket-name of its control socket)", kea_conn_daemon(c), c->target);
        return SOURCE_DOWN;
    case ECONNREFUSED:
        snprintf(err, errlen, "%s is not running or not answering on %s (connection refused: the socket file "
                 "was left behind, or it is not Kea's)", kea_conn_daemon(c), c->target);
        return SOURCE_DOWN;
    case EACCES:
    case EPERM:
        snprintf(err, errlen, "permission denied on the Kea control socket %s (run the plugin as a user "
                 "that may write to it)", c->target);
        return SOURCE_ERROR;
    default:
        snprintf(err, errlen, "cannot connect to the Kea control socket %s: %s", c->target, strerror(e));
        return SOURCE_ERROR;
    }
}

/* connect() interrupted by a signal goes on in the background: wait for it. */
static int connect_unix(int fd, const struct sockaddr_un *sa)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int e = 0;
    socklen_t elen = sizeof e;

    if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) == 0)
        return 0;
    if (errno != EINTR && errno != EINPROGRESS)
        return -1;
    while (poll(&pfd, 1, -1) < 0)
        if (errno != EINTR)
            return -1;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) != 0)
        return -1;
    errno = e;
    return e ? -1 : 0;
}

/* Connects to the socket and sends one command: the fd, or -1 with a sentence. */
static int unix_send(kea_conn_t *c, const char *command, int *rc, char *err, size_t errlen)
{
    struct sockaddr_un sa;
    char req[128];
    size_t reqlen, sent = 0;
    int fd;

    *rc = SOURCE_ERROR;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(c->opt->socket) >= sizeof sa.sun_path) {
        snprintf(err, errlen, "the Kea control socket path %s is longer than a unix socket path may be "
                 "(%zu bytes)", c->target, sizeof sa.sun_path - 1);
        return -1;
    }
    memcpy(sa.sun_path, c->opt->socket, strlen(c->opt->socket));
    reqlen = (size_t)snprintf(req, sizeof req, "{ \"command\": \"%s\" }", command);

    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a unix socket: %s", strerror(errno));
        return -1;
    }
    if (connect_unix(fd, &sa) != 0) {
        *rc = connect_error(c, errno, err, errlen);
        close(fd);
        return -1;
    }
    while (sent < reqlen) {
        ssize_t n = send(fd, req + sent, reqlen - sent, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errlen, "cannot send %s to the Kea control socket %s: %s", command, c->target,
                     errno == EPIPE || errno == ECONNRESET ? "Kea closed the connection" : strerror(errno));
            close(fd);
            return -1;
        }
        sent += (size_t)n;
    }
    /* Replies are read as they come, from all the connections at once. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The first reply still coming names the wait. */
static void unix_stage(const kea_conn_t *c, const kea_in_t *in, const int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (fds[i] >= 0) {
            os_stage("waiting for Kea's reply to %s on %s", in[i].call->command, c->target);
            return;
        }
    }
}

/* Reads what arrived on one connection: 1 when its reply is complete, 0 to
 * go on, -1 with a sentence. */
static int unix_read(kea_conn_t *c, kea_in_t *in, int fd, char *buf, size_t buflen, char *err, size_t errlen)
{
    for (;;) {
        ssize_t n = recv(fd, buf, buflen, 0);

        if (n == 0) {
            if (in->got == 0) {
                snprintf(err, errlen, "%s closed the control socket %s without answering %s", kea_conn_daemon(c),
                         c->target, in->call->command);
                return -1;
            }
            return 1;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        if (n < 0) {
            if (errno == ECONNRESET)
                snprintf(err, errlen, "%s reset the connection on %s while answering %s (after %zu bytes)",
                         kea_conn_daemon(c), c->target, in->call->command, in->got);
            else
                snprintf(err, errlen, "cannot read Kea's reply to %s from %s: %s", in->call->command, c->target,
                         strerror(errno));
            return -1;
        }
        if (take(in, buf, (size_t)n) != 0) {
            snprintf(err, errlen, "Kea's reply to %s is larger than %zu MiB; refusing to read more",
                     in->call->command, KEA_REPLY_MAX >> 20);
            return -1;
        }
        /* A sink that wants no more: its decoder will say why. */
        if (in->stopped)
            return 1;
    }
}

/* Every command on a connection of its own, sent at once: kea-dhcp4 and
 * kea-dhcp6 answer them one after the other, and each reply is parsed while
 * the next is prepared or still streaming in. */
static int unix_batch(kea_conn_t *c, kea_call_t *calls, size_t n, char *err, size_t errlen)
{
    static char buf[256 * 1024];
    kea_in_t in[KEA_BATCH_MAX];
    int fds[KEA_BATCH_MAX];
    size_t open_fds = 0;
    double deadline = now_ms() + ((double)c->timeout + 1) * 1000.0;
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        fds[i] = -1;
        memset(&in[i], 0, sizeof in[i]);
        in[i].call = &calls[i];
    }
    for (size_t i = 0; i < n; i++) {
        os_stage("sending %s to %s", calls[i].command, c->target);
        fds[i] = unix_send(c, calls[i].command, &rc, err, errlen);
        if (fds[i] < 0)
            goto out;
        open_fds++;
    }
    rc = 0;
    while (open_fds > 0) {
        struct pollfd pfd[KEA_BATCH_MAX];
        size_t idx[KEA_BATCH_MAX], np = 0;
        double left = deadline - now_ms();
        int ready;

        for (size_t i = 0; i < n; i++) {
            if (fds[i] >= 0) {
                pfd[np].fd = fds[i];
                pfd[np].events = POLLIN;
                pfd[np].revents = 0;
                idx[np++] = i;
            }
        }
        unix_stage(c, in, fds, n);
        if (c->timeout && left <= 0) {
            snprintf(err, errlen, "%s did not answer %s within %u s on %s", kea_conn_daemon(c),
                     in[idx[0]].call->command, c->timeout + 1, c->target);
            rc = SOURCE_ERROR;
            goto out;
        }
        ready = poll(pfd, (nfds_t)np, c->timeout ? (int)left + 1 : -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0) {
            snprintf(err, errlen, "cannot wait for Kea's replies on %s: %s", c->target, strerror(errno));
            rc = SOURCE_ERROR;
            goto out;
        }
        for (size_t k = 0; k < np; k++) {
            size_t i = idx[k];
            int done;

            if (!pfd[k].revents)
                continue;
            done = unix_read(c, &in[i], fds[i], buf, sizeof buf, err, errlen);
            if (done < 0) {
                rc = SOURCE_ERROR;
                goto out;
            }
            if (done) {
                close(fds[i]);
                fds[i] = -1;
                open_fds--;
            }
        }
    }
out:
    for (size_t i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    return rc;
}

/* A failed transfer. A refused connection means nothing listens there: for a
 * Kea daemon serving HTTP itself (2.7.2+, the only way from 3.1.8 on) that is
 * the daemon being down; behind a Control Agent it is the agent. */
static int curl_error(const kea_conn_t *c, CURLcode rc, const char *command, const kea_in_t *reply,
                      char *err, size_t errlen)
{
    const char *detail = c->curl_err[0] ? c->curl_err : kc.easy_strerror(rc);

    switch (rc) {
    case CURLE_COULDNT_CONNECT:
        snprintf(err, errlen, "%s is not running or not answering on %s (%s; with a Kea Control Agent there, the "
                 "agent is not running)", kea_conn_daemon(c), c->target, detail);
        return SOURCE_DOWN;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(err, errlen, "cannot resolve the host of the Kea URL %s (%s)", c->target, detail);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(err, errlen, "Kea at %s did not answer %s within %u s", c->target, command, c->timeout + 1);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        snprintf(err, errlen, "the TLS certificate of Kea at %s failed verification (%s); give the CA that "
                 "signed it with --cacert", c->target, detail);
        break;
    case CURLE_SSL_CACERT_BADFILE:
        if (c->opt->cacert)
            snprintf(err, errlen, "cannot use the CA file given with --cacert (%s)", detail);
        else
            snprintf(err, errlen, "this host has no usable CA bundle to verify Kea at %s (%s); install "
                     "ca-certificates or give the CA with --cacert", c->target, detail);
        break;
    case CURLE_SSL_CERTPROBLEM:
        snprintf(err, errlen, "cannot use the client certificate given with --cert / --key (%s)", detail);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        snprintf(err, errlen, "the TLS handshake with Kea at %s failed (%s)%s", c->target, detail,
                 c->opt->cert ? "" : "; if it requires client certificates, give --cert and --key");
        break;
    case CURLE_GOT_NOTHING:
        snprintf(err, errlen, "Kea at %s closed the connection without answering %s%s", c->target, command,
                 strncmp(c->target, "http://", 7) == 0 ? " (if it serves TLS, use https://)" : "");
        break;
    case CURLE_RECV_ERROR:
        /* TLS 1.3 reports a missing client certificate after the handshake. */
        if (strstr(detail, "certificate required")) {
            snprintf(err, errlen, "Kea at %s requires a client certificate (%s)%s", c->target, detail,
                     c->opt->cert ? "" : ": give --cert and --key");
            break;
        }
        /* fall through */
    case CURLE_SEND_ERROR:
        snprintf(err, errlen, "the connection to Kea at %s broke during %s (%s)", c->target, command, detail);
        break;
    case CURLE_WRITE_ERROR:
        if (reply->too_large) {
            snprintf(err, errlen, "Kea's reply to %s is larger than %zu MiB; refusing to read more", command,
                     KEA_REPLY_MAX >> 20);
            break;
        }
        /* fall through */
    default:
        snprintf(err, errlen, "cannot send %s to Kea at %s: %s", command, c->target, detail);
    }
    return SOURCE_ERROR;
}

static int http_command(kea_conn_t *c, kea_in_t *in, char *err, size_t errlen)
{
    const char *command = in->call->command;
    char req[160];
    long status = 0;
    CURLcode rc;

    if (c->send_service)
        snprintf(req, sizeof req, "{ \"command\": \"%s\", \"service\": [ \"%s\" ] }", command, c->service);
    else
        snprintf(req, sizeof req, "{ \"command\": \"%s\" }", command);
    c->curl_err[0] = '\0';
    kc.easy_setopt(c->curl, CURLOPT_POSTFIELDS, req);
    kc.easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
    kc.easy_setopt(c->curl, CURLOPT_WRITEDATA, in);
    os_stage("sending %s to %s", command, c->target);
    rc = kc.easy_perform(c->curl);
    if (rc != CURLE_OK)
        return curl_error(c, rc, command, in, err, errlen);
    kc.easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status == 401 || status == 403) {
        if (c->userpwd[0])
            snprintf(err, errlen, "Kea at %s rejected the credentials from %s (HTTP %ld)", c->target,
                     c->opt->credentials, status);
        else
            snprintf(err, errlen, "Kea at %s requires credentials (HTTP %ld): give --credentials FILE holding "
                     "user:password", c->target, status);
        return SOURCE_ERROR;
    }
    if (status != 200) {
        snprintf(err, errlen, "Kea at %s answered %s with HTTP status %ld", c->target, command, status);
        return SOURCE_ERROR;
    }
    if (in->got == 0) {
        snprintf(err, errlen, "Kea at %s sent an empty reply to %s", c->target, command);
        return SOURCE_ERROR;
    }
    return 0;
}

int kea_conn_batch(kea_conn_t *c, kea_call_t *calls, size_t n, char *err, size_t errlen)
{
    if (n > KEA_BATCH_MAX) {
        snprintf(err, errlen, "too many Kea commands at once (%zu)", n);
        return SOURCE_ERROR;
    }
    if (!c->curl)
        return unix_batch(c, calls, n, err, errlen);
    /* Over HTTP one after the other on one (kept-alive) connection: parallel
     * connections would each cost a TLS handshake. */
    for (size_t i = 0; i < n; i++) {
        kea_in_t in;
        int rc;

        memset(&in, 0, sizeof in);
        in.call = &calls[i];
        rc = http_command(c, &in, err, errlen);
        if (rc != 0)
            return rc;
    }
    return 0;
}

void kea_conn_close(kea_conn_t *c)
{
    if (!c)
        return;
    if (c->curl)
        kc.easy_cleanup(c->curl);
    if (c->curl_global)
        kc.global_cleanup();
    if (c->headers)
        kc.slist_free_all(c->headers);
    memset(c->userpwd, 0, sizeof c->userpwd);
    free(c);
}
