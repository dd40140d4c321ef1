#!/bin/sh
# runner_test.sh: the runner's merge, dependency and exit-status logic against
# a fake driver (fake/cn_conform.sh) and a fake wine: no Wine needed.
#   runner_test.sh NOTIFIER.dll [PROGRAM.exe]
# NOTIFIER: any x86_64 DLL exporting AddConnectNotify and CancelConnectNotify
# (fx_good.dll); PROGRAM: any PE .exe (the bad-input check). One line per
# scenario; exit status = the number of failed scenarios.
# shellcheck disable=SC2317 # expect runs the helpers it is given
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dll=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") exe=${2:-}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/build/conformance"
cp "$here/fake/wine" "$here/fake/wineserver" "$tmp/bin/"
chmod +x "$tmp/bin/wine" "$tmp/bin/wineserver"
cp "$here/fake/cn_conform.sh" "$tmp/cn_conform.exe"
echo fake-mpr >"$tmp/mpr.dll"
: >"$tmp/provider.dll"
printf 'driver=%s\nprovider=%s\npatched_mpr=%s\nreference=%s\n' "$tmp/cn_conform.exe" \
    "$tmp/provider.dll" "$tmp/mpr.dll" "$dll" \
    >"$tmp/build/conformance/paths.env"
PATH=$tmp/bin:$PATH
# The fake, not the 64-bit loader run.sh would pick (ci/wineprefix.sh loader).
CONNOTIFY_WINE=$tmp/bin/wine
export PATH CONNOTIFY_WINE
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY FORCE_COLOR
failed=0 n=0

# scenario NAME: a fresh fake driver directory with the catalogue below
scenario() {
    n=$((n + 1)) name=$1
    FAKE_DIR=$tmp/fake-$n
    export FAKE_DIR
    mkdir -p "$FAKE_DIR"
    tr '|' '\t' >"$FAKE_DIR/catalogue.txt" <<'CAT'
CATALOGUE|2
CASE|load|1|DllMain must stay trivial
CASE|latency|1|-
CASE|add|1|-
CASE|names|1|names are caller data [doc]
CASE|mpr|1|-
CHECK|static.arch|static|doc|gate|-|PE machine|arch
CHECK|static.exports|static|doc|gate|-|plain exports|exports
CHECK|static.imports|static|design|report|-|light imports|imports
CHECK|load.time|load|design|gate|-|load time|loader lock
CHECK|load.modules|load|design|report|-|no LoadLibrary in DllMain|loader lock
CHECK|latency|latency|design|gate|-|latency|callers wait
CHECK|drive.add|add|doc|gate|latency|add sequence|add
CHECK|drive.returns|add|doc|gate|latency|WN_* returns|returns
CHECK|drive.names|names|doc|gate|latency|unusual names|names
CHECK|mpr.stock.dispatch|mpr|wine|report|-|stock MPR|Wine's gap
CHECK|mpr.patched.dispatch|mpr|doc|gate|-|patched MPR|real order
CHECK|mpr.patched.result|mpr|doc|gate|mpr.patched.dispatch|caller result|caller
CAT
}
# run ARGS...: the runner on the notifier; status in $rc, output in $tmp/out, $tmp/err
run() {
    sh "$root/ci/conformance.sh" --no-build --build-dir "$tmp/build" --results "$tmp/res.tsv" "$@" \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
verdict() { awk -F'\t' -v c="$1" '$1 == c { print $4 ": " $6 }' "$tmp/res.tsv"; }
# expect WHAT COMMAND...: the scenario fails when the command fails
expect() {
    what=$1
    shift
    "$@" && return 0
    echo "runner_test: FAIL: $name: $what" >&2
    bad=1
}
lacks() { ! grep -q -- "$1" "$2"; }
has() { printf '%s\n' "$1" | grep -Eq -- "$2"; }
done_scenario() {
    if [ "${bad:-0}" = 1 ]; then
        failed=$((failed + 1))
        sed 's/^/  | /' "$tmp/out" "$tmp/err" >&2
    else
        echo "runner_test: ok: $name"
    fi
    bad=0
}

scenario "all pass: exit 0, both MPR runs, todo not a failure"
echo 'result mpr.stock.dispatch todo "Wine never reads Notifyees"' >"$FAKE_DIR/case-mpr.sh"
run --notifier "$dll" --junit "$tmp/j.xml" --html "$tmp/r.html"
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "mpr.stock.dispatch todo" has "$(verdict mpr.stock.dispatch)" '^todo: '
expect "--expect stock and dispatch" has "$(cat "$FAKE_DIR/calls")" '--expect stock.*' 
expect "--expect dispatch" grep -q -- '--expect dispatch' "$FAKE_DIR/calls"
expect "JUnit time on every testcase" [ "$(grep -c '<testcase ' "$tmp/j.xml")" = \
    "$(grep -c '<testcase [^>]*time="' "$tmp/j.xml")" ]
expect "HTML written" grep -q '<section id="failures">' "$tmp/r.html"
expect "progress counter" grep -Eq '^conformance: \[1/6\] load' "$tmp/err"
done_scenario

scenario "no case through the patched MPR: Wine runs in the stock prefix only"
run --notifier "$dll" --only drive.add
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "one canary, in the stock prefix (got $(grep -c -- --catalogue "$FAKE_DIR/calls"))" \
    [ "$(grep -c -- --catalogue "$FAKE_DIR/calls")" = 1 ]
run --notifier "$dll" --only mpr.patched.dispatch
expect "a canary in each prefix (got $(grep -c -- --catalogue "$FAKE_DIR/calls") in all)" \
    [ "$(grep -c -- --catalogue "$FAKE_DIR/calls")" = 3 ]
done_scenario

scenario "worst verdict wins across cases; --keep-logs"
echo 'result drive.returns fail "names: AddConnectNotify PRE returned 1"' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --keep-logs "$tmp/logs"
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.returns fail" has "$(verdict drive.returns)" '^fail: names: '
expect "drive.names pass" has "$(verdict drive.names)" '^pass'
expect "logs kept" [ -f "$tmp/logs/names.out" ]
expect "rerun command" grep -q -- \
    "ci/conformance.sh --no-build --build-dir $tmp/build --notifier $dll --only drive.returns" \
    "$tmp/out"
done_scenario

scenario "a failed dependency: not judged, its cases not run"
echo 'result latency fail "blocks MPR: p50 2002 ms"' >"$FAKE_DIR/case-latency.sh"
run --notifier "$dll"
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.add notjudged" has "$(verdict drive.add)" \
    '^notjudged: latency failed \(see latency\)$'
expect "drive.names notjudged" has "$(verdict drive.names)" '^notjudged: latency failed'
expect "add not run" lacks 'add Z:' "$FAKE_DIR/calls"
expect "names not run" lacks 'names Z:' "$FAKE_DIR/calls"
expect "one FAIL in the failure block" grep -q '^The following checks FAILED (1):' "$tmp/out"
done_scenario

scenario "'too slow to judge (see latency)' stands when latency failed, else is incomplete"
echo 'result drive.names notjudged "a call took 691 ms in the fastest of 3 rounds: too slow to judge this case (see latency)"' \
    >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock
expect "latency passed: exit 3 (got $rc)" [ "$rc" = 3 ]
expect "drive.names incomplete, latency passed" has "$(verdict drive.names)" \
    '^incomplete: a call took 691 ms .*; latency did not fail in this run: slow here, not judged'
run --notifier "$dll" --mpr stock --only drive.names
expect "--only: exit 3 (got $rc)" [ "$rc" = 3 ]
expect "--only: drive.names incomplete" has "$(verdict drive.names)" \
    '^incomplete: .*; latency was not run: slow here'
printf '%s\n' 'result drive.add notjudged "2 caller results changed (see drive.returns)"' \
    'result drive.returns warn "PRE returned WN_ACCESS_DENIED"' >"$FAKE_DIR/case-add.sh"
run --notifier "$dll" --mpr stock
expect "a report that warned explains it" has "$(verdict drive.add)" '^notjudged: 2 caller'
rm "$FAKE_DIR/case-add.sh"
echo 'result latency fail "max 691 ms"' >"$FAKE_DIR/case-latency.sh"
run --notifier "$dll" --mpr stock
expect "latency failed: drive.names not judged" has "$(verdict drive.names)" '^notjudged: '
done_scenario

scenario "incomplete gate, no failure: exit 3"
echo 'result drive.add incomplete "the provider could not be registered"' >"$FAKE_DIR/case-add.sh"
run --notifier "$dll" --only drive.add,drive.returns
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "only two checks" [ "$(grep -c . "$tmp/res.tsv")" = 2 ]
expect "the block does not call it FAILED" \
    grep -q '^The following checks did not pass (0 failed, 1 could not be judged):' "$tmp/out"
done_scenario

scenario "the driver gives up (status 2 after an ERROR line): incomplete, the gate's fault"
cat >"$FAKE_DIR/case-names.sh" <<'CASE'
line 'STEP|lookalikes of the refused names'
line 'ERROR|out of memory for fenced buffers'
exit 2
CASE
run --notifier "$dll" --only drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "the driver's fault, not the arguments" has "$(verdict drive.names)" \
    "^incomplete: the driver gave up: out of memory for fenced buffers, during lookalikes of the refused names: the gate's fault, not the notifier's; no verdict$"
done_scenario

scenario "a crash: gate fail, the same crash elsewhere not judged, notifier frame, grouped (with or without symbol)"
cat >"$FAKE_DIR/case-load.sh" <<'CASE'
line 'STEP|LoadLibrary'
line 'CRASH|0xc0000005|NULL read|DllMain PROCESS_ATTACH|fx_good.dll+0x1a2b (DllMain+0x1b)'
exit 86
CASE
cat >"$FAKE_DIR/case-names.sh" <<'CASE'
line 'CRASH|0xc0000005|NULL read|AddConnectNotify PRE|fx_good.dll+0x1a2b'
exit 86
CASE
run --notifier "$dll" --html "$tmp/r.html"
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "load.time fail" has "$(verdict load.time)" \
    '^fail: crash: 0xc0000005: .*PROCESS_ATTACH; notifier frame fx_good.dll\+0x1a2b.*\[DllMain must'
expect "load.modules not judged" has "$(verdict load.modules)" '^notjudged: the same crash as load.time'
expect "grouped" grep -q \
    '^same crash (0xc0000005: fx_good.dll+0x1a2b (DllMain+0x1b)) in 2 checks:' "$tmp/out"
expect "frame line" grep -q '^      frame: fx_good.dll+0x1a2b (DllMain+0x1b)$' "$tmp/out"
expect "raw command" grep -q "^      raw:   WINEPREFIX=.* names Z:" "$tmp/out"
expect "HTML failure" grep -q 'id="fail-load.time"' "$tmp/r.html"
done_scenario

scenario "a crash in the unload case with a notifier frame: not given the unload hint"
printf 'CASE\tcycles\t1\tclose timers before unload\n' >>"$FAKE_DIR/catalogue.txt"
printf 'CHECK\tload.cycles\tcycles\tdesign\tgate\t-\tunload\tunload\n' \
    >>"$FAKE_DIR/catalogue.txt"
cat >"$FAKE_DIR/case-cycles.sh" <<'CASE'
line 'CRASH|0xc0000005|write into lpRemoteName|AddConnectNotify PRE|fx_good.dll+0x13c9'
exit 86
CASE
cat >"$FAKE_DIR/case-names.sh" <<'CASE'
line 'CRASH|0xc0000005|access violation|- (after FreeLibrary)|-'
exit 86
CASE
run --notifier "$dll"
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "load.cycles fail" has "$(verdict load.cycles)" \
    '^fail: crash: .*write into lpRemoteName.*notifier frame fx_good.dll\+0x13c9'
expect "no unload hint" lacks "close timers" "$tmp/res.tsv"
expect "no notifier frame: the case's hint" has "$(verdict drive.names)" \
    '\[names are caller data \[doc\]\]$'
done_scenario

scenario "EXIT and HANG lines name the call"
printf '%s\n' "line 'EXIT|3|exit()|AddConnectNotify POST (WN_BAD_NETNAME)'" 'exit 3' \
    >"$FAKE_DIR/case-add.sh"
printf '%s\n' "line 'HANG|AddConnectNotify PRE (empty lpLocalName)|5000|other'" 'exit 87' \
    >"$FAKE_DIR/case-names.sh"
printf '%s\n' "line 'HANG|LoadLibrary (DllMain PROCESS_ATTACH)|5000|first'" 'exit 87' \
    >"$FAKE_DIR/case-load.sh"
run --notifier "$dll"
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.add exit" has "$(verdict drive.add)" \
    'ended the process: exit\(\) with exit code 3, during AddConnectNotify POST'
expect "drive.names hang, its cause" has "$(verdict drive.names)" \
    '^fail: hang: AddConnectNotify PRE \(empty lpLocalName\) did not return within 5000 ms on a'
expect "drive.names: the hang's hint, not the case's" has "$(verdict drive.names)" \
    'other than the first caller.s, which was alive and idle \[a call that never returns: a lock'
expect "load.time: DllMain's hint" has "$(verdict load.time)" \
    '^fail: hang: LoadLibrary \(DllMain PROCESS_ATTACH\) did not return within 5000 ms \[DllMain'
done_scenario

scenario "canary fails in a prefix: exit 4 with Wine's line"
printf '%s\n' 'echo "wine: could not load kernel32.dll, status c0000135" >&2' 'exit 1' \
    >"$FAKE_DIR/canary.sh"
run --notifier "$dll"
expect "exit 4 (got $rc)" [ "$rc" = 4 ]
expect "Wine's line" grep -q \
    '^conformance: environment error: .*could not load kernel32.dll, status c0000135$' "$tmp/err"
expect "rebuilt once before giving up" grep -q 'the cached prefix does not run the driver' "$tmp/err"
done_scenario

scenario "a cached prefix damaged since it was made: rebuilt once, then the run goes on"
cat >"$FAKE_DIR/canary.sh" <<'CASE'
[ ! -f "$WINEPREFIX/damaged" ] || { echo \
    "wine: could not load kernel32.dll, status c0000135" >&2; exit 1; }
CASE
run --notifier "$dll" --only drive.add --mpr stock
touch "$tmp/build/conformance/prefix-stock/damaged"
run --notifier "$dll" --only drive.add --mpr stock
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "says it rebuilds" grep -q \
    '^conformance: the cached prefix does not run the driver (.*c0000135): rebuilding it$' \
    "$tmp/err"
expect "made again" [ ! -f "$tmp/build/conformance/prefix-stock/damaged" ]
done_scenario

scenario "a lone canary failure: tried again, the prefix is kept"
cat >"$FAKE_DIR/canary.sh" <<'CASE'
[ "$(grep -c catalogue "$FAKE_DIR/calls")" -ge 2 ] || { echo \
    "wine: could not load kernel32.dll, status c0000135" >&2; exit 1; }
CASE
touch "$tmp/build/conformance/prefix-stock/kept"
run --notifier "$dll" --only drive.add --mpr stock
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "no rebuild" [ -f "$tmp/build/conformance/prefix-stock/kept" ]
expect "silent" [ "$(grep -c rebuilding "$tmp/err")" = 0 ]
done_scenario

scenario "the reference beside another run's --reg marker: LogPath set in the prefixes only"
echo "# pid 1" >"$tmp/build/conformance/prefix-stock.vendor-reg"
run --only drive.add --mpr stock
rm -f "$tmp/build/conformance/prefix-stock.vendor-reg"
expect "not an environment error (got $rc)" [ "$rc" != 4 ]
expect "LogPath set" grep -q "LogPath" "$FAKE_DIR/admin"
done_scenario

scenario "unexplained end twice, canary fails: environment error"
printf '%s\n' 'echo "wine: something broke" >&2' 'exit 5' >"$FAKE_DIR/case-add.sh"
cat >"$FAKE_DIR/canary.sh" <<'CASE'
[ "$(grep -c catalogue "$FAKE_DIR/calls")" -lt 2 ] || { echo \
    "wine: could not load kernel32.dll" >&2; exit 1; }
CASE
run --notifier "$dll" --mpr stock
expect "exit 4 (got $rc)" [ "$rc" = 4 ]
expect "add run twice (calls: $(tr "\n" ";" <"$FAKE_DIR/calls"))" [ \
    "$(grep -c "add Z:" "$FAKE_DIR/calls")" = 2 ]
done_scenario

scenario "unexplained end twice, canary runs: the checks fail"
printf '%s\n' "line 'STEP|AddConnectNotify PRE'" 'echo "wine: something broke" >&2' 'exit 5' \
    >"$FAKE_DIR/case-add.sh"
run --notifier "$dll" --mpr stock
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.add fail" has "$(verdict drive.add)" \
    '^fail: process ended with status 5 and no crash report during AddConnectNotify PRE: wine: so'
expect "add run twice (calls: $(tr "\n" ";" <"$FAKE_DIR/calls"))" [ \
    "$(grep -c "add Z:" "$FAKE_DIR/calls")" = 2 ]
done_scenario

scenario "a case that prints nothing (Wine stalled before the driver ran): rerun, not blamed"
printf '%s\n' 'sleep 5' >"$FAKE_DIR/case-add.sh"
run --notifier "$dll" --mpr stock --timeout 1
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "drive.add incomplete" has "$(verdict drive.add)" \
    '^incomplete: the driver printed nothing, twice [(]status 124: timeout[)]: the notifier was'
expect "no hint about the notifier" lacks 'drive.add.*DllMain' "$tmp/res.tsv"
expect "add run twice" [ "$(grep -c "add Z:" "$FAKE_DIR/calls")" = 2 ]
expect "canary run" [ "$(grep -c catalogue "$FAKE_DIR/calls")" -ge 2 ]
done_scenario

scenario "a case out of time in its first step, LoadLibrary: the notifier is blamed"
printf '%s\n' "line 'STEP|LoadLibrary (DllMain PROCESS_ATTACH)|loader'" \
    "line 'OUTOFTIME|notifier|900|850|850|0'" 'exit 88' >"$FAKE_DIR/case-load.sh"
run --notifier "$dll" --mpr stock --timeout 1
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "load.time fail" has "$(verdict load.time)" \
    '^fail: timeout: no answer within 1 s [(]hang or deadlock[)] during LoadLibrary .*DllMain must'
expect "load run once" [ "$(grep -c "load Z:" "$FAKE_DIR/calls")" = 1 ]
done_scenario

scenario "out of time in its calls though none hung, latency not run: twice the time, own FAIL"
printf '%s\n' "line 'STEP|cycle 300 of 10000'" "line 'OUTOFTIME|notifier|55000|41000|20|0'" \
    'exit 88' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --timeout 1 --only drive.names --keep-logs "$tmp/kept"
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.names fail, latency not run" has "$(verdict drive.names)" \
    '^fail: the case did not finish within 2 s [(]during cycle 300 of 10000[)], though no call'
expect "the notifier's share named" has "$(verdict drive.names)" \
    'its calls are slow: 41[.]0 of 55[.]0 s inside notifier calls [(]see latency[)]'
expect "no hang hint" lacks 'a lock kept' "$tmp/res.tsv"
expect "names run twice" [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 2 ]
expect "the rerun said why" grep -q \
    'out of time in calls (latency not in this run): run again with 2 s' "$tmp/err"
expect "the driver's OUTOFTIME line is not the notifier's output" lacks 'state.stdout' \
    "$tmp/kept/verdicts.tsv"
done_scenario

scenario "out of time in calls latency passed: run again with twice the time, then judged"
# shellcheck disable=SC2016 # the fake case's own lines, expanded when it runs
printf '%s\n' 'if [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 1 ]; then' \
    "line 'STEP|cycle 300 of 10000'" "line 'OUTOFTIME|notifier|55000|41000|20|0'" 'exit 88' \
    'fi' >"$FAKE_DIR/case-names.sh"
# 4 s, not 1: the runner's timeout kills the fake case at its limit, and on a loaded machine
# (cc59) one second did not reach the fake's OUTOFTIME line.
run --notifier "$dll" --mpr stock --timeout 4 --only latency,drive.names
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "drive.names pass" has "$(verdict drive.names)" '^pass: fake pass$'
expect "names run twice" [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 2 ]
expect "the second run had twice the time" grep -q -- '--case-seconds 8 .*names Z:' \
    "$FAKE_DIR/calls"
expect "the rerun said" grep -q \
    'out of time in calls (within the latency budget): run again with 8 s' "$tmp/err"
done_scenario

scenario "out of time twice in calls latency passed: incomplete, with the longer time"
printf '%s\n' "line 'STEP|cycle 300 of 10000'" "line 'OUTOFTIME|notifier|55000|41000|20|0'" \
    'exit 88' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --timeout 4 --only latency,drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "drive.names incomplete" has "$(verdict drive.names)" \
    '^incomplete: the case did not finish within 8 s .*latency passed [(]calls within its budget[)]'
expect "names run twice" [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 2 ]
done_scenario

scenario "out of time in the driver and Wine: run again, then incomplete, never the notifier's"
printf '%s\n' "line 'STEP|cycle 300 of 10000'" "line 'OUTOFTIME|slow|55000|2500|30|0'" \
    'exit 88' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --only drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "drive.names incomplete" has "$(verdict drive.names)" \
    '^incomplete: the case did not finish within 120 s [(]during cycle 300 of 10000[)] in both'
expect "the share named" has "$(verdict drive.names)" \
    'only 2[.]5 of 55[.]0 s inside notifier calls: the time went to the driver and Wine'
expect "names run twice" [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 2 ]
done_scenario

scenario "a stall between calls: named, incomplete"
printf '%s\n' "line 'STEP|cycle 300 of 10000'" "line 'OUTOFTIME|stalled|55000|900|48000|0'" \
    'exit 88' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --only drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "drive.names incomplete, stall named" has "$(verdict drive.names)" \
    '^incomplete: .*no call began or ended for the last 48[.]0 s: the time went'
done_scenario

scenario "no word at all, not even from the driver's deadline: run again, then incomplete"
printf '%s\n' "line 'STEP|cycle 300 of 10000'" 'sleep 5' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --timeout 1 --only drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "drive.names incomplete" has "$(verdict drive.names)" \
    '^incomplete: the process stood still: no answer within 1 s during cycle 300 of 10000 in both'
expect "names run twice" [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 2 ]
done_scenario

scenario "a case out of time in a later LoadLibrary: stuck in the loader, not slow calls"
printf '%s\n' "line 'STEP|cycle 300 of 10000'" \
    "line 'STEP|LoadLibrary (DllMain PROCESS_ATTACH)|loader'" \
    "line 'OUTOFTIME|notifier|900|850|850|0'" 'exit 88' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --timeout 1 --only drive.names
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.names fail in the loader" has "$(verdict drive.names)" \
    '^fail: timeout: no answer within 1 s [(]hang or deadlock[)] during LoadLibrary .*earlier call'
expect "not blamed on slow calls" lacks 'its calls are slow' "$tmp/res.tsv"
expect "names run once: no more time for a hang in the loader" \
    [ "$(grep -c "names Z:" "$FAKE_DIR/calls")" = 1 ]
done_scenario

scenario "no word at all in a LoadLibrary once: run again, not blamed"
cat >"$FAKE_DIR/case-names.sh" <<'CASE'
if [ "$(grep -c " names " "$FAKE_DIR/calls")" -lt 2 ]; then
    line 'STEP|LoadLibrary (DllMain PROCESS_ATTACH)|loader'
    sleep 5
fi
CASE
run --notifier "$dll" --mpr stock --timeout 1 --only load.time,drive.names
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "run twice" [ "$(grep -c " names " "$FAKE_DIR/calls")" = 2 ]
expect "says so" grep -q 'out of time, not in notifier calls' "$tmp/err"
done_scenario

scenario "no word at all in a LoadLibrary every time: run twice, then incomplete"
printf '%s\n' "line 'STEP|LoadLibrary (DllMain PROCESS_ATTACH)|loader'" 'sleep 5' \
    >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --timeout 1 --only load.time,drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "run twice" [ "$(grep -c " names " "$FAKE_DIR/calls")" = 2 ]
expect "drive.names incomplete" has "$(verdict drive.names)" \
    '^incomplete: the process stood still: .*during LoadLibrary .*in both runs'
done_scenario

scenario "Wine stood still (the tick did not move): run again, then incomplete"
printf '%s\n' "line 'STEP|LoadLibrary (DllMain PROCESS_ATTACH)|loader'" \
    "line 'OUTOFTIME|wine|115000|60|114000|112000'" 'exit 88' >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock --only drive.names
expect "exit 3 (got $rc)" [ "$rc" = 3 ]
expect "run twice" [ "$(grep -c " names " "$FAKE_DIR/calls")" = 2 ]
expect "drive.names incomplete" has "$(verdict drive.names)" \
    "^incomplete: Wine stood still: .* in both runs, and for 112[.]0 of its 115[.]0 s Wine's"
done_scenario

scenario "a hang only on a thread other than the first caller's: one FAIL, then the same hang"
printf '%s\n' "line 'HANG|AddConnectNotify PRE (Y:)|20000|other'" 'exit 87' \
    >"$FAKE_DIR/case-add.sh"
printf '%s\n' "line 'HANG|AddConnectNotify PRE (%s)|20000|other'" 'exit 87' \
    >"$FAKE_DIR/case-names.sh"
run --notifier "$dll" --mpr stock
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "drive.add fail" has "$(verdict drive.add)" '^fail: hang: AddConnectNotify PRE [(]Y:[)]'
expect "drive.names the same hang" has "$(verdict drive.names)" \
    '^notjudged: the same hang as drive.add [(]see drive.add[)]'
done_scenario

scenario "--only with an unknown id lists the ids"
run --notifier "$dll" --only drive.nosuch
expect "exit 2 (got $rc)" [ "$rc" = 2 ]
expect "names it" grep -q "unknown check 'drive.nosuch'" "$tmp/err"
expect "lists ids" grep -q '^  mpr.patched.result$' "$tmp/err"
done_scenario

scenario "--help lists the check ids"
run --help
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "ids" grep -q '^  drive.nulllocal \[doc\] NULL lpLocalName' "$tmp/out"
expect "exit codes" grep -q '4 environment error' "$tmp/out"
done_scenario

scenario "a prefix made by another Wine is rebuilt"
FAKE_WINE_VERSION=wine-fake-2 run --notifier "$dll" --mpr stock
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "says so" grep -q \
    "was made for 'wine-fake-1; wine32 [a-z]*; graphics null; driver heap tail', the \
installed Wine is 'wine-fake-2; wine32 [a-z]*; graphics null; driver heap tail'" \
    "$tmp/err"
done_scenario

scenario "a Wine that prints no version: the cached prefix is kept, an environment error"
touch "$tmp/build/conformance/prefix-stock/kept"
FAKE_WINE_VERSION="" run --notifier "$dll" --mpr stock
expect "exit 4 (got $rc)" [ "$rc" = 4 ]
expect "says why" grep -q "printed nothing: Wine is missing or broken" "$tmp/err"
expect "prefix kept" [ -f "$tmp/build/conformance/prefix-stock/kept" ]
done_scenario

scenario "a relative --prefix-dir is made absolute (Wine takes no other)"
(cd "$tmp" && sh "$root/ci/conformance.sh" --no-build --build-dir "$tmp/build" \
    --prefix-dir build/conformance --notifier "$dll" --mpr stock >"$tmp/out" 2>"$tmp/err")
rc=$?
expect "exit 0 (got $rc)" [ "$rc" = 0 ]
expect "prefix there" [ -f "$tmp/build/conformance/prefix-stock/.connotify-key" ]
done_scenario

scenario "GitHub Actions: annotations and a job summary"
echo 'result drive.add fail "POST got no context"' >"$FAKE_DIR/case-add.sh"
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$tmp/summary.md run --notifier "$dll" --mpr stock
expect "exit 1 (got $rc)" [ "$rc" = 1 ]
expect "annotation" grep -q '^::error title=drive.add::POST got no context (rerun: ' "$tmp/out"
expect "summary" grep -q '^### Conformance: .*[*][*]FAIL[*][*]' "$tmp/summary.md"
done_scenario

scenario "bad input: missing file, not a PE, an .exe"
run --notifier "$tmp/nonexistent.dll"
expect "missing: exit 2" [ "$rc" = 2 ]
expect "missing: line" grep -q "^conformance: error: no such file: $tmp/nonexistent.dll$" "$tmp/err"
run --notifier "$FAKE_DIR/catalogue.txt"
expect "not a PE: exit 2" grep -q '^conformance: error: not a PE file' "$tmp/err"
if [ -n "$exe" ]; then
    run --notifier "$exe"
    expect "exe: exit 2 (got $rc)" [ "$rc" = 2 ]
    expect "exe: not a DLL" grep -q '^conformance: error: not a DLL' "$tmp/err"
fi
done_scenario

# A full disk: a 1 MiB tmpfs as TMPDIR (needs root to mount; CI runs as root).
if mkdir -p "$tmp/tiny" && mount -t tmpfs -o size=1m tmpfs "$tmp/tiny" 2>/dev/null; then
    scenario "too little space for the run's files: exit 4 before any case"
    TMPDIR=$tmp/tiny run --notifier "$dll"
    umount "$tmp/tiny"
    expect "exit 4 (got $rc)" [ "$rc" = 4 ]
    expect "says where and how much" grep -q \
        "^conformance: environment error: only [0-9]* KiB free for the run's files in $tmp/tiny" \
        "$tmp/err"
    expect "no case ran" [ ! -s "$FAKE_DIR/calls" ]
    done_scenario
else
    echo "runner_test: skip: full-disk scenario (cannot mount a tmpfs: not root)"
fi

echo "runner_test: $n scenarios, $failed failed"
exit $failed
