#!/bin/sh
# repeat-conformance.sh: runs ci/conformance.sh N times on each notifier and
# prints, per notifier, how many runs gave each verdict table: a gate's
# verdict must not depend on the run (issue 10).
#   repeat-conformance.sh [--runs N] [--build-dir DIR] [--] [RUNNER-ARGS...] -- DLL...
# Without DLLs: the reference notifier and fixture fx_good.
# Exit: 0 every notifier gave one table in all runs, 1 it did not, 2 usage.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
runs=20
bdir=$root/build/mingw64
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --build-dir) bdir=${2:?--build-dir needs a directory}; shift 2 ;;
    --) shift; break ;;
    -*) echo "repeat-conformance: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
case $runs in ''|*[!0-9]*|0) echo "repeat-conformance: --runs needs a positive number" >&2; exit 2 ;; esac
extra=""
dlls=""
for a in "$@"; do
    case $a in --) ;; *.dll) dlls="$dlls $a" ;; *) extra="$extra $a" ;; esac
done
[ -n "$dlls" ] || dlls="reference $bdir/conformance/fixtures/fx_good.dll"
work=$(mktemp -d "${TMPDIR:-/tmp}/repeat.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
status=0
for dll in $dlls; do
    name=$(basename "$dll")
    notifier="--notifier $dll"
    [ "$dll" = reference ] && notifier=""
    : >"$work/tables"
    i=0
    total=0
    while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        start=$(date +%s)
        # shellcheck disable=SC2086 # option lists
        sh "$root/ci/conformance.sh" --no-build --build-dir "$bdir" $notifier $extra \
            --results "$work/r.tsv" >/dev/null 2>"$work/err"
        rc=$?
        took=$(($(date +%s) - start))
        total=$((total + took))
        # The table of verdicts: check id, verdict, exit status.
        t=$(cut -f1,4 "$work/r.tsv" 2>/dev/null | tr '\t\n' ':,')
        echo "rc=$rc $t" >>"$work/tables"
        echo "repeat-conformance: $name run $i/$runs: exit $rc ($took s)" >&2
    done
    distinct=$(sort "$work/tables" | uniq -c | sort -rn)
    n=$(printf '%s\n' "$distinct" | wc -l)
    echo "$name: $runs runs, $n distinct verdict table(s), mean $((total / runs)) s per run"
    printf '%s\n' "$distinct" | while read -r count rest; do
        echo "  $count x ${rest%% *} $(printf '%s' "$rest" | tr ',' '\n' | grep -cv ':pass$\|:skip$\|:todo$\|^$') non-pass: $(printf '%s' "$rest" | tr ',' '\n' | grep -v ':pass$\|:skip$\|:todo$\|^rc=' | tr '\n' ' ')"
    done
    [ "$n" = 1 ] || status=1
done
exit $status
