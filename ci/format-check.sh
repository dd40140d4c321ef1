#!/bin/sh
# format-check.sh: checks C code against .clang-format (the core's style).
#
#   format-check.sh [--base REF] [--clang-format BIN]
#   format-check.sh [--clang-format BIN] FILE...
#
# Without FILEs: the lines of .c and .h files that the working tree changes
# against REF (default: origin/main when it exists, else HEAD~1); untouched
# lines of a changed file are not judged, so the tree is never reformatted
# as a whole. With FILEs: every line of each FILE.
# Output: clang-format's warnings for each line that differs, then one line
#   format-check: N file(s) checked, M not formatted
# Exit status: 0 all formatted, 1 a file differs from the style, 2 bad input
# (no clang-format, not a git checkout, unknown REF, missing FILE), with one
# line "format-check: error: <reason>" on stderr.
set -u

die() { echo "format-check: error: $*" >&2; exit 2; }

base="" cf=${CLANG_FORMAT:-clang-format}
while [ $# -gt 0 ]; do
    # Every option takes a value.
    case $1 in
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    --base|--clang-format) if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi ;;
    -*) die "unknown option '$1'" ;;
    *) break ;;
    esac
    case $1 in
    --base) base=$2 ;;
    --clang-format) cf=$2 ;;
    esac
    shift 2
done
command -v "$cf" >/dev/null 2>&1 || die "no $cf (install clang-format)"
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/.clang-format" ] || die "no .clang-format in $root"

checked=0 bad=0
# check FILE [--lines=A:B]...: clang-format's verdict on those lines.
check() {
    f=$1
    shift
    checked=$((checked + 1))
    if ! "$cf" --dry-run --Werror --style="file:$root/.clang-format" "$@" "$f"; then
        bad=$((bad + 1))
    fi
}

if [ $# -gt 0 ]; then
    for f in "$@"; do
        [ -f "$f" ] || die "no such file: $f"
        check "$f"
    done
else
    cd "$root" || die "cannot enter $root"
    git rev-parse --git-dir >/dev/null 2>&1 || die "$root is not a git checkout"
    if [ -z "$base" ]; then
        if git rev-parse --verify -q origin/main >/dev/null; then
            base=origin/main
        else
            base=HEAD~1
        fi
    fi
    git rev-parse --verify -q "$base^{commit}" >/dev/null || die "unknown revision '$base'"
    files=$(git diff --name-only --diff-filter=AM "$base" -- '*.c' '*.h')
    for f in $files; do
        # New-side line ranges of the hunks: "@@ -a,b +c,d @@" gives c..c+d-1.
        ranges=$(git diff -U0 "$base" -- "$f" | sed -n 's/^@@ [^+]*+\([0-9]*\)\(,\([0-9]*\)\)\{0,1\} @@.*/\1 \3/p' |
            awk '{ n = ($2 == "") ? 1 : $2; if (n > 0) printf "--lines=%d:%d\n", $1, $1 + n - 1 }')
        [ -n "$ranges" ] || continue
        # shellcheck disable=SC2086 # one --lines option per word
        check "$f" $ranges
    done
fi
echo "format-check: $checked file(s) checked, $bad not formatted"
[ "$bad" -eq 0 ]
