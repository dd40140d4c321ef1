#!/bin/sh
# Runs a vendorfuzz command and checks its exit status, a pattern in its
# output and, optionally, that the crash state's frame lies in a named
# function of the DLL (so the expected bug, not any bug, was found).
#   expect.sh STATUS PATTERN [--fresh DIR] [--frame-in FUNCTION DLL] -- COMMAND...
set -u
want=$1 pattern=$2
shift 2
func="" dll=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    case $1 in
    --fresh) rm -rf "$2"; shift 2 ;;
    --frame-in) func=$2 dll=$3; shift 3 ;;
    *) echo "expect: unknown option $1" >&2; exit 2 ;;
    esac
done
shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
fail=0
if [ "$rc" != "$want" ]; then
    echo "expect: FAIL: exit status $rc, want $want"
    fail=1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
    echo "expect: FAIL: no line matches /$pattern/"
    fail=1
fi
if [ -n "$func" ]; then
    # The first frame of the first crash state: "<kind> <dll>+0x<rva>".
    rva=$(printf '%s\n' "$out" | sed -n 's/.*state: [a-z0-9-]* [^ ]*+\(0x[0-9a-f]*\).*/\1/p' |
        head -n 1)
    nm=$(command -v x86_64-w64-mingw32-nm || command -v i686-w64-mingw32-nm)
    od=$(command -v x86_64-w64-mingw32-objdump || command -v i686-w64-mingw32-objdump)
    base=$("$od" -p "$dll" | awk '$1 == "ImageBase" { print $2 }')
    # The function's address and the next code symbol's: its extent.
    range=$("$nm" -n "$dll" | awk -v f="$func" '$2 ~ /^[tT]$/ {
        if (hit) { print $1; exit }
        if ($3 == f) { printf "%s ", $1; hit = 1 }
    }')
    # shellcheck disable=SC2086 # two addresses
    set -- $range
    if [ -z "$rva" ] || [ $# -lt 2 ]; then
        echo "expect: FAIL: no crash state frame ('$rva') or no function $func in $dll"
        fail=1
    else
        a=$((0x$1 - 0x$base)) b=$((0x$2 - 0x$base)) r=$((rva))
        if [ "$r" -lt "$a" ] || [ "$r" -ge "$b" ]; then
            echo "expect: FAIL: frame $rva is not in $func ($(printf '%#x-%#x' "$a" "$b"))"
            fail=1
        else
            echo "expect: frame $rva lies in $func"
        fi
    fi
fi
[ $fail = 0 ] && echo "expect: PASS"
exit $fail
