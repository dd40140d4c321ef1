#!/bin/sh
# prefix_lock_test.sh: prefix-lock.sh with real flock(1) between real processes: shared runs
# together, a rebuild waits for them, a waiting rebuild stops new runs, no child of a run
# keeps its lock, and a killed run leaves none. Exit status: the number of failed checks.
# shellcheck disable=SC2317 # ok and the EXIT trap run the helpers
set -u
here=$(cd "$(dirname "$0")" && pwd)
lib=$here/../prefix-lock.sh
tmp=$(mktemp -d) || exit 1
lock=$tmp/prefixes.lock
pids=""
cleanup() {
    for h in $pids; do kill "$h" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
failed=0
ok() { # MESSAGE COMMAND...
    m=$1
    shift
    if "$@"; then
        echo "prefix_lock_test: ok: $m"
    else
        echo "prefix_lock_test: FAIL: $m"
        failed=$((failed + 1))
    fi
}
# holder NAME MODE SECONDS [COMMAND]: a run in its own shell asking for the lock; it writes
# held or timeout to $tmp/NAME, then runs COMMAND (default: waits to be killed)
holder() {
    TMPDIR=$tmp sh -c '. "$1"; if prefix_lock "$3" "$4" "$5"; then echo held; else echo timeout
        fi >"$2"; eval "${6:-exec sleep 600}"' holder "$lib" "$tmp/$1" "$2" "$lock" "$3" "${4:-}" &
    pids="$pids $!"
    eval "pid_$1=\$!"
}
# state NAME SECONDS: what NAME wrote within SECONDS (empty: still waiting)
state() {
    i=0
    while [ ! -s "$tmp/$1" ] && [ $i -lt $(($2 * 10)) ]; do
        sleep 0.1
        i=$((i + 1))
    done
    cat "$tmp/$1" 2>/dev/null
}
is() { [ "$1" = "$2" ]; }
stop() { # NAME: the run ends (and is reaped: a zombie still counts as alive)
    eval "kill \$pid_$1"
    eval "wait \$pid_$1" 2>/dev/null
}

holder a shared 5
holder b shared 5
ok "two runs hold it shared together" is "$(state a 5) $(state b 5)" "held held"
holder x exclusive 1
ok "a rebuild waits for the runs (timeout after 1 s)" is "$(state x 5)" timeout
holder y exclusive 30
sleep 1
holder c shared 1
ok "a waiting rebuild stops a new run" is "$(state c 5)" timeout
ok "the rebuild still waits" is "$(state y 1)" ""
stop a
stop b
ok "the rebuild gets it when the runs end" is "$(state y 5)" held
holder d shared 30
ok "a run waits for the rebuild" is "$(state d 1)" ""
stop y
ok "then runs" is "$(state d 5)" held
stop d

# A child the run started (a wineserver, say) outlives it: it must not keep the lock.
holder e shared 5 "sleep 60 & echo \$! >$tmp/child; prefix_unlock; echo unlocked >$tmp/e.u
    exec sleep 600"
ok "a run with a child holds it" is "$(state e 5)" held
ok "and lets it go" is "$(state e.u 5)" unlocked
holder z exclusive 3
ok "the child does not keep it" is "$(state z 5)" held
stop z
stop e
kill "$(cat "$tmp/child")"

# A run killed outright (CTest's timeout): its holder ends within a second or two.
holder f shared 5
ok "a run holds it" is "$(state f 5)" held
eval "kill -9 \$pid_f"
eval "wait \$pid_f" 2>/dev/null
holder g exclusive 5
ok "a killed run leaves no lock" is "$(state g 8)" held
stop g
exit $failed
