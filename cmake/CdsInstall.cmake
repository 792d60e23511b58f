# SPDX-License-Identifier: GPL-3.0-or-later
# Installation and packages: `cmake --install` puts the plugin where plugins
# live, with its man page and the example configurations; CPack makes a .deb
# (Linux) or a .zip (the mingw build). Included by the top-level CMakeLists.txt.

include(GNUInstallDirs)

# Debian and the Monitoring Plugins keep plugins in /usr/lib/nagios/plugins,
# not in the multiarch library directory, so this is not CMAKE_INSTALL_LIBDIR.
set(CDS_PLUGINDIR "lib/nagios/plugins" CACHE STRING
  "Where the plugin is installed, relative to the prefix (or absolute)")
set(CDS_PACKAGE_MAINTAINER "check_dhcp_scope maintainers <check-dhcp-scope@localhost>" CACHE STRING
  "The Maintainer field of the .deb")

# The manual carries the version of project(), like --version.
string(TIMESTAMP CDS_MAN_DATE "%Y-%m-%d" UTC)
configure_file(${PROJECT_SOURCE_DIR}/docs/check_dhcp_scope.1.in
  ${PROJECT_BINARY_DIR}/docs/check_dhcp_scope.1 @ONLY)

if(WIN32)
  # A .zip to unpack into NSClient++'s scripts folder: everything at the top.
  install(TARGETS check_dhcp_scope RUNTIME DESTINATION .)
  install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION .)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/nsclient/nsclient.ini DESTINATION .
    RENAME check_dhcp_scope-nsclient.ini)
  if(EXISTS ${PROJECT_SOURCE_DIR}/docs/nsclient.md)
    install(FILES ${PROJECT_SOURCE_DIR}/docs/nsclient.md DESTINATION .)
  endif()
else()
  install(TARGETS check_dhcp_scope RUNTIME DESTINATION ${CDS_PLUGINDIR})
  # The mswin source's RPC module: the plugin loads it from its own folder.
  if(TARGET cds_msrpc)
    install(TARGETS cds_msrpc LIBRARY DESTINATION ${CDS_PLUGINDIR})
  endif()
  install(FILES ${PROJECT_BINARY_DIR}/docs/check_dhcp_scope.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
  # Debian policy puts the licence at /usr/share/doc/PACKAGE/copyright, in
  # the machine-readable format; the package name has a '-' where the
  # documentation directory (the project's name) has a '_'.
  configure_file(${PROJECT_SOURCE_DIR}/cmake/debian-copyright.in ${PROJECT_BINARY_DIR}/copyright @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/check-dhcp-scope)
  foreach(dir icinga2 nagios nsclient examples)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/${dir} DESTINATION ${CMAKE_INSTALL_DOCDIR})
  endforeach()
  if(EXISTS ${PROJECT_SOURCE_DIR}/docs/nsclient.md)
    install(FILES ${PROJECT_SOURCE_DIR}/docs/nsclient.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
  endif()
  install(FILES ${PROJECT_SOURCE_DIR}/docs/windows-rpc.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

set(CPACK_PACKAGE_NAME check-dhcp-scope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "A Monitoring Plugin that reports DHCPv4 scopes running out of free
addresses and unhealthy failover or HA partnerships, for ISC dhcpd (lease
files), ISC Kea (control socket or Control Agent) and the Windows DHCP
Server. Icinga 2, Nagios and NSClient++ configuration examples are in
/usr/share/doc/check_dhcp_scope.")
set(CPACK_PACKAGE_CONTACT "${CDS_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VENDOR "check_dhcp_scope")
set(CPACK_STRIP_FILES ON)
if(WIN32)
  set(CPACK_GENERATOR ZIP)
  set(CPACK_PACKAGE_FILE_NAME "check_dhcp_scope-${PROJECT_VERSION}-win64")
else()
  set(CPACK_GENERATOR DEB)
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION net)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CDS_PACKAGE_MAINTAINER}")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "icinga2 | nagios4")
  # dpkg-shlibdeps (dpkg-dev) derives Depends from the libraries the binary
  # links; without it, name them.
  find_program(CDS_DPKG_SHLIBDEPS dpkg-shlibdeps)
  get_property(cds_kea GLOBAL PROPERTY CDS_HAVE_KEA)
  if(CDS_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # The Kea source loads libcurl only for --url (dlopen): shlibdeps cannot see it.
    if(cds_kea)
      set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.62.0)")
    endif()
  elseif(cds_kea)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34), libjson-c5 (>= 0.15), libcurl4 (>= 7.16.2)")
  else()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34)")
  endif()
endif()
include(CPack)
