#!/bin/sh
# build.sh OUTDIR: compiles cn_report (C99, host cc) and cn_catalogue (the driver's catalogue
# table for the host) into OUTDIR when missing or older than a source; prints cn_report's path.
# Runners side by side (ctest -j) may rebuild at once: each links a file of its own and renames
# it into place, so that none runs a half-written tool.
src=$(cd "$(dirname "$0")" && pwd)
out=$1/cn_report
drv=$src/../driver
if [ ! -x "$out" ] || [ -n "$(find "$src" "$drv"/catalogue.[ch] -newer "$out" -name '*.[ch]')" ]; then
    set -- "${CC:-cc}" -std=c99 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L
    cat=${out%/*}/cn_catalogue
    if ! { mkdir -p "${out%/*}" &&
        "$@" -DREPORT_CSS="\"$src/report.css\"" -o "$out.$$" "$src"/*.c -lm >&2 &&
        "$@" -I"$drv" -o "$cat.$$" "$src"/catalogue/*.c "$drv/catalogue.c" >&2 &&
        mv -f "$cat.$$" "$cat" && mv -f "$out.$$" "$out"; }; then
        rm -f "$out.$$" "$cat.$$"
        exit 1
    fi
fi
echo "$out"
