#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The plugin never writes: it reads the ISC example (docs/examples) from
# read-only files in a read-only directory, as nobody when run as root (root
# ignores file modes), under strace, which must show no file opened for
# writing, created, renamed, removed or changed, and no write but to stdout.
# The files' contents and times must be unchanged. Starts only strace.
# (The Kea side, only read commands sent, is in faults_kea.sh.)
source "$(dirname "$0")/hardening_lib.sh"
need strace "Debian: apt-get install strace"
[ "$(id -u)" != 0 ] || need setpriv "Debian: apt-get install util-linux"

# LeakSanitizer stops the process with ptrace at exit, which strace holds.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

ex=$H_DIR/examples
mkdir "$ex"
cp "$CDS_SOURCE_DIR/docs/examples/dhcpd.conf" "$CDS_SOURCE_DIR/docs/examples/dhcpd.leases" "$ex/"
# An include, so that included files are covered too.
printf 'subnet 10.99.0.0 netmask 255.255.255.0 {\n  range 10.99.0.1 10.99.0.10;\n}\n' >"$ex/extra.conf"
printf 'include "extra.conf";\n' >>"$ex/dhcpd.conf"
chmod 0444 "$ex"/*
chmod 0555 "$ex"
chmod 0755 "$H_DIR"
before=$(cd "$ex" && stat -c '%n %s %Y %Z %a' * && sha256sum *)

as_user=()
[ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)

set +e
strace -f -qq -o "$H_DIR/strace.log" -e trace=%file,%desc,%process \
  "${as_user[@]}" "$CDS_PLUGIN" -v --per-subnet --no-pidfile --config "$ex/dhcpd.conf" --leases "$ex/dhcpd.leases" >"$H_DIR/out" 2>"$H_DIR/err"
RC=$?
set -e
OUT=$(cat "$H_DIR/out") ERR=$(cat "$H_DIR/err")
result_ok "ISC example from read-only files" 2 "^DHCP SCOPE CRITICAL - .*10.20.0.0/24 5% free \(1 of 20\)"
if grep -q "10.99.0.0/24" <<<"$OUT"; then
  ok "the read-only include was read"
else
  bad_run "the read-only include's subnet 10.99.0.0/24 is not in the -v output"
fi

# The strace log starts with setpriv's own calls: check from the plugin's exec.
awk -v p="$CDS_PLUGIN" 'index($0, "execve(\"" p "\"") { on = 1 } on' "$H_DIR/strace.log" >"$H_DIR/plugin.log"
if [ ! -s "$H_DIR/plugin.log" ]; then
  bad_run "strace shows no exec of the plugin"
elif report=$("${HELPER[@]}" strace-check "$H_DIR/plugin.log"); then
  ok "strace: no file opened for writing, nothing changed, nothing written but stdout ($(grep -c 'open' "$H_DIR/plugin.log") opens)"
else
  bad_run "strace shows writes:
$report"
fi

after=$(cd "$ex" && stat -c '%n %s %Y %Z %a' * && sha256sum *)
if [ "$before" = "$after" ]; then
  ok "files unchanged (size, mtime, ctime, mode, sha256)"
else
  bad_run "files changed:
$(diff <(echo "$before") <(echo "$after"))"
fi

finish
