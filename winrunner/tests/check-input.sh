#!/bin/sh
# Bad input makes winrunner exit 2 with one "winrunner: error:" line, before
# it writes the registry or runs anything.
#   check-input.sh EMULATOR RUNNER BUNDLE WORKDIR
# BUNDLE is the test bundle (copied and broken in WORKDIR, never changed).
# Exit 77 when the emulator cannot run the runner (no 32-bit Wine).
set -u
[ $# -eq 4 ] || { echo "usage: $0 EMULATOR RUNNER BUNDLE WORKDIR" >&2; exit 2; }
emu=$1 runner=$2 bundle=$3 work=$4

# One wineserver for the Wine processes below, kept 30 s after its last
# client (measured: a server of their own costs each of them seconds); this
# test holds the prefix's lock.
# A server of this prefix still lingering from the test before ignores -p (a second
# server exits quietly) and may still be saving the registry when it ends; a new one
# started meanwhile loads the registry without that save (a clean clone's
# winrunner.real saw the provider key before its run and not in it). Wait for it.
wineserver -w </dev/null >/dev/null 2>&1 || true
wineserver -p30 </dev/null >/dev/null 2>&1 || true
trap 'wineserver -k 2>/dev/null || true' EXIT
# The first Wine process starts the prefix's services, which keep its output
# open as long as the server lives: never capture it.
"$emu" "$runner" --help </dev/null >/dev/null 2>&1
if [ $? -eq 77 ]; then "$emu" "$runner" --help; exit 77; fi
winpath() { printf 'Z:%s' "$1" | tr / "\\\\"; }

rm -rf "$work"
mkdir -p "$work/empty"
cp -R "$bundle" "$work/badplan"
printf 'test wr.x\nexe a.exe\nbogus 1\n' > "$work/badplan/plan.txt"
cp -R "$bundle" "$work/badreg"
# A .reg whose key deletion could not be undone: refused before any write.
{
    printf '\377\376'
    printf 'Windows Registry Editor Version 5.00\r\n\r\n%s\r\n' \
        '[-HKEY_LOCAL_MACHINE\SOFTWARE\connotify]' | iconv -f UTF-8 -t UTF-16LE
} > "$work/badreg/src/winrunner/tests/winrunner-test.reg"

status=0
# expect NAME WANTED-TEXT ARGS...
expect() {
    name=$1 want=$2
    shift 2
    out=$("$emu" "$runner" "$@" 2>&1)
    rc=$?
    out=$(printf '%s\n' "$out" | tr -d '\r')
    if [ "$rc" -eq 2 ] && [ "$(printf '%s\n' "$out" | grep -c '^winrunner: error: ')" -eq 1 ] &&
        printf '%s\n' "$out" | grep -qF -- "$want" && ! [ -e "$work/results" ]; then
        printf 'check-input: ok   %s: %s\n' "$name" "$out"
    else
        printf 'check-input: FAIL %s: exit %s, want 2 and one error line with: %s\n' \
            "$name" "$rc" "$want"
        printf '%s\n' "$out"
        status=1
    fi
}
res=$(winpath "$work/results")
good=$(winpath "$bundle")
expect no-arguments '--bundle DIR is required'
expect bad-arch '--arch x64 or --arch x86' --bundle "$good" --arch arm64
expect unknown-option 'bad argument: --frobnicate' --frobnicate 1
expect no-bundle 'no bundle directory' \
    --bundle "$(winpath "$work/none")" --arch x64 --results "$res"
expect no-plan 'not a bundle (no plan.txt)' \
    --bundle "$(winpath "$work/empty")" --arch x64 --results "$res"
expect bad-plan 'plan.txt:3: unknown keyword' \
    --bundle "$(winpath "$work/badplan")" --arch x64 --results "$res"
expect bad-reg 'winrunner-test.reg:3: key deletion' \
    --bundle "$(winpath "$work/badreg")" --arch x64 --results "$res"
expect no-label 'no program of the plan is selected' \
    --bundle "$good" --arch x64 --labels none --results "$res"
expect no-notifier 'no such notifier DLL' \
    --bundle "$good" --arch x64 --notifier "$(winpath "$work/none.dll")" --results "$res"
exit $status
