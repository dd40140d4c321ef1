#!/bin/sh
# The real build's bundle, run by winrunner under Wine: what the Windows job
# runs, with Wine's expectation (stock MPR: no dispatch).
#   check-real.sh EMULATOR RUNNER ARCH BUILD_DIR WORKDIR
# Packs BUILD_DIR with windows-bundle.sh into WORKDIR/windows-bundle, runs
# every program labelled mpr, abi, unit, fuzz-regression or wtest (the
# Windows job's labels) and passes when all pass and the registry values the
# .reg touches read the same before and after. Exit 77 when the emulator
# cannot run the runner (no 32-bit Wine).
set -u
[ $# -eq 5 ] || { echo "usage: $0 EMULATOR RUNNER ARCH BUILD_DIR WORKDIR" >&2; exit 2; }
emu=$1 runner=$2 arch=$3 build=$4 work=$5
here=$(cd "$(dirname "$0")" && pwd)

# One wineserver for the Wine processes below (see check.sh).
# A server of this prefix still lingering from the test before ignores -p (a second
# server exits quietly) and may still be saving the registry when it ends; a new one
# started meanwhile loads the registry without that save (a clean clone's
# winrunner.real saw the provider key before its run and not in it). Wait for it.
wineserver -w </dev/null >/dev/null 2>&1 || true
wineserver -p30 </dev/null >/dev/null 2>&1 || true
trap 'wineserver -k 2>/dev/null || true' EXIT
"$emu" "$runner" --help </dev/null >/dev/null 2>&1
if [ $? -eq 77 ]; then "$emu" "$runner" --help; exit 77; fi
winpath() { printf 'Z:%s' "$1" | tr / "\\\\"; }

rm -rf "$work"
sh "$here/../../.github/scripts/windows-bundle.sh" --runner "$runner" "$build" \
    "$work/windows-bundle" || exit 1
# What connotify.reg touches, in the 64-bit view.
reg_state() {
    for key in 'SYSTEM\CurrentControlSet\Control\NetworkProvider' \
        'SYSTEM\CurrentControlSet\Services\ConnotifyTestProvider' 'SOFTWARE\connotify'; do
        "$emu" reg query "HKLM\\$key" /s /reg:64 2>&1 | tr -d '\r'
    done
}
before=$(reg_state)
"$emu" "$runner" --bundle "$(winpath "$work/windows-bundle")" --arch "$arch" \
    --results "$(winpath "$work/results")" --labels mpr,abi,unit,fuzz-regression,wtest \
    --env CONNOTIFY_EXPECT=stock
rc=$?
after=$(reg_state)
status=0
if [ "$rc" -eq 0 ]; then
    echo "check-real: ok   every program passed"
else
    echo "check-real: FAIL winrunner exited $rc"
    status=1
fi
if [ "$before" = "$after" ]; then
    echo "check-real: ok   registry restored"
else
    echo "check-real: FAIL registry not restored:"
    printf '%s\n' "$before" > "$work/reg-before.txt"
    printf '%s\n' "$after" > "$work/reg-after.txt"
    diff -u "$work/reg-before.txt" "$work/reg-after.txt"
    status=1
fi
exit $status
