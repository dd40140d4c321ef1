#!/bin/sh
# build.sh OUTDIR: compiles the report tool (C99, host cc) into OUTDIR/cn_report when it is
# missing or older than a source; prints its path.
src=$(cd "$(dirname "$0")" && pwd)
out=$1/cn_report
if [ ! -x "$out" ] || [ -n "$(find "$src" -newer "$out" \( -name '*.[ch]' -o -name '*.css' \))" ]; then
    mkdir -p "$1" && ${CC:-cc} -std=c99 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L \
        -DREPORT_CSS="\"$src/report.css\"" -o "$out" "$src"/*.c -lm >&2 || exit 1
fi
echo "$out"
