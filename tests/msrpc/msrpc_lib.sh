# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the tests of the mswin source's RPC client (tests/msrpc/*.sh):
# the shared reporting and cleanup of tests/integration/lib.sh (ok, bad, die,
# finish, skip_test, need, spawn, stop_pid, on_exit) and its network
# namespaces (netns_lib.sh), and the helpers every one of these tests needs:
# the test server, running the plugin.
set -uo pipefail

: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
source "$CDS_SOURCE_DIR/tests/integration/lib.sh"
source "$CDS_SOURCE_DIR/tests/integration/netns_lib.sh"
MSRPC_DIR=$CDS_SOURCE_DIR/tests/msrpc
# Debian's impacket is for Debian's python3, whatever python3 comes first on PATH.
PY3=/usr/bin/python3
CDS_SANITIZE=${CDS_SANITIZE:-OFF}
# LeakSanitizer (clang 14) crashes now and then at exit, "Tracer caught signal
# 11", while it scans the dynamic TLS of the libraries the plugin loads with
# its RPC module (dlopen). Leaks are still checked, with thread-local storage
# left out of the roots (which can only add reports, never hide one). The
# blocks glibc allocates for that storage then match LeakSanitizer's own
# built-in suppression (*tls_get_addr*), whose summary would reach stderr.
if [ "$CDS_SANITIZE" = ON ]; then
  export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}use_tls=0:print_suppressions=0"
fi

need_impacket() {
  "$PY3" -c 'import impacket, Cryptodome' 2>/dev/null \
    || skip_test "Debian's python3-impacket (with python3-pycryptodome) is not installed"
}

new_tmpdir T /tmp/cds-msrpc.XXXXXX

# creds FILE USER PASSWORD [DOMAIN]: an smbclient -A file, mode 0600.
creds() {
  umask 077
  printf 'username = %s\npassword = %s\n' "$2" "$3" >"$1"
  [ -n "${4:-}" ] && printf 'domain = %s\n' "$4" >>"$1"
  umask 022
}

# start_server NAME [NETNS] -- SERVER ARGS...: the test server, stopped at
# exit; PORT is its DHCP port.
start_server() {
  local name=$1 ns=$2 pre=()
  shift 3
  [ -n "$ns" ] && pre=(ip netns exec "$ns")
  rm -f "$T/$name.port"
  spawn "${pre[@]}" "$PY3" "$MSRPC_DIR/fake_dhcpm_server.py" --port-file "$T/$name.port" "$@" \
    2>"$T/$name.server.log"
  SERVER_PID=$SPAWN_PID
  for _ in $(seq 100); do [ -s "$T/$name.port" ] && break; sleep 0.1; done
  [ -s "$T/$name.port" ] || die "the test server $name did not start: $(tail -5 "$T/$name.server.log")"
  PORT=$(cat "$T/$name.port")
}

# run NAME ARGS...: the plugin (in $NS when set); sets OUT, RC, MS.
run() {
  local name=$1 t0 pre=()
  shift
  [ -n "${NS:-}" ] && pre=(ip netns exec "$NS")
  t0=$(date +%s%N)
  "${pre[@]}" "$CDS_PLUGIN" "$@" >"$T/$name.out" 2>"$T/$name.err"
  RC=$?
  MS=$((($(date +%s%N) - t0) / 1000000))
  OUT=$(cat "$T/$name.out")
}

# expect NAME RC FIRST-LINE-PREFIX: after run.
expect() {
  local first=${OUT%%$'\n'*}
  if [ "$RC" = "$2" ] && [[ $first == "$3"* ]]; then
    ok "$1: exit $RC, $3"
  else
    bad "$1: exit $RC (want $2), first line: $first (want it to start with: $3) stderr: $(head -c 300 "$T/$1.err")"
  fi
}

# has NAME TEXT: the output holds TEXT.
has() {
  if grep -q -F -- "$2" <<<"$OUT"; then ok "$1: says '$2'"; else bad "$1: no '$2' in: $OUT"; fi
}

# count FILE NAME: calls of NAME the test server counted.
count() { awk -v k="$2" '$1 == "call" && $2 == k { print $3; f = 1 } END { if (!f) print 0 }' "$1"; }
