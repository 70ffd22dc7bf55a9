;; Self-test of the spec harness against the real compiler (HarnessSelfTest): every command
;; marked with a trailing FAIL comment is deliberately wrong and must be reported as failed; all others must pass.
;; Not part of the official suite.

(module
  (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.const nan:0x600001))
  (func (export "negzero") (result f64) (f64.const -0))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "two") (result i32 i64) (i32.const 1) (i64.const -1))
  (func $rec (export "rec") (call $rec))
  (func (export "unreachable") (unreachable))
  (global (export "g") i32 (i32.const 7))
)
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))  ;; FAIL
(assert_return (invoke "add" (i32.const -1) (i32.const 0)) (i32.const 0xffffffff))
(assert_return (invoke "nan") (f32.const nan:arithmetic))
(assert_return (invoke "nan") (f32.const nan:canonical))  ;; FAIL
(assert_return (invoke "nan") (f32.const nan:0x600001))
(assert_return (invoke "nan") (f32.const nan:0x600002))  ;; FAIL
(assert_return (invoke "negzero") (f64.const -0))
(assert_return (invoke "negzero") (f64.const 0))  ;; FAIL
(assert_return (invoke "two") (i32.const 1) (i64.const -1))
(assert_return (invoke "two") (i32.const 1) (i64.const 1))  ;; FAIL
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")  ;; FAIL
(assert_trap (invoke "div" (i32.const 4) (i32.const 2)) "integer divide by zero")  ;; FAIL
(assert_return (invoke "div" (i32.const 1) (i32.const 0)) (i32.const 0))  ;; FAIL
(assert_trap (invoke "unreachable") "unreachable")
(invoke "unreachable")  ;; FAIL
(assert_exhaustion (invoke "rec") "call stack exhausted")
(assert_exhaustion (invoke "add" (i32.const 1) (i32.const 1)) "call stack exhausted")  ;; FAIL
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))  ;; FAIL
(assert_return (invoke "id" (ref.extern 1)) (ref.null extern))  ;; FAIL
(assert_return (get "g") (i32.const 7))
(assert_return (get "g") (i32.const 8))  ;; FAIL

(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")  ;; FAIL
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asm" "\01\00\00\00") "unknown binary version")  ;; FAIL
(assert_malformed (module quote "(func") "unexpected end")
(assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "unknown import")  ;; FAIL
(assert_trap (module (memory 1) (data (i32.const 70000) "x")) "out of bounds memory access")
(assert_trap (module (memory 1) (data (i32.const 0) "x")) "out of bounds memory access")  ;; FAIL

;; registered instances share their state
(module $Mem (memory (export "mem") 1) (func (export "load") (result i32) (i32.load8_u (i32.const 0))))
(register "Mem" $Mem)
(module (memory (import "Mem" "mem") 1) (func (export "store") (i32.store8 (i32.const 0) (i32.const 42))))
(invoke "store")
(assert_return (invoke $Mem "load") (i32.const 42))
(assert_return (invoke $Mem "load") (i32.const 0))  ;; FAIL

;; spectest host module as the reference interpreter defines it
(module
  (import "spectest" "global_f32" (global $f f32))
  (import "spectest" "global_f64" (global $d f64))
  (import "spectest" "print_i32_f32" (func $p (param i32 f32)))
  (func (export "f") (result f32) (call $p (i32.const 1) (global.get $f)) (global.get $f))
  (func (export "d") (result f64) (global.get $d))
)
(assert_return (invoke "f") (f32.const 666.6))
(assert_return (invoke "d") (f64.const 666.6))
(assert_return (invoke "f") (f32.const 666))  ;; FAIL

;; a module that fails to link makes the commands using it fail, not the script
(module (import "spectest" "nope" (func)) (func (export "f")))  ;; FAIL
(invoke "f")  ;; FAIL
(assert_return (invoke $Mem "load") (i32.const 42))
