#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# dnsmasq end to end. Starts a real dnsmasq (Debian's dnsmasq-base, DNS off)
# in a network namespace this test makes, with a bridge, and real DHCP
# clients in namespaces of their own joined to it by veth pairs: busybox
# udhcpc, ISC dhclient -4 and dhclient -6. Every namespace is named
# cds<pid>..., every process is stopped by pid and every namespace deleted at
# exit; nothing outside them is touched (the clients' scripts only set the
# address on their own eth0, the daemons' files live in a temporary folder).
#
# Two configurations, laid out as their systems write them:
#  OpenWrt: -C /var/etc/dnsmasq.conf.cfg01411c with conf-dir=/tmp/dnsmasq.d,
#    set:lan / tag-filtered ranges in one subnet, a static range on a second
#    subnet, reservations (one inside a range), an IPv6 range built by
#    constructor:br0, dhcp-leasefile=/tmp/dhcp.leases, -x PIDFILE.
#  Pi-hole: /etc/dnsmasq.conf with conf-dir=/etc/dnsmasq.d,*.conf,
#    02-pihole-dhcp.conf's range without a netmask, a reservation outside
#    it, and a stateless IPv6 range (no addresses).
# For each, the plugin (run inside the server's namespace, where
# /proc/net/if_inet6 is dnsmasq's) must count exactly the addresses the
# clients hold, before and after a release; a stopped dnsmasq is CRITICAL.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netns_lib.sh"
: "${CDS_PLUGIN:?set by CTest}"
PYTHON=${PYTHON:-python3}
PATH=$PATH:/usr/sbin:/sbin

netns_init
need dnsmasq "Debian: apt-get install dnsmasq-base"
need busybox "Debian: apt-get install busybox"
need dhclient "Debian: apt-get install isc-dhcp-client"
new_tmpdir T /tmp/cds-dnsmasq.XXXXXX

# dhclient puts itself in the background: its pid is in its -pf file.
stop_pidfiles() {
  local f
  for f in "$T"/*.dhclient.pid; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
}
on_exit stop_pidfiles

show_logs() {
  [ "$LIB_FAILED" -gt 0 ] || [ "$LIB_RC" != 0 ] || return 0
  local f
  for f in "$T"/*.log; do
    [ -f "$f" ] && { echo "--- $f (last lines)"; tail -n 12 "$f"; }
  done
  return 0
}
on_exit show_logs

# Under AppArmor Debian's profiles confine dhclient to its own script and
# files; a copy elsewhere runs unconfined.
bin() {
  local b
  b=$(command -v "$1")
  if [ -d /sys/kernel/security/apparmor ]; then
    mkdir -p "$T/bin"
    [ -x "$T/bin/$1" ] || cp "$b" "$T/bin/$1"
    b=$T/bin/$1
  fi
  echo "$b"
}
DNSMASQ=$(bin dnsmasq)
DHCLIENT=$(bin dhclient)

netns_add S s
netns_bridge "$S"
ip -n "$S" addr add 198.18.0.1/24 dev br0
ip -n "$S" addr add 198.18.1.1/24 dev br0
ip -n "$S" -6 addr add 2001:db8:1::1/64 dev br0 nodad
declare -A MAC=([c1]=02:cd:00:00:03:01 [c2]=02:cd:00:00:03:02 [c3]=02:cd:00:00:03:03 [c4]=02:cd:00:00:04:04
  [c5]=02:cd:00:00:03:05 [c6]=02:cd:00:00:03:06 [c7]=02:cd:00:00:03:07)
CLIENTS=(c1 c2 c3 c4 c5 c6 c7)
declare -A NS=()
for c in "${CLIENTS[@]}"; do
  netns_client ns "$c" "${MAC[$c]}" "$S"
  NS[$c]=$ns
done
for ns in "$S" "${NS[c6]}" "${NS[c7]}"; do
  dev=eth0
  [ "$ns" = "$S" ] && dev=br0
  netns_wait 5 "a link-local address on $ns" sh -c "ip -n $ns -6 addr show dev $dev scope link | grep -q inet6 \
    && ! ip -n $ns -6 addr show dev $dev tentative | grep -q inet6"
done

# The clients' scripts set only the address on their own eth0.
cat >"$T/udhcpc.sh" <<'EOF'
#!/bin/sh
case "$1" in
  bound|renew) ip -4 addr flush dev "$interface"; ip addr add "$ip/${mask:-24}" dev "$interface" ;;
  deconfig) ip -4 addr flush dev "$interface" ;;
esac
exit 0
EOF
chmod +x "$T/udhcpc.sh"
netns_client_script "$T/dhclient.sh"
printf 'timeout 5;\nretry 1;\ninitial-interval 1;\n' >"$T/dhclient.conf"

# The options that keep dnsmasq off the host: no DNS, no /etc/hosts, no
# resolv.conf, its log in our folder, no ping before an offer.
host_safe() {
  cat <<EOF
port=0
no-resolv
no-hosts
interface=br0
bind-interfaces
except-interface=lo
log-facility=$T/$1.log
log-dhcp
no-ping
user=root
dhcp-option=option6:7,255
EOF
}

# start_dnsmasq NAME ARGS...: dnsmasq in the foreground (-k), so that the pid
# lib.sh stops is dnsmasq's; ready once it has written its pid file.
start_dnsmasq() {
  local name=$1
  shift
  spawn ip netns exec "$S" "$DNSMASQ" -k "$@" >"$T/$name.out" 2>&1
  DNSMASQ_PID=$SPAWN_PID
  netns_wait 5 "dnsmasq ($name) starting" sh -c "grep -q 'DHCP, ' '$T/$name.log' && [ -s '$PIDFILE' ]"
  kill -0 "$DNSMASQ_PID" 2>/dev/null || die "dnsmasq ($name) exited: $(cat "$T/$name.out")"
}

# get CLIENT KIND: one lease for the client (udhcpc, dhclient4 or dhclient6).
get() {
  local ns=${NS[$1]}
  case $2 in
    udhcpc) ip netns exec "$ns" busybox udhcpc -i eth0 -f -q -n -t 5 -T 1 -s "$T/udhcpc.sh" \
              -x "hostname:$1" >>"$T/$1.log" 2>&1 ;;
    dhclient4) ip netns exec "$ns" "$DHCLIENT" -4 -1 -v -cf "$T/dhclient.conf" -sf "$T/dhclient.sh" \
                 -lf "$T/$1.dhclient.leases" -pf "$T/$1.dhclient.pid" eth0 >>"$T/$1.log" 2>&1 ;;
    dhclient6) ip netns exec "$ns" "$DHCLIENT" -6 -1 -v -D LL -cf "$T/dhclient.conf" -sf "$T/dhclient.sh" \
                 -lf "$T/$1.dhclient6.leases" -pf "$T/$1.dhclient.pid" eth0 >>"$T/$1.log" 2>&1 ;;
  esac
}

# lease_all CLIENT:KIND...: all at once, each must get a lease.
lease_all() {
  local spec pids=() failed=0
  for spec in "$@"; do
    get "${spec%%:*}" "${spec#*:}" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  [ "$failed" = 0 ] || die "$failed of $# DHCP clients got no lease"
}

# The global addresses the clients hold now, one a line.
held() {
  local c
  for c in "${CLIENTS[@]}"; do
    ip -n "${NS[$c]}" -o addr show dev eth0 scope global | awk '{ sub("/.*", "", $4); print $4 }'
  done
}

# holds ADDRESS: a client holds it now.
holds() {
  local all
  all=$(held)
  grep -qx "$1" <<<"$all"
}

# forget_clients: stops the dhclient daemons and clears every client's address.
forget_clients() {
  local c
  stop_pidfiles
  for c in "${CLIENTS[@]}"; do
    ip -n "${NS[$c]}" addr flush dev eth0 scope global
    rm -f "$T/$c.dhclient.pid"
  done
}

plugin() {
  set +e
  OUT=$(ip netns exec "$S" "$CDS_PLUGIN" --source dnsmasq -v -w 0 -c 0 "$@" 2>&1)
  RC=$?
  set -e
}

# compare WHAT SCOPE...: the plugin's long output against the addresses the
# clients hold. A SCOPE is LABEL=SUBNET=RANGE,... : the scope's label, the
# subnet whose leases are "used" ("-" for the ranges alone), its ranges.
compare() {
  local what=$1 why
  shift
  held >"$T/held"
  printf '%s\n' "$OUT" >"$T/out"
  if why=$("$PYTHON" - "$T/held" "$T/out" "$@" 2>&1 <<'PY'
import ipaddress, re, sys

held = [ipaddress.ip_address(l.strip()) for l in open(sys.argv[1]) if l.strip()]
out = open(sys.argv[2]).read()
lines = [l for l in out.splitlines()[1:] if re.match(r"^(OK|WARNING|CRITICAL|UNKNOWN): ", l)]
problems = []
if len(lines) != len(sys.argv[3:]):
    problems.append(f"{len(lines)} scope lines, expected {len(sys.argv[3:])}")
for spec in sys.argv[3:]:
    label, subnet, ranges = spec.split("=")
    spans = []
    for r in filter(None, ranges.split(",")):
        lo, hi = r.split("-")
        spans.append((ipaddress.ip_address(lo), ipaddress.ip_address(hi)))
    total = sum(int(hi) - int(lo) + 1 for lo, hi in spans)
    in_pool = [a for a in held if any(a.version == lo.version and lo <= a <= hi for lo, hi in spans)]
    if subnet == "-":
        used = len(in_pool)
    else:
        net = ipaddress.ip_network(subnet)
        used = len([a for a in held if a.version == net.version and a in net])
    pat = re.escape(label) + r'(?: "[^"]*")?: '
    if total:
        want = pat + re.escape(f"% free ({total - len(in_pool)} of {total}), {used} used")
        want = pat + r"[0-9.]+" + want[len(pat):]
    else:
        want = pat + re.escape(f"no pool addresses, {used} used")
    if not any(re.match(r"^(OK|WARNING|CRITICAL): " + want, l) for l in lines):
        problems.append(f"no line for {label} with {total - len(in_pool)} of {total} free, {used} used")
if problems:
    print("; ".join(problems))
    sys.exit(1)
PY
  ); then
    ok "$what: the counts equal the $(wc -l <"$T/held") addresses the clients hold"
  else
    bad "$what: $why"
    printf '%s\n' "$OUT" | sed 's/^/    /'
    sed 's/^/    held: /' "$T/held"
  fi
}

# ---- OpenWrt: /var/etc/dnsmasq.conf.cfg01411c, /tmp/dnsmasq.d, /tmp/dhcp.leases
W=$T/openwrt
mkdir -p "$W/var/etc" "$W/tmp/dnsmasq.d" "$W/var/run/dnsmasq"
PIDFILE=$W/var/run/dnsmasq/dnsmasq.cfg01411c.pid
{
  echo "# auto-generated config file from /etc/config/dhcp"
  host_safe openwrt
  cat <<EOF
dhcp-authoritative
domain-needed
localise-queries
expand-hosts
domain=lan
local=/lan/
dhcp-leasefile=$W/tmp/dhcp.leases
conf-dir=$W/tmp/dnsmasq.d
dhcp-mac=set:guest,02:cd:00:00:04:*
dhcp-range=set:lan,tag:!guest,198.18.0.100,198.18.0.119,255.255.255.0,12h
dhcp-range=set:guest,tag:guest,198.18.0.200,198.18.0.209,255.255.255.0,12h
dhcp-range=set:fixed,198.18.1.0,static,255.255.255.0,12h
dhcp-range=set:lan6,::100,::1ff,constructor:br0,64,12h
EOF
} >"$W/var/etc/dnsmasq.conf.cfg01411c"
cat >"$W/tmp/dnsmasq.d/static-leases" <<'EOF'
# reservations: .110 inside the lan range, 198.18.1.10 in the static subnet
dhcp-host=02:cd:00:00:03:01,198.18.0.110,reserved1
dhcp-host=02:cd:00:00:03:05,198.18.1.10,fixed5
EOF
OPENWRT=(--config "$W/var/etc/dnsmasq.conf.cfg01411c" --pidfile "$PIDFILE")
OPENWRT_SCOPES=(
  "198.18.0.0/24=198.18.0.0/24=198.18.0.100-198.18.0.119,198.18.0.200-198.18.0.209"
  "198.18.1.0/24=198.18.1.0/24="
  "2001:db8:1::/64=2001:db8:1::/64=2001:db8:1::100-2001:db8:1::1ff")

start_dnsmasq openwrt -C "$W/var/etc/dnsmasq.conf.cfg01411c" -x "$PIDFILE"
netns_wait 5 "the range of br0 (constructor:)" grep -q 'DHCPv6, IP range 2001:db8:1::100' "$T/openwrt.log"
plugin "${OPENWRT[@]}"
check "OpenWrt, no client yet: OK" '[ "$RC" = 0 ]'
compare "OpenWrt, no client yet" "${OPENWRT_SCOPES[@]}"

lease_all c1:udhcpc c2:udhcpc c3:dhclient4 c4:udhcpc c5:dhclient4 c6:dhclient6 c7:dhclient6
netns_wait 5 "7 leases in the leases file" sh -c "[ \$(grep -vc '^duid' '$W/tmp/dhcp.leases') -ge 7 ]"
plugin "${OPENWRT[@]}"
check "OpenWrt with 7 clients: OK" '[ "$RC" = 0 ]'
compare "OpenWrt with 7 clients" "${OPENWRT_SCOPES[@]}"
check "the reservation inside the lan range is held by its client" 'holds 198.18.0.110'
check "the guest range is a pool of its own, judged for tagged clients" \
  'grep -q "pool 198.18.0.200-198.18.0.209 (class tag:guest): 90% free (9 of 10), 1 used" <<<"$OUT"'
check "the scope is named by its ranges' set tags" 'grep -q "^OK: 198.18.0.0/24 \"lan,guest\": " <<<"$OUT"'

# A release: dnsmasq removes the line, the plugin counts one fewer.
ip netns exec "${NS[c3]}" "$DHCLIENT" -4 -r -cf "$T/dhclient.conf" -sf "$T/dhclient.sh" \
  -lf "$T/c3.dhclient.leases" -pf "$T/c3.dhclient.pid" eth0 >>"$T/c3.log" 2>&1
ip netns exec "${NS[c6]}" "$DHCLIENT" -6 -r -D LL -cf "$T/dhclient.conf" -sf "$T/dhclient.sh" \
  -lf "$T/c6.dhclient6.leases" -pf "$T/c6.dhclient.pid" eth0 >>"$T/c6.log" 2>&1
netns_wait 5 "the releases" sh -c "[ \$(grep -c DHCPRELEASE '$T/openwrt.log') -ge 2 ]"
plugin "${OPENWRT[@]}"
compare "OpenWrt after two releases" "${OPENWRT_SCOPES[@]}"

# Files copied elsewhere cannot tell what constructor:br0 builds.
plugin "${OPENWRT[@]}" --no-pidfile
check "--no-pidfile with a constructor: range is UNKNOWN, naming it" \
  '[ "$RC" = 3 ] && grep -q "dhcp-range takes its addresses from interface br0 (constructor:)" <<<"$OUT"'

# A stopped dnsmasq: its leases file is still there, and still read fine.
stop_pid "$DNSMASQ_PID"
plugin "${OPENWRT[@]}"
check "a stopped dnsmasq is CRITICAL" \
  '[ "$RC" = 2 ] && grep -q "^DHCP SCOPE CRITICAL - dnsmasq is not running (" <<<"$OUT"'
plugin "${OPENWRT[@]}" --server-down=unknown
check "... and UNKNOWN with --server-down=unknown" \
  '[ "$RC" = 3 ] && grep -q "^DHCP SCOPE UNKNOWN - dnsmasq is not running (" <<<"$OUT"'
forget_clients

# ---- Pi-hole (v5): /etc/dnsmasq.conf, /etc/dnsmasq.d/*.conf, /etc/pihole/dhcp.leases
H=$T/pihole
mkdir -p "$H/etc/dnsmasq.d" "$H/etc/pihole" "$H/run"
PIDFILE=$H/run/pihole-FTL.pid
echo "conf-dir=$H/etc/dnsmasq.d/,*.conf" >"$H/etc/dnsmasq.conf"
{
  echo "# Pi-hole: A black hole for Internet advertisements"
  host_safe pihole
  cat <<EOF
localise-queries
cache-size=10000
log-async
EOF
} >"$H/etc/dnsmasq.d/01-pihole.conf"
cat >"$H/etc/dnsmasq.d/02-pihole-dhcp.conf" <<EOF
###############################################################################
#  DHCP SERVER CONFIG FILE AUTOMATICALLY POPULATED BY PI-HOLE WEB INTERFACE.  #
###############################################################################
dhcp-authoritative
dhcp-range=198.18.0.201,198.18.0.251,24h
dhcp-option=option:router,198.18.0.1
dhcp-leasefile=$H/etc/pihole/dhcp.leases
domain=lan
dhcp-rapid-commit
dhcp-range=::,constructor:br0,ra-names,ra-stateless,64
EOF
cat >"$H/etc/dnsmasq.d/04-pihole-static-dhcp.conf" <<'EOF'
dhcp-host=02:cd:00:00:03:05,198.18.0.50,printer
EOF
# Not read: conf-dir takes *.conf only.
echo "dhcp-range=198.18.0.2,198.18.0.9,24h" >"$H/etc/dnsmasq.d/05-disabled.conf.bak"
PIHOLE=(--config "$H/etc/dnsmasq.conf" --pidfile "$PIDFILE")
PIHOLE_SCOPES=(
  "198.18.0.201/32=-=198.18.0.201-198.18.0.251"
  "2001:db8:1::/64=2001:db8:1::/64=")

start_dnsmasq pihole -C "$H/etc/dnsmasq.conf" -x "$PIDFILE"
lease_all c1:udhcpc c2:udhcpc c3:dhclient4 c5:dhclient4
netns_wait 5 "4 leases in the leases file" sh -c "[ \$(grep -vc '^duid' '$H/etc/pihole/dhcp.leases') -ge 4 ]"
plugin "${PIHOLE[@]}"
check "Pi-hole with 4 clients: OK" '[ "$RC" = 0 ]'
compare "Pi-hole with 4 clients" "${PIHOLE_SCOPES[@]}"
check "the reservation outside the range is held but not counted" 'holds 198.18.0.50'
ip netns exec "${NS[c3]}" "$DHCLIENT" -4 -r -cf "$T/dhclient.conf" -sf "$T/dhclient.sh" \
  -lf "$T/c3.dhclient.leases" -pf "$T/c3.dhclient.pid" eth0 >>"$T/c3.log" 2>&1
netns_wait 5 "the release" grep -q DHCPRELEASE "$T/pihole.log"
plugin "${PIHOLE[@]}"
compare "Pi-hole after a release" "${PIHOLE_SCOPES[@]}"
stop_pid "$DNSMASQ_PID"
plugin "${PIHOLE[@]}"
check "a stopped Pi-hole dnsmasq is CRITICAL" '[ "$RC" = 2 ] && grep -q "dnsmasq is not running" <<<"$OUT"'
forget_clients
finish
