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
# A tree configured for another generator is configured afresh (its Wine
# prefixes and caches stay): the presets build with Ninja.
fresh_generator() { # PRESET
    cache=build/$1/CMakeCache.txt
    if [ -f "$cache" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache"; then
        echo "==== $1: build/$1 was configured for another generator: configuring it afresh"
        rm -rf "$cache" "build/$1/CMakeFiles"
    fi
}
# While one preset builds and tests, the next one is configured and built at
# the lowest priority: it takes the CPU the tests leave idle (waits, hangs
# timed out, sleeping scripts). Its tests run after, at normal priority.
prebuild_pid=""
prebuild() { # PRESET
    fresh_generator "$1"
    mkdir -p "build/$1"
    nice -n 19 sh -c "cmake --preset $1 && cmake --build --preset $1" \
        >"build/$1/prebuild.log" 2>&1 &
    prebuild_pid=$!
}
next_of() { # PRESET: the preset after it in $presets, or nothing
    after=""
    for q in $presets; do
        [ "$after" != 1 ] || { echo "$q"; return; }
        [ "$q" != "$1" ] || after=1
    done
}
for p in $presets; do
    echo "==== $p: configure, build, test"
    began=$(date +%s)
    if [ -n "$prebuild_pid" ]; then
        wait "$prebuild_pid" || echo "==== $p: its build at low priority failed" \
            "(build/$p/prebuild.log); building it again"
        prebuild_pid=""
    else
        fresh_generator "$p"
    fi
    next=$(next_of "$p")
    [ -z "$next" ] || prebuild "$next"
    if ! cmake --workflow --preset "$p"; then
        echo "==== $p: FAILED"
        status=1
    fi
    # Skipped tests print their reason; CTest only says "Skipped".
    junit=build/$p/junit-$p.xml
    if [ -f "$junit" ] && reason=$(grep -m1 -o 'SKIP: [^&<]*' "$junit"); then
        echo "==== $p: skipped tests: ${reason#SKIP: }"
    fi
    # Where the time went: CI's log keeps its end.
    [ ! -f "$junit" ] || sed -n 's/.*<testcase name="\([^"]*\)".* time="\([0-9.]*\)".*/\2 \1/p' \
        "$junit" | sort -rn | head -n 12 |
        awk -v p="$p" '{ printf "==== %s: slowest: %5.0f s %s\n", p, $1, $2 }'
    echo "==== $p: $(($(date +%s) - began)) s"
done
echo "==== all presets: $(($(date +%s) - start)) s (budget 1200 s on 2 cores)"
exit $status
