#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the plugin under a real Icinga 2: starts a private `icinga2 daemon`
# (checker only, no API, as the current user, all paths in a temp directory)
# with docs/icinga2/check_dhcp_scope.conf and three services on the example
# ISC files, one of them through --extra-opts. Waits until each has run, stops
# the daemon by its pid (it then dumps its state), and checks in icinga2.state
# the command line Icinga built from the dhcp_scope_* vars (set_if flags,
# repeat_key arrays, --extra-opts first), the exit status, the output and the
# perfdata items against the plugin's own output for the same arguments.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
icinga2=${ICINGA2:-icinga2}
need "$icinga2" "Debian: apt-get install icinga2-bin icinga2-common"
ex=$CDS_SOURCE_DIR/docs/examples

new_tmpdir tmp
mkdir -p "$tmp"/{data,log,cache,spool,run,plugins}
plugin=$tmp/plugins/check_dhcp_scope
ln -s "$(cd "$(dirname "$CDS_PLUGIN")" && pwd)/$(basename "$CDS_PLUGIN")" "$plugin"
cat >"$tmp/plugins.ini" <<INI
[campus]
config = $ex/dhcpd.conf
leases = $ex/dhcpd.leases
no-pidfile
scope = 10.30.0.0
warning = 20
INI

cat >"$tmp/icinga2.conf" <<CONF
const PluginDir = "$tmp/plugins"
const NodeName = "cds-test"
const ZoneName = "cds-test"
include <itl>
include <plugins>
include "$CDS_SOURCE_DIR/docs/icinga2/check_dhcp_scope.conf"

object CheckerComponent "checker" { }
object FileLogger "notice" {
	path = "$tmp/notice.log"
	severity = "notice"
}
object Host "dhcp1" {
	check_command = "dummy"
	enable_active_checks = false
}
template Service "dhcp" {
	host_name = "dhcp1"
	check_command = "dhcp_scope"
	check_interval = 2s
	retry_interval = 2s
	max_check_attempts = 1
}
object Service "ok" {
	import "dhcp"
	vars.dhcp_scope_config = "$ex/dhcpd.conf"
	vars.dhcp_scope_leases = "$ex/dhcpd.leases"
	vars.dhcp_scope_scope = [ "10.20.1.0", "10.40.0.0" ]
	vars.dhcp_scope_warning_count = 5
	vars.dhcp_scope_verbose = true
	vars.dhcp_scope_ignore_failover = false
	vars.dhcp_scope_no_pidfile = true
}
object Service "warning" {
	import "dhcp"
	vars.dhcp_scope_extra_opts = "campus@$tmp/plugins.ini"
	vars.dhcp_scope_critical = 10
}
object Service "critical" {
	import "dhcp"
	vars.dhcp_scope_config = "$ex/dhcpd.conf"
	vars.dhcp_scope_leases = "$ex/dhcpd.leases"
	vars.dhcp_scope_ignore_failover = true
	vars.dhcp_scope_max_output = 1024
	vars.dhcp_scope_timeout = 5
	vars.dhcp_scope_no_pidfile = true
	vars.dhcp_scope_per_subnet = true
}
CONF

spawn "$icinga2" daemon -c "$tmp/icinga2.conf" \
  -DDataDir="$tmp/data" -DLogDir="$tmp/log" -DCacheDir="$tmp/cache" \
  -DSpoolDir="$tmp/spool" -DInitRunDir="$tmp/run" \
  -DRunAsUser="$(id -un)" -DRunAsGroup="$(id -gn)" >"$tmp/daemon.out" 2>&1
pid=$SPAWN_PID

start=$SECONDS
while :; do
  n=$(grep -c "('$plugin'.*terminated with exit code" "$tmp/notice.log" 2>/dev/null || true)
  [ "${n:-0}" -ge 3 ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$tmp/daemon.out"; die "icinga2 exited early"
  fi
  if [ $((SECONDS - start)) -ge 60 ]; then
    tail -20 "$tmp/daemon.out"; die "icinga2 did not run the checks within 60 s"
  fi
  sleep 0.25
done
# Let the first round of results land, then stop: Icinga dumps its state.
sleep 2.5
stop_pid "$pid"
ok "icinga2 ran the checks after $((SECONDS - start)) s"

if "$python" - "$tmp/data/icinga2.state" "$plugin" "$ex" "$tmp/plugins.ini" <<'PY'; then
import json, re, subprocess, sys

state_file, plugin, ex, ini = sys.argv[1:5]
conf, leases = f"{ex}/dhcpd.conf", f"{ex}/dhcpd.leases"
cases = {
    "ok": (0, [plugin, "--config", conf, "--leases", leases, "--no-pidfile", "-W", "5",
               "-s", "10.20.1.0", "-s", "10.40.0.0", "-v"]),
    "warning": (1, [plugin, f"--extra-opts=campus@{ini}", "-c", "10"]),
    # Icinga orders the arguments by key.
    "critical": (2, [plugin, "--config", conf, "--ignore-failover", "--leases", leases,
                     "--max-output", "1024", "--no-pidfile", "--per-subnet", "-t", "5"]),
}

# icinga2.state is a sequence of netstrings "LEN:JSON,".
data, pos, objs = open(state_file, encoding="utf-8").read(), 0, {}
while pos < len(data):
    colon = data.index(":", pos)
    n = int(data[pos:colon])
    obj = json.loads(data[colon + 1:colon + 1 + n])
    objs[obj["name"]] = obj
    pos = colon + 1 + n + 1

item_re = re.compile(r"'(?:[^'=]|'')+'=[^ ]*")
fail = 0
for name, (want, command) in cases.items():
    res = (objs.get("dhcp1!" + name, {}).get("update") or {}).get("last_check_result")
    if not res:
        print(f"FAIL {name}: no check result in icinga2.state")
        fail = 1
        continue
    run = subprocess.run(command, capture_output=True, text=True)
    first, _, rest = run.stdout.partition("\n")
    text, _, perf = first.partition("|")
    # Icinga keeps the space before the '|' of the first line.
    output = (text + ("\n" + rest.rstrip("\n") if rest.strip() else "")).strip()
    checks = {
        "command": (res["command"], command),
        "exit_status": (res["exit_status"], want),
        "plugin exit": (run.returncode, want),
        "output": (res["output"].strip(), output),
        "performance_data": (res["performance_data"], item_re.findall(perf)),
    }
    bad = [k for k, (got, exp) in checks.items() if got != exp]
    for k in bad:
        print(f"FAIL {name}: {k}\n  icinga2: {checks[k][0]!r}\n  expected: {checks[k][1]!r}")
    if not res["performance_data"]:
        print(f"FAIL {name}: Icinga recorded no perfdata")
        bad.append("perfdata")
    if bad:
        fail = 1
    else:
        print(f"ok: {name}: command line, exit {want}, output and {len(res['performance_data'])} perfdata items")
sys.exit(fail)
PY
  ok "Icinga 2 recorded the command lines, states, outputs and perfdata the plugin gives"
else
  bad "Icinga 2's check results differ from the plugin's own"
fi
finish
