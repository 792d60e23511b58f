/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_READFILE_H
#define CDS_READFILE_H

/* Reading the files sources read: plugin/readfile.c. Small files
 * (configurations, ini files) are read whole; leases files are streamed to a
 * push parser in 1 MiB chunks and never held whole. Every failure leaves one
 * sentence naming the file. */

#include <stddef.h>
#include <stdio.h>

enum readfile_status {
    READFILE_OK = 0,
    READFILE_TOO_BIG,        /* more than max bytes */
    READFILE_NO_MEMORY,
    READFILE_IO              /* a read error; errno says which */
};

/* Reads f to its end into a malloc'ed buffer with a NUL after the last byte
 * (*len excludes it). On failure *data is NULL. The caller words the
 * sentence, since only it knows what the file is for. */
enum readfile_status readfile_all(FILE *f, size_t max, char **data, size_t *len);

/* Opens path read-only for a source, naming the stage for the watchdog
 * ("reading PATH"). NULL with "cannot open PATH: ..." or "PATH is a
 * directory" in err. */
FILE *readfile_open(const char *path, char *err, size_t errlen);

/* A whole configuration file of at most max bytes (what: "a dhcpd
 * configuration", for the sentence when it is larger). 0, or -1 with one
 * sentence; *data as for readfile_all. */
int readfile_whole(const char *path, size_t max, const char *what, char **data, size_t *len, char *err,
                   size_t errlen);

/* A push parser a file is streamed to: feed takes chunks split anywhere,
 * finish ends the input, and either returns a negative number once the
 * content is malformed, its sentence then in error(parser). */
typedef struct readfile_sink {
    void *parser;
    int (*feed)(void *parser, const char *buf, size_t len);
    int (*finish)(void *parser);
    const char *(*error)(const void *parser);
} readfile_sink_t;

/* Streams path to the sink in 1 MiB chunks. 0, or -1 with one sentence. */
int readfile_stream(const char *path, const readfile_sink_t *sink, char *err, size_t errlen);

/* name as an include statement gives it, relative to the folder of the file
 * from that names it (an absolute name stays as it is): malloc'ed, NULL when
 * out of memory. Daemons resolve relative names against their working
 * folder; the plugin runs elsewhere, so the including file's is the useful base. */
char *readfile_relative(const char *from, const char *name);

#endif
