#!/usr/bin/env bash
# Rebuilds the typed-API fixtures (.wat to .wasm with wabt's wat2wasm, keeping the name section).
# Run from anywhere: bash compiler/src/test/resources/typed/build.sh
set -euo pipefail
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
done
