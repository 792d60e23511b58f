#!/usr/bin/env bash
# Installs everything the tests need (Debian 12), builds the plugin natively
# with warnings as errors, and runs every test with CTest: unit tests, the
# real dhcpd-pools cross-check, real kea-dhcp4 servers, the Windows .exe
# under Wine, Nagios and Icinga 2.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh $(grep -v '^#' scripts/test-packages.txt)
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCDS_WERROR=ON -DCDS_WITH_KEA=ON
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"${CTEST_JOBS:-2}"
