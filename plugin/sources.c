/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "source.h"

/* Each row is defined in its source's folder. */
extern const source_t source_isc, source_kea, source_mswin, source_dnsmasq;

const source_t *const source_table[] = {
    &source_isc,
    &source_kea,
    &source_mswin,
    &source_dnsmasq,
    NULL,
};

const source_t *source_find(const char *name)
{
    for (size_t i = 0; source_table[i]; i++) {
        const source_t *s = source_table[i];

        if (strcmp(s->name, name) == 0 || (s->alias && strcmp(s->alias, name) == 0))
            return s;
    }
    return NULL;
}
