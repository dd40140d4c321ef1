#!/bin/sh
# wine-no-start.sh: Wine that does not start, as Wine says in a broken prefix,
# for CONNOTIFY_TEST_NO_START starts ("all" or a count kept in the file
# CONNOTIFY_TEST_NO_START_FILE); Wine itself after. For CONNOTIFY_WINE
# (vendorfuzz.wine_no_start, vendorfuzz.wine_lone_failure).
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() {
    echo "wine: could not load kernel32.dll, status c0000135" >&2
    exit 1
}
case ${CONNOTIFY_TEST_NO_START:-0} in
all) fail ;;
0) ;;
*)
    count=${CONNOTIFY_TEST_NO_START_FILE:?}
    done=0
    [ -f "$count" ] && done=$(wc -l <"$count")
    if [ "$done" -lt "$CONNOTIFY_TEST_NO_START" ]; then
        mkdir -p "$(dirname "$count")"
        echo x >>"$count"
        fail
    fi
    ;;
esac
real=$(CONNOTIFY_WINE="" sh "$root/ci/wineprefix.sh" loader x86_64) || exit 1
exec "$real" "$@"
