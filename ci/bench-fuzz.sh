#!/bin/sh
# Fuzzing benchmark: prints figures, gates nothing.
#   ci/bench-fuzz.sh [-t SECONDS] [-c COVERAGE_SECONDS] [-b BUILDDIR] [-o OUTDIR]
# 1. exec/s of each target and of fuzz_empty (same flags, same seeds, same
#    -max_len), run back to back for SECONDS each (default 15), and their ratio
#    (target: each >= 25% of the empty target).
# 2. line coverage of the core after COVERAGE_SECONDS (default 60) per target,
#    starting from the seed corpus (ci/fuzz.sh into a fresh directory;
#    target: the parser >= 95% of its lines). -c 0 skips this part.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "bench-fuzz.sh: $*" >&2; exit 2; }

secs=15 cov_secs=60 build=$root/build/fuzz-native out=$root/build/fuzz-bench
while [ $# -gt 0 ]; do
    case $1 in
    -t) [ $# -ge 2 ] || die "-t needs a value"; secs=$2; shift 2 ;;
    -c) [ $# -ge 2 ] || die "-c needs a value"; cov_secs=$2; shift 2 ;;
    -b) [ $# -ge 2 ] || die "-b needs a value"; build=$2; shift 2 ;;
    -o) [ $# -ge 2 ] || die "-o needs a value"; out=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done
case $secs in ''|*[!0-9]*|0) die "-t needs a positive whole number of seconds, not '$secs'" ;; esac
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

# exec/s of one run: binary, seed dir, max_len, log.
rate() {
    work=$(dirname "$4")/corpus-$(basename "$4" .log)
    rm -rf "$work"
    mkdir -p "$work"
    "$1" -max_total_time="$secs" -max_len="$3" -print_final_stats=1 "$work" "$2" >"$4" 2>&1 ||
        die "$(basename "$1") failed; see $4"
    sed -n 's/.*DONE .*exec\/s: \([0-9]*\).*/\1/p' "$4" | tail -1
}

echo "==== exec/s, ${secs}s each, 1 job, ASan+UBSan, from the seed corpus"
printf '%-20s %12s %12s %8s\n' target exec/s empty ratio
for t in $targets; do
    seeds=$root/fuzz/corpus/$t
    maxlen=$(sed -n 's/^max_len *= *\([0-9]*\).*/\1/p' "$root/fuzz/$t.options")
    e=$(rate "$build/fuzz/fuzz_empty" "$seeds" "${maxlen:-4096}" "$out/empty-$t.log")
    r=$(rate "$build/fuzz/$t" "$seeds" "${maxlen:-4096}" "$out/$t.log")
    printf '%-20s %12s %12s %7s%%\n' "$t" "$r" "$e" \
        "$(awk -v a="$r" -v b="$e" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }')"
done

if [ "$cov_secs" -gt 0 ]; then
    echo "==== line coverage of the core after ${cov_secs}s per target from the seeds"
    sh "$root/ci/fuzz.sh" -t "$cov_secs" -b "$build" -o "$out/campaign" >"$out/campaign.log" 2>&1 ||
        echo "(ci/fuzz.sh reported findings; see $out/campaign.log)"
    grep -E '^(core coverage|parser)' "$out/campaign.log" ||
        echo "no coverage figures; see $out/campaign.log"
fi
