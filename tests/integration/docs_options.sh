#!/usr/bin/env bash
# Keeps the documentation from drifting away from the option parser: every
# option in the table of plugin/options.c (opt_defs), plus --extra-opts, must
# appear in the man page (rendered), in --help and (except --help/--version)
# as an argument of the Icinga 2 CheckCommand; and every --option that --help
# or the man page names must exist. Starts nothing.
set -euo pipefail
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
man_page=${1:?usage: docs_options.sh BUILT_MAN_PAGE}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# { O_SCOPE, 's', "scope", 1 },  ->  "scope s"
sed -n 's/^ *{ O_[A-Z_]*, *\(0\|'"'"'\(.\)'"'"'\), *"\([a-z-]*\)", *[01] },.*/\3 \2/p' \
  "$CDS_SOURCE_DIR/plugin/options.c" >"$tmp/opts"
n=$(wc -l <"$tmp/opts")
if [ "$n" -lt 20 ]; then
  echo "FAIL: read only $n options from plugin/options.c; has opt_defs changed shape?"; exit 1
fi
echo "extra-opts " >>"$tmp/opts"

if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$man_page" >"$tmp/man.txt" 2>/dev/null
else
  groff -t -man -Tascii -P-cbou -rLL=200n "$man_page" >"$tmp/man.txt" 2>/dev/null
fi
"$CDS_PLUGIN" --help >"$tmp/help.txt" || true
icinga=$CDS_SOURCE_DIR/docs/icinga2/check_dhcp_scope.conf

while read -r long short; do
  for where in man help; do
    if ! grep -q -- "--$long\b" "$tmp/$where.txt"; then
      echo "FAIL: --$long is missing from the $where text"; fail=1
    fi
    if [ -n "$short" ] && ! grep -q -- "-$short\b" "$tmp/$where.txt"; then
      echo "FAIL: -$short (--$long) is missing from the $where text"; fail=1
    fi
  done
  case $long in help|version) continue ;; esac
  if ! grep -q -- "\"--$long\" = {" "$icinga" && { [ -z "$short" ] || ! grep -q -- "\"-$short\" = {" "$icinga"; }; then
    echo "FAIL: --$long is not an argument of the Icinga 2 CheckCommand"; fail=1
  fi
done <"$tmp/opts"

# The other way round: no documented option that the parser does not know.
for where in man help; do
  grep -o -- '--[a-z][a-z-]*[a-z]' "$tmp/$where.txt" | sort -u | sed 's/^--//' >"$tmp/$where.named"
  while read -r name; do
    if ! grep -q "^$name " "$tmp/opts"; then
      echo "FAIL: the $where text names --$name, which plugin/options.c does not have"; fail=1
    fi
  done <"$tmp/$where.named"
done

[ $fail = 0 ] && echo "ok: all $((n + 1)) options are in the man page, --help and the Icinga 2 CheckCommand"
exit $fail
