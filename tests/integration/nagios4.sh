#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the plugin under a real Nagios 4 (Debian's nagios4-core): starts a
# private nagios4 instance in a temp directory, as the current user, with
# docs/nagios/commands.cfg and three services on the example ISC files
# (docs/examples) chosen to be OK, WARNING and CRITICAL. Waits until Nagios
# has checked them and compares the state, plugin output, long output and
# perfdata Nagios recorded in status.dat with the plugin's own output for
# the same arguments. Also pre-flights docs/nagios/services.cfg. Stops nagios4
# by its pid.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
nagios=${NAGIOS4:-$(command -v nagios4 || command -v nagios || echo nagios4)}
need "$nagios" "Debian: apt-get install nagios4-core"
examples=$CDS_SOURCE_DIR/docs/examples
for f in dhcpd.conf dhcpd.leases; do
  [ -r "$examples/$f" ] || die "$examples/$f is missing"
done

new_tmpdir tmp
mkdir -p "$tmp"/{plugins,objects,checkresults,archives}
ln -s "$(cd "$(dirname "$CDS_PLUGIN")" && pwd)/$(basename "$CDS_PLUGIN")" "$tmp/plugins/check_dhcp_scope"
cp "$CDS_SOURCE_DIR/docs/nagios/commands.cfg" "$tmp/objects/"
echo "\$USER1\$=$tmp/plugins" >"$tmp/resource.cfg"

# name|expected state|options after --config/--leases|perfdata Nagios must hold
# (the example: 10.40.0.0 has 8 of 10 free, 10.30.0.0 3 of 20, 10.20.0.0 1 of 20)
# (copied files: --no-pidfile; 10.20.0.0 alone is critical, its shared-network
# as one pool is not: --per-subnet)
services=(
  "dhcp-ok|0|--no-pidfile -s 10.20.1.0 -s 10.40.0.0 -v|'10.40.0.0 free'=80%;20;10;0;100 '10.40.0.0 used'=2;;;0;10"
  "dhcp-warning|1|--no-pidfile -s 10.30.0.0 -w 20 -c 10 -W 5 -C 1|'10.30.0.0 free count'=3;5;1;0;20"
  "dhcp-critical|2|--no-pidfile --per-subnet|'10.20.0.0 free'=5%;20;10;0;100"
)

cat >"$tmp/objects/test.cfg" <<CFG
define timeperiod {
    timeperiod_name 24x7
    alias           always
    sunday          00:00-24:00
    monday          00:00-24:00
    tuesday         00:00-24:00
    wednesday       00:00-24:00
    thursday        00:00-24:00
    friday          00:00-24:00
    saturday        00:00-24:00
}
define command {
    command_name    notify-none
    command_line    /bin/true
}
define contact {
    contact_name                    nobody
    host_notifications_enabled      0
    service_notifications_enabled   0
    host_notification_period        24x7
    service_notification_period     24x7
    host_notification_options       n
    service_notification_options    n
    host_notification_commands      notify-none
    service_notification_commands   notify-none
}
define host {
    host_name               dhcp1
    address                 127.0.0.1
    max_check_attempts      1
    check_period            24x7
    active_checks_enabled   0
    contacts                nobody
    notification_period     24x7
    notification_interval   0
}
CFG
for s in "${services[@]}"; do
  IFS='|' read -r name _ args _ <<<"$s"
  cat >>"$tmp/objects/test.cfg" <<CFG
define service {
    host_name               dhcp1
    service_description     $name
    check_command           check_dhcp_scope_isc!$examples/dhcpd.conf!$examples/dhcpd.leases!$args
    max_check_attempts      1
    check_interval          3600
    retry_interval          3600
    check_period            24x7
    contacts                nobody
    notification_period     24x7
    notification_interval   0
}
CFG
done

# interval_length=1 and no inter-check delay: every service is due at start.
cat >"$tmp/nagios.cfg" <<CFG
log_file=$tmp/nagios.log
cfg_dir=$tmp/objects
object_cache_file=$tmp/objects.cache
precached_object_file=$tmp/objects.precache
resource_file=$tmp/resource.cfg
status_file=$tmp/status.dat
status_update_interval=1
nagios_user=$(id -un)
nagios_group=$(id -gn)
check_external_commands=0
command_file=$tmp/nagios.cmd
query_socket=$tmp/nagios.qh
lock_file=$tmp/nagios.lock
temp_file=$tmp/nagios.tmp
temp_path=$tmp
log_archive_path=$tmp/archives
log_rotation_method=n
check_result_path=$tmp/checkresults
check_result_reaper_frequency=1
retain_state_information=0
use_retained_scheduling_info=0
use_syslog=0
interval_length=1
service_inter_check_delay_method=n
host_inter_check_delay_method=n
max_service_check_spread=1
max_host_check_spread=1
execute_host_checks=0
enable_notifications=0
enable_flap_detection=0
process_performance_data=0
enable_environment_macros=0
debug_level=0
debug_file=$tmp/nagios.debug
illegal_object_name_chars=\`~!\$%^&*|'"<>?,()=
CFG

# Pre-flight: the test configuration, and the shipped services.cfg with stubs
# for the host names and the template it uses.
if ! "$nagios" -v "$tmp/nagios.cfg" >"$tmp/verify.txt" 2>&1; then
  cat "$tmp/verify.txt"; die "nagios4 -v rejected the test configuration"
fi
mkdir -p "$tmp/docs-check"
cp "$CDS_SOURCE_DIR/docs/nagios/commands.cfg" "$CDS_SOURCE_DIR/docs/nagios/services.cfg" "$tmp/docs-check/"
sed -n '/^define timeperiod/,/^}/p;/^define command/,/^}/p;/^define contact/,/^}/p' "$tmp/objects/test.cfg" >"$tmp/docs-check/stubs.cfg"
cat >>"$tmp/docs-check/stubs.cfg" <<CFG
define service {
    name                    generic-service
    max_check_attempts      3
    check_interval          5
    retry_interval          1
    check_period            24x7
    contacts                nobody
    notification_period     24x7
    notification_interval   0
    register                0
}
CFG
for h in dhcp1 kea1 windhcp1 pihole1 router1; do
  printf 'define host {\n    host_name %s\n    address 127.0.0.1\n    max_check_attempts 1\n    check_period 24x7\n    contacts nobody\n    notification_period 24x7\n    notification_interval 0\n}\n' "$h" >>"$tmp/docs-check/stubs.cfg"
done
sed "s|^cfg_dir=.*|cfg_dir=$tmp/docs-check|" "$tmp/nagios.cfg" >"$tmp/docs-check.cfg"
if ! "$nagios" -v "$tmp/docs-check.cfg" >"$tmp/verify-docs.txt" 2>&1; then
  cat "$tmp/verify-docs.txt"; die "nagios4 -v rejected docs/nagios/commands.cfg + services.cfg"
fi
grep -q "Checked 6 services" "$tmp/verify-docs.txt" \
  || { cat "$tmp/verify-docs.txt"; die "expected 6 services in docs/nagios/services.cfg"; }
ok "nagios4 -v accepts the test configuration and docs/nagios/*.cfg"

spawn "$nagios" "$tmp/nagios.cfg" >"$tmp/nagios.out" 2>&1
pid=$SPAWN_PID

# Wait (up to 60 s) until status.dat shows every service checked.
start=$SECONDS
while :; do
  if [ -f "$tmp/status.dat" ] && [ "$(grep -c 'has_been_checked=1' "$tmp/status.dat" || true)" -ge ${#services[@]} ]; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$tmp/nagios.out" "$tmp/nagios.log" 2>/dev/null || true; die "nagios4 exited early"
  fi
  if [ $((SECONDS - start)) -ge 60 ]; then
    cat "$tmp/nagios.log" || true; die "nagios4 did not check the services within 60 s"
  fi
  sleep 0.5
done
# One more status update so the file is complete; Nagios removes it when it
# stops, so keep a copy (it is written to a temp file and renamed: no tearing).
sleep 1.5
cp "$tmp/status.dat" "$tmp/status.copy"
stop_pid "$pid"
ok "nagios4 checked the services after $((SECONDS - start)) s"

for s in "${services[@]}"; do
  IFS='|' read -r name want args needle <<<"$s"
  # shellcheck disable=SC2086
  "$CDS_PLUGIN" --source isc --config "$examples/dhcpd.conf" --leases "$examples/dhcpd.leases" $args \
    >"$tmp/$name.direct" && rc=0 || rc=$?
  if "$python" - "$tmp/status.copy" "$name" "$want" "$rc" "$tmp/$name.direct" "$needle" <<'PY'
import sys

status, name, want, rc, direct, needle = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]

blocks, cur = [], None
for line in open(status, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if line.endswith("{"):
        cur = {"_type": line[:-1].strip()}
    elif line.strip() == "}":
        blocks.append(cur)
        cur = None
    elif cur is not None and "=" in line:
        k, v = line.strip().split("=", 1)
        cur[k] = v
svc = [b for b in blocks if b["_type"] == "servicestatus" and b.get("service_description") == name]
if len(svc) != 1:
    sys.exit(f"FAIL {name}: not in status.dat")
svc = svc[0]

text = open(direct, encoding="utf-8").read()
first, _, rest = text.partition("\n")
output, _, perf = first.partition("|")
long_output = rest.rstrip("\n")
# Nagios 4 turns every ';' of the plugin output (not of the perfdata) into
# ':' (base/checks.c), so the plugin prints none: Nagios must show the very
# text the plugin printed. status.dat escapes the newlines of the long output.
expect = {
    "current_state": str(want),
    "plugin_output": output.strip(),
    "performance_data": perf.strip(),
    "long_plugin_output": long_output.replace("\\", "\\\\").replace("\n", "\\n"),
}
bad = 0
if ";" in output or ";" in long_output:
    print(f"FAIL {name}: the plugin output holds a ';', which Nagios would rewrite")
    bad = 1
if rc != want:
    print(f"FAIL {name}: the plugin itself exited {rc}, expected {want}")
    bad = 1
for k, v in expect.items():
    if svc.get(k) != v:
        print(f"FAIL {name}: {k}\n  nagios: {svc.get(k)!r}\n  plugin: {v!r}")
        bad = 1
if needle not in svc.get("performance_data", ""):
    print(f"FAIL {name}: Nagios's perfdata lacks {needle!r}")
    bad = 1
if not bad:
    print(f"ok: {name}: state {want}, output, long output and perfdata as the plugin printed them")
sys.exit(bad)
PY
  then
    ok "$name: Nagios recorded what the plugin printed"
  else
    bad "$name: Nagios's record differs from the plugin's output"
  fi
done
finish
