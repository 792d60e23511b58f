/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>

void *vec_grow(void *items, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *nv;

    if (need <= *cap)
        return items;
    if (size == 0)
        return NULL;
    ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return NULL;
    nv = realloc(items, ncap * size);
    if (nv)
        *cap = ncap;
    return nv;
}
