#!/bin/sh
# Prints the cost of one WNetAddConnection2W + WNetCancelConnection2W cycle
# through the patched mpr.dll under Wine, with no notifier, with the
# reference notifier (logging to a file) and with the probe, measured in one
# run, interleaved, and their ratios. Figures, not a test: exits 0 unless
# something cannot be built or run.
#   bench-mpr.sh [BUILD_DIR] [CYCLES] [REPEATS]
# BUILD_DIR: an x86_64 MinGW build (default build/mingw64; configured with
# the mingw64 preset when missing). Target: the reference notifier adds at
# most 25% to a cycle.
set -eu
cd "$(dirname "$0")/.."

build=${1:-build/mingw64}
cycles=${2:-1000}
repeats=${3:-3}
rounds=5
die() { echo "bench-mpr: $*" >&2; exit 1; }
case $cycles$repeats in *[!0-9]*) die "CYCLES and REPEATS must be numbers" ;; esac
if [ "$cycles" -lt 1 ] || [ "$repeats" -lt 1 ]; then die "CYCLES and REPEATS must be at least 1"; fi
wine=$(sh "$(dirname "$0")/wineprefix.sh" loader x86_64)
command -v "$wine" >/dev/null 2>&1 || die "wine not found; run ci/bootstrap.sh"

if [ ! -f "$build/CMakeCache.txt" ]; then
    echo "bench-mpr: configuring $build (preset mingw64)"
    cmake --preset mingw64 -B "$build" >/dev/null || die "configure failed"
fi
grep -q '^CMAKE_TOOLCHAIN_FILE.*mingw-w64-x86_64' "$build/CMakeCache.txt" || die "$build is not an x86_64 MinGW build"
echo "bench-mpr: building mpr_patched, bench_cycle and the wine-tests DLLs in $build"
cmake --build "$build" -j2 --target mpr_patched bench_cycle wtest_bin >/dev/null ||
    die "build failed (run: cmake --build $build --target mpr_patched bench_cycle)"

build=$(cd "$build" && pwd)
dll=$build/wine-patch/mpr.dll
exe=$build/wine-patch/tests/bench_cycle.exe
bin=$build/wine-tests/bin
reg=$PWD/wine-tests/reg/connotify.reg
for f in "$dll" "$exe" "$bin/connotify_notifier.dll"; do
    [ -f "$f" ] || die "missing $f"
done

# A private prefix, rebuilt only when mpr.dll or the registrations change.
prefix=$build/wineprefix-bench
stamp=$(cat "$dll" "$reg" | cksum)
if [ "$(cat "$prefix/.bench-stamp" 2>/dev/null)" != "$stamp" ]; then
    sh ci/wineprefix.sh setup "$prefix" --native "$dll" "$reg" || die "prefix setup failed"
    echo "$stamp" > "$prefix/.bench-stamp"
fi

export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
CONNOTIFY_BIN=$(winepath -w "$bin" 2>/dev/null)
CONNOTIFY_LOG=$(winepath -w "$build/wine-patch/bench.jsonl" 2>/dev/null)
export CONNOTIFY_BIN CONNOTIFY_LOG

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "bench-mpr: $repeats x (none, reference, probe), $rounds rounds of $cycles cycles each"
for r in $(seq "$repeats"); do
    for mode in none reference probe; do
        rm -f "$build/wine-patch/bench.jsonl"
        line=$("$wine" "$exe" --mode "$mode" --cycles "$cycles" --rounds "$rounds") ||
            die "bench_cycle --mode $mode failed: $line"
        echo "  [$r/$repeats] $line"
        echo "$line" >> "$results"
    done
done
wineserver -k 2>/dev/null || true
rm -f "$build/wine-patch/bench.jsonl"

# Median per mode of the per-process medians, then the ratios.
awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      n[f["mode"]]++; v[f["mode"], n[f["mode"]]] = f["us_per_cycle"] + 0 }
    function median(m,   i, j, t, k, a) {
        k = n[m]; for (i = 1; i <= k; i++) a[i] = v[m, i]
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END {
        base = median("none"); ref = median("reference"); probe = median("probe")
        printf "\n%-10s %14s %10s %10s\n", "notifier", "us per cycle", "ratio", "added"
        printf "%-10s %14.3f %10.2f %9.1f%%\n", "none", base, 1, 0
        printf "%-10s %14.3f %10.2f %9.1f%%\n", "reference", ref, ref / base, (ref / base - 1) * 100
        printf "%-10s %14.3f %10.2f %9.1f%%\n", "probe", probe, probe / base, (probe / base - 1) * 100
        added = (ref / base - 1) * 100
        printf "\nreference notifier adds %.1f%% to a cycle (target: at most 25%%): %s\n",
               added, added <= 25 ? "met" : "NOT met"
    }' "$results"
