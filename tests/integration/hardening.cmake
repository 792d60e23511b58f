# SPDX-License-Identifier: GPL-3.0-or-later
# Hardening (docs/hardening.md): fault tests, the plugin never writes, and
# valgrind memcheck. Included by CMakeLists.txt beside it, after the Kea tests
# are known. CDS_SANITIZE tells the scripts they run an ASan/UBSan build (the
# valgrind test then skips itself, slow scenarios shrink).
if(CDS_SANITIZE)
  set(cds_sanitize_env ON)
else()
  set(cds_sanitize_env OFF)
endif()
set(cds_hardening_tests faults_isc readonly valgrind)
if(cds_have_kea)
  list(APPEND cds_hardening_tests faults_kea)
endif()
foreach(t IN LISTS cds_hardening_tests)
  cds_script_test(${t} ${t}.sh)
  set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT "CDS_SANITIZE=${cds_sanitize_env}")
  set_property(TEST ${t} APPEND PROPERTY LABELS hardening)
endforeach()
set_property(TEST valgrind APPEND PROPERTY LABELS valgrind)
# faults_isc writes and reads a 2 GiB file: alone, it cannot slow the tests
# that time a watchdog (a Wine process start) into failing.
set_tests_properties(faults_isc PROPERTIES PROCESSORS 2)

# Every dhcpsapi error on every call and the hangs mswin_wine leaves, on what
# mswin_wine built and booted (so it runs after it).
if(TEST mswin_wine)
  cds_script_test(faults_mswin faults_mswin.sh ${CMAKE_CURRENT_BINARY_DIR}/mswin_wine)
  set_property(TEST faults_mswin APPEND PROPERTY LABELS hardening wine)
  set_tests_properties(faults_mswin PROPERTIES DEPENDS mswin_wine RESOURCE_LOCK cds_wine_prefix)
endif()
