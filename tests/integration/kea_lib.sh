# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the kea_*.sh integration tests: starts throwaway kea-dhcp4 and
# kea-ctrl-agent processes in a temporary directory (no DHCP interface is
# bound: "interfaces": []), runs the plugin and compares its output with what
# the test expects. Every check that fails ends the test (die, lib.sh);
# everything started is stopped by pid at exit, and on a failure the last
# lines of each Kea log are shown.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${CDS_PLUGIN:?set CDS_PLUGIN to the built check_dhcp_scope}"
: "${CDS_SOURCE_DIR:?set CDS_SOURCE_DIR to the source tree}"
PYTHON=${PYTHON:-python3}
KEA_CTL=("$PYTHON" "$CDS_SOURCE_DIR/tests/integration/kea_ctl.py")

# Debian installs the daemons in /usr/sbin, which a non-root PATH may lack.
PATH=$PATH:/usr/sbin:/sbin
need kea-dhcp4 "Debian: apt-get install kea-dhcp4-server"
KEA_DHCP4=$(command -v kea-dhcp4)
KEA_AGENT=$(command -v kea-ctrl-agent || true)
KEA_HOOKS=$(dirname "$(ls /usr/lib/*/kea/hooks/libdhcp_lease_cmds.so /usr/lib/kea/hooks/libdhcp_lease_cmds.so \
  2>/dev/null | head -n 1)" 2>/dev/null || true)
[ -f "$KEA_HOOKS/libdhcp_lease_cmds.so" ] \
  || skip_test "Kea's hook libraries are not installed (Debian: apt-get install kea-common)"

# Unix socket paths are limited to 107 bytes: keep the directory short.
new_tmpdir KEA_DIR /tmp/cds-kea.XXXXXX
export KEA_PIDFILE_DIR=$KEA_DIR KEA_LOCKFILE_DIR=$KEA_DIR
declare -A KEA_PIDS=()

# At exit, after a failure, before the directory goes: the logs' last lines.
kea_show_logs() {
  local log
  [ "$LIB_RC" != 0 ] && [ "$LIB_RC" != 77 ] || [ "$LIB_FAILED" -gt 0 ] || return 0
  for log in "$KEA_DIR"/*.log; do
    [ -f "$log" ] && { echo "--- $log (last lines)" >&2; tail -n 15 "$log" >&2; }
  done
  return 0
}
on_exit kea_show_logs

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
  spawn "$KEA_DHCP4" -c "$config" -p "$(freeport)" >"$KEA_DIR/$name.log" 2>&1
  KEA_PIDS[$name]=$SPAWN_PID
  "${KEA_CTL[@]}" wait "$sock" 15 || die "kea-dhcp4 $name did not open $sock"
}

# kea_agent_start NAME CONFIG PORT: starts kea-ctrl-agent and waits for its port.
kea_agent_start() {
  local name=$1 config=$2 port=$3 i
  spawn "$KEA_AGENT" -c "$config" >"$KEA_DIR/$name.log" 2>&1
  KEA_PIDS[$name]=$SPAWN_PID
  for i in $(seq 100); do
    if "$PYTHON" -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()" \
         "$port" 2>/dev/null; then
      return 0
    fi
    kill -0 "${KEA_PIDS[$name]}" 2>/dev/null || die "kea-ctrl-agent $name exited"
    sleep 0.1
  done
  die "kea-ctrl-agent $name did not listen on port $port"
}

# kea_stop NAME: stops one process started here and waits for it.
kea_stop() {
  stop_pid "${KEA_PIDS[$1]}"
  unset "KEA_PIDS[$1]"
}

# kea_bg NAME CMD...: any other helper process (fake servers), stopped on exit.
kea_bg() {
  local name=$1
  shift
  spawn "$@" >"$KEA_DIR/$name.log" 2>&1
  KEA_PIDS[$name]=$SPAWN_PID
}

# kea_leases SOCKET LINES: lease4-add for each "ADDR [declined]" line.
kea_leases() {
  local list
  list=$(mktemp "$KEA_DIR/leases.XXXXXX")
  printf '%s\n' "$2" >"$list"
  "${KEA_CTL[@]}" leases "$1" "$list" || die "lease4-add failed on $1"
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
  [ "$RC" = "$want" ] || die "check_dhcp_scope $* exited $RC, expected $want; output:
$OUT"
}

# has_line LINE: the last output holds exactly this line.
has_line() {
  grep -qxF -- "$1" <<<"$OUT" || die "expected the line
  $1
in the output:
$OUT"
}

# first_line LINE: the last output's first line, before any perfdata, is this.
first_line() {
  local got
  got=$(head -n 1 <<<"$OUT" | sed 's/ | .*//')
  [ "$got" = "$1" ] || die "first line
  got:  $got
  want: $1"
}

# first_line_around PREFIX SUFFIX: the first output line starts with PREFIX
# and ends with SUFFIX (what lies between is libcurl's or OpenSSL's wording).
first_line_around() {
  local got
  got=$(head -n 1 <<<"$OUT")
  [[ "$got" == "$1"*"$2" ]] || die "first line
  got:  $got
  want: $1...$2"
}

# has_perf ITEM: the perfdata holds this item exactly (labels hold spaces:
# compare with the items' separating spaces around it).
has_perf() {
  local perf
  perf=" $(head -n 1 <<<"$OUT" | sed 's/^[^|]*| //') "
  [[ "$perf" == *" $1 "* ]] || die "perfdata item $1 missing in:$perf"
}

# no_line_matching REGEX: no output line matches.
no_line_matching() {
  if grep -qE -- "$1" <<<"$OUT"; then
    die "no line should match $1 in:
$OUT"
  fi
}
