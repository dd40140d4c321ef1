#!/bin/sh
# OSS-Fuzz / ClusterFuzzLite build of connotify's fuzz targets.
# Uses what the base-builder image sets: CC, CFLAGS (sanitizer and
# -fsanitize=fuzzer-no-link), LIB_FUZZING_ENGINE, OUT, and WORK for scratch.
# Leaves in $OUT, per target: the binary (no extension),
# <target>_seed_corpus.zip, <target>.dict and <target>.options.
# Source root: $CONNOTIFY_SRC, else the current directory when it holds
# fuzz/CMakeLists.txt (OSS-Fuzz runs from the Dockerfile's WORKDIR), else
# the checkout this script lives in.
set -eu

for v in CC LIB_FUZZING_ENGINE OUT; do
    eval "val=\${$v:-}"
    [ -n "$val" ] || { echo "build.sh: \$$v is not set (see the OSS-Fuzz base-builder image)" >&2; exit 2; }
done
CFLAGS=${CFLAGS:-}

if [ -n "${CONNOTIFY_SRC:-}" ]; then
    root=$CONNOTIFY_SRC
elif [ -f fuzz/CMakeLists.txt ]; then
    root=$(pwd)
else
    root=$(cd "$(dirname "$0")/../.." && pwd)
fi
[ -f "$root/fuzz/CMakeLists.txt" ] || { echo "build.sh: no connotify checkout at $root" >&2; exit 2; }

build=${WORK:-${TMPDIR:-/tmp}}/connotify-fuzz
jobs=${CONNOTIFY_JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$OUT"

echo "build.sh: configuring $root in $build"
# CFLAGS carry the sanitizers and coverage flags: none added here.
cmake -S "$root" -B "$build" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE= \
    -DCONNOTIFY_FUZZ=ON -DCONNOTIFY_SANITIZE=OFF -DCONNOTIFY_PATCHED_MPR=OFF \
    -DCONNOTIFY_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DCONNOTIFY_FUZZ_INSTRUMENT=
echo "build.sh: building (-j$jobs)"
cmake --build "$build" --target connotify_fuzzers -j "$jobs"

# One zip of a directory's files, flat: zip if present, else Python.
zip_dir() {
    rm -f "$2"
    if command -v zip >/dev/null 2>&1; then
        (cd "$1" && zip -q -X "$2" ./*)
    else
        (cd "$1" && python3 -m zipfile -c "$2" ./*)
    fi
}

n=0
while read -r t; do
    [ -n "$t" ] || continue
    cp "$build/fuzz/$t" "$OUT/$t"
    zip_dir "$root/fuzz/corpus/$t" "$OUT/${t}_seed_corpus.zip"
    cp "$root/fuzz/$t.dict" "$root/fuzz/$t.options" "$OUT/"
    echo "build.sh: $t -> $OUT"
    n=$((n + 1))
done < "$build/fuzz/fuzz-targets.txt"
[ "$n" -gt 0 ] || { echo "build.sh: no fuzz targets listed" >&2; exit 1; }
echo "build.sh: $n targets in $OUT"
