#!/bin/sh
# foreign_remembered.sh: another process of the prefix rewrites the driver's remembered
# connections (HKCU\Network\K) again and again while a correct notifier's state case runs:
# the change is not the notifier's (it wrote nothing there), so state.process passes.
#   foreign_remembered.sh BUILD-DIR NOTIFIER.dll
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$1 dll=$2
prefix=$build/conformance/prefix-stock
wine=${CONNOTIFY_WINE:-wine}
stop=$(mktemp) || exit 2
(
    n=0
    while [ -f "$stop" ]; do
        n=$((n + 1))
        WINEPREFIX=$prefix WINEDEBUG=-all "$wine" reg add 'HKCU\Network\K' /v RemotePath \
            /t REG_SZ /d "\\\\other-process\\share$n" /f /reg:64 >/dev/null 2>&1
        sleep 0.3
    done
) &
loop=$!
sh "$here/expect.sh" --status 0 --check state.process pass "remembered connections" \
    -- --no-build --build-dir "$build" --notifier "$dll" --only state.process --mpr stock
rc=$?
rm -f "$stop"
wait "$loop"
exit $rc
