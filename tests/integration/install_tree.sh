#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the installed tree, not the build tree: `cmake --install BUILD --prefix
# TMP`, then the installed plugin on the example ISC files (same output and
# exit code as the build-tree binary), its --version against the project
# version, and the installed man page through man (or groff) with warnings
# treated as errors; with the RPC client, its module beside the installed
# plugin, which loads it. Starts nothing that outlives it.
# Usage: install_tree.sh BUILD_DIR PROJECT_VERSION HAVE_MSRPC(ON|OFF)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
build=$1 version=$2 msrpc=${3:-OFF}
command -v man >/dev/null || need groff "Debian: apt-get install man-db groff-base"
new_tmpdir tmp

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log"
plugin=$tmp/prefix/lib/nagios/plugins/check_dhcp_scope
man=$tmp/prefix/share/man/man1/check_dhcp_scope.1
doc=$tmp/prefix/share/doc/check_dhcp_scope
check "the plugin is installed in lib/nagios/plugins" '[ -x "$plugin" ]'
check "the man page is installed in share/man/man1" '[ -f "$man" ]'
for f in icinga2/check_dhcp_scope.conf icinga2/example-services.conf nagios/commands.cfg \
         nagios/services.cfg nsclient/nsclient.ini examples/dhcpd.conf examples/dhcpd.leases README.md; do
  check "docs: $f" '[ -f "$doc/$f" ]'
done
check "the licence: share/doc/check-dhcp-scope/copyright names GPL-3.0-or-later" \
  'grep -qx "License: GPL-3.0-or-later" "$tmp/prefix/share/doc/check-dhcp-scope/copyright"'

if [ "$msrpc" = ON ]; then
  check "the RPC module is installed beside the plugin" '[ -f "${plugin%/*}/check_dhcp_scope-msrpc.so" ]'
  # The -H sentence comes from inside the module: the plugin found and loaded it.
  "$plugin" --source mswin >"$tmp/mswin.out" && rc=0 || rc=$?
  check "the installed plugin loads its RPC module (exit $rc)" \
    '[ "$rc" = 3 ] && grep -q "^DHCP SCOPE UNKNOWN - --source mswin needs -H SERVER here" "$tmp/mswin.out"'
fi

ex=$CDS_SOURCE_DIR/docs/examples
for args in "" "-v" "-s 10.30.0.0 -W 5 -C 1" "--bogus"; do
  # shellcheck disable=SC2086
  "$plugin" --no-pidfile --config "$ex/dhcpd.conf" --leases "$ex/dhcpd.leases" $args >"$tmp/installed.out" && a=0 || a=$?
  # shellcheck disable=SC2086
  "$CDS_PLUGIN" --no-pidfile --config "$ex/dhcpd.conf" --leases "$ex/dhcpd.leases" $args >"$tmp/built.out" && b=0 || b=$?
  check "installed = built for '$args' (exit $a)" '[ "$a" = "$b" ] && cmp -s "$tmp/installed.out" "$tmp/built.out"'
done
"$plugin" --no-pidfile --config "$ex/dhcpd.conf" --leases "$ex/dhcpd.leases" >/dev/null && rc=0 || rc=$?
check "the example's default run is WARNING (campus judged as one pool)" '[ "$rc" = 1 ]'
"$plugin" --per-subnet --no-pidfile --config "$ex/dhcpd.conf" --leases "$ex/dhcpd.leases" >/dev/null && rc=0 || rc=$?
check "the example's run with --per-subnet is CRITICAL" '[ "$rc" = 2 ]'

"$plugin" --version >"$tmp/version.out" && rc=0 || rc=$?
check "--version exits 3" '[ "$rc" = 3 ]'
check "--version says $version" 'grep -q "^check_dhcp_scope $version " "$tmp/version.out"'
check "the man page carries version $version" 'grep -q "^\.TH CHECK_DHCP_SCOPE 1 \"[0-9-]*\" \"check_dhcp_scope $version\"" "$man"'

# Renders without a warning.
if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$man" >"$tmp/man.txt" 2>"$tmp/man.err" || true
else
  groff -t -man -ww -Tutf8 "$man" >"$tmp/man.txt" 2>"$tmp/man.err" || true
fi
check "the man page renders without warnings" '[ ! -s "$tmp/man.err" ] && grep -q "FAILOVER AND HA STATES" "$tmp/man.txt"'
[ -s "$tmp/man.err" ] && cat "$tmp/man.err"
finish
