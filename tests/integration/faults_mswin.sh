#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every dhcpsapi error on every call, and a hang in each call, for the
# Windows build under Wine with the dhcpsapi.dll test double: the IPv4 calls
# on the base fixture, the IPv6 calls (--family both) on the base fixture
# with IPv6 scopes added. Reuses what mswin_wine.sh built and booted in its
# WORKDIR (the .exe beside the double, the Wine prefix: CTest runs this after
# it) and starts only a wineserver, stopped at the end. Each injected error
# ends in one line that names the call and the code: CRITICAL (exit 2) for
# the codes that say the server is down or not answering (1722, 1753, 20122,
# 20123), UNKNOWN for those with --server-down=unknown, UNKNOWN (exit 3) for
# every other code; or, where the source documents it as tolerated (a server
# or scope without failover, a scope deleted while being read), in the same
# verdict as without the error. Every buffer the double handed out is freed
# exactly once either way.
#
# Usage: faults_mswin.sh MSWIN_WINE_WORKDIR
source "$(dirname "$0")/hardening_lib.sh"

work=${1:?usage: faults_mswin.sh MSWIN_WINE_WORKDIR}
need wine "Debian: apt-get install wine wine64"
need wineserver "Debian: apt-get install wine wine64"
exe=$work/run/check_dhcp_scope.exe
base=$work/fixtures/base
if [ ! -f "$exe" ] || [ ! -f "$base" ] || [ ! -f "$work/prefix/system.reg" ]; then
  die "$work has no .exe, fixture or Wine prefix: run mswin_wine first (ctest -R mswin_wine)"
fi
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
wineserver -p
stop_wineserver() { wineserver -k 2>/dev/null || true; wineserver -w 2>/dev/null || true; }
on_exit stop_wineserver

# runw FIXTURE ARGS...: the .exe beside the double; sets OUT, ERR, RC,
# ELAPSED, and COUNTS (the double's call and buffer counts). Every subnet is
# judged on its own (--per-subnet), so the tolerated errors are compared with
# one verdict; a failed superscope call is an error all the same (the source
# cannot know that membership will not be used).
runw() {
  local fixture=$1 t0 t1
  shift
  rm -f "$H_DIR/counts"
  t0=$(date +%s.%N)
  set +e
  CDS_DOUBLE_FIXTURE="Z:$fixture" CDS_DOUBLE_COUNTS="Z:$H_DIR/counts" wine "$exe" --per-subnet "$@" \
    >"$H_DIR/out" 2>"$H_DIR/err"
  RC=$?
  set -e
  t1=$(date +%s.%N)
  OUT=$(tr -d '\r' <"$H_DIR/out") ERR=$(cat "$H_DIR/err")
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  COUNTS=$(cat "$H_DIR/counts" 2>/dev/null || true)
}

# freed NAME: every buffer handed out was freed once, none twice or foreign.
freed() {
  local a f b
  a=$(awk '$1 == "allocs" { print $2 }' <<<"$COUNTS")
  f=$(awk '$1 == "frees" { print $2 }' <<<"$COUNTS")
  b=$(awk '$1 == "badfrees" { print $2 }' <<<"$COUNTS")
  if [ -n "$a" ] && [ "$a" = "$f" ] && [ "$b" = 0 ]; then
    ok "$1: $a buffers, all freed"
  else
    bad_run "$1: ${a:-?} buffers handed out, ${f:-?} freed, ${b:-?} bad frees"
  fi
}

runw "$base"
[ "$RC" = 0 ] || bad_run "the base fixture should be OK"
BASE_SUMMARY=${OUT%% | *}
BASE_SUMMARY=${BASE_SUMMARY%%$'\n'*}

# The base server with IPv6 scopes, all OK and with more room than the IPv4
# ones, so losing them all leaves the base fixture's summary.
base6=$H_DIR/base6
{
  cat "$base"
  echo 'scope6 2001:db8:1::/64 "Campus v6" enabled inuse=300 free=700'
  echo 'scope6 2001:db8:2::/64 "Lab v6" enabled inuse=5000000000 free=15000000000'
} >"$base6"
runw "$base6" --family both
[ "$RC" = 0 ] || bad_run "the base6 fixture should be OK"
BASE6_SUMMARY=${OUT%% | *}
BASE6_SUMMARY=${BASE6_SUMMARY%%$'\n'*}
[ "$BASE6_SUMMARY" != "$BASE_SUMMARY" ] || bad "the base6 fixture's IPv6 scopes do not show in its summary"

# tolerated FN CODE: the source reads this as "not applicable", not a failure.
tolerated() {
  case "$1:$2" in
    DhcpV4FailoverEnumRelationship:20118 | DhcpV4FailoverEnumRelationship:20134) return 0 ;;
    DhcpV4FailoverGetScopeStatistics:2011[5689] | DhcpV4FailoverGetScopeStatistics:20134) return 0 ;;
  esac
  return 1
}

# is_down CODE: the code says the server is down or not answering.
is_down() {
  case "$1" in
    1722 | 1753 | 20122 | 20123) return 0 ;;
  esac
  return 1
}

# same_verdict NAME SUMMARY: the last run was OK with this first line.
same_verdict() {
  if [ "$RC" = 0 ] && [ "${OUT%% | *}" != "$OUT" ] && [ "$(head -n 1 <<<"${OUT%% | *}")" = "$2" ]; then
    ok "$1: tolerated, the same verdict as without it"
  else
    bad_run "$1: should give the verdict: $2"
  fi
}

CALLS="DhcpEnumSubnets DhcpGetSubnetInfo DhcpGetMibInfoV5 DhcpV4FailoverEnumRelationship
       DhcpV4FailoverGetScopeStatistics DhcpGetSuperScopeInfoV4"
# The codes of docs (windows-dhcp-api reference), plus out of memory and a
# plain RPC failure.
CODES="5 8 1722 1726 1753 20005 20115 20116 20118 20121 20122 20123 20124 20134"
# inject FIXTURE FN ARGS...: every code of CODES from FN.
inject() {
  local fixture=$1 fn=$2 code name
  shift 2
  for code in $CODES; do
    { cat "$fixture"; echo "fail $fn $code"; } >"$H_DIR/fixture"
    runw "$H_DIR/fixture" "$@"
    name="$fn error $code"
    if tolerated "$fn" "$code"; then
      same_verdict "$name" "$BASE_SUMMARY"
    elif [ "$fn:$code" = "DhcpGetSubnetInfo:20005" ]; then
      # Every scope deleted between listing and reading: none left.
      unknown_ok "$name" "the server reports no scopes"
    elif [ "$fn:$code" = "DhcpGetSubnetInfoV6:20005" ]; then
      # Every IPv6 scope deleted between listing and reading: the IPv4 ones stay.
      same_verdict "$name" "$BASE_SUMMARY"
    elif is_down "$code"; then
      down_ok "$name" "\($fn: error $code[,)]"
      freed "$name"
      runw "$H_DIR/fixture" "$@" --server-down=unknown
      unknown_ok "$name with --server-down=unknown" "\($fn: error $code[,)]"
    else
      unknown_ok "$name" "($fn: error $code\)|$fn failed on this computer with error $code)"
    fi
    freed "$name"
  done
}

for fn in $CALLS; do
  inject "$base" "$fn"
done
for fn in DhcpEnumSubnetsV6 DhcpGetSubnetInfoV6 DhcpGetMibInfoV6; do
  inject "$base6" "$fn" --family both
done

# run_hang FIXTURE ARGS...: runw, with ELAPSED counted from when the plugin
# loaded dhcpsapi.dll (the double notes the time, just after the watchdog was
# armed), so Wine's own start-up, which a busy machine stretches, is not in it.
run_hang() {
  local end_ms loaded_ms
  runw "$@"
  end_ms=$(date +%s%3N)
  loaded_ms=$(awk '$1 == "loaded_ms" { print $2 }' <<<"$COUNTS")
  ELAPSED=$(awk -v a="${loaded_ms:-0}" -v b="$end_ms" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
}

# A hang in each call mswin_wine.sh does not hang: gone within -t + 1 s,
# naming the call.
for fn in DhcpGetMibInfoV5 DhcpV4FailoverEnumRelationship DhcpGetSuperScopeInfoV4 DhcpEnumSubnetsV6 \
  DhcpGetSubnetInfoV6 DhcpGetMibInfoV6; do
  { cat "$base6"; echo "hang $fn"; } >"$H_DIR/fixture"
  run_hang "$H_DIR/fixture" -t 2 --family both
  unknown_ok "hang in $fn" "^DHCP SCOPE UNKNOWN - timed out after 2 s while .*\($fn\)\.$"
  within "hang in $fn" 3
done

# The watchdog is first armed with the default 10 s (while --extra-opts files
# are read) and then re-armed with -t: a longer -t must hold, not the 10 s.
{ cat "$base"; echo "hang DhcpEnumSubnets"; } >"$H_DIR/fixture"
run_hang "$H_DIR/fixture" -t 12
unknown_ok "hang with -t 12" "^DHCP SCOPE UNKNOWN - timed out after 12 s while .*\(DhcpEnumSubnets\)\.$"
within "hang with -t 12" 13
if awk -v e="$ELAPSED" 'BEGIN { exit !(e >= 11.5) }'; then
  ok "hang with -t 12: not cut short by the first arming's 10 s"
else
  bad_run "hang with -t 12: ended after $ELAPSED s, before -t"
fi

finish
