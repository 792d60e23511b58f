/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_VEC_H
#define CDS_VEC_H

/* Growable arrays: plugin/vec.c. One helper for every "append, doubling the
 * room when full" in the plugin. */

#include <stddef.h>

/* Returns items with room for at least need elements of size bytes: items
 * itself when *cap already suffices, else a larger block (the room doubles,
 * from 16) with *cap updated. NULL when out of memory or when the size would
 * overflow; items and *cap are then unchanged and still owned by the caller. */
void *vec_grow(void *items, size_t *cap, size_t need, size_t size);

#endif
