#!/bin/sh
# Prints ci/conformance.sh's results table (--results FILE: tab-separated
# check, tag, kind, verdict, title, detail) as Markdown for GITHUB_STEP_SUMMARY.
#   conformance-summary.sh [--title T] FILE
# Verdict line: FAIL when a gate failed, else PASS. Exit 1 only on bad input.
set -eu

title=""
if [ $# -ge 2 ] && [ "$1" = --title ]; then title=$2; shift 2; fi
[ $# -eq 1 ] || { echo "usage: $0 [--title T] FILE" >&2; exit 2; }
[ -f "$1" ] || { echo "conformance-summary: no such file: $1" >&2; exit 1; }
awk -F'\t' 'NF < 5 { bad = 1 } END { exit bad }' "$1" ||
    { echo "conformance-summary: not a results table (check, tag, kind, verdict, title, detail): $1" >&2; exit 1; }

[ -n "$title" ] || title=$(basename "$1")
echo "### $title"
echo
awk -F'\t' '
function md(s) { gsub(/\|/, "\\|", s); if (length(s) > 200) s = substr(s, 1, 197) "..."; return s }
{
    n++; c[$4]++
    if ($3 == "gate" && $4 == "fail") gate++
    mark = ($4 == "fail") ? "**FAIL**" : ($4 == "warn") ? "warn" : $4
    rows[n] = "| `" $1 "` | [" $2 "] | " $3 " | " mark " | " md($6 != "" ? $6 : $5) " |"
}
END {
    printf "**%s**: %d checks: %d pass, %d fail, %d warn, %d skip (%d gate failures)\n\n", \
        gate ? "FAIL" : "PASS", n, c["pass"], c["fail"], c["warn"], c["skip"], gate
    print "| check | tag | kind | verdict | detail |"
    print "| --- | --- | --- | --- | --- |"
    for (i = 1; i <= n; i++) print rows[i]
    print ""
}' "$1"
