#!/bin/sh
# Creates or removes a private Wine prefix for the Windows tests.
#   wineprefix.sh setup   PREFIX [--native DLL]... [REGFILE...]
#   wineprefix.sh cleanup PREFIX
# Never touches the user's own prefix: PREFIX must be given. A --native DLL
# is copied to system32 and set to native in the prefix's DllOverrides.
set -eu

usage() { echo "usage: $0 setup|cleanup PREFIX [--native DLL]... [REGFILE...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1 prefix=$2
shift 2
wine=${CONNOTIFY_WINE:-wine}
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

case $action in
setup)
    command -v "$wine" >/dev/null 2>&1 || { echo "wineprefix: '$wine' not found; run ci/bootstrap.sh" >&2; exit 1; }
    wineserver -k 2>/dev/null || true
    rm -rf "$prefix"
    mkdir -p "$prefix"
    echo "wineprefix: creating $prefix"
    "$wine" wineboot -i >/dev/null 2>&1
    # No crash dialog: a crashing test must end, not wait for a click.
    "$wine" reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null
    while [ $# -gt 0 ]; do
        case $1 in
        --native)
            if [ $# -lt 2 ] || [ ! -f "$2" ]; then
                echo "wineprefix: --native needs an existing DLL: ${2:-}" >&2
                exit 1
            fi
            name=$(basename "$2" .dll)
            echo "wineprefix: native $name.dll in system32"
            cp "$2" "$prefix/drive_c/windows/system32/$name.dll"
            "$wine" reg add 'HKCU\Software\Wine\DllOverrides' /v "$name" /t REG_SZ /d native /f >/dev/null
            shift 2
            ;;
        *)
            [ -f "$1" ] || { echo "wineprefix: no such .reg file: $1" >&2; exit 1; }
            echo "wineprefix: importing $1"
            "$wine" regedit /S "$(winepath -w "$1" 2>/dev/null)"
            shift
            ;;
        esac
    done
    wineserver -w
    ;;
cleanup)
    wineserver -k 2>/dev/null || true
    rm -rf "$prefix"
    ;;
*) usage ;;
esac
