#!/bin/sh
# ci/wineprefix.sh --base with a stand-in Wine (CONNOTIFY_WINE, wineserver on
# PATH) that logs its calls: the base is booted once and copied, a copy's
# --native DLL never reaches the base, a base stamped for another Wine is
# rebuilt, a relative --base is refused, a reg that Wine did not start is run
# again and one that never starts fails the setup. Real prefixes: wineprefix.*.setup.
#   wineprefix_test.sh WORKDIR
set -u
[ $# -eq 1 ] || { echo "usage: $0 WORKDIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$1
rm -rf "$work"
mkdir -p "$work/bin"
case $work in /*) ;; *) work=$(pwd)/$work ;; esac
log=$work/calls.log
cat >"$work/bin/wine" <<'FAKE'
#!/bin/sh
echo "wine $*" >>"$FAKE_LOG"
case $1 in
--version) echo "${FAKE_VERSION:-wine-fake-1}" ;;
wineboot)
    mkdir -p "$WINEPREFIX/drive_c/windows/system32"
    echo booted >"$WINEPREFIX/system.reg"
    echo builtin >"$WINEPREFIX/drive_c/windows/system32/mpr.dll"
    ;;
reg | regedit)
    # FAKE_REG_FAILS=N: the first N registry programs are not started.
    n=$(($(cat "$FAKE_LOG.regs" 2>/dev/null || echo 0) + 1))
    echo $n >"$FAKE_LOG.regs"
    if [ "$n" -le "${FAKE_REG_FAILS:-0}" ]; then
        echo "Application could not be started, or no application associated"
        exit 1
    fi
    ;;
esac
exit 0
FAKE
cat >"$work/bin/wineserver" <<'FAKE'
#!/bin/sh
echo "wineserver $*" >>"$FAKE_LOG"
FAKE
chmod +x "$work/bin/wine" "$work/bin/wineserver"
export FAKE_LOG="$log" CONNOTIFY_WINE="$work/bin/wine" PATH="$work/bin:$PATH"
failed=0
ok() { # DESCRIPTION COMMAND...
    d=$1
    shift
    if "$@"; then echo "ok: $d"; else echo "FAIL: $d"; failed=1; fi
}
boots() { grep -c '^wine wineboot' "$log"; }
setup() { sh "$root/ci/wineprefix.sh" setup "$@" >"$work/out" 2>&1; }

echo 'MZ native' >"$work/mpr.dll"
setup "$work/p1" --base "$work/base"
ok "first setup boots the base once: $(boots) boot(s)" [ "$(boots)" = 1 ]
ok "the prefix is a copy of the base" grep -q "creating $work/p1 (a copy of $work/base)" \
    "$work/out"
ok "the copy holds the booted files" [ -f "$work/p1/system.reg" ]
ok "the base is stamped with the plain key" \
    [ "$(cat "$work/base/.connotify-key")" = "wine-fake-1; wine32 $(sh "$root/ci/wineprefix.sh" \
        has-wine32 && echo yes || echo no); graphics null; driver heap tail" ]
setup "$work/p2" --base "$work/base" --native "$work/mpr.dll"
ok "a second setup copies, no boot: $(boots) boot(s)" [ "$(boots)" = 1 ]
ok "the copy's native DLL is in the copy" grep -q native "$work/p2/drive_c/windows/system32/mpr.dll"
ok "the base keeps its own DLL" grep -q builtin "$work/base/drive_c/windows/system32/mpr.dll"
ok "so does the first copy" grep -q builtin "$work/p1/drive_c/windows/system32/mpr.dll"
ok "the copy is stamped with its natives" grep -q '; mpr.dll ' "$work/p2/.connotify-key"
FAKE_VERSION=wine-fake-2 setup "$work/p3" --base "$work/base"
ok "a base made for another Wine is booted again: $(boots) boot(s)" [ "$(boots)" = 2 ]
ok "the rebuilt base has the new key" grep -q '^wine-fake-2;' "$work/base/.connotify-key"
ok "the base names the null graphics driver" \
    grep -q 'reg add HKCU.Software.Wine.Drivers /v Graphics /t REG_SZ /d null' "$log"
# The fake's echo ends its line at "\c" (of "\cn_conform.exe"): the key is matched so far.
ok "the base gives the driver heap tail checking" \
    grep -q 'reg add HKLM.Software.Microsoft.Windows NT.CurrentVersion.Image File Execution Options' \
    "$log"
setup "$work/p4" --base relative/base
rc=$?
ok "a relative --base is refused (status $rc)" [ $rc = 2 ]
ok "with the reason" grep -q 'must be an absolute path.*relative/base' "$work/out"
setup "$work/p5"
ok "no --base: the prefix is booted itself: $(boots) boot(s)" [ "$(boots)" = 3 ]
rm -f "$log.regs"
FAKE_REG_FAILS=1 setup "$work/p6" --base "$work/base" --native "$work/mpr.dll"
rc=$?
ok "a reg that Wine did not start once is run again (status $rc)" [ $rc = 0 ]
ok "saying so" grep -q 'status 1 (try 1 of 3), again: .*wine reg add HKCU.Software.Wine' "$work/out"
ok "and the prefix is stamped" grep -q '; mpr.dll ' "$work/p6/.connotify-key"
rm -f "$log.regs"
FAKE_REG_FAILS=9 setup "$work/p7" --base "$work/base" --native "$work/mpr.dll"
rc=$?
ok "a reg that never starts fails the setup (status $rc)" [ $rc = 1 ]
ok "naming it" grep -q 'failed 3 times: .*reg add HKCU.Software.Wine.DllOverrides' "$work/out"
ok "and the prefix is not stamped" [ ! -f "$work/p7/.connotify-key" ]
rm -f "$log.regs"
FAKE_REG_FAILS=9 FAKE_VERSION=wine-fake-3 setup "$work/p8" --base "$work/base"
rc=$?
ok "a base whose settings were not written fails the setup (status $rc)" [ $rc = 1 ]
ok "and is not stamped" [ ! -f "$work/base/.connotify-key" ]
exit $failed
