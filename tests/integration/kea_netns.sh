# Sourced after kea_lib.sh by the tests that serve real DHCP clients: network
# namespaces the test makes itself (named cds<pid>s for the server, cds<pid>c1
# ... for the clients), a bridge br0 in the server's, one veth pair per client
# created straight into the two namespaces. Traffic never leaves them. At exit
# (lib.sh's cleanup list, after the processes started later are stopped) the
# dhclient daemons are stopped by the pids they wrote, what is left in our own
# namespaces by the pids `ip netns pids` lists, and the namespaces are deleted
# by their exact names (which removes the veths and the bridge).

NETNS_PREFIX=cds$$
NETNS_SERVER=${NETNS_PREFIX}s
NETNS_LIST=()

# netns_require TOOL...: each tool must be installed (Debian packages in
# scripts/test-packages.txt), and namespaces must be possible (root).
netns_require() {
  local t
  for t in ip "$@"; do
    need "$t" "see scripts/test-packages.txt"
  done
  [ "$(id -u)" = 0 ] || skip_test "network namespaces need root"
}

netns_cleanup() {
  local pf ns
  for pf in "$KEA_DIR"/*.pid; do
    [ -s "$pf" ] && kill "$(cat "$pf")" 2>/dev/null
  done
  for ns in "${NETNS_LIST[@]}"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
    ip netns del "$ns" 2>/dev/null
  done
  return 0
}
on_exit netns_cleanup

# nsx NS CMD...: runs CMD in namespace NS, in the foreground.
nsx() {
  local ns=$1
  shift
  ip netns exec "$ns" "$@"
}

# netns_add NAME: a namespace with lo up and IPv6 duplicate address
# detection off, so that link-local addresses are usable at once.
netns_add() {
  ip netns add "$1" || die "cannot create the network namespace $1"
  NETNS_LIST+=("$1")
  nsx "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.default.accept_ra=0 >/dev/null
  nsx "$1" ip link set dev lo up
}

# netns_server: the server's namespace with br0 (multicast flooded: DHCPv6).
netns_server() {
  netns_add "$NETNS_SERVER"
  nsx "$NETNS_SERVER" ip link add br0 type bridge mcast_snooping 0 stp_state 0 forward_delay 0
  nsx "$NETNS_SERVER" ip link set dev br0 up
}

# netns_client N MAC: the namespace cds<pid>cN with eth0 (MAC), its peer on br0.
netns_client() {
  local ns=${NETNS_PREFIX}c$1
  netns_add "$ns"
  ip link add eth0 netns "$ns" address "$2" type veth peer name "p$1" netns "$NETNS_SERVER" \
    || die "cannot create the veth pair of $ns"
  nsx "$NETNS_SERVER" ip link set dev "p$1" master br0 up
  nsx "$ns" ip link set dev eth0 up
}

# netns_wait_ll NS IF: its link-local address is there and usable (DHCPv6
# clients and servers bind to it).
netns_wait_ll() {
  local i
  for i in $(seq 100); do
    if nsx "$1" ip -6 addr show dev "$2" scope link | grep -q inet6 \
       && ! nsx "$1" ip -6 addr show dev "$2" tentative | grep -q inet6; then
      return 0
    fi
    sleep 0.05
  done
  die "no usable link-local address on $2 in $1"
}

# netns_spawn NAME NS CMD...: starts CMD in NS in the background (ip netns
# exec execs, so $! is CMD itself), stopped by pid at exit.
netns_spawn() {
  local name=$1 ns=$2
  shift 2
  spawn ip netns exec "$ns" "$@" >"$KEA_DIR/$name.log" 2>&1
  KEA_PIDS[$name]=$SPAWN_PID
}

# netns_kea_start NAME DAEMON CONFIG SOCKET: kea-dhcp4 or kea-dhcp6 in the
# server's namespace, waited for until SOCKET answers.
netns_kea_start() {
  local name=$1 daemon=$2 config=$3 sock=$4
  netns_spawn "$name" "$NETNS_SERVER" "$daemon" -c "$config"
  "${KEA_CTL[@]}" wait "$sock" 15 || die "$daemon ($name) did not open $sock"
}

# netns_client_script: $KEA_DIR/client.sh, the dhclient script: it only puts
# the leased address on the client's own eth0 (a DHCPRELEASE needs it) and
# never touches resolv.conf or routes.
netns_client_script() {
  cat >"$KEA_DIR/client.sh" <<'EOS'
#!/bin/sh
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT) ip -4 addr flush dev "$interface"
                             ip addr add "$new_ip_address/${new_subnet_mask:-255.255.255.0}" dev "$interface" ;;
  BOUND6|RENEW6|REBIND6) [ -n "$new_ip6_address" ] && ip -6 addr replace "$new_ip6_address/128" dev "$interface" nodad ;;
esac
exit 0
EOS
  chmod +x "$KEA_DIR/client.sh"
}

# netns_dhclient N SCRIPT ARGS...: dhclient in client N's namespace with
# its own config, lease and pid files (nothing of the host's); -1 tries once.
# Returns dhclient's exit code (0 bound, 2 no lease).
netns_dhclient() {
  local n=$1 script=$2 ns=${NETNS_PREFIX}c$1
  shift 2
  ip netns exec "$ns" dhclient -1 -v -cf "$KEA_DIR/dhclient.conf" -sf "$script" \
    -lf "$KEA_DIR/c$n.leases" -pf "$KEA_DIR/c$n.pid" "$@" eth0 >>"$KEA_DIR/c$n.log" 2>&1
}
