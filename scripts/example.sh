#!/usr/bin/env bash
# Builds check_dhcp_scope and runs it on the bundled ISC dhcpd example
# (docs/examples/dhcpd.conf + dhcpd.leases, a failover primary).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh cmake gcc make libc6-dev pkg-config || exit 3
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 3
cmake --build build -j"$(nproc)" >/dev/null || exit 3
echo "\$ build/plugin/check_dhcp_scope --source isc --config docs/examples/dhcpd.conf --leases docs/examples/dhcpd.leases -v"
build/plugin/check_dhcp_scope --source isc --config docs/examples/dhcpd.conf \
  --leases docs/examples/dhcpd.leases -v
rc=$?
echo "(exit code $rc)"
