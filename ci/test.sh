#!/bin/sh
# Runs every connotify test: installs what is missing, then configures,
# builds and tests each CMake preset (native, mingw64, mingw32).
#   test.sh [PRESET...]
set -eu
cd "$(dirname "$0")/.."

sh ci/bootstrap.sh --deb-src

presets=${*:-native mingw64 mingw32}
status=0
start=$(date +%s)
for p in $presets; do
    echo "==== $p: configure, build, test"
    began=$(date +%s)
    # The presets build with Ninja; a tree configured for another generator
    # is configured afresh (its Wine prefixes and caches stay).
    cache=build/$p/CMakeCache.txt
    if [ -f "$cache" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache"; then
        echo "==== $p: build/$p was configured for another generator: configuring it afresh"
        rm -rf "$cache" "build/$p/CMakeFiles"
    fi
    if ! cmake --workflow --preset "$p"; then
        echo "==== $p: FAILED"
        status=1
    fi
    # Skipped tests print their reason; CTest only says "Skipped".
    junit=build/$p/junit-$p.xml
    if [ -f "$junit" ] && reason=$(grep -m1 -o 'SKIP: [^&<]*' "$junit"); then
        echo "==== $p: skipped tests: ${reason#SKIP: }"
    fi
    echo "==== $p: $(($(date +%s) - began)) s"
done
echo "==== all presets: $(($(date +%s) - start)) s (budget 1200 s on 2 cores)"
exit $status
