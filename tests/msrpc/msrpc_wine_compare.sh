#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One fixture, two clients, one output: check_dhcp_scope.exe under Wine
# beside the dhcpsapi.dll test double (tests/mswin_double/), and the Linux
# plugin over RPC against the test double of the DHCP Server's RPC interface
# (fake_dhcpm_server.py; no Windows server can run here) reading the same
# fixture, must print the same bytes and exit with the same code: healthy,
# warning and critical scopes, non-ASCII names, superscopes, every failover
# state, hot standby and --server-share, -s and -x, disabled scopes, 1,000
# scopes with NRPE's 1 KiB, IPv6 scopes with --family 6 and both (64-bit
# counts, -s by prefix, 700 scopes over three pages), and the errors whose
# sentences name no account (a stopped service, a missing or disabled scope).
#
# Reuses the mingw-w64 build tree and the Wine prefix mswin_wine.sh made in
# its WORKDIR (CTest runs it first), brings that build up to date so that the
# .exe is never older than the sources the Linux plugin was built from, and
# starts a wineserver and the test server, stopped at the end.
# Usage: msrpc_wine_compare.sh MSWIN_WINE_WORKDIR
source "$(dirname "$0")/msrpc_lib.sh"
need_impacket
need wine
need cmake
work=${1:?usage: msrpc_wine_compare.sh MSWIN_WINE_WORKDIR}
[ -f "$work/build/CMakeCache.txt" ] && [ -f "$work/prefix/system.reg" ] \
  || die "$work has no mingw-w64 build or Wine prefix: run mswin_wine first (ctest -R mswin_wine)"
cmake --build "$work/build" -j"$(nproc)" >"$T/build.log" 2>&1 \
  || die "bringing the mingw-w64 build up to date failed: $(tail -20 "$T/build.log")"
mkdir "$T/exe"
cp "$work/build/plugin/check_dhcp_scope.exe" "$work/build/tests/mswin_double/dhcpsapi.dll" "$T/exe/" \
  || die "the mingw-w64 build has no check_dhcp_scope.exe or dhcpsapi.dll"
exe=$T/exe/check_dhcp_scope.exe
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
wineserver -p
stop_wineserver() { wineserver -k 2>/dev/null || true; }
on_exit stop_wineserver
creds "$T/creds" cds Passw0rd CDSTEST

# same NAME FIXTURE ARGS...: both clients, one fixture.
same() {
  local name=$1 fx=$2 wrc
  shift 2
  { echo "server 127.0.0.1"; cat "$fx"; } >"$T/$name.fx"
  start_server "$name" "" -- --fixture "$T/$name.fx" --user cds:Passw0rd
  run "$name" --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/creds" "$@"
  stop_pid "$SERVER_PID"
  CDS_DOUBLE_FIXTURE="Z:$T/$name.fx" wine "$exe" -H 127.0.0.1 "$@" >"$T/$name.wine" 2>"$T/$name.wine.err"
  wrc=$?
  if [ "$RC" = "$wrc" ] && cmp -s "$T/$name.out" "$T/$name.wine"; then
    local msg="$name: the same $(wc -c <"$T/$name.out") bytes and exit $RC: ${OUT%%$'\n'*}"
    ok "${msg:0:200}"
  else
    bad "$name: Linux exit $RC, .exe exit $wrc; $(diff "$T/$name.out" "$T/$name.wine" | head -c 800)"
  fi
}

cat >"$T/base" <<'FX'
scope 10.0.1.0 255.255.255.0 "Office" enabled inuse=60 free=40
scope 10.0.2.0 255.255.255.0 "Büro Süd – 東京" enabled inuse=50 free=50
scope 10.0.4.0 255.255.254.0 "Lab" enabled inuse=100 free=400
scope 10.0.9.0 255.255.255.0 "Old" disabled inuse=100 free=0
scope 192.168.7.0 255.255.255.128 "" enabled inuse=126 free=0 pending=3
relationship "fo-hq" mode=loadbalance role=primary state=normal scopes=10.0.1.0,10.0.2.0
stats 10.0.1.0 num=100 free=40 inuse=60 thisfree=22 partnerfree=18 thisinuse=31 partnerinuse=29
superscope "Building A" 10.0.1.0,10.0.4.0
FX
same base "$T/base"
same base_v "$T/base" -v
same thresholds "$T/base" -w 60 -c 45 -W 45: -C 41: -v
same disabled "$T/base" --include-disabled -v
same select "$T/base" -s 10.0.2.0 -v
same select_name "$T/base" -s Lab -x 10.0.1.0 -v
same share "$T/base" --server-share -v --ignore-failover
same not_running <(cat "$T/base"; echo 'fail DhcpEnumSubnets 1753')
same scope_missing "$T/base" -s 10.0.7.0
same scope_disabled "$T/base" -s 10.0.9.0
same no_failover <(cat "$T/base"; echo 'fail DhcpV4FailoverEnumRelationship 20134') -v
same left_failover <(cat "$T/base"; echo 'fail DhcpV4FailoverGetScopeStatistics 20116 scope=10.0.2.0') -v
same deleted <(cat "$T/base"; echo 'fail DhcpGetSubnetInfo 20005 scope=10.0.4.0') -v
same superscope_down <(cat "$T/base"; echo 'fail DhcpGetSuperScopeInfoV4 1753') -v

for st in partnerdown communicationinterrupted recoverwait paused 42; do
  {
    echo 'scope 10.1.0.0 255.255.255.0 "Floor 1" enabled inuse=40 free=60'
    echo 'scope 10.1.1.0 255.255.255.0 "Floor 2" enabled inuse=70 free=30'
    echo "relationship \"fo-b\" mode=hotstandby role=secondary state=$st scopes=10.1.0.0,10.1.1.0"
    echo 'stats 10.1.0.0 num=100 free=60 inuse=40 thisfree=3 partnerfree=57 thisinuse=0 partnerinuse=40'
  } >"$T/fo_$st"
  same "state_$st" "$T/fo_$st" -v
done
same standby_share "$T/fo_paused" --server-share -s 10.1.0.0 -v

# IPv6 scopes (--family): the same three methods on both sides.
{
  cat "$T/base"
  echo 'scope6 2001:db8:1::/64 "Campus v6" enabled inuse=300 free=700'
  echo 'scope6 2001:db8:2::/64 "Lab v6 – 東京" enabled inuse=920 free=80'
  echo 'scope6 2001:db8:3::/64 "Old v6" disabled inuse=10 free=0'
  echo 'scope6 2001:db8:100::/48 "Huge" enabled inuse=5000000000 free=18446744073709551615'
  echo 'scope6 2001:db8:200::/64 "Big" enabled inuse=5000000000 free=6000000000'
} >"$T/dual"
same v6_only "$T/dual" --family 6 -v
same v6_both "$T/dual" --family both -v
same v6_both_pools "$T/dual" --family both -v -w 45 -c 30
same v6_disabled "$T/dual" --family 6 --include-disabled -v
same v6_counts "$T/dual" --family 6 -s 2001:db8:200::/64 -W 6000000001: -v
same v6_select "$T/dual" --family both -s 2001:db8:2::/64 -s 10.0.4.0/23 -v
same v6_select_name "$T/dual" --family both -s "Campus v6" -v
same v6_wrong_family "$T/dual" -s 2001:db8:1::/64
same v6_missing "$T/dual" --family 6 -s 2001:db8:9::/64
same v6_named_disabled "$T/dual" --family 6 -s 2001:db8:3::/64
same v6_deleted <(cat "$T/dual"; echo 'fail DhcpGetSubnetInfoV6 20005 scope=2001:db8:2::') --family 6 -v
same v6_down <(cat "$T/dual"; echo 'fail DhcpGetMibInfoV6 1753') --family both
same v6_none "$T/base" --family both -v
same v6_none_only "$T/base" --family 6
"$PY3" "$CDS_SOURCE_DIR/tests/mswin_double/gen_fixture.py" many6 "$T/many6"
same many6 "$T/many6" --family 6 -v --max-output 1024

"$PY3" "$CDS_SOURCE_DIR/tests/mswin_double/gen_fixture.py" many "$T/many"
same many "$T/many"
same many_nrpe "$T/many" -v --max-output 1024

finish
