# SPDX-License-Identifier: GPL-3.0-or-later
# Cross-compiles check_dhcp_scope.exe for 64-bit Windows with Debian's
# gcc-mingw-w64-x86-64:
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake
# The .exe must run from an NSClient++ scripts folder with nothing beside it,
# so libgcc is linked statically (the win32 thread model needs no
# libwinpthread), and mingw's own C99 printf is used: msvcrt's printf knows
# neither %zu nor %llu on older Windows.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CDS_MINGW_PREFIX x86_64-w64-mingw32 CACHE STRING "mingw-w64 tool prefix")
set(CMAKE_C_COMPILER ${CDS_MINGW_PREFIX}-gcc)
set(CMAKE_RC_COMPILER ${CDS_MINGW_PREFIX}-windres)
set(CMAKE_OBJDUMP ${CDS_MINGW_PREFIX}-objdump CACHE FILEPATH "objdump for PE files")

set(CMAKE_FIND_ROOT_PATH /usr/${CDS_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1 -D_WIN32_WINNT=0x0601")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")

# pkg-config must never hand the host's Linux libraries to this build.
set(ENV{PKG_CONFIG_LIBDIR} /usr/${CDS_MINGW_PREFIX}/lib/pkgconfig)
