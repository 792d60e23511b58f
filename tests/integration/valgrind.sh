#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind memcheck of the plugin on the integration scenarios: the ISC
# example, a generated failover workload, error paths (missing file, bad
# options, broken dhcpd.conf, a timeout) and, in a build with Kea, recorded
# Kea 2.2 replies served by a fake control socket (python3) plus Kea error
# paths. Any memcheck error or definite, indirect or possible leak fails.
# Skipped (exit 77) in the sanitizer build: ASan and valgrind do not mix.
source "$(dirname "$0")/hardening_lib.sh"

[ "$CDS_SANITIZE" != ON ] || skip_test "valgrind does not run ASan binaries"
need valgrind "Debian: apt-get install valgrind"

VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
    --show-leak-kinds=definite,indirect,possible --track-fds=no --num-callers=30)
n=0

# vg NAME WANT_RC ARGS...: runs the plugin under memcheck; WANT_RC is its
# expected exit code.
vg() {
  local name=$1 want=$2 log
  shift 2
  n=$((n + 1))
  log=$H_DIR/vg-$n.log
  set +e
  "${VG[@]}" --log-file="$log" "$CDS_PLUGIN" "$@" >"$H_DIR/out" 2>"$H_DIR/err"
  RC=$?
  set -e
  OUT=$(cat "$H_DIR/out") ERR=$(cat "$H_DIR/err")
  if [ "$RC" = 99 ] || [ -s "$log" ]; then
    bad_run "$name: valgrind reports errors:
$(head -n 60 "$log")"
  elif [ "$RC" != "$want" ]; then
    bad_run "$name: exit code $RC, expected $want"
  else
    ok "$name: clean, exit $RC: $(head -n 1 <<<"$OUT" | cut -c1-100)"
  fi
}

cd "$H_DIR"
EX=$CDS_SOURCE_DIR/docs/examples
vg "ISC example (the campus shared-network as one pool)" 1 --no-pidfile --config "$EX/dhcpd.conf" \
  --leases "$EX/dhcpd.leases"
vg "ISC example, every subnet on its own" 2 --per-subnet --no-pidfile --config "$EX/dhcpd.conf" \
  --leases "$EX/dhcpd.leases"
vg "ISC example, verbose, one scope" 2 -v -s 10.20.0.0 --no-pidfile --config "$EX/dhcpd.conf" --leases "$EX/dhcpd.leases"
vg "ISC example, partner-down" 2 -v --no-pidfile --config "$EX/dhcpd.conf" --leases "$EX/partner-down/dhcpd.leases"
vg "ISC example, output cut to 1024 bytes" 1 -v --max-output=1024 --no-pidfile --config "$EX/dhcpd.conf" \
  --leases "$EX/dhcpd.leases"

"$PYTHON" "$CDS_SOURCE_DIR/bench/gen_isc.py" gen --subnets 200 --pool 100 --history 3 --shared-every 10 \
  >/dev/null
vg "generated workload (200 subnets, 3 blocks per lease)" 1 -w 60 -c 5 --no-pidfile --config gen/dhcpd.conf \
  --leases gen/dhcpd.leases
sed -i '$ s/}$/}\nlease 10.0.0.1 {\n  binding state act/' gen/dhcpd.leases
vg "generated workload ending in a cut block" 1 -w 60 -c 5 --no-pidfile --config gen/dhcpd.conf --leases gen/dhcpd.leases

vg "missing leases file" 3 --no-pidfile --config "$EX/dhcpd.conf" --leases "$H_DIR/nothere"
vg "missing dhcpd.conf" 3 --no-pidfile --config "$H_DIR/nothere" --leases "$EX/dhcpd.leases"
vg "bad option" 3 --bogus
vg "bad threshold" 3 -w 10abc
vg "-s matching nothing" 3 -s 172.31.0.0 --no-pidfile --config "$EX/dhcpd.conf" --leases "$EX/dhcpd.leases"
vg "--help" 3 --help
vg "--version" 3 --version
printf 'include "loop.conf";\n' >loop.conf
vg "include loop" 3 --no-pidfile --config loop.conf --leases "$EX/dhcpd.leases"
printf 'subnet 10.0.0.0 netmask 255.255.255.0 {\n  pool {\n' >open.conf
vg "unbalanced braces" 3 --no-pidfile --config open.conf --leases "$EX/dhcpd.leases"
printf 'lease 10.20.0.1 {\n  binding state active;\n}\n}\n' >bad.leases
vg "malformed leases file" 3 --no-pidfile --config "$EX/dhcpd.conf" --leases bad.leases
printf '[check_dhcp_scope]\nno-pidfile\nconfig=%s\nleases=%s\nwarning=30\n' "$EX/dhcpd.conf" "$EX/dhcpd.leases" >opts.ini
vg "--extra-opts" 1 --extra-opts=@opts.ini
mkfifo leases.fifo
vg "timeout while reading a FIFO" 3 -t 2 --no-pidfile --config "$EX/dhcpd.conf" --leases leases.fifo

version=$("$CDS_PLUGIN" --version || true)
if [[ "$version" == *kea* ]]; then
  DATA=$CDS_SOURCE_DIR/tests/data/kea
  spawn "${HELPER[@]}" fakekea files "$H_DIR/kea.sock" "$DATA/single"
  wait_for "$H_DIR/kea.sock"
  vg "Kea (recorded replies)" 0 -v --source kea --socket "$H_DIR/kea.sock"
  spawn "${HELPER[@]}" fakekea files "$H_DIR/nostat.sock" "$H_DIR/nostat"
  cp "$DATA/single-config-get.json" nostat-config-get.json
  cp "$DATA/single-statistic-get-all.json" nostat-statistic-get-all.json
  cp "$DATA/single-status-get.json" nostat-status-get.json
  cp "$DATA/single-version-get.json" nostat-version-get.json
  wait_for "$H_DIR/nostat.sock"
  vg "Kea without stat_cmds (statistic-get-all)" 0 -v --source kea --socket "$H_DIR/nostat.sock"
  vg "Kea socket missing (server down)" 2 --source kea --socket "$H_DIR/nothere.sock"
  printf '{"result": 0, "arguments": {"Dhcp4": [}' >invalid.json
  spawn "${HELPER[@]}" fakekea canned "$H_DIR/invalid.sock" invalid.json
  wait_for "$H_DIR/invalid.sock"
  vg "Kea invalid JSON" 3 --source kea --socket "$H_DIR/invalid.sock"
  spawn "${HELPER[@]}" fakekea hang "$H_DIR/hang.sock"
  wait_for "$H_DIR/hang.sock"
  vg "Kea hanging socket" 3 -t 2 --source kea --socket "$H_DIR/hang.sock"
  vg "Kea HTTP refusing (server down)" 2 --source kea --url "http://127.0.0.1:$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')/"
else
  skip "Kea scenarios (this build has no Kea source)"
fi

finish
