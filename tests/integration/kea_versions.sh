#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Kea 2.4, 2.6, 3.0 and 3.2 are not packaged for Debian 12, so their replies
# are served by a fake Kea (tests/integration/kea_ctl.py replay) from
# tests/data/kea/<version>/, replies built from each version's own source (the
# .md beside each file cites it): over a unix socket, over HTTP as a Control
# Agent (2.4 to 3.0) and as a daemon serving HTTP itself (3.0, 3.2, which
# has no Control Agent). Checks what changed between the versions: the
# assigned count of stat-lease4-get (3.1.2+ counts declined leases), per-pool
# statistics and the class-restricted pool they show, hub-and-spoke HA with
# each relationship marking its own subnets, totals past 2^64, the daemon
# down behind an agent, and the service a 3.1.9+ daemon checks.
source "$(dirname "$0")/kea_lib.sh"
D=$KEA_DIR
DATA=$CDS_SOURCE_DIR/tests/data/kea

# replay NAME LISTEN DIR NAMES...: a fake Kea; for http:NAME the port is in $D/NAME.port
replay() {
  local name=$1 listen=$2 i
  shift 2
  kea_bg "replay-$name" "${KEA_CTL[@]}" replay "$listen" "$@"
  for i in $(seq 100); do
    case $listen in
      http:*) [ -s "${listen#http:}" ] && return 0 ;;
      *) [ -S "$listen" ] && return 0 ;;
    esac
    sleep 0.05
  done
  die "the fake Kea $name did not start"
}

# sent LOG: the commands in a replay log, on one line
sent() {
  awk '{ print $1 }' "$1" | tr '\n' ' ' | sed 's/ $//'
}

# requests LOG: the commands and the services they named ("-": none)
requests() {
  tr '\n' ' ' <"$1" | sed 's/ $//'
}

POOL_LINES=(
  "  OK: pool 192.0.2.10-192.0.2.109: 69% free (69 of 100), 30 used, 1 declined"
  "  CRITICAL: pool 192.0.2.200/30 (class voip): 0% free (0 of 4), 3 used, 1 declined"
)

for v in 2.4 2.6 3.0 3.2; do
  replay "v4-$v" "$D/v4-$v.sock" "$DATA/$v" v4
  replay "pd-$v" "$D/pd-$v.sock" "$DATA/$v" v4-partner-down v4
  replay "v6-$v" "$D/v6-$v.sock" "$DATA/$v" v6
  if [ "$v" = 2.4 ]; then
    rel=server1
    fo="OK: failover server1 (load-balancing, this server primary): load-balancing, partner load-balancing"
  else
    rel=server2
    fo="OK: failover server2 (hot-standby, this server standby): hot-standby, partner hot-standby"
  fi

  # The class-restricted pool is full while its subnet has room: every
  # version reports the same figures (33 in use and 2 declined, whether
  # stat-lease4-get's assigned-addresses says 33 or, from 3.1.2, 35).
  expect 2 --source kea --socket "$D/v4-$v.sock" -v --per-subnet
  [ "$(sent "$D/v4-$v.sock.log")" = "config-get version-get stat-lease4-get statistic-get-all status-get" ] \
    || die "$v: commands sent: $(sent "$D/v4-$v.sock.log")"
  first_line "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 2 ok, worst 192.0.2.0/24 66.34% free (69 of 104)"
  has_line "$fo"
  has_line "CRITICAL: 192.0.2.0/24 in floor1: 66.34% free (69 of 104), 33 used, 2 declined, failover $rel"
  has_line "${POOL_LINES[0]}"
  has_line "${POOL_LINES[1]}"
  has_line "OK: 198.51.100.0/24 in floor1: 68.75% free (11 of 16), 5 used, failover $rel"
  has_perf "'192.0.2.0 used'=33;;;0;104"
  # The shared network as one pool (the default): the full pool of a member
  # makes the group CRITICAL, and the report says which pool.
  expect 2 --source kea --socket "$D/v4-$v.sock"
  first_line "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 1 ok, worst group floor1 66.66% free (80 of 120)"
  has_line "CRITICAL: group floor1 (2 subnets): 66.66% free (80 of 120), 38 used, 2 declined, failover $rel"
  has_line "${POOL_LINES[1]}"
  has_perf "'group floor1 used'=38;;;0;120"
  # Without -v only the pool that is not OK shows; with -v the members and
  # all their pools.
  no_line_matching "pool 192.0.2.10-192.0.2.109"
  expect 2 --source kea --socket "$D/v4-$v.sock" -v
  has_line "  member 192.0.2.0/24: 66.34% free (69 of 104), 33 used, 2 declined, failover $rel"
  has_line "${POOL_LINES[0]}"

  # One relationship in partner-down: in 2.4 it serves every subnet; from 2.6
  # (hub and spoke) server4's relationship serves subnet 3 only.
  if [ "$v" = 2.4 ]; then
    expect 2 --source kea --socket "$D/pd-$v.sock" -s 2
    first_line "DHCP SCOPE CRITICAL - 0 critical, 0 warning, 1 ok, lowest 198.51.100.0/24 68.75% free (11 of 16), failover server1 partner-down"
  else
    expect 0 --source kea --socket "$D/pd-$v.sock" -s 2
    first_line "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest 198.51.100.0/24 68.75% free (11 of 16)"
    expect 2 --source kea --socket "$D/pd-$v.sock" -s 3
    first_line "DHCP SCOPE CRITICAL - 0 critical, 0 warning, 1 ok, lowest 203.0.113.0/24 95% free (19 of 20), failover server4 partner-down"
    has_line "CRITICAL: failover server4 (hot-standby, this server standby): partner-down, partner unreachable"
    no_line_matching "failover server2"
  fi

  # DHCPv6: addresses and delegated prefixes, totals past 2^64 exact.
  expect 0 --source kea --socket "$D/v6-$v.sock" -v --per-subnet
  first_line "DHCP SCOPE OK - 0 critical, 0 warning, 4 ok, lowest 2001:db8:2::/64 68.75% free (11 of 16)"
  has_line "OK: 2001:db8:1::/48 in lab6: 99.99% free (18446744073709551858 of 18446744073709551872), 13 used, 1 declined"
  has_line "  OK: pool 2001:db8:1::/64: 99.99% free (18446744073709551606 of 18446744073709551616), 10 used"
  has_line "OK: 2001:db8:1::/48 PD 2001:db8:8000::/40 as /56 and 1 more pool in lab6: 99.99% free (281474976776185 of 281474976776192 prefixes), 7 used"
  has_line "  OK: pool 3000::/16 as /64: 99.99% free (281474976710654 of 281474976710656), 2 used"
  has_line "OK: 2001:db8:2::/64 PD 2001:db8:2:100::/56 as /60: 93.75% free (15 of 16 prefixes), 1 used"
  has_perf "'2001:db8:1:: used'=13;;;0;18446744073709551872"
  has_perf "'2001:db8:1:: pd free'=99.99%;20;10;0;100"
  has_perf "'2001:db8:2:: pd used'=1;;;0;16"
  expect 0 --source kea --socket "$D/v6-$v.sock" -s 2001:db8:2::/64 -s 2001:db8:1:: --per-subnet
  first_line "DHCP SCOPE OK - 0 critical, 0 warning, 4 ok, lowest 2001:db8:2::/64 68.75% free (11 of 16)"
  expect 0 --source kea --socket "$D/v6-$v.sock" -v
  has_line "OK: group lab6 PD (1 subnet): 99.99% free (281474976776185 of 281474976776192 prefixes), 7 used"
  has_perf "'group lab6 pd used'=7;;;0;281474976776192"
  ok "Kea $v over its unix socket"
done

# Without the stat_cmds hook the same figures come from statistic-get-all
# (declined counted in assigned there in every version), which also carries
# the per-pool figures: one command less.
for v in 2.4 3.2; do
  mkdir "$D/nostat-$v"
  for f in "$DATA/$v"/v4-*.json; do
    case $f in *stat-lease4-get*) ;; *) ln -s "$f" "$D/nostat-$v/" ;; esac
  done
  replay "nostat-$v" "$D/nostat-$v.sock" "$D/nostat-$v" v4
  rel=server2
  [ "$v" = 2.4 ] && rel=server1
  expect 2 --source kea --socket "$D/nostat-$v.sock" -v --per-subnet
  has_line "CRITICAL: 192.0.2.0/24 in floor1: 66.34% free (69 of 104), 33 used, 2 declined, failover $rel"
  has_line "${POOL_LINES[1]}"
  [ "$(sent "$D/nostat-$v.sock.log")" = "config-get version-get stat-lease4-get statistic-get-all status-get" ] \
    || die "$v without stat_cmds: commands sent: $(sent "$D/nostat-$v.sock.log")"
done
ok "without stat_cmds"

# A Control Agent (2.4 to 3.0) whose daemon is gone: CRITICAL in its words.
for v in 2.4 2.6 3.0; do
  replay "ca-$v" "http:$D/ca-$v.port" "$DATA/$v" all:ca-daemon-down.json
  url=http://127.0.0.1:$(cat "$D/ca-$v.port")/
  expect 2 --source kea --url "$url"
  first_line "DHCP SCOPE CRITICAL - kea-dhcp4 is not running or not answering on $url (the Kea Control Agent there says: unable to forward command to the dhcp4 service: No such file or directory. The server is likely to be offline)"
  expect 2 --source kea --url "$url" --service dhcp6
  first_line_around "DHCP SCOPE CRITICAL - kea-dhcp6 is not running or not answering on $url (the Kea Control Agent there says: unable to forward command to the " ")"
done
ok "the Control Agent's daemon down"

# Daemons serving HTTP themselves. 3.2 checks the service: a kea-dhcp6
# refuses the default dhcp4, and the plugin asks again without one.
replay http4-3.2 "http:$D/http4-3.2.port" "$DATA/3.2" daemon:dhcp4 v4
url=http://127.0.0.1:$(cat "$D/http4-3.2.port")/
expect 2 --source kea --url "$url" -v --per-subnet
has_line "CRITICAL: 192.0.2.0/24 in floor1: 66.34% free (69 of 104), 33 used, 2 declined, failover server2"
has_line "${POOL_LINES[1]}"
[ "$(requests "$D/http4-3.2.port.log")" = "config-get dhcp4 version-get dhcp4 stat-lease4-get dhcp4 statistic-get-all dhcp4 status-get dhcp4" ] \
  || die "3.2 over HTTP: requests: $(requests "$D/http4-3.2.port.log")"
replay http6-3.2 "http:$D/http6-3.2.port" "$DATA/3.2" daemon:dhcp6 v6
url=http://127.0.0.1:$(cat "$D/http6-3.2.port")/
expect 0 --source kea --url "$url"
first_line "DHCP SCOPE OK - 0 critical, 0 warning, 4 ok, lowest 2001:db8:2::/64 68.75% free (11 of 16)"
[ "$(requests "$D/http6-3.2.port.log")" = "config-get dhcp4 version-get dhcp4 config-get - version-get - stat-lease6-get - statistic-get-all -" ] \
  || die "3.2 kea-dhcp6 over HTTP: requests: $(requests "$D/http6-3.2.port.log")"
expect 0 --source kea --url "$url" --service dhcp6
expect 3 --source kea --url "$url" --service dhcp4
first_line "DHCP SCOPE UNKNOWN - Kea answered version-get with result 1: unsupported service 'dhcp4', expected 'dhcp6'"
# 3.0's daemons ignore the service: the reply's family must match --service.
replay http4-3.0 "http:$D/http4-3.0.port" "$DATA/3.0" v4
url=http://127.0.0.1:$(cat "$D/http4-3.0.port")/
expect 2 --source kea --url "$url"
has_line "${POOL_LINES[1]}"
expect 3 --source kea --url "$url" --service dhcp6
first_line "DHCP SCOPE UNKNOWN - --service asks for kea-dhcp6, but $url answers with a Dhcp4 configuration (a Kea daemon that serves HTTP itself answers for itself, whatever the service)"
ok "daemons serving HTTP themselves"
finish
