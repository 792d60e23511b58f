#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts a real Kea HA pair on loopback: two kea-dhcp4 with the HA hook in
# load-balancing mode (server1 primary, server2 secondary) on free ports.
# Checks OK while both run, then stops server2 and checks that server1's
# partner-down is CRITICAL (and only shown with --ignore-failover).
source "$(dirname "$0")/kea_lib.sh"

port1=$(freeport)
port2=$(freeport)
while [ "$port2" = "$port1" ]; do port2=$(freeport); done

# ha_config N: the config of serverN
ha_config() {
  cat <<EOF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [] },
  "control-socket": { "socket-type": "unix", "socket-name": "$KEA_DIR/kea$1.sock" },
  "lease-database": { "type": "memfile", "persist": false },
  "multi-threading": { "enable-multi-threading": true },
  "hooks-libraries": [
    { "library": "$(kea_hook lease_cmds)" },
    { "library": "$(kea_hook stat_cmds)" },
    { "library": "$(kea_hook ha)",
      "parameters": { "high-availability": [ {
        "this-server-name": "server$1", "mode": "load-balancing",
        "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 5000,
        "max-unacked-clients": 0,
        "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                             "http-listener-threads": 1, "http-client-threads": 1 },
        "peers": [
          { "name": "server1", "url": "http://127.0.0.1:$port1/", "role": "primary", "auto-failover": true },
          { "name": "server2", "url": "http://127.0.0.1:$port2/", "role": "secondary", "auto-failover": true } ]
      } ] } } ],
  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.109" } ] } ]
} }
EOF
}

ha_config 1 >"$KEA_DIR/kea1.json"
ha_config 2 >"$KEA_DIR/kea2.json"
kea_start server1 "$KEA_DIR/kea1.json" "$KEA_DIR/kea1.sock"
kea_start server2 "$KEA_DIR/kea2.json" "$KEA_DIR/kea2.sock"
"${KEA_CTL[@]}" ha-wait "$KEA_DIR/kea1.sock" load-balancing 30 || die "server1 did not reach load-balancing"
"${KEA_CTL[@]}" ha-wait "$KEA_DIR/kea2.sock" load-balancing 30 || die "server2 did not reach load-balancing"
# lease4-add is not sent to the partner: server1 alone knows these 10 leases.
kea_leases "$KEA_DIR/kea1.sock" "$(seq_addrs 192.0.2 10 19)"

# poll_line DEADLINE_S LINE ARGS...: run the plugin until LINE shows (the
# partner's last state reaches server1 with the next heartbeat).
poll_line() {
  local seconds=$1 line=$2 i
  shift 2
  for i in $(seq $((seconds * 5))); do
    run_plugin "$@"
    grep -qxF -- "$line" <<<"$OUT" && return 0
    sleep 0.2
  done
  die "within $seconds s, never saw the line
  $line
last output:
$OUT"
}

poll_line 10 "OK: failover server1 (load-balancing, this server primary): load-balancing, partner load-balancing" \
  --source kea --socket "$KEA_DIR/kea1.sock" -v
expect 0 --source kea --socket "$KEA_DIR/kea1.sock" -v
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest 192.0.2.0/24 90% free (90 of 100)"
has_line "OK: 192.0.2.0/24: 90% free (90 of 100), 10 used, failover server1"
poll_line 10 "OK: failover server2 (load-balancing, this server secondary): load-balancing, partner load-balancing" \
  --source kea --socket "$KEA_DIR/kea2.sock" -v
ok "both servers in load-balancing"

kea_stop server2
"${KEA_CTL[@]}" ha-wait "$KEA_DIR/kea1.sock" partner-down 30 || die "server1 did not reach partner-down"
expect 2 --source kea --socket "$KEA_DIR/kea1.sock"
first_line "DHCP SCOPE CRITICAL - 0 critical, 0 warning, 1 ok, lowest 192.0.2.0/24 90% free (90 of 100), failover server1 partner-down"
has_line "CRITICAL: failover server1 (load-balancing, this server primary): partner-down, partner unreachable"
expect 0 --source kea --socket "$KEA_DIR/kea1.sock" --ignore-failover
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest 192.0.2.0/24 90% free (90 of 100), failover server1 partner-down (ignored)"
has_line "IGNORED: failover server1 (load-balancing, this server primary): partner-down, partner unreachable"
ok "partner-down is CRITICAL, and only shown with --ignore-failover"
finish
