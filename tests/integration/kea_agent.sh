#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts a real kea-dhcp4 and two kea-ctrl-agent in front of it on free
# loopback ports, both with basic auth: one plain HTTP, one HTTPS requiring
# client certificates (a throwaway CA, server and client certificate made
# with openssl). Checks that the right credentials and certificates work and
# that each wrong one gives exit 3 with a sentence that names it.
source "$(dirname "$0")/kea_lib.sh"
need kea-ctrl-agent "Debian: apt-get install kea-ctrl-agent"
need openssl "Debian: apt-get install openssl"
D=$KEA_DIR

cat >"$D/kea4.json" <<EOF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [] },
  "control-socket": { "socket-type": "unix", "socket-name": "$D/kea4.sock" },
  "lease-database": { "type": "memfile", "persist": false },
  "hooks-libraries": [ { "library": "$(kea_hook lease_cmds)" }, { "library": "$(kea_hook stat_cmds)" } ],
  "subnet4": [ { "id": 3, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.1 - 198.51.100.50" } ] } ]
} }
EOF
kea_start dhcp4 "$D/kea4.json" "$D/kea4.sock"
# 46 of 50 assigned, 1 declined: 3 free, 6% -> CRITICAL with the defaults
kea_leases "$D/kea4.sock" "$(seq_addrs 198.51.100 1 46; echo "198.51.100.47 declined")"

ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$D/ca.key" -out "$D/ca.pem" -days 2 -subj "/CN=cds test CA" 2>/dev/null
openssl req -x509 "${ec[@]}" -keyout "$D/other.key" -out "$D/other-ca.pem" -days 2 -subj "/CN=another CA" 2>/dev/null
# make_cert NAME CN EXTENSIONS: NAME.pem / NAME.key signed by the test CA
make_cert() {
  openssl req "${ec[@]}" -keyout "$D/$1.key" -out "$D/$1.csr" -subj "/CN=$2" 2>/dev/null
  printf '%b' "$3" >"$D/$1.ext"
  openssl x509 -req -in "$D/$1.csr" -CA "$D/ca.pem" -CAkey "$D/ca.key" -CAcreateserial -days 2 \
    -out "$D/$1.pem" -extfile "$D/$1.ext" 2>/dev/null
}
make_cert server 127.0.0.1 "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
make_cert client nagios "extendedKeyUsage=clientAuth\n"

http_port=$(freeport)
tls_port=$(freeport)
while [ "$tls_port" = "$http_port" ]; do tls_port=$(freeport); done
# agent_config PORT EXTRA: a Control Agent config with basic auth
agent_config() {
  cat <<EOF
{ "Control-agent": { "http-host": "127.0.0.1", "http-port": $1, $2
  "authentication": { "type": "basic", "realm": "cds-test",
                      "clients": [ { "user": "nagios", "password": "s3cret:with colon" } ] },
  "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "$D/kea4.sock" } } } }
EOF
}
agent_config "$http_port" "" >"$D/agent.json"
agent_config "$tls_port" "\"trust-anchor\": \"$D/ca.pem\", \"cert-file\": \"$D/server.pem\",
  \"key-file\": \"$D/server.key\", \"cert-required\": true," >"$D/agent-tls.json"
kea_agent_start agent "$D/agent.json" "$http_port"
kea_agent_start agent-tls "$D/agent-tls.json" "$tls_port"

# The password holds a colon: only the first one separates the user. CRLF is allowed.
printf 'nagios:s3cret:with colon\r\n' >"$D/right.txt"
printf 'nagios:wrong\n' >"$D/wrong.txt"
URL=http://127.0.0.1:$http_port/
TLS_URL=https://127.0.0.1:$tls_port/
WANT_FIRST="DHCP SCOPE CRITICAL - 1 critical, 0 warning, 0 ok, worst 198.51.100.0/24 6% free (3 of 50)"
WANT_LINE="CRITICAL: 198.51.100.0/24: 6% free (3 of 50), 46 used, 1 declined"

expect 2 --source kea --url "$URL" --credentials "$D/right.txt"
first_line "$WANT_FIRST"
has_line "$WANT_LINE"
has_perf "'198.51.100.0 used'=46;;;0;50"
expect 3 --source kea --url "$URL" --credentials "$D/wrong.txt"
first_line "DHCP SCOPE UNKNOWN - Kea at $URL rejected the credentials from $D/wrong.txt (HTTP 401)"
expect 3 --source kea --url "$URL"
first_line "DHCP SCOPE UNKNOWN - Kea at $URL requires credentials (HTTP 401): give --credentials FILE holding user:password"
ok "basic auth over HTTP"

# TLS: verification is on unless the CA is given; the agent requires a client certificate.
expect 3 --source kea --url "$TLS_URL" --credentials "$D/right.txt"
first_line_around "DHCP SCOPE UNKNOWN - the TLS certificate of Kea at $TLS_URL failed verification (SSL certificate problem: " "); give the CA that signed it with --cacert"
expect 3 --source kea --url "$TLS_URL" --credentials "$D/right.txt" --cacert "$D/other-ca.pem"
first_line_around "DHCP SCOPE UNKNOWN - the TLS certificate of Kea at $TLS_URL failed verification (SSL certificate problem: " "); give the CA that signed it with --cacert"
expect 3 --source kea --url "$TLS_URL" --credentials "$D/right.txt" --cacert "$D/ca.pem"
first_line_around "DHCP SCOPE UNKNOWN - Kea at $TLS_URL requires a client certificate (" "): give --cert and --key"
expect 3 --source kea --url "$TLS_URL" --credentials "$D/right.txt" --cacert "$D/ca.pem" --cert "$D/client.pem" --key "$D/none.key"
first_line "DHCP SCOPE UNKNOWN - cannot use the client certificate given with --cert / --key (unable to set private key file: '$D/none.key' type PEM)"
expect 3 --source kea --url "$TLS_URL" --credentials "$D/wrong.txt" --cacert "$D/ca.pem" --cert "$D/client.pem" --key "$D/client.key"
first_line "DHCP SCOPE UNKNOWN - Kea at $TLS_URL rejected the credentials from $D/wrong.txt (HTTP 401)"
expect 2 --source kea --url "$TLS_URL" --credentials "$D/right.txt" --cacert "$D/ca.pem" --cert "$D/client.pem" --key "$D/client.key"
first_line "$WANT_FIRST"
has_line "$WANT_LINE"
expect 3 --source kea --url "http://127.0.0.1:$tls_port/" --credentials "$D/right.txt"
first_line "DHCP SCOPE UNKNOWN - Kea at http://127.0.0.1:$tls_port/ closed the connection without answering config-get (if it serves TLS, use https://)"
ok "TLS verification and client certificates"

# --service dhcp6: the agent has no socket for it (its setup, not a daemon down).
expect 3 --source kea --url "$URL" --credentials "$D/right.txt" --service dhcp6
first_line "DHCP SCOPE UNKNOWN - Kea answered version-get with result 1: forwarding socket is not configured for the server type dhcp6"

# The agent is up but kea-dhcp4 is not: the daemon is down, CRITICAL, in the agent's words.
kea_stop dhcp4
expect 2 --source kea --url "$URL" --credentials "$D/right.txt"
first_line "DHCP SCOPE CRITICAL - kea-dhcp4 is not running or not answering on $URL (the Kea Control Agent there says: unable to forward command to the dhcp4 service: No such file or directory. The server is likely to be offline)"
expect 3 --source kea --url "$URL" --credentials "$D/right.txt" --server-down=unknown
first_line "DHCP SCOPE UNKNOWN - kea-dhcp4 is not running or not answering on $URL (the Kea Control Agent there says: unable to forward command to the dhcp4 service: No such file or directory. The server is likely to be offline)"
# A stale socket file: the agent's connection is refused.
"$PYTHON" -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$D/kea4.sock"
expect 2 --source kea --url "$URL" --credentials "$D/right.txt"
first_line "DHCP SCOPE CRITICAL - kea-dhcp4 is not running or not answering on $URL (the Kea Control Agent there says: unable to forward command to the dhcp4 service: Connection refused. The server is likely to be offline)"
ok "a daemon the agent cannot reach is CRITICAL"
finish
