/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dhcpm_ndr.h"
#include "fuzz.h"

/* Every reply decoder gets every input: a reply to one method is a good
 * malformed reply to the others. Whatever it says, a decoder returns 0 or
 * -1 with a sentence, and what it returns is as big as it says. */

static void check_rc(int rc, const char *err, size_t errlen)
{
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc != 0)
        FUZZ_ASSERT(fuzz_terminated(err, errlen) && err[0] != '\0');
}

static void touch(const char *s)
{
    if (s)
        FUZZ_ASSERT(strlen(s) < (1u << 30));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    TALLOC_CTX *mem = talloc_new(NULL);
    char err[512];
    volatile uint64_t sum = 0;
    dhcpm_enum_subnets_t en;
    dhcpm_get_subnet_info_t si;
    dhcpm_get_subnet_info6_t si6;
    dhcpm_mib_t mib;
    dhcpm_mib6_t mib6;
    dhcpm_fo_enum_t fo;
    dhcpm_fo_stats_t st;
    dhcpm_superscope_t ss;
    dhcpm_ept_map_t em;
    int rc;

    if (!mem || size > (1u << 20))
        goto out;
    memset(err, 'x', sizeof err);
    rc = dhcpm_rep_enum_subnets(mem, data, size, &en, err, sizeof err);
    check_rc(rc, err, sizeof err);
    for (uint32_t i = 0; rc == 0 && en.addrs && i < en.n; i++)
        sum += en.addrs[i];
    rc = dhcpm_rep_enum_subnets6(mem, data, size, &en, err, sizeof err);
    check_rc(rc, err, sizeof err);
    for (uint32_t i = 0; rc == 0 && en.addrs6 && i < en.n; i++)
        sum += en.addrs6[i].b[15];
    rc = dhcpm_rep_subnet_info(mem, data, size, &si, err, sizeof err);
    check_rc(rc, err, sizeof err);
    if (rc == 0 && si.info) {
        touch(si.info->name);
        touch(si.info->comment);
        touch(si.info->host_netbios);
        touch(si.info->host_name);
    }
    rc = dhcpm_rep_subnet_info6(mem, data, size, &si6, err, sizeof err);
    check_rc(rc, err, sizeof err);
    if (rc == 0 && si6.info) {
        touch(si6.info->name);
        touch(si6.info->comment);
    }
    rc = dhcpm_rep_mib(mem, data, size, &mib, err, sizeof err);
    check_rc(rc, err, sizeof err);
    if (rc == 0)
        FUZZ_ASSERT(mib.scopes == 0 || mib.scope != NULL);
    for (uint32_t i = 0; rc == 0 && mib.scope && i < mib.scopes; i++)
        sum += mib.scope[i].free;
    rc = dhcpm_rep_mib6(mem, data, size, &mib6, err, sizeof err);
    check_rc(rc, err, sizeof err);
    for (uint32_t i = 0; rc == 0 && mib6.scope && i < mib6.scopes; i++)
        sum += mib6.scope[i].free;
    rc = dhcpm_rep_fo_enum(mem, data, size, &fo, err, sizeof err);
    check_rc(rc, err, sizeof err);
    for (uint32_t i = 0; rc == 0 && fo.rels && i < fo.n; i++) {
        touch(fo.rels[i].name);
        touch(fo.rels[i].primary_name);
        touch(fo.rels[i].secondary_name);
        touch(fo.rels[i].shared_secret);
        FUZZ_ASSERT(fo.rels[i].nscopes == 0 || fo.rels[i].scopes != NULL);
        for (uint32_t k = 0; fo.rels[i].scopes && k < fo.rels[i].nscopes; k++)
            sum += fo.rels[i].scopes[k];
    }
    rc = dhcpm_rep_fo_stats(mem, data, size, &st, err, sizeof err);
    check_rc(rc, err, sizeof err);
    rc = dhcpm_rep_superscope(mem, data, size, &ss, err, sizeof err);
    check_rc(rc, err, sizeof err);
    for (uint32_t i = 0; rc == 0 && ss.entries && i < ss.n; i++)
        touch(ss.entries[i].name);
    rc = dhcpm_rep_ept_map(mem, data, size, &em, err, sizeof err);
    check_rc(rc, err, sizeof err);
    (void)sum;
out:
    talloc_free(mem);
    return 0;
}
