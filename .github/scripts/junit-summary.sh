#!/bin/sh
# Prints a JUnit XML file as a Markdown table (for GITHUB_STEP_SUMMARY).
#   junit-summary.sh [--title T] [--failures-only] FILE
# Rows: check (classname.name), verdict (pass, FAIL, error, skip), detail (the
# failure or skip message, else the first `Test failed:` line of the
# output, cut to 200 characters). Exit 1 only on bad input;
# failing tests are content, not an error.
#   junit-summary.sh --suites [--title T] FILE...
# One row per file instead: suite, checks, failures, todo (skipped with
# type="todo", the test library's expected failures), other skips.
set -eu

if [ "${1:-}" = --suites ]; then
    shift
    title="JUnit suites"
    if [ $# -ge 2 ] && [ "$1" = --title ]; then title=$2; shift 2; fi
    [ $# -ge 1 ] || { echo "usage: $0 --suites [--title T] FILE..." >&2; exit 2; }
    echo "### $title"
    echo
    echo "| suite | checks | failures | todo | skipped |"
    echo "| --- | --- | --- | --- | --- |"
    for f in "$@"; do
        [ -f "$f" ] || { echo "junit-summary: no such file: $f" >&2; exit 1; }
        head=$(tr '\n' ' ' <"$f" | grep -oE '<testsuite[ >][^>]*' | head -n 1) ||
            { echo "junit-summary: not JUnit XML: $f" >&2; exit 1; }
        val() { printf '%s' "$head" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"; }
        todo=$(grep -o 'type="todo"' "$f" | wc -l)
        skipped=$(val skipped)
        echo "| $(val name) | $(val tests) | $(val failures) | $todo | $(( ${skipped:-0} - todo )) |"
    done
    echo
    exit 0
fi

title="" only=0
while [ $# -gt 1 ]; do
    case $1 in
    --title) [ $# -ge 3 ] || break; title=$2; shift 2 ;;
    --failures-only) only=1; shift ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--title T] [--failures-only] FILE" >&2; exit 2; }
[ -f "$1" ] || { echo "junit-summary: no such file: $1" >&2; exit 1; }
grep -q '<testsuite' "$1" || { echo "junit-summary: not JUnit XML: $1" >&2; exit 1; }

[ -n "$title" ] || title=$(basename "$1")
echo "### $title"
echo

# One line per <testcase>, captured output dropped.
tr '\n\r' '  ' < "$1" | sed 's/<testcase[ >]/\n&/g' | sed '1d' | awk -v only="$only" '
function attr(s, a,    m) {
    if (match(s, " " a "=\"[^\"]*\"")) {
        m = substr(s, RSTART + length(a) + 3, RLENGTH - length(a) - 4)
        return m
    }
    return ""
}
function unxml(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
    gsub(/&apos;/, "\047", s); gsub(/&#10;/, " ", s); gsub(/&amp;/, "\\&", s)
    gsub(/\|/, "\\|", s); gsub(/[ \t]+/, " ", s)
    if (length(s) > 200) s = substr(s, 1, 197) "..."
    return s
}
{
    line = $0
    cut = index(line, "<system-out"); if (cut) line = substr(line, 1, cut - 1)
    cut = index(line, "</testcase"); if (cut) line = substr(line, 1, cut - 1)
    head = line; sub(/>.*/, "", head)
    name = attr(head, "name"); cls = attr(head, "classname")
    check = (cls != "" && index(name, cls) != 1) ? cls "." name : name
    verdict = "pass"; detail = ""
    if (attr(head, "status") == "notrun" || attr(head, "status") == "disabled") verdict = "skip"
    if (match(line, /<failure[^>]*/)) { verdict = "FAIL"; detail = attr(substr(line, RSTART, RLENGTH), "message") }
    else if (match(line, /<error[^>]*/)) { verdict = "error"; detail = attr(substr(line, RSTART, RLENGTH), "message") }
    else if (match(line, /<skipped[^>]*/)) { verdict = "skip"; detail = attr(substr(line, RSTART, RLENGTH), "message") }
    # CTest leaves the message empty: show the first failed check instead.
    if ((verdict == "FAIL" || verdict == "error") && detail == "" && (k = index($0, "Test failed: "))) {
        detail = substr($0, k + 13); sub(/<\/system-out.*/, "", detail); detail = substr(detail, 1, 160)
    }
    n++
    if (verdict == "pass") p++; else if (verdict == "skip") s++; else f++
    if (only && (verdict == "pass" || verdict == "skip")) next
    rows[++r] = "| " unxml(check) " | " verdict " | " unxml(detail) " |"
}
END {
    printf "%d checks: %d passed, %d failed, %d skipped\n\n", n, p, f, s
    if (r == 0) { if (only && n) print "No failures.\n"; exit }
    print "| check | verdict | detail |"
    print "| --- | --- | --- |"
    for (i = 1; i <= r; i++) print rows[i]
    print ""
}'
