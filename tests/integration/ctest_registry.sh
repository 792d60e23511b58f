#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every test CTest knows in this build has SKIP_RETURN_CODE 77, so that a
# test whose tool is missing (lib.sh's need) shows as Skipped, never as
# Passed or Failed, and every script test runs through lib.sh. Reads
# `ctest --show-only=json-v1`; starts nothing.
# Usage: ctest_registry.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
build=${1:?usage: ctest_registry.sh BUILD_DIR}
new_tmpdir tmp

ctest --test-dir "$build" --show-only=json-v1 >"$tmp/tests.json" || die "ctest --show-only=json-v1 failed"
if "$python" - "$tmp/tests.json" "$CDS_SOURCE_DIR/tests/integration" <<'PY'; then
import json, os, sys

tests = json.load(open(sys.argv[1]))["tests"]
here = sys.argv[2]
fail = 0
for t in tests:
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    if props.get("SKIP_RETURN_CODE") != 77:
        print(f"FAIL: {t['name']} has SKIP_RETURN_CODE {props.get('SKIP_RETURN_CODE')!r}, not 77")
        fail = 1
    # A script test must report through lib.sh (or a library that sources it).
    for arg in t.get("command", [])[1:2]:
        if arg.startswith(here + "/") and arg.endswith(".sh"):
            text = open(arg).read()
            if not any(f'/{lib}"' in text for lib in ("lib.sh", "hardening_lib.sh", "kea_lib.sh")):
                print(f"FAIL: {t['name']}: {os.path.basename(arg)} does not source lib.sh")
                fail = 1
print(f"{len(tests)} tests registered")
sys.exit(fail)
PY
  ok "every registered test has SKIP_RETURN_CODE 77 and every script test sources lib.sh"
else
  bad "the CTest registry"
fi
finish
