#!/bin/sh
# Fuzzing benchmark: prints figures, gates nothing. Speed and coverage only:
# whether the targets find bugs is ci/bench-mutation.sh's measure.
#   ci/bench-fuzz.sh [-t SECONDS] [-r ROUNDS] [-c COVERAGE_SECONDS] [-b BUILDDIR] [-o OUTDIR]
# 1. exec/s of each target and of fuzz_empty (same flags, same seeds, same
#    -max_len), SECONDS each (default 15) in ROUNDS alternating slices
#    (default 3; each binary keeps its corpus between its slices), so load
#    from other users of the machine hits both alike; and their ratio
#    (target: each >= 25% of the empty target).
# 2. line coverage of the core after COVERAGE_SECONDS (default 60) per target,
#    starting from the seed corpus (ci/fuzz.sh into a fresh directory;
#    target: the parser >= 95% of its lines). -c 0 skips this part.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "bench-fuzz.sh: $*" >&2; exit 2; }

secs=15 rounds=3 cov_secs=60 build=$root/build/fuzz-native out=$root/build/fuzz-bench
while [ $# -gt 0 ]; do
    case $1 in
    -t) [ $# -ge 2 ] || die "-t needs a value"; secs=$2; shift 2 ;;
    -r) [ $# -ge 2 ] || die "-r needs a value"; rounds=$2; shift 2 ;;
    -c) [ $# -ge 2 ] || die "-c needs a value"; cov_secs=$2; shift 2 ;;
    -b) [ $# -ge 2 ] || die "-b needs a value"; build=$2; shift 2 ;;
    -o) [ $# -ge 2 ] || die "-o needs a value"; out=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done
case $secs in ''|*[!0-9]*|0) die "-t needs a positive whole number of seconds, not '$secs'" ;; esac
case $rounds in ''|*[!0-9]*|0) die "-r needs a positive whole number, not '$rounds'" ;; esac
[ "$rounds" -le "$secs" ] || die "-r $rounds: more rounds than seconds (-t $secs)"
case $cov_secs in ''|*[!0-9]*) die "-c needs a whole number of seconds, not '$cov_secs'" ;; esac
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
rm -rf "$out"
mkdir -p "$out"

if [ ! -f "$build/CMakeCache.txt" ]; then
    echo "building the fuzz targets in $build"
    cmake --preset native -S "$root" -B "$build" >"$out/configure.log" 2>&1 ||
        { cat "$out/configure.log"; die "configure failed"; }
fi
cmake --build "$build" -j2 --target connotify_fuzzers >"$out/build.log" 2>&1 ||
    { tail -30 "$out/build.log"; die "build failed"; }
targets=$(tr '\n' ' ' <"$build/fuzz/fuzz-targets.txt")

# One slice: binary, seed dir, max_len, corpus dir (kept between slices),
# log; prints "executions milliseconds" (wall clock, startup included).
slice() {
    mkdir -p "$4"
    t0=$(date +%s%N)
    "$1" -max_total_time="$slice_secs" -max_len="$3" -print_final_stats=1 "$4" "$2" >"$5" 2>&1 ||
        die "$(basename "$1") failed; see $5"
    t1=$(date +%s%N)
    echo "$(sed -n 's/^stat::number_of_executed_units: *//p' "$5" | tail -1) $(((t1 - t0) / 1000000))"
}

slice_secs=$((secs / rounds))
echo "==== exec/s, ${secs}s each in $rounds alternating slices, 1 job, ASan+UBSan, from the seed corpus"
printf '%-20s %12s %12s %8s\n' target exec/s empty ratio
for t in $targets; do
    seeds=$root/fuzz/corpus/$t
    maxlen=$(sed -n 's/^max_len *= *\([0-9]*\).*/\1/p' "$root/fuzz/$t.options")
    rm -rf "$out/corpus-empty-$t" "$out/corpus-$t"
    e=0 e_ms=0 r=0 r_ms=0 i=0
    while [ "$i" -lt "$rounds" ]; do
        i=$((i + 1))
        # A failing slice exits the script here (set -e), with its message.
        res=$(slice "$build/fuzz/fuzz_empty" "$seeds" "${maxlen:-4096}" "$out/corpus-empty-$t" \
              "$out/empty-$t.$i.log")
        # shellcheck disable=SC2086 # "executions milliseconds"
        set -- $res
        e=$((e + ${1:-0})) e_ms=$((e_ms + ${2:-0}))
        res=$(slice "$build/fuzz/$t" "$seeds" "${maxlen:-4096}" "$out/corpus-$t" "$out/$t.$i.log")
        # shellcheck disable=SC2086
        set -- $res
        r=$((r + ${1:-0})) r_ms=$((r_ms + ${2:-0}))
    done
    awk -v t="$t" -v r="$r" -v rm="$r_ms" -v e="$e" -v em="$e_ms" 'BEGIN {
        a = rm ? 1000 * r / rm : 0; b = em ? 1000 * e / em : 0
        printf "%-20s %12d %12d %7.1f%%\n", t, a, b, b ? 100 * a / b : 0 }'
done

if [ "$cov_secs" -gt 0 ]; then
    echo "==== line coverage of the core after ${cov_secs}s per target from the seeds"
    sh "$root/ci/fuzz.sh" -t "$cov_secs" -b "$build" -o "$out/campaign" >"$out/campaign.log" 2>&1 ||
        echo "(ci/fuzz.sh reported findings; see $out/campaign.log)"
    grep -E '^(core coverage|parser)' "$out/campaign.log" ||
        echo "no coverage figures; see $out/campaign.log"
fi
