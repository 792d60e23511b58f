#!/usr/bin/env bash
# Builds the .deb with `cpack -G DEB` from the build tree into a temp directory
# and checks it with dpkg-deb: the plugin in usr/lib/nagios/plugins, the man
# page, the example configurations, the control fields (Depends from
# dpkg-shlibdeps, Section net, Version) and that the packaged binary runs.
# Usage: package_deb.sh BUILD_DIR PROJECT_VERSION HAVE_KEA(ON|OFF)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build=$1 version=$2 kea=$3
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
         ./usr/share/doc/check_dhcp_scope/nsclient/nsclient.ini; do
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
check "Package is check-dhcp-scope" '[ "$(dpkg-deb -f "$deb" Package)" = check-dhcp-scope ]'
check "Version is $version" '[ "$(dpkg-deb -f "$deb" Version)" = "$version" ]'
check "Section is net" '[ "$(dpkg-deb -f "$deb" Section)" = net ]'
check "Maintainer is set" '[ -n "$(dpkg-deb -f "$deb" Maintainer)" ]'

dpkg-deb -x "$deb" "$tmp/root"
"$tmp/root/usr/lib/nagios/plugins/check_dhcp_scope" --version >"$tmp/version.out" && rc=0 || rc=$?
check "the packaged plugin runs: --version exits 3 with $version" '[ "$rc" = 3 ] && grep -q "^check_dhcp_scope $version " "$tmp/version.out"'
finish
