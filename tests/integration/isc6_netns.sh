#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A real ISC dhcpd -6 serving real DHCPv6 clients, all inside network
# namespaces this test makes (cds<pid>s for the server, cds<pid>c1... for the
# clients, on one bridge): ISC dhclient -6 asks for addresses (-N), temporary
# addresses (-T), delegated prefixes (-P) and both (-N -P); one client
# declines its first address. The leases file comes from dhcpd itself, and
# the plugin's counts are checked against what the clients hold (their own
# lease files), before and after two of them release; dhcpd-pools cross-checks
# the range6 it reads. Then dhcpd -6 stops, and the plugin finds that out
# through the pid file dhcpv6-pid-file-name names. Needs root (namespaces,
# netns_lib.sh); everything it starts is stopped by pid, and its namespaces
# (with their veths) are removed at exit.
# Env: CDS_PLUGIN, CDS_ISC_DUMP, CDS_SOURCE_DIR, PYTHON.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netns_lib.sh"

: "${CDS_PLUGIN:?}" "${CDS_ISC_DUMP:?}" "${CDS_SOURCE_DIR:?}" "${PYTHON:=python3}"
need dhcpd "Debian: apt-get install isc-dhcp-server"
need dhclient "Debian: apt-get install isc-dhcp-client"
need dhcpd-pools "Debian: apt-get install dhcpd-pools"
netns_init

here=$(cd "$(dirname "$0")" && pwd)
new_tmpdir T

netns_add S s
netns_bridge "$S"
ip -n "$S" -6 addr add 2001:db8:1::1/64 dev br0 nodad      # dhcpd -6 serves the subnet6 of an address it has
clients=(c1 c2 c3 c4 c5 c6 cd)
declare -A MODE=([c1]="-N" [c2]="-T" [c3]="-P" [c4]="-N -P" [c5]="-N" [c6]="-N" [cd]="-N")
declare -A NS
n=0
for c in "${clients[@]}"; do
    n=$((n + 1))
    netns_client ns "$c" "$(printf '02:cd:00:00:06:%02x' "$n")" "$S"
    NS[$c]=$ns
done
# dhclient -6 binds its link-local address, which must not be tentative.
ll_ready() {
    ip -n "$1" -6 addr show dev "$2" scope link | grep -q inet6 &&
        ! ip -n "$1" -6 addr show dev "$2" tentative | grep -q inet6
}
for c in "${clients[@]}"; do netns_wait 5 "the link-local address of $c" ll_ready "${NS[$c]}" eth0; done
netns_wait 5 "the server's link-local address" ll_ready "$S" br0
ok "namespaces: $S and ${#clients[@]} clients on one bridge"

# Four addresses and a /80 for IA_NA, a /80 for IA_TA, a /48 handed out as /56s.
# The pid file's place comes from the configuration, as on a real server.
cat >"$T/dhcpd6.conf" <<EOF
dhcpv6-pid-file-name "$T/dhcpd6.pid";
authoritative;
ddns-update-style none;
default-lease-time 600;
preferred-lifetime 300;
max-lease-time 7200;
option dhcp6.preference 255;
subnet6 2001:db8:1::/64 {
  range6 2001:db8:1::100 2001:db8:1::103;
  range6 2001:db8:1:0:1::/80;
  range6 2001:db8:1:0:2::/80 temporary;
  prefix6 2001:db8:100:: 2001:db8:100:ff00:: /56;
}
EOF
: >"$T/dhcpd6.leases"
netns_spawn "$S" "$T/dhcpd6.log" dhcpd -6 -f -d -cf "$T/dhcpd6.conf" -lf "$T/dhcpd6.leases" br0
dhcpd_pid=$SPAWN_PID
server_up() { kill -0 "$dhcpd_pid" 2>/dev/null || die "dhcpd -6 exited: $(tail -3 "$T/dhcpd6.log")"; grep -q '^Server starting service' "$T/dhcpd6.log"; }
netns_wait 10 "dhcpd -6 serving" server_up
ok "dhcpd -6 serves br0 (pid $dhcpd_pid)"

# Each client's script touches nothing but the client's own eth0: it adds the
# address it got (so that a release has a source). The decliner declines its
# first address: exit 3 on BOUND6 is dhclient's "that address is in use".
for c in "${clients[@]}"; do
    decline=
    [ "$c" = cd ] && decline='[ -n "$new_ip6_address" ] && [ ! -e "'"$T"'/declined" ] && { touch "'"$T"'/declined"; exit 3; }'
    cat >"$T/$c.sh" <<EOF
#!/bin/sh
echo "\$reason \$new_ip6_address \$new_ip6_prefix" >>"$T/$c.script.log"
case "\$reason" in
  BOUND6)
    $decline
    [ -n "\$new_ip6_address" ] && ip -6 addr replace "\$new_ip6_address/128" dev "\$interface" nodad ;;
esac
exit 0
EOF
    chmod 755 "$T/$c.sh"
done
printf 'timeout 10;\n' >"$T/dhclient6.conf"

dhclient6() {  # dhclient6 CLIENT EXTRA...: runs dhclient -6 in CLIENT's namespace, its files in $T
    local c=$1
    shift
    # shellcheck disable=SC2086
    ip netns exec "${NS[$c]}" dhclient -6 ${MODE[$c]} "$@" -v -D LL \
        -cf "$T/dhclient6.conf" -sf "$T/$c.sh" -lf "$T/$c.leases" -pf "$T/$c.dhclient.pid" eth0 \
        >>"$T/$c.log" 2>&1
}

# All clients at once: each waits its random 0-1 s before soliciting. (A
# bare `wait` would wait for dhcpd too: every wait names its pids.)
pids=()
for c in "${clients[@]}"; do
    dhclient6 "$c" -1 &
    pids+=($!)
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || bad "dhclient -6 ${MODE[${clients[$i]}]} in ${clients[$i]} got no lease: $(tail -2 "$T/${clients[$i]}.log")"
done
for c in "${clients[@]}"; do
    [ -s "$T/$c.dhclient.pid" ] && on_exit kill "$(cat "$T/$c.dhclient.pid")"
done
netns_wait 10 "the decline in dhcpd's leases" grep -q 'binding state abandoned' "$T/dhcpd6.leases"

# What the clients hold, from their own lease files (the last lease6 block).
held() {  # held KIND: the addresses (iaaddr) or prefixes (iaprefix) every client holds, one a line
    local c
    for c in "${clients[@]}"; do
        awk -v kind="$1" '/^lease6 /{n = 0; delete got} $1 == kind {got[n++] = $2}
                          END {for (i = 0; i < n; i++) print got[i]}' "$T/$c.leases"
    done | sort -u
}
# What the plugin says, from its perfdata: used and total of the address and pd scopes.
perf() {  # perf LABEL: the value field of 'LABEL'=...
    sed -n "s/.*'$1'=\([^ ]*\).*/\1/p" <<<"$out"
}
measure() {
    set +e
    out=$("$CDS_PLUGIN" --source isc --config "$T/dhcpd6.conf" --leases "$T/dhcpd6.leases" -v -w 60 -c 30 "$@")
    rc=$?
    set -e
}

measure
addrs=$(held iaaddr | wc -l)
prefixes=$(held iaprefix | wc -l)
check "clients hold 6 addresses (4 NA, 1 TA, the decliner's second) and 2 prefixes: $addrs, $prefixes" \
    '[ "$addrs" = 6 ] && [ "$prefixes" = 2 ]'
total=$((4 + 2 * (1 << 48)))
check "the plugin counts the addresses the clients hold: $(perf '2001:db8:1:: used')" \
    '[ "$(perf "2001:db8:1:: used")" = "$addrs;;;0;$total" ]'
check "the plugin counts the prefixes the clients hold: $(perf '2001:db8:1:: pd used')" \
    '[ "$(perf "2001:db8:1:: pd used")" = "$prefixes;;;0;256" ]'
check "the declined address shows as declined" 'grep -q "^OK: 2001:db8:1::/64: .*, 1 declined$" <<<"$out"'
check "the PD scope is named by its pool: $(grep PD <<<"$out")" \
    'grep -q "^OK: 2001:db8:1::/64 PD 2001:db8:100::/48 as /56: 99.21% free (254 of 256 prefixes), 2 used$" <<<"$out"'
check "exit 0 with room in every scope, dhcpd -6 found running through its pid file (rc $rc)" '[ "$rc" = 0 ]'
# Every address and prefix a client holds lies in a pool the plugin counts.
"$CDS_ISC_DUMP" "$T/dhcpd6.conf" "$T/dhcpd6.leases" >"$T/dump.txt"
active=$(awk '/^range6/ { for (i = 1; i <= NF; i++) if ($i ~ /^active=/) { split($i, kv, "="); s += kv[2] } }
              END { print s + 0 }' "$T/dump.txt")
check "the active leases in dhcpd's pools are as many as the clients hold: $active" \
    '[ "$active" = $((addrs + prefixes)) ]'

# dhcpd-pools reads range6 (not temporary ones) and iaaddr; its copy leaves
# out what it misreads: the temporary range6 and the ia-pd blocks.
grep -v temporary "$T/dhcpd6.conf" >"$T/pools.conf"
awk '/^ia-pd /{skip=1} !skip{print} skip && /^}/{skip=0}' "$T/dhcpd6.leases" >"$T/pools.leases"
dhcpd-pools -c "$T/pools.conf" -l "$T/pools.leases" -f c >"$T/pools.csv"
check "dhcpd-pools agrees on the range6 it reads" '"$PYTHON" "$here/isc6_compare.py" pools "$T/pools.csv" "$T/dump.txt"'

# Two clients release: an address (c1) and a prefix (c3).
pids=()
for c in c1 c3; do
    dhclient6 "$c" -r &
    pids+=($!)
done
wait "${pids[@]}" || bad "a release failed: $(tail -2 "$T/c1.log" "$T/c3.log")"
netns_wait 10 "the releases in dhcpd's leases" sh -c "[ \$(grep -c 'binding state released' '$T/dhcpd6.leases') -ge 2 ]"
measure
check "after c1 releases, one address fewer: $(perf '2001:db8:1:: used')" \
    '[ "$(perf "2001:db8:1:: used")" = "$((addrs - 1));;;0;$total" ]'
check "after c3 releases, one prefix fewer: $(perf '2001:db8:1:: pd used')" \
    '[ "$(perf "2001:db8:1:: pd used")" = "$((prefixes - 1));;;0;256" ]'

# dhcpd -6 stops; its leases file still lists the leases as active.
stop_pid "$dhcpd_pid"
measure
check "a stopped dhcpd -6 is CRITICAL, its pid file found through dhcpv6-pid-file-name: $out" \
    '[ "$rc" = 2 ] && [[ $out == "DHCP SCOPE CRITICAL - dhcpd is not running ("*"pid file $T/dhcpd6.pid"* ]]'
measure --no-pidfile
check "--no-pidfile reads the files alone (exit $rc)" '[ "$rc" = 0 ]'
finish
