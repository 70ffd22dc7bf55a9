#!/usr/bin/env bash
# differential.sh COUNT SEED [FAILURES_DIR] - differential fuzzing of wasm2jar against V8 (node).
# Generates COUNT modules with binaryen's wasm-opt -ttf from seeded random bytes, runs every export on
# both engines, prints one MISMATCH line per disagreeing module and closes with "N passed, N failed".
# Mismatching modules land in FAILURES_DIR (default test-suite/target/fuzz-failures) with V8's transcript
# (.expected) and wasm2jar's (.actual). Exit code 0 when nothing failed. See fuzz/README.md.
# FUZZ_BINARYEN=npm: generate with npm's binaryen 132 (installed under test-suite/target/npm-binaryen)
# with reference types as well; slower (about 1 s per module).
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: $0 COUNT SEED [FAILURES_DIR]" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
failures="${3:-$here/../target/fuzz-failures}"
cp="$(bash "$here/classpath.sh")"
if [[ "${FUZZ_BINARYEN:-}" == npm && -z "${FUZZ_WASM_OPT:-}" ]]; then
    # newer binaryen from npm (JS build) for reference types; installed once under target/
    prefix="$here/../target/npm-binaryen"
    [[ -x "$prefix/node_modules/.bin/wasm-opt" ]] || npm install --silent --prefix "$prefix" binaryen@132 >&2
    export FUZZ_WASM_OPT="$prefix/node_modules/.bin/wasm-opt"
fi
exec java -Xmx2g -Xss16m -cp "$cp" -Dwasm2jar.fuzzDir="$here" \
    dev.wasm2jar.tests.fuzz.DifferentialFuzzer "$1" "$2" "$failures"
