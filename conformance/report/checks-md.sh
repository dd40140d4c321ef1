#!/bin/sh
# checks-md.sh CATALOGUE [DOC]: the check list of docs/conformance.md, one
# section per check id (so that docs/conformance.md#<id> links work), from the
# output of `cn_conform.exe --catalogue`. With DOC, replaces the text between
# the lines "<!-- checks: begin -->" and "<!-- checks: end -->" of DOC;
# without, prints it.
set -eu
if [ $# -lt 1 ] || [ ! -f "$1" ]; then echo "usage: checks-md.sh CATALOGUE [DOC]" >&2; exit 2; fi
# An empty or failed catalogue would leave the document without its checks.
if ! grep -q "^CHECK$(printf '\t')" "$1"; then
    echo "checks-md.sh: $1 has no CHECK line: not a catalogue" >&2
    exit 2
fi
render() {
    awk -F'\t' '
    $1 == "CASE" { factor[$2] = $3; hint[$2] = $4 }
    $1 == "CHECK" {
        printf "<a id=\"%s\"></a>\n\n### %s\n\n%s.\n\n", $2, $2, $7
        printf "`[%s]` %s; ", $4, $5 == "gate" ? "gate (fails the run)" : "report (informs)"
        if ($3 == "static") printf "computed by the runner from the PE file"
        else printf "case `%s`%s", $3, (factor[$3] > 1 ? " (time limit x" factor[$3] ")" : "")
        if ($6 != "-") { d = $6; gsub(/,/, "`, `", d); printf "; not judged when `%s` failed", d }
        printf ".\n\nProtects: %s.", $8
        if (hint[$3] != "-" && hint[$3] != "") printf " On a crash: %s.", hint[$3]
        printf "\n\n"
    }' "$1"
}
if [ $# -lt 2 ]; then
    render "$1"
    exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
render "$1" >"$tmp"
awk -v gen="$tmp" '
    /^<!-- checks: begin -->$/ {
        print
        print ""
        while ((getline l < gen) > 0) print l
        skip = 1
        next
    }
    /^<!-- checks: end -->$/ { skip = 0 }
    !skip' "$2" >"$2.new"
mv "$2.new" "$2"
