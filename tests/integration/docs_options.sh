#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Keeps the documentation from drifting away from the option parser: every
# option the parser knows (the common table in plugin/options.c and every
# source's row of the source table, as tests/integration/options_dump.c prints
# them) must appear in the man page (rendered), in --help and (except
# --help/--version) as an argument of the Icinga 2 CheckCommand; and every
# --option that --help or the man page names must exist. Starts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
man_page=${1:?usage: docs_options.sh BUILT_MAN_PAGE OPTIONS_DUMP}
options_dump=${2:?usage: docs_options.sh BUILT_MAN_PAGE OPTIONS_DUMP}
command -v man >/dev/null || need groff "Debian: apt-get install man-db groff-base"
new_tmpdir tmp

"$options_dump" >"$tmp/opts"
n=$(wc -l <"$tmp/opts")
[ "$n" -ge 25 ] || die "options_dump printed only $n options"

if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$man_page" >"$tmp/man.txt" 2>/dev/null
else
  groff -t -man -Tascii -P-cbou -rLL=200n "$man_page" >"$tmp/man.txt" 2>/dev/null
fi
"$CDS_PLUGIN" --help >"$tmp/help.txt" || true
icinga=$CDS_SOURCE_DIR/docs/icinga2/check_dhcp_scope.conf

if "$python" - "$tmp/opts" "$tmp/man.txt" "$tmp/help.txt" "$icinga" <<'PY'; then
import re, sys

opts_file, man_file, help_file, icinga_file = sys.argv[1:5]
opts = {}
for line in open(opts_file):
    long, short, _source = line.split()
    opts[long] = "" if short == "-" else short
texts = {"man": open(man_file).read(), "help": open(help_file).read()}
icinga = open(icinga_file).read()
fail = 0
for long, short in opts.items():
    for where, text in texts.items():
        if not re.search(r"--" + re.escape(long) + r"\b", text):
            print(f"FAIL: --{long} is missing from the {where} text")
            fail = 1
        if short and not re.search(r"(?<![A-Za-z0-9-])-" + re.escape(short) + r"\b", text):
            print(f"FAIL: -{short} (--{long}) is missing from the {where} text")
            fail = 1
    if long in ("help", "version"):
        continue
    if f'"--{long}" = {{' not in icinga and not (short and f'"-{short}" = {{' in icinga):
        print(f"FAIL: --{long} is not an argument of the Icinga 2 CheckCommand")
        fail = 1
# The other way round: no documented option that the parser does not know.
for where, text in texts.items():
    for name in sorted(set(re.findall(r"--([a-z][a-z-]*[a-z])", text))):
        if name not in opts:
            print(f"FAIL: the {where} text names --{name}, which the option tables do not have")
            fail = 1
if not fail:
    print(f"ok: all {len(opts)} options are in the man page, --help and the Icinga 2 CheckCommand")
sys.exit(fail)
PY
  ok "the man page, --help and the Icinga 2 CheckCommand match the option tables"
else
  bad "the man page, --help or the Icinga 2 CheckCommand drifted from the option tables"
fi
finish
