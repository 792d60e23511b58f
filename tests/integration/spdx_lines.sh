#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source, build and script file names its licence in an SPDX line
# (GPL-3.0-or-later, LICENSE), and LICENSE is the GPL version 3. Starts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_SOURCE_DIR:?set by CTest}"
cd "$CDS_SOURCE_DIR"

check "LICENSE is the GNU GPL version 3" 'grep -q "GNU GENERAL PUBLIC LICENSE" LICENSE && grep -q "Version 3, 29 June 2007" LICENSE'
n=0
missing=()
while IFS= read -r -d '' f; do
  n=$((n + 1))
  head -n 3 "$f" | grep -q "SPDX-License-Identifier: GPL-3.0-or-later" || missing+=("$f")
done < <(find CMakeLists.txt .ci cmake plugin thresholds tests bench scripts -type f \
  \( -name '*.c' -o -name '*.h' -o -name '*.h.in' -o -name '*.sh' -o -name '*.py' -o -name '*.cmake' \
     -o -name CMakeLists.txt -o -path '.ci/run' \) -not -path '*/corpus/*' -not -path '*/regressions/*' -print0)
check "$n files read" '[ "$n" -gt 150 ]'
if [ ${#missing[@]} -eq 0 ]; then
  ok "every one of the $n source, build and script files has an SPDX line for GPL-3.0-or-later"
else
  bad "no SPDX line in the first three lines of: ${missing[*]}"
fi
finish
