#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A real DHCPDECLINE at run time. Starts kea-dhcp4 (Debian's 2.2) in a network
# namespace of its own with a pool of 10 addresses, two real ISC dhclient
# that take a lease each and a third whose script refuses the address it is
# given, so that dhclient sends DHCPDECLINE. Then checks, against Kea's own
# lease list and statistics and against the leases the clients hold, that
# the plugin counts 2 used and 1 declined, over stat-lease4-get and over the
# statistic-get-all fallback (a proxy answers stat-lease4-get as Kea does
# without the stat_cmds hook); and again after Kea restarts on its lease file
# (statistics recounted), with and without stat_cmds.
source "$(dirname "$0")/kea_lib.sh"
source "$(dirname "$0")/kea_netns.sh"
D=$KEA_DIR

kea_netns_setup 3
ip -n "$NS_S" addr add 198.18.0.1/24 dev br0

# kea_config HOOKS: the server, its lease file kept across restarts
kea_config() {
  cat <<EOF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "br0" ], "dhcp-socket-type": "raw" },
  "control-socket": { "socket-type": "unix", "socket-name": "$D/kea4.sock" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$D/leases4.csv", "lfc-interval": 0 },
  "hooks-libraries": [ $1 ],
  "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/24", "interface": "br0",
                 "pools": [ { "pool": "198.18.0.100 - 198.18.0.109" } ] } ]
} }
EOF
}
STAT_HOOKS="{ \"library\": \"$(kea_hook lease_cmds)\" }, { \"library\": \"$(kea_hook stat_cmds)\" }"
NOSTAT_HOOKS="{ \"library\": \"$(kea_hook lease_cmds)\" }"
kea_config "$STAT_HOOKS" >"$D/stat.json"
kea_config "$NOSTAT_HOOKS" >"$D/nostat.json"
kea_netns_start dhcp4 "$KEA_DHCP4" "$D/stat.json" "$D/kea4.sock"

netns_client_script "$D/client.sh"
cat >"$D/decline.sh" <<'EOS'
#!/bin/sh
# Refuses the address: dhclient then sends DHCPDECLINE.
case "$reason" in BOUND|REBOOT) echo "$new_ip_address" >"$(dirname "$0")/declined.txt"; exit 1 ;; esac
exit 0
EOS
chmod +x "$D/decline.sh"
printf 'timeout 10;\nretry 1;\n' >"$D/dhclient.conf"
kea_dhclient 1 "$D/client.sh" -4 &
c1=$!
kea_dhclient 2 "$D/client.sh" -4 &
c2=$!
wait $c1 || die "dhclient 1 got no lease"
wait $c2 || die "dhclient 2 got no lease"
rc=0
kea_dhclient 3 "$D/decline.sh" -4 || rc=$?
[ "$rc" = 2 ] || die "the declining dhclient exited $rc, expected 2 (declined, no lease)"
grep -q DHCPDECLINE "$D/c3.log" || die "dhclient 3 sent no DHCPDECLINE"
for i in $(seq 50); do grep -q DHCP4_DECLINE_LEASE "$D/dhcp4.log" && break; sleep 0.1; done
grep -q DHCP4_DECLINE_LEASE "$D/dhcp4.log" || die "kea-dhcp4 did not log the decline"
declined=$(cat "$D/declined.txt")
held=$(sed -n 's/^ *fixed-address \(.*\);/\1/p' "$D/c1.leases" "$D/c2.leases" | sort -u | tr '\n' ' ')
ok "clients hold $held; $declined was declined"

# Kea's own view: the leases by state, and its statistics.
# kea_facts: "STATE0 STATE1 ASSIGNED DECLINED" (lease4-get-all, statistic-get-all)
kea_facts() {
  "${KEA_CTL[@]}" cmd "$D/kea4.sock" '{"command":"lease4-get-all"}' >"$D/leases.json" || die "lease4-get-all failed"
  "${KEA_CTL[@]}" cmd "$D/kea4.sock" '{"command":"statistic-get-all"}' >"$D/stats.json" || die "statistic-get-all failed"
  "$PYTHON" - "$D/leases.json" "$D/stats.json" "$held" "$declined" <<'PY'
import json, sys
leases = json.load(open(sys.argv[1]))["arguments"]["leases"]
stats = json.load(open(sys.argv[2]))["arguments"]
held, declined = set(sys.argv[3].split()), sys.argv[4]
state0 = {l["ip-address"] for l in leases if l["state"] == 0}
state1 = {l["ip-address"] for l in leases if l["state"] == 1}
if state0 != held or state1 != {declined}:
    sys.exit("Kea's leases %s (declined %s) are not the clients' %s (declined %s)" % (state0, state1, held, declined))
print(len(state0), len(state1), stats["subnet[1].assigned-addresses"][0][0], stats["subnet[1].declined-addresses"][0][0])
PY
}

facts=$(kea_facts) || die "$facts"
# Kea 2.2 keeps a declined address in subnet[1].assigned-addresses at run time
# (Dhcpv4Srv::declineLease): 3 assigned, of them 1 declined.
[ "$facts" = "2 1 3 1" ] || die "Kea's leases and statistics at run time: $facts, expected 2 1 3 1"
ok "Kea at run time: 2 leases, 1 declined; statistic-get-all assigned 3 (declined counted in), declined 1"

WANT="OK: 198.18.0.0/24: 70% free (7 of 10), 2 used, 1 declined"
kea_bg proxy "${KEA_CTL[@]}" proxy "$D/proxy.sock" "$D/kea4.sock" "$D/proxy.count" stat-lease4-get
for i in $(seq 50); do [ -S "$D/proxy.sock" ] && break; sleep 0.1; done
expect 0 --source kea --socket "$D/kea4.sock" -v
has_line "$WANT"
has_perf "'198.18.0.0 used'=2;;;0;10"
expect 0 --source kea --socket "$D/proxy.sock" -v
has_line "$WANT"
[ "$(cat "$D/proxy.count")" = 4 ] || die "the fallback sent $(cat "$D/proxy.count") commands, expected 4"
ok "run time: stat-lease4-get and the statistic-get-all fallback agree"

# After a restart Kea recounts its statistics from the lease file
# (LeaseMgr::recountLeaseStats4): the same figures, with and without stat_cmds.
for hooks in stat nostat; do
  kea_stop dhcp4
  kea_netns_start dhcp4 "$KEA_DHCP4" "$D/$hooks.json" "$D/kea4.sock"
  facts=$(kea_facts) || die "$facts"
  [ "$facts" = "2 1 3 1" ] || die "Kea's leases and statistics after a restart ($hooks): $facts, expected 2 1 3 1"
  expect 0 --source kea --socket "$D/kea4.sock" -v
  has_line "$WANT"
  ok "after a restart ($hooks): $WANT"
done
finish
