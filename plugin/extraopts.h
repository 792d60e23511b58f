/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CDS_EXTRAOPTS_H
#define CDS_EXTRAOPTS_H

/* --extra-opts=[section][@file] as in the Monitoring Plugins: plugin/extraopts.c.
 * The ini parser takes bytes and does no I/O; the adapter finds and reads the
 * file and rewrites argv. */

#include <stddef.h>

#define EXTRAOPTS_SECTION "check_dhcp_scope"

typedef struct extraopts_entry {
    char *key;                       /* option name without dashes */
    char *value;                     /* NULL for a flag (no value, or "key=") */
    unsigned line;                   /* 1-based line in the file */
} extraopts_entry_t;

typedef struct extraopts_list {
    extraopts_entry_t *v;
    size_t n, cap;
} extraopts_list_t;

/* Parses ini text and appends the entries of every [section] block, in file
 * order, to out. Lines: "[name]", "key", "key=value", "key = value", comments
 * starting with '#' or ';'; values are taken verbatim (no quotes, no inline
 * comments: a password may hold '#'). Returns 1 when the section exists, 0
 * when it does not, -1 on a syntax error anywhere in the file with
 * "FILE:LINE: sentence" in err (FILE is only used for that message). */
int extraopts_parse(const char *text, size_t len, const char *section, const char *file,
                    extraopts_list_t *out, char *err, size_t errlen);

void extraopts_list_free(extraopts_list_t *list);

/* Tells whether an option (long name, or one letter) takes a value: 1 yes,
 * 0 no (a flag), -1 no such option. options_takes_value in options.c. */
typedef int (*extraopts_takes_value_fn)(const char *name);

/* Replaces each "--extra-opts[=[section][@file]]" in argv (up to a "--") by
 * the options of that section, "--key=value", "-k value" or "--key", in place,
 * so later arguments override them and repeatable ones accumulate. Without
 * @file the file is $MP_CONFIG_FILE, else the first monitoring-plugins.ini,
 * plugins.ini or nagios-plugins.ini in $NAGIOS_CONFIG_PATH, else the first
 * standard path that exists. The new argv (argv[0] kept, NULL-terminated) is
 * always freshly allocated: release it with extraopts_argv_free. Returns 0, or
 * -1 with one sentence in err (missing file or section, syntax error, unknown
 * option). */
int extraopts_expand(int argc, char **argv, extraopts_takes_value_fn takes_value,
                     int *out_argc, char ***out_argv, char *err, size_t errlen);

void extraopts_argv_free(int argc, char **argv);

/* The standard default file paths, NULL-terminated, in search order. */
extern const char *const extraopts_default_paths[];

#endif
