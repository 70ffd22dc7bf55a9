#!/usr/bin/env bash
# update-known-failures.sh - rewrite test-suite/src/test/resources/spec/known-failures.txt
# from the failures of the last complete spec run (test-suite/target/spec-failures.txt,
# written by SpecSuiteTest), so that the spec gate passes with exactly the current failures.
#
# Usage: test-suite/spec/update-known-failures.sh [--force] [spec-failures.txt]
#   --force   also accept the output of a partial run (-Dspec.files=...); entries of
#             files that did not run are then lost.
#
# Every entry is "file.wast:LINE  # command: reason". Review the diff: entries that
# appear are regressions unless the compiler gained a new module of the test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
failures=${1:-$here/../target/spec-failures.txt}
list=$here/../src/test/resources/spec/known-failures.txt

[ -f "$failures" ] || { echo "no $failures: run the spec suite first (mvn -B -o verify)" >&2; exit 1; }
if ! head -n1 "$failures" | grep -q '^# complete run' && [ "$force" = 0 ]; then
    echo "$failures comes from a partial run ($(head -n1 "$failures")); rerun all files or pass --force" >&2
    exit 1
fi
before=0
[ -f "$list" ] && before=$(grep -cv '^[[:space:]]*\(#\|$\)' "$list" || true)

tmp=$(mktemp)
{
    echo "# Spec-test commands allowed to fail (file.wast:LINE  # reason) while the compiler is incomplete."
    echo "# Read by dev.wasm2jar.tests.spec.SpecSuiteTest: a failure not listed here fails the build, and"
    echo "# so does a listed entry that passes (the list can only shrink)."
    echo "# Regenerate from the last complete run: test-suite/spec/update-known-failures.sh"
    grep -v '^#' "$failures" | awk '
        {
            key = $1   # a line with two failing commands is listed twice (left-to-right.wast)
            reason = substr($0, length(key) + 2)
            if (length(reason) > 160) reason = substr(reason, 1, 157) "..."
            print key "  # " reason
        }'
} > "$tmp"
mv "$tmp" "$list"
after=$(grep -cv '^[[:space:]]*\(#\|$\)' "$list" || true)
echo "known-failures.txt: $after entries (was $before)"
