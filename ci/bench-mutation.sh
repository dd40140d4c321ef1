#!/bin/sh
# Mutation benchmark of the fuzz targets: prints figures, gates nothing.
#   ci/bench-mutation.sh [-t SECONDS] [-k HANG] [-p PATCHDIR] [-H REV] [-o OUTDIR]
#                        [--every-target] [--no-baseline] [PATCH...]
# Each patch of PATCHDIR (default fuzz/mutations/*.patch, or the PATCHes
# named) plants one bug in reference/src. For each: a temporary copy of the
# committed tree (git HEAD; fuzz/ as in the working tree) with that patch
# alone, the native libFuzzer targets built there (clang, ASan+UBSan), then
# each target from its seed corpus for at most
# SECONDS (default 20) with a hang limit of HANG seconds (default 3, as
# ci/fuzz.sh), until one reports (crash, sanitizer, FUZZ_ASSERT, hang, leak).
# Prints per patch found or missed, the target and the time to find, then
# found/total and the mean time to find. -H REV takes fuzz/ from git
# revision REV (an older harness) instead of the working tree;
# --every-target runs all targets even after a finding. First, unless
# --no-baseline, every target runs SECONDS on the unpatched tree: a finding
# there is a false alarm and voids the score (exit 1). Exit 2: bad usage.
set -eu
# All of it in one function: sh reads a script as it runs, and the whole
# function is read first, so editing this file cannot disturb a run.
main() {
root=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "bench-mutation.sh: $*" >&2; exit 2; }

secs=20 hang=3 patchdir=$root/fuzz/mutations rev="" out=$root/build/mutation-bench
every=0 baseline=1 patches=""
while [ $# -gt 0 ]; do
    case $1 in
    -t) [ $# -ge 2 ] || die "-t needs a value"; secs=$2; shift 2 ;;
    -k) [ $# -ge 2 ] || die "-k needs a value"; hang=$2; shift 2 ;;
    -p) [ $# -ge 2 ] || die "-p needs a value"; patchdir=$2; shift 2 ;;
    -H) [ $# -ge 2 ] || die "-H needs a value"; rev=$2; shift 2 ;;
    -o) [ $# -ge 2 ] || die "-o needs a value"; out=$2; shift 2 ;;
    --every-target) every=1; shift ;;
    --no-baseline) baseline=0; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) [ -f "$1" ] || die "no such patch: $1"
       patches="$patches $(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift ;;
    esac
done
case $secs in ''|*[!0-9]*|0) die "-t needs a positive whole number of seconds, not '$secs'" ;; esac
case $hang in ''|*[!0-9]*|0) die "-k needs a positive whole number of seconds, not '$hang'" ;; esac
if [ -z "$patches" ]; then
    [ -d "$patchdir" ] || die "no patch directory $patchdir"
    patchdir=$(cd "$patchdir" && pwd)
    patches=$(find "$patchdir" -maxdepth 1 -name '*.patch' | sort | tr '\n' ' ')
    [ -n "$patches" ] || die "no *.patch in $patchdir"
fi
command -v clang >/dev/null 2>&1 || die "clang not found (ci/bootstrap.sh installs it)"
command -v patch >/dev/null 2>&1 || die "patch not found (Debian: patch)"
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

tree=$out/tree build=$out/tree-build
rm -rf "$out"
mkdir -p "$tree" "$out/runs"
# The committed tree (HEAD), with fuzz/ of the working tree, or of REV.
git -C "$root" archive HEAD | (cd "$tree" && tar -xf -)
rm -rf "$tree/fuzz"
if [ -n "$rev" ]; then
    git -C "$root" rev-parse --verify -q "$rev^{commit}" >/dev/null || die "no git revision '$rev'"
    git -C "$root" archive "$rev" fuzz | (cd "$tree" && tar -xf -)
else
    cp -r "$root/fuzz" "$tree/fuzz"
fi
cp -r "$tree/reference/src" "$out/pristine-src"

echo "==== configuring the native fuzz build in $build"
cmake -S "$tree" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCONNOTIFY_SANITIZE=ON -DCONNOTIFY_FUZZ=ON -DCONNOTIFY_PATCHED_MPR=OFF \
    >"$out/configure.log" 2>&1 || { tail -20 "$out/configure.log"; die "configure failed"; }
targets=$(tr '\n' ' ' <"$build/fuzz/fuzz-targets.txt")

build_targets() {
    # shellcheck disable=SC2086
    cmake --build "$build" -j2 --target $targets >"$1" 2>&1
}

# One target for at most $secs: prints "found SECONDS KIND" or "missed".
run_target() {
    t=$1 dir=$2
    mkdir -p "$dir/corpus" "$dir/artifacts"
    maxlen=$(sed -n 's/^max_len *= *\([0-9]*\).*/\1/p' "$tree/fuzz/$t.options")
    # libFuzzer stops at the first finding, but -max_total_time does not end
    # a hung input: past its time (and a shorter hang limit) the run is killed.
    limit=$((secs + 5))
    [ "$hang" -gt "$secs" ] || limit=$((limit + hang))
    t0=$(date +%s%N)
    status=0
    timeout -s KILL "$limit" "$build/fuzz/$t" -max_total_time="$secs" \
        -timeout="$hang" -max_len="${maxlen:-4096}" -dict="$tree/fuzz/$t.dict" \
        -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
        "$dir/corpus" "$tree/fuzz/corpus/$t" >"$dir/fuzz.log" 2>&1 || status=$?
    t1=$(date +%s%N)
    # A finding is what libFuzzer saved (crash-, timeout-, leak-, oom-...).
    art=$(find "$dir/artifacts" -type f | head -1)
    if [ -z "$art" ]; then
        echo "missed $status"
        return
    fi
    kind=$(basename "$art" | sed 's/-.*//')
    awk -v ms=$(((t1 - t0) / 1000000)) -v k="$kind" \
        'BEGIN { printf "found %.1f %s\n", ms / 1000, k }'
}

# What the finding says: the first assertion or sanitizer line.
reason() {
    grep -a -m1 -E 'FUZZ_ASSERT|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$1" |
        sed 's/^.*FUZZ_ASSERT/FUZZ_ASSERT/; s/^==[0-9]*==//' | cut -c1-160
}

echo "==== building the unpatched targets: $targets"
build_targets "$out/build-clean.log" || { tail -30 "$out/build-clean.log"; die "build failed"; }

if [ "$baseline" -eq 1 ]; then
    echo "==== baseline: each target ${secs}s on the unpatched tree (a finding voids the score)"
    false_alarm=0
    for t in $targets; do
        res=$(run_target "$t" "$out/runs/baseline/$t")
        case $res in
        found*)
            printf '  %-22s %s\n' "$t" "$res"
            echo "    $(reason "$out/runs/baseline/$t/fuzz.log")"
            false_alarm=1 ;;
        *) printf '  %-22s no finding\n' "$t" ;;
        esac
    done
    if [ "$false_alarm" -eq 1 ]; then
        echo "bench-mutation.sh: findings on the unpatched tree: no score" \
            "(logs: $out/runs/baseline)"
        exit 1
    fi
fi

echo "==== ${secs}s per target, hang limit ${hang}s, harness ${rev:-of the working tree}"
printf '%-30s %-6s %-20s %8s  %s\n' patch result target seconds kind
total=0 found=0 sum=0 touched=""
results=$out/results.txt
: >"$results"
for p in $patches; do
    name=$(basename "$p" .patch)
    total=$((total + 1))
    # Back to the pristine sources (fresh mtimes: make rebuilds them).
    for f in $touched; do cp "$out/pristine-src/$f" "$tree/reference/src/$f"; done
    touched=$(sed -n 's|^+++ b/reference/src/\([^[:space:]]*\).*|\1|p' "$p" | tr '\n' ' ')
    if [ -z "$touched" ] || ! (cd "$tree" && patch -p1 -s --no-backup-if-mismatch <"$p") \
        >"$out/runs/$name.patch.log" 2>&1; then
        printf '%-30s %-6s %s\n' "$name" error \
            "patch does not apply to reference/src (see $out/runs)"
        echo "$name error" >>"$results"
        continue
    fi
    if ! build_targets "$out/runs/$name.build.log"; then
        printf '%-30s %-6s %s\n' "$name" error "build failed (see $out/runs/$name.build.log)"
        echo "$name error" >>"$results"
        continue
    fi
    hit="" first=""
    for t in $targets; do
        res=$(run_target "$t" "$out/runs/$name/$t")
        # shellcheck disable=SC2086
        set -- $res
        if [ "$1" = found ]; then
            [ -n "$hit" ] || { hit="$t $2 $3"; first=$t; }
            [ "$every" -eq 1 ] || break
        fi
    done
    if [ -n "$hit" ]; then
        # shellcheck disable=SC2086
        set -- $hit
        found=$((found + 1))
        sum=$(awk -v a="$sum" -v b="$2" 'BEGIN { print a + b }')
        printf '%-30s %-6s %-20s %8s  %s\n' "$name" found "$1" "$2" "$3"
        echo "    $(reason "$out/runs/$name/$first/fuzz.log")"
        echo "$name found $1 $2 $3" >>"$results"
    else
        printf '%-30s %-6s %-20s %8s\n' "$name" missed - ">$secs"
        echo "$name missed" >>"$results"
    fi
done
mean=$(awk -v s="$sum" -v n="$found" 'BEGIN { printf "%.1f", n ? s / n : 0 }')
echo "score: $found/$total planted bugs found within ${secs}s per target" \
    "(mean time to find ${mean}s)"
}

main "$@"; exit
