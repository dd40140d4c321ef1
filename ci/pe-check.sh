#!/bin/sh
# pe-check.sh: checks a Windows PE file (DLL or EXE) with objdump -p.
#
#   pe-check.sh [--arch x86_64|i686|arm64] [--exports NAME,NAME...]
#               [--ordinals N,N...] [--system-only] [--heavy LIST] FILE
#
# --arch         the machine must be this one
# --exports      the export table must hold exactly these plain names; a
#                decorated form (NAME@8, _NAME@8, _NAME, @NAME@8) is named as such
# --ordinals     with --exports: the ordinal of each name, in the same order
# --system-only  every imported DLL must be a system DLL (kernel32, advapi32,
#                msvcrt, ucrtbase, ntdll, kernelbase, user32, api-ms-win-*)
#                and none on the heavy list
# --heavy LIST   the heavy list: one lowercase file-name pattern per line,
#                '#' comment lines (default: heavy-imports.txt beside this
#                script, the one list the conformance runner reads too)
#
# Output (stable; other tools parse it), one item per line, in this order:
#   file: FILE
#   machine: x86_64|i686|arm64|unknown(<objdump format>)
#   export: @ORDINAL NAME          one per exported name, table order
#   import: DLLNAME                one per imported DLL, table order
#   heavy: DLLNAME                 one per imported DLL on the heavy list
#   pe-check: FAIL: <problem>      one per problem found
#   pe-check: OK                   when no problem was found
# Exit status: 0 all checks pass, 1 a check failed, 2 bad input (usage,
# missing file, not a PE file, no objdump), with one line
# "pe-check: error: <reason>" on stderr.
# objdump: $PE_CHECK_OBJDUMP, else x86_64-w64-mingw32-objdump (reads PE32 and
# PE32+), else i686-w64-mingw32-objdump, else objdump.
set -uf

die() { echo "pe-check: error: $*" >&2; exit 2; }

arch="" exports="" ordinals="" system_only=0 file=""
heavy_list=$(dirname "$0")/heavy-imports.txt
while [ $# -gt 0 ]; do
    case $1 in
    --arch)
        [ $# -ge 2 ] || die "--arch needs a value"
        case $2 in x86_64|i686|arm64) arch=$2 ;; *) die "unknown --arch '$2' (x86_64, i686, arm64)" ;; esac
        shift 2 ;;
    --exports)
        if [ $# -lt 2 ] || [ -z "$2" ]; then die "--exports needs NAME,NAME..."; fi
        exports=$2; shift 2 ;;
    --ordinals)
        if [ $# -lt 2 ] || [ -z "$2" ]; then die "--ordinals needs N,N..."; fi
        ordinals=$2; shift 2 ;;
    --system-only) system_only=1; shift ;;
    --heavy)
        if [ $# -lt 2 ] || [ -z "$2" ]; then die "--heavy needs a file"; fi
        heavy_list=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -uf/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    -*) die "unknown option '$1'" ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] || die "usage: pe-check.sh [--arch A] [--exports N,N] [--ordinals N,N] [--system-only] [--heavy LIST] FILE"
file=$1
[ -e "$file" ] || die "no such file: $file"
if [ ! -f "$file" ] || [ ! -r "$file" ]; then die "not a readable file: $file"; fi
if [ -n "$ordinals" ] && [ -z "$exports" ]; then die "--ordinals needs --exports"; fi
if [ ! -f "$heavy_list" ] || [ ! -r "$heavy_list" ]; then die "no readable heavy list: $heavy_list"; fi
heavy_patterns=$(grep -v '^[[:space:]]*#' "$heavy_list")
if [ -n "$ordinals" ]; then
    n_exp=$(printf '%s\n' "$exports" | tr ',' '\n' | grep -c .)
    n_ord=$(printf '%s\n' "$ordinals" | tr ',' '\n' | grep -c .)
    [ "$n_exp" -eq "$n_ord" ] || die "--ordinals has $n_ord values for $n_exp names"
    printf '%s\n' "$ordinals" | tr ',' '\n' | grep -qv '^[0-9][0-9]*$' && die "--ordinals takes numbers: $ordinals"
fi

objdump=${PE_CHECK_OBJDUMP:-}
if [ -z "$objdump" ]; then
    for t in x86_64-w64-mingw32-objdump i686-w64-mingw32-objdump objdump; do
        if command -v "$t" >/dev/null 2>&1; then objdump=$t; break; fi
    done
fi
[ -n "$objdump" ] || die "no objdump found (install binutils-mingw-w64)"

tmp=$(mktemp) || die "mktemp failed"
trap 'rm -f "$tmp"' EXIT
if ! "$objdump" -p "$file" >"$tmp" 2>/dev/null; then
    die "not a PE file (objdump cannot read it): $file"
fi
format=$(sed -n 's/.*file format \(.*\)$/\1/p' "$tmp" | head -n 1)
case $format in
pei-x86-64) machine=x86_64 ;;
pei-i386) machine=i686 ;;
pei-aarch64*) machine=arm64 ;;
pei-*) machine="unknown($format)" ;;
*) die "not a PE file (format '${format:-unknown}'): $file" ;;
esac

# Export names with ordinals: the "[Ordinal/Name Pointer] Table" lists
# "[ index] NAME" where ordinal = index + Ordinal Base.
base=$(sed -n 's/^Ordinal Base[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$tmp" | head -n 1)
got=$(awk -v base="${base:-1}" '
    /^\[Ordinal\/Name Pointer\] Table/ { t = 1; next }
    t && /^[[:space:]]*$/ { t = 0 }
    t && match($0, /\[ *[0-9]+\] /) {
        idx = substr($0, RSTART + 1, RLENGTH - 3) + 0
        name = substr($0, RSTART + RLENGTH)
        print "@" (idx + base) " " name
    }' "$tmp")
imports=$(sed -n 's/^[[:space:]]*DLL Name: \(.*\)$/\1/p' "$tmp")

# Imports that match a pattern of the heavy list.
heavy=""
for d in $imports; do
    lc=$(printf '%s' "$d" | tr '[:upper:]' '[:lower:]')
    for h in $heavy_patterns; do
        # shellcheck disable=SC2254 # the list holds patterns (d3d*.dll)
        case $lc in $h) heavy="$heavy $d"; break ;; esac
    done
done

echo "file: $file"
echo "machine: $machine"
[ -z "$got" ] || printf '%s\n' "$got" | sed 's/^/export: /'
[ -z "$imports" ] || printf '%s\n' "$imports" | sed 's/^/import: /'
for d in $heavy; do echo "heavy: $d"; done

fail=0
problem() { echo "pe-check: FAIL: $*"; fail=1; }

if [ -n "$arch" ] && [ "$machine" != "$arch" ]; then
    problem "machine $machine, want $arch"
fi

names=$(printf '%s\n' "$got" | sed 's/^@[0-9]* //')
if [ -n "$exports" ]; then
    want=$(printf '%s\n' "$exports" | tr ',' '\n' | grep .)
    i=0
    for w in $want; do
        i=$((i + 1))
        if printf '%s\n' "$names" | grep -qxF -- "$w"; then
            if [ -n "$ordinals" ]; then
                o=$(printf '%s\n' "$ordinals" | tr ',' '\n' | sed -n "${i}p")
                printf '%s\n' "$got" | grep -qxF -- "@$o $w" \
                    || problem "export $w has ordinal $(printf '%s\n' "$got" | awk -v n="$w" '$2 == n { print substr($1, 2) }'), want $o"
            fi
            continue
        fi
        dec=$(printf '%s\n' "$names" | grep -E -- "^(_?$w(@[0-9]+)?|@$w@[0-9]+)\$" | head -n 1)
        if [ -n "$dec" ]; then
            problem "decorated export $dec (GetProcAddress looks up $w: link with a .def file and -Wl,--kill-at)"
        else
            problem "missing export $w"
        fi
    done
    printf '%s\n' "$names" | grep . | while IFS= read -r n; do
        printf '%s\n' "$want" | grep -qxF -- "$n" && continue
        # A decorated form of a wanted name was already reported.
        base_n=$(printf '%s\n' "$n" | sed -E 's/^[_@]//; s/@[0-9]+$//')
        printf '%s\n' "$want" | grep -qxF -- "$base_n" && continue
        echo "pe-check: FAIL: unexpected export $n"
    done | grep . && fail=1
fi

if [ "$system_only" -eq 1 ]; then
    for d in $imports; do
        case " $heavy " in
        *" $d "*) problem "heavy import $d (listed in $(basename "$heavy_list"))"; continue ;;
        esac
        lc=$(printf '%s' "$d" | tr '[:upper:]' '[:lower:]')
        case $lc in
        kernel32.dll|advapi32.dll|msvcrt.dll|ucrtbase.dll|ntdll.dll|kernelbase.dll|user32.dll|api-ms-win-*.dll) ;;
        *) problem "non-system import $d" ;;
        esac
    done
fi

[ "$fail" -eq 0 ] || exit 1
echo "pe-check: OK"
exit 0
