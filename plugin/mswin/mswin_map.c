/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mswin_map.h"

#include <stdio.h>
#include <string.h>

#include "states.h"

int mswin_family(const char *text, unsigned *mask, char *err, size_t errlen)
{
    if (!text || strcmp(text, "4") == 0)
        *mask = MSWIN_FAMILY_V4;
    else if (strcmp(text, "6") == 0)
        *mask = MSWIN_FAMILY_V6;
    else if (strcmp(text, "both") == 0)
        *mask = MSWIN_FAMILY_V4 | MSWIN_FAMILY_V6;
    else {
        snprintf(err, errlen, "--family '%.40s' is not 4, 6 or both", text);
        return -1;
    }
    return 0;
}

int mswin_is_failover_call(const char *call)
{
    return call && strncmp(call, "DhcpV4Failover", 14) == 0;
}

enum mswin_error_kind mswin_error_kind(uint32_t code, int failover_call)
{
    switch (code) {
    case MSWIN_ERROR_ACCESS_DENIED:
    case MSWIN_ERROR_DHCP_NO_ADMIN_PERMISSION:
        return MSWIN_ERR_ACCESS;
    case MSWIN_RPC_S_SERVER_UNAVAILABLE:
    case MSWIN_ERROR_DHCP_SERVER_NOT_REACHABLE:
        return MSWIN_ERR_UNREACHABLE;
    case MSWIN_EPT_S_NOT_REGISTERED:
    case MSWIN_ERROR_DHCP_SERVER_NOT_RUNNING:
        return MSWIN_ERR_NOT_RUNNING;
    case MSWIN_ERROR_DHCP_SERVER_NAME_NOT_RESOLVED:
        return MSWIN_ERR_NAME;
    case MSWIN_ERROR_DHCP_SUBNET_NOT_PRESENT:
        return MSWIN_ERR_NO_SUBNET;
    case MSWIN_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST:
    case MSWIN_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP:
        return MSWIN_ERR_NOT_IN_FAILOVER;
    case MSWIN_ERROR_DHCP_FO_NOT_SUPPORTED:
    case MSWIN_ERROR_DHCP_FO_FEATURE_NOT_SUPPORTED:
        return MSWIN_ERR_NO_FAILOVER;
    case MSWIN_RPC_S_PROCNUM_OUT_OF_RANGE:
        return failover_call ? MSWIN_ERR_NO_FAILOVER : MSWIN_ERR_OTHER;
    default:
        return MSWIN_ERR_OTHER;
    }
}

int mswin_error_is_down(uint32_t code)
{
    enum mswin_error_kind kind = mswin_error_kind(code, 0);

    return kind == MSWIN_ERR_UNREACHABLE || kind == MSWIN_ERR_NOT_RUNNING;
}

static int is_system_account(const char *account)
{
    static const char system[] = "system";
    size_t i;

    if (!account)
        return 0;
    for (i = 0; account[i] && system[i]; i++)
        if ((account[i] | 0x20) != system[i])
            return 0;
    return account[i] == '\0' && system[i] == '\0';
}

void mswin_error_sentence(const mswin_call_error_t *e, char *buf, size_t len)
{
    const char *where = e->server ? e->server : "this computer";
    const char *scope = e->scope ? e->scope : "?";
    char call[96];

    enum mswin_error_kind kind = mswin_error_kind(e->code, e->failover_call);

    /* A scope or failover code from a call about neither would make these
     * sentences name a scope or a feature the call never touched. */
    if ((kind == MSWIN_ERR_NO_SUBNET && !e->scope)
        || ((kind == MSWIN_ERR_NOT_IN_FAILOVER || kind == MSWIN_ERR_NO_FAILOVER) && !e->failover_call))
        kind = MSWIN_ERR_OTHER;
    snprintf(call, sizeof call, "%s: error %lu", e->call, (unsigned long)e->code);
    switch (kind) {
    case MSWIN_ERR_ACCESS:
        snprintf(buf, len, "access denied by the DHCP server on %s (%s): the account %s%s%s%s "
                 "must be a member of the DHCP Users group on that server%s", where, call,
                 e->logon ? "the check logs on with" : "running the check",
                 e->account ? " (" : "", e->account ? e->account : "",
                 e->account ? ")" : "",
                 e->server && is_system_account(e->account)
                     ? "; for SYSTEM that is this computer's account, DOMAIN\\COMPUTER$" : "");
        return;
    case MSWIN_ERR_UNREACHABLE:
        if (e->server)
            snprintf(buf, len, "cannot reach the DHCP server on %s (%s, %s): "
                     "check the name, that the server is up and that its firewall allows RPC "
                     "(TCP 135 and the dynamic RPC ports)", where, call,
                     e->code == MSWIN_RPC_S_SERVER_UNAVAILABLE ? "RPC server unavailable" : "server not reachable");
        else
            snprintf(buf, len, "the DHCP Server service on this computer does not answer (%s): "
                     "check that the DHCP Server role is installed and the service is running, "
                     "or name the server with -H", call);
        return;
    case MSWIN_ERR_NOT_RUNNING:
        snprintf(buf, len, "the DHCP Server service is not running on %s (%s): start it "
                 "(Start-Service DHCPServer)%s", where, call, e->server ? " or check -H" : "");
        return;
    case MSWIN_ERR_NAME:
        snprintf(buf, len, "the server name %s cannot be resolved (%s): check -H and DNS", where, call);
        return;
    case MSWIN_ERR_NO_SUBNET:
        snprintf(buf, len, "scope %s does not exist on %s (%s): check -s", scope, where, call);
        return;
    case MSWIN_ERR_NOT_IN_FAILOVER:
        snprintf(buf, len, "scope %s is not in a failover relationship on %s (%s)", scope, where, call);
        return;
    case MSWIN_ERR_NO_FAILOVER:
        snprintf(buf, len, "the DHCP server on %s does not support failover (%s): Windows "
                 "Server 2012 or later is needed", where, call);
        return;
    case MSWIN_ERR_OTHER:
        break;
    }
    snprintf(buf, len, "%s failed on %s with error %lu%s%s", e->call, where, (unsigned long)e->code,
             e->system_text && e->system_text[0] ? ": " : "", e->system_text ? e->system_text : "");
}

static const char *const fsm_names[] = {
    [MSWIN_FSM_NO_STATE] = "NoState",
    [MSWIN_FSM_INIT] = "Init",
    [MSWIN_FSM_STARTUP] = "Startup",
    [MSWIN_FSM_NORMAL] = "Normal",
    [MSWIN_FSM_COMMUNICATION_INT] = "CommunicationInterrupted",
    [MSWIN_FSM_PARTNER_DOWN] = "PartnerDown",
    [MSWIN_FSM_POTENTIAL_CONFLICT] = "PotentialConflict",
    [MSWIN_FSM_CONFLICT_DONE] = "ConflictDone",
    [MSWIN_FSM_RESOLUTION_INT] = "ResolutionInterrupted",
    [MSWIN_FSM_RECOVER] = "Recover",
    [MSWIN_FSM_RECOVER_WAIT] = "RecoverWait",
    [MSWIN_FSM_RECOVER_DONE] = "RecoverDone",
    [MSWIN_FSM_PAUSED] = "Paused",
    [MSWIN_FSM_SHUTDOWN] = "Shutdown",
};

void mswin_fsm_name(uint32_t state, char *buf, size_t len)
{
    if (state < sizeof fsm_names / sizeof fsm_names[0])
        snprintf(buf, len, "%s", fsm_names[state]);
    else
        snprintf(buf, len, "Unknown(%lu)", (unsigned long)state);
}

int mswin_fsm_plugin_state(uint32_t state)
{
    if (state == MSWIN_FSM_NORMAL)
        return STATE_OK;
    if (state == MSWIN_FSM_PARTNER_DOWN)
        return STATE_CRITICAL;
    return STATE_WARNING;
}

const char *mswin_mode_name(uint32_t mode)
{
    return mode == MSWIN_FO_LOAD_BALANCE ? "load-balance" : mode == MSWIN_FO_HOT_STANDBY ? "hot-standby" : "";
}

const char *mswin_role_name(uint32_t server_type)
{
    return server_type == MSWIN_FO_PRIMARY ? "primary" : server_type == MSWIN_FO_SECONDARY ? "secondary" : "";
}
