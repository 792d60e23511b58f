#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a bounded time on a scratch copy of its inputs
# (the checked-in corpus is never written to).
#   run_fuzz.sh FUZZ_BINARY SECONDS MAX_LEN ARTIFACT_DIR INPUT_DIR...
# A crash leaves its input in ARTIFACT_DIR; save it under
# tests/fuzz/regressions/<target>/ and fix the bug.
set -euo pipefail
bin=$1 seconds=$2 max_len=$3 artifacts=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$artifacts"
for d in "$@"; do
  [ -d "$d" ] && cp -r "$d"/. "$work/corpus/"
done
dict=$(dirname "$0")/$(basename "$bin" | sed 's/^fuzz_//').dict
dictopt=()
[ -f "$dict" ] && dictopt=(-dict="$dict")
# -timeout: one input taking 10 s is a hang worth a report.
# -error_exitcode: libFuzzer's own default, 77, is CTest's SKIP_RETURN_CODE
# here, which would turn a leak it found into a skipped test.
"$bin" "$work/corpus" "${dictopt[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -error_exitcode=1 -max_len="$max_len" -artifact_prefix="$artifacts/" -print_final_stats=1
