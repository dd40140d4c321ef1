#!/bin/sh
# expect.sh: runs ci/conformance.sh and checks its verdicts (CTest label
# conformance: the runner's own tests).
#   expect.sh [--status N] [--check CHECK VERDICT REGEX]... [--stderr REGEX]
#             [--stdout REGEX]... [--keep-results FILE] -- RUNNER-ARGS...
# Passes when the exit status, each named check's verdict and detail
# (grep -E), the stderr text and each --stdout pattern (the table and the
# failure block, e.g. "frame: fx_x.dll\+0x") all match; exit 77 (skipped)
# when Wine stood still and the runner gave no verdict, or when a check it
# asks of ran out of time in the driver and Wine, not in the notifier's
# calls. --keep-results: the run's results.tsv is copied to FILE when it
# passes.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
status="" stderr_re="" checks="" stdout_res="" keep=""
tab=$(printf '\t')
while [ $# -gt 0 ]; do
    case $1 in
    --status) status=$2; shift 2 ;;
    --stderr) stderr_re=$2; shift 2 ;;
    --keep-results) keep=$2; shift 2 ;;
    --stdout) stdout_res="$stdout_res$2
"; shift 2 ;;
    --check) checks="$checks$2$tab$3$tab$4
"; shift 4 ;;
    --) shift; break ;;
    *) echo "expect.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
tmp=$(mktemp -d) || exit 2
[ -z "$keep" ] || rm -f "$keep"
trap 'rm -rf "$tmp"' EXIT
# The runner's progress (stderr) shown as it comes: a test stopped by its timeout shows the
# cases done, each with its seconds, and the one running.
{
    sh "$root/ci/conformance.sh" --results "$tmp/results.tsv" "$@" 2>&1 >"$tmp/out"
    echo $? >"$tmp/rc"
} | tee "$tmp/err" >&2
rc=$(cat "$tmp/rc")
# The CPU the run's processes took (not its wineserver's): what the test costs CI.
times >"$tmp/times"
echo "expect.sh: cpu of the run's processes (user, system): $(tail -n 1 "$tmp/times")"
cat "$tmp/out"
fail=0
# Wine itself stood still (the runner measured it and gave no verdict, exit 3):
# the run says nothing of the notifier, so the test is skipped, not failed.
if [ "$rc" = 3 ] && [ "${status:-}" != 3 ] &&
    awk -F'\t' '$4 == "incomplete" && $6 ~ /(Wine|the process) stood still/ { f = 1 }
        END { exit !f }' "$tmp/results.tsv" 2>/dev/null; then
    echo "expect.sh: SKIP: Wine stood still during the run (exit 3, no verdict): not judged" >&2
    exit 77
fi
# A check this test asks a verdict of went out of time in the driver and Wine, not in the
# notifier's calls (the runner says so, and gives no verdict): the machine was too loaded to
# run it, and the test is skipped, not failed.
starved=$(printf '%s' "$checks" | awk -F'\t' '
    NR == FNR { if ($2 != "incomplete") want[$1] = 1; next }
    ($1 in want) && $4 == "incomplete" && $6 ~ /the time went to the driver and Wine/ {
        print $1; exit }' - "$tmp/results.tsv" 2>/dev/null)
if [ -n "$starved" ]; then
    echo "expect.sh: SKIP: $starved ran out of time in the driver and Wine, not in the" \
        "notifier's calls (machine load): not judged" >&2
    exit 77
fi
if [ -n "$status" ] && [ "$rc" != "$status" ]; then
    echo "expect.sh: FAIL: exit status $rc, want $status" >&2
    fail=1
fi
if [ -n "$stderr_re" ] && ! grep -Eq -- "$stderr_re" "$tmp/err"; then
    printf 'expect.sh: FAIL: stderr does not match /%s/\n' "$stderr_re" >&2
    fail=1
fi
while IFS= read -r re; do
    if [ -n "$re" ] && ! grep -Eq -- "$re" "$tmp/out"; then
        printf 'expect.sh: FAIL: stdout does not match /%s/\n' "$re" >&2
        fail=1
    fi
done <<EOF
$stdout_res
EOF
printf '%s' "$checks" | while IFS="$tab" read -r ck verdict re; do
    [ -n "$ck" ] || continue
    row=$(awk -F'\t' -v c="$ck" '$1 == c' "$tmp/results.tsv" 2>/dev/null)
    v=$(printf '%s' "$row" | cut -f4)
    d=$(printf "%s" "$row" | cut -f6)
    if [ "$v" != "$verdict" ] || ! printf '%s' "$d" | grep -Eq -- "$re"; then
        # printf, not echo: dash's echo reads \\ in a UNC name as an escape.
        printf "expect.sh: FAIL: %s is '%s: %s', want '%s' matching /%s/\n" "$ck" "$v" "$d" \
            "$verdict" "$re" >&2
        exit 1
    fi
    printf 'expect.sh: ok: %s %s: %s\n' "$ck" "$v" "$d"
done || fail=1
if [ $fail = 0 ] && [ -n "$keep" ]; then
    cp "$tmp/results.tsv" "$keep" || fail=1
fi
exit $fail
