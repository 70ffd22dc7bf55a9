module hello.wasm
argv0 hello.wasm
