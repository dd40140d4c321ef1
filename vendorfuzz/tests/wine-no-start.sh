#!/bin/sh
# wine-no-start.sh: Wine that does not start, as Wine says in a broken prefix,
# for CONNOTIFY_TEST_NO_START starts ("all" or a count kept in the file
# CONNOTIFY_TEST_NO_START_FILE; "driver": only the first host the fuzz driver
# starts (--shm), "driver-all": every one of those); Wine itself after. For
# CONNOTIFY_WINE (vendorfuzz.wine_no_start, wine_lone_failure, driver_host_once,
# driver_host_never).
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() {
    echo "wine: could not load kernel32.dll, status c0000135" >&2
    exit 1
}
driver_host=0
case " $* " in *" --shm "*) driver_host=1 ;; esac
case ${CONNOTIFY_TEST_NO_START:-0} in
all) fail ;;
0) ;;
driver-all) [ $driver_host = 0 ] || fail ;;
driver)
    count=${CONNOTIFY_TEST_NO_START_FILE:?}
    if [ $driver_host = 1 ] && [ ! -f "$count" ]; then
        mkdir -p "$(dirname "$count")"
        echo x >"$count"
        fail
    fi
    ;;
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
