#!/bin/sh
# wine-no-start.sh: Wine that does not start the program for a case named
# CONNOTIFY_TEST_NO_START among its arguments, as Wine says when the driver's
# file is rebuilt under a run; Wine itself for everything else. For
# CONNOTIFY_WINE (conformance.driver_no_start).
root=$(cd "$(dirname "$0")/../.." && pwd)
for a in "$@"; do
    if [ "$a" = "${CONNOTIFY_TEST_NO_START:-}" ]; then
        echo "Application could not be started, or no application associated with the specified file."
        exit 1
    fi
done
real=$(CONNOTIFY_WINE="" sh "$root/ci/wineprefix.sh" loader x86_64) || exit 1
exec "$real" "$@"
