#!/bin/sh
# vendor-reg.sh: the settings a notifier is deployed with (run.sh --reg FILE),
# imported into a gate prefix for one run and removed after it.
#   vendor-reg.sh keys FILE                  the keys FILE writes, one per line
#   vendor-reg.sh import PREFIX VIEW FILE PID  imports FILE (VIEW /reg:64 or /reg:32) for
#                                            the run with process id PID
#   vendor-reg.sh remove PREFIX VIEW [--stale] deletes the keys the last import wrote
#                                            (--stale: only if its run has ended)
# Only keys of the notifier's own (HKLM\SOFTWARE\X or HKCU\Software\X and
# below) that the prefix does not have yet; no deletions ([-KEY]). The keys
# imported are listed in PREFIX.vendor-reg until removed, so that a run cut
# short is cleaned up by the next one, and in PREFIX.vendor-ledger for good: a
# key of that list found again (a removal its wineserver never saved) is removed
# before the import. Exit 2: FILE is not such a .reg.
set -u
wine=${CONNOTIFY_WINE:-wine}
# printf, not echo: dash's echo reads "\c" in a key name as "stop here".
die() { printf 'conformance: error: --reg: %s\n' "$*" >&2; exit 2; }
envdie() { printf 'conformance: environment error: --reg: %s\n' "$*" >&2; exit 4; }
winpath() { printf 'Z:%s' "$1" | tr / "\\\\"; }
reg() { # PREFIX ARGS...
    p=$1
    shift
    WINEPREFIX=$p WINEDEBUG=-all "$wine" reg "$@" >/dev/null 2>&1 </dev/null 7>&-
}
# Whether PREFIX has KEY in VIEW: 0 it has (reg query printed the key), 1 it has not
# (status 1 and reg's "Unable to find"); anything else is Wine's fault, not the file's.
has_key() { # PREFIX KEY VIEW
    out=$(WINEPREFIX=$1 WINEDEBUG=-all "$wine" reg query "$2" "$3" 2>&1 </dev/null 7>&-)
    rc=$?
    out=$(printf '%s\n' "$out" | tr -d '\r' | grep .)
    [ $rc != 0 ] || ! printf '%s\n' "$out" | grep -qixF -- "$2" || return 0
    [ $rc != 1 ] || ! printf '%s\n' "$out" | grep -qi 'unable to find' || return 1
    envdie "wine reg query $2 $3 in $1: status $rc, $(printf '%s' "$out" | head -n 2 | tr '\n' ' ')"
}
all_there() { # PREFIX VIEW: every key of the marker in PREFIX
    grep -v '^#' "$1.vendor-reg" | while IFS= read -r k; do
        has_key "$1" "$k" "$2" || exit 1
    done
}
text() { # FILE as UTF-8 (regedit writes UTF-16LE with a BOM)
    if [ "$(od -An -tx1 -N2 "$1" | tr -d ' ')" = fffe ]; then
        iconv -f UTF-16LE -t UTF-8 "$1" | tr -d '\r'
    else
        tr -d '\r' <"$1"
    fi
}
keys() { # FILE
    if [ ! -f "$1" ] || [ ! -r "$1" ]; then die "no such file: $1"; fi
    head=$(text "$1" | sed -n '1{s/^\xef\xbb\xbf//;p;}')
    case $head in
    "Windows Registry Editor Version 5.00"|REGEDIT4) ;;
    *) die "$1 is not a .reg file (first line: '$head')" ;;
    esac
    text "$1" | sed -n 's/^\[\(.*\)\][[:space:]]*$/\1/p' | while IFS= read -r k; do
        case $k in
        -*) die "$1 deletes a key ($k): only keys to add" ;;
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\"?*|"HKEY_CURRENT_USER\\Software\\"?*) printf '%s\n' "$k" ;;
        *) die "$1 writes $k: only a notifier's own keys under HKLM\\SOFTWARE or HKCU\\Software" ;;
        esac
    done
}
# One import or removal at a time per prefix: a run's `remove --stale` reads the
# marker's pid, then deletes the keys it lists; an import that lands between the
# two would lose its keys to a removal meant for the run before. Wine never gets
# the lock's descriptor (7>&-): a wineserver it starts would hold it for minutes.
serialise() { # PREFIX
    exec 7>>"$1.vendor-lock" ||
        envdie "cannot open $1.vendor-lock"
    flock -w 600 7 || envdie "another run held $1.vendor-lock for 600 s"
}
case ${1:-} in
keys)
    [ $# = 2 ] || die "usage: vendor-reg.sh keys FILE"
    keys "$2" ;;
import)
    [ $# = 5 ] || die "usage: vendor-reg.sh import PREFIX VIEW FILE PID"
    serialise "$2"
    if [ -f "$2.vendor-reg" ]; then
        echo "conformance: environment error: another run's --reg settings are in $2" \
            "($(head -n 1 "$2.vendor-reg")): one such run per prefix at a time" >&2
        exit 4
    fi
    list=$(keys "$4") || exit 2
    [ -n "$list" ] || die "$4 writes no key"
    printf '%s\n' "$list" | while IFS= read -r k; do
        has_key "$2" "$k" "$3"
        case $? in
        1) ;;
        0)
            # A key an earlier run imported, whose removal did not last (its wineserver
            # ended before it saved the registry): that run's, removed now.
            if grep -qxF -- "$3 $k" "$2.vendor-ledger" 2>/dev/null; then
                reg "$2" delete "$k" /f "$3"
                has_key "$2" "$k" "$3"
                [ $? = 1 ] || envdie "$k, left by an earlier run, could not be deleted in $2"
                printf 'conformance: --reg: %s, left in the prefix by an earlier run, removed\n' \
                    "$k" >&2
                continue
            fi
            die "the gate's prefix already has $k ($(printf '%s' "$out" | sed -n 2,3p |
                tr -s ' \n' ' ')): not a key of the notifier's own" ;;
        *) exit 4 ;;
        esac
    done
    rc=$?
    [ $rc = 0 ] || exit $rc
    # The marker appears whole or not at all: a run's `remove --stale` must
    # never read it half written (no pid yet: removed as stale), and of two
    # imports at once one gets it.
    marker=$(mktemp "$2.vendor-reg.XXXXXX") ||
        { echo "conformance: environment error: mktemp beside $2 failed" >&2; exit 4; }
    { printf '# pid %s\n' "$5" && printf '%s\n' "$list"; } >"$marker"
    if ! ln "$marker" "$2.vendor-reg" 2>/dev/null; then
        rm -f "$marker"
        echo "conformance: environment error: another run's --reg settings are in $2:" \
            "one such run per prefix at a time" >&2
        exit 4
    fi
    rm -f "$marker"
    # Every key a run imported, for good: one found again later is a run's, not the prefix's.
    new=$(printf '%s\n' "$list" | while IFS= read -r k; do
        grep -qxF -- "$3 $k" "$2.vendor-ledger" 2>/dev/null || printf '%s %s\n' "$3" "$k"
    done)
    [ -z "$new" ] || printf '%s\n' "$new" >>"$2.vendor-ledger"
    # A version 5 file holds hex(2)/hex(7) data as UTF-16LE whatever its own encoding;
    # Wine 8's reg import reads them as 8-bit strings unless the file is UTF-16LE
    # (measured: hex(7) of \\hr\payroll became "\", "\", "h", "r", ...) [wine].
    file=$4 tmp=""
    if [ "$(od -An -tx1 -N2 "$4" | tr -d ' ')" != fffe ] &&
        text "$4" | head -n 1 | grep -q 'Version 5[.]00'; then
        tmp=$(mktemp "${TMPDIR:-/tmp}/vendor-reg.XXXXXX") ||
            { echo "conformance: environment error: mktemp failed" >&2; exit 4; }
        { printf '\377\376' && text "$4" | sed '1s/^\xef\xbb\xbf//; s/$/\r/' |
            iconv -f UTF-8 -t UTF-16LE; } >"$tmp" ||
            { rm -f "$tmp"; die "$4 is not UTF-8 text"; }
        file=$tmp
    fi
    # Each key checked there: Wine's reg fails now and then under load with status 1
    # and no word (measured: 1 delete in 390 beside three other gates). Twice more,
    # then the environment's fault.
    tries=0
    until [ $tries = 3 ] || { reg "$2" import "$(winpath "$file")" "$3" && all_there "$2" "$3"; }
    do
        tries=$((tries + 1))
        sleep 1
    done
    [ -z "$tmp" ] || rm -f "$tmp"
    [ $tries != 3 ] ||
        envdie "wine reg import $4 $3 in $2 failed or left a key out, 3 times" ;;
remove)
    [ $# = 3 ] || [ "${4:-}" = --stale ] || die "usage: vendor-reg.sh remove PREFIX VIEW [--stale]"
    [ -f "$2.vendor-reg" ] || exit 0
    serialise "$2"
    [ -f "$2.vendor-reg" ] || exit 0
    pid=$(sed -n '1s/^# pid //p' "$2.vendor-reg")
    # Another run's settings, while it runs, are its own.
    if [ "${4:-}" = --stale ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        exit 0
    fi
    # Each key checked gone: one left behind would make the next import refuse its file
    # as not the notifier's own. Until all are gone the marker stays for the next run.
    grep -v '^#' "$2.vendor-reg" | while IFS= read -r k; do
        tries=0
        while :; do
            said=$(WINEPREFIX=$2 WINEDEBUG=-all "$wine" reg delete "$k" /f "$3" 2>&1 \
                </dev/null 7>&-)
            drc=$?
            has_key "$2" "$k" "$3" || break
            tries=$((tries + 1))
            [ $tries != 3 ] || envdie "wine reg delete $k $3 in $2 left it there, 3 times" \
                "(status $drc: $(printf '%s' "$said" | tr -d '\r' | grep . | head -n 2 |
                    tr '\n' ' '))"
            sleep 1
        done
    done || exit $?
    rm -f "$2.vendor-reg" ;;
*) die "usage: vendor-reg.sh keys|import|remove ..." ;;
esac
