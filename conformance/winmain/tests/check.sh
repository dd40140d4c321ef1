#!/bin/sh
# connotify-conform.exe under Wine (WINEPREFIX from CTest), one test per MODE:
#   check.sh MODE EMULATOR DIR FIXTURES BUILD WORK
# DIR: conformance/windows (the program and what it needs beside it);
# FIXTURES: the fixture DLLs; BUILD: the build dir for ci/conformance.sh;
# WORK: this test's scratch dir (replaced).
#   reference  the reference notifier, every check but those of the long cases
#              and of the slow light ones (CONNOTIFY_LONG_CASES and
#              CONNOTIFY_SKIP_CASES, comma-separated, from CMake): exit 0, and
#              the check ids and verdicts of results.tsv equal
#              ci/conformance.sh --mpr stock's
#   fixture    fx_null_local: exit 1, drive.nulllocal fail, same verdicts as
#              ci/conformance.sh
#   input      bad input: exit 2 and one "conformance: error:" line each (as
#              run.sh, a static check's error follows the "checking" line)
#   registry   values that were there survive a run byte for byte; a run
#              killed while registered (SIGKILL: as TerminateProcess) is
#              repaired by the next start; Ctrl-C restores before exiting;
#              not administrator: the MPR checks skip with that reason
#   patched    Wine's mpr.dll with the dispatch patch beside the driver
#              (mpr=n): the mpr.patched checks pass; a notifier crashing
#              inside MPR fails and the registry is restored all the same
set -u
heavy_cases="^($(printf '%s,%s' "${CONNOTIFY_LONG_CASES:-}" "${CONNOTIFY_SKIP_CASES:-}" |
    tr ',' '|'))\$"
[ $# -eq 6 ] || { echo "usage: $0 MODE EMULATOR DIR FIXTURES BUILD WORK" >&2; exit 2; }
mode=$1 emu=$2 dir=$3 fx=$4 build=$5 work=$6
root=$(cd "$(dirname "$0")/../../.." && pwd)
exe=$dir/connotify-conform.exe
rm -rf "$work"
mkdir -p "$work"
# A server of this prefix still lingering from the test before ignores -p (a second
# server exits quietly) and may still be saving the registry when it ends; a new one
# started meanwhile loads the registry without that save (a clean clone's
# winrunner.real saw the provider key before its run and not in it). Wait for it.
wineserver -w </dev/null >/dev/null 2>&1 || true
wineserver -p30 </dev/null >/dev/null 2>&1 || true
trap 'wineserver -k 2>/dev/null || true' EXIT
# The first Wine process starts the prefix's services: never capture it.
"$emu" "$exe" --help </dev/null >/dev/null 2>&1
[ $? -ne 77 ] || exit 77
failed=0
fail() { printf 'check: FAIL %s\n' "$*"; failed=1; }
pass() { printf 'check: ok   %s\n' "$*"; }
check() { # MESSAGE COMMAND...: pass when COMMAND succeeds
    m=$1
    shift
    if "$@"; then pass "$m"; else fail "$m"; fi
}
winpath() { printf 'Z:%s' "$1" | tr / "\\\\"; }
conform() { # NAME ARGS...: runs the program; NAME.out, NAME.err, status in $rc
    n=$1
    shift
    "$emu" "$exe" "$@" >"$work/$n.out" 2>"$work/$n.err" </dev/null
    rc=$?
    tr -d '\r' <"$work/$n.err" >"$work/$n.e" && mv "$work/$n.e" "$work/$n.err"
}
expect_rc() { # NAME WANT
    if [ "$rc" = "$2" ]; then
        pass "$1: exit $rc"
    else
        fail "$1: exit $rc, want $2"
        cat "$work/$1.err"
    fi
}
built() { # NAME: what this build made, by its paths.env name
    sed -n "s/^$1=//p" "$build/conformance/paths.env"
}
verdict() { # FILE CHECK: its verdict in a results.tsv
    awk -F'\t' -v id="$2" '$1 == id { print $4 }' "$1"
}
same_verdicts() { # NAME SH_RESULTS EXE_RESULTS
    cut -f1,4 "$2" >"$work/$1.sh.v"
    cut -f1,4 "$3" >"$work/$1.exe.v"
    if cmp -s "$work/$1.sh.v" "$work/$1.exe.v"; then
        pass "$1: $(grep -c . "$work/$1.exe.v") check verdicts equal ci/conformance.sh's"
    else
        fail "$1: verdicts differ from ci/conformance.sh's (< sh, > exe)"
        diff "$work/$1.sh.v" "$work/$1.exe.v"
    fi
}
runsh() { # ARGS...: ci/conformance.sh on this build (its own prefixes)
    sh "$root/ci/conformance.sh" --no-build --build-dir "$build" --mpr stock "$@" \
        >"$work/sh.out" 2>"$work/sh.err"
}
# The view of this build's HKLM\SOFTWARE: the PE machine of the program.
view=/reg:64 this_arch=x86_64 other_arch=i686
pe=$(od -An -tu4 -j60 -N4 "$exe" | tr -d ' ')
if [ "$(od -An -tx1 -j"$pe" -N6 "$exe" | tr -d ' \n')" = 504500004c01 ]; then
    view=/reg:32 this_arch=i686 other_arch=x86_64
fi
# The registry a run touches, as reg export prints it (hex for every type).
snapshot() { # FILE
    : >"$1"
    for k in 'HKLM\System\CurrentControlSet\Control\NetworkProvider\Order' \
        'HKLM\System\CurrentControlSet\Control\NetworkProvider\Notifyees' \
        'HKLM\System\CurrentControlSet\Services\ConnotifyConformanceProvider' \
        'HKLM\SOFTWARE\connotify'; do
        # wine reg fails now and then under load (its output says why): 3 tries; a key
        # reg cannot find is absent, any other failure is said as such.
        tries=0
        while :; do
            rm -f "$work/k.reg"
            if "$emu" reg export "$k" "$(winpath "$work/k.reg")" /y $view \
                >"$work/k.out" 2>&1; then
                iconv -f UTF-16LE -t UTF-8 "$work/k.reg" | tr -d '\r' >>"$1"
                break
            fi
            tries=$((tries + 1))
            if grep -q 'Unable to find' "$work/k.out"; then
                printf 'absent: %s\n' "$k" >>"$1"
                break
            fi
            if [ $tries -ge 3 ]; then
                printf 'export failed 3 times: %s: %s\n' "$k" "$(tr -d '\r' <"$work/k.out")" \
                    >>"$1"
                break
            fi
        done
    done
}

case $mode in
reference)
    check "CONNOTIFY_LONG_CASES names the long cases" [ -n "${CONNOTIFY_LONG_CASES:-}" ]
    # Every case but the long measurement ones (leaks, concurrency, cycles,
    # ...) and the slow light ones: the program runs each case the same way,
    # and conformance.reference runs those through the same driver.
    "$emu" "$dir/cn_conform.exe" --catalogue </dev/null 2>/dev/null | tr -d '\r' |
        awk -F'\t' -v heavy="$heavy_cases" '$1 == "CHECK" && $3 !~ heavy { print $2 }' \
        >"$work/ids"
    check "the catalogue lists checks of other cases" [ -s "$work/ids" ]
    conform ref --only "$(paste -sd, "$work/ids")" --results "$(winpath "$work/exe.tsv")" --junit "$(winpath "$work/junit.xml")" \
        --html "$(winpath "$work/report.html")"
    expect_rc ref 0
    check "JUnit written" grep -q '<testsuite' "$work/junit.xml"
    check "HTML written" grep -q '<html' "$work/report.html"
    # conformance.reference's run (--mpr both) when newer than the driver and
    # the notifier, its mpr.patched rows "skip" as with --mpr stock; else a
    # run of our own.
    saved=$build/conformance/reference-results.tsv
    if [ -n "$(find "$saved" -newer "$dir/cn_conform.exe" 2>/dev/null)" ] &&
        [ -n "$(find "$saved" -newer "$(built reference)" 2>/dev/null)" ]; then
        awk -F'\t' -v OFS='\t' '$1 ~ /^mpr\.patched\./ { $4 = "skip" } 1' "$saved" \
            >"$work/sh.tsv"
        pass "ci/conformance.sh's verdicts: conformance.reference's results"
    else
        runsh --results "$work/sh.tsv" || fail "ci/conformance.sh on the reference: exit not 0"
    fi
    awk -F'\t' 'NR == FNR { ids[$1]; next } $1 in ids' "$work/ids" "$work/sh.tsv" \
        >"$work/sh.light.tsv"
    same_verdicts ref "$work/sh.light.tsv" "$work/exe.tsv"
    check "mpr.stock.dispatch todo (stock Wine)" \
        [ "$(verdict "$work/exe.tsv" mpr.stock.dispatch)" = todo ]
    ;;
fixture)
    only=drive.nulllocal,drive.add
    conform nl --notifier "$(winpath "$fx/fx_null_local.dll")" --only $only \
        --results "$(winpath "$work/exe.tsv")"
    expect_rc nl 1
    check "drive.nulllocal fail" [ "$(verdict "$work/exe.tsv" drive.nulllocal)" = fail ]
    check "the crash and the notifier frame are named" \
        grep -q 'NULL pointer read.*lpLocalName NULL.*fx_null_local.dll+0x' "$work/exe.tsv"
    runsh --notifier "$fx/fx_null_local.dll" --only $only --results "$work/sh.tsv"
    same_verdicts nl "$work/sh.tsv" "$work/exe.tsv"
    ;;
input)
    one() { # NAME WANT-REGEX ARGS...
        n=$1 want=$2
        shift 2
        conform "$n" "$@"
        if [ "$rc" = 2 ] && [ "$(grep -c '^conformance: error:' "$work/$n.err")" = 1 ] &&
            grep -qE "^conformance: error: $want" "$work/$n.err"; then
            pass "$n: exit 2, $(cat "$work/$n.err")"
        else
            fail "$n: exit $rc, want 2 and one line matching '$want':"
            cat "$work/$n.err"
        fi
    }
    one missing 'no such file: Z:\\nonexistent\\x.dll$' --notifier 'Z:\nonexistent\x.dll'
    one not_pe 'not a PE file \(no MZ header\)' --notifier "$(winpath "$root/README.md")"
    one not_dll 'not a DLL' --notifier "$(winpath "$dir/cn_conform.exe")"
    one bad_arch "--arch must be x86_64 or i686, not 'arm'$" --arch arm
    one other_arch "--arch $other_arch needs the $other_arch build" --arch "$other_arch"
    one bad_mpr '--mpr must be stock or patched' --mpr both
    one no_value '--junit needs a value' --junit
    one bad_number "--timeout needs a positive number, not '0'" --timeout 0
    one unknown "unknown argument '--bogus'" --bogus 1
    one no_dir 'no such directory for output' --junit 'Z:\nonexistent\dir\j.xml'
    # A DLL of the other architecture: the x86_64 build has the i686 fixture.
    if [ "$this_arch" = x86_64 ]; then
        one wrong_arch 'fx_decorated_i686.dll is i686, not x86_64: use --arch i686' \
            --notifier "$(winpath "$fx/fx_decorated_i686.dll")"
    fi
    one no_exports 'fx_noexports.dll has no exports' \
        --notifier "$(winpath "$fx/fx_noexports.dll")"
    # A driver that never starts is the environment's (exit 4), with the reason, after 3 tries.
    cp -R "$dir" "$work/nodriver"
    rm "$work/nodriver/cn_conform.exe"
    exe_kept=$exe
    exe=$work/nodriver/connotify-conform.exe
    conform nodriver --notifier "$(winpath "$fx/fx_good.dll")" --only drive.add
    exe=$exe_kept
    if [ "$rc" = 4 ] && grep -q \
        'environment error: cannot start .*cn_conform.exe (start: error 2, 3 tries)$' \
        "$work/nodriver.err"; then
        pass "nodriver: exit 4, $(cat "$work/nodriver.err")"
    else
        fail "nodriver: exit $rc, want 4 and the reason:"
        cat "$work/nodriver.err"
    fi
    conform only --notifier "$(winpath "$fx/fx_good.dll")" --only drive.add,no.such.check
    if [ "$rc" = 2 ] && grep -q "unknown check 'no.such.check'" "$work/only.err"; then
        pass "only: exit 2, unknown check named"
    else
        fail "only: exit $rc"
    fi
    ;;
registry)
    good=$(winpath "$fx/fx_good.dll")
    only=static.arch,drive.add,mpr.stock.dispatch
    # Values a machine may have: another provider order, another notifier,
    # a log path of its own (REG_EXPAND_SZ, REG_MULTI_SZ, REG_BINARY).
    r() { "$emu" reg add "$@" /f $view >/dev/null 2>&1 || fail "reg add $*"; }
    r 'HKLM\System\CurrentControlSet\Control\NetworkProvider\Order' /v ProviderOrder \
        /t REG_SZ /d 'LanmanWorkstation,OtherNet'
    r 'HKLM\System\CurrentControlSet\Control\NetworkProvider\Notifyees' /v OtherNotifier \
        /t REG_EXPAND_SZ /d '%SystemRoot%\other.dll'
    r 'HKLM\System\CurrentControlSet\Control\NetworkProvider\Notifyees' /v Multi \
        /t REG_MULTI_SZ /d 'a\0b'
    r 'HKLM\SOFTWARE\connotify' /v LogPath /t REG_EXPAND_SZ /d 'C:\mine.log'
    r 'HKLM\SOFTWARE\connotify' /v Blob /t REG_BINARY /d 00ff10
    snapshot "$work/before.txt"
    conform run --notifier "$good" --only $only --results "$(winpath "$work/run.tsv")"
    expect_rc run 0
    check "the MPR case ran (todo)" [ "$(verdict "$work/run.tsv" mpr.stock.dispatch)" = todo ]
    snapshot "$work/after.txt"
    if cmp -s "$work/before.txt" "$work/after.txt"; then
        pass "registry equal after a run ($(grep -c . "$work/before.txt") lines of reg export)"
    else
        fail "registry changed by a run:"
        diff "$work/before.txt" "$work/after.txt"
    fi
    # Killed while registered: the reference notifier's whole run, ended by
    # TerminateProcess as soon as the saved state exists.
    state="$WINEPREFIX/drive_c/users/$(id -un)/Temp/connotify-conform-registry.txt"
    [ -d "${state%/*}" ] || state=$(find "$WINEPREFIX/drive_c/users" -maxdepth 3 -type d \
        -name Temp | head -n 1)/connotify-conform-registry.txt
    "$emu" "$exe" >"$work/killed.out" 2>&1 </dev/null &
    pid=$!
    i=0
    while [ ! -f "$state" ] && [ $i -lt 600 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    sleep 2
    # SIGKILL: the process ends at once, as by TerminateProcess. (Wine's
    # taskkill.exe run through the 32-bit loader does not see 64-bit processes.)
    kill -KILL "$pid"
    wait
    check "killed while registered: the saved state is left" [ -f "$state" ]
    snapshot "$work/killed.txt"
    if cmp -s "$work/before.txt" "$work/killed.txt"; then
        fail "the killed run left the registry as it was: nothing to repair"
    else
        pass "the killed run left the registry changed"
    fi
    conform repair --notifier "$good" --only static.arch
    expect_rc repair 0
    check "the next start says it repairs" \
        grep -q 'a previous run did not finish' "$work/repair.err"
    check "it names ProviderOrder" \
        grep -q 'restored: HKLM.*Order value ProviderOrder' "$work/repair.out"
    snapshot "$work/repaired.txt"
    if cmp -s "$work/before.txt" "$work/repaired.txt" && [ ! -f "$state" ]; then
        pass "registry equal after the repair"
    else
        fail "registry not repaired:"
        diff "$work/before.txt" "$work/repaired.txt"
    fi
    # Ctrl-C (Wine turns SIGINT into CTRL_C_EVENT): restored before it exits.
    "$emu" "$exe" >"$work/int.out" 2>&1 </dev/null &
    pid=$!
    # Interrupted once registered: its first case has started (a busy machine took more
    # than 2 s from the saved state to there).
    i=0
    while ! grep -q 'conformance: \[' "$work/int.out" && [ $i -lt 600 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    sleep 1
    kill -INT "$pid"
    wait
    check "Ctrl-C: it says it restores" grep -q 'interrupted: restoring the registry' "$work/int.out"
    snapshot "$work/int.txt"
    if cmp -s "$work/before.txt" "$work/int.txt" && [ ! -f "$state" ]; then
        pass "registry equal after Ctrl-C"
    else
        fail "registry not restored on Ctrl-C (saved state left: $([ -f "$state" ] && echo yes || echo no)):"
        diff "$work/before.txt" "$work/int.txt"
    fi
    CONNOTIFY_CONFORM_AS_USER=1 conform user --notifier "$good" --only $only \
        --results "$(winpath "$work/user.tsv")"
    expect_rc user 0
    check "not administrator: mpr.stock.dispatch skips with the reason" \
        grep -q 'mpr.stock.dispatch.*skip.*not administrator' "$work/user.tsv"
    ;;
patched)
    mpr=$(built patched_mpr)
    [ -f "$mpr" ] || { echo "SKIP: no patched mpr.dll (docs/wine-patch.md)"; exit 77; }
    cp -R "$dir" "$work/windows"
    cp "$mpr" "$work/windows/mpr.dll"
    exe=$work/windows/connotify-conform.exe
    only=mpr.patched.dispatch,mpr.patched.result,mpr.patched.retry
    WINEDLLOVERRIDES="mscoree,mshtml=;mpr=n" conform p --mpr patched \
        --notifier "$(winpath "$fx/fx_good.dll")" --only $only \
        --results "$(winpath "$work/p.tsv")"
    expect_rc p 0
    for c in mpr.patched.dispatch mpr.patched.result; do
        check "$c pass" [ "$(verdict "$work/p.tsv" "$c")" = pass ]
    done
    # A notifier that crashes inside MPR ends the driver with its Notifyees
    # value written: the program puts the registry back all the same.
    snapshot "$work/before.txt"
    WINEDLLOVERRIDES="mscoree,mshtml=;mpr=n" conform crash --mpr patched \
        --notifier "$(winpath "$fx/fx_null_local.dll")" --only mpr.patched.dispatch \
        --results "$(winpath "$work/crash.tsv")"
    expect_rc crash 1
    check "mpr.patched.dispatch fails with the crash" \
        grep -q 'mpr.patched.dispatch.*fail.*crash' "$work/crash.tsv"
    snapshot "$work/after.txt"
    if cmp -s "$work/before.txt" "$work/after.txt"; then
        pass "registry equal after the driver crashed in the mpr case"
    else
        fail "registry changed by a crash in the mpr case:"
        diff "$work/before.txt" "$work/after.txt"
    fi
    ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
[ $failed = 0 ] && echo "check: all passed ($mode)"
exit $failed
