# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced (after lib.sh) by the tests that run real DHCP servers and clients:
# network namespaces and veth pairs made by the test itself, everything
# removed at exit through lib.sh's cleanup list. Traffic stays inside the
# namespaces; the host's interfaces, /etc and /var/lib/dhcp are never touched.
#
#   netns_init                 needs root and ip(8), else skips (exit 77); sets NS_PREFIX
#   netns_add VAR SUFFIX       a namespace NS_PREFIX+SUFFIX (lo up, no DAD), its name in VAR
#   netns_bridge NS            a bridge br0 in NS (multicast snooping off: DHCPv6 floods)
#   netns_client VAR SUFFIX MAC SERVER_NS
#                              a client namespace whose eth0 is a veth to SERVER_NS's br0
#   netns_spawn NS LOG CMD...  CMD in NS in the background, SPAWN_PID is CMD itself
#   netns_wait SECONDS WHAT CMD...   polls CMD every 50 ms, dies when WHAT does not come
#   netns_client_script FILE   a dhclient -sf script that only (de)configures the leased
#                              address on the client's own eth0 and logs each call
# Namespace names are cds<pid><suffix>: a test removes exactly the ones it made.

netns_init() {
  [ "$(id -u)" = 0 ] || skip_test "network namespaces need root"
  need ip "Debian: apt-get install iproute2"
  NS_PREFIX=cds$$
  ip netns add "${NS_PREFIX}probe" 2>/dev/null || skip_test "cannot create network namespaces here"
  ip netns del "${NS_PREFIX}probe"
}

_netns_del() {
  ip netns pids "$1" 2>/dev/null | xargs -r kill -9 2>/dev/null
  ip netns del "$1" 2>/dev/null || true
}

# (Locals start with _netns_: printf -v must not land in one of them.)
netns_add() {
  local _netns_name=$NS_PREFIX$2
  ip netns add "$_netns_name" || die "ip netns add $_netns_name failed"
  on_exit _netns_del "$_netns_name"
  ip netns exec "$_netns_name" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.default.accept_ra=0 >/dev/null
  ip netns exec "$_netns_name" ip link set lo up
  printf -v "$1" '%s' "$_netns_name"
}

netns_bridge() {
  ip netns exec "$1" ip link add br0 type bridge mcast_snooping 0 stp_state 0 forward_delay 0
  ip netns exec "$1" ip link set br0 up
}

NETNS_PORTS=0
netns_client() {
  local _netns_var=$1 _netns_ns _netns_port
  netns_add _netns_ns "$2"
  NETNS_PORTS=$((NETNS_PORTS + 1))
  _netns_port=p$NETNS_PORTS
  ip link add eth0 netns "$_netns_ns" address "$3" type veth peer name "$_netns_port" netns "$4" \
    || die "cannot make a veth pair for $_netns_ns"
  ip netns exec "$4" ip link set "$_netns_port" master br0 up
  ip netns exec "$_netns_ns" ip link set eth0 up
  printf -v "$_netns_var" '%s' "$_netns_ns"
}

# ip netns exec execs CMD, so the pid spawn records is the daemon's own.
netns_spawn() {
  local ns=$1 log=$2
  shift 2
  spawn ip netns exec "$ns" "$@" >>"$log" 2>&1
}

netns_wait() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds * 20; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  die "$what did not happen within $seconds s"
}

netns_client_script() {
  cat >"$1" <<'EOS'
#!/bin/sh
# dhclient -sf: configures only the leased address on the client's own eth0.
echo "$reason $interface ip=${new_ip_address:-$old_ip_address} ip6=${new_ip6_address:-$old_ip6_address} pfx=${new_ip6_prefix:-$old_ip6_prefix}" >>"$0.log"
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT) ip -4 addr flush dev "$interface"; ip addr add "$new_ip_address/${new_subnet_mask:-255.255.255.0}" dev "$interface" ;;
  EXPIRE|FAIL|RELEASE|STOP) ip -4 addr flush dev "$interface" ;;
  BOUND6|RENEW6|REBIND6) [ -n "$new_ip6_address" ] && ip -6 addr replace "$new_ip6_address/${new_ip6_prefixlen:-128}" dev "$interface" nodad ;;
  EXPIRE6|RELEASE6|STOP6) [ -n "$old_ip6_address" ] && ip -6 addr del "$old_ip6_address/${old_ip6_prefixlen:-128}" dev "$interface" ;;
esac
exit 0
EOS
  chmod +x "$1"
}
