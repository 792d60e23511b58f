/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "extraopts.h"
#include "options.h"
#include "os.h"
#include "report.h"

/* A check that ends before there is a report: one sentence, and its state. */
static int problem(int state, const char *sentence)
{
    char *text = report_problem(state, sentence);

    os_timeout_cancel();
    if (!text)
        state = STATE_UNKNOWN;
    fputs(text ? text : REPORT_PREFIX " UNKNOWN - out of memory\n", stdout);
    fflush(stdout);
    free(text);
    return state;
}

/* Everything that keeps the plugin from measuring ends here: exit 3. */
static int unknown(const char *sentence)
{
    return problem(STATE_UNKNOWN, sentence);
}

/* Options -> source -> scope list -> evaluation -> report -> exit code. */
static int check(const options_t *opt, char *err, size_t errlen)
{
    scope_list_t list = { 0 };
    eval_result_t res = { 0 };
    source_ctx_t ctx = options_source_ctx(opt);
    char *text;
    int rc;

    rc = opt->source->fetch(opt->source_opts, &ctx, &list, err, errlen);
    if (rc == SOURCE_DOWN && opt->server_down != STATE_UNKNOWN) {
        rc = problem(opt->server_down, err);
    } else if (rc < 0) {
        rc = unknown(err);
    } else {
        os_stage("evaluating scopes");
        scope_list_sort(&list);
        if (eval_run(opt, &list, &res, err, errlen) != 0) {
            rc = unknown(err);
        } else {
            text = report_render(opt, &list, &res);
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
    eval_result_free(&res);
    scope_list_free(&list);
    return rc;
}

int main(int argc, char **argv)
{
    options_t opt;
    char err[1024] = "";
    char **args;
    int rc, nargs;

    os_stdout_binary();
    /* --extra-opts files may sit on a hung mount: they are read under the
     * default timeout, and the watchdog is re-armed with -t once it is known. */
    os_stage("starting");
    os_timeout_start(REPORT_PREFIX, OPTIONS_DEFAULT_TIMEOUT);
    if (extraopts_expand(argc, argv, options_takes_value, &nargs, &args, err, sizeof err) != 0)
        return unknown(err);
    if (options_parse(&opt, nargs, args, err, sizeof err) != 0) {
        rc = unknown(err);
    } else if (opt.action != OPTIONS_RUN) {
        char *help = opt.action == OPTIONS_HELP ? options_help() : NULL;

        os_timeout_cancel();
        fputs(help ? help : options_version(), stdout);
        if (!help)
            fputc('\n', stdout);
        free(help);
        rc = STATE_UNKNOWN;
    } else {
        os_stage("starting");
        os_timeout_start(REPORT_PREFIX, opt.timeout);
        rc = check(&opt, err, sizeof err);
    }
    fflush(stdout);
    options_free(&opt);
    extraopts_argv_free(nargs, args);
    return rc;
}
