#!/bin/sh
# html_test.sh: renders the HTML report of a sample run (sample/: a failing
# notifier, a crash group, an incomplete gate, a long unbroken detail) and
# checks it in headless Chromium at 800 px: the verdict and the failures come
# before the table, passing rows are collapsed, the SVGs scale, and nothing
# overflows horizontally. No Wine needed. Exit 77 (skip) when Chromium cannot
# be installed.
#   html_test.sh [WORKDIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
out=${1:-$tmp}
fail=0
check() { # WHAT CONDITION...
    what=$1
    shift
    if "$@"; then echo "html_test: ok: $what"; else echo "html_test: FAIL: $what" >&2; fail=1; fi
}
die() { echo "html_test: $*" >&2; exit 1; }
report=$(sh "$root/conformance/report/build.sh" "$tmp/bin") || die "cannot build cn_report"
cp "$here"/sample/*.tsv "$tmp/"
"$report" html "$tmp" >"$out/report.html" || die "cn_report html failed"
html=$out/report.html
check "failures section" grep -q '<section id="failures"><h2>Failures (3)</h2>' "$html"
check "passing rows collapsed" grep -q '<details><summary>6 passing or skipped checks<' "$html"
check "SVG scales" grep -q '<svg viewBox="0 0 [0-9]* [0-9]*" width="100%"' "$html"
check "no fixed SVG width" sh -c "! grep -Eq '<svg [^>]*width=\"[0-9]+\"' '$html'"
check "doc link" grep -q 'href="docs/conformance.md#drive.nulllocal"' "$html"
check "rerun command" grep -q 'ci/conformance.sh --no-build --notifier .* --only drive.nulllocal<' "$html"
check "timeline marks the call over budget" grep -q '60.5 ms: over budget' "$html"
check "timeline marks the crash" grep -q 'crash 0xc0000005 during CancelConnectNotify PRE' "$html"

if ! chromium=$(sh "$root/ci/install-chromium.sh"); then
    echo "SKIP: Chromium cannot be installed here (see above)"
    exit 77
fi
# A copy with a script that writes the layout facts into the DOM.
sed 's|</body>|<script>var e = document.documentElement, b = document.body;\
b.dataset.scroll = e.scrollWidth; b.dataset.client = e.clientWidth;\
var y = function (id) { return document.getElementById(id).offsetTop; };\
b.dataset.order = y("failures") < y("checks");\
</script></body>|' "$html" >"$tmp/probe.html"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
    --window-size=800,1000 --dump-dom "file://$tmp/probe.html" \
    >"$tmp/dom.html" 2>"$tmp/chromium.err"
dom=$(grep -o '<body[^>]*>' "$tmp/dom.html")
scroll=$(printf '%s' "$dom" | sed -n 's/.*data-scroll="\([0-9]*\)".*/\1/p')
client=$(printf '%s' "$dom" | sed -n 's/.*data-client="\([0-9]*\)".*/\1/p')
if [ -z "$scroll" ] || [ -z "$client" ]; then
    echo "html_test: FAIL: Chromium gave no layout: $(tail -n 3 "$tmp/chromium.err")" >&2
    exit 1
fi
check "no horizontal overflow at 800 px (scrollWidth $scroll, clientWidth $client)" \
    [ "$scroll" -le "$client" ]
order=$(printf '%s' "$dom" | sed -n 's/.*data-order="\([a-z]*\)".*/\1/p')
check "failures before the table" [ "$order" = true ]
exit $fail
