#!/bin/sh
# Installs what connotify needs on Debian/Ubuntu; idempotent. Needs root
# only when something is missing.
#   bootstrap.sh [--deb-src]   --deb-src also enables source packages
#                               (Wine's source for the patched mpr.dll)
set -eu

packages="cmake ninja-build clang clang-format llvm libclang-rt-14-dev mingw-w64 wine wine64 wine64-tools dpkg-dev shellcheck yamllint"
want_src=0
[ "${1:-}" = "--deb-src" ] && want_src=1

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
# ci/lint.sh's workflow validator needs Node.js and npm; a Node.js from
# elsewhere bundles its own npm (and conflicts with Debian's), so ask for the
# command, not the package.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"

src_missing=0
if [ $want_src = 1 ]; then
    if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        src_missing=1
    fi
fi

# 32-bit Wine for the i686 runtime tests: wanted, not required (without
# it those tests skip and say why). CONNOTIFY_NO_WINE32=1 leaves it out.
wine32() {
    [ "${CONNOTIFY_NO_WINE32:-0}" = 1 ] && return 0
    sh "$(dirname "$0")/install-wine32.sh" ||
        echo "bootstrap: continuing without 32-bit Wine: i686 runtime tests will skip" >&2
}

if [ -z "$missing" ] && [ $src_missing = 0 ]; then
    wine32
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "bootstrap: missing:${missing}$( [ $src_missing = 1 ] && echo ' deb-src entry')" >&2
    echo "bootstrap: run as root (or: sudo $0 $*) to install them" >&2
    exit 1
fi

if [ $src_missing = 1 ]; then
    # deb-src for the running release, in the form the system already uses.
    # shellcheck disable=SC1091
    . /etc/os-release
    codename=${VERSION_CODENAME:?}
    echo "bootstrap: adding deb-src for $ID $codename"
    if [ "$ID" = ubuntu ]; then
        mirror=http://archive.ubuntu.com/ubuntu
        comps="main universe"
    else
        mirror=http://deb.debian.org/debian
        comps=main
    fi
    cat > /etc/apt/sources.list.d/connotify-src.sources <<SRC
Types: deb-src
URIs: $mirror
Suites: $codename
Components: $comps
Signed-By: /usr/share/keyrings/${ID}-archive-keyring.gpg
SRC
fi

echo "bootstrap: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # a list of package names
[ -z "$missing" ] || apt-get install -y -qq --no-install-recommends $missing >/dev/null
wine32
echo "bootstrap: done"
