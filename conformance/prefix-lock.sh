# shellcheck shell=sh
# prefix-lock.sh, sourced by run.sh: the runs that share a build dir's prefixes hold a
# shared lock for as long as they use them; a rebuild, which removes a prefix, holds it
# exclusively, so it waits until no run uses the prefixes (CI measured: a rebuild under
# other runs broke them all).
#   prefix_lock shared|exclusive LOCKFILE SECONDS   0 held; 1 not within SECONDS
#   prefix_unlock
# A holder process of its own keeps the lock: no Wine process or wineserver inherits it,
# and it ends within a second of its run. A waiting exclusive request stops new shared
# ones (LOCKFILE.gate), so a rebuild is not starved by a stream of runs.
prefix_lock_holder=""
prefix_unlock() {
    [ -n "$prefix_lock_holder" ] || return 0
    kill "$prefix_lock_holder" 2>/dev/null
    wait "$prefix_lock_holder" 2>/dev/null
    prefix_lock_holder=""
}
prefix_lock() { # MODE LOCKFILE SECONDS
    prefix_unlock
    prefix_lock_fifo=$(mktemp -u "${TMPDIR:-/tmp}/prefix-lock.XXXXXX")
    mkfifo "$prefix_lock_fifo" || return 1
    (
        exec 8>>"$2.gate" 9>>"$2" || exit 1
        flock -x -w "$3" 8 || exit 1
        flock "--$1" -w "$3" 9 || exit 1
        [ "$1" = exclusive ] || exec 8>&-
        echo held
        exec >/dev/null
        # $$ is the run's shell: the lock ends with it, even when it is killed.
        while kill -0 $$ 2>/dev/null; do sleep 1; done
    ) >"$prefix_lock_fifo" 2>/dev/null </dev/null &
    prefix_lock_holder=$!
    prefix_lock_state=""
    read -r prefix_lock_state <"$prefix_lock_fifo"
    rm -f "$prefix_lock_fifo"
    [ "$prefix_lock_state" = held ] && return 0
    wait "$prefix_lock_holder" 2>/dev/null
    prefix_lock_holder=""
    return 1
}
