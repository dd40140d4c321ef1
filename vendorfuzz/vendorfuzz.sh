#!/bin/sh
# vendorfuzz.sh: fuzzes any vendor's notifier DLL from Linux: a native
# libFuzzer driver feeds a persistent Wine host that loads the DLL once and
# runs each input as a sequence of PRE/POST add and cancel calls in guarded
# buffers. See docs/vendor-fuzzing.md. Reached as `ci/fuzz.sh --notifier`.
#
#   vendorfuzz.sh --notifier DLL [--arch x86_64|i686] [--time S] [--jobs N]
#                 [--corpus DIR] [--findings DIR] [--seeds DIR] [--reproduce FILE]
#                 [--hang-ms N] [--build-dir DIR] [--native-build-dir DIR]
#                 [--lifetime-every N] [--out DIR] [--no-build] [--noop] [--quiet]
#                 [--stop-at-finding]
#   vendorfuzz.sh --prepare-only [--build-dir DIR] [--native-build-dir DIR]
#
# The corpus (default OUT/corpus) and the findings, one directory per crash
# state (default OUT/findings), persist between runs; OUT defaults to
# BUILD/vendorfuzz/runs/<dll name>; the seeds (default vendorfuzz/seeds) are
# read, never written. One call in N (--lifetime-every, default 16; 1: all)
# has its buffers retired after it returns (the rest stay armed: cheaper
# under a VM). --stop-at-finding ends the run at its first finding
# instead of at --time. --reproduce replays one input and prints
# it as C. Exit status: 0 no finding, 1 a finding, 2 bad input (missing
# file, not a PE, wrong architecture, no exports, does not load), 3 the
# environment (no 32-bit Wine for i686, a failed build).
set -u

# printf, not echo: Windows paths hold backslashes.
die() { printf 'vendorfuzz: error: %s\n' "$*" >&2; exit 2; }
env_die() { printf 'vendorfuzz: error: %s\n' "$*" >&2; exit 3; }
say() { [ "$quiet" = 1 ] || printf 'vendorfuzz: %s\n' "$*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)
seeds="" notifier="" arch=x86_64 secs=60 jobs=1 corpus="" findings="" repro="" hang=2000
bdir=${CONNOTIFY_VENDORFUZZ_BUILD_DIR:-} ndir=${CONNOTIFY_VENDORFUZZ_NATIVE_DIR:-} out=""
no_build=0 noop=0 quiet=0 prepare_only=0 cold=16 stop_at_finding=0

need() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi; }
num() { case $2 in ''|*[!0-9]*|0) die "$1 needs a positive number, not '$2'" ;; esac; }
while [ $# -gt 0 ]; do
    case $1 in
    --notifier) need "$@"; notifier=$2; shift 2 ;;
    --arch)
        need "$@"
        case $2 in x86_64|i686) arch=$2 ;; *) die "--arch must be x86_64 or i686, not '$2'" ;; esac
        shift 2 ;;
    --time|-t) need "$@"; num "$1" "$2"; secs=$2; shift 2 ;;
    --jobs|-j) need "$@"; num "$1" "$2"; jobs=$2; shift 2 ;;
    --corpus) need "$@"; corpus=$2; shift 2 ;;
    --findings) need "$@"; findings=$2; shift 2 ;;
    --seeds)
        need "$@"
        [ -d "$2" ] || die "no such directory: $2"
        seeds=$(cd "$2" && pwd)
        shift 2 ;;
    --reproduce) need "$@"; repro=$2; shift 2 ;;
    --hang-ms) need "$@"; num "$1" "$2"; hang=$2; shift 2 ;;
    --build-dir) need "$@"; bdir=$2; shift 2 ;;
    --native-build-dir) need "$@"; ndir=$2; shift 2 ;;
    --out) need "$@"; out=$2; shift 2 ;;
    --no-build) no_build=1; shift ;;
    --lifetime-every) need "$@"; num "$1" "$2"; cold=$2; shift 2 ;;
    --noop) noop=1; shift ;;
    --prepare-only) prepare_only=1; shift ;;
    --quiet) quiet=1; shift ;;
    --stop-at-finding) stop_at_finding=1; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done

# ---- bad input first: one line, exit 2 ----
if [ $prepare_only = 0 ]; then
    [ -n "$notifier" ] || die "--notifier DLL is required"
    [ -e "$notifier" ] || die "no such file: $notifier"
    { [ -f "$notifier" ] && [ -r "$notifier" ]; } || die "cannot read: $notifier"
    [ "$(head -c 2 "$notifier" 2>/dev/null)" = MZ ] || die "not a PE file (no MZ header): $notifier"
    notifier=$(cd "$(dirname "$notifier")" && pwd)/$(basename "$notifier")
    if [ -n "$repro" ]; then
        { [ -f "$repro" ] && [ -r "$repro" ]; } || die "no such input: $repro"
        repro=$(cd "$(dirname "$repro")" && pwd)/$(basename "$repro")
    fi
    # PE machine: the 2 bytes after "PE\0\0" (e_lfanew at 0x3c).
    lfanew=$(od -An -t u4 -j 60 -N 4 "$notifier" | tr -d ' ')
    machine=$(od -An -t x2 -j $((lfanew + 4)) -N 2 "$notifier" | tr -d ' ')
    case $machine in
    8664) dll_arch=x86_64 ;;
    014c) dll_arch=i686 ;;
    *) dll_arch="machine 0x$machine" ;;
    esac
    [ "$dll_arch" = "$arch" ] ||
        die "$(basename "$notifier") is $dll_arch, not $arch (use --arch $dll_arch)"
fi

preset=mingw64
[ "$arch" = i686 ] && preset=mingw32
bdir=${bdir:-$root/build/$preset}
ndir=${ndir:-$root/build/native}
case $bdir in /*) ;; *) bdir=$(pwd)/$bdir ;; esac
case $ndir in /*) ;; *) ndir=$(pwd)/$ndir ;; esac

# ---- build: the host (MinGW preset) and the driver (native preset) ----
build() { # DIR PRESET TARGET...
    d=$1 p=$2
    shift 2
    if [ ! -f "$d/CMakeCache.txt" ]; then
        say "configuring $d (preset $p)"
        mkdir -p "$d" || env_die "cannot create $d"
        (cd "$root" && cmake --preset "$p" -B "$d" >"$d/vendorfuzz-configure.log" 2>&1) ||
            env_die "configure failed (preset $p): see $d/vendorfuzz-configure.log"
    fi
    for t in "$@"; do
        cmake --build "$d" -j2 --target "$t" >"$d/vendorfuzz-build-$t.log" 2>&1 ||
            env_die "build of $t failed: see $d/vendorfuzz-build-$t.log"
    done
}
if [ $no_build = 0 ]; then
    command -v cmake >/dev/null 2>&1 || sh "$root/ci/bootstrap.sh" >&2 ||
        env_die "ci/bootstrap.sh failed"
    say "building vf_host ($preset) in $bdir"
    build "$bdir" "$preset" vf_host
fi
host=$(sed -n 's/^host=//p' "$bdir/vendorfuzz/paths.env" 2>/dev/null)
{ [ -n "$host" ] && [ -f "$host" ]; } ||
    env_die "vf_host is not built in $bdir (run without --no-build)"

wine32=/usr/lib/i386-linux-gnu/wine/wine
if [ "$arch" = i686 ] && [ ! -x /usr/lib/wine/wine ] && [ ! -x "$wine32" ]; then
    why="no 32-bit Wine installed (ci/install-wine32.sh installs wine32:i386)"
    sh "$root/ci/install-wine32.sh" --probe 2>/dev/null ||
        why="this kernel cannot execute i386 programs, so no 32-bit Wine can run here"
    env_die "no 32-bit Wine on this machine ($why): the i686 host is built ($host)" \
        "but cannot run; fuzz i686 DLLs where a 32-bit Wine runs"
fi
wine=$(sh "$root/ci/wineprefix.sh" loader "$arch")
command -v "$wine" >/dev/null 2>&1 || env_die "wine not found (ci/bootstrap.sh installs it)"

driver=$ndir/vendorfuzz/vf_driver
# --no-build still builds a missing driver: the native tree is separate.
if [ -z "$repro" ] && { [ $no_build = 0 ] || [ ! -x "$driver" ]; }; then
    say "building vf_driver (native) in $ndir"
    build "$ndir" native vf_driver
fi

# ---- a private Wine prefix in the build tree ----
prefix=$bdir/vendorfuzz/prefix
if [ ! -f "$prefix/.vendorfuzz-ready" ]; then
    say "preparing Wine prefix $prefix"
    sh "$root/ci/wineprefix.sh" setup "$prefix" --base "$bdir/wine-base" \
        >"$bdir/vendorfuzz/prefix-setup.log" 2>&1 ||
        env_die "cannot create the Wine prefix $prefix: see $bdir/vendorfuzz/prefix-setup.log"
    touch "$prefix/.vendorfuzz-ready"
fi
# winemenubuilder off: once it hung in a run here, and its wineserver kept the
# probe's pipe open, so the run never started [wine].
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
if [ $prepare_only = 1 ]; then say "prepared $bdir, $ndir and $prefix"; exit 0; fi
winpath() { printf 'Z:%s' "$1" | sed 's|/|\\|g'; }

# ---- the DLL loads and exports both calls; which feedback it gives ----
name=$(basename "$notifier")
first_line() { printf '%s\n' "$1" | grep -v '^$' | head -n 1; }
probe_once() { # sets $probe (the host's words), $rc (its status), $said (its first line)
    probe=$(timeout -k 5 120 "$wine" "$host" --probe "$(winpath "$notifier")" 2>&1 </dev/null)
    rc=$?
    probe=$(printf '%s\n' "$probe" | tr -d '\r')
    said=$(first_line "$probe")
    mode=$(printf '%s\n' "$probe" | sed -n 's/^mode	//p')
    msg=$(printf '%s\n' "$probe" | sed -n 's/^vf_host: //p' | head -n 1)
}
probe_once
# No word from the host at all: once more (a lone failure of Wine to start
# happened in CI), then the host alone tells Wine's fault from the DLL's.
if [ -z "$mode" ] && [ -z "$msg" ]; then
    say "the host gave no word (status $rc: ${said:-no message}): once more"
    sleep 2
    probe_once
fi
if [ -z "$mode" ] && [ -z "$msg" ]; then
    alone=$(timeout -k 5 120 "$wine" "$host" 2>&1 </dev/null | tr -d '\r')
    case $alone in
    *"usage: vf_host"*)
        die "$name ended the host while it loaded (status $rc): ${said:-no message}" ;;
    *)
        env_die "Wine does not run the host in $WINEPREFIX (status $rc):" \
            "${said:-$(first_line "$alone")}" ;;
    esac
fi
[ -n "$mode" ] || die "$msg"

# ---- --reproduce: one input, the call sequence as C ----
if [ -n "$repro" ]; then
    say "replaying $repro against $name"
    res=$(timeout -k 5 $((hang / 1000 + 30)) "$wine" "$host" --hang-ms "$hang" --cold-every "$cold" \
        --reproduce "$(winpath "$repro")" \
        "$(winpath "$notifier")" 2>&1 | tr -d '\r')
    printf '%s\n' "$res" | grep -v '^FINDING	\|^NOFINDING	'
    f=$(printf '%s\n' "$res" | sed -n 's/^FINDING	//p' | head -n 1)
    if [ -n "$f" ]; then
        printf '%s\n' "vendorfuzz: finding: $(printf '%s' "$f" | cut -f2)"
        printf '%s\n' "vendorfuzz: state: $(printf '%s' "$f" | cut -f1)"
        exit 1
    fi
    if printf '%s\n' "$res" | grep -q '^NOFINDING	'; then
        printf '%s\n' "vendorfuzz: no finding ($(printf '%s\n' "$res" | sed -n 's/^NOFINDING	//p'))"
        exit 0
    fi
    printf '%s\n' "vendorfuzz: finding: the host ended without a verdict" \
        "(the notifier ended the process?)" | paste -sd ' '
    printf '%s\n' "vendorfuzz: state: process-exit $name"
    exit 1
fi

# ---- fuzz: new inputs go to the corpus; the seeds are read too ----
[ -x "$driver" ] || env_die "vf_driver is not built in $ndir (run without --no-build)"
out=${out:-$bdir/vendorfuzz/runs/${name%.*}}
corpus=${corpus:-$out/corpus}
findings=${findings:-$out/findings}
mkdir -p "$out/artifacts" "$corpus" "$findings" || die "cannot create $out, $corpus or $findings"
corpus=$(cd "$corpus" && pwd)
findings=$(cd "$findings" && pwd)
shmdir=$(mktemp -d /dev/shm/connotify-vf.XXXXXX 2>/dev/null) ||
    shmdir=$(mktemp -d "${TMPDIR:-/tmp}/connotify-vf.XXXXXX")
trap 'rm -rf "$shmdir"' EXIT
hits() { cat "$findings"/*/hits 2>/dev/null | wc -l | tr -d ' '; }
before=$(hits)
start=$(date +%s)
say "fuzzing $name ($arch) for ${secs}s with $jobs job(s)"
say "mode: $mode"
say "corpus: $corpus ($(find "$corpus" -type f | wc -l) inputs); findings: $findings"
# One loop per job: a driver runs until the time is up or a finding
# aborts it (libFuzzer saves the input; its host dies with it), then a new
# driver with a fresh host goes on. The jobs share the corpus directory
# (libFuzzer reloads it every second).
deadline=$((start + secs))
worker() { # N
    n=0
    errors=0
    while :; do
        left=$((deadline - $(date +%s)))
        [ "$left" -gt 0 ] || break
        [ ! -f "$out/logs/stop" ] || break
        n=$((n + 1))
        (cd "$out" && VF_WINE=$wine VF_HOST=$host VF_DLL=$notifier VF_FINDINGS=$findings VF_HANG_MS=$hang \
            VF_SHM_DIR=$shmdir VF_NOOP=$noop VF_COLD_EVERY=$cold VF_JOBS=$jobs \
            "$driver" -max_total_time="$left" -max_len=4096 \
            -timeout=$((hang / 1000 + 10)) -print_final_stats=1 -reload=1 \
            -artifact_prefix="$out/artifacts/" "$corpus" "${seeds:-$root/vendorfuzz/seeds}" \
            >"$out/logs/job$1-run$n.log" 2>&1)
        rc=$?
        # The driver's own error (the host did not start or load the notifier) also ends
        # libFuzzer with 77, as a finding does: a new driver once, then the run fails.
        # (Measured: a host started every --cold-every inputs reached the wineserver as it
        # ended with the last host, "wine client error:0: recvmsg: Connection reset by peer",
        # and a clean-clone run said "no finding in 100s" after 8 s.)
        why=$(grep 'vendorfuzz: error' "$out/logs/job$1-run$n.log" | head -n 1)
        if [ -n "$why" ]; then
            errors=$((errors + 1))
            if [ $errors = 1 ]; then
                printf '%s\n' "vendorfuzz: the driver stopped ($why): a new one" >&2
                continue
            fi
            printf '%s\n' "vendorfuzz: the driver stopped twice: $why" >&2
            touch "$out/logs/failed"
            break
        fi
        # 0: time is up; 77: a finding (deadly signal); 70: libFuzzer's timeout.
        # --stop-at-finding: this job ends; the others at their next start.
        if [ $rc = 77 ] && [ $stop_at_finding = 1 ]; then
            touch "$out/logs/stop"
            break
        fi
        # Any other status with no error line of the driver's (those stopped above).
        case $rc in 0|70|77) ;; *)
            printf '%s\n' "vendorfuzz: the driver failed (status $rc): see $out/logs" >&2
            touch "$out/logs/failed"
            break ;;
        esac
    done
}
rm -rf "$out/logs"
mkdir -p "$out/logs"
j=1
while [ $j -le "$jobs" ]; do
    worker $j &
    j=$((j + 1))
done
wait
execs=$(cat "$out"/logs/*.log | sed -n 's/^stat::number_of_executed_units: *//p' |
    awk '{ s += $1 } END { print s + 0 }')
runs=$(find "$out/logs" -name '*.log' | wc -l | tr -d ' ')
[ ! -f "$out/logs/failed" ] || env_die "the fuzzer could not run: see $out/logs"
after=$(hits)
took=$(($(date +%s) - start))
[ "$took" -gt 0 ] || took=1
say "$execs inputs run in ${took}s ($((execs / took)) exec/s) by $runs driver" \
    "run(s); corpus now $(find "$corpus" -type f | wc -l) inputs"
if [ "$after" -gt "$before" ]; then
    printf '%s\n' "vendorfuzz: $((after - before)) finding(s) in this run; by crash state:"
    for d in "$findings"/*; do
        [ -f "$d/state" ] || continue
        first=$(($(stat -c %Y "$d/state") - start))
        when="found ${first}s into this run"
        [ "$first" -ge 0 ] || when="known from an earlier run"
        nhits=$(wc -l <"$d/hits" | tr -d ' ')
        printf '%s\n' "  state: $(head -n 1 "$d/state")   ($nhits hit(s), $when)"
        printf '%s\n' "    $(sed -n 2p "$d/state")"
        printf '%s\n' "    reproduce: ci/fuzz.sh --notifier $notifier --reproduce $d/input"
    done
    exit 1
fi
printf '%s\n' "vendorfuzz: no finding in ${secs}s ($name, $mode)"
exit 0
