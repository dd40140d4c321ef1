#!/bin/sh
# Plays cn_conform.exe per docs/conformance.md for the runner's tests: prints
# $FAKE_DIR/catalogue.txt for --catalogue (after $FAKE_DIR/canary.sh, if any).
# For a case it sources $FAKE_DIR/case-CASE.sh, if any (which may print lines
# with `result` and `line` and end the process with `exit N`), then passes
# every check of the case that the script did not judge.
printf "%s\n" "$*" >>"$FAKE_DIR/calls"
if [ "$1" = --catalogue ]; then
    # shellcheck source=/dev/null
    [ ! -f "$FAKE_DIR/canary.sh" ] || . "$FAKE_DIR/canary.sh"
    cat "$FAKE_DIR/catalogue.txt"
    exit 0
fi
c=""
eval "c=\${$(($# - 1))}"
judged=" "
result() { printf 'RESULT\t%s\t%s\t%s\n' "$1" "$2" "$3"; judged="$judged$1 "; }
line() { printf '%s\n' "$*" | tr '|' '\t'; }
# shellcheck source=/dev/null
[ ! -f "$FAKE_DIR/case-$c.sh" ] || . "$FAKE_DIR/case-$c.sh"
awk -F'\t' -v c="$c" -v j="$judged" '$1 == "CHECK" && $3 == c && !index(j, " " $2 " ") {
    print "RESULT\t" $2 "\tpass\tfake pass" }' "$FAKE_DIR/catalogue.txt"
