/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fuzz.h"
#include "msrpc_creds.h"

/* The credentials file parser: 0 with a username and a password, or -1
 * with a sentence; nothing left allocated either way (ASan's leak check). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    msrpc_creds_t c;
    char err[512];
    int rc;

    memset(err, 'x', sizeof err);
    rc = msrpc_creds_parse((const char *)data, size, "creds", &c, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == 0) {
        FUZZ_ASSERT(c.username && c.username[0] && c.password);
        FUZZ_ASSERT(!c.domain || c.domain[0]);
        FUZZ_ASSERT(!memchr(c.username, '\n', strlen(c.username)) && !memchr(c.password, '\n', strlen(c.password)));
        msrpc_creds_free(&c);
    } else {
        FUZZ_ASSERT(fuzz_terminated(err, sizeof err) && err[0] != '\0');
        FUZZ_ASSERT(!c.username && !c.password && !c.domain && !c.realm);
    }
    return 0;
}
