#!/usr/bin/env bash
# install-tools.sh - installs what the fuzz tests need when it is missing: binaryen's wasm-opt (Debian
# package binaryen, version 108 on Debian 12: the translate-to-fuzz generator) and node (Debian package
# nodejs: V8, the reference engine). Needs root (or sudo) for apt-get. CI calls it before the build.
set -eu
missing=""
command -v wasm-opt >/dev/null 2>&1 || missing="$missing binaryen"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
echo "fuzz tools: $(wasm-opt --version), node $(node --version)"
