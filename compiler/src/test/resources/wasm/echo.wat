;; Prints every argv entry on its own line, then a line "--", then every environment entry (NAME=VALUE)
;; on its own line, in the order WASI returns them. Returns normally from _start (exit code 0).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  ;; 0: iovec, 8: nwritten, 12: count, 16: buffer size, 32: "\n", 34: "--\n"
  ;; 1024: pointer array, 65536: string buffer (second page)
  (data (i32.const 32) "\n")
  (data (i32.const 34) "--\n")

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

  ;; prints the NUL-terminated strings whose pointers are at 1024 .. 1024 + 4 * count
  (func $print_all (param $count i32)
    (local $i i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $s (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))))
        (call $write (local.get $s) (call $strlen (local.get $s)))
        (call $write (i32.const 32) (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func $main (export "_start")
    (drop (call $args_sizes_get (i32.const 12) (i32.const 16)))
    (drop (call $args_get (i32.const 1024) (i32.const 65536)))
    (call $print_all (i32.load (i32.const 12)))
    (call $write (i32.const 34) (i32.const 3))
    (drop (call $environ_sizes_get (i32.const 12) (i32.const 16)))
    (drop (call $environ_get (i32.const 1024) (i32.const 65536)))
    (call $print_all (i32.load (i32.const 12)))))
