#!/usr/bin/env bash
# Rebuilds src/main/wasm/textlib.wasm from src/main/c/textlib.c. Needs clang and lld with the wasm32
# target (Debian: apt-get install clang lld). The built .wasm is committed, so the Maven build itself
# needs no C toolchain.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p src/main/wasm
clang --target=wasm32-unknown-unknown -O2 -nostdlib \
  -Wl,--no-entry \
  -o src/main/wasm/textlib.wasm src/main/c/textlib.c
