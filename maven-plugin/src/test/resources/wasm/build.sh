#!/usr/bin/env bash
# Rebuilds the plugin's test modules with wabt's wat2wasm; invalid.wasm deliberately skips validation.
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm --debug-names adder.wat -o adder.wasm
wat2wasm --debug-names --no-check invalid.wat -o invalid.wasm
