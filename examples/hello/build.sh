#!/usr/bin/env bash
# Rebuilds hello.wasm from hello.wat (needs wat2wasm from wabt) and, when Node is installed, records what
# Node's WASI prints for it (expected-*.txt), which the end-to-end tests compare wasm2jar against.
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm --debug-names hello.wat -o hello.wasm
if command -v node >/dev/null; then
  node ../../compiler/src/test/resources/wasm/reference.mjs run expected hello.wasm hello.wasm --
  node ../../compiler/src/test/resources/wasm/reference.mjs run expected-duke hello.wasm hello.wasm -- Duke
  for p in expected expected-duke; do
    mv "$p.stdout" "$p.txt"
    rm -f "$p.exit" "$p.cmd"
  done
fi
