#!/bin/sh
# Packs a MinGW build tree for the Windows job (ci/windows/run-tests.ps1).
#   windows-bundle.sh BUILD_DIR OUT_DIR
# OUT_DIR gets:
#   tests.json   `ctest --show-only=json-v1` of BUILD_DIR: the programs, their
#                arguments, environment and labels, and the .reg files the
#                Wine prefix fixture imports (one definition for both)
#   bundle.txt   builddir= and srcdir= (absolute), to map paths found in tests.json
#   build/...    every .exe and .dll of BUILD_DIR, same layout; not CMakeFiles,
#                and never an mpr.dll (Wine's patched one: beside a program,
#                Windows would load it instead of its own)
#   src/...      every .reg file tests.json names, and every other existing
#                source path it names (the fuzz corpora the replays read)
set -eu

[ $# -eq 2 ] || { echo "usage: $0 BUILD_DIR OUT_DIR" >&2; exit 2; }
[ -f "$1/CTestTestfile.cmake" ] || { echo "windows-bundle: not a configured build dir: $1" >&2; exit 1; }
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$2"
mkdir -p "$2"
out=$(cd "$2" && pwd)

ctest --test-dir "$build" --show-only=json-v1 > "$out/tests.json"
printf 'builddir=%s\nsrcdir=%s\n' "$build" "$src" > "$out/bundle.txt"

n=0
for f in $(cd "$build" && find . -name CMakeFiles -prune -o -type f \( -name '*.exe' -o -name '*.dll' \) \
        ! -iname mpr.dll -print); do
    mkdir -p "$out/build/$(dirname "$f")"
    cp "$build/$f" "$out/build/$f"
    n=$((n + 1))
done

# .reg files named by the fixture's setup command (source or build tree).
regs=$(grep -oE '"[^"]+\.reg"' "$out/tests.json" | tr -d '"' | LC_ALL=C sort -u)
[ -n "$regs" ] || { echo "windows-bundle: no .reg file in $build's prefix fixture" >&2; exit 1; }
for r in $regs; do
    case $r in
    "$build"/*) rel=build/${r#"$build"/} ;;
    "$src"/*) rel=src/${r#"$src"/} ;;
    *) echo "windows-bundle: .reg outside the source and build trees: $r" >&2; exit 1 ;;
    esac
    mkdir -p "$out/$(dirname "$rel")"
    cp "$r" "$out/$rel"
done

# Source paths the tests name (arguments such as corpus directories).
for p in $(grep -oE "\"$src/[^\"]+\"" "$out/tests.json" | tr -d '"' | LC_ALL=C sort -u); do
    case $p in "$build"/* | "$build" | *.reg | */CMakeLists.txt | *.cmake) continue ;; esac
    [ -e "$p" ] || continue
    rel=src/${p#"$src"/}
    mkdir -p "$out/$(dirname "$rel")"
    cp -R "$p" "$out/$rel"
done

[ "$n" -gt 0 ] || { echo "windows-bundle: no .exe or .dll in $build" >&2; exit 1; }
echo "windows-bundle: $out: $n programs and DLLs, $(echo "$regs" | wc -l) .reg file(s)"
