module echo.wasm
argv0 echo.wasm
env GREETING=hi
env EQ=a=b c
arg one
arg two words
arg -dash
arg 
