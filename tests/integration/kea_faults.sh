#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts fake Kea control sockets (python, tests/integration/kea_ctl.py fake):
# one that accepts and never answers, one that closes mid-reply, one that
# resets, ones that answer invalid JSON or result 1, an HTTP port that accepts
# and never answers; and checks that each ends in exit 3 with a sentence that
# names the cause, within -t.
source "$(dirname "$0")/kea_lib.sh"
D=$KEA_DIR

# wait_for_listener PATH|tcp:PORT
wait_for_listener() {
  local i
  for i in $(seq 100); do
    case $1 in
      tcp:*) "$PYTHON" -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()" \
               "${1#tcp:}" 2>/dev/null && return 0 ;;
      *) [ -S "$1" ] && return 0 ;;
    esac
    sleep 0.05
  done
  die "the fake server did not listen on $1"
}

# fake NAME MODE [FILE]: a fake unix control socket $D/NAME.sock
fake() {
  kea_bg "fake-$1" "${KEA_CTL[@]}" fake "$D/$1.sock" "$2" ${3:+"$3"}
  wait_for_listener "$D/$1.sock"
}

# Options
expect 3 --source kea
first_line "DHCP SCOPE UNKNOWN - the kea source needs exactly one of --socket PATH (a Kea daemon's unix control socket) or --url URL (the Kea Control Agent, or a daemon's own HTTP control socket)"
expect 3 --source kea --socket "$D/x.sock" --url http://127.0.0.1:1/
first_line "DHCP SCOPE UNKNOWN - the kea source needs exactly one of --socket PATH (a Kea daemon's unix control socket) or --url URL (the Kea Control Agent, or a daemon's own HTTP control socket)"
expect 3 --source kea --socket "$D/x.sock" --cacert /etc/ssl/certs/ca-certificates.crt
first_line "DHCP SCOPE UNKNOWN - --credentials, --cacert, --cert and --key apply only to --url (HTTP), not to --socket"
expect 3 --source kea --url ftp://127.0.0.1/
first_line "DHCP SCOPE UNKNOWN - --url must start with http:// or https:// (the Kea Control Agent, or a Kea daemon's own HTTP control socket), not 'ftp://127.0.0.1/'"
expect 3 --source kea --socket "$D/x.sock" --service dhcp5
first_line "DHCP SCOPE UNKNOWN - --service must be dhcp4 or dhcp6, not 'dhcp5'"
expect 3 --source isc --service dhcp4
first_line "DHCP SCOPE UNKNOWN - --service is an option of the kea source, not of isc (see --help)"
expect 3 --source kea --url http://127.0.0.1:1/ --credentials "$D/none.txt"
first_line "DHCP SCOPE UNKNOWN - cannot read the credentials file $D/none.txt: No such file or directory"
echo "nagios" >"$D/nocolon.txt"
expect 3 --source kea --url http://127.0.0.1:1/ --credentials "$D/nocolon.txt"
first_line "DHCP SCOPE UNKNOWN - the credentials file $D/nocolon.txt must hold user:password on its first line"
ok "option errors"

# Socket missing; socket file left behind with nobody listening: the daemon
# is down, CRITICAL (UNKNOWN with --server-down=unknown).
expect 2 --source kea --socket "$D/missing.sock"
first_line "DHCP SCOPE CRITICAL - Kea (kea-dhcp4 or kea-dhcp6) is not running or not answering on $D/missing.sock (the socket does not exist; if the daemon runs, this is not the socket-name of its control socket)"
expect 2 --source kea --socket "$D/missing.sock" --service dhcp6
first_line "DHCP SCOPE CRITICAL - kea-dhcp6 is not running or not answering on $D/missing.sock (the socket does not exist; if the daemon runs, this is not the socket-name of its control socket)"
"$PYTHON" -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$D/stale.sock"
expect 2 --source kea --socket "$D/stale.sock" --service dhcp4
first_line "DHCP SCOPE CRITICAL - kea-dhcp4 is not running or not answering on $D/stale.sock (connection refused: the socket file was left behind, or it is not Kea's)"
expect 3 --source kea --socket "$D/stale.sock" --service dhcp4 --server-down=unknown
first_line "DHCP SCOPE UNKNOWN - kea-dhcp4 is not running or not answering on $D/stale.sock (connection refused: the socket file was left behind, or it is not Kea's)"
ok "missing and refused sockets"

# A server that accepts and never answers: the watchdog ends it within -t.
fake hang hang
start=$(date +%s%N)
expect 3 --source kea --socket "$D/hang.sock" -t 2
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
first_line "DHCP SCOPE UNKNOWN - timed out after 2 s while waiting for Kea's reply to config-get on $D/hang.sock."
[ "$elapsed" -lt 3000 ] || die "the hanging socket took $elapsed ms with -t 2"
ok "hanging socket ended after $elapsed ms"

port=$(freeport)
kea_bg fake-http "${KEA_CTL[@]}" fake "tcp:$port" hang
wait_for_listener "tcp:$port"
start=$(date +%s%N)
expect 3 --source kea --url "http://127.0.0.1:$port/" -t 2
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
first_line "DHCP SCOPE UNKNOWN - timed out after 2 s while sending config-get to http://127.0.0.1:$port/."
[ "$elapsed" -lt 3000 ] || die "the hanging HTTP server took $elapsed ms with -t 2"
ok "hanging HTTP server ended after $elapsed ms"

# Nothing listening on the port: a Kea daemon serving HTTP itself (or a
# Control Agent) is not running.
port=$(freeport)
expect 2 --source kea --url "http://user:pw@127.0.0.1:$port/"
first_line_around "DHCP SCOPE CRITICAL - kea-dhcp4 is not running or not answering on http://127.0.0.1:$port/ (" "; with a Kea Control Agent there, the agent is not running)"
if grep -q "pw@" <<<"$OUT"; then die "the URL's password is shown: $OUT"; fi
ok "refused HTTP connection (and the URL's password is not shown)"

# A reply cut in half, a reset, invalid JSON, result 1, an oversized reply
# (the first command is version-get).
config=$CDS_SOURCE_DIR/tests/data/kea/single-version-get.json
half=$(( $(wc -c <"$config") / 2 ))
fake close close "$config"
expect 3 --source kea --socket "$D/close.sock"
first_line "DHCP SCOPE UNKNOWN - Kea's reply to version-get is not valid JSON: it ends early, after $half bytes (truncated?)"

fake reset reset
expect 3 --source kea --socket "$D/reset.sock"
first_line "DHCP SCOPE UNKNOWN - Kea (kea-dhcp4 or kea-dhcp6) reset the connection on $D/reset.sock while answering config-get (after 0 bytes)"

printf '<html><body>502 Bad Gateway</body></html>\n' >"$D/html.txt"
fake html canned "$D/html.txt"
expect 3 --source kea --socket "$D/html.sock"
first_line_around "DHCP SCOPE UNKNOWN - Kea's reply to version-get is not valid JSON (" " at byte 0)"

printf '{ "result": 1, "text": "Error during command processing: out of memory" }' >"$D/result1.json"
fake result1 canned "$D/result1.json"
expect 3 --source kea --socket "$D/result1.sock"
first_line "DHCP SCOPE UNKNOWN - Kea answered version-get with result 1: Error during command processing: out of memory"

# A version-get reply to every command: config-get's reply then lacks Dhcp4.
fake version canned "$config"
expect 3 --source kea --socket "$D/version.sock"
first_line "DHCP SCOPE UNKNOWN - Kea's reply to config-get lacks arguments.Dhcp4 and arguments.Dhcp6 (is this a Kea DHCP server?)"

"$PYTHON" -c "import sys; open(sys.argv[1], 'wb').write(b' ' * (64 * 1024 * 1024 + 1))" "$D/huge.txt"
fake huge canned "$D/huge.txt"
expect 3 --source kea --socket "$D/huge.sock"
first_line "DHCP SCOPE UNKNOWN - Kea's reply to config-get is larger than 64 MiB; refusing to read more"
ok "truncated, reset, invalid, result 1 and oversized replies"
finish
