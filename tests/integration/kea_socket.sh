#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts two real kea-dhcp4 (one with the stat_cmds hook, one without, so the
# plugin falls back to statistic-get-all) on temporary unix sockets, fills them
# with the same leases through lease4-add, and checks the plugin's verdicts,
# lines and perfdata against what was added. A counting proxy in front of each
# server checks the fixed number of commands (3, or 4 with the fallback).
source "$(dirname "$0")/kea_lib.sh"

# kea_config SOCKET HOOKS_JSON: the test's subnets (ids not consecutive, one
# without pools, two in a shared network).
kea_config() {
  cat <<EOF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [] },
  "control-socket": { "socket-type": "unix", "socket-name": "$1" },
  "lease-database": { "type": "memfile", "persist": false },
  "hooks-libraries": [ $2 ],
  "subnet4": [
    { "id": 1, "subnet": "10.1.0.0/24", "pools": [ { "pool": "10.1.0.1 - 10.1.0.100" } ] },
    { "id": 5, "subnet": "10.5.0.0/24", "pools": [ { "pool": "10.5.0.1-10.5.0.100" } ] },
    { "id": 12, "subnet": "10.12.0.0/24", "comment": "lab",
      "pools": [ { "pool": "10.12.0.64/26" }, { "pool": "10.12.0.200 - 10.12.0.235" } ] },
    { "id": 30, "subnet": "10.30.0.0/24" },
    { "id": 100, "subnet": "10.100.0.0/24", "pools": [ { "pool": "10.100.0.1 - 10.100.0.100" } ] } ],
  "shared-networks": [ { "name": "campus", "subnet4": [
    { "id": 40, "subnet": "10.40.0.0/24", "pools": [ { "pool": "10.40.0.10 - 10.40.0.29" } ] },
    { "id": 41, "subnet": "10.41.0.0/25", "pools": [ { "pool": "10.41.0.0/26" } ] } ] } ]
} }
EOF
}

# Leases, and what they leave free with the default thresholds (-w 20 -c 10
# on the free percentage, warn below 20%, critical below 10%):
#   id 1   100 in pool, 50 assigned                 50 free  50%    OK
#   id 5   100, 85 assigned                          15 free  15%    WARNING
#   id 12  64 + 36 = 100, 88 assigned, 7 declined     5 free   5%    CRITICAL
#   id 30  no pool                                                   OK
#   id 40  20, 17 assigned                            3 free  15%    WARNING
#   id 41  64, 1 declined                            63 free  98.43% OK
#   id 100 100, 80 assigned                          20 free  20%    OK (20 is inside 20:)
LEASES=$(
  seq_addrs 10.1.0 1 50
  seq_addrs 10.5.0 1 85
  seq_addrs 10.12.0 64 127
  seq_addrs 10.12.0 200 223
  seq_addrs 10.12.0 224 230 declined
  seq_addrs 10.40.0 10 26
  echo "10.41.0.5 declined"
  seq_addrs 10.100.0 1 80
)

STAT_HOOKS="{ \"library\": \"$(kea_hook lease_cmds)\" }, { \"library\": \"$(kea_hook stat_cmds)\" }"
NOSTAT_HOOKS="{ \"library\": \"$(kea_hook lease_cmds)\" }"
kea_config "$KEA_DIR/stat.sock" "$STAT_HOOKS" >"$KEA_DIR/stat.json"
kea_config "$KEA_DIR/nostat.sock" "$NOSTAT_HOOKS" >"$KEA_DIR/nostat.json"
kea_start stat "$KEA_DIR/stat.json" "$KEA_DIR/stat.sock"
kea_start nostat "$KEA_DIR/nostat.json" "$KEA_DIR/nostat.sock"
kea_leases "$KEA_DIR/stat.sock" "$LEASES" &
fill1=$!
kea_leases "$KEA_DIR/nostat.sock" "$LEASES" &
fill2=$!
wait $fill1 && wait $fill2 || die "filling the servers failed"
kea_bg stat-proxy "${KEA_CTL[@]}" proxy "$KEA_DIR/stat-proxy.sock" "$KEA_DIR/stat.sock" "$KEA_DIR/stat.count"
kea_bg nostat-proxy "${KEA_CTL[@]}" proxy "$KEA_DIR/nostat-proxy.sock" "$KEA_DIR/nostat.sock" "$KEA_DIR/nostat.count"
for p in stat-proxy nostat-proxy; do
  for i in $(seq 50); do [ -S "$KEA_DIR/$p.sock" ] && break; sleep 0.1; done
done

for variant in stat:3 nostat:4; do
  name=${variant%:*}
  commands=${variant#*:}
  expect 2 --source kea --socket "$KEA_DIR/$name-proxy.sock" -v --per-subnet
  first_line "DHCP SCOPE CRITICAL - 1 critical, 2 warning, 4 ok, worst 10.12.0.0/24 5% free (5 of 100)"
  has_line "CRITICAL: 10.12.0.0/24 \"lab\": 5% free (5 of 100), 88 used, 7 declined"
  has_line "WARNING: 10.5.0.0/24: 15% free (15 of 100), 85 used"
  has_line "WARNING: 10.40.0.0/24 in campus: 15% free (3 of 20), 17 used"
  has_line "OK: 10.1.0.0/24: 50% free (50 of 100), 50 used"
  has_line "OK: 10.30.0.0/24: no pool addresses, 0 used"
  has_line "OK: 10.41.0.0/25 in campus: 98.43% free (63 of 64), 0 used, 1 declined"
  has_line "OK: 10.100.0.0/24: 20% free (20 of 100), 80 used"
  [ "$(wc -l <<<"$OUT")" = 8 ] || die "expected 8 lines (summary and 7 subnets), got:
$OUT"
  has_perf "'10.12.0.0 free'=5%;20;10;0;100"
  has_perf "'10.12.0.0 used'=88;;;0;100"
  has_perf "'10.41.0.0 free'=98.43%;20;10;0;100"
  has_perf "'10.30.0.0 used'=0;;;0;0"
  got=$(cat "$KEA_DIR/$name.count")
  [ "$got" = "$commands" ] || die "$name: the plugin sent $got commands, expected $commands"
  ok "$name server, $commands commands"
done

sock=$KEA_DIR/stat.sock
# -s by Kea subnet id, prefix, address and comment
expect 2 --source kea --socket "$sock" -s 12
first_line "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 0 ok, worst 10.12.0.0/24 5% free (5 of 100)"
expect 2 --source kea --socket "$sock" -s lab
first_line "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 0 ok, worst 10.12.0.0/24 5% free (5 of 100)"
expect 1 --source kea --socket "$sock" -s 10.5.0.0/24 -s 41
first_line "DHCP SCOPE WARNING - 0 critical, 1 warning, 1 ok, worst 10.5.0.0/24 15% free (15 of 100)"
expect 0 --source kea --socket "$sock" -s 10.100.0.0
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest 10.100.0.0/24 20% free (20 of 100)"
expect 0 --source kea --socket "$sock" -x 12 -x 5 -x 40
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 4 ok, lowest 10.100.0.0/24 20% free (20 of 100)"
# -x naming the shared network leaves out both of its subnets.
expect 0 --source kea --socket "$sock" -x 12 -x 5 -x campus
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 3 ok, lowest 10.100.0.0/24 20% free (20 of 100)"
# By default the shared network is one pool: 10.40.0.0 (3 of 20 free) is full
# but the pool has room (66 of 84), so it does not alert.
expect 2 --source kea --socket "$sock" -v
first_line "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 4 ok, worst 10.12.0.0/24 5% free (5 of 100)"
has_line "OK: group campus (2 subnets): 78.57% free (66 of 84), 17 used, 1 declined"
has_line "  member 10.40.0.0/24: 15% free (3 of 20), 17 used"
has_perf "'group campus free'=78.57%;20;10;0;100"
has_perf "'10.40.0.0 free'=15%;20;10;0;100"
expect 0 --source kea --socket "$sock" -s campus
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest group campus 78.57% free (66 of 84)"
# ids are not consecutive: 2 does not exist; nor does a /25 of 10.5.0.0
expect 3 --source kea --socket "$sock" -s 2
first_line "DHCP SCOPE UNKNOWN - scope '2' was not found on the server (it reports 7 scopes)"
expect 3 --source kea --socket "$sock" -s 10.5.0.0/25
first_line "DHCP SCOPE UNKNOWN - scope '10.5.0.0/25' was not found on the server (it reports 7 scopes)"
# counts: critical with fewer than 4 free, warning with fewer than 16
expect 2 --source kea --socket "$sock" -W 16: -C 4: -v --per-subnet
first_line "DHCP SCOPE CRITICAL - 1 critical, 2 warning, 4 ok, worst 10.40.0.0/24 15% free (3 of 20)"
has_line "WARNING: 10.5.0.0/24: 15% free (15 of 100), 85 used"
has_line "WARNING: 10.12.0.0/24 \"lab\": 5% free (5 of 100), 88 used, 7 declined"
has_line "CRITICAL: 10.40.0.0/24 in campus: 15% free (3 of 20), 17 used"
has_perf "'10.40.0.0 free count'=3;16;4;0;20"
ok "scope selection and count thresholds"

# Declined leases change the verdict: decline 3 more in id 12, only 2 stay free.
kea_leases "$sock" "$(seq_addrs 10.12.0 231 233 declined)"
expect 2 --source kea --socket "$sock" -s 12 -v
has_line "CRITICAL: 10.12.0.0/24 \"lab\": 2% free (2 of 100), 88 used, 10 declined"
ok "declined leases"

# A real kea-dhcp4 frozen (SIGSTOP): the kernel still accepts the connection,
# nobody answers, and the watchdog ends the check within -t.
kill -STOP "${KEA_PIDS[nostat]}"
start=$(date +%s%N)
expect 3 --source kea --socket "$KEA_DIR/nostat.sock" -t 1
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
kill -CONT "${KEA_PIDS[nostat]}"
first_line "DHCP SCOPE UNKNOWN - timed out after 1 s while waiting for Kea's reply to config-get on $KEA_DIR/nostat.sock."
[ "$elapsed" -lt 2000 ] || die "the frozen server took $elapsed ms with -t 1"
expect 2 --source kea --socket "$KEA_DIR/nostat.sock"
ok "a frozen kea-dhcp4 ends in $elapsed ms with -t 1, and answers again after SIGCONT"
finish
