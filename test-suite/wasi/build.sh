#!/usr/bin/env bash
# Rebuilds test-suite/wasi/wasm/*.wasm from test-suite/wasi/c/*.c with Debian's toolchain:
#   apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
# (the same packages that built shared/workloads/python). Output is deterministic for a given toolchain.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sysroot="$(mktemp -d)"
trap 'rm -rf "$sysroot"' EXIT
# Debian's clang would also search the host's /usr/include; a two-symlink sysroot limits it to wasi-libc.
mkdir -p "$sysroot/lib"
ln -s /usr/include/wasm32-wasi "$sysroot/include"
ln -s /usr/lib/wasm32-wasi "$sysroot/lib/wasm32-wasi"
cc=(clang --target=wasm32-wasi "--sysroot=$sysroot" -O2 -Wall -Wno-unused-result -Wl,--strip-debug)
mkdir -p "$here/wasm"
for src in "$here"/c/*.c; do
    name="$(basename "$src" .c)"
    "${cc[@]}" -o "$here/wasm/$name.wasm" "$src"
    echo "built wasm/$name.wasm"
done
