module echo.wasm
argv0 echo.wasm
