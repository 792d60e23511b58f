#!/usr/bin/env bash
# Keeps the documentation from drifting away from the option parser: every
# option in the table of plugin/options.c (opt_defs), plus --extra-opts, must
# appear in the man page (rendered), in --help and (except --help/--version)
# as an argument of the Icinga 2 CheckCommand; and every --option that --help
# or the man page names must exist. Starts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
man_page=${1:?usage: docs_options.sh BUILT_MAN_PAGE}
command -v man >/dev/null || need groff "Debian: apt-get install man-db groff-base"
new_tmpdir tmp

# { O_SCOPE, 's', "scope", 1 },  ->  "scope s"
sed -n 's/^ *{ O_[A-Z_]*, *\(0\|'"'"'\(.\)'"'"'\), *"\([a-z-]*\)", *[01] },.*/\3 \2/p' \
  "$CDS_SOURCE_DIR/plugin/options.c" >"$tmp/opts"
n=$(wc -l <"$tmp/opts")
[ "$n" -ge 20 ] || die "read only $n options from plugin/options.c; has opt_defs changed shape?"
echo "extra-opts " >>"$tmp/opts"

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
    parts = line.split()
    opts[parts[0]] = parts[1] if len(parts) > 1 else ""
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
            print(f"FAIL: the {where} text names --{name}, which plugin/options.c does not have")
            fail = 1
if not fail:
    print(f"ok: all {len(opts)} options are in the man page, --help and the Icinga 2 CheckCommand")
sys.exit(fail)
PY
  ok "the man page, --help and the Icinga 2 CheckCommand match plugin/options.c"
else
  bad "the man page, --help or the Icinga 2 CheckCommand drifted from plugin/options.c"
fi
finish
