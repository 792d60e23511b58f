# Sourced by the kea_*.sh integration tests: starts throwaway kea-dhcp4 and
# kea-ctrl-agent processes in a temporary directory (no DHCP interface is
# bound: "interfaces": []), runs the plugin and compares its output with what
# the test expects. Everything started is stopped by pid on exit.
set -euo pipefail

: "${CDS_PLUGIN:?set CDS_PLUGIN to the built check_dhcp_scope}"
: "${CDS_SOURCE_DIR:?set CDS_SOURCE_DIR to the source tree}"
PYTHON=${PYTHON:-python3}
KEA_CTL=("$PYTHON" "$CDS_SOURCE_DIR/tests/integration/kea_ctl.py")

# Debian installs the daemons in /usr/sbin, which a non-root PATH may lack.
PATH=$PATH:/usr/sbin:/sbin
KEA_DHCP4=$(command -v kea-dhcp4 || true)
KEA_AGENT=$(command -v kea-ctrl-agent || true)
KEA_HOOKS=$(dirname "$(ls /usr/lib/*/kea/hooks/libdhcp_lease_cmds.so /usr/lib/kea/hooks/libdhcp_lease_cmds.so \
  2>/dev/null | head -n 1)" 2>/dev/null || true)
if [ -z "$KEA_DHCP4" ] || [ ! -f "$KEA_HOOKS/libdhcp_lease_cmds.so" ]; then
  echo "FAIL: kea-dhcp4 and its hooks are not installed (Debian: apt-get install kea-dhcp4-server kea-common)" >&2
  exit 1
fi

# Unix socket paths are limited to 107 bytes: keep the directory short.
KEA_DIR=$(mktemp -d /tmp/cds-kea.XXXXXX)
export KEA_PIDFILE_DIR=$KEA_DIR KEA_LOCKFILE_DIR=$KEA_DIR
declare -A KEA_PIDS=()

kea_cleanup() {
  local rc=$?
  for name in "${!KEA_PIDS[@]}"; do
    # SIGCONT first: a test may have frozen one with SIGSTOP.
    kill -CONT "${KEA_PIDS[$name]}" 2>/dev/null || true
    kill "${KEA_PIDS[$name]}" 2>/dev/null || true
  done
  for name in "${!KEA_PIDS[@]}"; do
    wait "${KEA_PIDS[$name]}" 2>/dev/null || true
  done
  if [ $rc -ne 0 ]; then
    for log in "$KEA_DIR"/*.log; do
      [ -f "$log" ] && { echo "--- $log (last lines)" >&2; tail -n 15 "$log" >&2; }
    done
  fi
  rm -rf "$KEA_DIR"
}
trap kea_cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

freeport() {
  "${KEA_CTL[@]}" freeport
}

# kea_hook NAME: the path of libdhcp_NAME.so
kea_hook() {
  echo "$KEA_HOOKS/libdhcp_$1.so"
}

# kea_start NAME CONFIG SOCKET: starts kea-dhcp4 and waits until SOCKET answers.
kea_start() {
  local name=$1 config=$2 sock=$3
  "$KEA_DHCP4" -c "$config" -p "$(freeport)" >"$KEA_DIR/$name.log" 2>&1 &
  KEA_PIDS[$name]=$!
  "${KEA_CTL[@]}" wait "$sock" 15 || fail "kea-dhcp4 $name did not open $sock"
}

# kea_agent_start NAME CONFIG PORT: starts kea-ctrl-agent and waits for its port.
kea_agent_start() {
  local name=$1 config=$2 port=$3 i
  "$KEA_AGENT" -c "$config" >"$KEA_DIR/$name.log" 2>&1 &
  KEA_PIDS[$name]=$!
  for i in $(seq 100); do
    if "$PYTHON" -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()" \
         "$port" 2>/dev/null; then
      return 0
    fi
    kill -0 "${KEA_PIDS[$name]}" 2>/dev/null || fail "kea-ctrl-agent $name exited"
    sleep 0.1
  done
  fail "kea-ctrl-agent $name did not listen on port $port"
}

# kea_stop NAME: stops one process started here and waits for it.
kea_stop() {
  kill "${KEA_PIDS[$1]}"
  wait "${KEA_PIDS[$1]}" 2>/dev/null || true
  unset "KEA_PIDS[$1]"
}

# kea_bg NAME CMD...: any other helper process (fake servers), stopped on exit.
kea_bg() {
  local name=$1
  shift
  "$@" >"$KEA_DIR/$name.log" 2>&1 &
  KEA_PIDS[$name]=$!
}

# kea_leases SOCKET LINES: lease4-add for each "ADDR [declined]" line.
kea_leases() {
  local list
  list=$(mktemp "$KEA_DIR/leases.XXXXXX")
  printf '%s\n' "$2" >"$list"
  "${KEA_CTL[@]}" leases "$1" "$list" || fail "lease4-add failed on $1"
}

# seq_addrs PREFIX FIRST LAST [declined]: "PREFIX.FIRST" .. "PREFIX.LAST", one a line.
seq_addrs() {
  local i
  for i in $(seq "$2" "$3"); do
    echo "$1.$i${4:+ $4}"
  done
}

# run_plugin ARGS...: sets OUT (the output) and RC (the exit code).
run_plugin() {
  set +e
  OUT=$("$CDS_PLUGIN" "$@" 2>&1)
  RC=$?
  set -e
}

# expect RC ARGS...: runs the plugin and checks the exit code.
expect() {
  local want=$1
  shift
  run_plugin "$@"
  [ "$RC" = "$want" ] || fail "check_dhcp_scope $* exited $RC, expected $want; output:
$OUT"
}

# has_line LINE: the last output holds exactly this line.
has_line() {
  grep -qxF -- "$1" <<<"$OUT" || fail "expected the line
  $1
in the output:
$OUT"
}

# first_line LINE: the last output's first line, before any perfdata, is this.
first_line() {
  local got
  got=$(head -n 1 <<<"$OUT" | sed 's/ | .*//')
  [ "$got" = "$1" ] || fail "first line
  got:  $got
  want: $1"
}

# first_line_around PREFIX SUFFIX: the first output line starts with PREFIX
# and ends with SUFFIX (what lies between is libcurl's or OpenSSL's wording).
first_line_around() {
  local got
  got=$(head -n 1 <<<"$OUT")
  [[ "$got" == "$1"*"$2" ]] || fail "first line
  got:  $got
  want: $1...$2"
}

# has_perf ITEM: the perfdata holds this item exactly (labels hold spaces:
# compare with the items' separating spaces around it).
has_perf() {
  local perf
  perf=" $(head -n 1 <<<"$OUT" | sed 's/^[^|]*| //') "
  [[ "$perf" == *" $1 "* ]] || fail "perfdata item $1 missing in:$perf"
}

# no_line_matching REGEX: no output line matches.
no_line_matching() {
  if grep -qE -- "$1" <<<"$OUT"; then
    fail "no line should match $1 in:
$OUT"
  fi
}
