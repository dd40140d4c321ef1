# Cross-compile for Windows i686 with MinGW-w64. Runtime tests need a 32-bit
# Wine (Debian: wine32:i386); without one the emulator is a script that
# prints why and exits 77, which CTest reports as skipped.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(CMAKE_C_COMPILER i686-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER i686-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/i686-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
find_program(CONNOTIFY_WINE NAMES wine wine64)
find_program(CONNOTIFY_WINE32_LOADER wine PATHS /usr/lib/wine /usr/lib/i386-linux-gnu/wine NO_DEFAULT_PATH)
if(CONNOTIFY_WINE32_LOADER)
  # Installed is not enough: some kernels cannot execute i386 programs.
  execute_process(COMMAND ${CONNOTIFY_WINE32_LOADER} --version RESULT_VARIABLE wine32_rc
                  OUTPUT_QUIET ERROR_QUIET)
  if(NOT wine32_rc EQUAL 0)
    set(CONNOTIFY_WINE32_LOADER "")
  endif()
endif()
if(CONNOTIFY_WINE AND CONNOTIFY_WINE32_LOADER)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${CONNOTIFY_WINE})
else()
  set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/no-wine32.sh)
endif()
