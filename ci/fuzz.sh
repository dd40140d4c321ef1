#!/bin/sh
# Fuzzing campaign over connotify's libFuzzer targets (fuzz/).
#   ci/fuzz.sh [-t SECONDS] [-j JOBS] [-o OUTDIR] [-b BUILDDIR] [-k HANG] [--into-seeds]
#              [--no-coverage] [TARGET...]
# Runs each target (default: all) for SECONDS (default 60) with JOBS
# libFuzzer jobs, in slices of at most 10 s so that progress (execs, exec/s,
# coverage, corpus size) is printed at least every 10 s. New inputs are
# merged (-merge=1) into OUTDIR/corpus/<target> (with --into-seeds: into
# fuzz/corpus/<target>, to commit them). Crashes land in
# OUTDIR/crashes/<target>/ with a one-line reproduction command each; an
# input running longer than HANG seconds (default 3) is saved as a hang
# (timeout-*) and ends the target's run, instead of stalling it. Ends
# with a coverage report of the core (reference/src) from a separate
# -fprofile-instr-generate -fcoverage-mapping build: text summary, HTML, and
# the line and branch percentages. Exit status: 1 when a target crashed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)

# --notifier DLL: fuzz a vendor's notifier DLL (vendorfuzz/vendorfuzz.sh,
# docs/vendor-fuzzing.md) instead of the core's targets.
for a in "$@"; do
    case $a in --notifier) exec sh "$root/vendorfuzz/vendorfuzz.sh" "$@" ;; esac
done

usage() {
    sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() { echo "fuzz.sh: $*" >&2; exit 2; }

secs=60 jobs=1 out=$root/build/fuzz-campaign build=$root/build/fuzz-native hang=3
into_seeds=0 coverage=1 targets=""
while [ $# -gt 0 ]; do
    case $1 in
    -t|--time) [ $# -ge 2 ] || usage; secs=$2; shift 2 ;;
    -j|--jobs) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
    -o|--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    -b|--build) [ $# -ge 2 ] || usage; build=$2; shift 2 ;;
    -k|--hang-limit) [ $# -ge 2 ] || usage; hang=$2; shift 2 ;;
    --into-seeds) into_seeds=1; shift ;;
    --no-coverage) coverage=0; shift ;;
    -h|--help) usage ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) targets="$targets $1"; shift ;;
    esac
done
case $secs in ''|*[!0-9]*) die "-t needs a whole number of seconds, not '$secs'" ;; esac
case $jobs in ''|*[!0-9]*) die "-j needs a whole number of jobs, not '$jobs'" ;; esac
[ "$secs" -gt 0 ] || die "-t must be at least 1"
[ "$jobs" -gt 0 ] || die "-j must be at least 1"
case $hang in ''|*[!0-9]*|0) die "-k needs a positive whole number of seconds, not '$hang'" ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
case $build in /*) ;; *) build=$(pwd)/$build ;; esac

pick() { for t in "$@"; do command -v "$t" 2>/dev/null && return 0; done; return 1; }
profdata=$(pick llvm-profdata-14 llvm-profdata) || die "llvm-profdata not found (Debian: llvm-14)"
llvmcov=$(pick llvm-cov-14 llvm-cov) || die "llvm-cov not found (Debian: llvm-14)"

echo "==== building the fuzz targets (clang, ASan+UBSan) in $build"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake --preset native -S "$root" -B "$build" >"$out/configure.log" 2>&1 ||
        { cat "$out/configure.log"; die "configure failed"; }
fi
list=$build/fuzz/fuzz-targets.txt
[ -f "$list" ] || cmake "$build" >/dev/null
all=$(tr '\n' ' ' <"$list")
[ -n "$targets" ] || targets=$all
for t in $targets; do
    case " $all " in *" $t "*) ;; *) die "unknown target '$t' (targets: $all)" ;; esac
done
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets >"$out/build.log" 2>&1 ||
    { tail -30 "$out/build.log"; die "build failed (log: $out/build.log)"; }

# Value of a key in the "DONE"/stats line of a libFuzzer log.
stat() { sed -n "s|.*[[:space:]]$2: \\([0-9]*\\).*|\\1|p" "$1" | tail -1; }

crashed=""
for t in $targets; do
    bin=$build/fuzz/$t
    seeds=$root/fuzz/corpus/$t
    if [ $into_seeds -eq 1 ]; then corpus=$seeds; else corpus=$out/corpus/$t; fi
    new=$out/run/$t/new
    crashes=$out/crashes/$t
    rm -rf "$new" "$out/run/$t/logs"
    mkdir -p "$corpus" "$new" "$crashes" "$out/run/$t/logs"
    maxlen=$(sed -n 's/^max_len *= *\([0-9]*\).*/\1/p' "$root/fuzz/$t.options")
    # libFuzzer's own hang limit is 1200 s: a hang would stall the campaign.
    set -- -print_final_stats=1 "-timeout=$hang" "-artifact_prefix=$crashes/" \
        "-dict=$root/fuzz/$t.dict"
    [ -z "$maxlen" ] || set -- "$@" "-max_len=$maxlen"
    [ "$jobs" -eq 1 ] || set -- "$@" "-jobs=$jobs" "-workers=$jobs"
    echo "==== $t: ${secs}s, $jobs job(s), corpus $corpus"
    done_s=0 execs=0 slice_no=0 status=0
    while [ "$done_s" -lt "$secs" ]; do
        slice=$((secs - done_s))
        [ "$slice" -le 10 ] || slice=10
        slice_no=$((slice_no + 1))
        logs=$out/run/$t/logs/$slice_no
        mkdir -p "$logs"
        # New inputs go to the first directory; all three are read.
        (cd "$logs" && "$bin" "$@" "-max_total_time=$slice" "$new" "$corpus" "$seeds" \
            >"$logs/fuzz.log" 2>&1) || status=$?
        done_s=$((done_s + slice))
        slice_execs=0 rate=0 cov=0 ft=0
        for log in "$logs"/*.log; do
            n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
            slice_execs=$((slice_execs + ${n:-0}))
            r=$(stat "$log" exec/s); rate=$((rate + ${r:-0}))
            c=$(stat "$log" cov); [ "${c:-0}" -le "$cov" ] || cov=$c
            f=$(stat "$log" ft); [ "${f:-0}" -le "$ft" ] || ft=$f
        done
        execs=$((execs + slice_execs))
        size=$(find "$new" "$corpus" -type f | wc -l)
        printf '%s %4ss/%ss  execs %s  exec/s %s  cov %s  ft %s  corpus %s\n' \
            "$t" "$done_s" "$secs" "$execs" "$rate" "$cov" "$ft" "$size"
        [ "$status" -eq 0 ] || break
    done
    found=$(find "$crashes" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
            -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
    if [ "$status" -ne 0 ] || [ -n "$found" ]; then
        crashed="$crashed $t"
        [ -n "$found" ] || echo "$t: libFuzzer exited with status $status; see $out/run/$t/logs"
        for f in $found; do
            line="$bin $f    # without libFuzzer: $build/fuzz/${t}_replay $f"
            grep -qF "$f" "$crashes/REPRODUCE" 2>/dev/null || echo "$line" >>"$crashes/REPRODUCE"
            echo "CRASH $t: $line"
        done
        grep -h -A3 'ERROR:\|FUZZ_ASSERT' "$out/run/$t/logs/$slice_no"/*.log 2>/dev/null | head -20 || true
    fi
    before=$(find "$corpus" -type f | wc -l)
    "$bin" -merge=1 "-timeout=$hang" "$corpus" "$new" >"$out/run/$t/merge.log" 2>&1 ||
        echo "$t: merge failed; see $out/run/$t/merge.log"
    after=$(find "$corpus" -type f | wc -l)
    echo "$t: merged -merge=1: corpus $before -> $after inputs"
done

if [ $coverage -eq 1 ]; then
    cov_build=$out/coverage-build
    report=$out/coverage
    echo "==== coverage of the core: instrumented replay build in $cov_build"
    rm -rf "$report"
    mkdir -p "$report/profraw"
    if [ ! -f "$cov_build/CMakeCache.txt" ]; then
        cmake -S "$root" -B "$cov_build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
            -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" \
            -DCONNOTIFY_FUZZ=OFF -DCONNOTIFY_SANITIZE=OFF -DCONNOTIFY_PATCHED_MPR=OFF \
            >"$report/configure.log" 2>&1 || { cat "$report/configure.log"; die "coverage configure failed"; }
    fi
    replays=""
    for t in $targets; do replays="$replays ${t}_replay"; done
    # shellcheck disable=SC2086
    cmake --build "$cov_build" -j2 --target $replays >"$report/build.log" 2>&1 ||
        { tail -30 "$report/build.log"; die "coverage build failed"; }
    objects=""
    for t in $targets; do
        if [ $into_seeds -eq 1 ]; then dirs=$root/fuzz/corpus/$t; else dirs="$out/corpus/$t $root/fuzz/corpus/$t"; fi
        # shellcheck disable=SC2086
        LLVM_PROFILE_FILE="$report/profraw/$t.profraw" "$cov_build/fuzz/${t}_replay" $dirs \
            >"$report/$t.replay.log" 2>&1 || echo "$t: replay failed; see $report/$t.replay.log"
        if [ -z "$objects" ]; then objects=$cov_build/fuzz/${t}_replay
        else objects="$objects -object $cov_build/fuzz/${t}_replay"; fi
    done
    "$profdata" merge -sparse "$report"/profraw/*.profraw -o "$report/core.profdata"
    # shellcheck disable=SC2086
    "$llvmcov" report $objects -instr-profile="$report/core.profdata" "$root"/reference/src/*.c \
        >"$report/summary.txt"
    # shellcheck disable=SC2086
    "$llvmcov" show $objects -instr-profile="$report/core.profdata" -format=html \
        -output-dir="$report/html" -show-branches=count "$root"/reference/src/*.c
    sed 's/^/  /' "$report/summary.txt"
    # Columns: regions(3) functions(3) lines(3) branches(3).
    awk '/^TOTAL/ { printf "core coverage: lines %s, branches %s\n", $10, $13 }
         /record_parse\.c/ { printf "parser (record_parse.c): lines %s, branches %s\n", $10, $13 }' \
        "$report/summary.txt"
    echo "coverage report: $report/summary.txt, $report/html/index.html"
fi

if [ -n "$crashed" ]; then
    echo "fuzz.sh: findings in:$crashed (see $out/crashes/*/REPRODUCE)"
    exit 1
fi
echo "fuzz.sh: no findings"
