#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates the shipped Icinga 2 configuration with the real icinga2 binary:
# `icinga2 daemon -C` (validation only; no daemon is left running) on
# docs/icinga2/check_dhcp_scope.conf and example-services.conf plus a host and
# a service that set every dhcp_scope_* var, in a private temp directory as the
# current user. Then checks that broken variants are rejected, so the test can
# fail.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_SOURCE_DIR:?set by CTest}"
icinga2=${ICINGA2:-icinga2}
need "$icinga2" "Debian: apt-get install icinga2-bin icinga2-common"

new_tmpdir tmp
mkdir -p "$tmp"/{data,log,cache,spool,run,plugins,conf}
cp "$CDS_SOURCE_DIR"/docs/icinga2/*.conf "$tmp/conf/"

cat >"$tmp/icinga2.conf" <<CONF
const PluginDir = "$tmp/plugins"
const NodeName = "cds-test"
const ZoneName = "cds-test"
include <itl>
include <plugins>
# What an installation's zones.conf declares: this node's Endpoint and Zone
# (the examples' agent zone names it as its parent).
object Endpoint NodeName {
}
object Zone ZoneName {
	endpoints = [ NodeName ]
}
include "conf/check_dhcp_scope.conf"
include "conf/example-services.conf"

object Host "dhcp-test" {
	check_command = "dummy"
}

object Service "every-var" {
	host_name = "dhcp-test"
	check_command = "dhcp_scope"
	vars.dhcp_scope_extra_opts = "kea1@/etc/icinga2/dhcp_scope.ini"
	vars.dhcp_scope_source = "kea"
	vars.dhcp_scope_warning = "20"
	vars.dhcp_scope_critical = 10
	vars.dhcp_scope_warning_count = "50:"
	vars.dhcp_scope_critical_count = "@0:0"
	vars.dhcp_scope_scope = [ "10.0.1.0", "10.0.2.0/24" ]
	vars.dhcp_scope_exclude = [ "lab" ]
	vars.dhcp_scope_min_size = 16
	vars.dhcp_scope_ignore_failover = true
	vars.dhcp_scope_config = "/etc/dhcp/dhcpd.conf"
	vars.dhcp_scope_leases = "/var/lib/dhcp/dhcpd.leases"
	vars.dhcp_scope_conf_dir = "/etc/dnsmasq.d,.dpkg-dist,.dpkg-old,.dpkg-new"
	vars.dhcp_scope_pidfile = "/run/dnsmasq/dnsmasq.pid"
	vars.dhcp_scope_no_pidfile = false
	vars.dhcp_scope_socket = "/run/kea/kea4-ctrl-socket"
	vars.dhcp_scope_url = "https://kea1.example.net:8000/"
	vars.dhcp_scope_credentials = "/etc/icinga2/kea.pass"
	vars.dhcp_scope_cacert = "/etc/ssl/certs/ca-certificates.crt"
	vars.dhcp_scope_cert = "/etc/icinga2/client.pem"
	vars.dhcp_scope_key = "/etc/icinga2/client.key"
	vars.dhcp_scope_hostname = "windhcp1"
	vars.dhcp_scope_include_disabled = false
	vars.dhcp_scope_server_share = true
	vars.dhcp_scope_max_output = 1024
	vars.dhcp_scope_timeout = 20
	vars.dhcp_scope_verbose = true
}
CONF

validate() {
  "$icinga2" daemon -C -c "$1" \
    -DDataDir="$tmp/data" -DLogDir="$tmp/log" -DCacheDir="$tmp/cache" \
    -DSpoolDir="$tmp/spool" -DInitRunDir="$tmp/run" \
    -DRunAsUser="$(id -un)" -DRunAsGroup="$(id -gn)" >"$tmp/out.txt" 2>&1
}

if validate "$tmp/icinga2.conf"; then
  # 7 applied example services (the agent and the agentless Windows ones
  # among them) + every-var.
  if grep -q "Instantiated 8 Services" "$tmp/out.txt"; then
    ok "the shipped CheckCommand and examples pass icinga2 daemon -C"
  else
    bad "expected 8 services:"; cat "$tmp/out.txt"
  fi
else
  bad "icinga2 daemon -C rejected the shipped configuration:"; cat "$tmp/out.txt"
fi

# Each broken variant must be rejected with the expected complaint.
broken() {
  local name=$1 needle=$2
  if validate "$tmp/$name.conf"; then
    bad "icinga2 daemon -C accepted the broken variant '$name'"
  elif ! grep -q -- "$needle" "$tmp/out.txt"; then
    bad "variant '$name' failed without '$needle':"; cat "$tmp/out.txt"
  else
    ok "broken variant '$name' is rejected"
  fi
}
sed 's/check_command = "dhcp_scope"$/check_command = "dhcp_scope_typo"/' "$tmp/icinga2.conf" >"$tmp/unknown-command.conf"
broken unknown-command "dhcp_scope_typo"
sed '$d' "$tmp/conf/check_dhcp_scope.conf" >"$tmp/conf/truncated.conf"
sed 's|conf/check_dhcp_scope.conf|conf/truncated.conf|' "$tmp/icinga2.conf" >"$tmp/syntax.conf"
broken syntax "syntax error"
# The ITL's own "dhcp" command must stay untouched: a second definition clashes.
sed 's/object CheckCommand "dhcp_scope" {/object CheckCommand "dhcp" {/' "$tmp/conf/check_dhcp_scope.conf" >"$tmp/conf/dhcp.conf"
sed 's|conf/check_dhcp_scope.conf|conf/dhcp.conf|' "$tmp/icinga2.conf" >"$tmp/itl-clash.conf"
broken itl-clash "re-defined"
finish
