#!/usr/bin/env bash
# Rebuilds the committed WASI modules (*.wasm) of the C benchmark kernels in this folder.
# Needs Debian 12's clang, lld and wasi-libc (and libclang-rt-14-dev-wasm32 for compiler-rt builtins):
#   apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
# The native builds are not committed; cbench.sh makes them with gcc -O2 at benchmark time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian's clang, given only --target=wasm32-wasi, would also search the host's /usr/include. A two-symlink
# sysroot view shows it wasi-libc's headers and libraries only (the same recipe as the python workload).
sysroot="$(mktemp -d)"
trap 'rm -rf "$sysroot"' EXIT
mkdir -p "$sysroot/lib"
ln -s /usr/include/wasm32-wasi "$sysroot/include"
ln -s /usr/lib/wasm32-wasi "$sysroot/lib/wasm32-wasi"

CLANG="${CLANG:-clang}"
for src in *.c; do
  out="${src%.c}.wasm"
  # --strip-debug drops the DWARF that wasi-libc's archives carry; the name section stays (trap messages).
  "$CLANG" --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -Werror -Wl,--strip-debug -o "$out" "$src"
  echo "built $out ($(stat -c %s "$out") bytes)"
done
