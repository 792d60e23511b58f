#ifndef CDS_READFILE_H
#define CDS_READFILE_H

/* Reading a small file whole (configurations, ini files): plugin/readfile.c.
 * The caller opens the stream and words the sentence, since only it knows
 * what the file is for. The leases file is never read this way. */

#include <stddef.h>
#include <stdio.h>

enum readfile_status {
    READFILE_OK = 0,
    READFILE_TOO_BIG,        /* more than max bytes */
    READFILE_NO_MEMORY,
    READFILE_IO              /* a read error; errno says which */
};

/* Reads f to its end into a malloc'ed buffer with a NUL after the last byte
 * (*len excludes it). On failure *data is NULL. */
enum readfile_status readfile_all(FILE *f, size_t max, char **data, size_t *len);

#endif
