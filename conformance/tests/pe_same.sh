#!/bin/sh
# pe_same.sh OUTDIR FILE...: `cn_report pe` (the runner's PE reader in C, also
# on Windows; built into OUTDIR by report/build.sh) prints what ci/pe-check.sh
# prints (objdump) for each FILE, with and without the notifier's --arch and
# --exports. Exit 0 when all agree.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
report=$(sh "$root/conformance/report/build.sh" "$1") || exit 2
shift
heavy=$root/ci/heavy-imports.txt
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
for f in "$@"; do
    for arch in "" x86_64; do
        exports=
        [ -z "$arch" ] || exports=AddConnectNotify,CancelConnectNotify
        set -- "$f"
        [ -z "$arch" ] || set -- --arch "$arch" --exports "$exports" "$f"
        sh "$root/ci/pe-check.sh" --heavy "$heavy" "$@" >"$tmp/sh" 2>/dev/null
        src=$?
        "$report" pe "$f" "$heavy" "$arch" "$exports" >"$tmp/c" 2>/dev/null
        crc=$?
        n=$((n + 1))
        if [ $src != $crc ] || ! cmp -s "$tmp/sh" "$tmp/c"; then
            bad=$((bad + 1))
            echo "pe_same: DIFFERENT for ${f##*/} (arch '${arch}'): pe-check $src, cn_report $crc"
            diff "$tmp/sh" "$tmp/c" | head -n 10
        fi
    done
done
echo "pe_same: $((n - bad)) of $n agree"
[ $bad = 0 ]
