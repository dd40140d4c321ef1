#!/bin/sh
# Builds Wine's mpr.dll with the connection-notification patch, from the
# Debian source package of the installed Wine.
#   build-mpr.sh --cache DIR --work DIR --out DLL [--patch FILE] [--version V]
#                [--arch x86_64|i686]
# --cache keeps the downloaded source package: when it holds one, nothing is
# downloaded. --work is scratch space (emptied). --version defaults to the
# source version of the installed wine64 package. For i686, Wine's i386
# import libraries are not needed: MinGW's and crt32/ stand in for them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache="" work="" out="" patchfile="$here/mpr-notify.patch" version="" arch=x86_64

die() { echo "build-mpr: $*" >&2; exit 1; }
usage() {
    echo "usage: $0 --cache DIR --work DIR --out DLL [--patch FILE] [--version V]" \
        "[--arch x86_64|i686]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || usage
    case $1 in
    --cache) cache=$2 ;;
    --work) work=$2 ;;
    --out) out=$2 ;;
    --patch) patchfile=$2 ;;
    --version) version=$2 ;;
    --arch) arch=$2 ;;
    *) usage ;;
    esac
    shift 2
done
if [ -z "$cache" ] || [ -z "$work" ] || [ -z "$out" ]; then usage; fi
[ -f "$patchfile" ] || die "no such patch: $patchfile"
case $arch in
x86_64) target=x86_64-w64-mingw32 bits="" ;;
i686) target=i686-w64-mingw32 bits=-m32 ;;
*) die "--arch must be x86_64 or i686, not '$arch'" ;;
esac
for tool in winegcc wrc tar xz patch awk; do
    command -v $tool >/dev/null 2>&1 || die "'$tool' not found; run ci/bootstrap.sh (Debian: wine64-tools, xz-utils, patch)"
done

start=$(date +%s)
if [ -z "$version" ]; then
    version=$(dpkg-query -W -f='${source:Version}' wine64 2>/dev/null) ||
        die "cannot tell the installed Wine version (is wine64 installed?); pass --version"
fi
upstream=${version#*:}
upstream=${upstream%-*}

# 1. Source package, cached: a stamp is written only after a full download.
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
stamp="$cache/wine_$upstream.stamp"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
    echo "build-mpr: Wine $version source from cache $cache"
else
    echo "build-mpr: downloading Wine $version source package into $cache"
    if ! (cd "$cache" && apt-get source --download-only -qq "wine=$version" >apt.log 2>&1); then
        die "cannot download source package wine=$version (needs network and a deb-src entry: run 'sh ci/bootstrap.sh --deb-src' as root; apt said: $(grep -E '^E:' "$cache/apt.log" | head -n 1))"
    fi
    echo "$version" > "$stamp"
fi
orig="" debian=""
for f in "$cache"/wine_"$upstream".orig.tar.*; do [ -f "$f" ] && orig=$f; done
for f in "$cache"/wine_"${version#*:}".debian.tar.*; do [ -f "$f" ] && debian=$f; done
[ -n "$orig" ] || die "no wine_$upstream.orig.tar.* in $cache; remove $stamp to download again"

# 2. Only dlls/mpr, and the version resource template that mpr.rc includes,
# plus the parts under dlls/mpr of Debian's own patches (none in
# 8.0~repack-4); both extracted once into the cache.
pristine="$cache/wine-$version-mpr"
if [ ! -f "$pristine.done" ]; then
    rm -rf "$pristine" "$pristine.tmp"
    mkdir -p "$pristine.tmp/src"
    echo "build-mpr: extracting dlls/mpr from $(basename "$orig")"
    tar -xf "$orig" -C "$pristine.tmp/src" --strip-components=1 --wildcards \
        '*/dlls/mpr/*' '*/include/wine/wine_common_ver.rc' ||
        die "cannot extract dlls/mpr from $orig"
    [ -f "$pristine.tmp/src/dlls/mpr/wnet.c" ] || die "$orig has no dlls/mpr/wnet.c"
    : > "$pristine.tmp/debian-mpr.patch"
    if [ -n "$debian" ]; then
        echo "build-mpr: looking for Debian patches to dlls/mpr in $(basename "$debian")"
        tar -xf "$debian" -C "$pristine.tmp" debian/patches/ ||
            die "cannot extract debian/patches from $debian"
        series="$pristine.tmp/debian/patches/series"
        [ -f "$series" ] || die "no debian/patches/series in $debian"
        # shellcheck disable=SC2013 # series: a patch name is the first word
        for p in $(sed -e 's/#.*//' -e 's/[[:space:]].*//' "$series"); do
            grep -q '^+++ [^ ]*dlls/mpr/' "$pristine.tmp/debian/patches/$p" || continue
            echo "build-mpr: Debian patch $p touches dlls/mpr"
            # Keep the file sections whose target lies under dlls/mpr/.
            awk '/^--- / { hdr = $0; next }
                 /^\+\+\+ / { keep = ($2 ~ /dlls\/mpr\//); if (keep) print hdr }
                 /^(diff|Index:) / { keep = 0 }
                 keep' "$pristine.tmp/debian/patches/$p" >> "$pristine.tmp/debian-mpr.patch"
        done
        rm -rf "$pristine.tmp/debian"
    fi
    mv "$pristine.tmp" "$pristine"
    : > "$pristine.done"
fi

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
cp -R "$pristine/src" "$work/src"

# 3. Debian's patches to dlls/mpr, if any.
if [ -s "$pristine/debian-mpr.patch" ]; then
    echo "build-mpr: applying Debian's changes to dlls/mpr"
    patch -s -p1 -d "$work/src" < "$pristine/debian-mpr.patch" ||
        die "Debian's patches do not apply to dlls/mpr"
fi

# 4. The dispatch patch.
echo "build-mpr: applying $(basename "$patchfile")"
patch -p1 -d "$work/src" --no-backup-if-mismatch < "$patchfile" > "$work/patch.log" 2>&1 ||
    die "$(basename "$patchfile") does not apply to Wine $version dlls/mpr (see $work/patch.log)"

# 5. Compile: sources, imports and resources as dlls/mpr/Makefile.in lists them.
mk="$work/src/dlls/mpr/Makefile.in"
var() { awk -v v="$1" '{ while (/\\$/) { sub(/\\$/, ""); l = $0; getline; $0 = l $0 }
                         if ($1 == v && $2 == "=") { $1 = $2 = ""; print } }' "$mk"; }
srcs=$(var C_SRCS) rcs=$(var RC_SRCS) imports=$(var IMPORTS)
[ -n "$srcs" ] || die "no C_SRCS in $mk"
winehdr=""
for d in /usr/include/wine/wine/windows /usr/include/wine/windows /usr/local/include/wine/windows; do
    [ -f "$d/windef.h" ] && winehdr=$d && break
done
[ -n "$winehdr" ] || die "Wine's Windows headers not found (Debian: libwine-dev)"

cd "$work/src/dlls/mpr"
objs=""
for rc in $rcs; do
    echo "build-mpr: wrc $rc"
    wrc --target=$target -D__WINESRC__ -I. -I"$work/src/include" -I"$winehdr" \
        -o "${rc%.rc}.res" "$rc" || die "wrc failed on $rc"
    objs="$objs ${rc%.rc}.res"
done
libs=""
for i in $imports; do libs="$libs -l$i"; done
if [ "$arch" = i686 ]; then
    # Wine's own i386 libwinecrt0.a and import libraries come with
    # libwine-dev:i386; without it: crt32/ for the first, MinGW's for the rest.
    crt="$work/crt32"
    mkdir -p "$crt"
    $target-gcc -O2 -c -o "$crt/crt0.o" "$here/crt32/crt0.c" || die "crt32/crt0.c does not compile"
    $target-ar rcs "$crt/libwinecrt0.a" "$crt/crt0.o" || die "ar failed"
    $target-dlltool -d "$here/crt32/ntdll-wine.def" -l "$crt/libntdll_wine.a" ||
        die "dlltool failed on crt32/ntdll-wine.def"
    libs="-L$crt -L/usr/$target/lib $libs -lntdll_wine"
fi
echo "build-mpr: winegcc $srcs"
# shellcheck disable=SC2086 # word lists
winegcc -b "$target" $bits -mno-cygwin -D__WINESRC__ -shared -O2 -Wall \
    -o mpr.dll mpr.spec $srcs $objs $libs || die "winegcc failed"

mkdir -p "$(dirname "$out")"
cp mpr.dll "$out.tmp"
mv "$out.tmp" "$out"
echo "build-mpr: built $out ($(wc -c < "$out") bytes, $(($(date +%s) - start)) s)"
