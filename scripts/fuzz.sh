#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The long fuzz run (docs/hardening.md): builds the libFuzzer targets with
# clang in build-fuzz/ and runs each for SECONDS (default 600) on its corpus,
# which grows in build-fuzz/fuzz-corpus/<target>/ from run to run.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: every target the build registers,
#                                             listed in build-fuzz/tests/fuzz/fuzz-targets.txt)
# FUZZ_JOBS=2 runs two targets at once. A crash leaves its input in
# build-fuzz/fuzz-artifacts/<target>/: copy it to tests/fuzz/regressions/<target>/
# (replayed by the replay_<target> unit test), then fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=("$@")
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-1}

CC=clang cmake -S . -B "$build" -DCDS_FUZZ=ON -DCDS_WERROR=ON >/dev/null
declare -A max_len=()
while read -r t len; do
  max_len[$t]=$len
done <"$build/tests/fuzz/fuzz-targets.txt"
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cut -d' ' -f1 "$build/tests/fuzz/fuzz-targets.txt")
for t in "${targets[@]}"; do
  [ -n "${max_len[$t]:-}" ] || { echo "no fuzz target $t (see $build/tests/fuzz/fuzz-targets.txt)" >&2; exit 2; }
  cmake --build "$build" -j"$(nproc)" --target "fuzz_$t" >/dev/null
done

run_one() {
  local t=$1 corpus=$build/fuzz-corpus/$1 artifacts=$build/fuzz-artifacts/$1 log=$build/fuzz-$1.log
  local dict=tests/fuzz/$t.dict
  mkdir -p "$corpus" "$artifacts"
  cp -r "tests/fuzz/corpus/$t/." "$corpus/"
  [ -d "tests/fuzz/regressions/$t" ] && cp -r "tests/fuzz/regressions/$t/." "$corpus/"
  echo "fuzz_$t: ${seconds} s, log in $log"
  if "$build/tests/fuzz/fuzz_$t" "$corpus" -dict="$dict" -max_total_time="$seconds" -rss_limit_mb=2048 \
      -timeout=10 -max_len="${max_len[$t]}" -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz_$t: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') executions, nothing found"
  else
    echo "fuzz_$t: FOUND A PROBLEM, see $log and $artifacts/"
    return 1
  fi
}

status=0
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
