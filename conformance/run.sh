#!/bin/sh
# run.sh: gates a connection-notifier DLL against the MPR contract
# (docs/contract.md). ci/conformance.sh runs it with the same arguments.
#
#   ci/conformance.sh [--notifier DLL] [--arch x86_64|i686] [--mpr stock|patched|both]
#                     [--only CHECK,...] [--junit FILE] [--html FILE] [--results FILE]
#                     [--keep-logs DIR] [--budget-ms N] [--load-budget-ms N] [--cycles N]
#                     [--stack-budget BYTES] [--timeout S] [--build-dir DIR]
#                     [--prefix-dir DIR] [--no-build] [--prepare-only] [--fresh-prefix]
#
# Without --notifier it checks the reference notifier, logging as deployed. It
# builds what is missing, runs each case of the driver's catalogue
# (cn_conform.exe --catalogue) in its own Wine process in a private prefix of
# the build tree (never ~/.wine), and prints a table and the failures with the
# command that reruns each one.
# Exit status: 0 every gate passed; 1 a gate failed; 2 bad input (missing file,
# not a PE, not a DLL, wrong arch, no exports, does not load); 3 incomplete: a
# gate could not be evaluated and none failed; 4 environment error: Wine cannot
# run the driver in a prefix. More: docs/conformance.md.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tab=$(printf '\t')
wine=${CONNOTIFY_WINE:-wine}
die() { echo "conformance: error: $*" >&2; exit 2; }
envdie() { echo "conformance: environment error: $*" >&2; exit 4; }
say() { echo "conformance: $*" >&2; }

notifier="" arch=x86_64 mpr=both junit="" html="" results="" keep="" only="" extra=""
budget=50 timeout_s=120 no_build=0 prepare_only=0 fresh=0 help=0
bdir=${CONNOTIFY_CONFORMANCE_BUILD_DIR:-} pdir="" rerun_dir=""
while [ $# -gt 0 ]; do
    case $1 in
    --no-build|--prepare-only|--fresh-prefix|-h|--help) ;;
    --budget-ms|--load-budget-ms|--cycles|--stack-budget|--timeout)
        case ${2:-} in ''|*[!0-9]*|0) die "$1 needs a positive number, not '${2:-}'" ;; esac ;;
    --*) if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi ;;
    esac
    case $1 in
    --notifier) notifier=$2 ;;
    --arch) case $2 in x86_64|i686) arch=$2 ;; *) die "--arch must be x86_64 or i686, not '$2'" ;; esac ;;
    --mpr) case $2 in stock|patched|both) mpr=$2 ;; *) die "--mpr must be stock, patched or both, not '$2'" ;; esac ;;
    --junit) junit=$2 ;;
    --html) html=$2 ;;
    --results) results=$2 ;;
    --keep-logs) keep=$2 ;;
    --only) only=$2 ;;
    --build-dir) bdir=$2 rerun_dir=" --build-dir $2" ;;
    --prefix-dir) pdir=$2 ;;
    --budget-ms) budget=$2 extra="$extra $1 $2" ;;
    --load-budget-ms|--cycles|--stack-budget) extra="$extra $1 $2" ;;
    --timeout) timeout_s=$2 ;;
    --no-build) no_build=1 ;;
    --prepare-only) prepare_only=1 ;;
    --fresh-prefix) fresh=1 ;;
    -h|--help) help=1 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
    case $1 in --no-build|--prepare-only|--fresh-prefix|-h|--help) shift ;; *) shift 2 ;; esac
done
preset=mingw64
[ "$arch" = i686 ] && preset=mingw32
bdir=${bdir:-$root/build/$preset}
case $bdir in /*) ;; *) bdir=$(pwd)/$bdir ;; esac
pdir=${pdir:-$bdir/conformance}
cached=$bdir/conformance/catalogue.txt
work=$(mktemp -d "${TMPDIR:-/tmp}/conformance.XXXXXX") || envdie "cannot create a temporary directory"
keep_logs() { [ -z "$keep" ] || { mkdir -p "$keep" && cp "$work"/*.* "$keep"/; } 2>/dev/null || true; }
trap 'keep_logs; rm -rf "$work"' EXIT
cat_file=$work/catalogue.txt checks=$work/checks.tsv ver=$work/verdicts.tsv
: >"$ver"; : >"$work/metrics.tsv"; : >"$work/events.tsv"; : >"$work/crashes.tsv"

if [ $help = 1 ]; then
    sed -n '2,/^set -u/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    if [ -f "$cached" ]; then
        echo "Check ids (catalogue of $bdir):"
        awk -F'\t' '$1 == "CHECK" { print "  " $2 " [" $4 "] " $7 }' "$cached"
    elif [ -f "$bdir/conformance/paths.env" ]; then
        echo "Check ids: not read yet from $bdir: run ci/conformance.sh --prepare-only once."
    else
        echo "Check ids: the driver is not built yet in $bdir (they come from cn_conform.exe --catalogue)."
    fi
    exit 0
fi

# ---- bad input first: one line, exit 2 ----
if [ -n "$notifier" ]; then
    [ -e "$notifier" ] || die "no such file: $notifier"
    [ -f "$notifier" ] && [ -r "$notifier" ] || die "not a readable file: $notifier"
    [ "$(head -c 2 "$notifier")" = MZ ] || die "not a PE file (no MZ header): $notifier"
    pe=$(od -An -tu4 -j60 -N4 "$notifier" | tr -d ' ')
    [ -n "$pe" ] && [ "$(od -An -tx1 -j"$pe" -N4 "$notifier" | tr -d ' ')" = 50450000 ] ||
        die "not a PE file (no PE signature): $notifier"
    flags=$(od -An -tu2 -j$((pe + 22)) -N2 "$notifier" | tr -d ' ')
    [ $((flags & 8192)) != 0 ] || die "not a DLL (IMAGE_FILE_DLL is not set: an .exe?): $notifier"
    notifier=$(cd "$(dirname "$notifier")" && pwd)/$(basename "$notifier")
fi
for out in "$junit" "$html" "$results"; do
    [ -z "$out" ] || [ -d "$(dirname "$out")" ] || die "no such directory for output: $out"
done

# ---- build what is missing ----
if [ $no_build = 0 ]; then
    sh "$root/ci/bootstrap.sh" --deb-src >&2 || envdie "ci/bootstrap.sh failed: install the packages it lists (as root)"
    if [ ! -f "$bdir/CMakeCache.txt" ]; then
        say "configuring $bdir (preset $preset)"
        mkdir -p "$bdir" && (cd "$root" && cmake --preset "$preset" -B "$bdir" >"$bdir/conformance-configure.log" 2>&1) ||
            die "configure failed (preset $preset): see $bdir/conformance-configure.log"
    fi
    want="cn_conform connotify_test_provider mpr_patched"
    [ -n "$notifier" ] || want="$want connotify_notifier"
    for t in $want; do
        say "building $t"
        cmake --build "$bdir" -j2 --target "$t" >"$bdir/conformance-build-$t.log" 2>&1 ||
            say "build of $t failed (see $bdir/conformance-build-$t.log)"
    done
fi
command -v "$wine" >/dev/null 2>&1 || envdie "wine not found (ci/bootstrap.sh installs it)"
[ -f "$bdir/conformance/paths.env" ] || die "no $bdir/conformance/paths.env: configure and build $bdir first (without --no-build)"
path_of() { sed -n "s/^$1=//p" "$bdir/conformance/paths.env"; }
winpath() { printf 'Z:%s' "$1" | sed 's|/|\\|g'; }
driver=$(path_of driver) provider=$(path_of provider) patched_mpr=$(path_of patched_mpr)
[ -f "$driver" ] || die "the driver is not built: $driver"
[ -f "$provider" ] || provider=""
[ -n "$patched_mpr" ] && [ -f "$patched_mpr" ] || patched_mpr=""
reference=0
if [ -z "$notifier" ] && [ $prepare_only = 0 ]; then
    reference=1 notifier=$(path_of reference)
    [ -f "$notifier" ] || die "the reference notifier is not built in $bdir"
fi
report=$(sh "$root/conformance/report/build.sh" "$bdir/conformance") || envdie "cannot build the report tool (cc)"

# ---- prefixes keyed by the installed Wine, each checked by the canary ----
view=/reg:64
[ "$arch" = i686 ] && view=/reg:32
runtime=1
[ "$arch" = i686 ] && ! sh "$root/ci/wineprefix.sh" has-wine32 && runtime=0
canary() { # PREFIX: the driver's --catalogue must run there, else exit 4 with Wine's words
    WINEPREFIX=$1 WINEDEBUG=-all timeout -k 5 120 "$wine" "$driver" --catalogue >"$work/canary.raw" 2>"$work/canary.err" </dev/null
    crc=$?
    tr -d '\r' <"$work/canary.raw" >"$cat_file"
    [ $crc = 0 ] && grep -q "^CATALOGUE$tab" "$cat_file" && cp "$cat_file" "$cached" && return 0
    line=$(grep -m 1 '^wine' "$work/canary.err" || grep -m 1 . "$work/canary.err")
    envdie "cn_conform.exe --catalogue does not run in $1 (status $crc): ${line:-no message}"
}
prefix() { # NAME [--native DLL]: a prefix made for the installed Wine
    p=$pdir/prefix-$1
    shift
    act=ensure
    [ $fresh = 1 ] && act=setup
    sh "$root/ci/wineprefix.sh" $act "$p" "$@" >&2 || envdie "cannot create the Wine prefix $p"
    canary "$p"
}
if [ $runtime = 1 ]; then
    prefix stock
    [ "$mpr" = stock ] || [ -z "$patched_mpr" ] || prefix patched --native "$patched_mpr"
elif [ -f "$cached" ]; then
    cp "$cached" "$cat_file"
    say "no 32-bit Wine here: i686 gets the static checks; the runtime checks run on Windows (cn_conform.exe CASE DLL)"
else
    envdie "no 32-bit Wine here and no catalogue cached in $cached: run an x86_64 check once first"
fi
[ $prepare_only = 0 ] || { say "prepared $pdir"; exit 0; }
sed -n "s/^CHECK$tab//p" "$cat_file" >"$checks"
for c in $(printf '%s' "$only" | tr ',' ' '); do
    cut -f1 "$checks" | grep -qxF -- "$c" && continue
    echo "conformance: error: --only: unknown check '$c'; the checks are:" >&2
    cut -f1 "$checks" | sed 's/^/  /' >&2
    exit 2
done

# ---- static checks: ci/pe-check.sh ----
put() { # CHECK VERDICT DETAIL CASE SECONDS STATE
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" | tr -d '\r\001-\010\013\014\016-\037' >>"$ver"
}
name=$(basename "$notifier")
say "checking $name ($arch, MPR: $mpr)"
sh "$root/ci/pe-check.sh" --arch "$arch" --exports AddConnectNotify,CancelConnectNotify "$notifier" >"$work/pe.txt" 2>"$work/pe.err"
[ $? = 2 ] && die "$(sed 's/^pe-check: error: //' "$work/pe.err" | head -n 1)"
machine=$(sed -n 's/^machine: //p' "$work/pe.txt")
exports=$(sed -n 's/^export: @[0-9]* //p' "$work/pe.txt" | tr '\n' ' ' | sed 's/ $//')
imports=$(sed -n 's/^import: //p' "$work/pe.txt" | tr '\n' ' ' | sed 's/ $//')
if [ "$machine" = "$arch" ]; then put static.arch pass "$machine" static 0 -
else put static.arch fail "the DLL is $machine, not $arch (use --arch $machine)" static 0 -; fi
probs=$(sed -n 's/^pe-check: FAIL: \(decorated\|missing\)/\1/p' "$work/pe.txt" | tr '\n' ';' | sed 's/;$//; s/;/; /g')
if [ -n "$probs" ]; then put static.exports fail "$probs [MPR calls GetProcAddress with the plain names]" static 0 -
elif [ -z "$exports" ]; then put static.exports fail "no exports at all" static 0 -
else put static.exports pass "exports: $exports" static 0 -; fi
heavy_list=$(grep -v '^#' "$root/ci/heavy-imports.txt" 2>/dev/null) ||
    heavy_list="user32.dll gdi32.dll shell32.dll comctl32.dll comdlg32.dll ole32.dll oleaut32.dll uxtheme.dll
winspool.drv wininet.dll winhttp.dll ws2_32.dll dwmapi.dll opengl32.dll d3d*.dll"
heavy=""
for d in $imports; do
    lc=$(printf '%s' "$d" | tr '[:upper:]' '[:lower:]')
    for h in $heavy_list; do
        # shellcheck disable=SC2254 # the list holds patterns (d3d*.dll)
        case $lc in $h) heavy="$heavy $d"; break ;; esac
    done
done
if [ -n "$heavy" ]; then put static.imports warn "imports$heavy at load time: loaded into every process that maps a drive (imports: $imports)" static 0 -
else put static.imports pass "imports: $imports" static 0 -; fi
stop=""
[ "$machine" = "$arch" ] || stop="$name is $machine, not $arch: use --arch $machine"
[ -n "$exports" ] || stop="$name has no exports: not a notifier DLL"
[ $runtime = 1 ] || [ -n "$stop" ] || stop="no 32-bit Wine here: runs on Windows (cn_conform.exe, i686)"

# The reference notifier runs as deployed: logging on (docs/reference-dll.md).
reflog=$work/reference.log
if [ $reference = 1 ] && [ -z "$stop" ]; then
    for p in "$pdir"/prefix-*; do
        WINEPREFIX=$p WINEDEBUG=-all "$wine" reg add 'HKLM\SOFTWARE\connotify' /v LogPath /t REG_EXPAND_SZ \
            /d "$(winpath "$reflog")" /f $view >/dev/null 2>&1 || envdie "cannot set LogPath in $p ($view)"
    done
fi

# ---- runtime cases, each in its own process: case variant checks factor hint ----
sed -n "s/^CASE$tab//p" "$cat_file" | awk -F'\t' -v OFS='\t' -v only=",$only," -v mpr="$mpr" '
    NR == FNR { if (only == ",," || index(only, "," $1 ",")) ids[$2] = ids[$2] " " $1; next }
    !($1 in ids) { next }
    $1 != "mpr" { print $1, "-", substr(ids[$1], 2), $2, $3; next }
    { for (k = 1; k <= 2; k++) {
        v = k == 1 ? "stock" : "patched"; s = ""
        n = split(ids[$1], a, " ")
        for (j = 1; j <= n; j++) if (index(a[j], "mpr." v ".") == 1) s = s " " a[j]
        if (s != "" && (mpr == "both" || mpr == v)) print $1, v, substr(s, 2), $2, $3 } }' "$checks" - >"$work/runs.tsv"
[ -z "$stop" ] || : >"$work/runs.tsv"
total=$(grep -c . "$work/runs.tsv")
color=0
if [ -n "${FORCE_COLOR:-}" ] && [ "${FORCE_COLOR:-}" != 0 ]; then color=1
elif [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then color=1; fi
paint() { # VERDICT...: coloured on a terminal
    for v in "$@"; do
        c=""
        [ $color = 1 ] && case $v in pass) c='32' ;; fail|FAIL) c='1;31' ;; warn|incomplete) c='33' ;; *) c='90' ;; esac
        if [ -n "$c" ]; then printf ' \033[%sm%s\033[0m' "$c" "$v"; else printf ' %s' "$v"; fi
    done
}
failed_dep() { # CHECK: the first of its dependencies that failed
    for d in $(awk -F'\t' -v c="$1" '$1 == c { print $5 }' "$checks" | tr ',' ' '); do
        grep -q "^$d${tab}fail$tab" "$ver" && { echo "$d"; return; }
    done
}
run() { # CASE LABEL PREFIX SECONDS ARGS...: one driver process
    c=$1 l=$2 p=$3 t=$4
    shift 4
    printf '%s\t%s\n' "$l" "WINEPREFIX=$p $wine $driver$extra $* $c $(winpath "$notifier")" >>"$work/commands.tsv"
    WINEPREFIX=$p WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" timeout -k 5 "$t" "$wine" "$driver" $extra "$@" \
        "$c" "$(winpath "$notifier")" >"$work/$l.raw" 2>"$work/$l.err" </dev/null
    rc=$?
    tr -d '\r' <"$work/$l.raw" >"$work/$l.out"
}
explained() { case $rc in 0|2|86|87|124|137) return 0 ;; esac; grep -qE "^(CRASH|EXIT|HANG|LOADERROR)$tab" "$out"; }
i=0 load_error=""
while IFS="$tab" read -r c v ids factor hint; do
    i=$((i + 1))
    l=$c
    [ "$v" = - ] || l=$c.$v
    out=$work/$l.out
    printf "conformance: [%${#total}d/%d] %-16s" "$i" "$total" "$l" >&2
    todo=""
    for id in $ids; do
        d=$(failed_dep "$id")
        if [ -n "$d" ]; then put "$id" notjudged "$d failed (see $d)" "$l" 0 -; else todo="$todo $id"; fi
    done
    why=""
    set --
    [ -n "$load_error" ] && why="not run: the notifier does not load"
    [ "$v" = - ] || [ -n "$provider" ] || why="no test provider built (target connotify_test_provider)"
    [ "$v" != patched ] || [ -n "$patched_mpr" ] || why="no patched mpr.dll (target mpr_patched, see docs/wine-patch.md)"
    if [ -z "$todo" ] || [ -n "$why" ]; then
        for id in $todo; do put "$id" skip "$why" "$l" 0 -; done
        w=notjudged
        [ -z "$todo" ] || w=skip
        echo "$(paint $w)" >&2
        continue
    fi
    p=$pdir/prefix-stock
    [ "$v" = patched ] && p=$pdir/prefix-patched
    [ "$v" = stock ] && set -- --expect stock --provider "$(winpath "$provider")"
    [ "$v" = patched ] && set -- --expect dispatch --provider "$(winpath "$provider")"
    start=$(date +%s)
    run "$c" "$l" "$p" $((timeout_s * factor)) "$@"
    explained || run "$c" "$l" "$p" $((timeout_s * factor)) "$@"
    explained || canary "$p"
    secs=$(($(date +%s) - start))
    awk -F'\t' -v OFS='\t' -v l="$l" -v s="$secs" '$1 == "RESULT" { d = $4; for (k = 5; k <= NF; k++) d = d " " $k
        print $2, $3, d, l, s, "-" }' "$out" | tr -d '\001-\010\013\014\016-\037' >>"$ver"
    sed -n "s/^METRIC$tab//p" "$out" >>"$work/metrics.tsv"
    [ "$v" = - ] || sed -n "s/^EVENT$tab/$l$tab/p" "$out" >>"$work/events.tsv"
    sed -n "s/^CRASH$tab/$l$tab/p" "$out" >>"$work/crashes.tsv"
    step=$(sed -n "s/^STEP$tab//p" "$out" | tail -n 1)
    errline=$(grep -v '^$' "$work/$l.err" | tail -n 1)
    state=$(awk -F'\t' '$1 == "CRASH" { print $2 " " $5; exit }' "$out")
    why=$(awk -F'\t' '$1 == "CRASH" { print "crash: " $3 " (" $2 "), during " $4 ($5 == "-" ? "" : "; notifier frame " $5); exit }
        $1 == "EXIT" { print "the notifier ended the process: " $3 " with exit code " ($2 == "-" ? rc : $2) ", during " $4 \
            " [a notifier runs inside the caller'"'"'s process: never end it]"; exit }
        $1 == "HANG" { print "hang: " $2 " did not return within " $3 " ms"; exit }' rc="$rc" "$out")
    if [ -z "$why" ]; then case $rc in
        0) ;;
        124|137) why="timeout: no answer within $((timeout_s * factor)) s (hang or deadlock) during ${step:-start-up}" ;;
        *) why="process ended with status $rc and no crash report during ${step:-start-up}: $errline" ;;
    esac; fi
    skip=$(sed -n "s/^SKIPCASE$tab//p" "$out" | head -n 1)
    le=$(sed -n "s/^LOADERROR$tab//p" "$out" | head -n 1)
    [ -z "$le" ] || load_error="$name cannot be loaded: $le"
    [ "$rc" != 2 ] || [ -n "$le" ] || why="incomplete: the driver refused its arguments: $errline"
    for id in $todo; do
        grep -q "^RESULT$tab$id$tab" "$out" && continue
        kind=$(awk -F'\t' -v c="$id" '$1 == c { print $4 }' "$checks")
        if [ -n "$skip" ]; then put "$id" skip "$skip" "$l" "$secs" -
        elif [ -n "$why" ]; then
            case $why in incomplete:*) bad=incomplete ;; *) bad=warn; [ "$kind" = gate ] && bad=fail ;; esac
            [ "$hint" = - ] || why="$why [$hint]"
            put "$id" "$bad" "${why#incomplete: }" "$l" "$secs" "${state:--}"
        elif [ "$kind" = gate ]; then put "$id" incomplete "the driver printed no verdict" "$l" "$secs" -
        else put "$id" skip "the driver printed no verdict" "$l" "$secs" -; fi
    done
    verdicts=$(for id in $ids; do awk -F'\t' -v c="$id" '$1 == c { print $2 }' "$ver" | tail -n 1; done)
    # shellcheck disable=SC2086 # one word per verdict
    echo "$(paint $verdicts) ($secs s)" >&2
done <"$work/runs.tsv"

# ---- merge: the worst verdict of a check wins; a failed dependency: not judged ----
awk -F'\t' -v OFS='\t' -v only=",$only," -v stop="$stop" -v mpr="$mpr" '
    BEGIN { split("skip pass notjudged todo warn incomplete fail", o, " "); for (k in o) rank[o[k]] = k }
    NR == FNR { if (!($1 in v) || rank[$2] > rank[v[$1]]) { v[$1] = $2; row[$1] = $0 }; next }
    only != ",," && !index(only, "," $1 ",") { next }
    {   if ($1 in v) split(row[$1], r, "\t")
        else { r[2] = "skip"; r[3] = stop != "" ? "not run: " stop : "not run"; r[4] = $2; r[5] = 0; r[6] = "-"
            if ($2 == "mpr") r[3] = "not run (--mpr " mpr ")" }
        n = split($5, d, ",")
        for (k = 1; k <= n; k++) if (fin[d[k]] == "fail") { r[2] = "notjudged"; r[3] = d[k] " failed (see " d[k] ")"; break }
        fin[$1] = r[2]
        print $1, $3, $4, r[2], $6, r[3], r[4], r[5], r[6], $7 }' "$ver" "$checks" >"$work/results.tsv"
[ -z "$results" ] || cp "$work/results.tsv" "$results"
status=$(awk -F'\t' '$4 == "fail" { f = 1 } $4 == "incomplete" && $3 == "gate" { n = 1 } END { print f ? 1 : n ? 3 : 0 }' "$work/results.tsv")
if [ $reference = 1 ] && [ -z "$stop" ]; then
    records=0
    [ -f "$reflog" ] && records=$(grep -c . "$reflog")
    calls=$(awk -F'\t' '$1 == "calls_made" { n += $2 } END { print n + 0 }' "$work/metrics.tsv")
    printf 'reference_log_records\t%s\n' "$records" >>"$work/metrics.tsv"
    if [ "$records" = 0 ] || [ "$records" -lt "$calls" ]; then
        say "FAIL: the reference notifier's log holds $records records for $calls calls: $reflog (LogPath in HKLM\\SOFTWARE\\connotify, $view)"
        status=1
    fi
fi

# ---- render ----
notifier_arg=" --notifier $notifier"
[ $reference = 0 ] || notifier_arg=""
[ "$arch" = x86_64 ] || notifier_arg="$notifier_arg --arch $arch"
{
    printf 'name\t%s\nfile\t%s\narch\t%s\nmpr\t%s\nbudget_ms\t%s\nstatus\t%s\n' "$name" "$notifier" "$arch" "$mpr" "$budget" "$status"
    printf 'sha256\t%s\n' "$(sha256sum "$notifier" | cut -d' ' -f1)"
    printf 'commit\t%s\n' "$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo -)"
    printf 'wine\t%s\n' "$("$wine" --version 2>/dev/null | head -n 1)"
    printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'rerun\tci/conformance.sh --no-build%s%s\n' "$rerun_dir" "$notifier_arg"
    sed 's/^/command\t/' "$work/commands.tsv" 2>/dev/null
} >"$work/meta.tsv"
copt=""
[ $color = 1 ] && copt=--color
"$report" term "$work" $copt --columns "${COLUMNS:-100}"
[ -z "$junit" ] || "$report" junit "$work" >"$junit"
[ -z "$html" ] || "$report" html "$work" >"$html"
[ "${GITHUB_ACTIONS:-}" != true ] || "$report" annotations "$work"
[ -z "${GITHUB_STEP_SUMMARY:-}" ] || "$report" markdown "$work" >>"$GITHUB_STEP_SUMMARY"
[ -z "$junit" ] || say "JUnit: $junit"
[ -z "$html" ] || say "HTML: $html"
case $stop in ''|"no 32-bit Wine"*) ;; *) echo "conformance: error: $stop" >&2; exit 2 ;; esac
[ -z "$load_error" ] || { echo "conformance: error: $load_error" >&2; exit 2; }
exit "$status"
