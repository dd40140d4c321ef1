#!/bin/sh
# Runs every connotify test: installs what is missing, then configures,
# builds and tests each CMake preset (native, mingw64, mingw32).
#   test.sh [PRESET...]
# mingw64 (most of the time, much of it spent waiting on Wine) runs in the
# foreground; the other presets run one after the other beside it at idle
# CPU priority (SCHED_IDLE: only the cores mingw64 leaves unused), their
# output in build/test-<preset>.log, printed when mingw64 has ended.
set -eu
cd "$(dirname "$0")/.."

sh ci/bootstrap.sh --deb-src

presets=${*:-native mingw64 mingw32}
mkdir -p build

workflow() { # PRESET [COMMAND PREFIX...]: configure, build, test
    p=$1
    shift
    echo "==== $p: configure, build, test"
    if ! "$@" cmake --workflow --preset "$p"; then
        echo "==== $p: FAILED"
        return 1
    fi
    # Skipped tests print their reason; CTest only says "Skipped".
    junit=build/$p/junit-$p.xml
    if [ -f "$junit" ] && reason=$(grep -m1 -o 'SKIP: [^&<]*' "$junit"); then
        echo "==== $p: skipped tests: ${reason#SKIP: }"
    fi
}

lead="" rest=""
for p in $presets; do
    if [ -z "$lead" ] && [ "$p" = mingw64 ]; then lead=$p; else rest="$rest $p"; fi
done
if [ -z "$lead" ]; then
    # shellcheck disable=SC2086 # one word per preset
    set -- $rest
    lead=$1
    shift
    rest=" $*"
fi
rest=${rest# }

idle="chrt --idle 0"
$idle true 2>/dev/null || idle="nice -n 19"
side="" status=0
if [ -n "$rest" ]; then
    echo "==== beside $lead at idle priority ($idle): $rest; output in build/test-<preset>.log"
    (
        for p in $rest; do
            rm -f "build/test-$p.rc"
            start=$(date +%s)
            rc=0
            # shellcheck disable=SC2086 # idle: a command and its options
            workflow "$p" $idle >"build/test-$p.log" 2>&1 || rc=$?
            echo "$rc" >"build/test-$p.rc"
            echo "==== $p (beside $lead): status $rc after $(($(date +%s) - start)) s"
        done
    ) &
    side=$!
fi
workflow "$lead" || status=1
if [ -n "$side" ]; then
    wait "$side" || true
    for p in $rest; do
        cat "build/test-$p.log"
        [ "$(cat "build/test-$p.rc" 2>/dev/null)" = 0 ] || status=1
    done
fi
exit $status
