#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --extra-opts end to end with the built plugin: a scope list and thresholds in
# an ini file give the same output and exit code as the same options on the
# command line (ISC example files); later options override, -s accumulates;
# $MP_CONFIG_FILE is the default file; a missing file, section or a bad line is
# UNKNOWN with a sentence. With the Kea source built, Kea credentials from the
# ini file reach a fake Kea Control Agent (a Python HTTP server on 127.0.0.1
# that demands basic authentication and answers with tests/data/kea replies),
# stopped by its pid.
# Usage: extraopts_ini.sh HAVE_KEA(ON|OFF)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
kea=${1:-OFF}
ex=$CDS_SOURCE_DIR/docs/examples
new_tmpdir tmp

# same NAME "INI ARGS" "COMMAND LINE ARGS": identical output and exit code.
same() {
  local name=$1 a b
  # shellcheck disable=SC2086
  "$CDS_PLUGIN" $2 >"$tmp/a.out" 2>&1 && a=0 || a=$?
  # shellcheck disable=SC2086
  "$CDS_PLUGIN" $3 >"$tmp/b.out" 2>&1 && b=0 || b=$?
  if [ "$a" = "$b" ] && cmp -s "$tmp/a.out" "$tmp/b.out"; then
    ok "$name (exit $a)"
  else
    bad "$name: ini gave exit $a, command line exit $b"; diff "$tmp/a.out" "$tmp/b.out" || true
  fi
}
# expect NAME EXIT NEEDLE ARGS...: exit code and a piece of the first line.
expect() {
  local name=$1 want=$2 needle=$3 rc
  shift 3
  "$CDS_PLUGIN" "$@" >"$tmp/out" 2>&1 && rc=0 || rc=$?
  if [ "$rc" = "$want" ] && head -n1 "$tmp/out" | grep -qF -- "$needle"; then
    ok "$name"
  else
    bad "$name: exit $rc (want $want), output:"; cat "$tmp/out"; echo "(wanted '$needle')"
  fi
}

cat >"$tmp/plugins.ini" <<INI
# monitoring-plugins style ini
[check_dhcp_scope]
config = $ex/dhcpd.conf
leases=$ex/dhcpd.leases
# copied files: no dhcpd to look for; each subnet on its own
no-pidfile
per-subnet

[campus]
config = $ex/dhcpd.conf
leases = $ex/dhcpd.leases
no-pidfile
; three scopes, count thresholds too
scope = 10.20.0.0
s = 10.30.0.0
scope=10.40.0.0/24
warning = 30
critical = 10
W = 5
verbose

[broken]
scope
INI
files="--no-pidfile --config $ex/dhcpd.conf --leases $ex/dhcpd.leases"
same "default section" "--extra-opts=@$tmp/plugins.ini" "$files --per-subnet"
same "named section, repeated scope lines" "--extra-opts=campus@$tmp/plugins.ini" \
  "$files -s 10.20.0.0 -s 10.30.0.0 -s 10.40.0.0/24 -w 30 -c 10 -W 5 -v"
same "later options override, -s adds up" "--extra-opts=campus@$tmp/plugins.ini -w 10 -s 10.20.1.0" \
  "$files -s 10.20.0.0 -s 10.30.0.0 -s 10.40.0.0/24 -w 10 -c 10 -W 5 -v -s 10.20.1.0"
expect "the ini values are used" 2 "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 1 ok" "--extra-opts=campus@$tmp/plugins.ini"
MP_CONFIG_FILE=$tmp/plugins.ini expect "MP_CONFIG_FILE is the default file" 2 \
  "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 3 ok" --extra-opts
expect "a missing file is UNKNOWN" 3 \
  "DHCP SCOPE UNKNOWN - --extra-opts: cannot open $tmp/nope.ini: No such file or directory" "--extra-opts=@$tmp/nope.ini"
expect "a missing section is UNKNOWN" 3 \
  "DHCP SCOPE UNKNOWN - --extra-opts: section [kea9] not found in $tmp/plugins.ini" "--extra-opts=kea9@$tmp/plugins.ini"
expect "an option without its value is UNKNOWN with file:line" 3 \
  "DHCP SCOPE UNKNOWN - $tmp/plugins.ini:23: option 'scope' needs a value" "--extra-opts=broken@$tmp/plugins.ini"

# An ini file that blocks (a FIFO nobody writes, like a file on a hung mount)
# is read under the default timeout: UNKNOWN naming it within 10 s + 1 s.
mkfifo "$tmp/hung.ini"
start=$(date +%s%N)
"$CDS_PLUGIN" "--extra-opts=@$tmp/hung.ini" -t 60 >"$tmp/hung.out" 2>&1 && rc=0 || rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
want="DHCP SCOPE UNKNOWN - timed out after 10 s while reading the --extra-opts file $tmp/hung.ini."
if [ "$rc" = 3 ] && [ "$(cat "$tmp/hung.out")" = "$want" ] && [ "$ms" -ge 10000 ] && [ "$ms" -le 11000 ]; then
  ok "a blocking --extra-opts file ends in UNKNOWN after $ms ms"
else
  bad "blocking --extra-opts file: exit $rc after $ms ms: $(cat "$tmp/hung.out")"
fi

if [ "$kea" = ON ]; then
  # A fake Control Agent that wants basic auth (tests/integration/kea_ctl.py replay).
  spawn "$python" "$CDS_SOURCE_DIR/tests/integration/kea_ctl.py" replay "http:$tmp/port" \
    "$CDS_SOURCE_DIR/tests/data/kea" single "auth:monitor:s3cret #;=x"
  for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
  [ -s "$tmp/port" ] || die "the fake Control Agent did not start within 10 s"
  port=$(cat "$tmp/port")
  printf 'monitor:s3cret #;=x\n' >"$tmp/kea.pass"
  printf 'monitor:wrong\n' >"$tmp/wrong.pass"
  chmod 600 "$tmp/kea.pass" "$tmp/wrong.pass"
  cat >"$tmp/kea.ini" <<INI
[kea1]
source = kea
url = http://127.0.0.1:$port/
credentials = $tmp/kea.pass
scope = 1
scope = 10.0.2.0
[kea-wrong]
source = kea
url = http://127.0.0.1:$port/
credentials = $tmp/wrong.pass
INI
  same "Kea credentials and scopes from the ini file" "--extra-opts=kea1@$tmp/kea.ini" \
    "--source kea --url http://127.0.0.1:$port/ --credentials $tmp/kea.pass -s 1 -s 10.0.2.0"
  expect "the Kea scopes from the ini file are checked" 0 "0 critical, 0 warning, 2 ok" "--extra-opts=kea1@$tmp/kea.ini"
  expect "wrong credentials from the ini file are refused by the agent" 3 "rejected the credentials" \
    "--extra-opts=kea-wrong@$tmp/kea.ini"
fi
finish
