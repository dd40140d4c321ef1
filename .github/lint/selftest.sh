#!/bin/sh
# Proves ci/lint.sh fails: runs it on the deliberately bad tree beside this
# script and checks that it exits 1 and names every fault planted there.
#   selftest.sh [TOOLS_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(sh "$here/../../ci/lint.sh" --root "$here/selftest" ${1:+--tools "$1"} 2>&1) && rc=0 || rc=$?
printf '%s\n' "$out"
status=0
[ "$rc" = 1 ] || { echo "selftest: lint exited $rc, expected 1"; status=1; }
for want in 'FAIL yamllint .github/workflows/bad.yml' \
            'FAIL shellcheck ci/bad.sh' \
            'FAIL ps1-syntax ci/windows/bad.ps1' \
            'FAIL action-validator .github/workflows/bad.yml' \
            'FAIL run-steps .github/workflows/bad.yml' \
            'FAIL if-status .github/workflows/bad.yml' \
            'FAIL pinned-sha .github/workflows/bad.yml' \
            'FAIL permissions .github/workflows/bad.yml' \
            'FAIL paths .github/workflows/bad.yml: missing: ci/missing.sh ci/windows/missing.ps1' \
            'FAIL clusterfuzzlite .github/workflows/bad.yml: missing: .clusterfuzzlite/project.yaml' \
            'FAIL junit ci/bad.junit.xml'; do
    if printf '%s\n' "$out" | grep -qF "lint: $want"; then
        echo "selftest: ok   lint reported: $want"
    else
        echo "selftest: FAIL lint did not report: $want"
        status=1
    fi
done
exit $status
