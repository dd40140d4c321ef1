#!/bin/sh
# Creates or removes a private Wine prefix for the Windows tests.
#   wineprefix.sh setup   PREFIX [--base DIR] [--native DLL]... [REGFILE...]
#   wineprefix.sh ensure  PREFIX [--base DIR] [--native DLL]... [REGFILE...]
#   wineprefix.sh cleanup PREFIX
#   wineprefix.sh import  PREFIX REGFILE [/reg:32|/reg:64]   reg import into that view
#   wineprefix.sh reg     PREFIX add|delete ARGS...   wine reg, tried 3 times (wine_run)
#   wineprefix.sh current PREFIX [--native DLL]...   status 0 when PREFIX is stamped with the key
#   wineprefix.sh key [--native DLL]...    prints the key of the installed Wine
#   wineprefix.sh has-wine32               status 0 when a 32-bit Wine loader runs
#   wineprefix.sh loader x86_64|i686       prints the Wine loader for that architecture
# Never touches the user's own prefix: PREFIX must be given. A --native DLL
# is copied to system32 (a 32-bit one to syswow64 in a 64-bit prefix) and
# set to native in the prefix's DllOverrides.
# A prefix is stamped with a key: the Wine version, whether a 32-bit loader
# runs, and the SHA-256 of each --native DLL. `ensure` keeps a prefix whose
# stamp equals the key and rebuilds any other, saying why: a prefix made by
# another Wine fails every process ("could not load kernel32.dll") [wine].
# --base DIR: a booted prefix with no DLL or .reg of ours, stamped with the
# plain key, made once (under DIR.lock) and copied: a copy takes a second,
# wineboot ten or more.
set -eu

usage() {
    echo "usage: $0 setup|ensure|current|cleanup|import PREFIX [--native DLL]... [REGFILE...]" \
        "| key | has-wine32 | loader x86_64|i686" >&2
    exit 2
}
wine=${CONNOTIFY_WINE:-wine}
has_wine32() {
    for l in /usr/lib/wine/wine /usr/lib/i386-linux-gnu/wine/wine; do
        [ -x "$l" ] && "$l" --version >/dev/null 2>&1 && return 0
    done
    return 1
}
# With a 32-bit Wine installed, Debian's `wine` starts a 64-bit program from
# start.exe in a process of its own [wine]: a signal, `timeout` or `$!` then
# reaches start.exe, not the program, and `wine reg` is the 32-bit reg.exe.
# 64-bit programs get the 64-bit loader itself. CONNOTIFY_WINE overrides.
loader() { # x86_64|i686
    if [ -n "${CONNOTIFY_WINE:-}" ]; then
        echo "$CONNOTIFY_WINE"
        return
    fi
    if [ "$1" = x86_64 ]; then
        for l in "$(command -v wine64 || :)" /usr/lib/wine/wine64 \
            /usr/lib/x86_64-linux-gnu/wine/wine64; do
            [ -n "$l" ] && [ -x "$l" ] && { echo "$l"; return; }
        done
    fi
    echo wine
}
key() { # [--native DLL]...: fails when Wine prints no version (never a key that rebuilds)
    w32=no
    has_wine32 && w32=yes
    version=$("$wine" --version 2>/dev/null | head -n 1)
    if [ -z "$version" ]; then
        echo "wineprefix: '$wine --version' printed nothing: Wine is missing or broken" \
            "(WINEPREFIX=${WINEPREFIX:-unset}); run ci/bootstrap.sh" >&2
        return 1
    fi
    # "graphics null", "driver heap tail": boot's settings below; prefixes made
    # before them are rebuilt.
    printf '%s; wine32 %s; graphics null; driver heap tail' "$version" "$w32"
    while [ $# -gt 0 ]; do
        if [ "$1" = --native ] && [ $# -ge 2 ]; then
            printf '; %s %s' "$(basename "$2")" "$(sha256sum <"$2" | cut -c1-16)"
            shift
        fi
        shift
    done
    echo
}
boot() { # PREFIX: a new prefix, no crash dialog
    mkdir -p "$1" || return 1
    echo "wineprefix: creating $1"
    WINEPREFIX=$1 "$wine" wineboot -i >/dev/null 2>&1
    # No crash dialog: a crashing test must end, not wait for a click.
    # HKCU\Software has one view; /reg:64 names it anyway (64-bit prefixes).
    wine_run env WINEPREFIX="$1" "$wine" reg add 'HKCU\Software\Wine\WineDbg' \
        /v ShowCrashDialog /t REG_DWORD /d 0 /f /reg:64 || return 1
    # Wine's null graphics driver: top-level windows exist, as on a desktop,
    # with no display (without it Wine makes none and a broadcast reaches no one).
    wine_run env WINEPREFIX="$1" "$wine" reg add 'HKCU\Software\Wine\Drivers' /v Graphics \
        /t REG_SZ /d null /f /reg:64 || return 1
    # The conformance driver's heaps keep a checked tail after each block
    # (GlobalFlag FLG_HEAP_ENABLE_TAIL_CHECK, 0x10, read from the program's
    # Image File Execution Options at its start [doc: gflags]): HeapValidate
    # then sees a write just past a block, which the block's slack hides
    # otherwise. Both views: the i686 driver reads the 32-bit one.
    ifeo='HKLM\Software\Microsoft\Windows NT\CurrentVersion\Image File Execution Options'
    wine_run env WINEPREFIX="$1" "$wine" reg add "$ifeo\cn_conform.exe" /v GlobalFlag \
        /t REG_DWORD /d 16 /f /reg:64 || return 1
    if has_wine32; then
        wine_run env WINEPREFIX="$1" "$wine" reg add "$ifeo\cn_conform.exe" /v GlobalFlag \
            /t REG_DWORD /d 16 /f /reg:32 || return 1
    fi
}
# The Windows form of an absolute Linux path: Z: is / in every prefix [wine]. Not winepath: a
# Wine program that may not start (measured: under load at the start of ci/test.sh, winepath
# printed "Application could not be started" and reg was given that text as its file).
zpath() { # PATH
    printf 'Z:%s' "$1" | tr / "\\\\"
}
# A Wine program that changes the registry, tried 3 times: under load Wine may not start it
# (measured: winepath's "Application could not be started"; in CI, the DllOverrides reg add of
# a prefix failed in the first minute, its output sent to /dev/null). Each change is idempotent
# (reg add /f, an import), so a retry is safe. Its output is shown only when a try fails.
wine_run() { # COMMAND...
    for try in 1 2 3; do
        status=0
        out=$("$@" 2>&1) || status=$?
        [ $status != 0 ] || return 0
        [ -z "$out" ] || printf '%s\n' "$out" >&2
        [ $try = 3 ] || echo "wineprefix: status $status (try $try of 3), again: $*" >&2
    done
    echo "wineprefix: failed 3 times: $*" >&2
    return 1
}
reg_import() { # FILE [VIEW]
    wine_run "$wine" reg import "$(zpath "$1")" ${2:+"$2"} ||
        { echo "wineprefix: reg import $1 failed" >&2; return 1; }
}
base_ready() { # KEY: $base booted for KEY, made here if needed (one maker at a time)
    mkdir -p "$(dirname "$base")"
    exec 9>"$base.lock"
    flock 9
    if [ "$(cat "$base/.connotify-key" 2>/dev/null)" != "$1" ]; then
        WINEPREFIX=$base wineserver -k 2>/dev/null || true
        rm -rf "$base"
        boot "$base" && WINEPREFIX=$base wineserver -w && echo "$1" >"$base/.connotify-key"
    fi
    ok=$?
    exec 9>&-
    return $ok
}
case ${1:-} in
key) shift; key "$@"; exit ;;
has-wine32) has_wine32; exit ;;
loader) [ $# = 2 ] || usage; loader "$2"; exit ;;
esac
[ $# -ge 2 ] || usage
action=$1 prefix=$2
shift 2
base=""
if [ "${1:-}" = --base ]; then
    [ $# -ge 2 ] || usage
    base=$2
    shift 2
fi
for p in "$prefix" ${base:+"$base"}; do
    case $p in
    /*) ;;
    *) echo "wineprefix: PREFIX must be an absolute path (Wine takes no other): $p" >&2; exit 2 ;;
    esac
done
# No Mono, Gecko or menu entries of the prefix in the user's desktop (winemenubuilder).
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
stamp=$prefix/.connotify-key

case $action in current|ensure)
    now=$(key "$@") || exit 1
    [ "$(cat "$stamp" 2>/dev/null)" = "$now" ] && exit 0
    [ "$action" = ensure ] || exit 1
    ;;
esac
if [ "$action" = ensure ]; then
    if [ -f "$stamp" ]; then
        echo "wineprefix: $prefix was made for '$(cat "$stamp")'," \
            "the installed Wine is '$now': rebuilding"
    fi
    action=setup
fi
case $action in
setup)
    now=$(key "$@") || exit 1
    command -v "$wine" >/dev/null 2>&1 || { echo "wineprefix: '$wine' not found; run ci/bootstrap.sh" >&2; exit 1; }
    wineserver -k 2>/dev/null || true
    rm -rf "$prefix"
    if [ -n "$base" ]; then
        base_ready "$(key)" || exit 1
        mkdir -p "$prefix"
        echo "wineprefix: creating $prefix (a copy of $base)"
        cp -a "$base/." "$prefix/"
        # The base's stamp: a copy is stamped only once it is made.
        rm -f "$stamp"
    else
        boot "$prefix" || exit 1
    fi
    while [ $# -gt 0 ]; do
        case $1 in
        --native)
            if [ $# -lt 2 ] || [ ! -f "$2" ]; then
                echo "wineprefix: --native needs an existing DLL: ${2:-}" >&2
                exit 1
            fi
            name=$(basename "$2" .dll)
            # A 32-bit DLL goes where 32-bit programs of a 64-bit prefix load
            # from (syswow64): in system32 they cannot start (measured: i686
            # mpr.dll, status c0000135).
            pe=$(od -An -tu4 -j60 -N4 "$2" | tr -d ' ')
            machine=$(od -An -tx2 -j$((pe + 4)) -N2 "$2" | tr -d ' ')
            dir=system32
            [ "$machine" = 014c ] && [ -d "$prefix/drive_c/windows/syswow64" ] && dir=syswow64
            echo "wineprefix: native $name.dll in $dir"
            cp "$2" "$prefix/drive_c/windows/$dir/$name.dll"
            wine_run "$wine" reg add 'HKCU\Software\Wine\DllOverrides' /v "$name" \
                /t REG_SZ /d native /f /reg:64 || exit 1
            shift 2
            ;;
        *)
            [ -f "$1" ] || { echo "wineprefix: no such .reg file: $1" >&2; exit 1; }
            echo "wineprefix: importing $1"
            wine_run "$wine" regedit /S "$(zpath "$1")" || exit 1
            shift
            ;;
        esac
    done
    wineserver -w
    echo "$now" >"$stamp"
    ;;
cleanup)
    wineserver -k 2>/dev/null || true
    rm -rf "$prefix"
    ;;
import)
    if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
    [ -f "$1" ] || { echo "wineprefix: no such .reg file: $1" >&2; exit 1; }
    case $1 in /*) ;; *) echo "wineprefix: REGFILE must be an absolute path: $1" >&2; exit 2 ;; esac
    reg_import "$@"
    ;;
reg)
    [ $# -ge 2 ] || usage
    wine_run "$wine" reg "$@"
    ;;
*) usage ;;
esac
