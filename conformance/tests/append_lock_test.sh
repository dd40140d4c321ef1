#!/bin/sh
# append_lock_test.sh PROGRAM.exe: two processes append 20000 lines each to one
# file, first without the driver's append lock, then with it. With it, all
# 40000 lines are whole, or the test fails. Without it, Wine loses lines
# (measured: 8882 of 40000) where Windows keeps them: printed as Wine's gap;
# when Wine keeps them all, the test fails so that append_lock.h is revisited.
set -u
exe=$1
wine=$(sh "$(dirname "$0")/../../ci/wineprefix.sh" loader x86_64) || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
winfile() { printf 'Z:%s' "$1" | sed 's|/|\\|g'; }
whole() { # FILE: the count of whole lines
    tr -d '\r' <"$1" | grep -cE '^(AAAA|BBBB)[01] line [0-9]{6} of a whole record$'
}
run() { # LOCKED FILE
    f=$(winfile "$2")
    "$wine" "$exe" "$f" "AAAA$1" "BBBB$1" "$1" &
    a=$!
    "$wine" "$exe" "$f" "BBBB$1" "AAAA$1" "$1"
    b=$?
    wait $a || return 1
    return $b
}
WINEDEBUG=-all
export WINEDEBUG
run 0 "$tmp/plain.log" || { echo "append_lock_test: FAIL: the unlocked run failed"; exit 1; }
run 1 "$tmp/locked.log" || { echo "append_lock_test: FAIL: the locked run failed"; exit 1; }
plain=$(whole "$tmp/plain.log")
locked=$(whole "$tmp/locked.log")
echo "append_lock_test: whole lines of 40000: $plain without the lock, $locked with it"
status=0
[ "$locked" = 40000 ] || { echo "append_lock_test: FAIL: lines lost with the lock"; status=1; }
if [ "$plain" = 40000 ]; then
    echo "append_lock_test: FAIL (todo fixed): Wine kept every line without the lock;" \
        "append_lock.h's reason is gone"
    status=1
fi
exit $status
