#!/usr/bin/env bash
# classpath.sh - compiles the project's test classes (offline) and prints the test-suite's test classpath,
# with the reactor modules' target/classes instead of any installed snapshot. Sourced by the fuzz scripts.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cpfile="$root/test-suite/target/fuzz-classpath.txt"
mvn -B -q -o -f "$root/pom.xml" test-compile dependency:build-classpath -pl test-suite -am \
    -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test -Dstyle.color=never >&2
echo "$root/test-suite/target/test-classes:$(cat "$cpfile")"
