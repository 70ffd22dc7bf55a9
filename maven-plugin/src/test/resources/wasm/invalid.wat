;; Fails validation: the second function returns an i64 where its type says i32 (built with --no-check).
(module
  (func $ok (result i32) (i32.const 1))
  (func $bad (result i32) (i64.const 0)))
