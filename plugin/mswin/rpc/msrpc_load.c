/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mswin_source.h"

/* The mswin source outside Windows, in the plugin itself: it loads the RPC
 * client (MSWIN_RPC_MODULE, from the folder the plugin runs from) when a
 * check asks for it, so that Samba's libraries are loaded by mswin checks
 * only. The module resolves the core's functions against the plugin, which
 * exports them (plugin/CMakeLists.txt). */

const char mswin_missing[] = "";

/* The module's path: beside the executable, as `cmake --install` and the
 * .deb put it. 0, or -1 with a sentence. */
static int module_path(char *path, size_t len, char *err, size_t errlen)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;

    if (n <= 0) {
        snprintf(err, errlen, "--source mswin cannot find its RPC module (%s): /proc/self/exe, which names the "
                 "plugin's folder, cannot be read", MSWIN_RPC_MODULE);
        return -1;
    }
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash)
        slash[1] = '\0';
    if ((size_t)snprintf(path, len, "%s%s", slash ? exe : "./", MSWIN_RPC_MODULE) >= len) {
        snprintf(err, errlen, "--source mswin cannot find its RPC module: the plugin's folder name is too long");
        return -1;
    }
    return 0;
}

int mswin_fetch(const void *opts, const source_ctx_t *ctx, scope_list_t *out, char *err, size_t errlen)
{
    char path[PATH_MAX + sizeof MSWIN_RPC_MODULE];
    mswin_rpc_fetch_fn *fetch;
    void *lib, *sym;

    if (module_path(path, sizeof path, err, errlen))
        return SOURCE_ERROR;
    /* Kept loaded until the process ends, as a linked library would be. */
    lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(err, errlen, "--source mswin needs the plugin's RPC module, which cannot be loaded "
                 "(install it beside the plugin, with Samba's client libraries): %s", dlerror());
        return SOURCE_ERROR;
    }
    if (!(sym = dlsym(lib, MSWIN_RPC_ENTRY))) {
        snprintf(err, errlen, "%s is not this plugin's RPC module: it lacks %s", path, MSWIN_RPC_ENTRY);
        return SOURCE_ERROR;
    }
    /* POSIX lets a dlsym result become a function pointer (XSH dlsym). */
    memcpy(&fetch, &sym, sizeof sym);
    return fetch(opts, ctx, out, err, errlen);
}
