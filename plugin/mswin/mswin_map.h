/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_MSWIN_MAP_H
#define CDS_MSWIN_MAP_H

/* What the Windows DHCP API's numbers mean to the plugin: return codes as
 * sentences, failover states as names and plugin states. plugin/mswin/mswin_map.c;
 * it needs no Windows header, so the native unit tests cover it
 * (tests/unit/test_mswin_map.c). */

#include <stddef.h>
#include <stdint.h>

/* Return codes (winerror.h, dhcpsapi.h) the source acts on. */
#define MSWIN_ERROR_SUCCESS 0u
#define MSWIN_ERROR_ACCESS_DENIED 5u
#define MSWIN_ERROR_MORE_DATA 234u
#define MSWIN_ERROR_NO_MORE_ITEMS 259u
#define MSWIN_RPC_S_SERVER_UNAVAILABLE 1722u
#define MSWIN_RPC_S_PROCNUM_OUT_OF_RANGE 1745u
#define MSWIN_EPT_S_NOT_REGISTERED 1753u
#define MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT 20005u
#define MSWIN_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST 20115u
#define MSWIN_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP 20116u
#define MSWIN_ERROR_DHCP_FO_NOT_SUPPORTED 20118u
#define MSWIN_ERROR_DHCP_NO_ADMIN_PERMISSION 20121u
#define MSWIN_ERROR_DHCP_SERVER_NOT_REACHABLE 20122u
#define MSWIN_ERROR_DHCP_SERVER_NOT_RUNNING 20123u
#define MSWIN_ERROR_DHCP_SERVER_NAME_NOT_RESOLVED 20124u
#define MSWIN_ERROR_DHCP_FO_FEATURE_NOT_SUPPORTED 20134u

/* DHCP_FAILOVER_MODE and DHCP_FAILOVER_SERVER */
#define MSWIN_FO_LOAD_BALANCE 0u
#define MSWIN_FO_HOT_STANDBY 1u
#define MSWIN_FO_PRIMARY 0u
#define MSWIN_FO_SECONDARY 1u

/* FSM_STATE */
enum mswin_fsm {
    MSWIN_FSM_NO_STATE = 0, MSWIN_FSM_INIT, MSWIN_FSM_STARTUP, MSWIN_FSM_NORMAL,
    MSWIN_FSM_COMMUNICATION_INT, MSWIN_FSM_PARTNER_DOWN, MSWIN_FSM_POTENTIAL_CONFLICT,
    MSWIN_FSM_CONFLICT_DONE, MSWIN_FSM_RESOLUTION_INT, MSWIN_FSM_RECOVER,
    MSWIN_FSM_RECOVER_WAIT, MSWIN_FSM_RECOVER_DONE, MSWIN_FSM_PAUSED, MSWIN_FSM_SHUTDOWN
};

/* What a return code means for the check. */
enum mswin_error_kind {
    MSWIN_ERR_OTHER,
    MSWIN_ERR_ACCESS,            /* not in DHCP Users */
    MSWIN_ERR_UNREACHABLE,       /* host down, wrong name, firewall */
    MSWIN_ERR_NOT_RUNNING,       /* DHCP Server service stopped */
    MSWIN_ERR_NAME,              /* -H does not resolve */
    MSWIN_ERR_NO_SUBNET,         /* no such scope */
    MSWIN_ERR_NOT_IN_FAILOVER,   /* the scope is not (or no longer) in a relationship */
    MSWIN_ERR_NO_FAILOVER        /* server older than Windows Server 2012 */
};

/* Which scopes --family asks for: a mask of these. */
#define MSWIN_FAMILY_V4 1u
#define MSWIN_FAMILY_V6 2u

/* --family as given (NULL: the default, IPv4 only) to its mask: 0, or -1
 * with one sentence in err. */
int mswin_family(const char *text, unsigned *mask, char *err, size_t errlen);

/* failover_call: the code came from a DhcpV4Failover call, where "no such
 * procedure" (1745) means a server too old for failover; elsewhere it means
 * nothing of the kind. */
enum mswin_error_kind mswin_error_kind(uint32_t code, int failover_call);

/* 1 when the code says the DHCP server is not running or does not answer,
 * which the check reports as SOURCE_DOWN (CRITICAL, or UNKNOWN with
 * --server-down=unknown): EPT_S_NOT_REGISTERED (1753) and
 * ERROR_DHCP_SERVER_NOT_RUNNING (20123), the service is stopped;
 * RPC_S_SERVER_UNAVAILABLE (1722) and ERROR_DHCP_SERVER_NOT_REACHABLE
 * (20122), the server does not answer. Access denied, a name that does not
 * resolve and every other code keep the plugin from measuring (0). The
 * same Win32 codes arrive over RPC, so the MS-DHCPM client shares this. */
int mswin_error_is_down(uint32_t code);

/* 1 when the call is one of the failover calls ("DhcpV4Failover..."). */
int mswin_is_failover_call(const char *call);

/* A failed call, as the sentence about it needs it. */
typedef struct mswin_call_error {
    uint32_t code;
    const char *call;            /* "DhcpEnumSubnets" */
    int failover_call;           /* mswin_is_failover_call(call) */
    const char *server;          /* -H as given; NULL for the local server */
    const char *scope;           /* "10.0.1.0" when the call was about one scope */
    const char *account;         /* the account the check runs as; NULL when unknown */
    int logon;                   /* 1: account is the one the check logs on with (RPC) */
    const char *system_text;     /* the system's text for the code; NULL when none */
} mswin_call_error_t;

/* One sentence an admin can act on, naming the server, the call and the code. */
void mswin_error_sentence(const mswin_call_error_t *e, char *buf, size_t len);

/* FSM_STATE as PowerShell's Get-DhcpServerv4Failover spells it ("Normal",
 * "PartnerDown", ...); "Unknown(N)" for a value the documentation lacks. */
void mswin_fsm_name(uint32_t state, char *buf, size_t len);

/* Normal is STATE_OK, PartnerDown STATE_CRITICAL, every other state
 * (interrupted, recovering, conflict, paused, shut down, starting, unknown)
 * STATE_WARNING. */
int mswin_fsm_plugin_state(uint32_t state);

/* "load-balance" / "hot-standby"; "" for an undocumented value. */
const char *mswin_mode_name(uint32_t mode);

/* "primary" / "secondary"; "" for an undocumented value. */
const char *mswin_role_name(uint32_t server_type);

#endif
