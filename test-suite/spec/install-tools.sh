#!/usr/bin/env bash
# install-tools.sh - install the tools the spec-test harness needs at build time:
# wast2json (Debian package wabt, 1.0.32 on Debian 12), which converts the .wast
# scripts to JSON + .wasm in test-suite/target/spec-json/. Does nothing when
# wast2json is already on PATH. Needs root (or sudo) for apt-get.
set -eu
if command -v wast2json >/dev/null 2>&1; then
    echo "wast2json present: $(wast2json --version)"
    exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update
$SUDO apt-get install -y wabt
echo "installed wast2json $(wast2json --version)"
