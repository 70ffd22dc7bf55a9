;; A tiny library module for the plugin's tests: add(i32, i32) -> i32 and a data segment (a resource).
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "adder")
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1))))
