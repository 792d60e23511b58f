/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "msrpc_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEVENT_DEPRECATED 1 /* tevent_loop_allow_nesting() */
#include <core/ntstatus.h>
#include <credentials.h>
#include <dcerpc.h>
#include <param.h>
#include <tevent.h>

#include "mswin_map.h"
#include "msrpc_creds.h"
#include "msrpc_krb5.h"
#include "os.h"
#include "readfile.h"
#include "source.h"

/* Calls in flight at once: enough to fill a long, fast link, few enough that
 * a server is never sent thousands of requests in one burst. */
#define MSRPC_WINDOW 128
/* Samba's own per-call timer kills the whole connection when it fires: it
 * is set past any -t, so that only the watchdog decides. */
#define MSRPC_LIBRARY_TIMEOUT (86400u + 3600u)
/* How often the connect stage is looked at (to name it, and to set
 * TCP_NODELAY once the socket is up). */
#define MSRPC_TICK_USEC 5000

enum stage { ST_EPM_TCP, ST_EPM_CALL, ST_TCP, ST_BIND, ST_ALTER };

struct msrpc {
    struct tevent_context *ev;
    struct loadparm_context *lp;
    struct cli_credentials *creds;
    struct dcerpc_pipe *pipe[2];     /* dhcpsrv, dhcpsrv2 */
    const char *host;                /* -H */
    char ip[INET6_ADDRSTRLEN];
    struct sockaddr_storage peer;    /* ip, and the port being connected to */
    unsigned port;                   /* the DHCP server's */
    int kerberos;                    /* logging on with Kerberos */
    const char *credentials;         /* the file, for sentences */
    msrpc_krb5_info_t krb;
    char account[300];
    int verbose;
    int saved_stderr, log_fd;        /* Samba's log goes to log_fd */
    struct tevent_timer *tick;
    int tcp_up;                      /* the socket being watched has connected */
    char stage_bind[800];            /* os_stage text once it has */
    int auth_type, auth_level;       /* what the last sealed bind negotiated */
    size_t inflight, completed;
    unsigned seq;
};

static const struct ndr_interface_string_array no_tcp_endpoints = {
    1, (const char *const[]){ "ncacn_np:[\\pipe\\dhcpserver]" }
};
static const struct ndr_interface_string_array epm_endpoints = {
    1, (const char *const[]){ "ncacn_ip_tcp:[135]" }
};
static const struct ndr_interface_string_array host_service = { 1, (const char *const[]){ "host" } };

/* Only the syntax ids matter: every call is a raw call with our own NDR
 * (dhcpm_ndr.c); the endpoints list has no ncacn_ip_tcp entry so that Samba
 * never guesses a port of its own. */
static const struct ndr_interface_table dhcpsrv_table = {
    .name = "dhcpsrv",
    .syntax_id = { { 0x6bffd098, 0xa112, 0x3610, { 0x98, 0x33 }, { 0x46, 0xc3, 0xf8, 0x74, 0x53, 0x2d } }, 1 },
    .endpoints = &no_tcp_endpoints,
    .authservices = &host_service,
};
static const struct ndr_interface_table dhcpsrv2_table = {
    .name = "dhcpsrv2",
    .syntax_id = { { 0x5b821720, 0xf63b, 0x11d0, { 0xaa, 0xd2 }, { 0x00, 0xc0, 0x4f, 0xc3, 0x24, 0xdb } }, 1 },
    .endpoints = &no_tcp_endpoints,
    .authservices = &host_service,
};
static const struct ndr_interface_table epm_table = {
    .name = "epmapper",
    .syntax_id = { { 0xe1af8308, 0x5d1f, 0x11c9, { 0x91, 0xa4 }, { 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa } }, 3 },
    .endpoints = &epm_endpoints,
    .authservices = &host_service,
};

TALLOC_CTX *msrpc_mem(msrpc_t *m)
{
    return m;
}

const char *msrpc_account(const msrpc_t *m)
{
    return m->account;
}

const char *msrpc_host(const msrpc_t *m)
{
    return m->host;
}

/* Samba's libraries print their DEBUG lines on stderr, and the plugin's
 * stderr is the monitoring system's: they go to an anonymous file instead,
 * read back for clues when a step fails and shown with -vvv. */
static void capture_stderr(msrpc_t *m)
{
    m->saved_stderr = -1;
    m->log_fd = memfd_create("cds-samba-log", MFD_CLOEXEC);
    if (m->log_fd < 0)
        m->log_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (m->log_fd < 0)
        return;
    fflush(stderr);
    m->saved_stderr = fcntl(2, F_DUPFD_CLOEXEC, 3);
    if (m->saved_stderr >= 0)
        dup2(m->log_fd, 2);
}

static void restore_stderr(msrpc_t *m)
{
    char buf[4096];
    ssize_t n;
    off_t off = 0;

    if (m->saved_stderr >= 0) {
        fflush(stderr);
        dup2(m->saved_stderr, 2);
        close(m->saved_stderr);
        m->saved_stderr = -1;
    }
    if (m->log_fd < 0)
        return;
    if (m->verbose >= 3)
        while ((n = pread(m->log_fd, buf, sizeof buf, off)) > 0) {
            if (write(2, buf, (size_t)n) != n)
                break;
            off += n;
        }
    close(m->log_fd);
    m->log_fd = -1;
}

/* Whether Samba's log so far mentions text (case-sensitive). */
static int log_mentions(const msrpc_t *m, const char *text)
{
    char buf[8192];
    size_t keep = strlen(text);
    off_t off = 0;
    ssize_t n;

    if (m->log_fd < 0 || keep == 0 || keep >= sizeof buf / 2)
        return 0;
    while ((n = pread(m->log_fd, buf, sizeof buf - 1, off)) > 0) {
        buf[n] = '\0';
        if (strstr(buf, text))
            return 1;
        if ((size_t)n <= keep)
            break;
        off += n - (ssize_t)keep;
    }
    return 0;
}

/* A connected TCP socket of this process to peer: Samba keeps its sockets
 * to itself, and the plugin has no others. */
static int find_socket(const struct sockaddr_storage *peer)
{
    for (int fd = 3; fd < 1024; fd++) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        int type = 0;
        socklen_t tl = sizeof type;

        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) != 0 || type != SOCK_STREAM)
            continue;
        if (getpeername(fd, (struct sockaddr *)&ss, &sl) != 0 || ss.ss_family != peer->ss_family)
            continue;
        if (ss.ss_family == AF_INET) {
            const struct sockaddr_in *a = (const void *)&ss, *b = (const void *)peer;

            if (a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr)
                return fd;
        } else if (ss.ss_family == AF_INET6) {
            const struct sockaddr_in6 *a = (const void *)&ss, *b = (const void *)peer;

            if (a->sin6_port == b->sin6_port && memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr) == 0)
                return fd;
        }
    }
    return -1;
}

static void set_peer_port(msrpc_t *m, unsigned port)
{
    if (m->peer.ss_family == AF_INET)
        ((struct sockaddr_in *)&m->peer)->sin_port = htons((uint16_t)port);
    else
        ((struct sockaddr_in6 *)&m->peer)->sin6_port = htons((uint16_t)port);
}

/* Samba never sets TCP_NODELAY; without it a small request waits for the
 * ACK of the one before (Nagle), which costs a round trip per batch. Once
 * the socket is up the stage moves on from "connecting" to "logging on". */
static void tick(struct tevent_context *ev, struct tevent_timer *te, struct timeval now, void *priv)
{
    msrpc_t *m = priv;
    int fd;

    (void)te;
    (void)now;
    m->tick = NULL;
    if (!m->tcp_up && (fd = find_socket(&m->peer)) >= 0) {
        int one = 1;

        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m->tcp_up = 1;
        if (m->stage_bind[0])
            os_stage("%s", m->stage_bind);
        return;
    }
    m->tick = tevent_add_timer(ev, m, tevent_timeval_current_ofs(0, MSRPC_TICK_USEC), tick, m);
}

static void watch_connect(msrpc_t *m, unsigned port, const char *bind_stage)
{
    set_peer_port(m, port);
    m->tcp_up = 0;
    snprintf(m->stage_bind, sizeof m->stage_bind, "%s", bind_stage ? bind_stage : "");
    TALLOC_FREE(m->tick);
    m->tick = tevent_add_timer(m->ev, m, tevent_timeval_current_ofs(0, MSRPC_TICK_USEC), tick, m);
}

static void unwatch(msrpc_t *m)
{
    int fd;

    TALLOC_FREE(m->tick);
    if (!m->tcp_up && (fd = find_socket(&m->peer)) >= 0) {
        int one = 1;

        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m->tcp_up = 1;
    }
}

static int is_address(const char *host)
{
    unsigned char buf[sizeof(struct in6_addr)];

    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

static int resolve(msrpc_t *m, char *err, size_t errlen)
{
    struct addrinfo hints = { 0 }, *res = NULL, *ai;
    int rc;

    os_stage("resolving %s", m->host);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    rc = getaddrinfo(m->host, NULL, &hints, &res);
    if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME || rc == EAI_NODATA) {
        hints.ai_flags = 0;
        rc = getaddrinfo(m->host, NULL, &hints, &res);
    }
    if (rc != 0) {
        snprintf(err, errlen, "the server name %s cannot be resolved (%s): check -H and DNS", m->host,
                 gai_strerror(rc));
        return rc == EAI_AGAIN ? SOURCE_DOWN : SOURCE_ERROR;
    }
    for (ai = res; ai && ai->ai_family != AF_INET && ai->ai_family != AF_INET6; ai = ai->ai_next)
        ;
    if (!ai) {
        freeaddrinfo(res);
        snprintf(err, errlen, "the server name %s has no IPv4 or IPv6 address: check -H and DNS", m->host);
        return SOURCE_ERROR;
    }
    memcpy(&m->peer, ai->ai_addr, ai->ai_addrlen);
    if (ai->ai_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, m->ip, sizeof m->ip);
    else
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, m->ip, sizeof m->ip);
    freeaddrinfo(res);
    return 0;
}

/* "HOST" or "HOST (IP)" when -H was a name. */
static const char *where(const msrpc_t *m, char *buf, size_t len)
{
    if (strcmp(m->host, m->ip) == 0)
        snprintf(buf, len, "%s", m->host);
    else
        snprintf(buf, len, "%s (%s)", m->host, m->ip);
    return buf;
}

static struct dcerpc_binding *binding(msrpc_t *m, unsigned port, int seal)
{
    struct dcerpc_binding *b = NULL;
    char text[160];

    snprintf(text, sizeof text, "ncacn_ip_tcp:%s[%u%s]", strchr(m->ip, ':') ? "localhost" : m->ip, port,
             seal ? ",seal" : "");
    if (!NT_STATUS_IS_OK(dcerpc_parse_binding(m, text, &b)))
        return NULL;
    if (strchr(m->ip, ':') && !NT_STATUS_IS_OK(dcerpc_binding_set_string_option(b, "host", m->ip)))
        return NULL;
    /* Kerberos asks for a ticket for host/NAME: the name -H gave, not the address. */
    if (seal && !is_address(m->host) && !NT_STATUS_IS_OK(dcerpc_binding_set_string_option(b, "target_hostname", m->host)))
        return NULL;
    return b;
}

/* One raw call, run to its end. */
typedef struct one_call {
    int done;
    NTSTATUS status;
    uint8_t *out;
    size_t len;
    TALLOC_CTX *mem;
} one_call_t;

static void one_done(struct tevent_req *req)
{
    one_call_t *c = tevent_req_callback_data_void(req);
    uint32_t flags = 0;

    c->status = dcerpc_binding_handle_raw_call_recv(req, c->mem, &c->out, &c->len, &flags);
    c->done = 1;
    talloc_free(req);
}

static int logon_failure(NTSTATUS st)
{
    return NT_STATUS_EQUAL(st, NT_STATUS_LOGON_FAILURE) || NT_STATUS_EQUAL(st, NT_STATUS_WRONG_PASSWORD)
           || NT_STATUS_EQUAL(st, NT_STATUS_NO_SUCH_USER) || NT_STATUS_EQUAL(st, NT_STATUS_ACCOUNT_DISABLED)
           || NT_STATUS_EQUAL(st, NT_STATUS_ACCOUNT_LOCKED_OUT) || NT_STATUS_EQUAL(st, NT_STATUS_PASSWORD_EXPIRED)
           || NT_STATUS_EQUAL(st, NT_STATUS_PASSWORD_MUST_CHANGE)
           || NT_STATUS_EQUAL(st, NT_STATUS_ACCOUNT_RESTRICTION)
           || NT_STATUS_EQUAL(st, NT_STATUS_INVALID_LOGON_HOURS)
           || NT_STATUS_EQUAL(st, NT_STATUS_INVALID_WORKSTATION)
           || NT_STATUS_EQUAL(st, NT_STATUS_ACCOUNT_EXPIRED);
}

static int skewed(const msrpc_t *m, NTSTATUS st)
{
    return NT_STATUS_EQUAL(st, NT_STATUS_TIME_DIFFERENCE_AT_DC)
           || (m->kerberos && m->krb.skew_known && (m->krb.skew > 300 || m->krb.skew < -300))
           || (m->kerberos && (log_mentions(m, "Clock skew too great") || log_mentions(m, "KRB_AP_ERR_SKEW")));
}

/* Why connecting failed, as a sentence; SOURCE_DOWN when nothing answers. */
static int connect_failed(msrpc_t *m, NTSTATUS st, enum stage stage, unsigned port, char *err, size_t errlen)
{
    char w[300];
    const char *rule = stage <= ST_EPM_CALL ? "DHCP Server (RPC-EPMAP)" : "DHCP Server (RPC-In)";

    where(m, w, sizeof w);
    if (NT_STATUS_EQUAL(st, NT_STATUS_CONNECTION_REFUSED)) {
        if (stage <= ST_EPM_CALL)
            snprintf(err, errlen, "%s refuses connections on TCP port 135, the RPC endpoint mapper: it is not "
                     "a Windows server, or its firewall blocks the \"%s\" rule of the \"DHCP Server\" "
                     "rule group", w, rule);
        else
            snprintf(err, errlen, "%s refuses connections on TCP port %u, where the DHCP Server should "
                     "listen: allow the \"%s\" rule of the \"DHCP Server\" firewall rule group%s", w, port,
                     rule, m->port ? ", or check --port" : "");
        return SOURCE_DOWN;
    }
    if (NT_STATUS_EQUAL(st, NT_STATUS_HOST_UNREACHABLE) || NT_STATUS_EQUAL(st, NT_STATUS_NETWORK_UNREACHABLE)
        || (NT_STATUS_EQUAL(st, NT_STATUS_IO_TIMEOUT) && !m->tcp_up)) {
        snprintf(err, errlen, "cannot reach %s on TCP port %u (%s): check that the server is up and that its "
                 "firewall allows RPC (the \"DHCP Server\" rule group: \"%s\")", w, port,
                 NT_STATUS_EQUAL(st, NT_STATUS_IO_TIMEOUT) ? "no answer" : "no route to it", rule);
        return SOURCE_DOWN;
    }
    if (NT_STATUS_EQUAL(st, NT_STATUS_IO_TIMEOUT)) {
        snprintf(err, errlen, "%s took TCP port %u but did not answer the RPC %s within 60 s", w, port,
                 stage == ST_BIND ? "bind (the log-on)" : "request");
        return SOURCE_ERROR;
    }
    if (stage == ST_BIND && skewed(m, st)) {
        char by[80] = "";

        if (m->krb.skew_known && (m->krb.skew > 300 || m->krb.skew < -300))
            snprintf(by, sizeof by, " (the domain's clock is %ld s %s of this host's)", labs(m->krb.skew),
                     m->krb.skew > 0 ? "ahead" : "behind");
        snprintf(err, errlen, "Kerberos log-on to %s as %s failed: this host's clock differs from the domain's "
                 "by more than Kerberos allows (5 minutes)%s; synchronise it (chrony or systemd-timesyncd "
                 "with the domain controllers)", w, m->account, by);
        return SOURCE_ERROR;
    }
    if (stage == ST_BIND && logon_failure(st)) {
        if (m->kerberos)
            snprintf(err, errlen, "logon failure at %s with Kerberos as %s (%s): the server refused the "
                     "ticket; check that -H is the server's DNS name as the domain knows it, that the "
                     "ticket is for that domain, and that this host's clock is within 5 minutes of the "
                     "domain's", w, m->account, nt_errstr(st));
        else
            snprintf(err, errlen, "logon failure at %s as %s (%s): wrong user name or password in %s, or the "
                     "account is disabled, locked out or its password expired", w, m->account,
                     nt_errstr(st), m->credentials ? m->credentials : "the credentials");
        return SOURCE_ERROR;
    }
    if (stage == ST_BIND && NT_STATUS_EQUAL(st, NT_STATUS_ACCESS_DENIED)) {
        snprintf(err, errlen, "access denied by %s to %s when logging on (bind): the account may not log on "
                 "over the network there", w, m->account);
        return SOURCE_ERROR;
    }
    if (NT_STATUS_EQUAL(st, NT_STATUS_RPC_UNSUPPORTED_NAME_SYNTAX)) {
        snprintf(err, errlen, "the RPC server on %s TCP port %u does not offer the DHCP Server Management "
                 "interface (MS-DHCPM)%s", w, port, m->port ? ": check --port" : "");
        return SOURCE_ERROR;
    }
    if (stage == ST_BIND && m->kerberos && NT_STATUS_EQUAL(st, NT_STATUS_INVALID_PARAMETER)) {
        snprintf(err, errlen, "cannot log on to %s with Kerberos as %s: give -H as the server's DNS name "
                 "(not an address) and check that /etc/krb5.conf knows the ticket's realm", w, m->account);
        return SOURCE_ERROR;
    }
    if (stage == ST_BIND && m->kerberos && log_mentions(m, "not found in Kerberos database")) {
        snprintf(err, errlen, "cannot log on to %s with Kerberos as %s: the domain has no service principal "
                 "host/%s; give -H as the server's DNS name as the domain knows it", w, m->account, m->host);
        return SOURCE_ERROR;
    }
    snprintf(err, errlen, "cannot %s %s (TCP port %u): %s (0x%08x)",
             stage == ST_EPM_TCP ? "connect to the RPC endpoint mapper of"
             : stage == ST_EPM_CALL ? "ask the RPC endpoint mapper for the DHCP Server's port on"
             : stage == ST_TCP ? "connect to the DHCP server on"
             : stage == ST_BIND ? "log on to the DHCP server on" : "bind the DHCP server's second interface on",
             w, port, nt_errstr(st), (unsigned)NT_STATUS_V(st));
    return SOURCE_ERROR;
}

/* ept_map for dhcpsrv over p: 0 with the answer in map, or the sentence. */
static int ept_map_dhcp(msrpc_t *m, struct dcerpc_pipe *p, dhcpm_ept_map_t *map, char *err, size_t errlen)
{
    dhcpm_blob_t req;
    one_call_t c = { 0 };
    struct tevent_req *treq;
    char w[300], why[300];

    where(m, w, sizeof w);
    if (dhcpm_req_ept_map(m, DHCPM_DHCPSRV_UUID, 1, 0, 4, &req)) {
        snprintf(err, errlen, "out of memory while connecting to %s", m->host);
        return SOURCE_ERROR;
    }
    os_stage("asking the RPC endpoint mapper of %s for the DHCP Server's port (ept_map)", w);
    c.mem = m;
    treq = dcerpc_binding_handle_raw_call_send(m, m->ev, p->binding_handle, NULL, DHCPM_OP_EPT_MAP, 0, req.data,
                                               req.len);
    if (!treq) {
        snprintf(err, errlen, "out of memory while connecting to %s", m->host);
        return SOURCE_ERROR;
    }
    tevent_req_set_callback(treq, one_done, &c);
    while (!c.done)
        if (tevent_loop_once(m->ev) != 0) {
            snprintf(err, errlen, "the event loop failed while asking the endpoint mapper of %s", w);
            return SOURCE_ERROR;
        }
    if (!NT_STATUS_IS_OK(c.status))
        return connect_failed(m, c.status, ST_EPM_CALL, 135, err, errlen);
    if (dhcpm_rep_ept_map(m, c.out, c.len, map, why, sizeof why)) {
        snprintf(err, errlen, "the RPC endpoint mapper of %s: %s", w, why);
        return SOURCE_ERROR;
    }
    return 0;
}

/* The DHCP Server's port from the endpoint mapper on TCP 135, asked
 * anonymously as Windows' own clients do. */
static int ask_endpoint_mapper(msrpc_t *m, char *err, size_t errlen)
{
    struct cli_credentials *anon = cli_credentials_init_anon(m);
    struct dcerpc_binding *b = binding(m, 135, 0);
    struct dcerpc_pipe *p = NULL;
    dhcpm_ept_map_t map;
    char w[300];
    NTSTATUS st;
    int rc;

    if (!anon || !b) {
        snprintf(err, errlen, "out of memory while connecting to %s", m->host);
        return SOURCE_ERROR;
    }
    where(m, w, sizeof w);
    os_stage("connecting to the RPC endpoint mapper of %s (TCP port 135)", w);
    watch_connect(m, 135, NULL);
    st = dcerpc_pipe_connect_b(m, &p, b, &epm_table, anon, m->ev, m->lp);
    unwatch(m);
    if (!NT_STATUS_IS_OK(st))
        return connect_failed(m, st, m->tcp_up ? ST_EPM_CALL : ST_EPM_TCP, 135, err, errlen);
    rc = ept_map_dhcp(m, p, &map, err, errlen);
    talloc_free(p);
    if (rc)
        return rc;
    if (map.status == DHCPM_EPT_S_NOT_REGISTERED || (map.status == 0 && map.num_towers == 0)) {
        snprintf(err, errlen, "no DHCP server is registered with the RPC endpoint mapper of %s (error 1753, "
                 "EPT_S_NOT_REGISTERED): the DHCP Server service is not running there (Start-Service "
                 "DHCPServer), or -H names the wrong host", w);
        return SOURCE_DOWN;
    }
    if (map.status != 0 || !map.has_port || map.port == 0) {
        snprintf(err, errlen, "the RPC endpoint mapper of %s gave no TCP port for the DHCP Server (status "
                 "0x%08x): give it with --port", w, (unsigned)map.status);
        return SOURCE_ERROR;
    }
    m->port = map.port;
    return 0;
}

/* The credentials file, parsed; refused when every user may read it, since
 * it holds a password (its owner and group may). */
static int read_credentials(const char *path, msrpc_creds_t *c, char *err, size_t errlen)
{
    struct stat st;
    char *text = NULL;
    size_t len = 0;
    enum readfile_status status;
    FILE *f;
    int rc;

    os_stage("reading %s", path);
    if (!(f = fopen(path, "r")) || fstat(fileno(f), &st) != 0) {
        snprintf(err, errlen, "cannot read the credentials file %s: %s", path, strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    if (st.st_mode & (S_IROTH | S_IWOTH)) {
        fclose(f);
        snprintf(err, errlen, "the credentials file %s is readable or writable by every user (mode %04o): it "
                 "holds a password, so the plugin refuses it; chmod 600 (or 640 with the monitoring "
                 "group) it", path, (unsigned)(st.st_mode & 07777));
        return -1;
    }
    status = readfile_all(f, 65536, &text, &len);
    fclose(f);
    if (status != READFILE_OK) {
        snprintf(err, errlen, "cannot read the credentials file %s: %s", path,
                 status == READFILE_TOO_BIG ? "it is larger than 64 KiB" : status == READFILE_NO_MEMORY
                 ? "out of memory" : strerror(errno));
        return -1;
    }
    rc = msrpc_creds_parse(text, len, path, c, err, errlen);
    memset(text, 0, len);
    free(text);
    return rc;
}

static int set_credentials(msrpc_t *m, const msrpc_params_t *p, char *err, size_t errlen)
{
    const char *krb_err = NULL;
    char ccache[700];

    if (!(m->creds = cli_credentials_init(m)))
        goto oom;
    cli_credentials_set_conf(m->creds, m->lp);
    if (p->credentials) {
        msrpc_creds_t c;
        char *who;

        if (read_credentials(p->credentials, &c, err, errlen))
            return SOURCE_ERROR;
        m->credentials = p->credentials;
        cli_credentials_parse_string(m->creds, c.username, CRED_SPECIFIED);
        cli_credentials_set_password(m->creds, c.password, CRED_SPECIFIED);
        if (c.domain)
            cli_credentials_set_domain(m->creds, c.domain, CRED_SPECIFIED);
        if (c.realm)
            cli_credentials_set_realm(m->creds, c.realm, CRED_SPECIFIED);
        /* NTLMv2 unless the file names a realm: then Kerberos from the
         * password first, NTLMv2 if that cannot be had. */
        cli_credentials_set_kerberos_state(m->creds, c.realm ? CRED_USE_KERBEROS_DESIRED
                                                             : CRED_USE_KERBEROS_DISABLED, CRED_SPECIFIED);
        m->kerberos = 0;
        /* A realm without a domain: the account as Kerberos names it. */
        if (c.realm && !c.domain && !strchr(c.username, '\\') && !strchr(c.username, '@'))
            snprintf(m->account, sizeof m->account, "%s@%s", c.username, c.realm);
        else if ((who = cli_credentials_get_unparsed_name(m->creds, m)))
            snprintf(m->account, sizeof m->account, "%s", who);
        else
            snprintf(m->account, sizeof m->account, "%s", c.username);
        msrpc_creds_free(&c);
        return 0;
    }
    if (p->keytab || p->principal) {
        if (!p->keytab || !p->principal) {
            snprintf(err, errlen, "%s", p->keytab ? "--keytab needs --principal too: the keytab's principal, "
                                                    "e.g. monitor$@CORP.EXAMPLE.COM"
                                                  : "--principal needs --keytab too: the keytab holding its key");
            return SOURCE_ERROR;
        }
    }
    /* Before any ticket is asked for: Kerberos names the server. */
    if (is_address(m->host)) {
        snprintf(err, errlen, "Kerberos needs the server's DNS name, and -H %s is an address: give -H as the "
                 "name, or log on with --credentials (NTLMv2)", m->host);
        return SOURCE_ERROR;
    }
    if (p->keytab) {
        if (msrpc_krb5_from_keytab(p->keytab, p->principal, &m->krb, err, errlen))
            return SOURCE_ERROR;
        snprintf(ccache, sizeof ccache, "%s", MSRPC_KRB5_CCACHE);
    } else if (msrpc_krb5_from_ccache(ccache, sizeof ccache, &m->krb, err, errlen)) {
        return SOURCE_ERROR;
    }
    m->kerberos = 1;
    snprintf(m->account, sizeof m->account, "%s", m->krb.principal);
    cli_credentials_set_kerberos_state(m->creds, CRED_USE_KERBEROS_REQUIRED, CRED_SPECIFIED);
    if (cli_credentials_set_ccache(m->creds, m->lp, ccache[0] ? ccache : NULL, CRED_SPECIFIED, &krb_err) != 0) {
        snprintf(err, errlen, "cannot use the Kerberos ticket cache %s: %s", ccache[0] ? ccache : "(default)",
                 krb_err ? krb_err : "unknown error");
        return SOURCE_ERROR;
    }
    return 0;
oom:
    snprintf(err, errlen, "out of memory while preparing to connect to %s", m->host);
    return SOURCE_ERROR;
}

/* A sealed association with interface t on port, logged on with the
 * credentials; what names the peer in stages ("the DHCP server"). */
static int connect_sealed(msrpc_t *m, const struct ndr_interface_table *t, unsigned port, const char *what,
                          struct dcerpc_pipe **pipe, char *err, size_t errlen)
{
    struct dcerpc_binding *b = binding(m, port, 1);
    enum dcerpc_AuthType type = 0;
    enum dcerpc_AuthLevel level = 0;
    char w[300], bind_stage[800];
    NTSTATUS st;

    if (!b) {
        snprintf(err, errlen, "out of memory while connecting to %s", m->host);
        return SOURCE_ERROR;
    }
    where(m, w, sizeof w);
    os_stage("connecting to %s on %s (TCP port %u)", what, w, port);
    snprintf(bind_stage, sizeof bind_stage, "logging on to %s on %s as %s (bind, %s at packet privacy)", what, w,
             m->account, m->kerberos ? "Kerberos" : "NTLMv2");
    watch_connect(m, port, bind_stage);
    st = dcerpc_pipe_connect_b(m, pipe, b, t, m->creds, m->ev, m->lp);
    unwatch(m);
    if (!NT_STATUS_IS_OK(st))
        /* A refused or unreachable port is told apart by its status; a
         * socket that never connected cannot have failed to log on. */
        return connect_failed(m, st, m->tcp_up || !NT_STATUS_EQUAL(st, NT_STATUS_IO_TIMEOUT) ? ST_BIND : ST_TCP,
                              port, err, errlen);
    /* Sign and seal, always: anything less is refused, not used. */
    dcerpc_binding_handle_auth_info((*pipe)->binding_handle, &type, &level);
    m->auth_type = (int)type;
    m->auth_level = (int)level;
    if (level != DCERPC_AUTH_LEVEL_PRIVACY
        || (type != DCERPC_AUTH_TYPE_SPNEGO && type != DCERPC_AUTH_TYPE_KRB5 && type != DCERPC_AUTH_TYPE_NTLMSSP)) {
        snprintf(err, errlen, "the association with %s is not sealed (auth type %d, level %d): refused",
                 w, (int)type, (int)level);
        return SOURCE_ERROR;
    }
    return 0;
}

static int connect_dhcp(msrpc_t *m, char *err, size_t errlen)
{
    char w[300];
    NTSTATUS st;
    int rc;

    if ((rc = connect_sealed(m, &dhcpsrv_table, m->port, "the DHCP server", &m->pipe[0], err, errlen)))
        return rc;
    os_stage("binding the DHCP server's second interface (dhcpsrv2) on %s", where(m, w, sizeof w));
    st = dcerpc_secondary_context(m->pipe[0], &m->pipe[1], &dhcpsrv2_table);
    if (!NT_STATUS_IS_OK(st))
        return connect_failed(m, st, ST_ALTER, m->port, err, errlen);
    for (int i = 0; i < 2; i++)
        dcerpc_binding_handle_set_timeout(m->pipe[i]->binding_handle, MSRPC_LIBRARY_TIMEOUT);
    return 0;
}

static int msrpc_destructor(msrpc_t *m)
{
    restore_stderr(m);
    msrpc_krb5_release();
    return 0;
}

/* Everything before the first connection: the event loop, Samba's
 * configuration, the server's address and the credentials. */
static int start(const msrpc_params_t *p, msrpc_t **out, char *err, size_t errlen)
{
    msrpc_t *m = talloc_zero(NULL, msrpc_t);
    char level[8];
    int rc;

    *out = NULL;
    if (!m) {
        snprintf(err, errlen, "out of memory while connecting to %s", p->host);
        return SOURCE_ERROR;
    }
    m->host = p->host;
    m->verbose = p->verbose;
    m->port = p->port;
    capture_stderr(m);
    talloc_set_destructor(m, msrpc_destructor);
    if (!(m->ev = tevent_context_init(m))) {
        talloc_free(m);
        snprintf(err, errlen, "out of memory while connecting to %s", p->host);
        return SOURCE_ERROR;
    }
    /* Samba's Kerberos runs a nested event loop on this context while it
     * logs on; without this, tevent aborts the process. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    tevent_loop_allow_nesting(m->ev);
#pragma GCC diagnostic pop
    if (!NT_STATUS_IS_OK(dcerpc_init()) || !(m->lp = loadparm_init_global(false))) {
        talloc_free(m);
        snprintf(err, errlen, "cannot start Samba's RPC client library (dcerpc_init)");
        return SOURCE_ERROR;
    }
    /* No smb.conf, no NetBIOS broadcasts or WINS: names go to the resolver. */
    lpcfg_set_cmdline(m->lp, "name resolve order", "host");
    lpcfg_set_cmdline(m->lp, "client ntlmv2 auth", "yes");
    /* The DHCP server has no use for the account's ticket-granting ticket,
     * which Kerberos would otherwise forward to a server the domain trusts
     * for delegation (a domain controller) when the ticket is forwardable. */
    lpcfg_set_cmdline(m->lp, "gensec_gssapi:delegation", "no");
    lpcfg_set_cmdline(m->lp, "gensec_gssapi:delegation_by_kdc_policy", "no");
    snprintf(level, sizeof level, "%d", p->verbose >= 3 ? 5 : 1);
    lpcfg_set_cmdline(m->lp, "log level", level);
    if ((rc = resolve(m, err, errlen)) || (rc = set_credentials(m, p, err, errlen))) {
        talloc_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int msrpc_open(const msrpc_params_t *p, msrpc_t **out, char *err, size_t errlen)
{
    msrpc_t *m;
    int rc;

    *out = NULL;
    if ((rc = start(p, &m, err, errlen)))
        return rc;
    if ((!m->port && (rc = ask_endpoint_mapper(m, err, errlen))) || (rc = connect_dhcp(m, err, errlen))) {
        talloc_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int msrpc_probe_epm(const msrpc_params_t *p, msrpc_probe_t *out, char *err, size_t errlen)
{
    struct dcerpc_pipe *pipe = NULL;
    dhcpm_ept_map_t map;
    msrpc_t *m;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = start(p, &m, err, errlen)))
        return rc;
    if (!(rc = connect_sealed(m, &epm_table, p->port ? p->port : 135, "the RPC endpoint mapper", &pipe, err,
                              errlen))
        && !(rc = ept_map_dhcp(m, pipe, &map, err, errlen))) {
        out->auth_type = m->auth_type;
        out->auth_level = m->auth_level;
        out->kerberos = m->kerberos;
        out->ept_status = map.status;
        out->ept_towers = map.num_towers;
        snprintf(out->account, sizeof out->account, "%s", m->account);
    }
    talloc_free(m);
    return rc;
}

/* A batch: calls go out as the window allows and come back in any order. */
typedef struct batch {
    msrpc_t *m;
    msrpc_call_t *calls;
    size_t n, next;
} batch_t;

typedef struct batch_call {
    batch_t *b;
    msrpc_call_t *c;
} batch_call_t;

static void batch_send(batch_t *b);

static void batch_done(struct tevent_req *req)
{
    batch_call_t *bc = tevent_req_callback_data_void(req);
    msrpc_call_t *c = bc->c;
    batch_t *b = bc->b;
    uint32_t flags = 0;
    NTSTATUS st;

    st = dcerpc_binding_handle_raw_call_recv(req, b->m, &c->out, &c->out_len, &flags);
    c->ntstatus = NT_STATUS_V(st);
    c->done = 1;
    c->seq = ++b->m->seq;
    talloc_free(req);
    b->m->inflight--;
    b->m->completed++;
    batch_send(b);
}

static void batch_send(batch_t *b)
{
    msrpc_t *m = b->m;

    while (b->next < b->n && m->inflight < MSRPC_WINDOW) {
        msrpc_call_t *c = &b->calls[b->next++];
        batch_call_t *bc = talloc(m, batch_call_t);
        struct tevent_req *req = NULL;

        if (bc) {
            bc->b = b;
            bc->c = c;
            req = dcerpc_binding_handle_raw_call_send(bc, m->ev, m->pipe[c->iface]->binding_handle, NULL,
                                                      c->opnum, 0, c->in.data, c->in.len);
        }
        if (!req) {
            talloc_free(bc);
            c->ntstatus = NT_STATUS_V(NT_STATUS_NO_MEMORY);
            c->done = 1;
            m->completed++;
            continue;
        }
        tevent_req_set_callback(req, batch_done, bc);
        m->inflight++;
    }
}

static int connection_lost(NTSTATUS st)
{
    return NT_STATUS_EQUAL(st, NT_STATUS_CONNECTION_DISCONNECTED) || NT_STATUS_EQUAL(st, NT_STATUS_CONNECTION_RESET)
           || NT_STATUS_EQUAL(st, NT_STATUS_END_OF_FILE) || NT_STATUS_EQUAL(st, NT_STATUS_PIPE_BROKEN)
           || NT_STATUS_EQUAL(st, NT_STATUS_PIPE_DISCONNECTED) || NT_STATUS_EQUAL(st, NT_STATUS_LOCAL_DISCONNECT)
           || NT_STATUS_EQUAL(st, NT_STATUS_REMOTE_DISCONNECT) || NT_STATUS_EQUAL(st, NT_STATUS_INVALID_CONNECTION)
           || NT_STATUS_EQUAL(st, NT_STATUS_CONNECTION_ABORTED) || NT_STATUS_EQUAL(st, NT_STATUS_RPC_PROTOCOL_ERROR)
           || NT_STATUS_EQUAL(st, NT_STATUS_IO_TIMEOUT);
}

int msrpc_run(msrpc_t *m, msrpc_call_t *calls, size_t n, const char *stage, char *err, size_t errlen)
{
    batch_t b = { m, calls, n, 0 };
    msrpc_call_t *first = NULL;

    os_stage("%s", stage);
    m->completed = 0;
    for (size_t i = 0; i < n; i++)
        calls[i].done = 0;
    batch_send(&b);
    while (m->completed < n)
        if (tevent_loop_once(m->ev) != 0) {
            snprintf(err, errlen, "the event loop failed while %s", stage);
            return SOURCE_ERROR;
        }
    /* A broken connection fails every call still open: the one that met
     * it first is the one to name. */
    for (size_t i = 0; i < n; i++)
        if (connection_lost(NT_STATUS(calls[i].ntstatus)) && (!first || calls[i].seq < first->seq))
            first = &calls[i];
    if (first)
        return msrpc_call_sentence(m, first->name ? first->name : "a call", first->ntstatus, err, errlen);
    return 0;
}

int msrpc_win32_code(uint32_t ntstatus, uint32_t *code)
{
    NTSTATUS st = NT_STATUS(ntstatus);

    if (NT_STATUS_EQUAL(st, NT_STATUS_ACCESS_DENIED)) {
        *code = MSWIN_ERROR_ACCESS_DENIED;
        return 0;
    }
    if (NT_STATUS_EQUAL(st, NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE)) {
        *code = MSWIN_RPC_S_PROCNUM_OUT_OF_RANGE;
        return 0;
    }
    return -1;
}

int msrpc_call_sentence(const msrpc_t *m, const char *call, uint32_t ntstatus, char *err, size_t errlen)
{
    NTSTATUS st = NT_STATUS(ntstatus);
    char w[300];

    where(m, w, sizeof w);
    if (connection_lost(st) && !NT_STATUS_EQUAL(st, NT_STATUS_RPC_PROTOCOL_ERROR)
        && !NT_STATUS_EQUAL(st, NT_STATUS_IO_TIMEOUT)) {
        snprintf(err, errlen, "the DHCP server on %s closed the connection during %s (%s)", w, call, nt_errstr(st));
        return SOURCE_ERROR;
    }
    if (NT_STATUS_EQUAL(st, NT_STATUS_RPC_BAD_STUB_DATA) || NT_STATUS_EQUAL(st, NT_STATUS_RPC_ENUM_VALUE_OUT_OF_RANGE)) {
        snprintf(err, errlen, "the DHCP server on %s rejected the %s request as malformed (%s)", w, call,
                 nt_errstr(st));
        return SOURCE_ERROR;
    }
    if (NT_STATUS_EQUAL(st, NT_STATUS_RPC_PROTOCOL_ERROR) || NT_STATUS_EQUAL(st, NT_STATUS_RPC_SEC_PKG_ERROR)
        || NT_STATUS_EQUAL(st, NT_STATUS_INVALID_NETWORK_RESPONSE)) {
        snprintf(err, errlen, "the DHCP server on %s broke the RPC protocol during %s (%s)", w, call,
                 nt_errstr(st));
        return SOURCE_ERROR;
    }
    snprintf(err, errlen, "%s failed on %s: %s (0x%08x)", call, w, nt_errstr(st), (unsigned)ntstatus);
    return SOURCE_ERROR;
}

void msrpc_close(msrpc_t *m)
{
    if (m)
        talloc_free(m);
}
