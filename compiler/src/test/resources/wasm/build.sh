#!/usr/bin/env bash
# Rebuilds the end-to-end fixtures: every .wat to .wasm (wat2wasm from wabt, with the name section so traps
# name their function), then the reference outputs with Node's WASI (reference.mjs).
# Run from anywhere: bash compiler/src/test/resources/wasm/build.sh
set -euo pipefail
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
done

mkdir -p expected
rm -f expected/*
run() { node reference.mjs run "expected/$1" "${@:2}"; }
run hello hello.wasm hello.wasm --
run trap trap.wasm trap.wasm --
run echo echo.wasm echo.wasm --env GREETING=hi --env 'EQ=a=b c' -- one 'two words' -dash ''
run echo-noargs echo.wasm echo.wasm --
run cat cat.wasm cat.wasm --dir data::/data --

invoke() { node reference.mjs invoke numbers.wasm "$@" >> expected/numbers.txt; }
invoke add 2 3
invoke add 2147483647 1
invoke add 4294967295 1
invoke add -5 -7
invoke mul64 4294967296 4294967296
invoke mul64 -3 1000000000000
invoke mul64 18446744073709551615 2
invoke half 3
invoke half -0
invoke half inf
invoke half nan
invoke half 1e308
invoke sqrt32 2
invoke sqrt32 -1
invoke div_s 7 -2
invoke div_s 1 0
invoke div_s -2147483648 -1
invoke swap 7 2.5
invoke nothing
