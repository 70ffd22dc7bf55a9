#!/usr/bin/env bash
# mutate.sh COUNT SEED [CORPUS_DIR [FINDINGS_DIR]] - hostile-binary fuzzing: COUNT seeded mutations of the
# corpus (default test-suite/src/test/resources/fuzz-corpus) through WasmCompiler.compile, class loading,
# instantiation and zero-argument calls of every export. Prints one FINDING line per crash, hang or
# class the JVM rejects, the outcome counts and closes with "N passed, N failed". The JVM is bounded
# (-Xmx1g) so a module that makes the compiler or runtime allocate without limit shows up as a finding
# instead of eating the machine. See fuzz/README.md.
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: $0 COUNT SEED [CORPUS_DIR [FINDINGS_DIR]]" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${3:-$here/../src/test/resources/fuzz-corpus}"
findings="${4:-$here/../target/mutation-findings}"
cp="$(bash "$here/classpath.sh")"
exec java -Xmx1g -cp "$cp" dev.wasm2jar.tests.fuzz.MutationFuzzer "$1" "$2" "$corpus" "$findings"
