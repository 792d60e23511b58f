/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plugin's log-on (plugin/mswin/rpc/msrpc_conn.c) against a real Samba,
 * which serves no DHCP interface: msrpc_probe_epm binds the endpoint mapper
 * itself with the same credentials, sealed, and asks it for the DHCP
 * Server's port over that association. For msrpc_samba.sh.
 *
 *   msrpc_probe HOST PORT (--credentials FILE | --keytab FILE --principal NAME | --ccache) [TIMEOUT]
 *
 * Prints "bound auth_type=N auth_level=N kerberos=0|1 account=NAME" and
 * "ept_map status=0xXXXXXXXX towers=N", exit 0; or the sentence msrpc_open
 * would give, exit 2 (SOURCE_DOWN) or 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msrpc_conn.h"
#include "os.h"
#include "source.h"

int main(int argc, char **argv)
{
    msrpc_params_t p = { 0 };
    msrpc_probe_t r;
    char err[1024];
    int rc;

    if (argc < 4) {
        fprintf(stderr, "usage: msrpc_probe HOST PORT (--credentials FILE | --keytab FILE --principal NAME | "
                        "--ccache) [TIMEOUT]\n");
        return 64;
    }
    p.host = argv[1];
    p.port = (unsigned)strtoul(argv[2], NULL, 10);
    if (strcmp(argv[3], "--credentials") == 0 && argc >= 5) {
        p.credentials = argv[4];
        argv += 2, argc -= 2;
    } else if (strcmp(argv[3], "--keytab") == 0 && argc >= 7 && strcmp(argv[5], "--principal") == 0) {
        p.keytab = argv[4];
        p.principal = argv[6];
        argv += 4, argc -= 4;
    } else if (strcmp(argv[3], "--ccache") == 0) {
        argv += 1, argc -= 1;
    } else {
        fprintf(stderr, "msrpc_probe: unknown credentials %s\n", argv[3]);
        return 64;
    }
    os_stage("starting");
    os_timeout_start("PROBE", argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 10);
    rc = msrpc_probe_epm(&p, &r, err, sizeof err);
    os_timeout_cancel();
    if (rc) {
        printf("%s\n", err);
        return rc == SOURCE_DOWN ? 2 : 3;
    }
    printf("bound auth_type=%d auth_level=%d kerberos=%d account=%s\n", r.auth_type, r.auth_level, r.kerberos,
           r.account);
    printf("ept_map status=0x%08x towers=%u\n", (unsigned)r.ept_status, (unsigned)r.ept_towers);
    return 0;
}
