#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "extraopts.h"
#include "options.h"
#include "os.h"
#include "report.h"
#include "source.h"

/* Everything that goes wrong ends here: one sentence, exit 3. */
static int unknown(const char *sentence)
{
    char *text = report_unknown(sentence);

    os_timeout_cancel();
    fputs(text ? text : REPORT_PREFIX " UNKNOWN - out of memory\n", stdout);
    fflush(stdout);
    free(text);
    return STATE_UNKNOWN;
}

static int fetch(const options_t *opt, scope_list_t *list, char *err, size_t errlen)
{
    switch (opt->source) {
    case SOURCE_ISC:
        return isc_fetch(opt, list, err, errlen);
    case SOURCE_KEA:
#ifdef CDS_HAVE_KEA
        return kea_fetch(opt, list, err, errlen);
#else
        snprintf(err, errlen, "this build of check_dhcp_scope has no Kea support");
        return -1;
#endif
    case SOURCE_MSWIN:
#ifdef _WIN32
        return mswin_fetch(opt, list, err, errlen);
#else
        snprintf(err, errlen, "the mswin source works only in the Windows build (check_dhcp_scope.exe); use -H from a Windows host");
        return -1;
#endif
    }
    snprintf(err, errlen, "no source selected");
    return -1;
}

int main(int argc, char **argv)
{
    options_t opt;
    scope_list_t list = { 0 };
    eval_result_t res;
    char err[1024] = "";
    char *text, **args;
    int rc, nargs;

    os_stdout_binary();
    /* --extra-opts files may sit on a hung mount: they are read under the
     * default timeout, and the watchdog is re-armed with -t once it is known. */
    os_stage("starting");
    os_timeout_start(OPTIONS_DEFAULT_TIMEOUT);
    if (extraopts_expand(argc, argv, options_takes_value, &nargs, &args, err, sizeof err) != 0)
        return unknown(err);
    if (options_parse(&opt, nargs, args, err, sizeof err) != 0) {
        options_free(&opt);
        extraopts_argv_free(nargs, args);
        return unknown(err);
    }
    if (opt.action != OPTIONS_RUN) {
        char *help = opt.action == OPTIONS_HELP ? options_help() : NULL;

        os_timeout_cancel();
        fputs(help ? help : options_version(), stdout);
        if (!help)
            fputc('\n', stdout);
        free(help);
        options_free(&opt);
        extraopts_argv_free(nargs, args);
        return STATE_UNKNOWN;
    }

    os_stage("starting");
    os_timeout_start(opt.timeout);
    if (fetch(&opt, &list, err, sizeof err) != 0) {
        rc = unknown(err);
    } else {
        os_stage("evaluating scopes");
        scope_list_sort(&list);
        if (eval_run(&opt, &list, &res, err, sizeof err) != 0) {
            rc = unknown(err);
        } else {
            text = report_render(&opt, &list, &res);
            os_timeout_cancel();
            if (!text) {
                rc = unknown("out of memory while writing the report");
            } else {
                fputs(text, stdout);
                rc = res.state;
            }
            free(text);
        }
    }
    fflush(stdout);
    scope_list_free(&list);
    options_free(&opt);
    extraopts_argv_free(nargs, args);
    return rc;
}
