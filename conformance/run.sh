#!/bin/sh
# run.sh: gates a connection-notifier DLL against the MPR contract
# (docs/contract.md). ci/conformance.sh runs it with the same arguments.
#
#   ci/conformance.sh [--notifier DLL] [--arch x86_64|i686] [--mpr stock|patched|both]
#                     [--only CHECK,...] [--cases CASE,...] [--skip-cases CASE,...]
#                     [--junit FILE] [--html FILE] [--results FILE]
#                     [--keep-logs DIR] [--budget-ms N] [--load-budget-ms N] [--cycles N]
#                     [--stack-budget BYTES] [--hang-ms N] [--timeout S] [--build-dir DIR]
#                     [--prefix-dir DIR] [--no-build] [--prepare-only] [--fresh-prefix]
#                     [--reg FILE]
#
# Without --notifier: the reference notifier. Builds what is missing, runs each case of the
# driver's catalogue in its own Wine process in a private prefix (never ~/.wine), prints a
# table and each failure with the command that reruns it.
# Exit status: 0 every gate passed; 1 a gate failed; 2 bad input (missing file,
# not a PE, not a DLL, wrong arch, no exports, does not load); 3 incomplete: a
# gate could not be evaluated and none failed; 4 environment error: Wine cannot
# run the driver in a prefix. --reg FILE: the notifier's settings as deployed (a .reg of
# its own keys), imported for this run and removed after it. --cases: the checks of those
# cases of the catalogue (with --only's); --skip-cases: every check but those of these cases.
# More: docs/conformance.md.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tab=$(printf '\t')
wineserver=${CONNOTIFY_WINESERVER:-wineserver}
die() { printf 'conformance: error: %s\n' "$*" >&2; exit 2; }
envdie() { printf 'conformance: environment error: %s\n' "$*" >&2; exit 4; }
say() { printf 'conformance: %s\n' "$*" >&2; }

notifier="" arch=x86_64 mpr=both junit="" html="" results="" keep="" only="" extra="" regfile=""
picked=0
cases="" skip_cases=""
budget=50 timeout_s=120 no_build=0 prepare_only=0 fresh=0 help=0
bdir=${CONNOTIFY_CONFORMANCE_BUILD_DIR:-} pdir="" rerun_dir=""
while [ $# -gt 0 ]; do
    case $1 in
    --no-build|--prepare-only|--fresh-prefix|-h|--help) ;;
    --budget-ms|--load-budget-ms|--cycles|--stack-budget|--hang-ms|--timeout)
        case ${2:-} in ''|*[!0-9]*|0) die "$1 needs a positive number, not '${2:-}'" ;; esac ;;
    --*) if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi ;;
    esac
    case $1 in
    --notifier) notifier=$2 ;;
    --arch) arch=$2 ;;
    --mpr) mpr=$2 ;;
    --junit) junit=$2 ;;
    --html) html=$2 ;;
    --results) results=$2 ;;
    --keep-logs) keep=$2 ;;
    --only) only=$2 picked=1 ;;
    --cases) cases=$2 picked=1 ;;
    --skip-cases) skip_cases=$2 ;;
    --reg) regfile=$2 ;;
    --build-dir) bdir=$2 rerun_dir=" --build-dir $2" ;;
    --prefix-dir) pdir=$2 ;;
    --budget-ms) budget=$2 extra="$extra $1 $2" ;;
    --load-budget-ms|--cycles|--stack-budget|--hang-ms) extra="$extra $1 $2" ;;
    --timeout) timeout_s=$2 ;;
    --no-build) no_build=1 ;;
    --prepare-only) prepare_only=1 ;;
    --fresh-prefix) fresh=1 ;;
    -h|--help) help=1 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
    case $1 in --no-build|--prepare-only|--fresh-prefix|-h|--help) shift ;; *) shift 2 ;; esac
done
case $arch in x86_64|i686) ;; *) die "--arch must be x86_64 or i686, not '$arch'" ;; esac
case $mpr in stock|patched|both) ;; *) die "--mpr must be stock, patched or both: '$mpr'" ;; esac
wine=$(sh "$root/ci/wineprefix.sh" loader "$arch")
preset=mingw64
[ "$arch" = i686 ] && preset=mingw32
bdir=${bdir:-$root/build/$preset}
case $bdir in /*) ;; *) bdir=$(pwd)/$bdir ;; esac
pdir=${pdir:-$bdir/conformance}
# Wine takes only an absolute WINEPREFIX.
case $pdir in /*) ;; *) pdir=$(pwd)/$pdir ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/conformance.XXXXXX") || envdie "mktemp failed"
# shellcheck disable=SC2317 # the EXIT trap runs it
finish() { # [--unreg]
    [ "${1:-}" != --unreg ] || unreg
    [ -z "$keep" ] || { mkdir -p "$keep" && cp "$work"/*.* "$keep"/; }
    rm -rf "$work"
    [ -z "${lock_holder_reflog:-}" ] || lock_drop reflog
    [ -z "${lock_holder_prefix:-}" ] || prefix_unlock
}
trap finish EXIT
cat_file=$work/catalogue.txt checks=$work/checks.tsv ver=$work/verdicts.tsv
for f in "$ver" "$work/metrics.tsv" "$work/events.tsv" "$work/crashes.tsv"; do : >"$f"; done

if [ $help = 1 ]; then
    sed -n '2,/^set -u/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    tool=$(sh "$root/conformance/report/build.sh" "$work") || die "check ids: no C compiler (cc)"
    echo "Check ids (cn_conform.exe --catalogue):"
    "${tool%/*}/cn_catalogue" | awk -F'\t' '$1 == "CHECK" { print "  " $2 " [" $4 "] " $7 }'
    exit 0
fi

# ---- bad input first: one line, exit 2 ----
if [ -n "$notifier" ]; then
    [ -e "$notifier" ] || die "no such file: $notifier"
    if [ ! -f "$notifier" ] || [ ! -r "$notifier" ]; then die "not a readable file: $notifier"; fi
    [ "$(head -c 2 "$notifier")" = MZ ] || die "not a PE file (no MZ header): $notifier"
    pe=$(od -An -tu4 -j60 -N4 "$notifier" | tr -d ' ')
    sig=$(od -An -tx1 -j"${pe:-0}" -N4 "$notifier" | tr -d ' ')
    [ "$sig" = 50450000 ] || die "not a PE file (no PE signature): $notifier"
    flags=$(od -An -tu2 -j$((pe + 22)) -N2 "$notifier" | tr -d ' ')
    [ $((flags & 8192)) != 0 ] || die "not a DLL (no IMAGE_FILE_DLL flag: an .exe?): $notifier"
    notifier=$(cd "$(dirname "$notifier")" && pwd)/$(basename "$notifier")
fi
for out in "$junit" "$html" "$results"; do
    [ -z "$out" ] || [ -d "$(dirname "$out")" ] || die "no such directory for output: $out"
done
if [ -n "$regfile" ]; then
    sh "$root/conformance/vendor-reg.sh" keys "$regfile" >/dev/null || exit 2
    regfile=$(cd "$(dirname "$regfile")" && pwd)/$(basename "$regfile")
fi

# A full run peaks at about 40 MiB there (measured): a full disk would end
# cases without output, so it stops here instead.
free_kib=$(df -Pk "$work" 2>/dev/null | awk 'NR == 2 { print $4 }')
space="only ${free_kib:-0} KiB free for the run's files in ${work%/*} (64 MiB needed)"
[ "${free_kib:-0}" -ge 65536 ] || envdie "$space: free space or set TMPDIR"

# ---- build what is missing ----
if [ $no_build = 0 ]; then
    sh "$root/ci/bootstrap.sh" --deb-src >&2 || envdie "ci/bootstrap.sh failed (run it as root)"
    log=$bdir/conformance-configure.log
    if [ ! -f "$bdir/CMakeCache.txt" ]; then
        say "configuring $bdir (preset $preset)"
        mkdir -p "$bdir" || die "cannot create $bdir"
        (cd "$root" && cmake --preset "$preset" -B "$bdir" >"$log" 2>&1) || die "see $log"
    fi
    want="cn_conform connotify_test_provider mpr_patched"
    [ -n "$notifier" ] || want="$want connotify_notifier"
    for t in $want; do
        say "building $t"
        log=$bdir/conformance-build-$t.log
        cmake --build "$bdir" -j2 --target "$t" >"$log" 2>&1 || say "build of $t failed (see $log)"
    done
fi
command -v "$wine" >/dev/null 2>&1 || envdie "wine not found (ci/bootstrap.sh installs it)"
[ -f "$bdir/conformance/paths.env" ] || die "no $bdir/conformance/paths.env: build $bdir first"
path_of() { sed -n "s/^$1=//p" "$bdir/conformance/paths.env"; }
winpath() { printf 'Z:%s' "$1" | sed 's|/|\\|g'; }
driver=$(path_of driver) provider=$(path_of provider) patched_mpr=$(path_of patched_mpr)
[ -f "$driver" ] || die "the driver is not built: $driver"
# The run's own copy of the driver: a build of the tree during the run relinks the file in
# place, and a case then starts a half-written driver (seen: a child that could not start,
# error 193). Commands the run prints name the built one.
run_driver=$work/driver/cn_conform.exe
{ mkdir -p "$work/driver" && cp "$driver" "$run_driver"; } ||
    envdie "cannot copy the driver into $work/driver"
[ -f "$provider" ] || provider=""
[ -f "$patched_mpr" ] || patched_mpr=""
reference=0
if [ -z "$notifier" ] && [ $prepare_only = 0 ]; then
    reference=1 notifier=$(path_of reference)
    [ -f "$notifier" ] || die "the reference notifier is not built in $bdir"
fi
report=$(sh "$root/conformance/report/build.sh" "$bdir/conformance") || envdie "no cn_report"
export CONNOTIFY_NOTIFIER="$notifier" CONNOTIFY_ARCH="$arch"   # crash frames to file:line

# ---- prefixes keyed by the installed Wine, each checked by the canary ----
view=/reg:64
[ "$arch" = i686 ] && view=/reg:32
runtime=1 runtime_why=""
if [ "$arch" = i686 ] && ! sh "$root/ci/wineprefix.sh" has-wine32; then
    runtime=0 runtime_why="no 32-bit Wine here: runs on Windows (cn_conform.exe)"
fi
# PE32 (0x10b) or PE32+ (0x20b): a driver loads only DLLs of its own kind.
dpe=$(od -An -tu4 -j60 -N4 "$run_driver" 2>/dev/null | tr -d ' ')
dmagic=$(od -An -tx2 -j$((${dpe:-0} + 24)) -N2 "$run_driver" 2>/dev/null | tr -d ' ')
darch=x86_64
[ "$dmagic" = 010b ] && darch=i686
if [ $runtime = 1 ] && [ "$darch" != "$arch" ]; then
    runtime=0
    runtime_why="the driver in $bdir is $darch: $arch runtime checks need the $preset build"
fi
# Debian's wineserver wrapper passes -p0: the server, and Wine's services with it, end
# with the last Wine process, and every case would start them again (about 4 s here).
# A server kept 60 s after its last process serves the cases that follow; one already
# running is left as it is.
# What a server started here says goes to PREFIX.server.log, quoted when a case stands still
# (measured: "wineserver crashed, please enable coredumps", twice in three runs of ci/test.sh);
# core dumps on, so that a crash leaves its core in the server's directory (/tmp/wine-*).
keep_server() { # PREFIX
    # shellcheck disable=SC3045 # dash and bash have ulimit -c
    (ulimit -c unlimited 2>/dev/null
        WINEPREFIX=$1 exec "$wineserver" -p60 </dev/null >/dev/null 2>>"$1.server.log") || :
}
canary_once() { # PREFIX: the driver's --catalogue runs there (else $canary_why says why)
    keep_server "$1"
    WINEPREFIX=$1 WINEDEBUG=-all timeout -k 5 120 "$wine" "$run_driver" --catalogue \
        >"$work/canary.raw" 2>"$work/canary.err" </dev/null
    crc=$?
    tr -d '\r' <"$work/canary.raw" >"$cat_file"
    [ $crc = 0 ] && grep -q "^CATALOGUE$tab" "$cat_file" && return 0
    line=$(grep -m 1 '^wine' "$work/canary.err" || grep -m 1 . "$work/canary.err")
    canary_why="cn_conform.exe --catalogue does not run in $1 (status $crc,"
    canary_why="$canary_why $(wc -c <"$cat_file") bytes on stdout): ${line:-no message}"
    return 1
}
canary_runs() { # PREFIX: twice before it counts (a lone failure changes nothing in a prefix)
    canary_once "$1" && return 0
    sleep 2
    canary_once "$1"
}
canary() { # PREFIX: else exit 4 with Wine's words
    canary_runs "$1" || envdie "$canary_why"
}
# The booted prefix the others are copies of (ci/wineprefix.sh --base).
base=$bdir/wine-base
case $base in /*) ;; *) base=$(pwd)/$base ;; esac
# Other runs may use these prefixes now: a rebuild waits for them (prefix-lock.sh).
. "$root/conformance/prefix-lock.sh"
lock=$pdir/prefixes.lock
lock_s=900
mkdir -p "$pdir" || envdie "cannot create $pdir"
lock_wait="other runs used the prefixes of $pdir for $lock_s s"
prefix() { # NAME [--native DLL]: a prefix made for the installed Wine, that runs the driver
    p=$pdir/prefix-$1
    shift
    if [ $fresh = 0 ] && sh "$root/ci/wineprefix.sh" current "$p" "$@"; then
        canary_runs "$p" && return 0
        # A cached prefix damaged since it was made: rebuilt once, then judged.
        say "the cached prefix does not run the driver ($canary_why): rebuilding it"
    fi
    prefix_lock exclusive "$lock" $lock_s || envdie "$lock_wait"
    # Checked again: another run may have made it while this one waited.
    if [ $fresh = 1 ]; then
        act=setup
    elif ! sh "$root/ci/wineprefix.sh" current "$p" "$@"; then
        act=ensure
    elif canary_runs "$p"; then
        act=""
    else
        act=setup
    fi
    if [ -n "$act" ]; then
        sh "$root/ci/wineprefix.sh" $act "$p" --base "$base" "$@" >&2 ||
            envdie "cannot create the Wine prefix $p"
        canary "$p"
    fi
    prefix_lock shared "$lock" $lock_s || envdie "$lock_wait"
}
prefix_lock shared "$lock" $lock_s || envdie "$lock_wait"
prepare_patched() { # the patched prefix, where this run needs it
    [ $runtime = 1 ] && [ "$mpr" != stock ] && [ -n "$patched_mpr" ] &&
        prefix patched --native "$patched_mpr"
}
if [ $runtime = 1 ]; then
    prefix stock
else
    "${report%/*}/cn_catalogue" >"$cat_file" || envdie "cn_catalogue failed"
fi
[ $prepare_only = 0 ] || { prepare_patched; say "prepared $pdir"; exit 0; }
sed -n "s/^CHECK$tab//p" "$cat_file" >"$checks"
# --cases and --skip-cases name cases of the catalogue (a check's second field): their checks.
for c in $(printf '%s,%s' "$cases" "$skip_cases" | tr ',' ' '); do
    awk -F'\t' -v c="$c" '$2 == c { f = 1 } END { exit !f }' "$checks" ||
        die "no case '$c' in the catalogue; the cases:" \
            "$(awk -F'\t' '!seen[$2]++ { print $2 }' "$checks" | paste -sd' ' -)"
done
if [ -n "$cases" ]; then
    ids=$(awk -F'\t' -v l=",$cases," 'index(l, "," $2 ",") { print $1 }' "$checks" | paste -sd, -)
    only=${only:+$only,}$ids
fi
if [ -n "$skip_cases" ]; then
    only=$(awk -F'\t' -v l=",$skip_cases," -v o=",$only," \
        '!index(l, "," $2 ",") && (o == ",," || index(o, "," $1 ",")) { print $1 }' "$checks" |
        paste -sd, -)
    [ -n "$only" ] || die "--skip-cases $skip_cases leaves no check to run"
fi
"$report" plan "$work" "$only" "$mpr" >"$work/runs.tsv"
case $? in 0) ;; 3) exit 2 ;; *) envdie "cannot plan the runs" ;; esac
# Only a plan with cases through the patched MPR starts Wine in its prefix (a Wine
# process, and Wine's services when its server has ended: about 4 s here).
! grep -q "^[^$tab]*${tab}patched$tab" "$work/runs.tsv" || prepare_patched

# ---- static checks: cn_report's PE reader (ci/pe-check.sh's output, no objdump) ----
name=$(basename "$notifier")
say "checking $name ($arch, MPR: $mpr)"
"$report" pe "$notifier" "$root/ci/heavy-imports.txt" "$arch" \
    AddConnectNotify,CancelConnectNotify >"$work/pe.txt" 2>"$work/pe.err"
[ $? = 2 ] && die "$(sed 's/^pe-check: error: //' "$work/pe.err" | head -n 1)"
stop=$("$report" static "$work" "$arch" "$name") || envdie "cannot read $work/pe.txt"
[ $runtime = 1 ] || [ -n "$stop" ] || stop=$runtime_why

# The reference notifier runs as deployed: logging on (docs/reference-dll.md). It reads
# the 64-bit view in either architecture (KEY_WOW64_64KEY): one setting for both.
reflog=$work/reference.log refview=/reg:64
if [ $reference = 1 ] && [ -z "$stop" ]; then
    # One LogPath per prefix: two runs of the reference at once would each log to the
    # other's file (measured: 0 records for 900 calls); the second waits.
    if ! lock_hold reflog exclusive "$pdir/reference-log.lock" 0; then
        say "waiting for another run of the reference notifier in $pdir (one LogPath)"
        lock_hold reflog exclusive "$pdir/reference-log.lock" $lock_s ||
            envdie "another run of the reference notifier used $pdir for $lock_s s"
    fi
    for p in "$pdir"/prefix-*; do
        # Beside the prefixes: vendor-reg.sh's marker of a --reg run (a file).
        [ -d "$p" ] || continue
        sh "$root/ci/wineprefix.sh" reg "$p" add 'HKLM\SOFTWARE\connotify' /v LogPath \
            /t REG_EXPAND_SZ /d "$(winpath "$reflog")" /f $refview ||
            envdie "cannot set LogPath in $p ($refview)"
    done
fi

# The notifier's own settings (--reg): in every prefix a case of this run uses, removed at
# its end; what a run cut short left is removed first.
vreg() { sh "$root/conformance/vendor-reg.sh" "$@"; }
unreg() { # [--stale]
    for p in "$pdir"/prefix-*; do
        [ ! -d "$p" ] || vreg remove "$p" $view "$@"
    done
}
unreg --stale
if [ -n "$regfile" ] && [ -z "$stop" ]; then
    trap 'finish --unreg' EXIT
    for p in "$pdir"/prefix-*; do
        [ -d "$p" ] || continue
        # Each import and removal is several wine processes: none where no case runs.
        awk -F'\t' -v k="${p##*/prefix-}" '$2 == k || (k == "stock" && $2 != "patched") { f = 1 }
            END { exit !f }' "$work/runs.tsv" || continue
        vreg import "$p" $view "$regfile" $$
        case $? in 0) ;; 2) exit 2 ;; *) exit 4 ;; esac
    done
    say "settings imported from $regfile ($view): $(vreg keys "$regfile" | tr '\n' ' ')"
fi

# ---- runtime cases, each in its own process ----
[ -z "$stop" ] || : >"$work/runs.tsv"
total=$(grep -c . "$work/runs.tsv")
color=""
[ -t 2 ] && [ -z "${NO_COLOR:-}" ] && color=--color
[ -n "${FORCE_COLOR:-}" ] && [ "$FORCE_COLOR" != 0 ] && color=--color
paint() { # VERDICT: coloured on a terminal
    case ${color:+c}$1 in
    cpass) c=32 ;; cfail) c='1;31' ;; cwarn|cincomplete) c=33 ;; c*) c=90 ;; *) c="" ;;
    esac
    if [ -n "$c" ]; then printf '\033[%sm%s\033[0m' "$c" "$1"; else printf '%s' "$1"; fi
}
run() { # CASE LABEL PREFIX SECONDS ARGS...: one driver process
    c=$1 l=$2 p=$3 t=$4
    shift 4
    z=$(winpath "$notifier")
    # The reference's LogPath is where this run told it to write: not its choice.
    # added: how many arguments the lines below put in front, taken off again for a rerun.
    added=2
    [ $reference = 0 ] || { set -- --configured-file "$(winpath "$reflog")" "$@" && added=4; }
    # The checks collected from this case: it may skip work only others need.
    set -- --checks "$(printf '%s' "$todo" | sed 's/ *$//; s/ /,/g')" "$@"
    # Checks picked (--only, --cases): no other is reported, so a case whose checks have all
    # failed ends there.
    [ $picked = 0 ] || { set -- --end-when-failed "$@" && added=$((added + 1)); }
    # The share names in the notifier's own settings are inputs too.
    [ -z "$regfile" ] || { set -- --settings-file "$(winpath "$regfile")" "$@" &&
        added=$((added + 2)); }
    printf '%s\t%s\n' "$l" "WINEPREFIX=$p $wine $driver$extra${*:+ $*} $c $z" >>"$work/commands.tsv"
    # The notifier runs with the current directory of its host: a scratch one per case, so
    # that a relative write lands here, never in the caller's checkout (files.paths).
    rm -rf "$work/cwd/$l"
    mkdir -p "$work/cwd/$l" || envdie "cannot create $work/cwd/$l"
    keep_server "$p"
    logged=$(wc -c <"$p.server.log" 2>/dev/null || echo 0)
    # Wine's winemenubuilder off: each shortcut a notifier makes would start one (measured: a
    # process per .lnk in Recent, 9 at once), outside the notifier's calls and time.
    # shellcheck disable=SC2086 # extra: options and numbers
    (cd "$work/cwd/$l" && WINEPREFIX=$p WINEDEBUG=-all \
        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" \
        timeout -k 5 "$t" "$wine" "$run_driver" $extra --case-seconds "$t" "$@" "$c" "$z" \
        >"$work/$l.raw" 2>"$work/$l.err" </dev/null)
    rc=$?
    tr -d '\r' <"$work/$l.raw" >"$work/$l.out"
    # The notifier's settings gone before the case loaded it: imported again and the case
    # run again, once in a run.
    if [ -z "$settings_again" ] && grep -q "^SETTINGSGONE${tab}start$tab" "$work/$l.out"; then
        settings_again=1
        say "[$l] the notifier's settings (--reg) were gone from $p before the case" \
            "started: imported again, the case run again"
        vreg remove "$p" $view || envdie "cannot remove what is left of $regfile from $p"
        vreg import "$p" $view "$regfile" $$ || envdie "cannot import $regfile into $p again"
        # The caller's arguments only: these options again would be given twice (measured:
        # the settings file read twice, its names counted twice, in cc60).
        shift "$added"
        run "$c" "$l" "$p" "$t" "$@"
        return
    fi
    # The notifier's settings gone from the prefix at the case's start or end: its answers
    # would be those of a notifier without them. The gate's fault or another program's,
    # or the notifier's own in an earlier case: no verdict (settings_present.h).
    gone=$(sed -n "s/^SETTINGSGONE$tab\([a-z]*\)$tab/at the \1 of the case: /p" \
        "$work/$l.out" | head -n 1)
    [ -z "$gone" ] || envdie "[$l] the notifier's settings (--reg), imported into $p at this" \
        "run's start, are no longer there $gone; removed by another program using the" \
        "prefix, or by the notifier itself in an earlier case: no verdict"
    # Folders and files the driver made as the notifier's installer would, left by a crash.
    sed -n "s/^METRIC${tab}install_f[a-z]*_made${tab}[Cc]:\\\\//p" "$work/$l.out" | tr '\134' / |
        while IFS= read -r d; do
            case $d in '' | *..*) ;; *) rm -rf "${p:?}/drive_c/$d" ;; esac
        done
}
explained() { # a case that printed nothing never reached the notifier: rerun, then canary
    [ $rc = 2 ] || [ -s "$work/$l.out" ] || return 1
    # Out of time, not in notifier calls (the driver's OUTOFTIME: the driver, Wine or the
    # machine), or with no word at all (a stalled wineserver stops even the driver's watchdog
    # output; measured: 120 s stalls of two cases side by side, here and in CI): once more
    # before it counts.
    if [ "$attempt" = 1 ] && { [ $rc = 88 ] || [ $rc = 124 ] || [ $rc = 137 ]; } &&
        ! grep -qE "^(CRASH|EXIT|HANG)$tab|^OUTOFTIME${tab}notifier$tab" "$work/$l.out"; then
        whose=$(sed -n "s/^OUTOFTIME$tab\([a-z]*\)$tab.*/\1/p" "$work/$l.out")
        said=$(tail -c +$((logged + 1)) "$p.server.log" 2>/dev/null | grep -v '^$' | tail -n 1)
        say "[$l] out of time, not in notifier calls (${whose:-no word from the driver}):" \
            "run again${said:+ (the last words of its wineserver, in $p.server.log: $said)}"
        return 1
    fi
    # A load that fails after the notifier loaded, in the cases before or earlier in this case
    # (a verdict came first) (measured: a LoadLibrary error while a stalled wineserver held
    # other cases 120 s; error 4, too many open files, on a reload late in the faults case):
    # once more before it counts as the notifier not loading.
    if [ "$attempt" = 1 ] && grep -q "^LOADERROR$tab" "$work/$l.out" &&
        { [ -n "$loaded_before" ] || sed -n "/^LOADERROR$tab/q;p" "$work/$l.out" |
            grep -q "^RESULT$tab"; }; then
        say "[$l] the notifier did not load ($(sed -n "s/^LOADERROR$tab//p" "$work/$l.out" |
            head -n 1)), though it loaded before: run again"
        return 1
    fi
    case $rc in 0|2|86|87|88|124|137) return 0 ;; esac
    grep -qE "^(CRASH|EXIT|HANG|LOADERROR)$tab" "$work/$l.out"
}
# Why slow calls may get more time: latency not in this run, or latency passed; else status 1.
latency_timed() {
    if [ "$latency_planned" = 0 ]; then
        echo "latency not in this run"
    elif awk -F'\t' '$1 == "latency" && $2 == "pass" { f = 1 } END { exit !f }' "$ver"; then
        echo "within the latency budget"
    else
        return 1
    fi
}
i=0 load_error="" loaded_before="" settings_again="" latency_planned=0
awk -F'\t' '$1 == "latency" { f = 1 } END { exit !f }' "$work/runs.tsv" && latency_planned=1
while IFS="$tab" read -r c v ids factor hint; do
    i=$((i + 1))
    l=$c
    [ "$v" = - ] || l=$c.$v
    printf "conformance: [%${#total}d/%d] %-12s" "$i" "$total" "$l" >&2
    # shellcheck disable=SC2086 # one word per check
    todo=$("$report" ready "$work" $ids | tr '\n' ' ')
    why=""
    [ -n "$load_error" ] && why="not run: the notifier does not load"
    [ "$v" = - ] || [ -n "$provider" ] || why="no test provider built (connotify_test_provider)"
    [ "$v" != patched ] || [ -n "$patched_mpr" ] || why="no patched mpr.dll (docs/wine-patch.md)"
    if [ -z "$todo" ] || [ -n "$why" ]; then
        for id in $todo; do printf '%s\tskip\t%s\t%s\t0\t-\n' "$id" "$why" "$l" >>"$ver"; done
        [ -z "$todo" ] || echo " $(paint skip): $why" >&2
        [ -n "$todo" ] || echo " $(paint notjudged)" >&2
        continue
    fi
    set --
    p=$pdir/prefix-stock
    [ "$v" = patched ] && p=$pdir/prefix-patched
    [ "$v" = stock ] && set -- --expect stock --provider "$(winpath "$provider")"
    [ "$v" = patched ] && set -- --expect dispatch --provider "$(winpath "$provider")"
    t=$((timeout_s * factor))
    start=$(date +%s)
    attempt=1
    run "$c" "$l" "$p" "$t" "$@"
    explained || { attempt=2 && run "$c" "$l" "$p" "$t" "$@"; }
    # Out of time in notifier calls that latency found within its budget, or that latency did
    # not time (not in this run: --only without it): the case's calls need more time than it
    # gives calls this slow (measured: a journal written per call, the leaks case out of time
    # after 355 of 360 s at a load of 4; a record file renamed per add, the files case after
    # 117 of 120 s at a load of 11, in 9 runs of 9). Once more with twice the time, so that a
    # slow but correct notifier gets a verdict.
    # Not a LoadLibrary out of time: a hang in the loader gets no more time.
    if [ "$attempt" = 1 ] && [ $rc = 88 ] && timed=$(latency_timed) &&
        "$report" slow "$work" "$l" "$rc"; then
        attempt=2 t=$((t * 2))
        say "[$l] out of time in calls ($timed): run again with $t s"
        run "$c" "$l" "$p" "$t" "$@"
    fi
    explained || canary "$p"
    # Words of Wine's but not a line of the driver's own (it prints one before it loads the
    # notifier), not out of time, and the prefix runs the driver: the driver did not start in
    # this case (measured: its file rebuilt meanwhile, "Application could not be started").
    # Once more, then no verdict. (Nothing at all, out of time: Wine stalled, incomplete.)
    if ! explained && [ -s "$work/$l.out" ] && [ $rc != 124 ] && [ $rc != 137 ] &&
        ! grep -q "^[A-Z]*$tab" "$work/$l.out"; then
        attempt=3 && run "$c" "$l" "$p" "$t" "$@"
        explained || grep -q "^[A-Z]*$tab" "$work/$l.out" ||
            envdie "[$l] the driver did not start in 3 runs (status $rc: $(head -n 1 \
                "$work/$l.out" | tr -d '\r')): no verdict on the notifier"
    fi
    printf '%s\n' "$attempt" >"$work/$l.runs"
    secs=$(($(date +%s) - start))
    # shellcheck disable=SC2086 # one word per check
    "$report" collect "$work" "$l" "$rc" "$secs" "$t" "$hint" $todo >"$work/now" || envdie "$l"
    while read -r id verdict; do printf ' %s %s' "$id" "$(paint "$verdict")"; done <"$work/now" >&2
    echo " ($secs s)" >&2
    [ ! -f "$work/loaderror" ] || load_error="$name cannot be loaded: $(cat "$work/loaderror")"
    grep -q "^RESULT$tab" "$work/$l.out" && ! grep -q "^LOADERROR$tab" "$work/$l.out" &&
        loaded_before=1
done <"$work/runs.tsv"

# ---- merge (the worst verdict wins), the reference log, render ----
status=$("$report" merge "$work" "$only" "$stop" "$mpr") || envdie "cannot merge the verdicts"
[ -z "$results" ] || cp "$work/results.tsv" "$results"
if [ $reference = 1 ] && [ -z "$stop" ]; then
    [ -f "$reflog" ] || : >"$reflog"
    records=$(grep -c . "$reflog")
    calls=$(awk -F'\t' '$1 == "calls_made" { n += $2 } END { print n + 0 }' "$work/metrics.tsv")
    printf 'reference_log_records\t%s\n' "$records" >>"$work/metrics.tsv"
    if [ "$records" = 0 ] || [ "$records" -lt "$calls" ]; then
        say "FAIL: the reference notifier logged $records records for $calls calls in $reflog" \
            "(LogPath, HKLM\\SOFTWARE\\connotify, $refview)"
        status=1
    fi
fi
rerun="ci/conformance.sh --no-build$rerun_dir"
[ $reference = 1 ] || rerun="$rerun --notifier $notifier"
[ -z "$regfile" ] || rerun="$rerun --reg $regfile"
[ "$arch" = x86_64 ] || rerun="$rerun --arch $arch"
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo -)
docs=$root/docs/conformance.md
[ -z "${GITHUB_REPOSITORY:-}" ] ||
    docs=${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/blob/$commit/${docs#"$root"/}
{
    printf 'name\t%s\nfile\t%s\narch\t%s\nmpr\t%s\n' "$name" "$notifier" "$arch" "$mpr"
    printf 'budget_ms\t%s\nstatus\t%s\nrerun\t%s\n' "$budget" "$status" "$rerun"
    printf 'sha256\t%s\n' "$(sha256sum "$notifier" | cut -d' ' -f1)"
    printf 'commit\t%s\ndocs\t%s\n' "$commit" "$docs"
    printf 'wine\t%s\n' "$("$wine" --version 2>/dev/null | head -n 1)"
    printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    [ ! -f "$work/commands.tsv" ] || sed 's/^/command\t/' "$work/commands.tsv"
} >"$work/meta.tsv"
"$report" term "$work" $color --columns "${COLUMNS:-100}"
[ -z "$junit" ] || "$report" junit "$work" >"$junit"
[ -z "$html" ] || "$report" html "$work" >"$html"
[ "${GITHUB_ACTIONS:-}" != true ] || "$report" annotations "$work"
[ -z "${GITHUB_STEP_SUMMARY:-}" ] || "$report" markdown "$work" >>"$GITHUB_STEP_SUMMARY"
[ -z "$junit" ] || say "JUnit: $junit"
[ -z "$html" ] || say "HTML: $html"
# A runtime this machine or build cannot run: its checks skip with the reason.
[ -z "$stop" ] || [ "$stop" = "$runtime_why" ] || { echo "conformance: error: $stop" >&2; exit 2; }
[ -z "$load_error" ] || { echo "conformance: error: $load_error" >&2; exit 2; }
exit "$status"
