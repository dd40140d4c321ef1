#!/bin/sh
# One run of winrunner under Wine on the test bundle, checked exactly.
#   check.sh EMULATOR RUNNER ARCH BUNDLE EXPECTED RESULTS CASE RC
# CASE: "all" (every program labelled wr), or NAME (wr.NAME alone, --only),
# or NAME=OTHER (wr.NAME alone, checked against wr.OTHER's testcase).
# Checks, each printed: the exit status is RC; the registry keys the .reg
# touches read the same before and after (wr_fixture regdump); every
# testcase has a time; the JUnit with times normalised equals EXPECTED
# (the whole file for "all", else the one testcase).
# Exit 77 when the emulator cannot run the runner (no 32-bit Wine).
set -u
if [ $# -ne 8 ]; then
    echo "usage: $0 EMULATOR RUNNER ARCH BUNDLE EXPECTED RESULTS CASE RC" >&2
    exit 2
fi
emu=$1 runner=$2 arch=$3 bundle=$4 expected=$5 results=$6 case=$7 rc_want=$8
run=${case%%=*}
want_case=${case#*=}

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
reg_state() { "$emu" "$bundle/build/bin/wr_fixture.exe" regdump 2>&1 | tr -d '\r'; }

status=0
pass() { printf 'check: ok   %s\n' "$1"; }
fail() { printf 'check: FAIL %s\n' "$1"; status=1; }

before=$(reg_state)
case $before in
*LogPath*) ;;
*) printf '%s\n' "$before"; fail "LogPath is not registered before the run: nothing to restore" ;;
esac
rm -rf "$results"
set -- --bundle "$(winpath "$bundle")" --arch "$arch" --results "$(winpath "$results")" \
    --env WR_SAY=caller
if [ "$run" = all ]; then set -- "$@" --labels wr; else set -- "$@" --only "wr.$run"; fi
printf 'check: winrunner %s\n' "$*"
"$emu" "$runner" "$@"
rc=$?
after=$(reg_state)

if [ "$rc" -eq "$rc_want" ]; then
    pass "winrunner exited $rc"
else
    fail "winrunner exited $rc, want $rc_want"
fi
if [ "$before" = "$after" ]; then
    pass "registry restored"
else
    fail "registry not restored:"
    printf '%s\n' "$before" > "$results.reg-before"
    printf '%s\n' "$after" > "$results.reg-after"
    diff -u "$results.reg-before" "$results.reg-after"
fi

xml=$results/results.xml
[ -f "$xml" ] || { fail "no $xml"; exit 1; }
untimed=$(grep '<testcase ' "$xml" | grep -cvE ' time="[0-9]+\.[0-9]{3}"')
if [ "$untimed" -eq 0 ]; then
    pass "every testcase has a time"
else
    fail "$untimed testcase(s) without a time"
fi
# Times and source line numbers vary; the rest must match exactly.
norm() { sed -E 's/ time="[0-9]+\.[0-9]{3}"/ time="T"/; s/\.c:[0-9]+:/.c:N:/'; }
block() {
    awk -v n="name=\"wr.$1\"" 'index($0, n) { on = 1 } on { print } on && /<\/testcase>/ { exit }'
}
names=$(sed -n 's/.*<testcase .* name="wr\.\([^"]*\)".*/\1/p' "$expected")
for name in $names; do
    [ "$run" = all ] || [ "$name" = "$want_case" ] || continue
    got=$(norm < "$xml" | block "$name")
    [ "$run" = all ] || got=$(norm < "$xml" | block "$run")
    want=$(norm < "$expected" | block "$name")
    if [ "$got" = "$want" ]; then
        pass "wr.$name: $(printf '%s\n' "$want" | sed -n 2p | sed 's/^ *//')"
    else
        fail "wr.$name: JUnit testcase differs from $expected:"
        printf '%s\n' "$want" > "$results/want.xml"
        printf '%s\n' "$got" > "$results/got.xml"
        diff -u "$results/want.xml" "$results/got.xml"
    fi
done
if [ "$run" = all ]; then
    if [ "$(norm < "$xml")" = "$(norm < "$expected")" ]; then
        pass "results.xml equals $(basename "$expected")"
    else
        norm < "$expected" > "$results/want.xml"
        norm < "$xml" > "$results/got.xml"
        fail "results.xml differs from $expected:"
        diff -u "$results/want.xml" "$results/got.xml"
    fi
fi
exit $status
