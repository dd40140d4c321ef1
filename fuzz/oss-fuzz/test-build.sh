#!/bin/sh
# Runs build.sh as the OSS-Fuzz base-builder image would (SANITIZER=address,
# FUZZING_ENGINE=libfuzzer), then checks what it left in $OUT.
#   test-build.sh SCRATCH_DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 SCRATCH_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
scratch=$1
rm -rf "$scratch"
mkdir -p "$scratch/out" "$scratch/work"

export CC=clang
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
export OUT="$scratch/out" WORK="$scratch/work" CONNOTIFY_JOBS=2
unset CONNOTIFY_SRC
(cd "$here/../.." && sh "$here/build.sh")

fail=0
bad() { echo "FAIL: $*"; fail=1; }
targets=$(tr "\n" " " < "$WORK/connotify-fuzz/fuzz/fuzz-targets.txt")
for t in $targets; do
    [ -x "$OUT/$t" ] || bad "$t: no executable \$OUT/$t"
    for f in "${t}_seed_corpus.zip" "$t.dict" "$t.options"; do
        [ -s "$OUT/$f" ] || bad "$t: missing or empty \$OUT/$f"
    done
    grep -q '^\[libfuzzer\]' "$OUT/$t.options" || bad "$t.options has no [libfuzzer] section"
    want=$(find "$here/../corpus/$t" -type f | wc -l)
    got=$(python3 -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' \
          "$OUT/${t}_seed_corpus.zip" 2>/dev/null || echo 0)
    [ "$got" -eq "$want" ] || bad "$t: seed zip holds $got files, corpus has $want"
    # A libFuzzer binary: runs its seeds and a few mutations, then stops.
    seeds="$scratch/seeds-$t"
    mkdir -p "$seeds"
    python3 -m zipfile -e "$OUT/${t}_seed_corpus.zip" "$seeds"
    if "$OUT/$t" -runs=200 -seed=1 "-dict=$OUT/$t.dict" "$seeds" >"$scratch/$t.log" 2>&1 &&
       grep -q "Done 200 runs" "$scratch/$t.log"; then
        echo "ok: $t (binary, seed zip of $got, dict, options)"
    else
        bad "$t: did not run as a libFuzzer binary; see $scratch/$t.log"
    fi
done
for f in "$OUT"/*; do
    case ${f##*/} in
    *.zip|*.dict|*.options) ;;
    *) echo " $targets " | grep -q " ${f##*/} " || bad "unexpected file in \$OUT: ${f##*/}" ;;
    esac
done
[ $fail -eq 0 ] && echo "oss-fuzz build: ok ($(echo "$targets" | wc -w) targets)"
exit $fail
