#!/bin/sh
# conformance.sh: checks any notifier DLL against the MPR connection-
# notification contract; every check carries a CONTRACT.md source tag.
# See docs/conformance.md.
#
#   ci/conformance.sh [--notifier DLL] [--arch x86_64|i686]
#                     [--mpr stock|patched|both] [--junit FILE] [--html FILE]
#                     [--budget-ms N] [--load-budget-ms N] [--cycles N]
#                     [--timeout S] [--only CHECK,...] [--results FILE]
#                     [--build-dir DIR] [--prefix-dir DIR] [--no-build]
#                     [--prepare-only] [--fresh-prefix]
#
# Without --notifier it checks the reference notifier. It installs what is
# missing (ci/bootstrap.sh), configures and builds the driver (preset
# mingw64 or mingw32; build dir build/<preset> unless --build-dir or
# $CONNOTIFY_CONFORMANCE_BUILD_DIR), prepares private Wine prefixes (never
# ~/.wine), runs every case in its own process with a timeout, prints a
# table and a summary, and writes JUnit XML and a self-contained HTML report.
# Exit status: 0 every gate passed, 1 a gate failed, 2 bad input.
set -u

die() { echo "conformance: error: $*" >&2; exit 2; }
say() { echo "conformance: $*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)

notifier="" arch=x86_64 mpr=both junit="" html="" budget=50 load_budget=1000
cycles=10000 case_timeout=120 only="" results="" no_build=0 prepare_only=0 fresh=0
build_dir=${CONNOTIFY_CONFORMANCE_BUILD_DIR:-} prefix_dir=""

need() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi; }
num() { case $2 in ''|*[!0-9]*|0) die "$1 needs a positive number, not '$2'" ;; esac; }
while [ $# -gt 0 ]; do
    case $1 in
    --notifier) need "$@"; notifier=$2; shift 2 ;;
    --arch) need "$@"; case $2 in x86_64|i686) arch=$2 ;; *) die "--arch must be x86_64 or i686, not '$2'" ;; esac; shift 2 ;;
    --mpr) need "$@"; case $2 in stock|patched|both) mpr=$2 ;; *) die "--mpr must be stock, patched or both, not '$2'" ;; esac; shift 2 ;;
    --junit) need "$@"; junit=$2; shift 2 ;;
    --html) need "$@"; html=$2; shift 2 ;;
    --results) need "$@"; results=$2; shift 2 ;;
    --budget-ms) need "$@"; num "$1" "$2"; budget=$2; shift 2 ;;
    --load-budget-ms) need "$@"; num "$1" "$2"; load_budget=$2; shift 2 ;;
    --cycles) need "$@"; num "$1" "$2"; cycles=$2; shift 2 ;;
    --timeout) need "$@"; num "$1" "$2"; case_timeout=$2; shift 2 ;;
    --only) need "$@"; only=$2; shift 2 ;;
    --build-dir) need "$@"; build_dir=$2; shift 2 ;;
    --prefix-dir) need "$@"; prefix_dir=$2; shift 2 ;;
    --no-build) no_build=1; shift ;;
    --prepare-only) prepare_only=1; shift ;;
    --fresh-prefix) fresh=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done

# ---- bad input first: one line, exit 2 ----
if [ -n "$notifier" ]; then
    [ -e "$notifier" ] || die "no such file: $notifier"
    [ -f "$notifier" ] || die "not a file: $notifier"
    [ -r "$notifier" ] || die "cannot read: $notifier"
    [ "$(head -c 2 "$notifier" 2>/dev/null)" = MZ ] || die "not a PE file (no MZ header): $notifier"
    notifier=$(cd "$(dirname "$notifier")" && pwd)/$(basename "$notifier")
fi
for out in "$junit" "$html" "$results"; do
    [ -z "$out" ] || [ -d "$(dirname "$out")" ] || die "no such directory for output: $out"
done

# ---- the checks: id|tag|kind|title ----
catalogue='static.arch|doc|gate|PE machine matches --arch
static.exports|doc|gate|AddConnectNotify and CancelConnectNotify exported by plain name
static.imports|design|report|No UI, COM or network DLL imported at load time
load.time|design|gate|LoadLibrary succeeds within the load budget
load.threads|design|gate|DllMain creates no thread
load.modules|design|report|DllMain loads no DLL beyond its imports
load.cycles|design|gate|100 load/unload cycles: no handle growth
drive.add|doc|gate|Add: PRE, then POST with the PRE lpContext
drive.cancel|doc|gate|Cancel: PRE, then POST with the PRE lpContext
drive.nulllocal|doc|gate|NULL lpLocalName, lpProvider and hwndOwner
drive.names|doc|gate|Empty names and unusual UTF-16
drive.long|doc|gate|Names up to 32767 code units
drive.flags|doc|gate|Every dwType, dwAddFlags, dwFlags and fForce
drive.preprovider|doc|gate|PRE cancel: lpProvider (a NOACCESS page) is not read
drive.forged|design|report|POST with an lpContext the notifier never issued
drive.statuses|doc|gate|Any provider result in POST, any hwndOwner, 1-unit names
drive.info|doc|gate|NOTIFYINFO: only lpContext written, nothing past its end
drive.lifetime|design|gate|No buffer of an operation is touched after it returned
drive.prepost|doc|report|POST with fresh buffers: PRE buffers not read after the PRE returned
drive.returns|doc|gate|Every return is WN_SUCCESS or a WN_* error code
drive.preerror|w9x|report|Errors from PRE (MPR would fail the operation)
latency|design|gate|Each call returns within the budget
concurrency|design|gate|Threads calling in parallel: no crash, no deadlock
leaks.memory|design|gate|10000 cycles: no heap or committed-memory growth
leaks.handles|design|gate|10000 cycles: no handle or thread growth
mpr.stock.dispatch|wine|report|Stock Wine mpr.dll: does it call the notifier?
mpr.patched.dispatch|doc|gate|Patched mpr.dll calls the notifier for real WNet operations
mpr.patched.result|doc|gate|A WN_SUCCESS notifier leaves the caller result unchanged
i686.stdcall|doc|gate|i686: stdcall exports keep the stack balanced'

# Runtime cases in run order: case|checks|hint on a crash.
cases='load|load.time load.threads load.modules|DllMain must stay trivial
cycles|load.cycles|
latency|latency|
add|drive.add|
cancel|drive.cancel|NOTIFYCANCEL.lpProvider is defined only in a POST after success [doc]
nulllocal|drive.nulllocal|lpLocalName and lpProvider may be NULL [doc]
names|drive.names|
long|drive.long|names may be 32767 units [doc]: a fixed-size buffer overflows
flags|drive.flags|
preprovider|drive.preprovider|NOTIFYCANCEL.lpProvider is undefined in PRE [doc]
forged|drive.forged|
statuses|drive.statuses|dwOperationStatus is whatever the provider returned: any DWORD [doc]
info|drive.info|NOTIFYINFO is 16 bytes on x86_64 and 12 on i686, and lpContext is its only output [doc]
lifetime|drive.lifetime|the caller frees every structure and name when the operation returns: copy what you keep [design]
prepost|drive.prepost|the PRE structures are valid only during the PRE call [doc]: copy what the POST needs
returns|drive.returns|
concurrency|concurrency|
leaks|leaks.memory leaks.handles|
stdcall|i686.stdcall|'

selected() { # CHECK: is it wanted by --only?
    [ -z "$only" ] && return 0
    case ",$only," in *",$1,"*) return 0 ;; esac
    return 1
}
for c in $(printf '%s' "$only" | tr ',' ' '); do
    printf '%s\n' "$catalogue" | cut -d'|' -f1 | grep -qxF -- "$c" || die "--only: unknown check '$c'"
done

# ---- tools ----
sh "$root/ci/bootstrap.sh" --deb-src >&2 || die "ci/bootstrap.sh failed: install the packages it lists (as root)"
command -v wine >/dev/null 2>&1 || die "wine not found after bootstrap"

preset=mingw64
[ "$arch" = i686 ] && preset=mingw32
bdir=${build_dir:-$root/build/$preset}
case $bdir in /*) ;; *) bdir=$(pwd)/$bdir ;; esac

if [ $no_build = 0 ]; then
    if [ ! -f "$bdir/CMakeCache.txt" ]; then
        say "configuring $bdir (preset $preset)"
        mkdir -p "$bdir" || die "cannot create $bdir"
        (cd "$root" && cmake --preset "$preset" -B "$bdir" >"$bdir/conformance-configure.log" 2>&1) ||
            die "configure failed (preset $preset): see $bdir/conformance-configure.log"
    fi
    # Only the targets this run needs, among those the tree defines.
    have=$(cmake --build "$bdir" --target help 2>/dev/null | sed -n 's/^\.\.\. \([^ ]*\).*/\1/p')
    want="cn_conform"
    [ -n "$notifier" ] || want="$want connotify_notifier"
    if [ "$arch" = x86_64 ]; then
        [ "$mpr" = stock ] || want="$want mpr_patched"
        want="$want connotify_test_provider"
    fi
    for t in $want; do
        printf '%s\n' "$have" | grep -qxF "$t" || { say "target $t is not defined in $bdir: skipped"; continue; }
        say "building $t"
        if ! cmake --build "$bdir" -j2 --target "$t" >"$bdir/conformance-build-$t.log" 2>&1; then
            case $t in cn_conform|connotify_notifier) die "build of $t failed: see $bdir/conformance-build-$t.log" ;; esac
            say "build of $t failed (its checks are skipped): see $bdir/conformance-build-$t.log"
        fi
    done
fi
[ -f "$bdir/conformance/paths.env" ] || die "no $bdir/conformance/paths.env: configure and build $bdir first (without --no-build)"
winpath() { printf 'Z:%s' "$1" | sed 's|/|\\|g'; }
path_of() { sed -n "s/^$1=//p" "$bdir/conformance/paths.env"; }
driver=$(path_of driver)
provider=$(path_of provider)
patched_mpr=$(path_of patched_mpr)
reference=0
if [ -z "$notifier" ] && [ $prepare_only = 0 ]; then
    reference=1
    notifier=$(path_of reference)
    if [ -z "$notifier" ] || [ ! -f "$notifier" ]; then die "the reference notifier is not built in $bdir"; fi
fi
[ -f "$driver" ] || die "the driver is not built: $driver"
[ -f "$provider" ] || provider=""
[ -n "$patched_mpr" ] && [ -f "$patched_mpr" ] || patched_mpr=""

# ---- prefixes: private, in the build tree ----
pdir=${prefix_dir:-$bdir/conformance}
mkdir -p "$pdir" || die "cannot create $pdir"
prepare_prefix() { # NAME [--native DLL]
    p=$pdir/prefix-$1
    shift
    if [ $fresh = 1 ] || [ ! -f "$p/.conformance-ready" ]; then
        say "preparing Wine prefix $p"
        sh "$root/ci/wineprefix.sh" setup "$p" "$@" >&2 || die "cannot create the Wine prefix $p"
        touch "$p/.conformance-ready"
    elif [ $# -ge 2 ]; then
        cp "$2" "$p/drive_c/windows/system32/$(basename "$2")"
    fi
}
run_patched=0 run_stock=0
[ "$mpr" = patched ] || run_stock=1
[ "$mpr" = stock ] || run_patched=1
wine32=1
[ -x /usr/lib/wine/wine ] || [ -x /usr/lib/i386-linux-gnu/wine/wine ] || wine32=0
runtime=1
[ "$arch" = i686 ] && [ $wine32 = 0 ] && runtime=0
prepare_prefixes() {
    [ $runtime = 1 ] || return 0
    prepare_prefix stock
    [ $run_patched = 0 ] || [ -z "$patched_mpr" ] || prepare_prefix patched --native "$patched_mpr"
}
if [ $prepare_only = 1 ]; then prepare_prefixes; say "prepared $pdir"; exit 0; fi

# ---- results ----
work=$(mktemp -d "${TMPDIR:-/tmp}/conformance.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
res=$work/results.tsv metrics=$work/metrics.tsv events=$work/events.tsv
: >"$res"; : >"$metrics"; : >"$events"
put() { # CHECK VERDICT DETAIL: first verdict of a check wins
    grep -q "^$1	" "$res" && return 0
    printf '%s\t%s\t%s\n' "$1" "$2" "$3" | tr -d '\r\001-\010\013\014\016-\037' >>"$res"
}
kind_of() { printf '%s\n' "$catalogue" | awk -F'|' -v c="$1" '$1 == c { print $3 }'; }
bad() { [ "$(kind_of "$1")" = gate ] && echo fail || echo warn; }

name=$(basename "$notifier")
say "checking $name ($arch, MPR: $mpr)"

# ---- static checks (ci/pe-check.sh) ----
pe=$work/pe.txt
sh "$root/ci/pe-check.sh" --arch "$arch" --exports AddConnectNotify,CancelConnectNotify "$notifier" >"$pe" 2>"$work/pe.err"
pe_rc=$?
if [ $pe_rc = 2 ]; then
    die "$(sed 's/^pe-check: error: //' "$work/pe.err" | head -n 1)"
fi
machine=$(sed -n 's/^machine: //p' "$pe")
exports=$(sed -n 's/^export: @[0-9]* //p' "$pe" | tr '\n' ' ' | sed 's/ $//')
imports=$(sed -n 's/^import: //p' "$pe" | tr '\n' ' ' | sed 's/ $//')
if [ "$machine" = "$arch" ]; then
    put static.arch pass "$machine"
else
    put static.arch fail "the DLL is $machine, not $arch (use --arch $machine)"
fi
probs=$(grep -E '^pe-check: FAIL: (decorated|missing) export' "$pe" | sed 's/^pe-check: FAIL: //' | tr '\n' ';' | sed 's/;$//; s/;/; /g')
if [ -n "$probs" ]; then
    put static.exports fail "$probs [MPR calls GetProcAddress with the plain names]"
elif [ -z "$exports" ]; then
    put static.exports fail "no exports at all"
else
    put static.exports pass "exports: $exports"
fi
heavy=""
for d in $imports; do
    case $(printf '%s' "$d" | tr '[:upper:]' '[:lower:]') in
    user32.dll|gdi32.dll|shell32.dll|comctl32.dll|comdlg32.dll|ole32.dll|oleaut32.dll|uxtheme.dll|winspool.drv|wininet.dll|winhttp.dll|ws2_32.dll|dwmapi.dll|opengl32.dll|d3d*.dll)
        heavy="$heavy $d" ;;
    esac
done
if [ -n "$heavy" ]; then
    put static.imports warn "imports$heavy at load time: loaded into every process that maps a drive (imports: $imports)"
else
    put static.imports pass "imports: $imports"
fi
static_error=""
[ "$machine" = "$arch" ] || static_error="$name is $machine, not $arch: use --arch $machine"
[ -n "$exports" ] || static_error="$name has no exports: not a notifier DLL"

if [ -z "$static_error" ]; then prepare_prefixes; fi
# The reference notifier runs as deployed: logging on (docs/reference-dll.md).
reflog=""
if [ $reference = 1 ] && [ -z "$static_error" ] && [ $runtime = 1 ]; then
    reflog=$work/reference.log
    for v in stock patched; do
        [ -d "$pdir/prefix-$v" ] || continue
        WINEPREFIX=$pdir/prefix-$v WINEDEBUG=-all wine reg add 'HKLM\SOFTWARE\connotify' /v LogPath \
            /t REG_EXPAND_SZ /d "$(winpath "$reflog")" /f >/dev/null 2>&1 || say "cannot set LogPath in prefix-$v"
    done
fi

# ---- runtime cases, each in its own process ----
ncases=$(printf '%s\n' "$cases" | wc -l)
i=0
blocked=0
load_error=""
run_case() { # CASE PREFIX TIMEOUT EXTRA-ARGS...
    c=$1 pfx=$2 t=$3
    shift 3
    out=$work/case-$c.out err=$work/case-$c.err
    WINEPREFIX=$pfx WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
        timeout -k 5 "$t" wine "$driver" --budget-ms "$budget" --load-budget-ms "$load_budget" \
        --cycles "$cycles" "$@" "$c" "$(winpath "$notifier")" >"$out.raw" 2>"$err" </dev/null
    rc=$?
    tr -d '\r' <"$out.raw" >"$out"
    return $rc
}
# Turns one case's output into verdicts: RESULT lines, SKIPCASE, CRASH,
# timeout or an unexpected exit.
collect() { # CASE RC CHECKS HINT RENAME-FROM RENAME-TO
    c=$1 rc=$2 checks=$3 hint=$4 from=${5:-} to=${6:-}
    out=$work/case-$c.out
    awk -F'\t' '$1 == "RESULT" { print $2 "\t" $3 "\t" $4 }' "$out" | while IFS="$(printf '\t')" read -r ck v d; do
        [ -n "$from" ] && [ "$ck" = "$from" ] && ck=$to
        [ -n "$from" ] && [ "$ck" = "mpr.result" ] && ck=${to%.dispatch}.result
        put "$ck" "$v" "$d"
    done
    awk -F'\t' '$1 == "METRIC" { print $2 "\t" $3 }' "$out" >>"$metrics"
    awk -F'\t' '$1 == "EVENT"' "$out" >>"$events"
    skip=$(awk -F'\t' '$1 == "SKIPCASE" { print $2; exit }' "$out")
    crash=$(awk -F'\t' '$1 == "CRASH" { print "crash: " $2 ": " $3 ", during " $4; exit }' "$out")
    laststep=$(awk -F'\t' '$1 == "STEP" { s = $2 } END { print s }' "$out")
    # EXIT: the notifier called ExitProcess/TerminateProcess (code "-":
    # seen by the loader's detach, the status is wine's).
    ended=$(awk -F'\t' -v rc="$rc" '$1 == "EXIT" { c = $2 == "-" ? rc : $2; print "the notifier ended the process: " $3 " with exit code " c ", during " $4; exit }' "$out")
    why=""
    if [ -n "$crash" ]; then
        why="$crash${hint:+ [$hint]}"
    elif [ -n "$ended" ]; then
        why="$ended [a notifier runs inside the caller's process: never end it]"
    elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        why="timeout: no answer within the case's time limit (hang or deadlock) during ${laststep:-start-up}"
        [ $blocked = 1 ] && why="$why; calls block (see latency)"
    elif [ "$rc" != 0 ]; then
        why="process ended with status $rc and no crash report during ${laststep:-start-up} (TerminateProcess from the notifier?): $(grep -v '^$' "$work/case-$c.err" | tail -n 1)"
    fi
    for ck in $checks; do
        if [ -n "$skip" ]; then put "$ck" skip "$skip"
        elif [ -n "$why" ]; then put "$ck" "$(bad "$ck")" "$why"
        fi
    done
    [ -n "$why" ] && [ "$c" = load ] && load_error="$name cannot be loaded: $why"
    le=$(awk -F'\t' '$1 == "LOADERROR" { print $2; exit }' "$out")
    [ -n "$le" ] && load_error="$name cannot be loaded: $le"
    return 0
}

if [ -n "$static_error" ] || [ $runtime = 0 ]; then
    reason="not run: $static_error"
    if [ -z "$static_error" ]; then
        reason="no 32-bit Wine here: runs on Windows (cn_conform.exe, i686)"
        say "no 32-bit Wine on this machine (Debian: dpkg --add-architecture i386 && apt-get install wine32:i386): i686 gets the static checks only; the runtime checks, including the stdcall stack balance, run on Windows runners (cn_conform.exe CASE DLL)"
    fi
    printf '%s\n' "$catalogue" | cut -d'|' -f1 | grep -v '^static\.' | while read -r ck; do put "$ck" skip "$reason"; done
else
    stock_pfx=$pdir/prefix-stock
    while IFS='|' read -r c checks hint; do
        i=$((i + 1))
        want=0
        for ck in $checks; do selected "$ck" && want=1; done
        [ "$c" = returns ] && { selected drive.returns || selected drive.preerror; } && want=1
        if [ $want = 0 ]; then continue; fi
        if [ -n "$load_error" ]; then
            for ck in $checks; do put "$ck" skip "not run: the notifier does not load"; done
            continue
        fi
        if [ "$c" = stdcall ] && [ "$arch" != i686 ]; then
            put i686.stdcall skip "x86_64 has one calling convention; run with --arch i686"
            continue
        fi
        t=$case_timeout
        case $c in leaks|concurrency) t=$((case_timeout * 3)) ;; esac
        # A notifier that blocks: later cases get a short limit.
        [ $blocked = 1 ] && t=20
        start=$(date +%s)
        printf 'conformance: [%2d/%d] %-12s ' "$i" "$ncases" "$c" >&2
        run_case "$c" "$stock_pfx" "$t"
        collect "$c" $? "$checks" "$hint"
        if [ "$c" = latency ] && grep -q '^latency	fail' "$res"; then blocked=1; fi
        verdicts=""
        for ck in $checks; do verdicts="$verdicts $(awk -F'\t' -v c="$ck" '$1 == c { print $2 }' "$res")"; done
        [ "$c" = returns ] && verdicts=" counted"
        echo "$verdicts ($(($(date +%s) - start)) s)" >&2
    done <<EOF
$cases
EOF

    # drive.returns and drive.preerror: every call of every case.
    if { selected drive.returns || selected drive.preerror; } && [ -z "$(awk -F'\t' '$1 == "drive.returns"' "$res")" ]; then
        # shellcheck disable=SC2046 # three numbers
        set -- $(cat "$work"/case-*.out 2>/dev/null | awk -F'\t' '$1 == "RETURNS" { c += $2; b += $3; p += $4 } END { print c + 0, b + 0, p + 0 }')
        calls=$1 badr=$2 pre=$3
        first_bad=$(cat "$work"/case-*.out 2>/dev/null | awk -F'\t' '$1 == "RETURNS" && $3 > 0 { print $5; exit }')
        first_pre=$(cat "$work"/case-*.out 2>/dev/null | awk -F'\t' '$1 == "RETURNS" && $4 > 0 { print $6; exit }')
        if [ "$calls" = 0 ]; then
            put drive.returns skip "no call completed"
            put drive.preerror skip "no call completed"
        else
            if [ "$badr" -gt 0 ]; then
                put drive.returns fail "$badr of $calls calls returned a code outside the WN_* set; first: $first_bad"
            else
                put drive.returns pass "$calls calls, every return WN_SUCCESS or a WN_* code"
            fi
            if [ "$pre" -gt 0 ]; then
                put drive.preerror warn "$pre PRE calls returned an error; first: $first_pre. [w9x] MPR then fails the caller's operation"
            else
                put drive.preerror pass "every PRE of an ordinary operation returned WN_SUCCESS"
            fi
        fi
    fi

    # Through MPR: real WNet calls in the stock and the patched prefix.
    for variant in stock patched; do
        if [ $variant = stock ]; then [ $run_stock = 1 ] || continue; else [ $run_patched = 1 ] || continue; fi
        ck=mpr.$variant.dispatch
        selected "$ck" || selected "mpr.$variant.result" || continue
        if [ -n "$load_error" ]; then put "$ck" skip "not run: the notifier does not load"; put "mpr.$variant.result" skip "not run"; continue; fi
        if [ -z "$provider" ]; then
            put "$ck" skip "no test provider built (target connotify_test_provider)"
            [ $variant = patched ] && put mpr.patched.result skip "no test provider built"
            continue
        fi
        if [ $variant = patched ] && [ -z "$patched_mpr" ]; then
            put "$ck" skip "no patched mpr.dll (target mpr_patched: needs Wine's Debian source, see docs/wine-patch.md)"
            put mpr.patched.result skip "no patched mpr.dll"
            continue
        fi
        expect=stock
        [ $variant = patched ] && expect=dispatch
        printf 'conformance: [mpr] %-12s ' "$variant" >&2
        start=$(date +%s)
        t=$case_timeout
        [ $blocked = 1 ] && t=60
        run_case mpr "$pdir/prefix-$variant" "$t" --expect "$expect" --provider "$(winpath "$provider")"
        rc=$?
        cp "$work/case-mpr.out" "$work/case-mpr-$variant.out"
        [ $variant = patched ] && : >"$events"
        collect mpr $rc "$ck" "" mpr.dispatch "$ck"
        [ $variant = stock ] || [ -n "$(awk -F'\t' -v c=mpr.patched.result '$1 == c' "$res")" ] ||
            put mpr.patched.result skip "no verdict (see mpr.patched.dispatch)"
        echo "$(awk -F'\t' -v c="$ck" '$1 == c { print $2 }' "$res") ($(($(date +%s) - start)) s)" >&2
    done
fi

if [ -n "$reflog" ] && [ -f "$reflog" ]; then
    printf 'reference_log_records\t%s\n' "$(wc -l <"$reflog" | tr -d ' ')" >>"$metrics"
fi

# Checks never reached (--only, or an earlier stop).
printf '%s\n' "$catalogue" | while IFS='|' read -r ck tag kind title; do
    selected "$ck" || continue
    why="not run"
    case $ck in
    mpr.patched.*) [ $run_patched = 1 ] || why="not run (--mpr $mpr)" ;;
    mpr.stock.*) [ $run_stock = 1 ] || why="not run (--mpr $mpr)" ;;
    esac
    grep -q "^$ck	" "$res" || put "$ck" skip "$why"
done

# ---- report ----
table=$work/table.tsv
printf '%s\n' "$catalogue" | while IFS='|' read -r ck tag kind title; do
    line=$(awk -F'\t' -v c="$ck" '$1 == c' "$res" | head -n 1)
    [ -n "$line" ] || continue
    v=$(printf '%s' "$line" | cut -f2)
    d=$(printf '%s' "$line" | cut -f3-)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$ck" "$tag" "$kind" "$v" "$title" "$d"
done >"$table"
[ -z "$results" ] || cp "$table" "$results"

sh "$root/conformance/report.sh" table "$table" "$metrics" "$events" "$name" "$arch" "$mpr" "$budget"
status=$(awk -F'\t' '$3 == "gate" && $4 == "fail" { f = 1 } END { print f ? 1 : 0 }' "$table")
[ -z "$junit" ] || sh "$root/conformance/report.sh" junit "$table" "$metrics" "$events" "$name" "$arch" "$mpr" "$budget" >"$junit"
[ -z "$html" ] || sh "$root/conformance/report.sh" html "$table" "$metrics" "$events" "$name" "$arch" "$mpr" "$budget" >"$html"
[ -z "$junit" ] || say "JUnit: $junit"
[ -z "$html" ] || say "HTML: $html"
if [ -n "$static_error" ]; then echo "conformance: error: $static_error" >&2; exit 2; fi
if [ -n "$load_error" ]; then echo "conformance: error: $load_error" >&2; exit 2; fi
exit "$status"
