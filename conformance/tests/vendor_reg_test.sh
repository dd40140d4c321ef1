#!/bin/sh
# vendor_reg_test.sh PREFIX: --reg settings land in the prefix as Windows
# reads the .reg, whatever the file's encoding (conformance/vendor-reg.sh):
# hex(7) and hex(2) data of a version 5 file are UTF-16LE, also in an ASCII
# or UTF-8 file, and REGEDIT4's are 8-bit. Each import is removed again.
set -u
[ $# = 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
prefix=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export WINEPREFIX="$prefix" WINEDEBUG=-all
key='HKLM\SOFTWARE\connotify-fixtures\vendor_reg_test'
failed=0
# check NAME FILE WANT: imports FILE, reads Policy back, removes it
check() {
    sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$2" $$
    rc=$?
    got=$(wine reg query "$key" /v Policy /reg:64 2>/dev/null | tr -d '\r' |
        sed -n 's/^ *Policy *REG_[A-Z_]* *//p')
    sh "$root/conformance/vendor-reg.sh" remove "$prefix" /reg:64
    if [ $rc = 0 ] && [ "$got" = "$3" ]; then
        printf "vendor_reg_test: ok   %s: %s\n" "$1" "$got"
    else
        printf "vendor_reg_test: FAIL %s: import status %s, Policy %s, want %s\n" \
            "$1" "$rc" "$got" "$3"
        failed=1
    fi
}
# \\hr\payroll, then an empty string ending the list, as UTF-16LE bytes
multi='5c,00,5c,00,68,00,72,00,5c,00,70,00,61,00,79,00,72,00,6f,00,6c,00,6c,00,00,00,00,00'
body="[HKEY_LOCAL_MACHINE\\SOFTWARE\\connotify-fixtures\\vendor_reg_test]"
printf 'Windows Registry Editor Version 5.00\r\n\r\n%s\r\n"Policy"=hex(7):%s\r\n' \
    "$body" "$multi" >"$tmp/ascii.reg"
check "version 5, ASCII, hex(7)" "$tmp/ascii.reg" '\\hr\payroll'
{ printf '\357\273\277' && cat "$tmp/ascii.reg"; } >"$tmp/utf8.reg"
check "version 5, UTF-8 with a BOM, hex(7)" "$tmp/utf8.reg" '\\hr\payroll'
{ printf '\377\376' && iconv -f UTF-8 -t UTF-16LE "$tmp/ascii.reg"; } >"$tmp/utf16.reg"
check "version 5, UTF-16LE (as regedit writes it), hex(7)" "$tmp/utf16.reg" '\\hr\payroll'
printf 'REGEDIT4\r\n\r\n%s\r\n"Policy"=hex(7):%s\r\n' "$body" \
    '5c,5c,68,72,5c,70,61,79,72,6f,6c,6c,00,00' >"$tmp/regedit4.reg"
check "REGEDIT4, hex(7) of 8-bit strings" "$tmp/regedit4.reg" '\\hr\payroll'
# A run's marker is its own while the run lives: --stale leaves it, a
# second import is refused (exit 4), and no temporary file stays behind.
sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$tmp/ascii.reg" $$
first=$?
sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$tmp/ascii.reg" $$ 2>/dev/null
second=$?
sh "$root/conformance/vendor-reg.sh" remove "$prefix" /reg:64 --stale
kept=$(wine reg query "$key" /v Policy /reg:64 >/dev/null 2>&1 && echo kept || echo removed)
left=$(find "$(dirname "$prefix")" -maxdepth 1 -name "$(basename "$prefix").vendor-reg.*" | wc -l)
sh "$root/conformance/vendor-reg.sh" remove "$prefix" /reg:64
if [ $first = 0 ] && [ $second = 4 ] && [ "$kept" = kept ] && [ "$left" = 0 ]; then
    printf "vendor_reg_test: ok   a live run's marker: second import 4, --stale kept it\n"
else
    printf "vendor_reg_test: FAIL a live run's marker: imports %s and %s (want 0 and 4), %s" \
        "$first" "$second" "$kept"
    printf " by --stale (want kept), %s temporary file(s)\n" "$left"
    failed=1
fi
# A key the prefix has already is refused (exit 2) by its whole name ("\\cut" stays:
# dash's echo would stop at "\\c"); a Wine whose reg answers neither way is exit 4.
taken='HKLM\SOFTWARE\connotify-fixtures\cut'
wine reg add "$taken" /v Policy /d x /f /reg:64 >/dev/null 2>&1
printf 'Windows Registry Editor Version 5.00\r\n\r\n%s\r\n"Policy"="y"\r\n' \
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\connotify-fixtures\\cut]" >"$tmp/taken.reg"
sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$tmp/taken.reg" $$ 2>"$tmp/err"
refused=$?
kept=$(wine reg query "$taken" /v Policy /reg:64 2>/dev/null | tr -d '\r' |
    sed -n 's/^ *Policy *REG_SZ *//p')
wine reg delete "$taken" /f /reg:64 >/dev/null 2>&1
CONNOTIFY_WINE=false sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 \
    "$tmp/ascii.reg" $$ 2>/dev/null
broken=$?
skipped=0
if [ $refused = 4 ] && grep -q "could not be started" "$tmp/err"; then
    # Wine did not start reg.exe in vendor-reg.sh's tries (measured once in a clean clone,
    # "ShellExecuteEx failed: Internal error"): the environment's, exit 4 as it should be.
    printf "vendor_reg_test: SKIP a key the prefix has: Wine did not start reg.exe: %s\n" \
        "$(head -n 1 "$tmp/err")"
    skipped=1
elif [ $refused = 2 ] &&
    grep -qF 'already has HKEY_LOCAL_MACHINE\SOFTWARE\connotify-fixtures\cut (' \
    "$tmp/err" && [ "$kept" = x ] && [ $broken = 4 ]; then
    printf "vendor_reg_test: ok   a key the prefix has: exit 2 naming it, kept; no reg: exit 4\n"
else
    printf "vendor_reg_test: FAIL a key the prefix has: exit %s (want 2), Policy %s (want x)," \
        "$refused" "$kept"
    printf " stderr '%s'; no reg: exit %s (want 4)\n" "$(cat "$tmp/err")" "$broken"
    failed=1
fi
# Wine's reg fails now and then with status 1 and no word: a delete that left the key is
# tried again; one that always does is the environment's (exit 4), the marker kept for
# the next run to remove.
cat >"$tmp/flaky" <<'WINE'
#!/bin/sh
# A wine whose reg delete fails without a word the first FAILS times (a count file).
if [ "$1 $2" = "reg delete" ]; then
    n=$(cat "$FLAKY_COUNT" 2>/dev/null || echo 0)
    echo $((n + 1)) >"$FLAKY_COUNT"
    [ "$n" -ge "$FAILS" ] || exit 1
fi
exec wine "$@"
WINE
chmod +x "$tmp/flaky"
flaky() { # FAILS: remove through a reg delete failing FAILS times; status, deletes tried
    sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$tmp/ascii.reg" $$
    rm -f "$tmp/count"
    CONNOTIFY_WINE=$tmp/flaky FLAKY_COUNT=$tmp/count FAILS=$1 \
        sh "$root/conformance/vendor-reg.sh" remove "$prefix" /reg:64 2>"$tmp/err"
    echo "$? $(cat "$tmp/count")"
}
once=$(flaky 1)
once_left=$(wine reg query "$key" /reg:64 >/dev/null 2>&1 && echo kept || echo removed)
always=$(flaky 9)
marker=$(test -f "$prefix.vendor-reg" && echo kept || echo removed)
sh "$root/conformance/vendor-reg.sh" remove "$prefix" /reg:64
always_left=$(wine reg query "$key" /reg:64 >/dev/null 2>&1 && echo kept || echo removed)
if [ "$once" = "0 2" ] && [ "$once_left" = removed ] && [ "$always" = "4 3" ] &&
    [ "$marker" = kept ] && [ "$always_left" = removed ] &&
    grep -q 'left it there, 3 times (status 1: )' "$tmp/err"; then
    printf "vendor_reg_test: ok   a failing reg delete: tried again, 3 times then exit 4\n"
else
    printf "vendor_reg_test: FAIL a failing reg delete: once '%s' (want '0 2'), key %s;" \
        "$once" "$once_left"
    printf " always '%s' (want '4 3'), marker %s, then key %s; stderr '%s'\n" "$always" \
        "$marker" "$always_left" "$(cat "$tmp/err")"
    failed=1
fi
# A key an earlier run imported whose removal did not last (a wineserver ended before it
# saved the registry: the key back, the marker gone) is that run's: removed, then imported.
sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$tmp/ascii.reg" $$
rm -f "$prefix.vendor-reg"
sh "$root/conformance/vendor-reg.sh" import "$prefix" /reg:64 "$tmp/ascii.reg" $$ 2>"$tmp/err"
again=$?
sh "$root/conformance/vendor-reg.sh" remove "$prefix" /reg:64
if [ $again = 0 ] && grep -qF 'vendor_reg_test, left in the prefix by an earlier run, removed' \
    "$tmp/err"; then
    printf "vendor_reg_test: ok   a key an earlier run left: removed, imported again\n"
else
    printf "vendor_reg_test: FAIL a key an earlier run left: exit %s (want 0), stderr '%s'\n" \
        "$again" "$(cat "$tmp/err")"
    failed=1
fi
[ $failed = 0 ] && [ $skipped = 1 ] && exit 77
exit $failed
