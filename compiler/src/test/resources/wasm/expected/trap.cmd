module trap.wasm
argv0 trap.wasm
