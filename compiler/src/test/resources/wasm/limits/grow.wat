;; Grows memory one page at a time until memory.grow fails; exits with the final page count (mod 256).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (block $done
      (loop $more
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $more)))
    (call $exit (i32.and (memory.size) (i32.const 255)))))
