#!/bin/sh
# side_by_side.sh: two gate runs at once in the same prefixes, each judged alone (CTest runs
# many): what one run's notifier leaves in the session must not be blamed on the other's.
#   side_by_side.sh EXPECT-ARGS-A... --and EXPECT-ARGS-B...
# Each side is an expect.sh command line; passes when both sides pass.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
for a in "$@"; do [ "$a" != --and ] || n=$((n + 1)); done
[ $n = 1 ] || { echo "side_by_side.sh: one --and between the two sides" >&2; exit 2; }
a_args=""
while [ "$1" != --and ]; do
    a_args="$a_args $(printf '%s' "$1" | sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/")"
    shift
done
shift
eval "sh \"\$here/expect.sh\" $a_args" >"$tmp/a" 2>&1 &
a_pid=$!
sh "$here/expect.sh" "$@" >"$tmp/b" 2>&1
b_rc=$?
wait "$a_pid"
a_rc=$?
sed 's/^/A: /' "$tmp/a"
sed 's/^/B: /' "$tmp/b"
echo "side_by_side: A status $a_rc, B status $b_rc"
[ $a_rc = 0 ] && [ $b_rc = 0 ]
