#!/bin/sh
# Installs 32-bit Wine (wine32:i386) for the i686 runtime tests; idempotent.
# Debian's security suite may hold a newer amd64 build of a Multi-Arch: same
# library than the i386 index this machine can read (seen: its i386 index
# fails to download), and apt then refuses wine32:i386. On a resolver
# failure this pins each such library in wine32's dependency closure to the
# newest version both architectures have, for both, and tries again.
# Some kernels (sandboxes such as gVisor) cannot execute i386 programs at
# all; there wine32 would break every `wine` call, so it is not installed.
# Exit: 0 installed (or already there), 1 cannot (the reason on stderr).
set -u

say() { echo "install-wine32: $*" >&2; }

# A 93-byte i386 ELF that calls exit(0): can this kernel run i386 code?
kernel_runs_i386() {
    t=$(mktemp "${TMPDIR:-/tmp}/i386-probe.XXXXXX") || return 1
    {
        printf '\177\105\114\106\001\001\001\000\000\000\000\000\000\000\000\000'
        printf '\002\000\003\000\001\000\000\000\124\200\004\010\064\000\000\000'
        printf '\000\000\000\000\000\000\000\000\064\000\040\000\001\000\000\000'
        printf '\000\000\000\000\001\000\000\000\000\000\000\000\000\200\004\010'
        printf '\000\200\004\010\135\000\000\000\135\000\000\000\005\000\000\000'
        printf '\000\020\000\000\270\001\000\000\000\061\333\315\200'
    } >"$t"
    chmod +x "$t"
    "$t" 2>/dev/null
    rc=$?
    rm -f "$t"
    return $rc
}
# An i386 ELF handler in binfmt_misc (qemu-i386): i386 code runs, emulated.
# Measured with Debian 12's qemu-user-static 7.2: Wine's address-space
# reservations (mmap with MAP_FIXED_NOREPLACE) get other addresses there, so
# every Wine process spends minutes splitting them, and wineboot never ends.
i386_emulated() {
    for f in /proc/sys/fs/binfmt_misc/*; do
        [ -f "$f" ] || continue
        grep -q '^enabled' "$f" 2>/dev/null || continue
        awk '$1 == "magic" && substr($2, 1, 10) == "7f454c4601" && substr($2, 37, 4) == "0300" {
                 found = 1 }
             END { exit !found }' "$f" && return 0
    done
    return 1
}
if [ "${1:-}" = --probe ]; then
    kernel_runs_i386 && ! i386_emulated
    exit $?
fi

installed() {
    dpkg-query -W -f='${Status}\n' wine32:i386 2>/dev/null | grep -q '^install ok installed$'
}
if ! kernel_runs_i386; then
    say "this kernel cannot execute i386 programs (Exec format error): no 32-bit Wine here"
    exit 1
fi
if i386_emulated; then
    say "i386 programs run here only through an emulator in binfmt_misc, where Wine's" \
        "address-space reservation takes minutes per process: no 32-bit Wine here"
    exit 1
fi
installed && exit 0
# One failed attempt costs minutes of apt: remember it (retry: delete it).
failed=/var/cache/connotify/wine32.failed
if [ -f "$failed" ]; then
    say "an earlier attempt failed ($(cat "$failed")); delete $failed to retry"
    exit 1
fi
fail() {
    say "$*"
    mkdir -p "$(dirname "$failed")" 2>/dev/null && echo "$*" >"$failed" 2>/dev/null
    rm -f /tmp/install-wine32.$$.*
    exit 1
}
if [ "$(id -u)" != 0 ]; then
    say "wine32:i386 is missing; run as root to install it (i686 runtime tests skip)"
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386 || { say "dpkg --add-architecture i386 failed"; exit 1; }
fi
# A suite whose index fails (security i386) is reported but not fatal.
apt-get update -qq >/dev/null 2>&1 || true

try_install() { # EXTRA-PACKAGE-SPECS...
    # shellcheck disable=SC2068 # a list of package specs
    apt-get install -y -qq --no-install-recommends --allow-downgrades wine32:i386 $@ \
        >/tmp/install-wine32.$$.log 2>&1
}

# Newest version listed by apt-cache madison for both PKG:amd64 and PKG:i386.
common_version() { # PKG
    apt-cache madison "$1:i386" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' \
        >/tmp/install-wine32.$$.i386
    apt-cache madison "$1:amd64" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' |
        grep -xF -f /tmp/install-wine32.$$.i386 | head -n 1
}

# Multi-Arch: same packages in wine32's closure whose amd64 and i386
# candidates differ: "pkg:amd64=V pkg:i386=V" for each.
skew_pins() {
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances wine32:i386 2>/dev/null | grep -v '^ ' | sed 's/:i386$//' |
        sort -u >/tmp/install-wine32.$$.closure
    dpkg-query -W -f='${Package} ${Architecture} ${Multi-Arch}\n' 2>/dev/null |
        awk '$2 == "amd64" && $3 == "same" { print $1 }' | sort -u |
        comm -12 - /tmp/install-wine32.$$.closure | while read -r p; do
        c64=$(apt-cache policy "$p:amd64" | awk '/Candidate:/ { print $2 }')
        c32=$(apt-cache policy "$p:i386" | awk '/Candidate:/ { print $2 }')
        if [ -z "$c32" ] || [ "$c64" = "$c32" ]; then continue; fi
        v=$(common_version "$p")
        [ -n "$v" ] && printf '%s:amd64=%s %s:i386=%s\n' "$p" "$v" "$p" "$v"
    done
}

start=$(date +%s)
say "installing wine32:i386"
if ! try_install; then
    pins=$(skew_pins | tr '\n' ' ')
    if [ -z "$pins" ]; then
        tail -n 5 /tmp/install-wine32.$$.log >&2
        fail "apt cannot install wine32:i386 and no version skew explains it"
    fi
    say "pinning to versions both architectures have: $pins"
    # shellcheck disable=SC2086 # a list of package specs
    if ! try_install $pins; then
        tail -n 5 /tmp/install-wine32.$$.log >&2
        fail "apt cannot install wine32:i386 even with those pins"
    fi
fi
rm -f /tmp/install-wine32.$$.*
installed || { say "wine32:i386 is still not installed"; exit 1; }
say "done in $(($(date +%s) - start)) s"
