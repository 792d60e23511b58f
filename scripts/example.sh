#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds check_dhcp_scope and runs it on the bundled ISC dhcpd example
# (docs/examples/dhcpd.conf + dhcpd.leases, a failover primary).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh cmake gcc make libc6-dev pkg-config || exit 3
# Its own build tree without the tests (they need libcheck and more, which
# scripts/test.sh installs), so the test build never inherits BUILD_TESTING=OFF.
cmake -S . -B build-example -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null || exit 3
cmake --build build-example -j"$(nproc)" >/dev/null || exit 3
echo "\$ build-example/plugin/check_dhcp_scope --source isc --no-pidfile --config docs/examples/dhcpd.conf --leases docs/examples/dhcpd.leases -v"
build-example/plugin/check_dhcp_scope --source isc --no-pidfile --config docs/examples/dhcpd.conf \
  --leases docs/examples/dhcpd.leases -v
rc=$?
echo "(exit code $rc)"
