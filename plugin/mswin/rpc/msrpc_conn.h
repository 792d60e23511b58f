/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSRPC_CONN_H
#define CDS_MSRPC_CONN_H

/* One authenticated, sealed DCE/RPC association with a Windows DHCP server,
 * through Samba's client libraries: plugin/mswin/rpc/msrpc_conn.c. It
 * resolves the name, asks the endpoint mapper on TCP 135 for the DHCP
 * Server's port (unless --port names it), connects, binds dhcpsrv with GSS
 * Negotiate (Kerberos or NTLMv2) at packet privacy and dhcpsrv2 on the same
 * connection, and runs batches of calls concurrently. Every sentence it
 * writes names the server and the stage; the caller's NDR goes in and out
 * as bytes. */

#include <stddef.h>
#include <stdint.h>

#include <talloc.h>

#include "dhcpm_ndr.h"

typedef struct msrpc msrpc_t;

typedef struct msrpc_params {
    const char *host;                /* -H */
    unsigned port;                   /* --port; 0: ask the endpoint mapper */
    const char *credentials;         /* --credentials file, or NULL */
    const char *keytab;              /* --keytab, with principal */
    const char *principal;
    int verbose;                     /* -v count: 3 or more copies Samba's log to stderr */
} msrpc_params_t;

enum msrpc_iface { MSRPC_DHCPSRV, MSRPC_DHCPSRV2 };

/* One call of a batch: filled in by the caller, answered by msrpc_run. */
typedef struct msrpc_call {
    enum msrpc_iface iface;
    uint32_t opnum;
    dhcpm_blob_t in;
    int done;
    uint32_t ntstatus;               /* 0, or why the call failed (NTSTATUS) */
    uint8_t *out;                    /* the reply's stub data (talloc'ed under the connection) */
    size_t out_len;
    const char *name;                /* for sentences: "DhcpGetSubnetInfo" */
    unsigned seq;                    /* the order in which answers came */
} msrpc_call_t;

/* Connects: 0, or SOURCE_DOWN (nothing answers, no DHCP server registered)
 * or SOURCE_ERROR (anything else: logon failure, bad credentials file, ...)
 * with one sentence in err. */
int msrpc_open(const msrpc_params_t *p, msrpc_t **out, char *err, size_t errlen);

/* What msrpc_probe_epm saw. */
typedef struct msrpc_probe {
    int auth_type, auth_level;       /* DCERPC_AUTH_TYPE_*, DCERPC_AUTH_LEVEL_* the bind negotiated */
    int kerberos;                    /* logged on with Kerberos (else NTLMv2) */
    uint32_t ept_status, ept_towers; /* ept_map's answer for dhcpsrv */
    char account[300];
} msrpc_probe_t;

/* For tests against a real Samba, which serves no DHCP interface: logs on
 * as msrpc_open does (the same credentials, sealed) to the endpoint mapper
 * itself, on --port or TCP 135, and asks it over that association for the
 * DHCP Server's port. 0 with what it saw, or SOURCE_DOWN or SOURCE_ERROR
 * with the sentence msrpc_open would give. */
int msrpc_probe_epm(const msrpc_params_t *p, msrpc_probe_t *out, char *err, size_t errlen);

/* Sends the n calls at once (a bounded number in flight) and waits until
 * each has an answer; stage says what they do, for the watchdog ("reading
 * the 1000 scopes' subnet info from dhcp1 (DhcpGetSubnetInfo)"). 0 when
 * every call was answered (each may still carry its own ntstatus), or
 * SOURCE_ERROR with a sentence naming the call that met it first when the
 * connection broke. */
int msrpc_run(msrpc_t *m, msrpc_call_t *calls, size_t n, const char *stage, char *err, size_t errlen);

/* Memory that lives as long as the connection (requests, replies). */
TALLOC_CTX *msrpc_mem(msrpc_t *m);

/* The account the association logs on with ("CORP\monitor",
 * "monitor$@CORP.EXAMPLE"), for sentences. */
const char *msrpc_account(const msrpc_t *m);

/* -H as given. */
const char *msrpc_host(const msrpc_t *m);

/* A failed call's status as the Win32 code dhcpsapi would have returned
 * (access denied 5, no such procedure 1745, ...): 0, or -1 when it has no
 * such meaning; then msrpc_call_sentence says what happened. */
int msrpc_win32_code(uint32_t ntstatus, uint32_t *code);

/* A call that failed below MS-DHCPM (transport, fault): one sentence naming
 * the call; returns SOURCE_ERROR or SOURCE_DOWN. */
int msrpc_call_sentence(const msrpc_t *m, const char *call, uint32_t ntstatus, char *err, size_t errlen);

/* Restores stderr (copying Samba's log there with -vvv) and frees everything. */
void msrpc_close(msrpc_t *m);

#endif
