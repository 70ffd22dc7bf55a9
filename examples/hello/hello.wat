;; WASI "hello world" for the README: prints "Hello, world!" or, given an argument, "Hello, <argument>!".
;; Built with build.sh (wat2wasm from wabt); the .wasm is committed so no tools are needed to try wasm2jar.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: iovec, 8: bytes written, 12: argc, 16: argv buffer size,
  ;; 32: "Hello, ", 48: "world", 56: "!\n", 1024: argv pointers, 4096: argv strings
  (data (i32.const 32) "Hello, ")
  (data (i32.const 48) "world")
  (data (i32.const 56) "!\n")

  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func $strlen (param $p i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  (func $main (export "_start")
    (local $name i32)
    (drop (call $args_sizes_get (i32.const 12) (i32.const 16)))
    ;; the argv strings must fit between 4096 and the end of the page
    (if (i32.gt_u (i32.load (i32.const 16)) (i32.const 61440))
      (then (i32.store (i32.const 12) (i32.const 0))))
    (call $write (i32.const 32) (i32.const 7))
    (if (i32.ge_u (i32.load (i32.const 12)) (i32.const 2))
      (then
        (drop (call $args_get (i32.const 1024) (i32.const 4096)))
        (local.set $name (i32.load (i32.const 1028)))
        (call $write (local.get $name) (call $strlen (local.get $name))))
      (else
        (call $write (i32.const 48) (i32.const 5))))
    (call $write (i32.const 56) (i32.const 2))))
