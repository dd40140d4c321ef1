#!/bin/sh
# conformance.sh: the entry point of the conformance runner, conformance/run.sh
# (same arguments; --help lists them and the check ids). See docs/conformance.md.
exec sh "$(dirname "$0")/../conformance/run.sh" "$@"
