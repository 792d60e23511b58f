#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A real ISC dhcpd (Debian isc-dhcp-server) serving real DHCP clients (ISC
# dhclient), all in network namespaces this test makes (netns_lib.sh) and
# removes; dhcpd and the clients are stopped by pid. Four clients get leases,
# one releases its lease and one declines its address (dhcpd abandons it);
# the plugin's counts must equal the leases the clients hold, and the
# dhcpd-pools reading of the same files. Then the server is stopped: its
# leases file still says the leases are active, and the plugin must say
# CRITICAL "dhcpd is not running" (UNKNOWN with --server-down=unknown).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netns_lib.sh"
: "${CDS_PLUGIN:?set by CTest}"
need dhcpd "Debian: apt-get install isc-dhcp-server"
need dhclient "Debian: apt-get install isc-dhcp-client"
need dhcpd-pools "Debian: apt-get install dhcpd-pools"
netns_init
new_tmpdir T

netns_add SRV s
netns_bridge "$SRV"
ip netns exec "$SRV" ip addr add 198.18.0.1/24 dev br0
CLIENTS=()
for i in 1 2 3 4 5; do
  netns_client c "c$i" "$(printf '02:cd:00:00:00:%02x' "$i")" "$SRV"
  CLIENTS+=("$c")
done

# 41 addresses; ping-check off, or dhcpd waits a second before each offer.
cat >"$T/dhcpd.conf" <<CONF
authoritative;
ddns-update-style none;
ping-check false;
default-lease-time 600;
max-lease-time 7200;
pid-file-name "$T/dhcpd.pid";
subnet 198.18.0.0 netmask 255.255.255.0 {
  range 198.18.0.100 198.18.0.140;
  option routers 198.18.0.1;
}
CONF
: >"$T/dhcpd.leases"
netns_spawn "$SRV" "$T/dhcpd.log" dhcpd -4 -f -d -cf "$T/dhcpd.conf" -lf "$T/dhcpd.leases" br0
DHCPD=$SPAWN_PID
netns_wait 10 "dhcpd listening" grep -q '^Listening on LPF/br0' "$T/dhcpd.log"
ok "dhcpd runs in $SRV (pid $DHCPD)"

netns_client_script "$T/client.sh"
printf 'timeout 10;\nretry 1;\ninitial-interval 1;\nrequest subnet-mask, routers;\n' >"$T/dhclient.conf"
# The fifth client declines whatever it is offered: a -sf script failing on
# BOUND makes dhclient send DHCPDECLINE.
printf '#!/bin/sh\n[ "$reason" = BOUND ] && exit 1\nexit 0\n' >"$T/decline.sh"
chmod +x "$T/decline.sh"
lease_of() { sed -n 's/^  fixed-address \(.*\);$/\1/p' "$T/$1.leases" | tail -n 1; }
for i in 1 2 3 4 5; do
  c=${CLIENTS[$((i - 1))]}
  script=$T/client.sh
  [ "$i" = 5 ] && script=$T/decline.sh
  # -1: one try; on success dhclient stays in the background, its pid in -pf.
  ip netns exec "$c" dhclient -4 -1 -v -cf "$T/dhclient.conf" -sf "$script" -lf "$T/$c.leases" \
    -pf "$T/$c.pid" eth0 >>"$T/$c.log" 2>&1 || true
  [ -s "$T/$c.pid" ] && on_exit kill "$(cat "$T/$c.pid")"
done
for i in 1 2 3 4; do
  c=${CLIENTS[$((i - 1))]}
  grep -q 'bound to' "$T/$c.log" || { cat "$T/$c.log"; die "client $i got no lease"; }
done
netns_wait 10 "dhcpd recording the declined address" grep -q 'DHCPDECLINE of' "$T/dhcpd.log"
ok "four clients bound, the fifth declined its address"

# The second client gives its lease back.
c=${CLIENTS[1]}
ip netns exec "$c" dhclient -4 -r -v -cf "$T/dhclient.conf" -sf "$T/client.sh" -lf "$T/$c.leases" \
  -pf "$T/$c.pid" eth0 >>"$T/$c.log" 2>&1
netns_wait 10 "dhcpd recording the release" grep -q 'DHCPRELEASE of' "$T/dhcpd.log"
held=()
for i in 1 3 4; do held+=("$(lease_of "${CLIENTS[$((i - 1))]}")"); done
ok "the clients hold ${held[*]}"

run() {
  set +e
  OUT=$("$CDS_PLUGIN" --config "$T/dhcpd.conf" --leases "$T/dhcpd.leases" "$@")
  RC=$?
  set -e
}
run -v -w 95 -c 90
first=$(head -n 1 <<<"$OUT")
check "dhcpd runs: the plugin reads it (exit $RC: $first)" '[ "$RC" = 1 ]'
check "3 of 41 used (the clients' leases), 1 declined, 37 free" \
  'grep -qx "WARNING: 198.18.0.0/24: 90.24% free (37 of 41), 3 used, 1 declined" <<<"$OUT"'
check "perfdata from the real server" 'grep -q "'"'"'198.18.0.0 used'"'"'=3;;;0;41" <<<"$first"'

# dhcpd-pools on the same files: its "cur" is the active leases.
pools=$(dhcpd-pools -c "$T/dhcpd.conf" -l "$T/dhcpd.leases" -f c)
cur=$(awk -F, '$2 == "\"198.18.0.100\"" { gsub(/"/, "", $5); print $5 }' <<<"$pools")
check "dhcpd-pools counts the same active leases ($cur)" '[ "$cur" = 3 ]'

# The daemon stops; its leases file still lists three active leases.
stop_pid "$DHCPD"
run
check "a stopped dhcpd is CRITICAL: $OUT" '[ "$RC" = 2 ] && grep -q "^DHCP SCOPE CRITICAL - dhcpd is not running (" <<<"$OUT"'
run --server-down=unknown
check "with --server-down=unknown it is UNKNOWN" '[ "$RC" = 3 ] && grep -q "^DHCP SCOPE UNKNOWN - dhcpd is not running (" <<<"$OUT"'
echo $$ >"$T/dhcpd.pid"
run
check "a pid file naming another program: $OUT" \
  '[ "$RC" = 2 ] && grep -q "^DHCP SCOPE CRITICAL - dhcpd is not running (its pid file $T/dhcpd.pid names process $$, which is " <<<"$OUT"'
rm -f "$T/dhcpd.pid"
run
check "no pid file: $OUT" \
  '[ "$RC" = 2 ] && [ "$OUT" = "DHCP SCOPE CRITICAL - dhcpd is not running (no pid file $T/dhcpd.pid)" ]'
run --no-pidfile -w 95 -c 90
check "--no-pidfile reads the files alone (exit $RC)" '[ "$RC" = 1 ]'
finish
