# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced after kea_lib.sh by the Kea tests that serve real DHCP clients: the
# namespaces, bridge and veths come from netns_lib.sh (removed at exit, with
# whatever still runs in them, the dhclient daemons among it); these are the
# Kea and dhclient parts.
source "$(dirname "${BASH_SOURCE[0]}")/netns_lib.sh"

# kea_netns_setup CLIENTS: the server's namespace $NS_S with br0, and client
# namespaces $NS_C1 .. $NS_CN, each with eth0 on br0 (MAC 02:cd:00:00:0K:0N).
kea_netns_setup() {
  local n
  netns_init
  need dhclient "Debian: apt-get install isc-dhcp-client"
  netns_add NS_S s
  netns_bridge "$NS_S"
  for n in $(seq "$1"); do
    netns_client "NS_C$n" "c$n" "02:cd:00:00:0${KEA_NETNS_MAC:-4}:0$n" "$NS_S"
  done
}

# kea_netns_wait_ll NS IF: its link-local address is there and usable
# (DHCPv6 clients and servers bind to it).
kea_netns_wait_ll() {
  netns_wait 5 "a usable link-local address on $2 in $1" sh -c \
    "ip -n '$1' -6 addr show dev '$2' scope link | grep -q inet6 && ! ip -n '$1' -6 addr show dev '$2' tentative | grep -q inet6"
}

# kea_netns_start NAME DAEMON CONFIG SOCKET: kea-dhcp4 or kea-dhcp6 in $NS_S
# (stopped by pid: kea_stop NAME), waited for until SOCKET answers.
kea_netns_start() {
  local name=$1 daemon=$2 config=$3 sock=$4
  netns_spawn "$NS_S" "$KEA_DIR/$name.log" "$daemon" -c "$config"
  KEA_PIDS[$name]=$SPAWN_PID
  "${KEA_CTL[@]}" wait "$sock" 15 || die "$daemon ($name) did not open $sock"
}

# kea_dhclient N SCRIPT ARGS...: dhclient in client N's namespace with its
# own config, lease and pid files (nothing of the host's); -1 tries once.
# Returns dhclient's exit code (0 bound, 2 no lease).
kea_dhclient() {
  local n=$1 script=$2 ns_var=NS_C$1
  shift 2
  ip netns exec "${!ns_var}" dhclient -1 -v -cf "$KEA_DIR/dhclient.conf" -sf "$script" \
    -lf "$KEA_DIR/c$n.leases" -pf "$KEA_DIR/c$n.pid" "$@" eth0 >>"$KEA_DIR/c$n.log" 2>&1
}
