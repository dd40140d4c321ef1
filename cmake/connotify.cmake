# Shared build settings and helpers for every folder.

set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_C_EXTENSIONS OFF)

# Warnings and include paths shared by every target.
add_library(connotify_options INTERFACE)
target_compile_options(connotify_options INTERFACE
  -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wno-unused-parameter)
if(WIN32)
  # [doc] names are UTF-16: never build the TCHAR structs as char.
  target_compile_definitions(connotify_options INTERFACE UNICODE _UNICODE
    WIN32_LEAN_AND_MEAN _WIN32_WINNT=0x0601 __USE_MINGW_ANSI_STDIO=0)
  # A DLL or program needs nothing beside the system's DLLs.
  target_link_options(connotify_options INTERFACE -static-libgcc -static)
elseif(CONNOTIFY_SANITIZE)
  target_compile_options(connotify_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  target_link_options(connotify_options INTERFACE -fsanitize=address,undefined)
endif()

if(CMAKE_CROSSCOMPILING_EMULATOR MATCHES "no-wine32")
  message(NOTICE "connotify: no 32-bit Wine here: i686 runtime tests will be skipped (static checks still run)")
endif()

# Windows tests run in private prefixes in the build tree, never the user's.
# Prefix "stock" is stock Wine; others are declared with
# connotify_define_wineprefix(name NATIVE dll...), whose DLLs are copied to
# system32 and set to native in the prefix's DllOverrides.
set_property(GLOBAL PROPERTY CONNOTIFY_REGFILES "")
set_property(GLOBAL PROPERTY CONNOTIFY_PREFIXES stock)

# Adds a .reg file (absolute path) that every prefix imports.
function(connotify_register_regfile file)
  set_property(GLOBAL APPEND PROPERTY CONNOTIFY_REGFILES ${file})
endfunction()

function(connotify_define_wineprefix name)
  cmake_parse_arguments(P "" "" "NATIVE;DEPENDS" ${ARGN})
  set_property(GLOBAL APPEND PROPERTY CONNOTIFY_PREFIXES ${name})
  set_property(GLOBAL PROPERTY CONNOTIFY_PREFIX_NATIVE_${name} ${P_NATIVE})
endfunction()

# connotify_wine_path(<var> <path>): the Windows form of an absolute Linux
# path inside a Wine prefix: Wine maps drive Z: to / in every prefix it
# creates [wine]. /a/b becomes Z:\a\b.
function(connotify_wine_path out path)
  string(REPLACE "/" "\\" win "Z:${path}")
  set(${out} ${win} PARENT_SCOPE)
endfunction()

# Directory of a prefix, for scripts that run outside CTest.
function(connotify_wineprefix_dir name out)
  set(${out} ${CMAKE_BINARY_DIR}/wineprefix-${name} PARENT_SCOPE)
endfunction()

# connotify_add_wine_test(NAME n COMMAND target args... [PREFIX p]
#                         [LABELS l...] [ENVIRONMENT k=v...] [TIMEOUT s])
# A Windows program under the emulator (bare target name) inside prefix p
# (default stock). Tests of one prefix hold its lock; exit code 77 means
# skipped (no 32-bit Wine).
function(connotify_add_wine_test)
  cmake_parse_arguments(W "" "NAME;TIMEOUT;PREFIX" "COMMAND;LABELS;ENVIRONMENT" ${ARGN})
  if(NOT W_TIMEOUT)
    set(W_TIMEOUT 300)
  endif()
  if(NOT W_PREFIX)
    set(W_PREFIX stock)
  endif()
  add_test(NAME ${W_NAME} COMMAND ${W_COMMAND})
  set_tests_properties(${W_NAME} PROPERTIES
    ENVIRONMENT "WINEPREFIX=${CMAKE_BINARY_DIR}/wineprefix-${W_PREFIX};WINEDEBUG=-all;WINEDLLOVERRIDES=mscoree,mshtml=;${W_ENVIRONMENT}"
    FIXTURES_REQUIRED wineprefix-${W_PREFIX}
    RESOURCE_LOCK wineprefix-${W_PREFIX}
    SKIP_RETURN_CODE 77
    TIMEOUT ${W_TIMEOUT}
    LABELS "wine;${W_LABELS}")
endfunction()

# Every .reg file goes into the 64-bit view (reg import /reg:64) in the
# x86_64 and the i686 build: HKLM\SYSTEM (Notifyees, the provider) is one key
# for both views, and HKLM\SOFTWARE\connotify is read by the reference
# notifier through KEY_WOW64_64KEY on both architectures [design]
# (docs/reference-dll.md); the test programs read it the same way.
set(CONNOTIFY_REG_VIEW /reg:64)

function(connotify_finish_wineprefix)
  if(NOT WIN32)
    return()
  endif()
  get_property(regs GLOBAL PROPERTY CONNOTIFY_REGFILES)
  get_property(prefixes GLOBAL PROPERTY CONNOTIFY_PREFIXES)
  foreach(p IN LISTS prefixes)
    set(dir ${CMAKE_BINARY_DIR}/wineprefix-${p})
    get_property(natives GLOBAL PROPERTY CONNOTIFY_PREFIX_NATIVE_${p})
    set(native_args "")
    foreach(dll IN LISTS natives)
      list(APPEND native_args --native ${dll})
    endforeach()
    add_test(NAME wineprefix.${p}.setup
      COMMAND sh ${PROJECT_SOURCE_DIR}/ci/wineprefix.sh setup ${dir}
        --base ${CMAKE_BINARY_DIR}/wine-base ${native_args})
    add_test(NAME wineprefix.${p}.cleanup
      COMMAND sh ${PROJECT_SOURCE_DIR}/ci/wineprefix.sh cleanup ${dir})
    set_tests_properties(wineprefix.${p}.setup PROPERTIES
      FIXTURES_SETUP wineprefix-${p} RESOURCE_LOCK wineprefix-${p} LABELS wine TIMEOUT 300
      ENVIRONMENT "CONNOTIFY_WINE=${CONNOTIFY_WINE}")
    set_tests_properties(wineprefix.${p}.cleanup PROPERTIES
      FIXTURES_CLEANUP wineprefix-${p} RESOURCE_LOCK wineprefix-${p} LABELS wine)
    # Each native DLL where programs of its bitness load it from: a 32-bit
    # one in syswow64 of the 64-bit prefix, not system32.
    set(sysdir system32)
    if(CMAKE_SIZEOF_VOID_P EQUAL 4)
      set(sysdir syswow64)
    endif()
    foreach(dll IN LISTS natives)
      get_filename_component(dll_name ${dll} NAME)
      add_test(NAME wineprefix.${p}.native.${dll_name}
        COMMAND cmp ${dll} ${dir}/drive_c/windows/${sysdir}/${dll_name})
      set_tests_properties(wineprefix.${p}.native.${dll_name} PROPERTIES
        FIXTURES_REQUIRED wineprefix-${p} DEPENDS wineprefix.${p}.setup
        RESOURCE_LOCK wineprefix-${p} LABELS wine)
    endforeach()
    # Each .reg file, into the view named above, once the prefix exists. The
    # test names the file by its Linux path (the Windows bundle collects the
    # .reg files the tests name); wineprefix.sh gives reg its Windows form.
    foreach(reg IN LISTS regs)
      get_filename_component(reg_name ${reg} NAME_WE)
      add_test(NAME wineprefix.${p}.import.${reg_name}
        COMMAND sh ${PROJECT_SOURCE_DIR}/ci/wineprefix.sh import ${dir} ${reg}
          ${CONNOTIFY_REG_VIEW})
      set_tests_properties(wineprefix.${p}.import.${reg_name} PROPERTIES
        FIXTURES_SETUP wineprefix-${p} DEPENDS wineprefix.${p}.setup
        RESOURCE_LOCK wineprefix-${p} LABELS wine TIMEOUT 120
        ENVIRONMENT "CONNOTIFY_WINE=${CONNOTIFY_WINE}")
    endforeach()
  endforeach()
endfunction()
