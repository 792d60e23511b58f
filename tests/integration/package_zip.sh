#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Windows .zip: cross-builds check_dhcp_scope.exe with mingw-w64 (its own
# build directory, no tests) and runs `cpack -G ZIP`, then checks the archive:
# the .exe, README.md, LICENSE (the repository's, the GPL 3) and the
# NSClient++ snippet side by side, the .exe a
# 64-bit PE that needs no DLL beside it (no libgcc or libwinpthread).
# Starts nothing. Usage: package_zip.sh WORK_DIR PROJECT_VERSION
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_SOURCE_DIR:?set by CTest}"
work=$1 version=$2
python=${PYTHON:-python3}
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump; do
  need "$tool" "Debian: apt-get install gcc-mingw-w64-x86-64"
done
build=$work/build
rm -rf "$work/pkg" "$work/unzipped"
mkdir -p "$work"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$CDS_SOURCE_DIR" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$CDS_SOURCE_DIR/cmake/mingw-w64-x86_64.cmake" \
    -DBUILD_TESTING=OFF >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; die "configuring the mingw-w64 build failed"; }
fi
cmake --build "$build" --target check_dhcp_scope -j2 >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log"; die "the mingw-w64 build failed"; }
cpack --config "$build/CPackConfig.cmake" -G ZIP -B "$work/pkg" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; die "cpack -G ZIP failed"; }
zip=$work/pkg/check_dhcp_scope-$version-win64.zip
[ -f "$zip" ] || { ls "$work/pkg"; die "no $zip"; }

"$python" - "$zip" "$version" "$work/unzipped" <<'PY' || die "the zip's contents"
import sys, zipfile

path, version, dest = sys.argv[1:4]
top = f"check_dhcp_scope-{version}-win64/"
want = {top + n for n in ("check_dhcp_scope.exe", "README.md", "LICENSE", "check_dhcp_scope-nsclient.ini")}
with zipfile.ZipFile(path) as z:
    names = {n for n in z.namelist() if not n.endswith("/")}
    z.extractall(dest)
missing = want - names
if missing:
    sys.exit(f"FAIL: the zip lacks {sorted(missing)}; it has {sorted(names)}")
print(f"the zip holds {', '.join(sorted(n[len(top):] for n in names))}")
PY
ok "the zip holds the .exe, README.md, LICENSE and the NSClient++ snippet"
check "the zip's LICENSE is the repository's (GPL 3), beside the .exe" \
  'cmp -s "$work/unzipped/check_dhcp_scope-$version-win64/LICENSE" "$CDS_SOURCE_DIR/LICENSE" \
   && grep -q "Version 3, 29 June 2007" "$work/unzipped/check_dhcp_scope-$version-win64/LICENSE"'
exe=$work/unzipped/check_dhcp_scope-$version-win64/check_dhcp_scope.exe
fmt=$(x86_64-w64-mingw32-objdump -f "$exe" | sed -n 's/.*file format //p')
check "the .exe is pei-x86-64 ('$fmt')" '[ "$fmt" = pei-x86-64 ]'
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/.*DLL Name: //p' | tr '\n' ' ')
echo "imports: $dlls"
check "the .exe needs no DLL that is not part of Windows" \
  '! echo "$dlls" | grep -qi "libgcc\|libwinpthread\|libjson\|libcurl"'
check "the NSClient++ snippet runs check_dhcp_scope.exe" \
  'grep -q check_dhcp_scope.exe "$work/unzipped/check_dhcp_scope-$version-win64/check_dhcp_scope-nsclient.ini"'
finish
