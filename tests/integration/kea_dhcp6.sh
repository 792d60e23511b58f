#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# kea-dhcp6 (Debian's 2.2) serving real DHCPv6 clients in network namespaces
# the test makes: ISC dhclient -6 asking for an address (-N), a prefix (-P),
# both, and one that declines its first address (its script fails with 3 on
# BOUND6, so dhclient sends Decline), then perfdhcp -6 with 20 simulated
# clients asking for both. The plugin's figures for the address scope and the
# prefix-delegation scope are checked against Kea's own lease list
# (lease6-get-all), its statistics, and the leases the clients hold; over
# stat-lease6-get and over the statistic-get-all fallback. A second subnet no
# client reaches has a /64 pool and a /16 delegating /64s: 2^64 addresses
# (which Kea 2.2 sends as -1) and 2^48 prefixes, counted exactly.
source "$(dirname "$0")/kea_lib.sh"
source "$(dirname "$0")/kea_netns.sh"
need kea-dhcp6 "Debian: apt-get install kea-dhcp6-server"
KEA_DHCP6=$(command -v kea-dhcp6)
need perfdhcp "Debian: apt-get install kea-admin"
D=$KEA_DIR

KEA_NETNS_MAC=6 kea_netns_setup 5
ip -n "$NS_S" -6 addr add 2001:db8:1::1/64 dev br0 nodad
kea_netns_wait_ll "$NS_S" br0
for n in 1 2 3 4 5; do ns_var=NS_C$n; kea_netns_wait_ll "${!ns_var}" eth0; done

cat >"$D/kea6.json" <<EOF
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "br0" ] },
  "data-directory": "$D",
  "server-id": { "type": "LLT", "persist": false },
  "control-socket": { "socket-type": "unix", "socket-name": "$D/kea6.sock" },
  "lease-database": { "type": "memfile", "persist": false },
  "hooks-libraries": [ { "library": "$(kea_hook lease_cmds)" }, { "library": "$(kea_hook stat_cmds)" } ],
  "preferred-lifetime": 300, "valid-lifetime": 600, "renew-timer": 150, "rebind-timer": 240,
  "option-data": [ { "name": "preference", "data": "255", "always-send": true } ],
  "subnet6": [
    { "id": 1, "subnet": "2001:db8:1::/64", "interface": "br0",
      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::13f" } ],
      "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 48, "delegated-len": 56 } ] },
    { "id": 2, "subnet": "2001:db8:2::/64", "user-context": { "comment": "wide" },
      "pools": [ { "pool": "2001:db8:2::/64" } ],
      "pd-pools": [ { "prefix": "3000::", "prefix-len": 16, "delegated-len": 64 } ] } ]
} }
EOF
kea_netns_start dhcp6 "$KEA_DHCP6" "$D/kea6.json" "$D/kea6.sock"

netns_client_script "$D/client.sh"
cat >"$D/decline6.sh" <<'EOS'
#!/bin/sh
# Declines the first address it is given (exit 3 on BOUND6: "in use"), once.
d=$(dirname "$0")
if [ "$reason" = BOUND6 ] && [ -n "$new_ip6_address" ] && [ ! -e "$d/declined6.txt" ]; then
  echo "$new_ip6_address" >"$d/declined6.txt"
  exit 3
fi
exit 0
EOS
chmod +x "$D/decline6.sh"
printf 'timeout 10;\n' >"$D/dhclient.conf"
kea_dhclient 1 "$D/client.sh" -6 -D LL -N &
p1=$!
kea_dhclient 2 "$D/client.sh" -6 -D LL -P &
p2=$!
kea_dhclient 3 "$D/client.sh" -6 -D LL -N -P &
p3=$!
kea_dhclient 4 "$D/decline6.sh" -6 -D LL -N &
p4=$!
for p in $p1 $p2 $p3 $p4; do wait "$p" || die "a dhclient -6 got no lease (see $D/c*.log)"; done
[ -s "$D/declined6.txt" ] || die "dhclient 4 declined nothing"
for i in $(seq 50); do grep -q DHCP6_DECLINE_LEASE "$D/dhcp6.log" && break; sleep 0.1; done
grep -q DHCP6_DECLINE_LEASE "$D/dhcp6.log" || die "kea-dhcp6 did not log the Decline"
ip netns exec "$NS_C5" perfdhcp -6 -l eth0 -e address-and-prefix -R 20 -n 20 -r 100 -p 10 -W 200000 \
  >"$D/perfdhcp.log" 2>&1 || die "perfdhcp -6 did not complete its 20 exchanges: $(tail -n 5 "$D/perfdhcp.log")"
ok "4 dhclient -6 (one declined its first address) and 20 perfdhcp clients served"

# Kea's own view, and what the clients hold: "NA DECLINED PD" from
# lease6-get-all; every address and prefix a dhclient holds must be Kea's.
"${KEA_CTL[@]}" cmd "$D/kea6.sock" '{"command":"lease6-get-all"}' >"$D/leases.json" || die "lease6-get-all failed"
"${KEA_CTL[@]}" cmd "$D/kea6.sock" '{"command":"stat-lease6-get"}' >"$D/stat.json" || die "stat-lease6-get failed"
counts=$("$PYTHON" - "$D" <<'PY'
import json, re, sys
d = sys.argv[1]
leases = json.load(open(d + "/leases.json"))["arguments"]["leases"]
na = {l["ip-address"] for l in leases if l["type"] == "IA_NA" and l["state"] == 0 and l["subnet-id"] == 1}
dec = {l["ip-address"] for l in leases if l["type"] == "IA_NA" and l["state"] == 1}
pd = {"%s/%d" % (l["ip-address"], l["prefix-len"]) for l in leases if l["type"] == "IA_PD" and l["subnet-id"] == 1}
held_na, held_pd = set(), set()
for n in (1, 2, 3, 4):
    text = open("%s/c%d.leases" % (d, n)).read()
    # the last lease6 block is the one the client holds now
    block = text[text.rfind("lease6 {"):]
    held_na |= set(re.findall(r"iaaddr ([0-9a-f:]+) \{", block))
    held_pd |= set(re.findall(r"iaprefix ([0-9a-f:]+/\d+) \{", block))
if len(held_na) != 3 or len(held_pd) != 2:
    sys.exit("the clients hold %s and %s, expected 3 addresses and 2 prefixes" % (held_na, held_pd))
if not held_na <= na or not held_pd <= pd:
    sys.exit("the clients hold %s %s, Kea lists %s %s" % (held_na, held_pd, na, pd))
if dec != {open(d + "/declined6.txt").read().strip()}:
    sys.exit("Kea's declined addresses %s are not the one the client declined" % dec)
row = json.load(open(d + "/stat.json"))["arguments"]["result-set"]
cols = row["columns"]
r1 = [r for r in row["rows"] if r[0] == 1][0]
if (r1[cols.index("assigned-nas")], r1[cols.index("declined-nas")], r1[cols.index("assigned-pds")]) != (len(na), len(dec), len(pd)):
    sys.exit("stat-lease6-get %s does not match the lease list" % r1)
print(len(na), len(dec), len(pd))
PY
) || die "$counts"
read -r na dec pd <<<"$counts"
# 3 dhclient addresses and 20 perfdhcp ones, 2 + 20 prefixes.
[ "$na $dec $pd" = "23 1 22" ] || die "Kea has $na addresses, $dec declined, $pd prefixes; expected 23 1 22"
ok "Kea lists the clients' leases: $na addresses, $dec declined, $pd prefixes"

# The plugin, over stat-lease6-get and over statistic-get-all (a proxy
# answers stat-lease6-get as Kea does without the stat_cmds hook).
free_na=$((64 - na - dec))
free_pd=$((256 - pd))
kea_bg proxy "${KEA_CTL[@]}" proxy "$D/proxy.sock" "$D/kea6.sock" "$D/proxy.count" stat-lease6-get
for i in $(seq 50); do [ -S "$D/proxy.sock" ] && break; sleep 0.1; done
for sock in kea6 proxy; do
  expect 0 --source kea --socket "$D/$sock.sock" -v
  first_line "DHCP SCOPE OK - 0 critical, 0 warning, 4 ok, lowest 2001:db8:1::/64 62.5% free ($free_na of 64)"
  has_line "OK: 2001:db8:1::/64: 62.5% free ($free_na of 64), $na used, $dec declined"
  has_line "OK: 2001:db8:1::/64 PD 2001:db8:100::/48 as /56: 91.4% free ($free_pd of 256 prefixes), $pd used"
  has_line "OK: 2001:db8:2::/64 \"wide\": 100% free (18446744073709551616 of 18446744073709551616), 0 used"
  has_line "OK: 2001:db8:2::/64 PD 3000::/16 as /64 \"wide\": 100% free (281474976710656 of 281474976710656 prefixes), 0 used"
  has_perf "'2001:db8:1:: free'=62.5%;20;10;0;100"
  has_perf "'2001:db8:1:: used'=$na;;;0;64"
  has_perf "'2001:db8:1:: pd free'=91.4%;20;10;0;100"
  has_perf "'2001:db8:1:: pd used'=$pd;;;0;256"
  has_perf "'2001:db8:2:: used'=0;;;0;18446744073709551616"
done
# config-get, version-get, stat-lease4-get (sent at once: without --service
# the plugin expects DHCPv4), stat-lease6-get (not supported here),
# statistic-get-all; with --service dhcp6, no stat-lease4-get.
[ "$(cat "$D/proxy.count")" = 5 ] || die "the fallback sent $(cat "$D/proxy.count") commands, expected 5"
expect 0 --source kea --socket "$D/proxy.sock" --service dhcp6
[ "$(cat "$D/proxy.count")" = 9 ] || die "the fallback with --service dhcp6 sent $(($(cat "$D/proxy.count") - 5)) commands, expected 4"
ok "the plugin's figures are Kea's, over stat-lease6-get and statistic-get-all"

# Selection by prefix, address and subnet id takes both of a subnet's scopes;
# count thresholds apply to prefixes the same way.
expect 0 --source kea --socket "$D/kea6.sock" -s 2001:db8:1::/64
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 2 ok, lowest 2001:db8:1::/64 62.5% free ($free_na of 64)"
expect 0 --source kea --socket "$D/kea6.sock" -s 2001:db8:1:: -s 2 -x 2001:db8:1::/64
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 2 ok, lowest 2001:db8:2::/64 100% free (18446744073709551616 of 18446744073709551616)"
expect 2 --source kea --socket "$D/kea6.sock" -s 1 -C "$((free_pd + 1)):" -W 1000:
first_line "DHCP SCOPE CRITICAL - 2 critical, 0 warning, 0 ok, worst 2001:db8:1::/64 62.5% free ($free_na of 64)"
has_line "CRITICAL: 2001:db8:1::/64 PD 2001:db8:100::/48 as /56: 91.4% free ($free_pd of 256 prefixes), $pd used"
has_perf "'2001:db8:1:: pd free count'=$free_pd;1000;$((free_pd + 1));0;256"
ok "scope selection and count thresholds on DHCPv6"
finish
