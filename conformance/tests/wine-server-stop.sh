#!/bin/sh
# wine-server-stop.sh: Wine whose wineserver stands still in the middle of a case: for a
# case named CONNOTIFY_TEST_STOP_CASE among its arguments, the prefix's server is stopped
# (SIGSTOP) 2 s after the program starts, for CONNOTIFY_TEST_STOP_SECONDS (default 10),
# then continued. Wine itself for everything else. For CONNOTIFY_WINE
# (conformance.server_stop, in a prefix of its own: every program there stands still).
root=$(cd "$(dirname "$0")/../.." && pwd)
real=$(CONNOTIFY_WINE="" sh "$root/ci/wineprefix.sh" loader x86_64) || exit 1
stop=0
for a in "$@"; do
    [ "$a" != "${CONNOTIFY_TEST_STOP_CASE:-}" ] || stop=1
done
[ $stop = 1 ] || exec "$real" "$@"
# The server of a prefix runs in a directory server-DEV-INODE (under /tmp), named by the
# prefix's device and inode in hex [wine].
dir=server-$(printf '%x' "$(stat -c %d "$WINEPREFIX")")-$(printf '%x' "$(stat -c %i "$WINEPREFIX")")
server_pid() {
    for p in /proc/[0-9]*; do
        case $(readlink "$p/cwd" 2>/dev/null) in */"$dir") echo "${p#/proc/}"; return ;; esac
    done
}
(
    sleep 2
    pid=$(server_pid)
    [ -n "$pid" ] || { echo "wine-server-stop: no wineserver in $dir" >&2; exit 1; }
    kill -STOP "$pid"
    sleep "${CONNOTIFY_TEST_STOP_SECONDS:-10}"
    kill -CONT "$pid"
) &
"$real" "$@"
rc=$?
wait
exit $rc
