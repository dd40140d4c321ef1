#!/bin/sh
# build.sh OUTDIR: compiles cn_report (C99, host cc) and cn_catalogue (the driver's catalogue
# table for the host) into OUTDIR when missing or older than a source; prints cn_report's path.
src=$(cd "$(dirname "$0")" && pwd)
out=$1/cn_report
drv=$src/../driver
if [ ! -x "$out" ] || [ -n "$(find "$src" "$drv"/catalogue.[ch] -newer "$out" -name '*.[ch]')" ]; then
    set -- "${CC:-cc}" -std=c99 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L
    mkdir -p "${out%/*}" && "$@" -DREPORT_CSS="\"$src/report.css\"" -o "$out" "$src"/*.c -lm >&2 &&
        "$@" -I"$drv" -o "${out%/*}/cn_catalogue" "$src"/catalogue/*.c "$drv/catalogue.c" >&2 ||
        exit 1
fi
echo "$out"
