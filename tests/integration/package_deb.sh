#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb with `cpack -G DEB` from the build tree into a temp directory
# and checks it with dpkg-deb: the plugin in usr/lib/nagios/plugins, the man
# page, the example configurations, the control fields (Depends from
# dpkg-shlibdeps, Section net, Version), the licence (a machine-readable
# /usr/share/doc/check-dhcp-scope/copyright naming GPL-3.0-or-later, and
# LICENSE holding the full GPL 3 text) and that the packaged binary runs.
# With the RPC client: its module beside the plugin, which the packaged plugin
# loads, and Depends naming Samba's libraries.
# Usage: package_deb.sh BUILD_DIR PROJECT_VERSION HAVE_KEA(ON|OFF) HAVE_MSRPC(ON|OFF)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
build=$1 version=$2 kea=$3 msrpc=${4:-OFF}
need dpkg-deb "Debian: apt-get install dpkg"
new_tmpdir tmp

if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log"; die "cpack -G DEB failed"
fi
deb=$(find "$tmp/out" -maxdepth 1 -name '*.deb' | head -n1)
[ -n "$deb" ] || die "cpack made no .deb"
ok "cpack made a .deb"
echo "package: $(basename "$deb")"

dpkg-deb -c "$deb" | awk '{print $NF}' >"$tmp/contents"
for f in ./usr/lib/nagios/plugins/check_dhcp_scope ./usr/share/man/man1/check_dhcp_scope.1 \
         ./usr/share/doc/check_dhcp_scope/icinga2/check_dhcp_scope.conf \
         ./usr/share/doc/check_dhcp_scope/nagios/commands.cfg \
         ./usr/share/doc/check_dhcp_scope/nsclient/nsclient.ini \
         ./usr/share/doc/check-dhcp-scope/copyright; do
  check "contains $f" 'grep -qx -- "$f" "$tmp/contents"'
done
check "nothing outside /usr" '! grep -v "^\./usr/\|^\./$\|^\./usr$" "$tmp/contents" | grep -q .'
check "the plugin is mode 0755" \
  'dpkg-deb -c "$deb" | grep " ./usr/lib/nagios/plugins/check_dhcp_scope\$" | grep -q "^-rwxr-xr-x"'

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
check "Depends names libc6" '[[ $depends == *libc6* ]]'
if [ "$kea" = ON ]; then
  check "Depends names json-c (Kea source)" '[[ $depends == *libjson-c* ]]'
  check "Depends names libcurl (Kea source)" '[[ $depends == *libcurl* ]]'
fi
if [ "$msrpc" = ON ]; then
  check "contains the RPC module" 'grep -qx -- ./usr/lib/nagios/plugins/check_dhcp_scope-msrpc.so "$tmp/contents"'
  check "Depends names Samba's libraries (the RPC module)" '[[ $depends == *samba* ]]'
fi
check "Package is check-dhcp-scope" '[ "$(dpkg-deb -f "$deb" Package)" = check-dhcp-scope ]'
check "Version is $version" '[ "$(dpkg-deb -f "$deb" Version)" = "$version" ]'
check "Section is net" '[ "$(dpkg-deb -f "$deb" Section)" = net ]'
check "Maintainer is set" '[ -n "$(dpkg-deb -f "$deb" Maintainer)" ]'

check "the copyright file is mode 0644" \
  'dpkg-deb -c "$deb" | grep " ./usr/share/doc/check-dhcp-scope/copyright\$" | grep -q "^-rw-r--r--"'

dpkg-deb -x "$deb" "$tmp/root"
# Debian's machine-readable copyright format (copyright-format 1.0):
# paragraphs of "Field: value" lines, continuation lines start with a space.
if "$python" - "$tmp/root/usr/share/doc/check-dhcp-scope/copyright" <<'PY'; then
import sys

text = open(sys.argv[1], encoding="utf-8").read()
paras = []
for block in text.strip("\n").split("\n\n"):
    fields, last = {}, None
    for line in block.split("\n"):
        if line.startswith((" ", "\t")) and last:
            fields[last] += "\n" + line.strip()
        else:
            name, sep, value = line.partition(":")
            if not sep or not name or " " in name:
                sys.exit(f"not a field line: {line!r}")
            last = name.lower()
            fields[last] = value.strip()
    paras.append(fields)
head, rest = paras[0], paras[1:]
problems = []
if head.get("format") != "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/":
    problems.append(f"Format is {head.get('format')!r}")
if head.get("upstream-name") != "check_dhcp_scope":
    problems.append(f"Upstream-Name is {head.get('upstream-name')!r}")
files = [p for p in rest if "files" in p]
if not any(p["files"].split() == ["*"] and p.get("copyright") and p.get("license") == "GPL-3.0-or-later"
           for p in files):
    problems.append("no 'Files: *' paragraph with a Copyright and License: GPL-3.0-or-later")
for p in files:
    if p.get("license", "").split("\n")[0] != "GPL-3.0-or-later":
        problems.append(f"Files: {p['files']} has License {p.get('license')!r}")
texts = [p["license"] for p in rest if "files" not in p and "license" in p]
if not any(t.startswith("GPL-3.0-or-later\n") and "either version 3 of the License, or" in t
           and "/usr/share/common-licenses/GPL-3" in t for t in texts):
    problems.append("no stand-alone License: GPL-3.0-or-later paragraph with the notice")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
  ok "/usr/share/doc/check-dhcp-scope/copyright is machine-readable and names GPL-3.0-or-later"
else
  bad "/usr/share/doc/check-dhcp-scope/copyright"
fi
check "LICENSE is the full GNU GPL version 3 text" \
  'grep -q "^ *GNU GENERAL PUBLIC LICENSE$" "$CDS_SOURCE_DIR/LICENSE" && grep -q "Version 3, 29 June 2007" "$CDS_SOURCE_DIR/LICENSE" \
   && { [ ! -f /usr/share/common-licenses/GPL-3 ] || cmp -s "$CDS_SOURCE_DIR/LICENSE" /usr/share/common-licenses/GPL-3; }'
"$tmp/root/usr/lib/nagios/plugins/check_dhcp_scope" --version >"$tmp/version.out" && rc=0 || rc=$?
check "the packaged plugin runs: --version exits 3 with $version" '[ "$rc" = 3 ] && grep -q "^check_dhcp_scope $version " "$tmp/version.out"'
if [ "$msrpc" = ON ]; then
  # The -H sentence comes from inside the module: the plugin found and loaded it.
  "$tmp/root/usr/lib/nagios/plugins/check_dhcp_scope" --source mswin >"$tmp/mswin.out" && rc=0 || rc=$?
  check "the packaged plugin loads its RPC module (exit $rc)" \
    '[ "$rc" = 3 ] && grep -q "^DHCP SCOPE UNKNOWN - --source mswin needs -H SERVER here" "$tmp/mswin.out"'
fi
finish
