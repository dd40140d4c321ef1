#!/bin/sh
# Packs a MinGW build tree for the Windows job, which runs winrunner.exe on it.
#   windows-bundle.sh [--runner EXE] [--notifier DLL] BUILD_DIR OUT_DIR
# OUT_DIR gets:
#   winrunner.exe  EXE (default BUILD_DIR/winrunner/winrunner.exe)
#   vendor/DLL   --notifier: a vendor's notifier, which winrunner registers
#                beside the suite's (plan line "notifier")
#   tests.json   `ctest --show-only=json-v1` of BUILD_DIR: the programs, their
#                arguments, environment and labels, and the .reg files the
#                Wine prefix fixture imports (one definition for both)
#   plan.txt     what winrunner runs, from tests.json (winrunner/plan.cmake):
#                .reg files, programs, arguments, working directories, time
#                limits, labels and environment, paths mapped into the bundle
#   build/...    every .exe and .dll of BUILD_DIR, same layout; not CMakeFiles,
#                and never an mpr.dll (Wine's patched one: beside a program,
#                Windows would load it instead of its own)
#   src/...      every .reg file tests.json names, and every other existing
#                source path it names (the fuzz corpora the replays read)
#   conformance/ connotify-conform.exe and everything beside it (BUILD_DIR/
#                conformance/windows: the driver, cn_report.exe, the test
#                provider, the reference notifier, report.css, the heavy-import
#                list), when built: the conformance gate on Windows
# Fails unless every DLL the .reg files register as %CONNOTIFY_BIN%\X is in the
# directory the tests' CONNOTIFY_BIN names, and every program and .reg file
# of the plan is in the bundle (CTest tests ci.windows-bundle, winrunner.bundle).
set -eu

usage() { echo "usage: $0 [--runner EXE] [--notifier DLL] BUILD_DIR OUT_DIR" >&2; exit 2; }
runner="" notifier=""
while [ $# -gt 0 ]; do
    case $1 in
    --runner) [ $# -ge 2 ] || usage; runner=$2; shift 2 ;;
    --notifier) [ $# -ge 2 ] || usage; notifier=$2; shift 2 ;;
    -*) usage ;;
    *) break ;;
    esac
done
[ $# -eq 2 ] || usage
[ -f "$1/CTestTestfile.cmake" ] || { echo "windows-bundle: not a configured build dir: $1" >&2; exit 1; }
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
runner=${runner:-$build/winrunner/winrunner.exe}
[ -f "$runner" ] || { echo "windows-bundle: no runner: $runner (build target winrunner)" >&2; exit 1; }
if [ -n "$notifier" ] && [ ! -f "$notifier" ]; then
    echo "windows-bundle: no such notifier DLL: $notifier" >&2
    exit 1
fi
rm -rf "$2"
mkdir -p "$2"
out=$(cd "$2" && pwd)

ctest --test-dir "$build" --show-only=json-v1 > "$out/tests.json"
vendor=""
if [ -n "$notifier" ]; then
    mkdir -p "$out/vendor"
    cp "$notifier" "$out/vendor/"
    vendor="%CONNOTIFY_BUNDLE%\\vendor\\$(basename "$notifier")"
fi
cmake -DTESTS="$out/tests.json" -DBUILD="$build" -DSRC="$src" -DOUT="$out/plan.txt" \
    -DNOTIFIER="$vendor" -P "$src/winrunner/plan.cmake"
cp "$runner" "$out/winrunner.exe"

n=0
# Wine prefixes in the build tree (drive_c) hold Wine's own programs, and
# windows-bundle/ is test ci.windows-bundle's copy: neither is ours.
files=$(cd "$build" && find . \( -name CMakeFiles -o -name drive_c -o -name windows-bundle \) -prune -o -type f \
    \( -name '*.exe' -o -name '*.dll' \) ! -iname mpr.dll -print)
for f in $files; do
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

# connotify-conform.exe finds what it runs and reads beside itself.
if [ -f "$build/conformance/windows/connotify-conform.exe" ]; then
    mkdir -p "$out/conformance"
    cp -R "$build/conformance/windows" "$out/conformance/"
fi

# The Windows job must find every DLL the definition registers: each
# REG_EXPAND_SZ %CONNOTIFY_BIN%\X of the .reg files must be in the bundle's
# CONNOTIFY_BIN directory (the Wine tests' CONNOTIFY_BIN, a Z:\ path).
bins=$(grep -oE '"CONNOTIFY_BIN=[^"]*"' "$out/tests.json" | LC_ALL=C sort -u |
    sed -E 's/^"CONNOTIFY_BIN=//; s/"$//; s/^[Zz]://; s/\\\\/\//g')
[ -n "$bins" ] || { echo "windows-bundle: no test sets CONNOTIFY_BIN" >&2; exit 1; }
[ "$(echo "$bins" | wc -l)" -eq 1 ] || { echo "windows-bundle: tests disagree on CONNOTIFY_BIN: $bins" >&2; exit 1; }
case $bins in
"$build"/*) bindir=$out/build/${bins#"$build"/} ;;
*) echo "windows-bundle: CONNOTIFY_BIN outside the build tree: $bins" >&2; exit 1 ;;
esac
# The .reg text may be UTF-16 with a BOM (regedit's format 5.00) or 8-bit;
# hex(2) data (continuation lines joined) is UTF-16LE: ASCII is enough here.
reg_text() {
    if [ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' \n')" = fffe ]; then
        iconv -f UTF-16 -t UTF-8 "$1"
    else
        cat "$1"
    fi | tr -d '\r'
}
dlls=$(for r in $regs; do
    reg_text "$r" | sed -e ':a' -e '/\\$/N; s/\\\n[[:space:]]*//; ta' |
        sed -n 's/^"[^"]*"=hex(2):\(.*\)$/\1/p' | awk -F, '{
            s = ""
            for (i = 1; i + 1 <= NF; i += 2) {
                c = index("0123456789abcdef", tolower(substr($i, 1, 1))) * 16 + index("0123456789abcdef", tolower(substr($i, 2, 1))) - 17
                if (c > 0) s = s sprintf("%c", c)
            }
            print s
        }'
done | sed -n 's/^%CONNOTIFY_BIN%\\//p')
[ -n "$dlls" ] || { echo "windows-bundle: the .reg files register nothing under %CONNOTIFY_BIN%" >&2; exit 1; }
for d in $dlls; do
    [ -f "$bindir/$d" ] || { echo "windows-bundle: registered but not in $bindir: $d" >&2; exit 1; }
done

# Every program and .reg file of the plan is in the bundle.
planned=$(sed -n 's/^\(exe\|reg\|notifier\) %CONNOTIFY_BUNDLE%\\//p' "$out/plan.txt" | tr "\\\\" /)
[ -n "$planned" ] || { echo "windows-bundle: the plan runs no program" >&2; exit 1; }
for f in $planned; do
    [ -f "$out/$f" ] || { echo "windows-bundle: the plan names $f, not in the bundle" >&2; exit 1; }
done
echo "windows-bundle: $out: $n programs and DLLs, $(echo "$regs" | wc -l) .reg file(s)," \
    "$(grep -c '^test ' "$out/plan.txt") programs planned;" \
    "registered DLLs present: $(echo "$dlls" | tr '\n' ' ')"
