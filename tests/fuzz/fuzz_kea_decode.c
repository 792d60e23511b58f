#include <string.h>

#include "fuzz.h"
#include "kea_decode.h"

/* Every decoder gets every input: a recorded reply to one command is a good
 * malformed reply to the others. */

static void check_rc(int rc, const char *err, size_t errlen)
{
    FUZZ_ASSERT(rc == 0 || rc == -1 || rc == KEA_E_UNSUPPORTED);
    if (rc != 0)
        FUZZ_ASSERT(fuzz_terminated(err, errlen) && err[0] != '\0');
}

static void check_stats(kea_stats_t *st)
{
    size_t i;

    FUZZ_ASSERT(st->count == 0 || st->rows != NULL);
    for (i = 0; i < st->count; i++) {
        const kea_stat_t *found;

        /* Sorted by id: kea_stats_find is a binary search. */
        if (i > 0)
            FUZZ_ASSERT(st->rows[i - 1].id <= st->rows[i].id);
        found = kea_stats_find(st, st->rows[i].id);
        FUZZ_ASSERT(found != NULL && found->id == st->rows[i].id);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char err[512];
    kea_config_t cfg;
    kea_stats_t st;
    kea_ha_t ha;
    size_t i;
    int rc;

    if (size > (1u << 20))
        return 0;

    memset(err, 'x', sizeof err);
    rc = kea_decode_config(text, size, &cfg, err, sizeof err);
    check_rc(rc, err, sizeof err);
    if (rc == 0) {
        FUZZ_ASSERT(cfg.count == 0 || cfg.subnets != NULL);
        for (i = 0; i < cfg.count; i++) {
            FUZZ_ASSERT(cfg.subnets[i].addr.family == ADDR_V4 && cfg.subnets[i].addr.prefix <= 32);
            FUZZ_ASSERT(!addr_has_host_bits(&cfg.subnets[i].addr));
            FUZZ_ASSERT(cfg.subnets[i].has_pools || count_is_zero(cfg.subnets[i].pool_total));
            FUZZ_ASSERT(fuzz_terminated(cfg.subnets[i].network, sizeof cfg.subnets[i].network));
            FUZZ_ASSERT(fuzz_terminated(cfg.subnets[i].comment, sizeof cfg.subnets[i].comment));
        }
        FUZZ_ASSERT(fuzz_terminated(cfg.ha_server, sizeof cfg.ha_server));
        FUZZ_ASSERT(fuzz_terminated(cfg.ha_mode, sizeof cfg.ha_mode));
    }
    kea_config_free(&cfg);

    for (i = 0; i < 2; i++) {
        memset(err, 'x', sizeof err);
        rc = (i == 0 ? kea_decode_stat_lease4 : kea_decode_statistics)(text, size, &st, err, sizeof err);
        check_rc(rc, err, sizeof err);
        if (rc == 0)
            check_stats(&st);
        kea_stats_free(&st);
    }

    memset(err, 'x', sizeof err);
    rc = kea_decode_ha(text, size, &ha, err, sizeof err);
    check_rc(rc, err, sizeof err);
    if (rc == 0) {
        int state;

        FUZZ_ASSERT(fuzz_terminated(ha.mode, sizeof ha.mode));
        FUZZ_ASSERT(fuzz_terminated(ha.role, sizeof ha.role));
        FUZZ_ASSERT(fuzz_terminated(ha.state, sizeof ha.state));
        FUZZ_ASSERT(fuzz_terminated(ha.partner_role, sizeof ha.partner_role));
        FUZZ_ASSERT(fuzz_terminated(ha.partner_state, sizeof ha.partner_state));
        state = kea_ha_plugin_state(&ha);
        FUZZ_ASSERT(state == STATE_OK || state == STATE_WARNING || state == STATE_CRITICAL);
    }
    return 0;
}
