# shellcheck shell=sh
# prefix-lock.sh, sourced by run.sh: the runs that share a build dir's prefixes hold a
# shared lock for as long as they use them; a rebuild, which removes a prefix, holds it
# exclusively, so it waits until no run uses the prefixes (CI measured: a rebuild under
# other runs broke them all).
#   prefix_lock shared|exclusive LOCKFILE SECONDS   0 held; 1 not within SECONDS
#   prefix_unlock
#   lock_hold SLOT MODE LOCKFILE SECONDS, lock_drop SLOT: the same for another lock, held
#   beside it (SLOT: a word naming it)
# A holder process of its own keeps the lock: no Wine process or wineserver inherits it,
# and it ends within a second of its run. A waiting exclusive request stops new shared
# ones (LOCKFILE.gate), so a rebuild is not starved by a stream of runs.
lock_drop() { # SLOT
    eval "lock_holder=\${lock_holder_$1:-}"
    [ -n "$lock_holder" ] || return 0
    kill "$lock_holder" 2>/dev/null
    wait "$lock_holder" 2>/dev/null
    eval "lock_holder_$1=''"
}
lock_hold() { # SLOT MODE LOCKFILE SECONDS
    lock_drop "$1"
    lock_fifo=$(mktemp -u "${TMPDIR:-/tmp}/prefix-lock.XXXXXX")
    mkfifo "$lock_fifo" || return 1
    (
        exec 8>>"$3.gate" 9>>"$3" || exit 1
        flock -x -w "$4" 8 || exit 1
        flock "--$2" -w "$4" 9 || exit 1
        [ "$2" = exclusive ] || exec 8>&-
        echo held
        exec >/dev/null
        # $$ is the run's shell: the lock ends with it, even when it is killed.
        while kill -0 $$ 2>/dev/null; do sleep 1; done
    ) >"$lock_fifo" 2>/dev/null </dev/null &
    eval "lock_holder_$1=$!"
    lock_state=""
    read -r lock_state <"$lock_fifo"
    rm -f "$lock_fifo"
    [ "$lock_state" = held ] && return 0
    lock_drop "$1"
    return 1
}
prefix_lock() { lock_hold prefix "$@"; }
prefix_unlock() { lock_drop prefix; }
