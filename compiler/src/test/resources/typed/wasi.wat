;; A WASI library function: hello() writes "hi from wasi\n" to stdout with fd_write.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "tick" (func $tick))
  (memory (export "memory") 1)
  (data (i32.const 8) "hi from wasi\n")
  (func (export "hello") (result i32)
    (call $tick)
    (i32.store (i32.const 0) (i32.const 8))
    (i32.store (i32.const 4) (i32.const 13))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 100)))
)
