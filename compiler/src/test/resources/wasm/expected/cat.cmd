module cat.wasm
argv0 cat.wasm
dir data::/data
