#!/bin/sh
# bench-vendorfuzz.sh: exec/s of the vendor fuzzer (vendorfuzz/) on the
# reference notifier against the floor: the same driver and host loop with
# the same guarded buffers and checks, calling nothing (vf_host --noop).
# Figures, not a test. See docs/vendor-fuzzing.md.
#
#   ci/bench-vendorfuzz.sh [-t SECONDS] [-j JOBS] [-r ROUNDS] [-n NOTIFIER]
#                          [-l LIFETIME_EVERY] [--reps N] [--corpus DIR]
#                          [--build-dir DIR] [--native-build-dir DIR] [--pin]
#
# Both parts start from one fixed corpus (default vendorfuzz/bench-corpus,
# grown once on the reference), so that runs compare:
# - replay: JOBS drivers in parallel each run every input REPS times
#   (default 100) on the notifier, then on the floor: the same inputs, so the
#   ratio is the cost of the notifier's calls alone;
# - fuzzing: ROUNDS (default 3) of JOBS drivers in parallel for SECONDS
#   (default 20) on the notifier, then on the floor, each from a copy of the
#   corpus; exec/s is the executed inputs of all jobs over the slice's wall
#   time. Prints each round, the medians and the ratio.
# -l: one call in N has its buffers retired (default 16, as the fuzzer).
# --pin: job i and the Wine host it starts run on core i modulo the cores
# (taskset), so a job's driver and host hand over on one core.
# Goal [design]: the notifier at least half the floor, and 10 000 exec/s
# on 2 cores.
set -u

die() { echo "bench-vendorfuzz: error: $*" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
wine=$(sh "$root/ci/wineprefix.sh" loader x86_64)
secs=20 jobs=2 rounds=3 cold=16 reps=100 notifier="" corpus=$root/vendorfuzz/bench-corpus
bdir=$root/build/mingw64 ndir=$root/build/native pin=0
while [ $# -gt 0 ]; do
    case $1 in
    -t) secs=${2:-}; shift 2 ;;
    -j) jobs=${2:-}; shift 2 ;;
    -r) rounds=${2:-}; shift 2 ;;
    -n) notifier=${2:-}; shift 2 ;;
    -l) cold=${2:-}; shift 2 ;;
    --reps) reps=${2:-}; shift 2 ;;
    --corpus) corpus=${2:-}; shift 2 ;;
    --build-dir) bdir=${2:-}; shift 2 ;;
    --native-build-dir) ndir=${2:-}; shift 2 ;;
    --pin) pin=1; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
    esac
done
for v in "$secs" "$jobs" "$rounds" "$cold" "$reps"; do
    case $v in ''|*[!0-9]*|0) die "-t, -j, -r, -l and --reps need positive numbers" ;; esac
done
[ -d "$corpus" ] || die "no corpus directory $corpus"
ninputs=$(find "$corpus" -maxdepth 1 -type f | wc -l)
[ "$ninputs" -ge 2 ] || die "the corpus $corpus has fewer than 2 inputs"
case $corpus in /*) ;; *) corpus=$(pwd)/$corpus ;; esac
case $bdir in /*) ;; *) bdir=$(pwd)/$bdir ;; esac
case $ndir in /*) ;; *) ndir=$(pwd)/$ndir ;; esac

vf() { sh "$root/vendorfuzz/vendorfuzz.sh" --build-dir "$bdir" --native-build-dir "$ndir" "$@"; }
if [ -z "$notifier" ]; then
    [ -f "$bdir/CMakeCache.txt" ] || (cd "$root" && cmake --preset mingw64 -B "$bdir" >/dev/null) ||
        die "configure failed"
    cmake --build "$bdir" -j2 --target connotify_notifier >/dev/null 2>&1 ||
        die "cannot build connotify_notifier"
    notifier=$(sed -n 's/^reference=//p' "$bdir/vendorfuzz/paths.env" 2>/dev/null)
    [ -n "$notifier" ] || cmake "$bdir" >/dev/null
    notifier=$(sed -n 's/^reference=//p' "$bdir/vendorfuzz/paths.env")
fi
[ -f "$notifier" ] || die "no notifier: $notifier"

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-vendorfuzz.XXXXXX") || die "no temporary directory"
trap 'rm -rf "$work"' EXIT
vf --notifier "$notifier" --time 1 --out "$work/check" --quiet >/dev/null 2>&1
case $? in
0|1) ;;
*) die "the vendor fuzzer does not run (try: ci/fuzz.sh --notifier $notifier --time 5)" ;;
esac
echo "bench-vendorfuzz: $(basename "$notifier"), corpus $corpus ($ninputs inputs), $jobs job(s)$([ "$pin" = 1 ] && echo ", pinned")"

host=$(sed -n 's/^host=//p' "$bdir/vendorfuzz/paths.env")
driver=$ndir/vendorfuzz/vf_driver
export WINEPREFIX="$bdir/vendorfuzz/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

cores=$(nproc)
run_driver() { # DIR NOOP SEED ARGS...: one driver in DIR, its output in DIR/log
    d=$1 noop=$2 seed=$3
    shift 3
    set -- "$driver" -max_len=4096 -seed="$seed" -timeout=20 "$@"
    if [ "$pin" = 1 ]; then
        set -- taskset -c $(((seed - 1) % cores)) "$@"
    fi
    (cd "$d" && VF_WINE=$wine VF_HOST=$host VF_DLL=$notifier VF_NOOP=$noop VF_COLD_EVERY=$cold \
        VF_SHM_DIR=$d/shm VF_JOBS=$jobs "$@" >log 2>&1)
}

replay() { # NOOP: prints inputs/s of JOBS drivers each running every input REPS times
    noop=$1
    i=0
    while [ $i -lt "$jobs" ]; do
        d=$work/replay-$i
        rm -rf "$d"
        mkdir -p "$d/shm"
        # shellcheck disable=SC2046 # one argument per input file
        run_driver "$d" "$noop" $((i + 1)) -runs="$reps" $(find "$corpus" -maxdepth 1 -type f |
            sort) &
        i=$((i + 1))
    done
    wait
    # libFuzzer times each input's REPS runs in whole ms, cut down (hence
    # + 0.5 each); the first input's time also holds the host's start, so
    # it is left out. Jobs run side by side: their rates add up.
    for log in "$work"/replay-*/log; do
        awk -v reps="$reps" '/^Executed / { n++; if (n > 1) { ms += $(NF - 1) + 0.5; k++ } }
            END { if (ms > 0) printf "%.3f\n", k * reps * 1000 / ms; else print "x" }' "$log"
    done | awk '/x/ { bad = 1 } { s += $1 }
        END { if (bad || NR == 0) print "x"; else printf "%.0f\n", s }'
}

slice() { # NOOP: prints exec/s of JOBS drivers in parallel
    noop=$1
    i=0
    start=$(date +%s.%N)
    while [ $i -lt "$jobs" ]; do
        d=$work/slice-$i
        rm -rf "$d"
        mkdir -p "$d/shm"
        cp -r "$corpus" "$d/corpus"
        run_driver "$d" "$noop" $((i + 1)) -max_total_time="$secs" -print_final_stats=1 corpus &
        i=$((i + 1))
    done
    wait
    end=$(date +%s.%N)
    n=$(cat "$work"/slice-*/log | sed -n 's/^stat::number_of_executed_units: *//p' |
        awk '{ s += $1 } END { print s + 0 }')
    awk -v n="$n" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f\n", n / (b - a) }'
}

ra=$(replay 0)
rb=$(replay 1)
case "$ra$rb" in
*x*)
    for log in "$work"/replay-*/log; do
        echo "bench-vendorfuzz: $log ends:" >&2
        tail -n 5 "$log" >&2
    done
    die "a replay did not run (see ci/fuzz.sh --notifier $notifier --time 5)" ;;
esac
awk -v a="$ra" -v b="$rb" -v k="$reps" 'BEGIN {
    printf "replay (%d runs of each input): notifier %d inputs/s, floor %d inputs/s: ratio %.2f\n",
        k, a, b, (b > 0) ? a / b : 0
}'
: >"$work/ref" && : >"$work/floor"
r=1
while [ $r -le "$rounds" ]; do
    a=$(slice 0)
    b=$(slice 1)
    echo "$a" >>"$work/ref"
    echo "$b" >>"$work/floor"
    echo "round $r: notifier $a exec/s, floor $b exec/s"
    r=$((r + 1))
done
median() {
    sort -n "$1" | awk '{ v[NR] = $1 }
        END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ref=$(median "$work/ref")
floor=$(median "$work/floor")
awk -v r="$ref" -v f="$floor" -v j="$jobs" -v l="$cold" -v n="$(basename "$notifier")" 'BEGIN {
    ratio = f > 0 ? r / f : 0
    printf "bench-vendorfuzz: %s %d exec/s, floor %d exec/s", n, r, f
    printf " (median, %d jobs, one call in %d cold): ratio %.2f\n", j, l, ratio
    half = (ratio >= 0.5) ? "met" : "not met"
    fast = (r >= 10000) ? "met" : "not met"
    printf "bench-vendorfuzz: goal ratio >= 0.50: %s; goal 10000 exec/s: %s\n", half, fast
}'
