#!/bin/sh
# readme-catalogue.sh: the README's check table must be the catalogue's
# (`cn_conform --catalogue`, its one home), row for row.
#   readme-catalogue.sh DRIVER.exe README.md
set -u
[ $# = 2 ] || { echo "usage: readme-catalogue.sh DRIVER.exe README.md" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
WINEDEBUG=-all wine "$1" --catalogue </dev/null 2>"$tmp/err" | tr -d '\r' |
    awk -F'\t' '$1 == "CHECK" { printf "| `%s` | [%s] %s | %s |\n", $2, $4, $5, $8 }' >"$tmp/want"
[ -s "$tmp/want" ] || { echo "readme-catalogue: the driver printed no catalogue:" >&2; cat "$tmp/err" >&2; exit 2; }
# The rows of the table headed "| check | tag, kind | what it protects |".
awk '/^\| check \| tag, kind \|/ { on = 1; next } on && !/^\|/ { exit }
     on && /^\| `/ { print }' "$2" >"$tmp/have"
if ! diff -u "$tmp/want" "$tmp/have"; then
    echo "readme-catalogue: FAIL: README's check table differs from the catalogue (- catalogue, + README)" >&2
    exit 1
fi
echo "readme-catalogue: $(wc -l <"$tmp/want") checks, README matches the catalogue"
