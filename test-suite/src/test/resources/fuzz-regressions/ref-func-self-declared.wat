;; P3 (FINDINGS.md): a function taking a reference to itself is declared by an export, an active element
;; segment, an element expression or a global initialiser, not only by a declarative segment (Wasm 2.0:
;; C.refs). Chicory rejected all but the last form as "undeclared function reference"; V8 accepts them.
;; The expected transcript is run-v8.mjs's output.
(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (table $t 2 funcref)
  (func $by-export (export "by-export") (result i32)
    (call $log (ref.is_null (ref.func $by-export)))
    (i32.const 1))
  (func $by-active (result i32)
    (ref.is_null (ref.func $by-active)))
  (elem (i32.const 0) $by-active)
  (func $by-expression (result i32)
    (ref.is_null (ref.func $by-expression)))
  (elem (table $t) (i32.const 1) funcref (ref.func $by-expression))
  (func $by-global (result i32)
    (ref.is_null (ref.func $by-global)))
  (global funcref (ref.func $by-global))
  (type $r (func (result i32)))
  (func (export "via-table") (result i32 i32)
    (call_indirect $t (type $r) (i32.const 0))
    (call_indirect $t (type $r) (i32.const 1)))
  (func (export "by-global") (result i32) (call $by-global)))
