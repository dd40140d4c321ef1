#!/bin/sh
# Offline lint of the CI definitions; any finding fails.
#   lint.sh [--tools DIR] [--root DIR]
# Checks, in order:
#   - yamllint: .yamllint, .github/**/*.yml, .clusterfuzzlite/*.yaml (strict)
#   - ShellCheck: every *.sh of the repo (build dirs excepted) and the sh
#              scripts in ci/ whatever their name
#   - PowerShell: every *.ps1 parses with the tree-sitter PowerShell grammar
#              (.github/lint/ps1-syntax.cjs; no PowerShell on Debian)
#   - workflows: @action-validator/cli; ShellCheck on every bash/sh `run:`
#              step (.github/lint/run-blocks.cjs); the npm tools are pinned
#              by .github/lint/package-lock.json and installed once into DIR
#              (default build/tools); then our own rules:
#              remote actions pinned by a 40-hex commit SHA, a top-level
#              `permissions:`, every repo path a workflow names exists, and
#              an `if:` on outputs of earlier steps/jobs or on an artifact
#              step names a status function (.github/lint/if-status.cjs).
#              A workflow using ClusterFuzzLite needs .clusterfuzzlite/{project.yaml,
#              Dockerfile,build.sh}.
#   - JUnit: cn_report's JUnit of conformance/tests/sample and any *.junit.xml
#              read as dorny/test-reporter reads them (xml2js; names, times,
#              failure messages, counts; .github/lint/junit-reader.cjs).
# --root lints another tree with this repo's rules (the self-test's bad tree).
# Prints one line per check and a closing `lint: N passed, N failed`.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)

tools=$repo/build/tools
root=$repo
while [ $# -gt 0 ]; do
    case $1 in
    --tools)
        [ $# -ge 2 ] || { echo "lint: --tools needs a directory" >&2; exit 2; }
        mkdir -p "$2" && tools=$(cd "$2" && pwd)
        shift 2
        ;;
    --root)
        if [ $# -lt 2 ] || [ ! -d "$2" ]; then echo "lint: --root needs a directory" >&2; exit 2; fi
        root=$(cd "$2" && pwd)
        shift 2
        ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "lint: unknown argument: $1 (usage: lint.sh [--tools DIR] [--root DIR])" >&2; exit 2 ;;
    esac
done

for t in yamllint shellcheck node npm; do
    command -v "$t" >/dev/null 2>&1 || { echo "lint: '$t' not found; run ci/bootstrap.sh (as root)" >&2; exit 1; }
done

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "lint: ok   $1"; }
fail() { failed=$((failed + 1)); echo "lint: FAIL $1"; }

# Files of the source tree, never build output, dependencies or the
# self-test's deliberately bad tree.
srcfiles() {
    find . \( -name .git -o -name 'build' -o -name 'build-*' -o -name node_modules -o -name .ci \
        -o -path ./.github/lint/selftest \) -prune -o -type f "$@" -print | sed 's|^\./||' | LC_ALL=C sort
}
cfg=$repo/.yamllint
lock=$repo/.github/lint/package-lock.json
cd "$root"

workflows=$(srcfiles -path './.github/workflows/*' \( -name '*.yml' -o -name '*.yaml' \))
[ -n "$workflows" ] || { fail "no workflow in .github/workflows"; }

# --- yamllint
yaml=$([ ! -f .yamllint ] || echo .yamllint; printf '%s\n' "$workflows"; srcfiles -path './.clusterfuzzlite/*' \( -name '*.yml' -o -name '*.yaml' \))
for f in $yaml; do
    if out=$(yamllint -s -c "$cfg" "$f" 2>&1); then
        pass "yamllint $f"
    else
        printf '%s\n' "$out"
        fail "yamllint $f"
    fi
done

# --- shellcheck: every *.sh, plus files in ci/ whose first line runs sh.
scripts=$(
    srcfiles -name '*.sh'
    for f in $(srcfiles -path './ci/*' ! -name '*.*'); do
        head -n1 "$f" | grep -q '^#!.*sh' && echo "$f"
    done
)
for f in $(printf '%s\n' "$scripts" | LC_ALL=C sort -u); do
    if out=$(shellcheck -x "$f" 2>&1); then
        pass "shellcheck $f"
    else
        printf '%s\n' "$out"
        fail "shellcheck $f"
    fi
done

# --- npm validators, pinned by the lockfile; reinstalled only when it changed.
validator=$tools/node_modules/.bin/action-validator
if [ ! -x "$validator" ] || ! cmp -s "$lock" "$tools/package-lock.json"; then
    echo "lint: installing the npm validators into $tools (npm ci)"
    mkdir -p "$tools"
    cp "$repo/.github/lint/package.json" "$lock" "$tools/"
    if ! npm ci --prefix "$tools" --ignore-scripts --no-audit --no-fund --loglevel=error >"$tools/npm.log" 2>&1; then
        cat "$tools/npm.log"
        rm -f "$tools/package-lock.json"
        echo "lint: FAIL npm ci of the validators (see above); the npm registry must be reachable once" >&2
        exit 1
    fi
fi
for f in $(srcfiles -name '*.ps1'); do
    if out=$(NODE_PATH=$tools/node_modules node "$repo/.github/lint/ps1-syntax.cjs" "$f" 2>&1); then
        pass "ps1-syntax $f"
    else
        printf '%s\n' "$out"
        fail "ps1-syntax $f"
    fi
done
for f in $workflows; do
    if out=$(node "$validator" "$f" 2>&1); then
        pass "action-validator $f"
    else
        printf '%s\n' "$out"
        fail "action-validator $f"
    fi
    if out=$(NODE_PATH=$tools/node_modules node "$repo/.github/lint/run-blocks.cjs" "$f" 2>&1); then
        pass "run-steps $f"
    else
        printf '%s\n' "$out"
        fail "run-steps $f"
    fi
    if out=$(NODE_PATH=$tools/node_modules node "$repo/.github/lint/if-status.cjs" "$f" 2>&1); then
        pass "if-status $f"
    else
        printf '%s\n' "$out"
        fail "if-status $f"
    fi
done

# --- our own workflow rules
for f in $workflows; do
    # Remote actions by full commit SHA; local (./) and docker:// are exempt.
    bad=$(grep -nE '^[[:space:]-]*uses:' "$f" \
        | grep -vE 'uses:[[:space:]]*["'\'']?(\./|docker://)' \
        | grep -vE 'uses:[[:space:]]*["'\'']?[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}["'\'']?([[:space:]]|$)' || true)
    if [ -z "$bad" ]; then pass "pinned-sha $f"; else printf '%s\n' "$bad"; fail "pinned-sha $f: actions not pinned by commit SHA"; fi

    if grep -qE '^permissions:' "$f"; then pass "permissions $f"; else fail "permissions $f: no top-level permissions:"; fi

    # Repo paths named in the workflow (outputs under build/ excepted) must exist.
    missing=$(grep -v '^[[:space:]]*#' "$f" \
        | grep -oE '(^|[[:space:]"'\''=:(])(\./)?\.?(ci|\.github|\.clusterfuzzlite|toolchains|fuzz|wine-tests|wine-patch|reference|conformance|docs)/[A-Za-z0-9_./-]*[A-Za-z0-9_]' \
        | sed -E 's/^[[:space:]"'\''=:(]//; s|^\./||' | LC_ALL=C sort -u \
        | while read -r p; do
            # A pattern must match something; anything else must exist.
            # shellcheck disable=SC2086 # p may be a glob on purpose
            ls -d $p >/dev/null 2>&1 || printf ' %s' "$p"
        done)
    if [ -z "$missing" ]; then pass "paths $f"; else fail "paths $f: missing:$missing"; fi

    if grep -q 'uses:.*google/clusterfuzzlite/' "$f"; then
        missing=""
        for c in project.yaml Dockerfile build.sh; do
            [ -f ".clusterfuzzlite/$c" ] || missing="$missing .clusterfuzzlite/$c"
        done
        if [ -z "$missing" ]; then pass "clusterfuzzlite $f"; else fail "clusterfuzzlite $f: missing:$missing"; fi
    fi
done

# --- JUnit as the CI's test reporter reads it (dorny/test-reporter, java-junit):
# cn_report's JUnit of the sample run (one testcase per check), and any
# *.junit.xml kept in the tree.
junit() { # FILE [TESTCASES]
    if out=$(NODE_PATH=$tools/node_modules node "$repo/.github/lint/junit-reader.cjs" "$@" 2>&1); then
        pass "junit $1"
    else
        printf '%s\n' "$out"
        fail "junit $1"
    fi
}
sample=conformance/tests/sample
if [ -f "$sample/results.tsv" ]; then
    scratch=$(mktemp -d) || exit 1
    if report=$(sh "$repo/conformance/report/build.sh" "$scratch" 2>"$scratch/build.err") &&
        "$report" junit "$sample" >"$scratch/sample.junit.xml" 2>"$scratch/junit.err"; then
        cp "$scratch/sample.junit.xml" "$tools/sample.junit.xml"
        junit "$tools/sample.junit.xml" "$(grep -c . "$sample/results.tsv")"
    else
        cat "$scratch/build.err" "$scratch/junit.err" 2>/dev/null
        fail "junit $sample: cn_report junit failed"
    fi
    rm -rf "$scratch"
fi
for f in $(srcfiles -name '*.junit.xml'); do junit "$f"; done

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
