#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything the tests need (Debian 12), builds the plugin natively
# with warnings as errors, and runs every test with CTest: unit tests, the
# real dhcpd-pools cross-check, real kea-dhcp4 servers, the Windows .exe
# under Wine, Nagios and Icinga 2, fault tests and valgrind. Then builds it
# again with clang, ASan and UBSan (docs/hardening.md) and runs the tests
# once more there, plus each libFuzzer target for a short bounded time.
# SANITIZE=0 skips that second pass.
# A test whose tool is missing exits 77 and CTest shows it as Skipped; here
# that fails the run, since this command installs every tool the tests use
# (ALLOW_SKIPS=1 accepts skips, for a machine where that is known).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh $(grep -v '^#' scripts/test-packages.txt)

# run_ctest BUILD_DIR [CTEST ARGS...]: the tests, and no skipped one.
run_ctest() {
  local dir=$1 log
  shift
  log=$dir/ctest-last.log
  ctest --test-dir "$dir" --output-on-failure -j"${CTEST_JOBS:-2}" "$@" 2>&1 | tee "$log"
  if grep -q '(Skipped)$' "$log" && [ "${ALLOW_SKIPS:-0}" != 1 ]; then
    echo "test.sh: tests were skipped (a tool they need is missing), which this command does not allow:" >&2
    grep '(Skipped)$' "$log" >&2
    exit 1
  fi
}

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCDS_WERROR=ON -DCDS_WITH_KEA=ON -DCDS_WITH_MSRPC=ON
cmake --build "$build" -j"$(nproc)"
run_ctest "$build"

[ "${SANITIZE:-1}" = 0 ] && exit 0
# Not again under the sanitizers: the Windows cross builds (mingw-w64 has no
# ASan), packaging and docs (they test files, not behaviour), the monitoring
# daemons' own runs, and valgrind (which cannot run ASan binaries).
nosan='^(mswin_wine|faults_mswin|msrpc_wine_compare|package_zip|package_deb|install_tree|docs_options|icinga2_.*|nagios4|valgrind)$'
asan=${ASAN_BUILD_DIR:-build-asan}
# Warnings are the gcc build's job: clang's own set must not fail this pass.
CC=clang cmake -S . -B "$asan" -DCDS_WERROR=OFF -DCDS_WITH_KEA=ON -DCDS_WITH_MSRPC=ON -DCDS_SANITIZE=ON -DCDS_FUZZ=ON
cmake --build "$asan" -j"$(nproc)"
# libcheck's 4 s per test case is too tight for instrumented code.
CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10} run_ctest "$asan" -E "$nosan"
